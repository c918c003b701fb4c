"""A report table as a CSV file that spreadsheet apps open correctly.

UTF-8 with a byte-order mark (so Excel reads accents and Arabic), translated headers, ISO 8601
dates, ``.`` as the decimal mark, and text cells that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) neutralised with a
leading apostrophe. The file is written beside its target and renamed at the end, so a
cancelled or failed export leaves no half file.
"""

from __future__ import annotations

import csv
import math
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from navigator.files import written_beside
from navigator.i18n import _
from navigator.reports.tables import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportCancelled(Exception):
    """The export was cancelled; nothing was written."""


def safe_text(text: str) -> str:
    """A text cell that no spreadsheet will run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""  # nothing to show; and '-inf' would start a formula
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    return safe_text(str(value).replace("\x00", ""))


def headers(table: Table) -> list[str]:
    return [safe_text(_(c.header)) for c in table.columns]


def write_csv(table: Table, path: Path, *, cancel: threading.Event | None = None,
              progress: Callable[[int, int], None] | None = None) -> Path:
    """Write ``table`` to ``path``; raises :class:`ExportCancelled` (no file left) when
    ``cancel`` is set, ``OSError`` when the disk refuses (no file left either)."""
    total = len(table.rows)
    empty = _("The CSV file could not be written. Check that the disk has free space.")
    with written_beside(Path(path), empty_message=empty) as part, \
            open(part, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(headers(table))
        for done, row in enumerate(table.rows, 1):
            if cancel is not None and cancel.is_set():
                raise ExportCancelled()
            writer.writerow([cell(v) for v in row])
            if progress is not None and (done % 500 == 0 or done == total):
                progress(done, total)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(path)

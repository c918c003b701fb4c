"""What the terminal commands share: opening the data folder with a message, not a traceback."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from navigator.services import Services


def open_services(data_dir: Path | None) -> Services | None:
    """The services on ``data_dir``; ``None`` (the reason printed on stderr) when the
    database cannot be used (damaged, locked, read-only, disk full)."""
    from navigator.services import Services
    from navigator.storage.database import DatabaseUnavailable

    try:
        return Services.start(data_dir)
    except DatabaseUnavailable as exc:
        print(exc.message, file=sys.stderr)
        return None

"""Remembering that the database passed ``PRAGMA quick_check``, so that start-up can skip it.

``quick_check`` reads every page: 0.3 s on a 250 MB database, a third of the start-up time
on an agency's laptop. A file that has not changed since it last passed one does not need it
again. After each check that passes (at start and on leaving the app), a small file beside
the database, ``navigator.db.checked``, notes the database's size and modification time.
At the next start the check is skipped only when:

* that note is there, readable, and names the same size and modification time (a crash
  with writes checkpointed, a file truncated, a page overwritten, a copy put in its place
  all change one of them), and
* there is no write-ahead log with data in it (a crash before a checkpoint leaves one; a
  clean close removes it).

Anything else, including a note that cannot be read, means the check runs. The note is
never a reason to trust a file less: it can only skip a check that would have passed.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from navigator.files import write_text_atomically

log = logging.getLogger(__name__)

SUFFIX = ".checked"


def marker_path(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


def _state(database: Path) -> dict[str, int] | None:
    try:
        stat = database.stat()
    except OSError:
        return None
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def still_checked(database: Path) -> bool:
    """True when ``database`` is as it was when it last passed ``quick_check``."""
    try:
        noted = json.loads(marker_path(database).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    wal = database.with_name(database.name + "-wal")
    try:
        if wal.stat().st_size > 0:
            return False
    except FileNotFoundError:
        pass
    except OSError:
        return False
    state = _state(database)
    return state is not None and noted == state


def mark_checked(database: Path) -> None:
    """Note that ``database``, as it is now, passed ``quick_check`` (never raises: without
    the note the next start only checks again)."""
    state = _state(database)
    if state is None:
        return
    try:
        write_text_atomically(marker_path(database), json.dumps(state))
    except OSError as exc:
        log.info("could not note the database as checked: %s", exc)


def forget_checked(database: Path) -> None:
    """Remove the note (the database is about to be replaced)."""
    try:
        os.unlink(marker_path(database))
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.info("could not remove %s: %s", marker_path(database), exc)

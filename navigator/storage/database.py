"""Opening the database safely: WAL, foreign keys, an integrity check, clear errors.

A database that cannot be opened (locked, read-only, corrupt, missing folder) raises
:class:`DatabaseUnavailable` with a message for the user; nothing is ever overwritten.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from enum import Enum
from pathlib import Path

from sqlite_utils import Database

from navigator.i18n import _
from navigator.storage.checked import mark_checked
from navigator.storage.filesystems import is_network_folder

log = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 5.0


class Reason(str, Enum):
    CORRUPT = "corrupt"
    LOCKED = "locked"
    READ_ONLY = "read-only"
    FULL = "full"
    UNAVAILABLE = "unavailable"


class DatabaseUnavailable(Exception):
    """The database cannot be used. ``message`` is written for the user."""

    def __init__(self, reason: Reason, path: Path, detail: str = ""):
        self.reason = reason
        self.path = path
        self.detail = detail
        super().__init__(f"{reason.value}: {path}: {detail}")

    @property
    def message(self) -> str:
        if self.reason is Reason.CORRUPT:
            return _("Navigator's database is damaged and cannot be opened. Nothing has been "
                     "changed or deleted. Ask your administrator to restore it from a backup "
                     "(in the 'backups' folder beside it).\n\nDatabase: {path}"
                     ).format(path=self.path)
        if self.reason is Reason.LOCKED:
            return _("Navigator's database is being used by another program. Close the other "
                     "Navigator window (or wait a moment) and try again.\n\nDatabase: {path}"
                     ).format(path=self.path)
        if self.reason is Reason.READ_ONLY:
            return _("Navigator cannot save to its database because the file or its folder is "
                     "read-only. Ask your administrator to allow writing there.\n\n"
                     "Database: {path}").format(path=self.path)
        if self.reason is Reason.FULL:
            return _("The disk is full, so Navigator could not save. Everything saved before "
                     "is safe. Free some space on the disk and try again.\n\nDatabase: {path}"
                     ).format(path=self.path)
        return _("Navigator cannot open its database ({detail}). Check that the disk is "
                 "connected and has free space.\n\nDatabase: {path}"
                 ).format(detail=self.detail, path=self.path)


def classify(error: BaseException, path: Path) -> DatabaseUnavailable:
    """Turn an ``sqlite3``/OS error into a :class:`DatabaseUnavailable`."""
    text = str(error).lower()
    if "full" in text or getattr(error, "errno", None) == 28:
        reason = Reason.FULL
    elif "locked" in text or "busy" in text:
        reason = Reason.LOCKED
    elif "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
        reason = Reason.READ_ONLY
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        reason = Reason.CORRUPT
    else:
        reason = Reason.UNAVAILABLE
    return DatabaseUnavailable(reason, path, str(error))


def journal_mode(folder: Path) -> str:
    """``wal``, or ``delete`` (the rollback journal) on a network share, where WAL's shared
    memory is not safe; said in the log."""
    if is_network_folder(folder):
        log.warning("%s is on a network share: using the rollback journal, not WAL", folder)
        return "delete"
    return "wal"


def connect(path: Path, *, check: bool = False) -> Database:
    """Open ``path`` (created if missing) in WAL mode (the rollback journal on a network
    share) with foreign keys on.

    With ``check``, run ``PRAGMA quick_check`` and refuse a damaged file.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise classify(exc, path) from exc
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseUnavailable(Reason.READ_ONLY, path)
    if not os.access(path.parent, os.W_OK):
        raise DatabaseUnavailable(Reason.READ_ONLY, path)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS,
                               check_same_thread=True)
    except sqlite3.Error as exc:
        raise classify(exc, path) from exc
    try:
        if check:  # before anything writes to the file, so a damaged one stays as it is
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed: {result}")
            mark_checked(path)  # the next start can skip it while the file stays as it is
        wanted = journal_mode(path.parent)
        mode = conn.execute(f"PRAGMA journal_mode={wanted}").fetchone()[0]
        if str(mode).lower() != wanted:
            raise sqlite3.OperationalError(f"database is locked (journal mode {mode})")
        conn.execute("PRAGMA foreign_keys=ON")
        # Deleted rows are overwritten with zeros: a client deleted for good leaves no trace
        # in the file (clients live on shared computers).
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.Error as exc:
        conn.close()
        raise classify(exc, path) from exc
    return Database(conn, execute_plugins=False)

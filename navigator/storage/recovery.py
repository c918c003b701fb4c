"""Recovery at start: a damaged database is set aside and the newest good backup restored.

Nothing is deleted: the damaged file (with its ``-wal`` and ``-shm``) is renamed
``navigator.db.damaged-YYYYMMDD-HHMMSS`` beside it, where an IT person can still try to
rescue it. The caller tells the user what happened and from when the restored data dates.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from navigator import paths
from navigator.storage.backup import Backup, check_file, newest_good_backup, restore_file, set_aside

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recovery:
    problem: str            # what SQLite said about the damaged file
    set_aside: Path         # where the damaged file now is
    restored: Backup | None  # the backup put in its place; None: Navigator starts empty


def recover_database(folder: Path) -> Recovery:
    """Set the damaged database of ``folder`` aside and restore the newest good backup."""
    database = paths.database_path(folder)
    problem = check_file(database)
    moved = set_aside(database, "damaged")
    log.warning("damaged database (%s) moved to %s", problem, moved)
    backup = newest_good_backup(paths.backups_dir(folder))
    if backup is not None:
        restore_file(backup.path, database)
        log.warning("restored the backup %s", backup.path.name)
    return Recovery(problem, moved, backup)

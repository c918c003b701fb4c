"""The services the app and the CLI share, built once by the composition root."""

from __future__ import annotations

import logging
import sqlite3
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from navigator import paths
from navigator.library import PackFailure, PackLibrary, install_builtin_packs
from navigator.storage.backup import backup_due, backup_file, take_backup
from navigator.storage.checked import forget_checked, mark_checked, still_checked
from navigator.storage.database import DatabaseUnavailable, Reason
from navigator.storage.lane import StorageLane
from navigator.storage.migrations import migrate
from navigator.storage.recovery import Recovery, recover_database

log = logging.getLogger(__name__)


@dataclass
class Services:
    data_dir: Path
    lane: StorageLane
    library: PackLibrary
    pack_failures: list[PackFailure] = field(default_factory=list)
    migration_backup: Path | None = None
    recovery: Recovery | None = None  # the database was damaged and has been replaced
    checked: bool = True  # quick_check ran at start (False: unchanged since it last passed)
    # Slow work that is not a database write (reading a pack from disk) runs here, off the
    # UI thread; writes go through the storage lane.
    workers: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="navigator"))

    @classmethod
    def start(cls, data_dir: Path | None = None, *, curriculum: Path | None = None,
              recover: bool = False) -> Services:
        """Open (and migrate) the database, then install new or changed built-in packs.

        A damaged database raises :class:`~navigator.storage.database.DatabaseUnavailable`
        and is left as it is, unless ``recover`` (the app): then it is set aside and the
        newest good backup restored (``services.recovery`` says what happened). Other
        problems (locked, read-only, full) always raise; nothing is overwritten.
        """
        folder = data_dir or paths.data_dir()
        recovery = None
        database = paths.database_path(folder)
        try:
            # quick_check reads the whole file: skipped when it has not changed since it
            # last passed one (storage.checked says when)
            checked = not still_checked(database)
            if not checked:
                log.info("database unchanged since it last passed quick_check: not checked")
            lane = StorageLane(database, check=checked)
        except DatabaseUnavailable as exc:
            if not (recover and exc.reason is Reason.CORRUPT):
                raise
            recovery = recover_database(folder)
            checked = True
            lane = StorageLane(database, check=True)
        try:
            backup = lane.submit_unwrapped(
                migrate, backup_folder=paths.backups_dir(folder)).result()
            packs = paths.packs_dir(folder)
            if packs.is_dir() and any(p.name.startswith(".") for p in packs.iterdir()):
                from navigator.pack_import import remove_leftovers  # only then: start stays light

                remove_leftovers(packs)  # an import cut short by a crash
            failures = install_builtin_packs(lane, curriculum or paths.curriculum_dir())
        except BaseException:
            lane.close()
            raise
        return cls(folder, lane, PackLibrary(lane), failures, backup, recovery, checked)

    def backup_if_due(self) -> Future[Path | None]:
        """Back up the database on a worker when the newest backup is a day old (or there is
        none); the future gives the new backup's path, or None when none was due."""
        def run() -> Path | None:
            folder = paths.backups_dir(self.data_dir)
            if not backup_due(folder):
                return None
            return backup_file(paths.database_path(self.data_dir), folder, "daily")

        return self.workers.submit(run)

    def close(self, *, backup: bool = False) -> Path | None:
        """Finish the work in progress and close the database. With ``backup`` (leaving the
        app), check it first (``quick_check``) and back it up when it is sound; returns the
        backup's path, or None."""
        self.workers.shutdown(wait=True)
        taken = None
        if backup:
            try:
                taken = self.lane.submit_unwrapped(backup_on_exit, folder=paths.backups_dir(
                    self.data_dir)).result()
            except (OSError, sqlite3.Error, DatabaseUnavailable) as exc:
                log.warning("no backup on exit: %s", exc)
        self.lane.close()
        if backup:  # checked and backed up: noted; not: the next start checks again
            database = paths.database_path(self.data_dir)
            if taken is not None:
                mark_checked(database)
            else:
                forget_checked(database)
        return taken


def backup_on_exit(db: Database, *, folder: Path) -> Path | None:
    """On the lane: ``quick_check``, then a backup of a sound database."""
    try:
        result = db.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:  # damage bad enough to stop the check itself
        result = str(exc)
    if result != "ok":
        log.warning("no backup on exit: the database does not check: %s", result)
        return None
    return take_backup(db.conn, folder, "exit")

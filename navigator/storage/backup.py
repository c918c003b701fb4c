"""Backups of the database: SQLite's online backup API, never a copy of a live file.

A backup is ``backups/navigator-YYYYMMDD-HHMMSS-REASON.db`` (UTC), written beside its final
name and renamed once it passes ``PRAGMA quick_check``, so a cut-off backup never looks
good. Rotation keeps every backup of the last 24 hours, the newest of each of the last 7 days,
4 weeks and 6 months, plus the 3 newest taken before a risky change (a migration, a pack
upgrade) and the 3 newest taken by hand.
No Qt here: the app, the terminal (``navigator db``) and the tests share it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from navigator.files import written_beside
from navigator.i18n import _
from navigator.storage.checked import forget_checked

if TYPE_CHECKING:
    from navigator.storage.lane import StorageLane

NAME = re.compile(r"^navigator-(\d{8}-\d{6})(?:-\d+)?-([a-z0-9-]+)\.db$")
LEGACY_NAME = re.compile(r"^navigator-(before-[a-z0-9_-]+)-(\d{8}-\d{6})-\d+\.db$")
STAMP = "%Y%m%d-%H%M%S"
DAILY, WEEKLY, MONTHLY, RISKY = 7, 4, 6, 3
PAGES_PER_STEP = 256  # about 1 MB at a time: progress, and a cancel, between steps


class BackupCancelled(Exception):
    """The person asked to stop; nothing was written."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # UTC
    reason: str         # daily, exit, manual, before-..., (a migration name)
    size: int

    @property
    def risky_change(self) -> bool:
        return self.reason.startswith("before-")


def parse_name(path: Path) -> tuple[datetime, str] | None:
    """(time taken, reason) from a backup's file name; None for other files."""
    match = NAME.match(path.name)
    if match:
        stamp, reason = match.group(1), match.group(2)
    else:
        legacy = LEGACY_NAME.match(path.name)  # backups taken before migrations, up to 0.1
        if not legacy:
            return None
        reason, stamp = legacy.group(1), legacy.group(2)
    try:
        taken = datetime.strptime(stamp, STAMP).replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return taken, reason


def list_backups(folder: Path) -> list[Backup]:
    """Every backup in ``folder``, newest first."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            parsed = parse_name(path)
            if parsed is not None and path.is_file():
                found.append(Backup(path, parsed[0], parsed[1], path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def backup_due(folder: Path, now: datetime | None = None,
               every: timedelta = timedelta(days=1)) -> bool:
    """True when the newest backup is older than ``every`` (or there is none)."""
    backups = list_backups(folder)
    now = now or datetime.now(timezone.utc)
    return not backups or now - backups[0].taken_at >= every


def check_file(path: Path, *, full: bool = False) -> str:
    """``ok``, or what SQLite found wrong with the database file at ``path``.

    ``full`` runs ``integrity_check`` (also checks indexes against tables, slower) instead of
    ``quick_check``. The file is opened read-only and never changed.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check")
        results = [str(row[0]) for row in rows.fetchmany(20)]
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    return "ok" if results == ["ok"] else "; ".join(results)


def copy_database(source: sqlite3.Connection, target: Path, *,
                  progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Path:
    """Copy the open database ``source`` to ``target`` with the backup API.

    The copy is written beside ``target`` and renamed only once it is complete and checks
    ``ok``; on a cancel or an error nothing is left. ``progress(done, total)`` gets pages.
    Without ``progress`` or ``cancelled`` the copy is made in one step: one read
    transaction, so writers on other connections (WAL) neither wait nor restart it.
    """
    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)
        if cancelled is not None and cancelled():
            raise BackupCancelled

    target.parent.mkdir(parents=True, exist_ok=True)
    with written_beside(target, empty_message=_(
            "The backup could not be written. Is the disk full?")) as partial:
        dest = sqlite3.connect(str(partial))
        try:
            stepwise = progress is not None or cancelled is not None
            source.backup(dest, pages=PAGES_PER_STEP if stepwise else -1,
                          progress=step if stepwise else None)
            dest.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            dest.close()
        problem = check_file(partial)
        if problem != "ok":
            raise sqlite3.DatabaseError(f"the backup does not check: {problem}")
    return target


def backup_path(folder: Path, reason: str, now: datetime | None = None) -> Path:
    """A new backup's file name in ``folder`` (never an existing one)."""
    now = now or datetime.now(timezone.utc)
    base = f"navigator-{now.strftime(STAMP)}"
    target = folder / f"{base}-{reason}.db"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{base}-{counter}-{reason}.db"
    return target


def take_backup(source: sqlite3.Connection, folder: Path, reason: str, *,
                now: datetime | None = None,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> Path:
    """Back up ``source`` into ``folder``, then rotate the folder; return the new backup."""
    target = copy_database(source, backup_path(folder, reason, now), progress=progress,
                           cancelled=cancelled)
    rotate(folder, now=now)
    return target


def backup_file(database: Path, folder: Path, reason: str, **kwargs: object) -> Path:
    """Back up the database file ``database`` (opened read-only) into ``folder``."""
    source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return take_backup(source, folder, reason, **kwargs)  # type: ignore[arg-type]
    finally:
        source.close()


def backup_before(lane: StorageLane, reason: str) -> Path:
    """Back up the lane's database into the ``backups`` folder beside it, from the lane
    itself (so the copy is exactly what is there before the change). ``reason`` starts with
    ``before-``: rotation keeps the newest few of those whatever their age."""
    folder = lane.path.parent / "backups"
    return lane.submit_unwrapped(
        lambda db: take_backup(db.conn, folder, reason)).result()


def to_keep(backups: list[Backup], now: datetime | None = None) -> set[Path]:
    """The backups rotation keeps (``backups`` newest first): all of the last 24 hours,
    the newest of each of the last 7 days, 4 weeks and 6 months, and the 3 newest taken
    before a risky change and the 3 newest taken by hand."""
    now = now or datetime.now(timezone.utc)
    keep: set[Path] = {b.path for b in backups if now - b.taken_at < timedelta(days=1)}
    for count, period in ((DAILY, lambda t: t.date()),
                          (WEEKLY, lambda t: t.isocalendar()[:2]),
                          (MONTHLY, lambda t: (t.year, t.month))):
        seen: list[object] = []
        for backup in backups:
            key = period(backup.taken_at)
            if key not in seen:
                if len(seen) == count:
                    break
                seen.append(key)
                keep.add(backup.path)
    keep.update(b.path for b in [b for b in backups if b.risky_change][:RISKY])
    keep.update(b.path for b in [b for b in backups if b.reason == "manual"][:RISKY])
    return keep


def rotate(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups rotation does not keep; return them."""
    backups = list_backups(folder)
    keep = to_keep(backups, now)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
            except OSError:
                continue  # tried again at the next rotation
            removed.append(backup.path)
    return removed


def newest_good_backup(folder: Path) -> Backup | None:
    """The newest backup that passes ``quick_check``."""
    return next((b for b in list_backups(folder) if check_file(b.path) == "ok"), None)


def set_aside(database: Path, label: str, now: datetime | None = None) -> Path:
    """Move ``database`` and its ``-wal``/``-shm`` files aside (never deleted); return the
    new path of the database file: ``navigator.db.LABEL-YYYYMMDD-HHMMSS``."""
    now = now or datetime.now(timezone.utc)
    target = database.with_name(f"{database.name}.{label}-{now.strftime(STAMP)}")
    counter = 1
    while target.exists():
        counter += 1
        target = database.with_name(f"{database.name}.{label}-{now.strftime(STAMP)}-{counter}")
    for suffix in ("", "-wal", "-shm", "-journal"):
        part = Path(f"{database}{suffix}")
        if part.exists():
            os.replace(part, Path(f"{target}{suffix}"))
    return target


def restore_file(backup: Path, database: Path) -> None:
    """Write the backup's content as ``database`` (which must not be open anywhere)."""
    forget_checked(database)
    problem = check_file(backup)
    if problem != "ok":
        raise sqlite3.DatabaseError(f"{backup.name} does not check: {problem}")
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy_database(source, database)
    finally:
        source.close()


def replace_with_backup(database: Path, backup: Path) -> Path:
    """Put ``backup`` in place of ``database`` (closed everywhere); the database it replaces
    is set aside as ``navigator.db.before-restore-…`` and its path returned. On a failure
    the database is put back as it was."""
    problem = check_file(backup)
    if problem != "ok":
        raise sqlite3.DatabaseError(f"{backup.name} does not check: {problem}")
    aside = set_aside(database, "before-restore")
    try:
        restore_file(backup, database)
    except BaseException:
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{aside}{suffix}").exists():
                os.replace(Path(f"{aside}{suffix}"), Path(f"{database}{suffix}"))
        raise
    return aside

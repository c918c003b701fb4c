"""``navigator db backup|restore|check|list``: the database's backups from the terminal.

Exit status: 0 done (or the database checks ok), 1 refused or damaged (the reason is
printed), 2 mistyped.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from navigator import paths
from navigator.i18n import _


def add_db_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    db = commands.add_parser(
        "db", help=_("back up, restore and check the database"),
        description=_("Back up, restore and check Navigator's database. Navigator also backs "
                      "it up by itself: once a day, when it closes, and before a change of "
                      "version. Exit status: 0 done, 1 refused or damaged, 2 mistyped."))
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True,
                                help=_("what to do"))
    backup = actions.add_parser(
        "backup", help=_("back up the database now"),
        description=_("Back up the database into the backups folder, or into FILE."))
    backup.add_argument("--out", type=Path, metavar="FILE",
                        help=_("write the backup to this file instead"))
    restore = actions.add_parser(
        "restore", help=_("put a backup back in place of the database"),
        description=_("Put a backup back in place of the database. Navigator must be closed. "
                      "The database it replaces is kept beside it, not deleted."))
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("backup", nargs="?", type=Path, metavar="BACKUP",
                       help=_("the backup file to put back"))
    which.add_argument("--latest", action="store_true",
                       help=_("the newest backup that checks good"))
    check = actions.add_parser(
        "check", help=_("check the database for damage"),
        description=_("Check the database for damage. Exit status 0 when it is sound, 1 "
                      "when it is damaged."))
    check.add_argument("--full", action="store_true",
                       help=_("check every index too (slower)"))
    actions.add_parser("list", help=_("list the backups, newest first"),
                       description=_("List the backups, newest first."))
    for action in (backup, restore, check):
        action.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                            help=_("the data folder (same as NAVIGATOR_DATA_DIR)"))


def run_db(args: argparse.Namespace) -> int:
    folder = getattr(args, "data_dir", None) or paths.data_dir()
    database = paths.database_path(folder)
    command = args.db_command
    if command == "list":
        return list_backups(folder)
    if not database.is_file():
        print(_("There is no database in {folder} yet: Navigator creates it when it "
                "opens.").format(folder=folder), file=sys.stderr)
        return 1
    if command == "check":
        return check(database, full=args.full)
    if command == "backup":
        return backup(folder, database, args.out)
    return restore(folder, database, args.backup, latest=args.latest)


def check(database: Path, *, full: bool) -> int:
    from navigator.storage.backup import check_file

    result = check_file(database, full=full)
    if result == "ok":
        print(_("The database is sound: {path}").format(path=database))
        return 0
    print(_("The database is damaged: {problem}\nOpen Navigator: it puts back the newest good "
            "backup by itself and keeps the damaged file. Or put one back with: navigator db "
            "restore --latest").format(problem=result), file=sys.stderr)
    return 1


def backup(folder: Path, database: Path, out: Path | None) -> int:
    from navigator.storage.backup import backup_file, copy_database

    try:
        if out is None:
            made = backup_file(database, paths.backups_dir(folder), "manual")
        else:
            source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
            try:
                made = copy_database(source, out)
            finally:
                source.close()
    except (OSError, sqlite3.Error) as exc:
        print(_("No backup was made: {reason}").format(reason=exc), file=sys.stderr)
        return 1
    print(_("Backup written: {path}").format(path=made))
    return 0


def restore(folder: Path, database: Path, chosen: Path | None, *, latest: bool) -> int:
    from navigator.instance_lock import InstanceLock
    from navigator.storage.backup import check_file, newest_good_backup, replace_with_backup

    if latest:
        found = newest_good_backup(paths.backups_dir(folder))
        if found is None:
            print(_("There is no good backup in {folder}.").format(
                folder=paths.backups_dir(folder)), file=sys.stderr)
            return 1
        chosen = found.path
    assert chosen is not None
    problem = check_file(chosen) if chosen.is_file() else _("no such file")
    if problem != "ok":
        print(_("This backup cannot be used ({problem}). Nothing was changed.").format(
            problem=problem), file=sys.stderr)
        return 1
    lock = InstanceLock(folder)
    if not lock.acquire():
        print(_("Navigator is open on this data folder. Close it, then restore the backup "
                "again."), file=sys.stderr)
        return 1
    try:
        aside = replace_with_backup(database, chosen)
    except (OSError, sqlite3.Error) as exc:
        print(_("The backup could not be put back ({reason}). The database is as it "
                "was.").format(reason=exc), file=sys.stderr)
        return 1
    finally:
        lock.release()
    print(_("Restored {backup}.\nThe database it replaced is kept as {aside}.").format(
        backup=chosen, aside=aside))
    return 0


def list_backups(folder: Path) -> int:
    from navigator.formatting import format_datetime
    from navigator.storage.backup import list_backups as found

    backups = found(paths.backups_dir(folder))
    if not backups:
        print(_("No backups yet in {folder}.").format(folder=paths.backups_dir(folder)))
        return 0
    for item in backups:
        size = f"{item.size / 1024 / 1024:.1f} MB"
        print(f"{format_datetime(item.taken_at.astimezone())}\t{item.reason}\t{size}\t"
              f"{item.path}")
    return 0

"""Backing up the 5,000-learner database: ``navigator.storage.backup`` (SQLite's online
backup API, then ``quick_check`` of the copy before it is given its name) beside a plain
file copy of the same file (``shutil.copyfile``).

    .venv/bin/python benchmarks/backup_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from common import CACHE, Figure, agency_folder, ms, report


def backup_function() -> tuple[str, object]:
    """The app's backup of a database file, or SQLite's backup API when there is none."""
    try:
        from navigator.storage.backup import backup_file
    except ImportError:
        def plain_backup(database: Path, folder: Path, _reason: str) -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / "navigator-backup.db"
            source, dest = sqlite3.connect(str(database)), sqlite3.connect(str(target))
            try:
                source.backup(dest)
            finally:
                dest.close()
                source.close()
            return target
        return "sqlite3.Connection.backup", plain_backup
    return "navigator.storage.backup.backup_file", backup_file


def measure_backup(database: Path, *, runs: int) -> Figure:
    """``runs`` backups of ``database`` into a new folder each, beside ``runs`` copies."""
    name, backup = backup_function()
    took, floor = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            start = time.perf_counter()
            shutil.copyfile(database, Path(tmp) / "copy.db")
            floor.append(time.perf_counter() - start)
            (Path(tmp) / "copy.db").unlink()
            folder = Path(tmp) / f"backups-{run}"
            start = time.perf_counter()
            made = backup(database, folder, "manual")  # type: ignore[operator]
            took.append(time.perf_counter() - start)
            shutil.rmtree(Path(made).parent)
    return Figure("backup: the 5,000-learner database", ms(took),
                  "shutil.copyfile of the same database file", ms(floor),
                  extra={"with": name, "mib": round(database.stat().st_size / 2**20)})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    database = agency_folder(CACHE) / "data" / "navigator.db"
    report([measure_backup(database, runs=args.runs)], "backup")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Start-up skips quick_check only for a database unchanged since it last passed one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from navigator.services import Services, backup_on_exit
from navigator.storage import repository as repo
from navigator.storage.checked import marker_path, still_checked


def names(database: Path) -> list[str]:
    conn = sqlite3.connect(database)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM learners ORDER BY id")]
    finally:
        conn.close()


def test_an_unchanged_database_is_not_checked_again(data_dir: Path):
    database = data_dir / "navigator.db"
    first = Services.start(data_dir)  # a new file: checked, then noted
    assert first.checked
    first.lane.call(repo.create_learner, name="Amal", language="en")
    first.close()  # no exit check: the note taken at start no longer matches
    assert not still_checked(database)
    second = Services.start(data_dir)
    assert second.checked
    second.close(backup=True)  # checked on leaving, then noted
    assert still_checked(database)
    third = Services.start(data_dir)
    assert not third.checked  # unchanged: skipped
    assert third.lane.call(lambda db: [r["name"] for r in db.query(
        "SELECT name FROM learners")]) == ["Amal"]
    third.close()  # nothing written: the note still holds
    assert still_checked(database)


def test_a_page_overwritten_after_a_clean_exit_is_still_found(data_dir: Path):
    database = data_dir / "navigator.db"
    services = Services.start(data_dir)
    services.lane.call(repo.create_learner, name="Amal", language="en")
    services.close(backup=True)
    assert still_checked(database)
    with database.open("r+b") as f:  # a bad sector, a copy cut short...
        f.seek(4096 * 3)
        f.write(b"\x5a" * 4096)
    assert not still_checked(database)
    services = Services.start(data_dir, recover=True)
    services.close()
    assert services.checked and services.recovery is not None
    assert services.recovery.restored is not None and names(database) == ["Amal"]


def test_a_log_with_data_in_it_or_an_unreadable_note_means_a_check(data_dir: Path):
    database = data_dir / "navigator.db"
    services = Services.start(data_dir)
    services.close(backup=True)
    assert still_checked(database)
    crashed = sqlite3.connect(database)  # as if the app had died before a checkpoint
    crashed.execute("PRAGMA wal_autocheckpoint=0")
    crashed.execute("INSERT INTO learners (name, language, created_at, kind, role) "
                    "VALUES ('Zoe', 'en', '2026-11-24', 'staff', '')")
    crashed.commit()
    assert not still_checked(database)
    crashed.close()
    services = Services.start(data_dir)
    assert services.checked
    services.close(backup=True)
    assert still_checked(database)
    marker_path(database).write_text("{not json", encoding="utf-8")
    assert not still_checked(database)
    marker_path(database).unlink()
    assert not still_checked(database)


def test_a_failed_check_on_leaving_removes_the_note(data_dir: Path, tmp_path: Path,
                                                    monkeypatch):
    database = data_dir / "navigator.db"
    services = Services.start(data_dir)
    services.lane.call(lambda db: db.conn.executemany(
        "INSERT INTO learners (name, language, created_at, kind, role)"
        " VALUES (?, 'en', '2026-11-24', 'staff', '')", [(f"L{i}" * 200,) for i in range(300)]))
    services.close(backup=True)
    assert still_checked(database)
    services = Services.start(data_dir)  # unchanged: not checked
    assert not services.checked
    pages = database.stat().st_size // 4096
    with database.open("r+b") as f:  # damaged while it is open (a failing disk)
        f.seek(4096 * (pages - 2))
        f.write(b"\x00\xff" * 2048)
    conn = sqlite3.connect(database)
    try:  # the exit check finds it and takes no backup...
        assert backup_on_exit(Database(conn), folder=tmp_path / "backups") is None
    finally:
        conn.close()
    monkeypatch.setattr("navigator.services.backup_on_exit", lambda db, folder: None)
    services.close(backup=True)
    assert not marker_path(database).exists()  # ...so the next start checks

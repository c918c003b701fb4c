"""Backups: SQLite's backup API, rotation, recovery from each kind of damage."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from navigator.services import Services
from navigator.storage import repository as repo
from navigator.storage.backup import (
    BackupCancelled,
    backup_due,
    backup_file,
    check_file,
    copy_database,
    list_backups,
    restore_file,
    take_backup,
)
from navigator.storage.recovery import recover_database

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)


def small_database(path: Path, rows: int = 50) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, text TEXT)")
    conn.executemany("INSERT INTO answers (text) VALUES (?)",
                     [(f"answer {i} " + "x" * 500,) for i in range(rows)])
    conn.commit()
    conn.close()
    return path


def count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    finally:
        conn.close()


def test_backup_is_a_checked_self_contained_copy(tmp_path):
    database = small_database(tmp_path / "navigator.db")
    made = backup_file(database, tmp_path / "backups", "manual", now=NOW)
    assert made.name == "navigator-20261124-120000-manual.db"
    assert check_file(made) == "ok" and count(made) == 50
    conn = sqlite3.connect(made)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert [p.name for p in made.parent.iterdir()] == [made.name]  # no part, no journal
    assert [(b.reason, b.taken_at) for b in list_backups(tmp_path / "backups")] == [
        ("manual", NOW)]


def test_backup_from_another_connection_while_the_app_writes(tmp_path):
    """One read transaction: a writer on another connection neither waits nor restarts it,
    and the copy is the database as it was when the backup began."""
    database = small_database(tmp_path / "navigator.db", rows=2000)
    writer = sqlite3.connect(database)
    reader = sqlite3.connect(database)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM answers").fetchone()
    writer.execute("INSERT INTO answers (text) VALUES ('during')")
    writer.commit()  # not blocked by the open read
    copy_database(reader, tmp_path / "copy.db")
    reader.rollback()
    assert count(tmp_path / "copy.db") == 2000 and count(database) == 2001
    writer.close()
    reader.close()


def test_a_cancelled_backup_leaves_nothing(tmp_path):
    database = small_database(tmp_path / "navigator.db", rows=3000)  # several steps
    source = sqlite3.connect(database)
    seen = []
    with pytest.raises(BackupCancelled):
        copy_database(source, tmp_path / "backups" / "b.db",
                      progress=lambda done, total: seen.append((done, total)),
                      cancelled=lambda: len(seen) >= 2)
    source.close()
    assert seen[0][1] > seen[0][0] > 0
    assert list((tmp_path / "backups").iterdir()) == []


def test_rotation_keeps_a_day_7_daily_4_weekly_6_monthly_and_3_before_a_change(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    source = sqlite3.connect(small_database(tmp_path / "navigator.db", rows=1))
    for day in range(400):  # a backup every day for 400 days, two on some
        take_backup(source, folder, "daily", now=NOW - timedelta(days=day))
    for day in (30, 60, 90, 120, 150):
        take_backup(source, folder, "before-0012-something", now=NOW - timedelta(days=day,
                                                                               hours=1))
    take_backup(source, folder, "exit", now=NOW + timedelta(minutes=5))
    source.close()
    kept = list_backups(folder)
    days = {b.taken_at.date() for b in kept if b.reason != "before-0012-something"}
    # The 7 newest days (today's newest is the exit one), then a week back, then months.
    assert {NOW.date() - timedelta(days=d) for d in range(7)} <= days
    assert kept[0].reason == "exit" and NOW.date() in days
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) >= 6 and min(months) >= (2026, 6)
    # Today's two (the last 24 hours are all kept), then one a day, a week, a month.
    assert [b.reason for b in kept[:2]] == ["exit", "daily"]
    assert len([b for b in kept if b.reason != "before-0012-something"]) <= 2 + 6 + 4 + 6
    before = sorted(b.taken_at for b in kept if b.risky_change)
    assert [NOW - t for t in before] == [timedelta(days=d, hours=1) for d in (90, 60, 30)]
    assert (NOW - timedelta(days=399)).date() not in days


def test_backup_is_due_after_a_day(tmp_path):
    folder = tmp_path / "backups"
    assert backup_due(folder, NOW)
    backup_file(small_database(tmp_path / "navigator.db"), folder, "daily", now=NOW)
    assert not backup_due(folder, NOW + timedelta(hours=23))
    assert backup_due(folder, NOW + timedelta(hours=24))


def test_restore_refuses_a_damaged_backup_and_keeps_the_database(tmp_path):
    database = small_database(tmp_path / "navigator.db")
    bad = tmp_path / "navigator-20261124-120000-daily.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(sqlite3.DatabaseError):
        restore_file(bad, tmp_path / "other.db")
    assert not (tmp_path / "other.db").exists() and count(database) == 50


def started_with_a_backup(data_dir: Path) -> tuple[int, int]:
    """A data folder with a learner saved before the day's backup and one after."""
    services = Services.start(data_dir)
    before = services.lane.call(repo.create_learner, name="Amal", language="en").id
    services.close(backup=True)
    services = Services.start(data_dir)
    after = services.lane.call(repo.create_learner, name="Omar", language="en").id
    services.close()
    return before, after


def names(data_dir: Path) -> list[str]:
    conn = sqlite3.connect(data_dir / "navigator.db")
    try:
        return [r[0] for r in conn.execute("SELECT name FROM learners ORDER BY id")]
    finally:
        conn.close()


def overwrite_a_page(path: Path) -> None:
    with path.open("r+b") as f:
        f.seek(4096 * 3)
        f.write(b"\x5a" * 4096)


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


@pytest.mark.parametrize("damage", [overwrite_a_page, truncate], ids=["page", "truncated"])
def test_damaged_database_is_set_aside_and_the_backup_restored(data_dir, damage):
    started_with_a_backup(data_dir)
    database = data_dir / "navigator.db"
    damage(database)
    damaged = database.read_bytes()
    assert check_file(database) != "ok"
    services = Services.start(data_dir, recover=True)
    services.close()
    recovery = services.recovery
    assert recovery is not None and recovery.restored is not None
    assert recovery.restored.reason == "exit"
    assert recovery.set_aside.read_bytes() == damaged  # kept as it was
    assert names(data_dir) == ["Amal"]  # Omar came after the backup: lost, and said so
    assert check_file(database, full=True) == "ok"


def test_a_deleted_wal_loses_only_what_was_in_it(data_dir):
    """The log of a crashed app is deleted: the database still opens, sound, with
    everything up to its last checkpoint; nothing is set aside."""
    started_with_a_backup(data_dir)
    database = data_dir / "navigator.db"
    crashed = sqlite3.connect(database)  # stays open: as if the app had crashed
    crashed.execute("PRAGMA wal_autocheckpoint=0")
    crashed.execute("INSERT INTO learners (name, language, created_at, kind, role) "
                    "VALUES ('Zoe', 'en', '2026-11-24', 'staff', '')")
    crashed.commit()
    wal = Path(f"{database}-wal")
    assert wal.stat().st_size > 0
    copy = data_dir.parent / "copy"
    copy.mkdir()
    (copy / "navigator.db").write_bytes(database.read_bytes())  # without its -wal
    crashed.close()
    services = Services.start(copy, recover=True)
    services.close()
    assert services.recovery is None
    assert names(copy) == ["Amal", "Omar"] and check_file(copy / "navigator.db") == "ok"


def test_no_backup_no_data_lost_only_set_aside(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "navigator.db").write_bytes(b"garbage" * 100)
    recovery = recover_database(data_dir)
    assert recovery.restored is None
    assert recovery.set_aside.read_bytes() == b"garbage" * 100
    assert not (data_dir / "navigator.db").exists()  # the app makes a new one


def test_an_upgraded_builtin_pack_is_preceded_by_a_backup(data_dir, curriculum):
    Services.start(data_dir, curriculum=curriculum).close()
    manifest = curriculum / "sample" / "pack.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "version: 1.0.0", "version: 1.1.0"), encoding="utf-8")
    Services.start(data_dir, curriculum=curriculum).close()
    backups = list_backups(data_dir / "backups")
    assert [b.reason for b in backups] == ["before-pack-upgrade"]
    conn = sqlite3.connect(backups[0].path)
    assert conn.execute("SELECT version FROM packs WHERE id = 'sample'").fetchone() == (
        "1.0.0",)
    conn.close()

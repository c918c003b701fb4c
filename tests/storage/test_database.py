"""Bad databases get a clear error and are never overwritten."""

import sqlite3
import threading
from pathlib import Path

import pytest

from navigator.services import Services
from navigator.storage import database
from navigator.storage.database import DatabaseUnavailable, Reason, connect
from navigator.storage.lane import StorageLane


def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path):
    """A file that is not a database raises CORRUPT and keeps its bytes."""
    path = tmp_path / "navigator.db"
    garbage = b"this is not a database, but it is someone's file\n" * 200
    path.write_bytes(garbage)
    with pytest.raises(DatabaseUnavailable) as caught:
        connect(path, check=True)
    assert caught.value.reason is Reason.CORRUPT
    assert "damaged" in caught.value.message and str(path) in caught.value.message
    assert path.read_bytes() == garbage


def test_damaged_pages_are_caught_by_the_integrity_check(tmp_path: Path):
    """A real database with scribbled-over pages fails quick_check at start."""
    path = tmp_path / "navigator.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    conn.execute("CREATE INDEX t_x ON t (x)")
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2: 4096 * 2 + 2000] = b"\xff" * 2000
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseUnavailable) as caught:
        Services.start(tmp_path, curriculum=tmp_path / "none")
    assert caught.value.reason is Reason.CORRUPT
    assert path.read_bytes() == bytes(data)


def test_read_only_database_is_refused_even_for_root(tmp_path: Path, monkeypatch):
    """When the OS says the file cannot be written, the user is told it is read-only."""
    path = tmp_path / "navigator.db"
    connect(path).close()
    monkeypatch.setattr(database.os, "access", lambda p, mode: Path(p) != path)
    with pytest.raises(DatabaseUnavailable) as caught:
        connect(path)
    assert caught.value.reason is Reason.READ_ONLY
    assert "read-only" in caught.value.message


def test_locked_database_says_another_program_uses_it(tmp_path: Path, monkeypatch):
    """A database held in exclusive mode by another program raises LOCKED."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.2)
    path = tmp_path / "navigator.db"
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("CREATE TABLE t (x)")
    holder.commit()
    try:
        with pytest.raises(DatabaseUnavailable) as caught:
            connect(path)
        assert caught.value.reason is Reason.LOCKED
        assert "another program" in caught.value.message
    finally:
        holder.close()


def test_lane_runs_writes_in_a_transaction_and_rolls_back_failures(tmp_path: Path):
    """A function that fails on the lane leaves no partial write behind."""
    lane = StorageLane(tmp_path / "navigator.db")
    try:
        lane.call(lambda db: db.execute("CREATE TABLE t (x INTEGER)"))

        def half_done(db):
            db.execute("INSERT INTO t VALUES (1)")
            raise ValueError("boom")

        with pytest.raises(ValueError):
            lane.call(half_done)
        lane.call(lambda db: db.execute("INSERT INTO t VALUES (2)"))
        thread_names = lane.call(lambda db: threading.current_thread().name)
        assert thread_names == "navigator-storage"
    finally:
        lane.close()
    assert sqlite3.connect(tmp_path / "navigator.db").execute(
        "SELECT x FROM t").fetchall() == [(2,)]


def test_disk_full_is_reported_in_plain_words(tmp_path: Path):
    """SQLite's 'database or disk is full' becomes a FULL error that says data is safe."""
    error = database.classify(sqlite3.OperationalError("database or disk is full"),
                              tmp_path / "x.db")
    assert error.reason is Reason.FULL
    assert "Everything saved before is safe" in error.message


def test_disk_full_on_the_lane_keeps_earlier_data(tmp_path: Path):
    """When the database hits its size limit, the write fails and earlier rows remain."""
    lane = StorageLane(tmp_path / "navigator.db")
    try:
        lane.call(lambda db: db.execute("CREATE TABLE t (x TEXT)"))
        lane.call(lambda db: db.execute("INSERT INTO t VALUES ('kept')"))
        pages = lane.call(lambda db: db.execute("PRAGMA page_count").fetchone()[0])
        lane.call(lambda db: db.execute(f"PRAGMA max_page_count = {pages + 1}"))

        def big(db):
            db.execute("INSERT INTO t VALUES (?)", ["y" * 200_000])

        with pytest.raises(DatabaseUnavailable) as caught:
            lane.call(big)
        assert caught.value.reason is Reason.FULL
        rows = lane.call(lambda db: db.execute("SELECT x FROM t").fetchall())
        assert rows == [("kept",)]
    finally:
        lane.close()

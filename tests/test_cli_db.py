"""navigator db backup|restore|check|list."""

from __future__ import annotations

import sqlite3

from navigator.cli import main
from navigator.instance_lock import InstanceLock
from navigator.services import Services
from navigator.storage import repository as repo
from navigator.storage.backup import list_backups


def learners(data_dir) -> list[str]:
    conn = sqlite3.connect(data_dir / "navigator.db")
    try:
        return [r[0] for r in conn.execute("SELECT name FROM learners ORDER BY id")]
    finally:
        conn.close()


def add_learner(data_dir, name: str) -> None:
    services = Services.start(data_dir)
    services.lane.call(repo.create_learner, name=name, language="en")
    services.close()


def test_backup_list_check_and_restore(data_dir, capsys):
    add_learner(data_dir, "Amal")
    assert main(["db", "backup", "--data-dir", str(data_dir)]) == 0
    made = list_backups(data_dir / "backups")
    assert [b.reason for b in made] == ["manual"]
    assert str(made[0].path) in capsys.readouterr().out
    add_learner(data_dir, "Omar")

    assert main(["db", "check", "--data-dir", str(data_dir)]) == 0
    assert "The database is sound" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "db", "list"]) == 0
    assert "manual" in capsys.readouterr().out

    assert main(["db", "restore", "--latest", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert learners(data_dir) == ["Amal"]
    aside = [p for p in data_dir.iterdir() if p.name.startswith("navigator.db.before-restore-")
             and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and str(aside[0]) in out
    conn = sqlite3.connect(aside[0])
    assert [r[0] for r in conn.execute("SELECT name FROM learners ORDER BY id")] == [
        "Amal", "Omar"]  # the replaced database, kept whole
    conn.close()


def test_backup_to_a_chosen_file(data_dir, tmp_path, capsys):
    add_learner(data_dir, "Amal")
    out = tmp_path / "usb" / "navigator-copy.db"
    assert main(["db", "backup", "--out", str(out), "--data-dir", str(data_dir)]) == 0
    conn = sqlite3.connect(out)
    assert conn.execute("SELECT name FROM learners").fetchall() == [("Amal",)]
    conn.close()


def test_restore_is_refused_while_the_app_is_open(data_dir, capsys):
    add_learner(data_dir, "Amal")
    assert main(["db", "backup", "--data-dir", str(data_dir)]) == 0
    add_learner(data_dir, "Omar")
    app = InstanceLock(data_dir)
    assert app.acquire()
    try:
        assert main(["db", "restore", "--latest", "--data-dir", str(data_dir)]) == 1
    finally:
        app.release()
    assert "Close it" in capsys.readouterr().err
    assert learners(data_dir) == ["Amal", "Omar"]


def test_a_damaged_database_or_backup_is_reported_and_nothing_changes(data_dir, tmp_path,
                                                                       capsys):
    add_learner(data_dir, "Amal")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 100)
    assert main(["db", "restore", str(bad), "--data-dir", str(data_dir)]) == 1
    assert "cannot be used" in capsys.readouterr().err
    assert learners(data_dir) == ["Amal"]
    assert main(["db", "restore", "--latest", "--data-dir", str(data_dir)]) == 1
    assert "no good backup" in capsys.readouterr().err
    (data_dir / "navigator.db").write_bytes(b"not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (data_dir / f"navigator.db{suffix}").unlink(missing_ok=True)
    assert main(["db", "check", "--data-dir", str(data_dir)]) == 1
    assert "damaged" in capsys.readouterr().err


def test_no_database_yet(tmp_path, capsys):
    assert main(["db", "check", "--data-dir", str(tmp_path / "none")]) == 1
    assert "no database" in capsys.readouterr().err

"""Migrations run on an empty database and on a copy of the previous schema."""

import shutil
import sqlite3
from pathlib import Path

from navigator.storage.database import connect
from navigator.storage.migrations import migrate, migrations, pending
from tests.conftest import DATA

AFTER_0001 = ["0002_app_state", "0003_module_assessment", "0004_review_cards",
              "0005_lesson_search", "0006_notes", "0007_certificates",
              "0008_learner_settings", "0009_coaching", "0010_pack_updates",
              "0011_reports_and_records", "0012_report_rollups_search_prefixes"]
PREVIOUS_SCHEMA = DATA / "schema-0001.db"  # made by migration 0001, with one learner's records


def test_empty_database_gets_every_migration(tmp_path: Path):
    """A new database ends with all tables and nothing pending; no backup of nothing."""
    db = connect(tmp_path / "navigator.db")
    backup = migrate(db, backup_folder=tmp_path / "backups")
    assert backup is None and not (tmp_path / "backups").exists()
    assert pending(db) == []
    assert {"learners", "packs", "modules", "lessons", "progress", "answers", "app_state"} <= set(
        db.table_names())
    assert "seconds_spent" in db["progress"].columns_dict


def test_previous_schema_is_migrated_with_data_kept_and_a_backup_first(tmp_path: Path):
    """A 0001 database gains 0002 and 0003; its learner, progress and answers are intact."""
    path = tmp_path / "navigator.db"
    shutil.copy(PREVIOUS_SCHEMA, path)
    db = connect(path)
    assert pending(db) == AFTER_0001
    backup = migrate(db, backup_folder=tmp_path / "backups")
    assert pending(db) == []
    assert db.execute("SELECT name, language FROM learners").fetchall() == [("Amal", "fr_CA")]
    assert db.execute("SELECT status, best_score, seconds_spent FROM progress").fetchall() == [
        ("completed", 100.0, 0)]
    assert db.execute("SELECT step_id, correct FROM answers").fetchall() == [("q-power", 1)]
    assert db.execute("SELECT kind, role FROM learners").fetchall() == [("staff", "admin")]
    assert backup is not None and backup.parent == tmp_path / "backups"
    old = sqlite3.connect(backup)
    assert old.execute("SELECT name FROM learners").fetchall() == [("Amal",)]
    assert "app_state" not in {r[0] for r in old.execute(
        "SELECT name FROM sqlite_master WHERE type='table'")}
    old.close()


def test_a_failing_migration_changes_nothing(tmp_path: Path, monkeypatch):
    """A migration that raises is rolled back: the schema and data stay as they were."""
    path = tmp_path / "navigator.db"
    shutil.copy(PREVIOUS_SCHEMA, path)
    db = connect(path)
    original = migrations._migrations[1].fn

    def broken(database):
        original(database)
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(migrations._migrations[1], "fn", broken)
    try:
        migrate(db, backup_folder=tmp_path / "backups")
    except RuntimeError:
        pass
    else:
        raise AssertionError("the migration should have failed")
    assert pending(db) == AFTER_0001
    assert "app_state" not in db.table_names()
    assert "seconds_spent" not in db["progress"].columns_dict


def test_module_assessments_are_filled_in_when_an_old_database_starts(tmp_path: Path):
    """After 0003, the next start re-reads built-in packs: the new column gets its values
    and the learner's progress is still there."""
    from navigator.services import Services
    from navigator.storage import repository as repo
    from tests.conftest import SAMPLE_PACK

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(PREVIOUS_SCHEMA, data / "navigator.db")
    services = Services.start(data, curriculum=SAMPLE_PACK.parent)
    try:
        packs = services.lane.call(repo.catalogue, learner_id=1)
    finally:
        services.close()
    sample = next(p for p in packs if p.pack_id == "sample")
    assert [m.assessment for m in sample.modules] == [None, "question-kinds"]
    first = sample.modules[0].lessons[0]
    assert (first.lesson_id, first.status, first.best_score) == ("first-lesson", "completed",
                                                                 100.0)

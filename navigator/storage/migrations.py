"""Numbered schema migrations (sqlite-utils ``Migrations``); a backup is taken first.

Never edit a migration that has shipped: add a new one. Each runs in its own transaction.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database, Migrations

MIGRATION_SET = "navigator"
migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    db.execute("""
        CREATE TABLE learners (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            language TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE packs (
            id TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            format_version INTEGER NOT NULL,
            default_language TEXT NOT NULL,
            audience TEXT NOT NULL,
            titles TEXT NOT NULL,
            mastery INTEGER NOT NULL,
            path TEXT NOT NULL,
            builtin INTEGER NOT NULL DEFAULT 0,
            installed_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE modules (
            pack_id TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            titles TEXT NOT NULL,
            PRIMARY KEY (pack_id, id)
        )""")
    db.execute("""
        CREATE TABLE lessons (
            pack_id TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            minutes INTEGER NOT NULL,
            audience TEXT NOT NULL,
            titles TEXT NOT NULL,
            languages TEXT NOT NULL,
            steps INTEGER NOT NULL,
            questions INTEGER NOT NULL,
            PRIMARY KEY (pack_id, id)
        )""")
    db.execute("""
        CREATE TABLE progress (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_index INTEGER NOT NULL DEFAULT 0,
            step_id TEXT,
            status TEXT NOT NULL DEFAULT 'started',
            attempt INTEGER NOT NULL DEFAULT 1,
            best_score REAL,
            last_score REAL,
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            completed_at TEXT,
            PRIMARY KEY (learner_id, pack_id, lesson_id)
        )""")
    db.execute("""
        CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            chosen TEXT NOT NULL,
            score REAL NOT NULL,
            correct INTEGER NOT NULL,
            graded INTEGER NOT NULL,
            answered_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX answers_by_attempt "
               "ON answers (learner_id, pack_id, lesson_id, attempt)")


@migrations(name="0002_app_state")
def m0002_app_state(db: Database) -> None:
    """Remember small things between runs (the current learner) and time spent per lesson."""
    db.execute("CREATE TABLE app_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("ALTER TABLE progress ADD COLUMN seconds_spent INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX answers_by_time ON answers (learner_id, answered_at)")


@migrations(name="0003_module_assessment")
def m0003_module_assessment(db: Database) -> None:
    """Modules may name an assessment lesson (filled when packs are re-installed: see
    ``repository.CATALOGUE_FORMAT``)."""
    db.execute("ALTER TABLE modules ADD COLUMN assessment TEXT")


@migrations(name="0004_review_cards")
def m0004_review_cards(db: Database) -> None:
    """Spaced review: one SM-2 card per learner and check question (``navigator.core.review``).
    ``due`` is UTC ISO 8601, so text order is time order."""
    db.execute("""
        CREATE TABLE review_cards (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_id TEXT NOT NULL,
            repetitions INTEGER NOT NULL,
            interval_days INTEGER NOT NULL,
            ease REAL NOT NULL,
            lapses INTEGER NOT NULL,
            due TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, pack_id, lesson_id, step_id)
        )""")
    db.execute("CREATE INDEX review_cards_by_due ON review_cards (learner_id, due)")


@migrations(name="0005_lesson_search")
def m0005_lesson_search(db: Database) -> None:
    """Full-text search over every step of every lesson in every language (SQLite FTS5).
    Accents are ignored ("reseau" finds "réseau"). Filled when packs are installed."""
    db.execute("""
        CREATE VIRTUAL TABLE lesson_search USING fts5(
            pack_id UNINDEXED, lesson_id UNINDEXED, step_id UNINDEXED, language UNINDEXED,
            title, body, tokenize = 'unicode61 remove_diacritics 2'
        )""")


@migrations(name="0006_notes")
def m0006_notes(db: Database) -> None:
    """A learner's private reflection note on a lesson (one per lesson, editable)."""
    db.execute("""
        CREATE TABLE notes (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, pack_id, lesson_id)
        )""")


@migrations(name="0007_certificates")
def m0007_certificates(db: Database) -> None:
    """Certificates earned: one per learner and module, and one for a whole pack
    (``module_id`` ''). The date, pack version and hours are kept as they were on the day."""
    db.execute("""
        CREATE TABLE certificates (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            minutes INTEGER NOT NULL,
            issued_at TEXT NOT NULL,
            UNIQUE (learner_id, pack_id, module_id)
        )""")


@migrations(name="0008_learner_settings")
def m0008_learner_settings(db: Database) -> None:
    """Each learner's own settings (text size, high contrast, reading speed...), so people
    sharing a computer each find theirs."""
    db.execute("""
        CREATE TABLE learner_settings (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (learner_id, key)
        )""")


def pending(db: Database) -> list[str]:
    return [m.name for m in migrations.pending(db)]


def backup_copy(db: Database, folder: Path, label: str) -> Path:
    """Copy the open database to ``folder`` with SQLite's online backup; return the copy."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"navigator-{label}-{stamp}.db"
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def migrate(db: Database, *, backup_folder: Path | None = None) -> Path | None:
    """Apply pending migrations. A database that already holds tables is copied first.

    Returns the backup's path, if one was taken.
    """
    todo = migrations.pending(db)
    if not todo:
        return None
    backup = None
    if backup_folder is not None and db.table_names():
        backup = backup_copy(db, backup_folder, "before-" + todo[0].name)
    migrations.apply(db)
    return backup

"""Numbered schema migrations (sqlite-utils ``Migrations``); a backup is taken first.

Never edit a migration that has shipped: add a new one. Each runs in its own transaction.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database, Migrations

from navigator.storage.backup import take_backup

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


@migrations(name="0009_coaching")
def m0009_coaching(db: Database) -> None:
    """Roles and PINs for staff; clients, intakes and coaching sessions.

    A client is a row of ``learners`` (``kind`` 'client') so that their lesson progress uses
    the same tables as staff; deleting that row deletes everything of theirs (cascade). The
    first profile of an older installation becomes its administrator.
    """
    db.execute("ALTER TABLE learners ADD COLUMN kind TEXT NOT NULL DEFAULT 'staff'")
    db.execute("ALTER TABLE learners ADD COLUMN role TEXT NOT NULL DEFAULT 'learner'")
    db.execute("UPDATE learners SET role = 'admin' WHERE id = (SELECT min(id) FROM learners)")
    db.execute("""
        CREATE TABLE pins (
            learner_id INTEGER PRIMARY KEY REFERENCES learners(id) ON DELETE CASCADE,
            hash TEXT NOT NULL,
            failures INTEGER NOT NULL DEFAULT 0,
            last_failure_at TEXT,
            set_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE clients (
            learner_id INTEGER PRIMARY KEY REFERENCES learners(id) ON DELETE CASCADE,
            languages TEXT NOT NULL,
            colour TEXT NOT NULL DEFAULT '',
            picture TEXT NOT NULL DEFAULT '',
            arrival_year INTEGER,
            created_by INTEGER REFERENCES learners(id) ON DELETE SET NULL
        )""")
    db.execute("""
        CREATE TABLE intakes (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            navigator_id INTEGER REFERENCES learners(id) ON DELETE SET NULL,
            taken_at TEXT NOT NULL,
            guide TEXT NOT NULL,
            phone_access TEXT NOT NULL DEFAULT '',
            data_plan TEXT NOT NULL DEFAULT '',
            home_internet TEXT NOT NULL DEFAULT '',
            computer_access TEXT NOT NULL DEFAULT '',
            channels TEXT NOT NULL DEFAULT '[]',
            other_channel TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX intakes_by_client ON intakes (client_id, taken_at)")
    db.execute("""
        CREATE TABLE intake_answers (
            intake_id INTEGER NOT NULL REFERENCES intakes(id) ON DELETE CASCADE,
            skill_id TEXT NOT NULL,
            level TEXT NOT NULL,
            PRIMARY KEY (intake_id, skill_id)
        )""")
    db.execute("""
        CREATE TABLE coaching_sessions (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            navigator_id INTEGER REFERENCES learners(id) ON DELETE SET NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            mode TEXT NOT NULL,
            topics TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX sessions_by_client ON coaching_sessions (client_id, started_at)")
    db.execute("CREATE INDEX sessions_by_navigator "
               "ON coaching_sessions (navigator_id, started_at)")
    db.execute("""
        CREATE TABLE session_lessons (
            session_id INTEGER NOT NULL REFERENCES coaching_sessions(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            PRIMARY KEY (session_id, pack_id, lesson_id)
        )""")


@migrations(name="0010_pack_updates")
def m0010_pack_updates(db: Database) -> None:
    """What the last upgrade of an imported pack added or changed, lesson by lesson, so the
    catalogue can mark those lessons. Progress stays in ``progress`` (keyed by lesson id)."""
    db.execute("""
        CREATE TABLE lesson_updates (
            pack_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            change TEXT NOT NULL,
            from_version TEXT NOT NULL,
            to_version TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (pack_id, lesson_id)
        )""")


@migrations(name="0011_reports_and_records")
def m0011_reports_and_records(db: Database) -> None:
    """What the dashboards and the Learning Record Store need.

    - ``learning_time``: seconds learned per learner, lesson and UTC day (time per month).
      The seconds already counted are put on the day the lesson was last opened.
    - ``review_log``: every spaced-review answer with the day it was due (review adherence).
    - ``xapi_actors``: each learner's pseudonymous xAPI account (a random UUID, never a name).
    - ``xapi_statements``: the xAPI statements recorded here, queued until the LRS has them.
      Deleting a learner deletes their statements that are still here.
    """
    db.execute("""
        CREATE TABLE learning_time (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            day TEXT NOT NULL,
            seconds INTEGER NOT NULL,
            PRIMARY KEY (learner_id, pack_id, lesson_id, day)
        )""")
    # covering indexes: the dashboards read these columns only, over a range of days
    db.execute("CREATE INDEX learning_time_by_day "
               "ON learning_time (day, pack_id, lesson_id, learner_id, seconds)")
    db.execute("""
        INSERT INTO learning_time (learner_id, pack_id, lesson_id, day, seconds)
        SELECT learner_id, pack_id, lesson_id, substr(updated_at, 1, 10), seconds_spent
        FROM progress WHERE seconds_spent > 0""")
    db.execute("""
        CREATE TABLE review_log (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_id TEXT NOT NULL,
            due TEXT NOT NULL,
            reviewed_at TEXT NOT NULL,
            score REAL NOT NULL
        )""")
    db.execute("CREATE INDEX review_log_by_due ON review_log (due, reviewed_at, learner_id)")
    db.execute("CREATE INDEX progress_report ON progress (pack_id, lesson_id, learner_id, "
               "started_at, updated_at, completed_at, best_score)")
    db.execute("CREATE INDEX sessions_by_time ON coaching_sessions (started_at)")
    db.execute("""
        CREATE TABLE xapi_actors (
            learner_id INTEGER PRIMARY KEY REFERENCES learners(id) ON DELETE CASCADE,
            account TEXT NOT NULL UNIQUE
        )""")
    db.execute("""
        CREATE TABLE xapi_statements (
            id TEXT PRIMARY KEY,
            learner_id INTEGER REFERENCES learners(id) ON DELETE CASCADE,
            verb TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            statement TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'queued',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try_at TEXT NOT NULL DEFAULT '',
            last_error TEXT NOT NULL DEFAULT '',
            sent_at TEXT
        )""")
    db.execute("CREATE INDEX xapi_statements_queue "
               "ON xapi_statements (state, next_try_at, recorded_at)")


@migrations(name="0012_report_rollups_search_prefixes")
def m0012_report_rollups_search_prefixes(db: Database) -> None:
    """Speed: roll-ups for the dashboards, kept by triggers on every write, and prefix
    indexes for search as you type (:mod:`navigator.storage.migration_0012` says what and
    why)."""
    from navigator.storage.migration_0012 import statements

    for statement in statements():
        db.execute(statement)


def pending(db: Database) -> list[str]:
    return [m.name for m in migrations.pending(db)]


def migrate(db: Database, *, backup_folder: Path | None = None) -> Path | None:
    """Apply pending migrations. A database that already holds tables is copied first.

    Returns the backup's path, if one was taken.
    """
    todo = migrations.pending(db)
    if not todo:
        return None
    backup = None
    if backup_folder is not None and db.table_names():
        reason = "before-" + todo[0].name.replace("_", "-")
        backup = take_backup(db.conn, backup_folder, reason)
    migrations.apply(db)
    return backup

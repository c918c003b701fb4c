"""The dashboards' roll-ups (migration 0012) stay equal to the rows they sum, whatever
writes those rows, and the tables read from them give the same figures as the rows."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlite_utils import Database

from navigator.reports import tables as t
from navigator.sample_data import SampleSize, run_with_defaults
from navigator.services import Services
from navigator.storage import repository as repo
from navigator.storage.database import connect
from navigator.storage.migrations import migrate
from navigator.storage.reviews import record_review

STAFF = "IN (SELECT id FROM learners WHERE kind = 'staff')"


def rolled_up(db: Database) -> dict[str, set[tuple]]:
    """The roll-ups' non-zero rows."""
    return {
        "reviews": set(db.execute("SELECT day, on_time, late FROM report_review_days"
                                  " WHERE on_time != 0 OR late != 0").fetchall()),
        "cards": set(db.execute("SELECT day, cards FROM report_card_days"
                                " WHERE cards != 0").fetchall()),
        "time": set(db.execute("SELECT month, learner_id, entries, seconds"
                               " FROM report_learning_months").fetchall()),
    }


def recomputed(db: Database) -> dict[str, set[tuple]]:
    """What the roll-ups should hold, summed again from the rows."""
    return {
        "reviews": set(db.execute(
            "SELECT substr(due, 1, 10), sum(ok), sum(1 - ok) FROM (SELECT due,"
            " coalesce(reviewed_at < date(due, '+2 day'), 0) AS ok FROM review_log"
            f" WHERE learner_id {STAFF}) GROUP BY 1").fetchall()),
        "cards": set(db.execute(
            "SELECT substr(due, 1, 10), count(*) FROM review_cards"
            f" WHERE learner_id {STAFF} GROUP BY 1").fetchall()),
        "time": set(db.execute(
            "SELECT substr(day, 1, 7), learner_id, count(*), sum(seconds) FROM learning_time"
            f" WHERE learner_id {STAFF} GROUP BY 1, 2").fetchall()),
    }


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = connect(tmp_path / "navigator.db")
    migrate(database)
    return database


def person(db: Database, name: str, kind: str = "staff") -> int:
    return int(db.execute("INSERT INTO learners (name, language, created_at, kind)"
                          " VALUES (?, 'en', '2026-01-01', ?)", [name, kind]).lastrowid)


def card(db: Database, learner: int, step: str, due: str, verb: str = "INSERT") -> None:
    db.execute(f"{verb} INTO review_cards VALUES (?, 'p', 'l', ?, 1, 1, 2.5, 0, ?, ?)",
               [learner, step, due, due])


@pytest.mark.parametrize("recursive_triggers", ["ON", "OFF"])
def test_every_kind_of_write_keeps_the_rollups_equal_to_the_rows(db: Database,
                                                                 recursive_triggers: str):
    """Inserts, upserts, INSERT OR REPLACE/IGNORE, updates and deletes, of staff and clients,
    a staff member deleted and a learner changing kind: the roll-ups always match, whether
    REPLACE fires delete triggers (sqlite-utils' connections) or not (plain sqlite3)."""
    db.execute(f"PRAGMA recursive_triggers = {recursive_triggers}")
    ana, ben, client = person(db, "Ana"), person(db, "Ben"), person(db, "C", "client")
    rng = random.Random(5)
    start = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
    for n in range(120):
        who = rng.choice((ana, ben, client))
        moment = start + timedelta(days=rng.randint(0, 90), hours=rng.randint(0, 12))
        step = f"q{rng.randint(0, 5)}"
        choice = rng.randrange(7)
        if choice == 0:  # the app's spaced review: a log row and a card upsert
            record_review(db, learner_id=who, pack_id="p", lesson_id="l", step_id=step,
                          score=rng.random(), now=moment, log=True)
        elif choice == 1:  # the sample generator's card write
            card(db, who, step, moment.isoformat(), "INSERT OR REPLACE")
        elif choice == 2:
            card(db, who, step, moment.isoformat(), "INSERT OR IGNORE")
        elif choice == 3:
            db.execute("UPDATE review_cards SET due = ? WHERE learner_id = ? AND step_id = ?",
                       [moment.isoformat(), who, step])
        elif choice == 4:
            db.execute("DELETE FROM review_cards WHERE learner_id = ? AND step_id = ?",
                       [who, step])
        elif choice == 5:  # the app's time per day: an upsert that adds seconds
            db.execute("INSERT INTO learning_time VALUES (?, 'p', ?, ?, ?) ON CONFLICT"
                       " DO UPDATE SET seconds = seconds + excluded.seconds",
                       [who, step, moment.date().isoformat(), rng.randint(0, 600)])
        else:
            db.execute("DELETE FROM learning_time WHERE learner_id = ? AND lesson_id = ?",
                       [who, step])
            db.execute("DELETE FROM review_log WHERE id = (SELECT max(id) FROM review_log)")
        assert rolled_up(db) == recomputed(db), f"after write {n} (kind {choice})"
    assert rolled_up(db)["reviews"] and rolled_up(db)["time"]
    db.execute("UPDATE learners SET kind = 'client' WHERE id = ?", [ben])
    assert rolled_up(db) == recomputed(db)
    db.execute("DELETE FROM learners WHERE id = ?", [ana])  # cascades to their rows
    db.execute("DELETE FROM learners WHERE id = ?", [client])
    assert rolled_up(db) == recomputed(db)
    assert rolled_up(db) == {"reviews": set(), "cards": set(), "time": set()}


def test_migration_fills_the_rollups_from_existing_rows(db: Database):
    """Rows written before 0012 are summed when it runs."""
    ana = person(db, "Ana")
    for trigger in [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")]:
        db.execute(f"DROP TRIGGER {trigger}")
    db.execute("INSERT INTO review_log (learner_id, pack_id, lesson_id, step_id, due,"
               " reviewed_at, score) VALUES (?, 'p', 'l', 'q', '2026-02-10T08:00',"
               " '2026-02-13T09:00', 1)", [ana])
    card(db, ana, "q", "2026-03-15T08:00")
    db.execute("INSERT INTO learning_time VALUES (?, 'p', 'l', '2026-01-05', 1800)", [ana])
    for table in ("report_review_days", "report_card_days", "report_learning_months"):
        db.execute(f"DELETE FROM {table}")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '0012_report_rollups_search_prefixes'")
    for name in ("lessons_by_module", "learning_time_by_lesson"):
        db.execute(f"DROP INDEX {name}")
    for table in ("report_review_days", "report_card_days", "report_card_replaced",
                  "report_learning_months"):
        db.execute(f"DROP TABLE {table}")
    migrate(db)
    assert rolled_up(db) == recomputed(db) == {
        "reviews": {("2026-02-10", 0, 1)}, "cards": {("2026-03-15", 1)},
        "time": {("2026-01", ana, 1, 1800)}}


def raw_time_per_month(db: Database, flt: t.Filter) -> list[tuple]:
    found = {r[0]: (r[1], r[2]) for r in db.execute(
        "SELECT substr(day, 1, 7), sum(seconds), count(DISTINCT learner_id) FROM learning_time"
        f" WHERE learner_id {STAFF} AND day >= ? AND day < ? GROUP BY 1",
        [flt.since, flt.until]).fetchall()}
    return [(m, round(found.get(m, (0, 0))[0] / 3600, 1), found.get(m, (0, 0))[1])
            for m in t.months(flt.start, flt.end)]


def raw_review_counts(db: Database, flt: t.Filter) -> list[tuple]:
    done = {(r[0], r[1]): r[2] for r in db.execute(
        "SELECT substr(due, 1, 7), coalesce(reviewed_at < date(due, '+2 day'), 0), count(*)"
        f" FROM review_log WHERE due >= ? AND due < ? AND learner_id {STAFF} GROUP BY 1, 2",
        [flt.since, flt.until]).fetchall()}
    horizon = min(flt.until, (flt.now - timedelta(days=1)).isoformat())
    waiting = dict(db.execute(
        "SELECT substr(due, 1, 7), count(*) FROM review_cards WHERE due >= ? AND due < ?"
        f" AND learner_id {STAFF} GROUP BY 1", [flt.since, horizon]).fetchall())
    return [(m, done.get((m, 1), 0), done.get((m, 0), 0), waiting.get(m, 0))
            for m in t.months(flt.start, flt.end)]


def test_tables_from_rollups_match_the_rows_for_any_range(data_dir: Path):
    """On generated records, time per month and review adherence over ranges that start and
    end mid-month, on a month's edge, or within one month equal the sums of the rows."""
    services = Services.start(data_dir)
    try:
        run_with_defaults(services.lane, services.library,
                          size=SampleSize(12, 4, 200, seed=3, statements=False))
        today = date.today()
        ranges = [(today - timedelta(days=199), today), (today - timedelta(days=90), today),
                  (date(today.year, today.month, 1) - timedelta(days=62),
                   date(today.year, today.month, 1) - timedelta(days=1)),
                  (today - timedelta(days=40), today - timedelta(days=35))]
        for start, end in ranges:
            flt = t.Filter(start, end, today=today)
            time = services.lane.call(t.time_per_month, flt=flt)
            assert time.rows == services.lane.call(raw_time_per_month, flt=flt)
            reviews = services.lane.call(t.review_adherence, flt=flt)
            assert [r[:4] for r in reviews.rows] == services.lane.call(raw_review_counts,
                                                                       flt=flt)
        assert services.lane.call(rolled_up) == services.lane.call(recomputed)
        assert sum(r[1] for r in services.lane.call(
            t.time_per_month, flt=t.Filter(today - timedelta(days=199), today)).rows) > 0
        learner = services.lane.call(repo.create_learner, name="Amal", language="en")
        services.lane.call(repo.set_position, learner_id=learner.id, pack_id="p",
                           lesson_id="l", step_index=1, step_id="s", seconds=90)
        assert services.lane.call(rolled_up) == services.lane.call(recomputed)
    finally:
        services.close()

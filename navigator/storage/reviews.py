"""Review cards in the database: scheduling answers and listing what is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlite_utils import Database

from navigator.core.review import Card, grade, schedule, start_of_day


@dataclass(frozen=True)
class DueCard:
    pack_id: str
    lesson_id: str
    step_id: str
    due: datetime
    lapses: int


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def get_card(db: Database, *, learner_id: int, pack_id: str, lesson_id: str,
             step_id: str) -> Card | None:
    rows = list(db.query(
        "SELECT repetitions, interval_days, ease, lapses, due FROM review_cards"
        " WHERE learner_id = ? AND pack_id = ? AND lesson_id = ? AND step_id = ?",
        [learner_id, pack_id, lesson_id, step_id]))
    if not rows:
        return None
    r = rows[0]
    return Card(r["repetitions"], r["interval_days"], r["ease"], r["lapses"],
                datetime.fromisoformat(r["due"]))


def record_review(db: Database, *, learner_id: int, pack_id: str, lesson_id: str,
                  step_id: str, score: float, now: datetime, log: bool = False) -> Card:
    """Schedule the question's next review after an answer worth ``score`` (0-1).

    ``log`` (a spaced-review answer, not a lesson's) also keeps the answer with the day it
    was due, for review adherence."""
    card = get_card(db, learner_id=learner_id, pack_id=pack_id, lesson_id=lesson_id,
                    step_id=step_id) or Card()
    if log:
        db.execute("INSERT INTO review_log (learner_id, pack_id, lesson_id, step_id, due,"
                   " reviewed_at, score) VALUES (?,?,?,?,?,?,?)",
                   [learner_id, pack_id, lesson_id, step_id, _utc(card.due or now),
                    _utc(now), score])
    card = schedule(card, grade(score), now)
    assert card.due is not None
    db.execute(
        "INSERT INTO review_cards (learner_id, pack_id, lesson_id, step_id, repetitions,"
        " interval_days, ease, lapses, due, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT(learner_id, pack_id, lesson_id, step_id) DO UPDATE SET"
        " repetitions = excluded.repetitions, interval_days = excluded.interval_days,"
        " ease = excluded.ease, lapses = excluded.lapses, due = excluded.due,"
        " updated_at = excluded.updated_at",
        [learner_id, pack_id, lesson_id, step_id, card.repetitions, card.interval_days,
         card.ease, card.lapses, _utc(card.due), _utc(now)])
    return card


def _end_of_today(now: datetime) -> str:
    local = now if now.tzinfo else now.astimezone()
    return _utc(start_of_day(local) + timedelta(days=1))


def due_cards(db: Database, *, learner_id: int, now: datetime,
              limit: int = 20) -> list[DueCard]:
    """Cards due today or earlier, the most overdue (and most missed) first."""
    return [DueCard(r["pack_id"], r["lesson_id"], r["step_id"],
                    datetime.fromisoformat(r["due"]), r["lapses"])
            for r in db.query(
                "SELECT pack_id, lesson_id, step_id, due, lapses FROM review_cards"
                " WHERE learner_id = ? AND due < ? ORDER BY due, lapses DESC LIMIT ?",
                [learner_id, _end_of_today(now), limit])]


def count_due(db: Database, *, learner_id: int, now: datetime) -> int:
    rows = list(db.query("SELECT COUNT(*) AS n FROM review_cards WHERE learner_id = ?"
                         " AND due < ?", [learner_id, _end_of_today(now)]))
    return int(rows[0]["n"])

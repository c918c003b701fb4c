"""Recording learning events as xAPI statements, in the transaction that saves the event.

Each function takes the storage lane's ``db`` (it runs inside the same ``db.atomic()`` as the
answer, position or session it describes), builds the statement and queues it. Statement ids
describe the event, so the same event recorded twice is kept once.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from navigator.core.model import Lesson, Pack, Step
from navigator.storage.xapi_queue import actor_account, enqueue
from navigator.xapi import statements as xs


def _lesson_activity(pack: Pack, lesson: Lesson) -> dict[str, Any]:
    names = {lang: text.title for lang, text in lesson.texts.items()}
    return xs.activity(xs.lesson_iri(pack.id, lesson.id), "lesson", names)


def _lesson_context(pack: Pack, lesson: Lesson, language: str, account: str,
                    attempt: int, *, parent: str | None = None) -> dict[str, Any]:
    return xs.context(
        language=language, pack_id=pack.id, pack_version=pack.version, parent=parent,
        grouping=[xs.module_iri(pack.id, lesson.module_id)],
        registration=xs.statement_id("registration", account, pack.id, lesson.id, attempt),
        extensions={xs.EXTENSION_ATTEMPT: attempt})


def lesson_launched(db: Database, *, learner_id: int, pack: Pack, lesson: Lesson,
                    language: str, attempt: int, when: datetime) -> None:
    account = actor_account(db, learner_id=learner_id)
    enqueue(db, learner_id=learner_id, statement=xs.statement(
        sid=xs.statement_id("launched", account, pack.id, lesson.id, attempt, xs.timestamp(when)),
        account=account, verb="launched", obj=_lesson_activity(pack, lesson), when=when,
        ctx=_lesson_context(pack, lesson, language, account, attempt,
                            parent=xs.pack_iri(pack.id))))


def step_experienced(db: Database, *, learner_id: int, pack: Pack, lesson: Lesson,
                     language: str, attempt: int, step: Step, when: datetime) -> None:
    account = actor_account(db, learner_id=learner_id)
    obj = xs.activity(xs.step_iri(pack.id, lesson.id, step.id), "step",
                      {language: step.title} if step.title else None)
    enqueue(db, learner_id=learner_id, statement=xs.statement(
        sid=xs.statement_id("experienced", account, pack.id, lesson.id, step.id, attempt,
                            xs.timestamp(when)),
        account=account, verb="experienced", obj=obj, when=when,
        ctx=_lesson_context(pack, lesson, language, account, attempt,
                            parent=xs.lesson_iri(pack.id, lesson.id))))


def question_answered(db: Database, *, learner_id: int, pack: Pack, lesson: Lesson,
                      language: str, attempt: int, step: Step, chosen: list[int],
                      score: float, correct: bool, when: datetime,
                      review: bool = False) -> None:
    """A question answered (``score`` 0-1), in a lesson or (``review``) in a spaced review."""
    assert step.question is not None
    account = actor_account(db, learner_id=learner_id)
    obj = xs.activity(xs.step_iri(pack.id, lesson.id, step.id), "question",
                      {language: step.title} if step.title else None,
                      **xs.interaction(step.question))
    result = {"success": bool(correct), "response": xs.response(chosen),
              **xs.scaled(score * 100)}
    ctx = _lesson_context(pack, lesson, language, account, attempt,
                          parent=xs.lesson_iri(pack.id, lesson.id))
    if review:
        ctx["contextActivities"]["category"] = [
            {"objectType": "Activity", "id": xs.REVIEW_ACTIVITY}]
    enqueue(db, learner_id=learner_id, statement=xs.statement(
        sid=xs.statement_id("answered", account, pack.id, lesson.id, step.id, attempt,
                            xs.timestamp(when)),
        account=account, verb="answered", obj=obj, when=when, ctx=ctx, result=result))


def lesson_finished(db: Database, *, learner_id: int, pack: Pack, lesson: Lesson,
                    language: str, attempt: int, score: float | None, passed: bool,
                    seconds: int, when: datetime) -> None:
    """``completed`` for a lesson without a check; ``passed`` or ``failed`` with one."""
    verb = "completed" if score is None else ("passed" if passed else "failed")
    account = actor_account(db, learner_id=learner_id)
    result: dict[str, Any] = {"completion": score is None or passed,
                              "duration": xs.duration(seconds)}
    if score is not None:
        result.update(success=passed, **xs.scaled(score))
    enqueue(db, learner_id=learner_id, statement=xs.statement(
        sid=xs.statement_id(verb, account, pack.id, lesson.id, attempt),
        account=account, verb=verb, obj=_lesson_activity(pack, lesson), when=when,
        ctx=_lesson_context(pack, lesson, language, account, attempt,
                            parent=xs.pack_iri(pack.id)), result=result))


def module_completed(db: Database, *, learner_id: int, pack: Pack, module_id: str,
                     language: str, when: datetime) -> None:
    account = actor_account(db, learner_id=learner_id)
    titles = next((m.titles for m in pack.modules if m.id == module_id), {})
    iri = xs.module_iri(pack.id, module_id) if module_id else xs.pack_iri(pack.id)
    obj = xs.activity(iri, "module" if module_id else "pack", dict(titles or pack.titles))
    enqueue(db, learner_id=learner_id, statement=xs.statement(
        sid=xs.statement_id("completed", account, pack.id, "module", module_id),
        account=account, verb="completed", obj=obj, when=when,
        ctx=xs.context(language=language, pack_id=pack.id, pack_version=pack.version),
        result={"completion": True}))


def review_done(db: Database, *, learner_id: int, language: str, questions: int, right: int,
                when: datetime) -> None:
    """A spaced-review session finished: how many questions, how many right."""
    account = actor_account(db, learner_id=learner_id)
    obj = xs.activity(xs.REVIEW_ACTIVITY, "review", {"en": "Spaced review"})
    result = {"completion": True, "score": {"raw": right, "min": 0, "max": max(questions, 1),
                                            "scaled": round(right / max(questions, 1), 4)}}
    enqueue(db, learner_id=learner_id, statement=xs.statement(
        sid=xs.statement_id("review-done", account, xs.timestamp(when)), account=account,
        verb="completed", obj=obj, when=when, ctx=xs.context(language=language),
        result=result))


def coaching_session_held(db: Database, *, session_id: int) -> None:
    """A coaching session that has ended, once (the statement id is the session's).

    The actor is the navigator. The client is not named in any way: the statement says a
    session was held, by which mode, how long, and which lessons were used.
    """
    rows = list(db.query(
        "SELECT s.navigator_id, s.started_at, s.ended_at, s.mode, l.language"
        " FROM coaching_sessions s LEFT JOIN learners l ON l.id = s.navigator_id"
        " WHERE s.id = ?", [session_id]))
    if not rows or rows[0]["ended_at"] is None or rows[0]["navigator_id"] is None:
        return
    row = rows[0]
    navigator_id = int(row["navigator_id"])
    account = actor_account(db, learner_id=navigator_id)
    key = _session_key(db, session_id)
    started = datetime.fromisoformat(row["started_at"])
    ended = datetime.fromisoformat(row["ended_at"])
    lessons = [xs.lesson_iri(r["pack_id"], r["lesson_id"]) for r in db.query(
        "SELECT pack_id, lesson_id FROM session_lessons WHERE session_id = ?"
        " ORDER BY pack_id, lesson_id", [session_id])]
    ctx = xs.context(language=row["language"] or "en",
                     extensions={xs.EXTENSION_MODE: row["mode"]})
    if lessons:
        ctx.setdefault("contextActivities", {})["other"] = [
            {"objectType": "Activity", "id": iri} for iri in lessons]
    obj = xs.activity(f"{xs.BASE}/coaching/sessions/{key}", "meeting",
                      {"en": "Coaching session"})
    enqueue(db, learner_id=navigator_id, statement=xs.statement(
        sid=xs.statement_id("coaching-session", key), account=account, verb="attended",
        obj=obj, when=ended, ctx=ctx,
        result={"completion": True,
                "duration": xs.duration((ended - started).total_seconds())}))


def _session_key(db: Database, session_id: int) -> str:
    """A session's id that is unique across computers: this installation's id + the row id."""
    rows = db.execute("SELECT value FROM app_state WHERE key = 'installation_id'").fetchall()
    if rows:
        installation = rows[0][0]
    else:
        installation = str(uuid.uuid4())
        db.execute("INSERT INTO app_state (key, value) VALUES ('installation_id', ?)",
                   [installation])
    return xs.statement_id("session", installation, session_id)

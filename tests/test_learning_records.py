"""Learning events are recorded locally as xAPI 1.0.3 statements, in the same transaction as
the event: a lesson, a spaced review and a coaching session, read back from the database."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta, timezone

from navigator.lesson_session import LessonSession
from navigator.review_session import ReviewSession
from navigator.services import Services
from navigator.storage import coaching, staff
from navigator.storage import repository as repo
from navigator.xapi import statements as xs

DAY1 = datetime(2026, 11, 24, 10, 0).astimezone()


def stored(services: Services) -> list[dict]:
    rows = services.lane.call(lambda db: db.execute(
        "SELECT statement, state, verb FROM xapi_statements ORDER BY recorded_at, rowid"
    ).fetchall())
    assert all(state == "queued" for _s, state, _v in rows)
    return [json.loads(s) for s, _state, _v in rows]


def right_answer(question) -> list[int]:
    right = sorted(question.correct_indexes)
    return right[:1] if question.type.picks_one else right


def test_a_lesson_gives_launched_experienced_answered_and_passed(services: Services):
    learner = services.lane.call(repo.create_learner, name="Amal Haddad", language="fr").id
    pack = services.library.get("sample")
    lesson = pack.lessons["first-lesson"]
    session = LessonSession(lane=services.lane, learner_id=learner, pack=pack, lesson=lesson,
                            language="en", clock=lambda: DAY1)
    session.open().result(timeout=5)
    while True:
        if session.step.question is not None:
            session.answer(right_answer(session.step.question))[1].result(timeout=5)
        if session.is_last:
            break
        session.advance().result(timeout=5)
    outcome, future = session.finish()
    future.result(timeout=5)
    assert outcome.passed

    statements = stored(services)
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]
    assert verbs[0] == "launched" and verbs[-1] == "passed"
    assert verbs.count("experienced") == sum(1 for _ in session.text.main_steps)
    questions = [s for s in session.text.steps if s.question is not None and not s.branch]
    assert verbs.count("answered") == len(questions)
    for s in statements:
        assert s["version"] == "1.0.3"
        uuid.UUID(s["id"])
        account = s["actor"]["account"]
        uuid.UUID(account["name"])  # a random pseudonym ...
        assert "Amal" not in json.dumps(s) and "mbox" not in s["actor"]  # ... never the name
        assert s["context"]["language"] == "en"
        assert s["context"]["extensions"][xs.EXTENSION_PACK_VERSION] == pack.version
        assert s["context"]["platform"].startswith("Navigator ")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", s["timestamp"])
    assert len({s["actor"]["account"]["name"] for s in statements}) == 1
    assert statements[0]["object"]["id"] == f"{xs.BASE}/packs/sample/lessons/first-lesson"
    answered = next(s for s in statements if s["verb"]["id"].endswith("answered"))
    assert answered["object"]["id"].startswith(statements[0]["object"]["id"] + "/steps/")
    assert answered["result"]["success"] is True
    assert answered["result"]["score"]["scaled"] == 1.0
    assert answered["object"]["definition"]["interactionType"] in {"choice", "sequencing"}
    passed = statements[-1]
    assert passed["result"]["success"] is True and passed["result"]["completion"] is True
    assert passed["result"]["duration"].startswith("PT")
    # time learned is also kept per day for the dashboards
    days = services.lane.call(lambda db: db.execute(
        "SELECT day FROM learning_time WHERE learner_id = ?", [learner]).fetchall())
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for (d,) in days)


def test_recording_the_same_finish_twice_keeps_one_statement(services: Services):
    learner = services.lane.call(repo.create_learner, name="Li", language="en").id
    pack = services.library.get("sample")
    session = LessonSession(lane=services.lane, learner_id=learner, pack=pack,
                            lesson=pack.lessons["first-lesson"], language="en",
                            clock=lambda: DAY1)
    session.finish()[1].result(timeout=5)
    session.finish()[1].result(timeout=5)  # e.g. a retry after a crash
    finished = [s for s in stored(services) if s["verb"]["id"].endswith(("passed", "failed"))]
    assert len(finished) == 1 and finished[0]["verb"]["id"].endswith("failed")


def test_a_review_records_answers_and_review_done_with_its_log(services: Services):
    learner = services.lane.call(repo.create_learner, name="Sam", language="en").id
    pack = services.library.get("sample")
    session = LessonSession(lane=services.lane, learner_id=learner, pack=pack,
                            lesson=pack.lessons["first-lesson"], language="en",
                            clock=lambda: DAY1)
    session.go_to(session.text.step_index("q-power")).result(timeout=5)
    session.answer([1])[1].result(timeout=5)
    day2 = DAY1 + timedelta(days=1)
    review = ReviewSession(lane=services.lane, learner_id=learner, language="en",
                           packs=services.library.get, clock=lambda: day2)
    assert review.count == 1
    review.answer(right_answer(review.item.step.question))[1].result(timeout=5)
    statements = stored(services)
    reviewed = [s for s in statements
                if s["context"].get("contextActivities", {}).get("category")]
    assert len(reviewed) == 1 and reviewed[0]["verb"]["id"].endswith("answered")
    done = statements[-1]
    assert done["object"]["id"] == xs.REVIEW_ACTIVITY
    assert done["result"]["score"] == {"raw": 1, "min": 0, "max": 1, "scaled": 1.0}
    log = services.lane.call(lambda db: db.execute(
        "SELECT step_id, due <= reviewed_at, score FROM review_log").fetchall())
    assert log == [("q-power", 1, 1.0)]


def test_a_coaching_session_is_recorded_once_without_the_client(services: Services):
    admin = services.lane.call(staff.create_staff, name="Nadia", language="fr", role="admin",
                               pin="2468").id
    from navigator.storage import clients

    client = services.lane.call(clients.create_client, nickname="Blue bird",
                                languages=["ar"], created_by=admin).id
    start = datetime(2026, 11, 20, 14, 0, tzinfo=timezone.utc)
    sid = services.lane.call(coaching.start_session, client_id=client, navigator_id=admin,
                             mode="phone", started_at=start)
    assert stored(services) == []  # not held yet
    services.lane.call(coaching.end_session, session_id=sid, ended_at=start + timedelta(
        minutes=45))
    services.lane.call(coaching.save_session, session_id=sid, started_at=start,
                       ended_at=start + timedelta(minutes=50), mode="phone", note="Blue bird")
    statements = stored(services)
    assert len(statements) == 1
    held = statements[0]
    assert held["verb"]["id"].endswith("attended")
    assert held["result"]["duration"] == "PT45M"
    assert held["context"]["extensions"][xs.EXTENSION_MODE] == "phone"
    text = json.dumps(held)
    assert "Blue bird" not in text and "Nadia" not in text


def test_deleting_a_client_deletes_their_statements(services: Services):
    from navigator.storage import clients

    admin = services.lane.call(staff.create_staff, name="Nadia", language="fr", role="admin",
                               pin="2468").id
    client = services.lane.call(clients.create_client, nickname="Blue bird",
                                languages=["ar"], created_by=admin).id
    pack = services.library.get("sample")
    LessonSession(lane=services.lane, learner_id=client, pack=pack,
                  lesson=pack.lessons["first-lesson"], language="en").open().result(timeout=5)
    assert len(stored(services)) == 2
    services.lane.submit_unwrapped(clients.delete_client, client_id=client).result()
    assert stored(services) == []

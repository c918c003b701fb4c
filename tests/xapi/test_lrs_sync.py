"""Store and forward against a real LRS (Ralph on 127.0.0.1): a lesson's statements arrive
and read back; offline work waits and arrives exactly once; a killed sync resumes without
duplicates; refused credentials keep the queue; the secret is never written anywhere."""

from __future__ import annotations

import collections
import copy
import json
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from base64 import b64encode
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from navigator.cli import main
from navigator.lesson_session import LessonSession
from navigator.review_session import ReviewSession
from navigator.services import Services
from navigator.storage import clients, coaching, staff
from navigator.storage import repository as repo
from navigator.storage import xapi_queue as q
from navigator.xapi import lrs_config
from navigator.xapi import statements as xs
from navigator.xapi.sync import BackgroundSync, SyncReport, check_connection, sync
from tests.conftest import ROOT
from tests.xapi.conftest import PASSWORD, USER, Lrs, free_port


def take_lesson(services: Services, name: str) -> str:
    """A learner goes through the sample's first lesson; returns their xAPI account."""
    learner = services.lane.call(repo.create_learner, name=name, language="en").id
    pack = services.library.get("sample")
    session = LessonSession(lane=services.lane, learner_id=learner, pack=pack,
                            lesson=pack.lessons["first-lesson"], language="en")
    session.open().result(timeout=5)
    while True:
        question = session.step.question
        if question is not None:
            right = sorted(question.correct_indexes)
            session.answer(right[:1] if question.type.picks_one else right)[1].result(5)
        if session.is_last:
            break
        session.advance().result(timeout=5)
    session.finish()[1].result(timeout=5)
    return services.lane.call(q.actor_account, learner_id=learner)


def local_ids(services: Services) -> set[str]:
    return {r[0] for r in services.lane.call(
        lambda db: db.execute("SELECT id FROM xapi_statements").fetchall())}


def config(lrs: Lrs, secret: str = PASSWORD) -> lrs_config.LrsConfig:
    return lrs_config.check(lrs.endpoint, USER, secret)


def test_a_lesson_reaches_the_lrs_and_reads_back(services: Services, lrs: Lrs):
    account = take_lesson(services, "Amal")
    report = sync(services.lane, config(lrs), batch_size=7)
    expected = local_ids(services)
    assert report.sent == len(expected) and report.queued == 0 and not report.error
    found = lrs.statements(account)
    assert collections.Counter(s["id"] for s in found) == collections.Counter(expected)
    verbs = {s["verb"]["id"].rsplit("/", 1)[1] for s in found}
    assert verbs == {"launched", "experienced", "answered", "passed"}
    passed = next(s for s in found if s["verb"]["id"].endswith("passed"))
    assert passed["object"]["id"] == xs.lesson_iri("sample", "first-lesson")
    assert passed["result"]["success"] is True
    assert passed["actor"]["account"]["name"] == account  # a pseudonym, never "Amal"
    assert all("Amal" not in str(s) for s in found)
    answered = next(s for s in found if s["verb"]["id"].endswith("answered"))
    assert answered["context"]["language"] == "en"
    assert answered["context"]["extensions"][xs.EXTENSION_PACK_VERSION] == "1.0.0"
    assert services.lane.call(q.counts) == q.QueueCounts(queued=0, sent=len(expected))


def test_offline_work_waits_then_arrives_exactly_once(services: Services, lrs: Lrs,
                                                     data_dir: Path, curriculum: Path,
                                                     capsys):
    account = take_lesson(services, "Bo")
    lrs.stop()
    try:
        report = sync(services.lane, config(lrs))
        assert report.sent == 0 and report.queued == len(local_ids(services))
        assert "cannot be reached" in report.error
        services.close()
        assert main(["sync", "--data-dir", str(data_dir), "--endpoint", lrs.endpoint,
                     "--key", USER, "--secret", PASSWORD]) == 1
        assert "statements still waiting" in capsys.readouterr().out
    finally:
        lrs.start()
    services = Services.start(data_dir, curriculum=curriculum)
    try:
        services.lane.call(q.retry_now)  # the back-off would wait; the test does not
        first = sync(services.lane, config(lrs))
        again = sync(services.lane, config(lrs))
        ids = local_ids(services)
    finally:
        services.close()
    assert first.sent == len(ids) and first.queued == 0 and again.sent == 0
    found = collections.Counter(s["id"] for s in lrs.statements(account))
    assert found == collections.Counter(ids)  # each once


def test_a_killed_sync_resumes_without_duplicates(tmp_path: Path, lrs: Lrs):
    folder = tmp_path / "demo"
    assert main(["sample-data", "--learners", "3", "--clients", "2", "--days", "120",
                 "--seed", "5", "--data-dir", str(folder)]) == 0
    child = subprocess.Popen(
        [sys.executable, "-m", "navigator", "sync", "--data-dir", str(folder), "--endpoint",
         lrs.endpoint, "--key", USER, "--secret", PASSWORD, "--batch-size", "3"],
        cwd=ROOT, env={**os.environ}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    services = Services.start(folder)
    try:
        deadline = time.monotonic() + 60
        while services.lane.call(q.counts).sent < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        middle = services.lane.call(q.counts)
        assert middle.sent >= 30 and middle.queued > 0  # killed half-way
        report = sync(services.lane, config(lrs), batch_size=50)
        assert report.queued == report.failed == 0  # every kind is valid for Ralph
        assert report.sent + report.already_present == middle.queued
        accounts = [r[0] for r in services.lane.call(
            lambda db: db.execute("SELECT account FROM xapi_actors").fetchall())]
        ids = local_ids(services)
    finally:
        services.close()
    found = collections.Counter(s["id"] for a in accounts for s in lrs.statements(a))
    assert found == collections.Counter(ids)


def test_refused_credentials_keep_the_queue_and_the_secret_is_never_written(
        services: Services, lrs: Lrs, data_dir: Path, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)
    take_lesson(services, "Cy")
    waiting = len(local_ids(services))
    secret = "wrong-secret-7c1e"
    report = sync(services.lane, config(lrs, secret))
    assert report.sent == 0 and report.queued == waiting
    assert "refused the key or the secret" in report.error
    lrs_config.save(config(lrs, secret))
    assert oct(lrs_config.config_path().stat().st_mode & 0o777) == "0o600"
    assert lrs_config.load() == config(lrs, secret)
    assert secret not in repr(lrs_config.load())
    services.close()
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    assert secret not in caplog.text


def test_only_https_except_loopback():
    with pytest.raises(lrs_config.ConfigRefused, match="https"):
        lrs_config.check("http://lrs.example.org/xAPI/", "k", "s")
    assert lrs_config.check("http://[::1]:8000/xAPI", "k", "s").endpoint.endswith("/xAPI/")
    assert lrs_config.check("https://lrs.example.org/xAPI", "k", "s")
    with pytest.raises(lrs_config.ConfigRefused):
        lrs_config.check("https://user:pw@lrs.example.org/", "k", "s")
    with pytest.raises(lrs_config.ConfigRefused):
        lrs_config.check("https://lrs.example.org/", "", "s")


def post_directly(lrs: Lrs, statement: dict) -> int:
    """Put a statement in the LRS behind Navigator's back (as another computer would)."""
    request = urllib.request.Request(
        lrs.endpoint + "statements", data=json.dumps([statement]).encode(), method="POST",
        headers={"Authorization": "Basic " + b64encode(f"{USER}:{PASSWORD}".encode()).decode(),
                 "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status


def test_a_refused_statement_is_kept_aside_with_its_reason_and_the_rest_arrive(
        services: Services, lrs: Lrs, data_dir: Path, capsys: pytest.CaptureFixture[str]):
    """Ralph answers 422 for an invalid statement: it is isolated and kept aside with the
    LRS's reason (in the status and in `navigator sync`), and the others are delivered."""
    account = take_lesson(services, "Dee")
    good = local_ids(services)
    some_id = sorted(good)[0]
    bad = copy.deepcopy(services.lane.call(q.get_statement, statement_id=some_id))
    bad["id"], bad["verb"]["id"] = str(uuid.uuid4()), "not-an-iri"
    services.lane.call(q.enqueue, statement=bad, learner_id=None)
    report = sync(services.lane, config(lrs), batch_size=500)
    assert (report.sent, report.failed, report.queued) == (len(good), 1, 0)
    assert {s["id"] for s in lrs.statements(account)} == good
    [(state, reason, count)] = services.lane.call(q.recent_errors)
    assert (state, count) == (q.FAILED, 1) and reason.startswith("verb.id:")
    services.close()
    assert main(["sync", "--data-dir", str(data_dir), "--endpoint", lrs.endpoint,
                 "--key", USER, "--secret", PASSWORD]) == 0
    out = capsys.readouterr().out
    assert "1 statement was refused by the LRS and is kept aside." in out
    assert f"  {reason} (1)" in out


def test_a_statement_the_lrs_holds_differently_counts_as_already_present(
        services: Services, lrs: Lrs):
    """Ralph answers 409 to a whole batch when one id is stored with other content: the
    batch is split, that one counts as already present, no other statement is lost."""
    account = take_lesson(services, "Eli")
    ids = local_ids(services)
    theirs = copy.deepcopy(services.lane.call(q.get_statement, statement_id=sorted(ids)[0]))
    theirs["verb"]["display"] = {"en-US": "changed elsewhere"}
    assert post_directly(lrs, theirs) == 200
    report = sync(services.lane, config(lrs), batch_size=500)
    assert (report.sent, report.already_present, report.queued) == (len(ids) - 1, 1, 0)
    found = lrs.statements(account)
    assert collections.Counter(s["id"] for s in found) == collections.Counter(ids)
    kept = next(s for s in found if s["id"] == theirs["id"])
    assert kept["verb"]["display"] == {"en-US": "changed elsewhere"}


def test_test_connection_says_what_is_wrong(lrs: Lrs):
    """The settings' "Test connection": right settings, a wrong secret, a wrong address,
    and no server each get their own answer, and none shows the secret."""
    works, text = check_connection(config(lrs))
    assert works and "accepted the key" in text
    works, text = check_connection(config(lrs, "not-the-secret-5d2"))
    assert not works and "refused the key or the secret" in text
    assert "not-the-secret-5d2" not in text
    wrong = lrs_config.check(lrs.endpoint.replace("/xAPI/", "/nothing-here/"), USER, PASSWORD)
    works, text = check_connection(wrong)
    assert not works and "no Learning Record Store at this address" in text
    closed = lrs_config.check(f"http://127.0.0.1:{free_port()}/xAPI/", USER, PASSWORD)
    works, text = check_connection(closed)
    assert not works and "cannot be reached" in text


def test_background_sync_sends_when_poked_and_stops(services: Services, lrs: Lrs):
    """The app's background sender sends at start, sends again soon after a poke (new
    work), and stops when asked, without waiting for its interval."""
    reports: queue.Queue[SyncReport] = queue.Queue()
    sender = BackgroundSync(services.lane, lambda: config(lrs), interval=3600,
                            on_report=reports.put)
    take_lesson(services, "Fay")
    first_count = len(local_ids(services))
    sender.start()
    try:
        assert reports.get(timeout=30).sent == first_count
        take_lesson(services, "Gus")
        sender.poke()
        second = reports.get(timeout=30)
        assert second.sent == len(local_ids(services)) - first_count and second.queued == 0
    finally:
        sender.stop(timeout=10)
    assert not sender._thread.is_alive()


def test_a_cancel_between_batches_leaves_the_rest_queued(services: Services, lrs: Lrs):
    """Cancel (the dialog's button, the app closing) stops after the batch being sent: what
    was sent is marked sent, the rest waits and arrives later, each once."""
    account = take_lesson(services, "Ivo")
    ids = local_ids(services)
    stop = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        stop.set()  # the person clicks Cancel while the first batch goes

    first = sync(services.lane, config(lrs), batch_size=4, cancel=stop, progress=progress)
    assert seen == [(4, len(ids))] and (first.sent, first.queued) == (4, len(ids) - 4)
    rest = sync(services.lane, config(lrs), batch_size=4)
    assert (rest.sent, rest.queued) == (len(ids) - 4, 0)
    assert collections.Counter(s["id"] for s in lrs.statements(account)) == \
        collections.Counter(ids)


def test_reviews_and_coaching_sessions_are_valid_for_the_lrs(services: Services, lrs: Lrs):
    """A spaced review (its answer and "completed") and a coaching session ("attended") are
    accepted by the LRS as they are recorded, none refused."""
    take_lesson(services, "Jo")
    learner = services.lane.call(repo.create_learner, name="Kim", language="en").id
    later = datetime.now(timezone.utc) - timedelta(days=3)
    lesson = LessonSession(lane=services.lane, learner_id=learner, language="en",
                           pack=services.library.get("sample"),
                           lesson=services.library.get("sample").lessons["first-lesson"],
                           clock=lambda: later)
    lesson.go_to(lesson.text.step_index("q-power")).result(timeout=5)
    lesson.answer([1])[1].result(timeout=5)  # wrong: it comes back in a review
    review = ReviewSession(lane=services.lane, learner_id=learner, language="en",
                           packs=services.library.get, clock=lambda: later + timedelta(days=1))
    question = review.item.step.question
    right = sorted(question.correct_indexes)
    review.answer(right[:1] if question.type.picks_one else right)[1].result(timeout=5)
    admin = services.lane.call(staff.create_staff, name="Lu", language="en", role="admin",
                               pin="2468").id
    client = services.lane.call(clients.create_client, nickname="Owl", languages=["en"],
                                created_by=admin).id
    held = services.lane.call(coaching.start_session, client_id=client, navigator_id=admin,
                              mode="video", started_at=later)
    services.lane.call(coaching.end_session, session_id=held,
                       ended_at=later + timedelta(minutes=30))
    report = sync(services.lane, config(lrs), batch_size=500)
    assert (report.failed, report.queued, report.sent) == (0, 0, len(local_ids(services)))
    kim = lrs.statements(services.lane.call(q.actor_account, learner_id=learner))
    assert any(s["object"]["id"] == xs.REVIEW_ACTIVITY for s in kim)
    navigator = lrs.statements(services.lane.call(q.actor_account, learner_id=admin))
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in navigator] == ["attended"]

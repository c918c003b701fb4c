"""Store and forward against a real LRS (Ralph on 127.0.0.1): a lesson's statements arrive
and read back; offline work waits and arrives exactly once; a killed sync resumes without
duplicates; refused credentials keep the queue; the secret is never written anywhere."""

from __future__ import annotations

import collections
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from navigator.cli import main
from navigator.lesson_session import LessonSession
from navigator.services import Services
from navigator.storage import repository as repo
from navigator.storage import xapi_queue as q
from navigator.xapi import lrs_config
from navigator.xapi import statements as xs
from navigator.xapi.sync import sync
from tests.conftest import ROOT
from tests.xapi.conftest import PASSWORD, USER, Lrs


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
    assert main(["sample-data", "--learners", "3", "--clients", "2", "--days", "40",
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
        assert report.queued == 0 and report.sent + report.already_present == middle.queued
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

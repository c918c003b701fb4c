"""Crash safety: a scripted learner killed with SIGKILL at random moments, many times.

After every kill the database must pass ``PRAGMA integrity_check`` and hold every answer
and session the child had reported as committed. 200 kills here (two data folders, 100
each, side by side); the long run in the README sets NAVIGATOR_CRASH_RUNS=1000.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from navigator.services import Services
from navigator.storage import clients, staff
from tests.conftest import ROOT, SAMPLE_CURRICULUM

CHILD = Path(__file__).with_name("crash_child.py")
RUNS = int(os.environ.get("NAVIGATOR_CRASH_RUNS", "200"))

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL is POSIX")


def prepare(folder: Path) -> tuple[int, int]:
    services = Services.start(folder, curriculum=SAMPLE_CURRICULUM)
    try:
        navigator = services.lane.call(staff.create_staff, name="Nadia", language="en",
                                       role="navigator", pin="1357")
        client = services.lane.call(clients.create_client, nickname="Sam", languages=["en"],
                                    created_by=navigator.id)
        return navigator.id, client.id
    finally:
        services.close()


def kill_at_random(folder: Path, run: int, ids: tuple[int, int], rng: random.Random
                   ) -> list[str]:
    """Start the child, SIGKILL it after a random delay; return the lines it printed."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(folder), str(run), str(ids[0]), str(ids[1])],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
    # From the start (migrations, packs) to well into the writes.
    time.sleep(rng.uniform(0.05, 0.9))
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, err[-2000:]
    return out.splitlines()


def verify(folder: Path, lines: list[str]) -> tuple[int, int]:
    """The database is sound and holds everything the child reported; returns counts."""
    conn = sqlite3.connect(folder / "navigator.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        answers = sessions = 0
        for line in lines:
            kind, *rest = line.split()
            if kind == "A":
                run, seq, row = (int(x) for x in rest)
                found = conn.execute("SELECT chosen FROM answers WHERE id = ?", [row]).fetchone()
                assert found is not None and json.loads(found[0]) == [run, seq], line
                answers += 1
            elif kind == "S":
                found = conn.execute("SELECT ended_at FROM coaching_sessions WHERE id = ?",
                                     [int(rest[0])]).fetchone()
                assert found is not None and found[0] is not None, line
                sessions += 1
        return answers, sessions
    finally:
        conn.close()


def crash_many_times(folder: Path, runs: range, seed: int) -> tuple[int, int, int]:
    ids = prepare(folder)
    rng = random.Random(seed)
    answers = sessions = started = 0
    for run in runs:
        lines = kill_at_random(folder, run, ids, rng)
        started += "ready" in lines
        a, s = verify(folder, lines)
        answers, sessions = answers + a, sessions + s
    return answers, sessions, started


def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path):
    half = RUNS // 2
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(
            lambda args: crash_many_times(*args),
            [(tmp_path / "one", range(half), 1), (tmp_path / "two", range(half, RUNS), 2)]))
    answers = sum(r[0] for r in results)
    sessions = sum(r[1] for r in results)
    started = sum(r[2] for r in results)
    print(f"{RUNS} kills ({started} after start-up): {answers} answers and {sessions} "
          "sessions reported committed, all there, integrity ok")
    # The kills must have landed both during start-up and during the writes.
    assert started < RUNS and started > RUNS // 3
    assert answers > RUNS and sessions > 0

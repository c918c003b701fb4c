"""Disk full or read-only while a learner answers: a clear message, the answer kept on the
screen and saved by itself once there is room; nothing saved before is damaged."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from navigator.services import Services
from navigator.storage import repository as repo
from navigator.storage.database import DatabaseUnavailable, Reason
from tests.conftest import SAMPLE_CURRICULUM
from tests.ui.test_lesson_flow import answer_rows, make_window, start_as, wait_saved


def open_first_question(qtbot, window):
    qtbot.mouseClick(window.catalogue.open_button, Qt.MouseButton.LeftButton)
    player = window.player
    qtbot.waitUntil(lambda: window.stack.currentWidget() is player)
    wait_saved(qtbot, window)
    qtbot.mouseClick(player.next, Qt.MouseButton.LeftButton)  # -> the practice question
    wait_saved(qtbot, window)
    return player


def page_limit(db, limit: int | None):  # type: ignore[no-untyped-def]
    """Make the database 'full' at its present size (SQLite's own SQLITE_FULL)."""
    count = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {limit or count}")


@pytest.mark.parametrize("problem", ["full", "read-only"])
def test_an_answer_that_cannot_be_saved_is_kept_and_saved_when_it_can(
        qtbot, services, data_dir, monkeypatch, problem):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: shown.append((title, text)))
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    player = open_first_question(qtbot, window)
    player.saving.timer.setInterval(200)
    before = answer_rows(data_dir)
    if problem == "full":
        services.lane.call(page_limit, limit=None)
    else:
        services.lane.submit_unwrapped(lambda db: db.execute("PRAGMA query_only = 1")).result()

    qtbot.mouseClick(player.question.rows[1].button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(player.check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.saving.banner.isVisible())
    words = "disk is full" if problem == "full" else "read-only"
    assert len(shown) == 1 and words in shown[0][1]
    assert "Not saved yet" in player.saving.text.text() and words in player.saving.text.text()
    assert player.question.rows[1].button.isChecked()  # the answer stays on the screen
    assert not player.next.isVisible()  # no moving on with an unsaved answer
    qtbot.wait(700)  # a few tries fail quietly: still one dialog
    assert len(shown) == 1 and answer_rows(data_dir) == before

    if problem == "full":  # room again (someone freed some space)
        services.lane.submit_unwrapped(lambda db: page_limit(db, 1_000_000)).result()
    else:
        services.lane.submit_unwrapped(lambda db: db.execute("PRAGMA query_only = 0")).result()
    qtbot.waitUntil(lambda: not player.saving.banner.isVisible(), timeout=5000)
    wait_saved(qtbot, window)
    assert player.question.verdict.text().startswith("✗")
    assert answer_rows(data_dir) == [*before, ("try-power", "[1]", 0, 0, 1)]
    assert services.lane.call(lambda db: db.execute("PRAGMA integrity_check").fetchone()[0]
                              ) == "ok"


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A real 4 MB file system (tmpfs); skipped where mounting is not allowed."""
    point = tmp_path / "tiny"
    point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    yield point
    subprocess.run(["umount", str(point)], check=False)


def test_a_really_full_disk_refuses_in_words_and_keeps_what_was_saved(tiny_disk):
    folder = tiny_disk / "data"
    services = Services.start(folder, curriculum=SAMPLE_CURRICULUM)
    try:
        amal = services.lane.call(repo.create_learner, name="Amal", language="en")
        filler = tiny_disk / "filler"
        with filler.open("wb") as f:  # fill the disk to the last byte
            try:
                while True:
                    f.write(b"\0" * 65536)
                    f.flush()
                    os.fsync(f.fileno())
            except OSError:
                pass
        with pytest.raises(DatabaseUnavailable) as refused:
            for n in range(200):  # until the log and the file cannot grow any more
                services.lane.call(repo.create_learner, name=f"Learner {n} " + "x" * 2000,
                                   language="en")
        assert refused.value.reason is Reason.FULL
        assert "The disk is full" in refused.value.message
        filler.unlink()
        services.lane.call(repo.create_learner, name="Omar", language="en")  # room again
    finally:
        services.close()
    conn = sqlite3.connect(folder / "navigator.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        names = [r[0] for r in conn.execute("SELECT name FROM learners ORDER BY id")]
    finally:
        conn.close()
    assert names[0] == amal.name and names[-1] == "Omar"

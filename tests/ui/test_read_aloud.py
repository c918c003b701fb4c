"""Read aloud in the lesson player, through the real eSpeak NG engine: Listen reads the step
and highlights each word as it is heard; options and feedback have their own Listen; Stop and
moving on stop the sound; the window keeps turning; no engine means a message, not a crash.

No sound device here, so playback is timed by a ClockPlayer (the same timing as the sound).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from navigator.speech import ClockPlayer, SpeechEngine, SpeechService
from navigator.storage.settings import Settings
from tests.ui.test_lesson_flow import make_window, start_as, wait_saved
from tests.ui.test_question_kinds_ui import click_check_then_wait


@pytest.fixture
def engine(tmp_path) -> Iterator[SpeechEngine]:
    started = SpeechEngine(tmp_path / "speech")
    yield started
    started.close()


def reading_window(qtbot, services, engine: SpeechEngine, speed: float = 1.0):
    window = make_window(qtbot, services)
    window.read_aloud.make_service = lambda: SpeechService(engine, ClockPlayer(speed))
    start_as(qtbot, window)
    window.open_lesson("sample", "first-lesson")
    wait_saved(qtbot, window)
    return window


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def test_listen_reads_the_step_and_highlights_each_word_in_time(qtbot, services, engine):
    window = reading_window(qtbot, services, engine, speed=2.0)
    player = window.player
    reader = window.read_aloud
    step_words = words(player.text.toPlainText())
    highlighted: list[str] = []
    ticks = QElapsedTimer()
    gaps: list[int] = []

    def tick() -> None:  # the event loop keeps turning while speech runs
        gaps.append(ticks.restart())
        selections = player.text.extraSelections()
        if selections:
            selected = selections[0].cursor.selectedText()
            if not highlighted or highlighted[-1] != selected:
                highlighted.append(selected)

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    ticks.start()
    timer.start()
    qtbot.mouseClick(player.listen, Qt.MouseButton.LeftButton)
    assert reader.speaking and player.stop_reading.isVisible()
    qtbot.waitUntil(lambda: not reader.speaking, timeout=20_000)
    timer.stop()

    assert not player.stop_reading.isVisible() and player.text.extraSelections() == []
    assert len(highlighted) >= 5, highlighted
    assert set(highlighted) <= step_words
    in_text = [w for w in reader.heard if w.strip()]
    assert in_text[:3] == ["The", "power", "button"]  # in reading order, from the start
    assert max(gaps[1:]) < 250, f"the window froze for {max(gaps[1:])} ms"


def test_ten_listen_and_stop_cycles_neither_hang_nor_crash(qtbot, services, engine):
    window = reading_window(qtbot, services, engine)
    player, reader = window.player, window.read_aloud
    for _ in range(10):
        started = time.monotonic()
        qtbot.mouseClick(player.listen, Qt.MouseButton.LeftButton)
        qtbot.wait(30)
        qtbot.mouseClick(player.stop_reading, Qt.MouseButton.LeftButton)
        assert time.monotonic() - started < 2.0  # no click waits on the speech threads
        assert not reader.speaking and not player.stop_reading.isVisible()
    qtbot.mouseClick(player.listen, Qt.MouseButton.LeftButton)  # still reads after that
    qtbot.waitUntil(lambda: len(reader.heard) >= 2, timeout=10_000)
    reader.stop()


def test_moving_on_stops_the_reading(qtbot, services, engine):
    window = reading_window(qtbot, services, engine)
    player, reader = window.player, window.read_aloud
    player.toggle_listening()  # Ctrl+L
    assert reader.speaking
    qtbot.mouseClick(player.next, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)
    assert not reader.speaking
    heard = list(reader.heard)
    qtbot.wait(300)
    assert reader.heard == heard and not reader.speaking  # nothing more arrives
    assert player.text.extraSelections() == []


def test_an_option_and_its_feedback_are_read_with_their_own_listen(qtbot, services, engine):
    window = reading_window(qtbot, services, engine, speed=3.0)
    player, reader = window.player, window.read_aloud
    while not player.check.isVisible():
        qtbot.mouseClick(player.next, Qt.MouseButton.LeftButton)
        wait_saved(qtbot, window)
    row = player.question.rows[1]
    option_words = words(row.text.text())
    marked: list[bool] = []
    reader._word.connect(lambda *_a: marked.append("background-color" in row.text.text()))
    qtbot.mouseClick(row.listen, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not reader.speaking, timeout=10_000)
    assert reader.heard and set(reader.heard) <= option_words | {""}
    assert any(marked)  # the word was marked in the option's own text
    assert "background-color" not in row.text.text()  # and unmarked at the end

    player.question.choose(1)
    click_check_then_wait(qtbot, window)
    assert player.question.listen_result.isVisible()
    qtbot.mouseClick(player.question.listen_result, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not reader.speaking, timeout=15_000)
    heard = " ".join(reader.heard)
    feedback = player.question.rows[1].feedback.text()
    assert words(heard) & words(re.sub("<[^>]+>", " ", feedback))


def test_without_a_speech_engine_listen_explains_and_the_lesson_goes_on(
        qtbot, services, tmp_path):
    broken = SpeechEngine(tmp_path / "speech", driver_name="no-such-driver")
    try:
        window = reading_window(qtbot, services, broken)
        player = window.player
        qtbot.mouseClick(player.listen, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: player.speech_message.isVisible(), timeout=10_000)
        assert player.speech_message.text().startswith("Reading aloud is not available")
        assert "not available" in player.listen.toolTip()
        qtbot.waitUntil(lambda: not window.read_aloud.speaking, timeout=5000)
        before = player.session.index
        qtbot.mouseClick(player.next, Qt.MouseButton.LeftButton)
        wait_saved(qtbot, window)
        assert player.session.index == before + 1
    finally:
        broken.close()


def test_the_reading_speed_of_the_learner_is_used(qtbot, services, engine):
    window = reading_window(qtbot, services, engine)
    window.change_settings(Settings(speech_rate=1.5))
    assert window.read_aloud.rate == 1.5
    spoken: list[float] = []
    window.read_aloud.make_service = lambda: _RecordingService(engine, spoken)
    window.player.listen_step()
    qtbot.waitUntil(lambda: bool(spoken), timeout=5000)
    assert spoken[0] == 1.5
    window.read_aloud.stop()


class _RecordingService(SpeechService):
    def __init__(self, engine: SpeechEngine, spoken: list[float]):
        super().__init__(engine, ClockPlayer(10.0))
        self.spoken = spoken

    def say(self, text: str, language: str, rate: float = 1.0) -> None:
        self.spoken.append(rate)
        super().say(text, language, rate)


def test_the_lesson_audio_is_saved_as_a_wav_file_and_cancel_leaves_nothing(
        qtbot, services, engine, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tests.speech import read_wav, rms

    window = reading_window(qtbot, services, engine)
    window.read_aloud.engine = engine
    export = window.player.audio_export
    target = tmp_path / "take home" / "power"
    target.parent.mkdir()
    export.choose_file = lambda suggested: str(target)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    qtbot.mouseClick(export.save, Qt.MouseButton.LeftButton)
    assert export.bar.isVisible() and export.cancel_button.isVisible()
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    saved = tmp_path / "take home" / "power.wav"
    assert str(saved) in told[0] and not export.busy
    params, samples = read_wav(saved)
    assert params.nframes / params.framerate > 10 and rms(samples) > 300  # a lesson, heard
    assert sorted(p.name for p in saved.parent.iterdir()) == ["power.wav"]

    saved.unlink()
    qtbot.mouseClick(export.save, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(export.cancel_button, Qt.MouseButton.LeftButton)
    assert not export.busy and export.save.isVisible()
    qtbot.wait(1500)  # the engine has given the job up
    assert list(saved.parent.iterdir()) == []

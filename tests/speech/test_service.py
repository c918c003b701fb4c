"""SpeechService on the real engine with a ClockPlayer: events in order, stop, replace,
errors, and many say/stop cycles without a hang."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.speech import (
    AplayPlayer,
    ClockPlayer,
    PlaybackUnavailable,
    SpeechEngine,
    SpeechService,
    SpeechUnavailable,
)
from tests.speech import WAIT

SHORT = "Tap the green button."
LONG = "Tap the green button, then wait until the phone shows the home screen. " * 4


class Recorder:
    """Collects a service's events, with the thread each came on."""

    def __init__(self, service: SpeechService) -> None:
        self.events: list[tuple[object, ...]] = []
        self.threads: set[str] = set()
        self._changed = threading.Condition()
        service.on_started = lambda: self._add("started")
        service.on_word = lambda offset, length: self._add("word", offset, length)
        service.on_finished = lambda completed: self._add("finished", completed)
        service.on_error = lambda error: self._add("error", error)

    def _add(self, *event: object) -> None:
        with self._changed:
            self.events.append(event)
            self.threads.add(threading.current_thread().name)
            self._changed.notify_all()

    def wait_for(self, name: str, count: int = 1, timeout: float = WAIT) -> float:
        """Wait until ``count`` events called ``name`` came; the seconds it took."""
        started = time.monotonic()
        with self._changed:
            assert self._changed.wait_for(
                lambda: sum(1 for e in self.events if e[0] == name) >= count, timeout), \
                f"no {name} in {self.events}"
        return time.monotonic() - started

    def names(self) -> list[object]:
        return [e[0] for e in self.events]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[SpeechEngine]:
    with SpeechEngine(tmp_path, timeout=WAIT) as speech:
        yield speech


@pytest.fixture
def service(engine: SpeechEngine) -> Iterator[SpeechService]:
    said = SpeechService(engine, ClockPlayer(speed=4.0))
    yield said
    said.close()


def test_say_reports_started_each_word_in_order_then_finished(engine: SpeechEngine,
                                                             service: SpeechService):
    """say(): started, then every word of the text in order, then finished(True), all on the
    service's own thread; the WAV is deleted after playing."""
    recorder = Recorder(service)
    service.say(SHORT, "en")
    recorder.wait_for("finished")
    expected = engine.synthesize(SHORT, "en").result(WAIT).spans
    words = [e[1:] for e in recorder.events if e[0] == "word"]
    assert recorder.events[0] == ("started",) and recorder.events[-1] == ("finished", True)
    assert words == [(s.offset, s.length) for s in expected]
    assert [SHORT[o:o + n] for o, n in words] == ["Tap", "the", "green", "button"]
    assert recorder.threads == {"navigator-speech-say"}
    assert len(list(engine._cache_dir.glob("*.wav"))) == 1  # only the one made just above


def test_stop_finishes_unfinished_quickly(service: SpeechService):
    """stop() while the sound plays: finished(False) within a few polls."""
    recorder = Recorder(service)
    service.say(LONG, "en")
    recorder.wait_for("started")
    service.stop()
    assert recorder.wait_for("finished") < 0.3
    assert recorder.events[-1] == ("finished", False)


def test_stop_before_the_sound_starts(service: SpeechService):
    """stop() right after say(): finished(False) and nothing else."""
    recorder = Recorder(service)
    service.say(LONG, "fr")
    service.stop()
    recorder.wait_for("finished")
    time.sleep(0.1)
    assert recorder.names() in (["finished"], ["started", "finished"])
    assert recorder.events[-1] == ("finished", False)


def test_ten_say_stop_cycles_do_not_hang(service: SpeechService):
    """Ten say/stop cycles in a row each end with finished(False) in time."""
    recorder = Recorder(service)
    for cycle in range(10):
        service.say(f"{cycle}. {LONG}", ["en", "fr", "ar", "es"][cycle % 4])
        if cycle % 2:
            recorder.wait_for("started", cycle // 2 + 1)
        service.stop()
        assert recorder.wait_for("finished", cycle + 1, timeout=5) < 5
    assert [e for e in recorder.events if e[0] == "finished"] == [("finished", False)] * 10


def test_a_new_say_replaces_the_one_playing(service: SpeechService):
    """say() while another text plays: that one finishes unfinished, the new one plays to
    the end."""
    recorder = Recorder(service)
    service.say(LONG, "en")
    recorder.wait_for("started")
    service.say(SHORT, "es")
    recorder.wait_for("finished", 2)
    assert recorder.names()[-1] == "finished"
    finished = [e for e in recorder.events if e[0] == "finished"]
    assert finished == [("finished", False), ("finished", True)]
    assert recorder.names().count("started") == 2


def test_no_voice_reports_an_error_then_finished(service: SpeechService):
    """A language without a voice: on_error(SpeechUnavailable) then finished(False); the
    service goes on working."""
    recorder = Recorder(service)
    service.say(SHORT, "zz")
    recorder.wait_for("finished")
    (name, error), finished = recorder.events
    assert name == "error" and isinstance(error, SpeechUnavailable)
    assert error.language == "zz" and finished == ("finished", False)
    service.say(SHORT, "en")
    recorder.wait_for("finished", 2)
    assert recorder.events[-1] == ("finished", True)


@pytest.mark.parametrize(("program", "outcome"), [
    ("import time; time.sleep(0.3)", ["started", "finished"]),
    ("import sys; sys.exit(1)", ["started", "error", "finished"]),
])
def test_command_player_ends_with_its_program(engine: SpeechEngine,
                                              monkeypatch: pytest.MonkeyPatch,
                                              program: str, outcome: list[str]):
    """AplayPlayer plays until its program exits; a program that fails (no sound device)
    gives on_error(PlaybackUnavailable) and finished(False)."""
    monkeypatch.setattr(AplayPlayer, "command", staticmethod(
        lambda: [sys.executable, "-c", program]))
    service = SpeechService(engine, AplayPlayer())
    recorder = Recorder(service)
    service.say(SHORT, "en")
    recorder.wait_for("finished")
    service.close()
    assert [name for name in recorder.names() if name != "word"] == outcome
    errors = [e[1] for e in recorder.events if e[0] == "error"]
    assert all(isinstance(error, PlaybackUnavailable) for error in errors)
    assert recorder.events[-1] == ("finished", "error" not in outcome)

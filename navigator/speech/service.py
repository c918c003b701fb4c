"""SpeechService: ``say`` / ``stop`` with events, for callers without Qt (the CLI, tests).

The GUI uses :class:`~navigator.speech.engine.SpeechEngine` with Qt's QMediaPlayer instead.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass
from typing import Any

from navigator.speech.engine import SpeechEngine
from navigator.speech.errors import PlaybackUnavailable, SpeechUnavailable
from navigator.speech.model import Synthesis
from navigator.speech.player import Player, default_player

log = logging.getLogger(__name__)

POLL_SECONDS = 0.02


@dataclass(frozen=True)
class _Request:
    number: int
    text: str
    language: str
    rate: float


class SpeechService:
    """Reads texts aloud one at a time and reports progress through callbacks.

    The callbacks are called on the service's own thread (never the caller's), in this order
    for each :meth:`say`: ``on_started()`` when the sound starts, ``on_word(offset, length)``
    as playback reaches each span of the text (words, or sentences where word timing is not
    known), and always exactly one ``on_finished(completed)`` at the end: ``True`` when the
    text was heard to the end, ``False`` when it was stopped, replaced by a newer ``say`` or
    failed. A failure calls ``on_error(SpeechUnavailable)`` just before ``on_finished(False)``.
    An exception in a callback is logged and ignored.
    """

    def __init__(self, engine: SpeechEngine, player: Player | None = None) -> None:
        self.engine = engine
        self.player = player if player is not None else default_player()
        self.on_started: Callable[[], None] | None = None
        self.on_word: Callable[[int, int], None] | None = None
        self.on_finished: Callable[[bool], None] | None = None
        self.on_error: Callable[[SpeechUnavailable], None] | None = None
        self._lock = threading.Condition()
        self._pending: _Request | None = None
        self._number = 0  # the newest say(); anything older is stopped
        self._thread: threading.Thread | None = None
        self._closed = False

    def say(self, text: str, language: str, rate: float = 1.0) -> None:
        """Read ``text`` in ``language``; stops what is being read. Never blocks."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the speech service is closed")
            self._number += 1
            self._pending = _Request(self._number, text, language, rate)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="navigator-speech-say",
                                                daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def stop(self) -> None:
        """Stop reading (``on_finished(False)`` follows, on the service's thread)."""
        with self._lock:
            self._number += 1
            self._lock.notify_all()

    def close(self, wait: float = 2.0) -> None:
        """Stop reading and end the service's thread. Safe to call twice."""
        with self._lock:
            self._closed = True
            self._number += 1
            self._lock.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(wait)

    # The service's thread ------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._lock:
                while self._pending is None and not self._closed:
                    self._lock.wait()
                if self._closed:
                    return
                request, self._pending = self._pending, None
            assert request is not None
            try:
                completed = self._read(request)
            except SpeechUnavailable as exc:
                self._emit(self.on_error, exc)
                completed = False
            except Exception as exc:
                log.exception("reading aloud failed")
                self._emit(self.on_error, SpeechUnavailable("", repr(exc)))
                completed = False
            self._emit(self.on_finished, completed)

    def _current(self, request: _Request) -> bool:
        return self._number == request.number and not self._closed

    def _wait(self, request: _Request, done: Callable[[], bool]) -> bool:
        """Wait up to one poll interval; False when ``request`` was stopped or replaced."""
        with self._lock:
            if self._current(request) and not done():
                self._lock.wait(POLL_SECONDS)
            return self._current(request)

    def _read(self, request: _Request) -> bool:
        if not request.text.strip():
            return True
        future = self.engine.synthesize(request.text, request.language, request.rate)
        future.add_done_callback(self._wake)
        while not future.done():
            if not self._wait(request, future.done):
                future.cancel()
                return False
        try:
            synthesis = future.result()
        except CancelledError:  # engine.cancel() from elsewhere
            return False
        try:
            return self._play(request, synthesis)
        finally:
            self.engine.discard(synthesis)

    def _play(self, request: _Request, synthesis: Synthesis) -> bool:
        if not self._current(request):
            return False
        try:
            self.player.start(synthesis.path)
        except OSError as exc:
            raise PlaybackUnavailable("", repr(exc)) from exc
        self._emit(self.on_started)
        spans = synthesis.spans
        heard = 0
        while True:
            try:
                position = self.player.position_ms()
            except OSError as exc:  # the player gave up (no sound device)
                raise PlaybackUnavailable("", repr(exc)) from exc
            if position is None:
                return True
            while heard < len(spans) and spans[heard].start_ms <= position:
                self._emit(self.on_word, spans[heard].offset, spans[heard].length)
                heard += 1
            if not self._wait(request, lambda: False):
                self.player.stop()
                return False

    def _wake(self, _future: Future[Any]) -> None:
        with self._lock:
            self._lock.notify_all()

    @staticmethod
    def _emit(callback: Callable[..., None] | None, *args: Any) -> None:
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:
            log.exception("speech event handler failed")

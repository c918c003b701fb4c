"""pyttsx3 inside the engine thread: voices, and text -> WAV file with word timing.

Only the engine thread (:mod:`navigator.speech.lane`) creates and calls a
:class:`Pyttsx3Backend`. What this module knows about pyttsx3 2.99 and eSpeak NG:

* We never use pyttsx3's own playback. Every job is ``setProperty`` (voice, rate),
  ``save_to_file`` and one ``runAndWait``; we play the WAV ourselves. On eSpeak the driver is
  asked directly what ``runAndWait`` would ask of it (its loop sleeps 10 ms per turn).
  (In 2.99 a ``say`` after a ``save_to_file`` rewrites the last file, because the eSpeak
  driver never resets ``_save_file``; and a ``runAndWait`` with only ``setProperty``
  commands queued would synthesize the previous text again into the previous file.)
* Word timing: eSpeak reports each word with ``sample``, where the word starts in the audio.
  pyttsx3's ``started-word`` event does not pass it on, and all those events arrive in a few
  ms during synthesis, before any playback; the driver's ``_data_buffer`` at that moment only
  grows per synthesis chunk (a clause), so every word of a clause would get the clause's start
  time (off by up to 0.7 s in our measurements). So on eSpeak we put our own synthesis
  callback in front of the driver's ``_onSynth``: it records each word event and hands
  everything on unchanged. It also lets a cancel abort the synthesis (by returning 1), keeps
  exceptions out of ctypes (which would print them to stderr) and re-points eSpeak's single,
  process-wide callback at the live driver before each job (a discarded pyttsx3 engine resets
  it to NULL when it is garbage-collected).
* Other drivers (SAPI5, NSSS), or ``word_timing=False``: the text is synthesized sentence by
  sentence, each to its own WAV, and the WAVs joined; spans are then exact sentences.
* eSpeak NG synthesizes on a thread of its own (its "retrieval" mode is asynchronous), and
  calls the driver back from there. ``runAndWait`` can return before the file is written (the
  first job of a new engine returns after one 10 ms turn of the driver's loop, however long
  the text). Our callback sees the end-of-message event and the job waits for it.
* The driver's ``stop()``, run inside every ``runAndWait``, cancels eSpeak whenever eSpeak
  is busy, which includes applying the voice and rate just set: the new synthesis was then
  cut or lost (an empty WAV in about one job in twenty in a burst). Our engine's driver gets
  a ``stop`` that does nothing (see :class:`Pyttsx3Backend`).
* The eSpeak driver ``print``s "Audio saved to ..." on every file, from eSpeak's thread: what
  that thread writes to ``sys.stdout`` is dropped while it writes the file (other threads'
  output passes).
* ``getProperty('rate')`` is declared without eSpeak's ``current`` argument in 2.99's ctypes
  binding, so what it returns is not reliable; eSpeak's normal rate is 175 words per minute
  (``espeakRATE_NORMAL``, also the ``espeak-ng`` command's default).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
import uuid
import wave
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Any

from navigator.speech.model import Span, Voice
from navigator.speech.text import sentences, word_extent
from navigator.speech.voices import make_voice, rank_voices

ESPEAK_NORMAL_WPM = 175
# eSpeak's voice, rate and synthesis callback are process-wide: two SpeechEngines (or an engine
# thread restarted after a timeout) take turns, one job at a time.
_ESPEAK_TURN = threading.Lock()


class _QuietThread(io.TextIOBase):
    """A stand-in for ``sys.stdout`` that drops what one thread writes."""

    def __init__(self, target: Any, thread_id: int) -> None:
        super().__init__()
        self._target = target
        self._thread_id = thread_id

    def write(self, text: str) -> int:
        if threading.get_ident() != self._thread_id and self._target is not None:
            return int(self._target.write(text) or 0)
        return len(text)

    def flush(self) -> None:
        if self._target is not None:
            self._target.flush()


class Pyttsx3Backend:
    """One pyttsx3 engine, driven by the thread that created it."""

    def __init__(self, driver_name: str | None = None, *, word_timing: bool = True) -> None:
        import pyttsx3.engine  # inside the engine thread: slow, and may be missing

        self._engine = pyttsx3.engine.Engine(driver_name) if driver_name \
            else pyttsx3.engine.Engine()
        self._driver = getattr(getattr(self._engine, "proxy", None), "_driver", None)
        espeak = sys.modules.get("pyttsx3.drivers._espeak")
        on_synth = getattr(self._driver, "_onSynth", None)
        self._espeak = espeak if espeak is not None and callable(on_synth) and all(
            hasattr(espeak, name) for name in
            ("SetSynthCallback", "EVENT_WORD", "EVENT_LIST_TERMINATED")) else None
        self.word_timing = word_timing and self._espeak is not None
        if self._espeak is not None:
            # Two driver methods are made harmless (see the module docstring): destroy(),
            # called when a pyttsx3 engine is garbage-collected, resets eSpeak's process-wide
            # callback to NULL and would cut off the job of an engine that replaced this one;
            # stop(), run inside every runAndWait, cancels the voice, rate and text just sent.
            with contextlib.suppress(AttributeError, TypeError):
                self._driver.destroy = _no_op  # type: ignore[union-attr]
                self._driver.stop = _no_op  # type: ignore[union-attr]
        rate: Any = None
        if self._espeak is None:
            with contextlib.suppress(Exception):
                rate = self._engine.getProperty("rate")
        self._normal_wpm = float(rate) if isinstance(rate, int | float) and rate > 0 \
            else float(ESPEAK_NORMAL_WPM)
        self._voices: list[Voice] | None = None
        self._failure: BaseException | None = None

    def voices(self) -> list[Voice]:
        """The engine's voices, most general first (read once)."""
        if self._voices is None:
            found = [make_voice(getattr(v, "id", ""), getattr(v, "name", None),
                                getattr(v, "languages", None) or ())
                     for v in self._engine.getProperty("voices") or ()]
            self._voices = rank_voices(found)
        return list(self._voices)

    def synthesize(self, text: str, voice_id: str, rate: float, path: Path,
                   abort: threading.Event) -> tuple[int, tuple[Span, ...], bool]:
        """Write ``text`` to ``path`` as a WAV; (duration in ms, spans, word level?).

        The file appears whole or not at all: the sound is written to a hidden file beside
        ``path`` and renamed. Raises :class:`CancelledError` when ``abort`` is set meanwhile.
        """
        wpm = max(1, round(self._normal_wpm * rate))
        partial = path.with_name(f".{path.stem}-{uuid.uuid4().hex[:8]}.part.wav")
        try:
            if self.word_timing:
                events = self._run(text, voice_id, wpm, partial, abort)
                duration_ms, frame_rate = _wav_length(partial)
                spans = _word_spans(text, events, frame_rate, duration_ms)
                word_level = bool(spans)
                if not spans:
                    spans = _sentence_spans(text, [(0, len(text), duration_ms)])
            else:
                duration_ms, spans = self._by_sentence(text, voice_id, wpm, partial, abort)
                word_level = False
            os.replace(partial, path)
        finally:
            with contextlib.suppress(OSError):
                partial.unlink()
        return duration_ms, spans, word_level

    def _by_sentence(self, text: str, voice_id: str, wpm: int, path: Path,
                     abort: threading.Event) -> tuple[int, tuple[Span, ...]]:
        pieces = sentences(text) or [(0, len(text))]
        timed: list[tuple[int, int, int]] = []
        parts: list[Path] = []
        try:
            with wave.open(str(path), "wb") as out:
                for number, (offset, length) in enumerate(pieces):
                    part = path.with_name(f"{path.stem}.{number}.wav")
                    parts.append(part)
                    self._run(text[offset:offset + length], voice_id, wpm, part, abort)
                    with wave.open(str(part), "rb") as piece:
                        if number == 0:
                            out.setparams(piece.getparams())
                        out.writeframes(piece.readframes(piece.getnframes()))
                        timed.append((offset, length, out.tell()))  # frames so far
                frame_rate = out.getframerate()
        finally:
            for part in parts:
                with contextlib.suppress(OSError):
                    part.unlink()
        ends = [(offset, length, round(frames * 1000 / frame_rate))
                for offset, length, frames in timed]
        return ends[-1][2] if ends else 0, _sentence_spans(text, ends)

    def _run(self, text: str, voice_id: str, wpm: int, path: Path,
             abort: threading.Event) -> list[tuple[int, int, int]]:
        """One ``save_to_file`` + ``runAndWait``, then (eSpeak) the wait for the file; the
        word events (offset, length, sample)."""
        if self._espeak is None:
            return self._run_turn(text, voice_id, wpm, path, abort)
        while not _ESPEAK_TURN.acquire(timeout=0.05):
            if abort.is_set():
                raise CancelledError
        try:
            return self._run_turn(text, voice_id, wpm, path, abort)
        finally:
            _ESPEAK_TURN.release()

    def _run_turn(self, text: str, voice_id: str, wpm: int, path: Path,
                  abort: threading.Event) -> list[tuple[int, int, int]]:
        if abort.is_set():
            raise CancelledError
        events: list[tuple[int, int, int]] = []
        finished = threading.Event()
        self._failure = None
        if self._espeak is not None:
            self._hook(events, finished, abort)
            with contextlib.suppress(AttributeError):
                self._driver._stopping = False  # type: ignore[union-attr]
        if self._espeak is not None and callable(getattr(self._driver, "_start_synthesis",
                                                           None)):
            self._start_espeak(text, voice_id, wpm, path)
        else:
            self._engine.setProperty("voice", voice_id)
            self._engine.setProperty("rate", wpm)
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
        if self._espeak is not None:
            # eSpeak synthesizes on its own thread: wait for the end of the message; the
            # lane's watchdog sets ``abort`` if this takes too long.
            while not finished.wait(0.05):
                if abort.is_set():
                    finished.wait(1.0)  # our callback asks eSpeak to stop: it ends quickly
                    break
        if self._failure is not None:
            raise self._failure
        if abort.is_set():
            raise CancelledError
        if not path.is_file():
            raise RuntimeError(f"the speech engine wrote no sound to {path}")
        return events

    def _start_espeak(self, text: str, voice_id: str, wpm: int, path: Path) -> None:
        """What ``save_to_file`` + ``runAndWait`` ask of the eSpeak driver, asked directly:
        the driver's loop sleeps 10 ms after starting the synthesis, which was most of the
        wait before a short sentence was heard (11.3 ms against 6.8 ms for ``espeak-ng -w``)."""
        driver: Any = self._driver
        driver.setProperty("voice", voice_id)
        driver.setProperty("rate", wpm)
        driver._save_file = str(path)
        driver._text_to_say = text
        driver._start_synthesis(text)

    def _hook(self, events: list[tuple[int, int, int]], finished: threading.Event,
              abort: threading.Event) -> None:
        """Put our callback in front of the eSpeak driver's (see the module docstring).

        eSpeak calls it on eSpeak's own thread, a chunk of sound (up to a clause) at a time.
        """
        espeak, driver = self._espeak, self._driver
        word, end = espeak.EVENT_WORD, espeak.EVENT_LIST_TERMINATED  # type: ignore[union-attr]
        last = getattr(espeak, "EVENT_MSG_TERMINATED", 6)

        def on_synth(wav: Any, samples: int, event_list: Any) -> int:
            try:
                i = 0
                done = False
                while event_list[i].type != end:
                    event = event_list[i]
                    if event.type == word:
                        events.append((event.text_position - 1, event.length, event.sample))
                    done = done or event.type == last
                    i += 1
                if done:  # the driver writes the file now and prints "Audio saved to ..."
                    quiet = _QuietThread(sys.stdout, threading.get_ident())
                    with contextlib.redirect_stdout(quiet):
                        result = driver._onSynth(wav, samples, event_list)  # type: ignore
                    finished.set()
                else:
                    result = driver._onSynth(wav, samples, event_list)  # type: ignore
            except Exception as exc:
                self._failure = exc
                finished.set()
                return 1
            return 1 if abort.is_set() else int(result or 0)

        espeak.SetSynthCallback(on_synth)  # type: ignore[union-attr]


def _no_op() -> None:
    """Stands in for the eSpeak driver's ``destroy`` and ``stop`` (see
    :class:`Pyttsx3Backend`)."""


def _wav_length(path: Path) -> tuple[int, int]:
    """(duration in ms, frames per second) of a WAV file."""
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate() or 1
        return round(wav.getnframes() * 1000 / rate), rate


def _word_spans(text: str, events: list[tuple[int, int, int]], frame_rate: int,
                duration_ms: int) -> tuple[Span, ...]:
    """Spans from eSpeak's word events: whole words of ``text``, in order, back to back."""
    words: list[tuple[int, int, int]] = []
    for index, (offset, length, sample) in enumerate(events):
        later = [o for o, _length, _sample in events[index + 1:] if o > offset]
        extent = word_extent(text, offset, length, later[0] if later else len(text))
        if extent is None or (words and extent[0] < words[-1][0] + words[-1][1]):
            continue
        start_ms = min(round(sample * 1000 / frame_rate), duration_ms)
        if words:
            start_ms = max(start_ms, words[-1][2])
        words.append((extent[0], extent[1], start_ms))
    if not words:
        return ()
    ends = [start for _offset, _length, start in words[1:]] + [duration_ms]
    return tuple(Span(offset, length, start, max(start, end))
                 for (offset, length, start), end in zip(words, ends, strict=True))


def _sentence_spans(text: str, ends: list[tuple[int, int, int]]) -> tuple[Span, ...]:
    """Sentence spans from (offset, length, end in ms), each starting where the last ended."""
    spans: list[Span] = []
    start = 0
    for offset, length, end_ms in ends:
        piece = text[offset:offset + length]
        lead = len(piece) - len(piece.lstrip())
        spans.append(Span(offset + lead, len(piece.strip()), start, max(start, end_ms)))
        start = max(start, end_ms)
    return tuple(span for span in spans if span.length)

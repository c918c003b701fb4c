"""SpeechEngine: text in a lesson language -> a WAV file with word timing, off any caller's
thread.

Every method may be called from any thread. pyttsx3 itself is only ever created and called by
the engine's own thread (:mod:`navigator.speech.lane`), which starts at the first use.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import uuid
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from navigator.core.model import normalize_language
from navigator.speech.errors import SpeechUnavailable
from navigator.speech.lane import EngineLane
from navigator.speech.model import Synthesis, Voice
from navigator.speech.voices import choose_voice

MIN_RATE = 0.5
MAX_RATE = 2.0


def clamp_rate(rate: float) -> float:
    """A speed factor kept within 0.5 (half the voice's normal speed) and 2.0 (twice)."""
    return min(MAX_RATE, max(MIN_RATE, float(rate)))


class SpeechEngine:
    """Synthesizes lesson text to WAV files on one engine thread.

    ``cache_dir`` holds the files made for ``synthesize(..., path=None)`` (a temporary folder
    when ``None``); they are deleted by :meth:`discard` or :meth:`close`. Files written to a
    ``path`` the caller gave belong to the caller. ``timeout`` bounds each job, in seconds.
    ``driver_name`` picks a pyttsx3 driver (``None``: the platform's own). ``word_timing=False``
    makes sentence spans even where word timing is known.
    """

    def __init__(self, cache_dir: Path | None = None, *, timeout: float = 30.0,
                 driver_name: str | None = None, word_timing: bool = True) -> None:
        self._cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._driver_name = driver_name
        self._word_timing = word_timing
        self._lane = EngineLane(self._make_backend, timeout=timeout)
        self._lock = threading.Lock()
        self._voices: list[Voice] | None = None
        self._files: set[Path] = set()
        self._temp_dir: Path | None = None
        self._closed = False

    def _make_backend(self) -> Any:
        from navigator.speech.backend import Pyttsx3Backend

        return Pyttsx3Backend(self._driver_name, word_timing=self._word_timing)

    @property
    def available(self) -> bool:
        """False once pyttsx3 or its speech engine could not be loaded. Optimistic (True)
        until the first job has tried."""
        return self._lane.available

    def voices(self) -> list[Voice]:
        """Every voice, most general first; ``[]`` without a speech engine. Blocks the caller
        until the engine has answered (the first time), so call it from a worker or the CLI."""
        if self._voices is None:
            try:
                found = self._lane.submit(lambda backend, _abort: backend.voices()).result()
            except SpeechUnavailable:
                return []
            with self._lock:
                self._voices = list(found)
        return list(self._voices)

    def voice_for(self, language: str) -> Voice:
        """The voice that reads ``language`` (``fr_CA`` -> a ``fr_CA`` voice, else a French
        one; see :func:`~navigator.speech.voices.choose_voice`). Blocks like :meth:`voices`.

        Raises :class:`SpeechUnavailable` when no voice reads that language, or (with
        ``language == ""``) when there is no speech engine at all.
        """
        voices = self.voices()
        if not voices and not self.available:
            raise SpeechUnavailable("", "no speech engine")
        return choose_voice(voices, language)

    def synthesize(self, text: str, language: str, rate: float = 1.0,
                   path: Path | None = None) -> Future[Synthesis]:
        """Queue ``text`` to be read in ``language`` at ``rate`` times the voice's normal speed
        (clamped to 0.5..2.0) into the WAV file ``path`` (a new file in the cache folder when
        ``None``). Never blocks.

        The future's result is a :class:`Synthesis`; its exception a :class:`SpeechUnavailable`
        (no voice, no engine, :class:`SpeechTimeout`); it is cancelled by :meth:`cancel` or by
        ``future.cancel()`` (which also stops the synthesis if it is under way). Raises
        ``ValueError`` at once when ``text`` holds nothing to read.
        """
        if not text.strip():
            raise ValueError("nothing to read: the text is empty")
        language = normalize_language(language) if language else ""
        rate = clamp_rate(rate)
        owned = path is None
        target = Path(path) if path is not None else None

        def work(backend: Any, abort: threading.Event) -> Synthesis:
            voices = backend.voices()
            self._remember(voices)
            voice = choose_voice(voices, language)
            out = target if target is not None else self._new_file()
            try:
                duration_ms, spans, word_level = backend.synthesize(text, voice.id, rate, out,
                                                                    abort)
            except BaseException:
                if owned:
                    self._delete(out)
                raise
            return Synthesis(text=text, language=language, voice=voice, rate=rate, path=out,
                             duration_ms=duration_ms, spans=spans, word_level=word_level)

        def discard(result: Synthesis) -> None:
            if owned:
                self._delete(result.path)

        return self._lane.submit(work, discard=discard)

    def discard(self, synthesis: Synthesis) -> None:
        """Delete the file of a synthesis this engine made in its cache folder (done playing)."""
        self._delete(synthesis.path)

    def cancel(self) -> None:
        """Drop every queued job and stop the running one; their futures are cancelled."""
        self._lane.cancel_all()

    def close(self) -> None:
        """Stop the engine thread and delete the files it made. Safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._lane.close()
        with self._lock:
            files, self._files = self._files, set()
            temp_dir, self._temp_dir = self._temp_dir, None
        for file in files:
            with contextlib.suppress(OSError):
                file.unlink()
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)

    def __enter__(self) -> SpeechEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Files ---------------------------------------------------------------------------------

    def _new_file(self) -> Path:
        with self._lock:
            if self._cache_dir is not None:
                folder = self._cache_dir
                folder.mkdir(parents=True, exist_ok=True)
            else:
                if self._temp_dir is None:
                    self._temp_dir = Path(tempfile.mkdtemp(prefix="navigator-speech-"))
                folder = self._temp_dir
            file = folder / f"speech-{uuid.uuid4().hex}.wav"
            self._files.add(file)
            return file

    def _delete(self, file: Path) -> None:
        with self._lock:
            if file not in self._files:
                return
            self._files.discard(file)
        with contextlib.suppress(OSError):
            file.unlink()

    def _remember(self, voices: list[Voice]) -> None:
        with self._lock:
            if self._voices is None:
                self._voices = list(voices)

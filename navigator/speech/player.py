"""Playing a WAV file without Qt (the GUI uses Qt's QMediaPlayer instead).

A :class:`Player` is driven by one thread at a time (the speech service's own thread).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import time
import wave
from pathlib import Path
from typing import Protocol, runtime_checkable


@runtime_checkable
class Player(Protocol):
    def start(self, path: Path) -> None:
        """Start playing ``path`` (stopping anything playing); returns at once."""

    def stop(self) -> None:
        """Stop playing; safe when nothing plays."""

    def position_ms(self) -> int | None:
        """Milliseconds heard so far, or ``None`` once playback has finished or stopped."""


def wav_duration_ms(path: Path) -> int:
    with wave.open(str(path), "rb") as wav:
        return round(wav.getnframes() * 1000 / (wav.getframerate() or 1))


class ClockPlayer:
    """Plays nothing: the position is the time since :meth:`start`, until the file's length.

    For computers without a sound device, and for tests. ``speed`` > 1 runs the clock faster.
    """

    def __init__(self, speed: float = 1.0) -> None:
        self._speed = speed
        self._started: float | None = None
        self._duration_ms = 0

    def start(self, path: Path) -> None:
        self._duration_ms = wav_duration_ms(path)
        self._started = time.monotonic()

    def stop(self) -> None:
        self._started = None

    def position_ms(self) -> int | None:
        if self._started is None:
            return None
        position = int((time.monotonic() - self._started) * 1000 * self._speed)
        if position >= self._duration_ms:
            self._started = None
            return None
        return position


class AplayPlayer:
    """Plays through a command: ``aplay -q`` (Linux, ALSA), ``afplay`` (macOS), or
    ``winsound`` (Windows). Best effort: the position is the time since the start, so it runs
    ahead by the sound system's latency (some tens of ms). Playback ends when the command
    exits; when it exits with an error (no sound device), :meth:`position_ms` raises
    ``OSError``."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._started: float | None = None
        self._duration_ms = 0

    @staticmethod
    def command() -> list[str] | None:
        """The playback command on this computer, ``None`` if there is none (or Windows)."""
        for name, args in (("aplay", ["-q"]), ("afplay", []), ("paplay", []), ("pw-play", [])):
            found = shutil.which(name)
            if found:
                return [found, *args]
        return None

    @classmethod
    def can_play(cls) -> bool:
        return sys.platform.startswith("win") or cls.command() is not None

    def start(self, path: Path) -> None:
        self.stop()
        self._duration_ms = wav_duration_ms(path)
        if sys.platform.startswith("win"):
            import winsound

            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
        else:
            command = self.command()
            if command is None:
                raise OSError("no program to play sound was found (aplay, afplay)")
            self._process = subprocess.Popen([*command, str(path)], stdin=subprocess.DEVNULL,
                                             stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL)
        self._started = time.monotonic()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(1.0)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._started is not None and sys.platform.startswith("win"):
            import winsound

            with contextlib.suppress(RuntimeError):
                winsound.PlaySound(None, 0)
        self._started = None

    def position_ms(self) -> int | None:
        if self._started is None:
            return None
        position = int((time.monotonic() - self._started) * 1000)
        process = self._process
        status = process.poll() if process is not None else None
        playing = status is None if process is not None else position < self._duration_ms
        if playing:
            return min(position, self._duration_ms)
        self._process = None
        self._started = None
        if status:
            raise OSError(f"the sound player failed with exit status {status}")
        return None


def default_player() -> Player:
    """An :class:`AplayPlayer` where a playback command exists, else a :class:`ClockPlayer`."""
    return AplayPlayer() if AplayPlayer.can_play() else ClockPlayer()

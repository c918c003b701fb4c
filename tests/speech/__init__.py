"""Tests of navigator.speech against the real eSpeak NG through pyttsx3 (no fake engine).

Helpers shared by the speech tests: reading WAV files without numpy.
"""

from __future__ import annotations

import array
import sys
import wave
from pathlib import Path
from typing import Any

WAIT = 10.0  # seconds: the most any single wait in these tests may take


def read_wav(path: Path) -> tuple[Any, array.array]:
    """The WAV's parameters and its 16-bit samples."""
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        samples = array.array("h", wav.readframes(params.nframes))
    if sys.byteorder == "big":
        samples.byteswap()
    return params, samples


def rms(samples: array.array) -> float:
    return (sum(s * s for s in samples) / len(samples)) ** 0.5 if samples else 0.0


def loud_windows(path: Path, window_ms: int = 10, floor: float = 300.0) -> list[bool]:
    """For each ``window_ms`` slice of the WAV: is there sound in it?"""
    params, samples = read_wav(path)
    size = params.framerate * window_ms // 1000
    return [rms(samples[i:i + size]) > floor for i in range(0, len(samples) - size + 1, size)]

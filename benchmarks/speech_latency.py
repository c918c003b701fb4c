"""Speech latency: how long a navigator waits between pressing Listen and hearing it.

For each text, median of N runs of:

* ``Listen -> first audio``: ``SpeechService.say()`` to its ``on_started`` event, when the
  player starts on the finished WAV (a ``ClockPlayer``: no sound device needed). This is
  synthesis (pyttsx3 driving eSpeak NG on the engine's thread), the file written, and the
  player started. pyttsx3's eSpeak driver keeps the sound in memory and writes the whole
  file when the text ends, so nothing can be heard earlier.
* ``Listen -> first word``: ``say()`` to the first ``on_word`` event (the highlight): the
  above plus the first 20 ms poll of the player.
* the floor, in the same loop: the ``espeak-ng`` program writing the same text, with the
  same voice and speed, to a WAV file (``espeak-ng -w``, a new process each time): what
  eSpeak NG costs without Python and pyttsx3.

The first job of a new engine (loading pyttsx3 and eSpeak NG) is not counted.

    .venv/bin/python benchmarks/speech_latency.py [--runs 20]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import Figure, report

TEXTS = {
    "en, one sentence": ("en", "Press the power button."),
    "en, a step": ("en", "Look at the bottom edge of your phone. Find the small hole in the "
                         "middle. Push the small end of the cable into the hole."),
    "ar, a step": ("ar", "انظر إلى الحافة السفلية لهاتفك. ابحث عن الفتحة الصغيرة في الوسط. "
                         "أدخل الطرف الصغير من الكابل في الفتحة."),
}
FIRST_AUDIO_RATIO = 1.5  # the target: at most 1.5 times espeak-ng -w on the same text
FLOOR = "espeak-ng -w on the same text, same voice and speed (a new process each run)"


def measure_speech(*, runs: int, texts: dict[str, tuple[str, str]] | None = None
                   ) -> list[Figure]:
    """First audio and first word for each text, beside ``espeak-ng -w``, runs interleaved.
    Raises ``RuntimeError`` without ``espeak-ng``."""
    from navigator.speech import ClockPlayer, SpeechEngine, SpeechService
    from navigator.speech.backend import ESPEAK_NORMAL_WPM

    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise RuntimeError("espeak-ng is not installed: no floor to measure against")
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        engine = SpeechEngine(Path(tmp) / "cache")
        engine.synthesize("Hello.", "en").result()  # the cold start, not counted
        service = SpeechService(engine, ClockPlayer())
        started, first_word, finished = (threading.Event() for _ in range(3))
        service.on_started = started.set
        service.on_word = lambda _offset, _length: first_word.set()
        service.on_finished = lambda _completed: finished.set()
        try:
            for name, (language, text) in (texts or TEXTS).items():
                voice = engine.voice_for(language)
                audio: list[float] = []
                word: list[float] = []
                direct: list[float] = []
                for _run in range(runs):
                    for event in (started, first_word, finished):
                        event.clear()
                    start = time.perf_counter()
                    service.say(text, language)
                    if not started.wait(10):
                        raise RuntimeError(f"no sound started for {name}")
                    audio.append(time.perf_counter() - start)
                    first_word.wait(10)
                    word.append(time.perf_counter() - start)
                    service.stop()
                    finished.wait(10)
                    start = time.perf_counter()
                    subprocess.run([espeak, "-v", voice.id, "-s", str(ESPEAK_NORMAL_WPM),
                                    "-w", str(Path(tmp) / "direct.wav"), text], check=True,
                                   capture_output=True)
                    direct.append(time.perf_counter() - start)
                floor = [d * 1000 for d in direct]
                figures.append(Figure(f"speech {name}: Listen -> first audio",
                                      [a * 1000 for a in audio], FLOOR, floor,
                                      target=FIRST_AUDIO_RATIO, target_kind="ratio",
                                      extra={"characters": len(text)}))
                figures.append(Figure(f"speech {name}: Listen -> first word",
                                      [w * 1000 for w in word], FLOOR, floor))
        finally:
            service.close()
            engine.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    report(measure_speech(runs=args.runs), "speech")
    return 0


if __name__ == "__main__":
    sys.exit(main())

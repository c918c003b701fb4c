"""Speech latency: how long a navigator waits between pressing "read aloud" and hearing it.

For each text, median (and p95, max) of N runs of:

* ``say -> first word``: ``SpeechService.say()`` to its first ``on_word`` event, with a
  ``ClockPlayer`` (no sound device needed). This is synthesis, file writing, starting the
  player and the first 20 ms poll: what the highlight waits for.
* ``synthesize -> WAV``: ``SpeechEngine.synthesize()`` to its Future's result. The WAV's first
  audio byte cannot be timed on its own: pyttsx3's eSpeak driver keeps the sound in memory and
  writes the whole file when the message ends, so the file is ready all at once; and a player
  can only start on a finished file anyway.
* ``espeak-ng -w``: the ``espeak-ng`` program writing the same text to a WAV, run directly
  (a new process each time): the floor, what eSpeak NG costs without Python and pyttsx3.

The first job of a new engine (loading pyttsx3 and eSpeak NG) is shown apart as "cold start".

    .venv/bin/python benchmarks/speech_latency.py --runs 20
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TEXTS = {
    "en, one sentence": ("en", "Press the power button."),
    "en, a step": ("en", "Look at the bottom edge of your phone. Find the small hole in the "
                         "middle. Push the small end of the cable into the hole."),
    "ar, a step": ("ar", "انظر إلى الحافة السفلية لهاتفك. ابحث عن الفتحة الصغيرة في الوسط. "
                         "أدخل الطرف الصغير من الكابل في الفتحة."),
}


def summary(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[int(0.95 * (len(values) - 1))]
    return (f"{statistics.median(values) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f}  "
            f"max {values[-1] * 1000:7.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from navigator.speech import ClockPlayer, SpeechEngine, SpeechService
    from navigator.speech.backend import ESPEAK_NORMAL_WPM

    espeak = shutil.which("espeak-ng")
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        cold_start = time.perf_counter()
        engine = SpeechEngine(Path(tmp) / "cache")
        engine.synthesize("Hello.", "en").result()
        cold = time.perf_counter() - cold_start

        service = SpeechService(engine, ClockPlayer())
        first_word = threading.Event()
        finished = threading.Event()
        service.on_word = lambda _offset, _length: first_word.set()
        service.on_finished = lambda _completed: finished.set()

        for name, (language, text) in TEXTS.items():
            voice = engine.voice_for(language)
            said: list[float] = []
            made: list[float] = []
            direct: list[float] = []
            for _run in range(args.runs):
                first_word.clear()
                finished.clear()
                start = time.perf_counter()
                service.say(text, language)
                first_word.wait(10)
                said.append(time.perf_counter() - start)
                service.stop()
                finished.wait(10)

                start = time.perf_counter()
                synthesis = engine.synthesize(text, language).result(10)
                made.append(time.perf_counter() - start)
                engine.discard(synthesis)

                if espeak:
                    start = time.perf_counter()
                    subprocess.run([espeak, "-v", voice.id, "-s", str(ESPEAK_NORMAL_WPM),
                                    "-w", str(Path(tmp) / "direct.wav"), text], check=True,
                                   capture_output=True)
                    direct.append(time.perf_counter() - start)
            rows.append((name, "say -> first word", summary(said)))
            rows.append((name, "synthesize -> WAV", summary(made)))
            rows.append((name, "espeak-ng -w", summary(direct) if direct else "(not installed)"))
        service.close()
        engine.close()

    print(f"cold start (new engine, first job): {cold * 1000:.1f} ms")
    print(f"{'text':18s} {'measure':20s} median ({args.runs} runs)")
    for name, measure, figures in rows:
        print(f"{name:18s} {measure:20s} {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Authoring speed: the preview's parse of the largest built-in lesson (what runs after each
pause in typing), and building and safely opening the staff course as a .navpack.

    .venv/bin/python benchmarks/pack_io.py [--runs 20]

Prints medians in milliseconds and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from navigator.content.lessonfile import parse_lesson_source
from navigator.content.navpack import build_navpack
from navigator.content.navpack_read import open_navpack
from navigator.content.problems import Problems

ROOT = Path(__file__).resolve().parent.parent / "curriculum" / "staff-course"


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    biggest = max((ROOT / "lessons").glob("*.md"), key=lambda p: p.stat().st_size)
    text = biggest.read_text(encoding="utf-8")
    parse = []
    for _run in range(runs * 5):
        start = time.perf_counter()
        parse_lesson_source(text, biggest, "en", ROOT, Problems(ROOT))
        parse.append(time.perf_counter() - start)
    build, opened = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pack.navpack"
        for _run in range(runs):
            start = time.perf_counter()
            built = build_navpack(ROOT, out)
            build.append(time.perf_counter() - start)
            start = time.perf_counter()
            open_navpack(out, Path(tmp) / "packs").discard()
            opened.append(time.perf_counter() - start)
    result = {"preview_parse_ms": median_ms(parse), "lesson": biggest.name,
              "build_ms": median_ms(build), "open_ms": median_ms(opened),
              "files": built.files, "kib": round(built.bytes / 1024)}
    print(f"preview parse of {biggest.name}: {result['preview_parse_ms']} ms")
    print(f"build staff-course ({built.files} files, {result['kib']} KiB): "
          f"{result['build_ms']} ms")
    print(f"safe open and validate: {result['open_ms']} ms")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""Authoring and sharing speed: the preview's parse of the largest built-in lesson (what runs
after each pause in typing), building and safely opening the staff course as a .navpack, and
importing the whole built-in curriculum as .navpack files into a new data folder.

    .venv/bin/python benchmarks/pack_io.py [--runs 20]

Prints medians in milliseconds, then the import beside its floor (``measure_import``, also
run by ``run_all.py``), and one JSON line with all of them.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from common import Figure, ms, report

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
    report([measure_import(runs=max(3, runs // 4))], "pack_io", **result)


def measure_import(*, runs: int) -> Figure:
    """Importing every built-in pack as a ``.navpack`` into a new, empty data folder (each
    file opened with every check, compared, put in place and installed in the catalogue and
    the search index), beside extracting the same files with ``zipfile`` alone."""
    from navigator.library import builtin_pack_folders
    from navigator.pack_import import commit_import, prepare_import
    from navigator.services import Services

    took, floor = [], []
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for folder in builtin_pack_folders(ROOT.parent):
            files.append(Path(tmp) / f"{folder.name}.navpack")
            build_navpack(folder, files[-1])
        empty = Path(tmp) / "no-curriculum"
        empty.mkdir()
        for run in range(runs):
            services = Services.start(Path(tmp) / f"data-{run}", curriculum=empty)
            packs = Path(tmp) / f"data-{run}" / "packs"
            try:
                start = time.perf_counter()
                for file in files:
                    prepared = prepare_import(services.lane, packs, file, language="en")
                    commit_import(services.lane, services.library, packs, prepared)
                took.append(time.perf_counter() - start)
            finally:
                services.close()
            start = time.perf_counter()
            for file in files:
                with zipfile.ZipFile(file) as archive:
                    archive.extractall(Path(tmp) / f"plain-{run}" / file.stem)
            floor.append(time.perf_counter() - start)
    return Figure("pack import: the whole built-in curriculum", ms(took),
                  "zipfile extractall of the same .navpack files, nothing checked", ms(floor),
                  extra={"packs": len(files)})


if __name__ == "__main__":
    main()

"""Hostile input: how long a 100 KB line takes to read, and a 100 KB paste to search.

The property tests (``tests/property``) check that such input is read or refused in words;
this measures how fast, so that a pattern turning quadratic again shows here (the first
versions took from 15 s to several minutes on these lines). For each piece repeated to
100 KB on one line, in each place of a lesson (a heading, a paragraph, an option, a
feedback, a spot question), the lesson parser's time, against ``str.splitlines`` and a
``split`` of the same text (the least any reader does); and the search for pasted pages
against the bare FTS5 match of their first word.

    .venv/bin/python benchmarks/hostile_input.py [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, Figure, report

KB100 = 100 * 1024
# The pieces and places of tests/property/test_pack_parser.py: each once made a pattern
# quadratic.
PIECES = ["![", "![a](", "![a](x", "<img ", "`", "a`", " ", "{spot", "on", "{ ", "[a", "](",
          "<a ", "- [ ] ", "  ", "\t", "[]("]
PLACES = ["## A{}b", "## A {{{}", "{}", "- [x] A{}\n- [ ] B", "## Q {{spot}}\n- [x] a {{spot{}",
          "- [x] A\n  > {}\n- [ ] B", "- [ ] {}", "1. {}"]
PASTES = {"51,200 words 'a'": "a " * (KB100 // 2),
          "20,000 different words": " ".join(f"w{i}" for i in range(20_000)),
          "100 KB of FTS syntax": '" OR * NEAR( AND -' * (KB100 // 18)}
LINE_TARGET_MS = 1000  # our bar: a hostile lesson never holds up an import for a second
PASTE_TARGET_MS = 100  # a paste is one search, not one per keystroke: shown at once
FRONT = "---\nid: x\ntitle: X\nminutes: 5\n---\n\n## Start\n\n"


def measure_lines(runs: int) -> Figure:
    """The slowest (piece, place) line's median parse, beside the floor for that text."""
    from navigator.content.lessonfile import parse_lesson_source
    from navigator.content.problems import Problems

    worst: tuple[float, list[float], list[float], str] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for piece in PIECES:
            for place in PLACES:
                text = FRONT + place.format(piece * (KB100 // len(piece))) + "\n"
                took, floor = [], []
                for _run in range(runs):
                    start = time.perf_counter()
                    parse_lesson_source(text, root / "x.en.md", "en", root, Problems(root))
                    took.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    for line in text.splitlines():
                        line.split()
                    floor.append(time.perf_counter() - start)
                took.sort()
                median = took[len(took) // 2]
                if worst is None or median > worst[0]:
                    worst = (median, took, floor, f"{place!r} with {piece!r}")
    assert worst is not None
    return Figure("hostile: a lesson with a 100 KB line (slowest of "
                  f"{len(PIECES) * len(PLACES)})", [t * 1000 for t in worst[1]],
                  "str.splitlines + split of the same text", [f * 1000 for f in worst[2]],
                  target=LINE_TARGET_MS, extra={"line": worst[3]})


def measure_pastes(runs: int) -> list[Figure]:
    """The search for each pasted page on the built-in curriculum, beside a bare match."""
    import sqlite3

    from navigator.services import Services
    from navigator.storage.search import fts_query, search

    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        services = Services.start(Path(tmp) / "data", curriculum=ROOT / "curriculum")
        bare = sqlite3.connect(str(services.data_dir / "navigator.db"))
        try:
            for name, text in PASTES.items():
                took, floor = [], []
                for _run in range(runs):
                    start = time.perf_counter()
                    services.lane.call(search, text=text, language="en")
                    took.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    bare.execute("SELECT rowid FROM lesson_search WHERE lesson_search MATCH ?",
                                 [fts_query(text).split(" ")[0]]).fetchall()
                    floor.append(time.perf_counter() - start)
                figures.append(Figure(f"hostile: search for a pasted page, {name}",
                                      [t * 1000 for t in took],
                                      "FTS5 MATCH of its first word alone",
                                      [f * 1000 for f in floor], target=PASTE_TARGET_MS))
        finally:
            bare.close()
            services.close()
    return figures


def measure_hostile(*, runs: int = 5) -> list[Figure]:
    return [measure_lines(runs), *measure_pastes(runs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    report(measure_hostile(runs=args.runs), "hostile_input")
    return 0


if __name__ == "__main__":
    sys.exit(main())

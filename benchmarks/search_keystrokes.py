"""Search as you type over 2,000 lessons: the app's query, on the storage lane, for every
keystroke of a few real queries, beside the bare FTS5 match of the same words.

    .venv/bin/python benchmarks/search_keystrokes.py [--lessons 2000] [--runs 15]

The lessons are the built-in ones (staff course in English and French, client lessons in
English, French, Arabic and Spanish) copied under new ids until there are ``--lessons``,
installed and indexed by ``repository.install_pack``, as the app installs a pack.
"""

from __future__ import annotations

import argparse
import dataclasses
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, Figure, ms, report

from navigator.content.loader import load_pack
from navigator.core.model import Lesson, Module, Pack
from navigator.services import Services
from navigator.storage import repository as repo
from navigator.storage.search import fts_query, search

QUERIES = (("en", "wifi password"), ("fr", "renouveler carte"), ("ar", "كلمة السر"))
SEARCH_MS = 10  # the target, per keystroke
FLOOR = ("FTS5 MATCH of the same words ranked by bm25, rowids only, own connection, "
         "no lane")


def search_pack(lessons: int) -> Pack:
    """A pack of ``lessons`` lessons copied from the built-in ones, 10 per module."""
    packs = [load_pack(ROOT / "curriculum" / name) for name in ("staff-course",
                                                                "client-lessons")]
    originals = [lesson for pack in packs for lesson in pack.ordered_lessons()]
    copies: dict[str, Lesson] = {}
    modules: list[Module] = []
    for number in range(lessons):
        original = originals[number % len(originals)]
        module_id = f"module-{number // 10:03d}"
        lesson = dataclasses.replace(original, id=f"{original.id}-{number:04d}",
                                     module_id=module_id)
        copies[lesson.id] = lesson
        if number % 10 == 0:
            modules.append(Module(module_id, {"en": f"Module {number // 10 + 1}"}, ()))
        modules[-1] = dataclasses.replace(modules[-1],
                                          lesson_ids=(*modules[-1].lesson_ids, lesson.id))
    return dataclasses.replace(packs[0], id="search-bench", modules=tuple(modules),
                               lessons=copies)


def keystrokes(text: str) -> list[str]:
    """What the search box holds after each key (stripped, repeats left out)."""
    typed: list[str] = []
    for end in range(1, len(text) + 1):
        prefix = text[:end].strip()
        if prefix and (not typed or typed[-1] != prefix):
            typed.append(prefix)
    return typed


def measure_search(*, lessons: int = 2000, runs: int = 15) -> list[Figure]:
    """Per keystroke, ``runs`` searches and as many floors; the figures are the median
    over keystrokes of each keystroke's median, and the slowest keystroke's runs."""
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "no-curriculum"
        empty.mkdir()
        services = Services.start(Path(tmp) / "data", curriculum=empty)
        try:
            services.lane.call(repo.install_pack, pack=search_pack(lessons), builtin=False)
            rows = services.lane.call(
                lambda db: db.execute("SELECT count(*) FROM lesson_search").fetchone()[0])
            bare = sqlite3.connect(str(services.data_dir / "navigator.db"))
            per_key: list[tuple[str, list[float], list[float], int]] = []
            for language, text in QUERIES:
                for typed in keystrokes(text):
                    took, floor = [], []
                    hits = services.lane.call(search, text=typed, language=language)
                    for _run in range(runs):
                        start = time.perf_counter()
                        bare.execute("SELECT rowid FROM lesson_search WHERE lesson_search"
                                     " MATCH ? ORDER BY bm25(lesson_search, 10.0, 1.0)"
                                     " LIMIT 240", [fts_query(typed)]).fetchall()
                        floor.append(time.perf_counter() - start)
                        start = time.perf_counter()
                        services.lane.call(search, text=typed, language=language)
                        took.append(time.perf_counter() - start)
                    per_key.append((typed, ms(took), ms(floor), len(hits)))
            bare.close()
        finally:
            services.close()
    slowest = max(per_key, key=lambda k: statistics.median(k[1]))
    context = {"lessons": lessons, "indexed_steps": rows, "keystrokes": len(per_key),
               "runs_per_keystroke": runs, "queries": [q for _l, q in QUERIES]}
    return [Figure("search: a keystroke (median keystroke)",
                   [statistics.median(k[1]) for k in per_key], FLOOR,
                   [statistics.median(k[2]) for k in per_key], target=SEARCH_MS,
                   extra=context),
            Figure("search: the slowest keystroke", slowest[1], FLOOR, slowest[2],
                   target=SEARCH_MS, extra={"text": slowest[0], "hits": slowest[3]})]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    figures = measure_search(lessons=args.lessons, runs=args.runs)
    report(figures, "search")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every speed figure of Navigator in one command: a table, then one JSON line.

    .venv/bin/python benchmarks/run_all.py [--quick] [--only NAME...] [--json-out FILE]

NAME is one of start, lesson, search, speech, dashboards, pack, backup, hostile. Each figure is the
median of repeated runs, printed beside a floor measured in the same run (what the same job
costs with the least possible code: a bare Qt window, a bare ``setHtml``, a bare FTS5 query,
``espeak-ng -w``, a ``count(*)``, ``zipfile``, a file copy), their ratio, the target and
whether it is met. The 5,000-learner data set is generated once into a cache folder
(``--cache``, default ``$TMPDIR/navigator-bench-5000``, shared with ``dashboards.py``) and
reused; the start and lesson figures run on a fresh copy of it. See README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import CACHE, Figure, agency_copy, agency_folder, table_lines

GROUPS = ("start", "lesson", "search", "speech", "dashboards", "pack", "backup", "hostile")
# runs of each group: (full, --quick)
RUNS = {"start": (10, 3), "lesson": (5, 2), "search": (15, 5), "speech": (20, 5),
        "dashboards": (7, 3), "pack": (5, 2), "backup": (5, 2), "hostile": (5, 2)}


def run_group(name: str, runs: int, cache: Path) -> list[Figure]:
    """The figures of one group (imports are here: a group runs only what it needs)."""
    work = cache / "run"
    if name == "start":
        from startup import measure_start

        return measure_start(agency_copy(cache, work / "start"), runs=runs)
    if name == "lesson":
        from lesson_steps import measure_steps

        return measure_steps(agency_copy(cache, work / "lesson"), rounds=runs)
    if name == "search":
        from search_keystrokes import measure_search

        return measure_search(runs=runs)
    if name == "speech":
        from speech_latency import measure_speech

        return measure_speech(runs=runs)
    if name == "dashboards":
        from dashboards import measure_dashboards

        from navigator.services import Services

        services = Services.start(cache / "data", curriculum=cache / "curriculum")
        try:
            return measure_dashboards(services, runs=runs, folder=work)
        finally:
            services.close()
    if name == "pack":
        from pack_io import measure_import

        return [measure_import(runs=runs)]
    if name == "backup":
        from backup_speed import measure_backup

        return [measure_backup(cache / "data" / "navigator.db", runs=runs)]
    if name == "hostile":
        from hostile_input import measure_hostile

        return measure_hostile(runs=runs)
    raise ValueError(name)


def machine() -> dict[str, object]:
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "system": platform.platform(terse=True),
            "load": [round(x, 2) for x in os.getloadavg()]}


def main(argv: list[str] | None = None, *, log: Callable[[str], None] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs of everything")
    parser.add_argument("--only", nargs="+", choices=GROUPS, metavar="NAME",
                        help=f"run only these: {', '.join(GROUPS)}")
    parser.add_argument("--json-out", type=Path, metavar="FILE",
                        help="also write the JSON line to FILE")
    parser.add_argument("--cache", type=Path, default=CACHE,
                        help="where the 5,000-learner data set is kept (made once)")
    args = parser.parse_args(argv)
    say = log or (lambda text: print(text, file=sys.stderr, flush=True))
    groups = [g for g in GROUPS if not args.only or g in args.only]
    if "speech" in groups and shutil.which("espeak-ng") is None:
        say("espeak-ng is not installed: speech left out")
        groups.remove("speech")
    started = time.perf_counter()
    if {"start", "lesson", "dashboards", "backup"} & set(groups):
        say(f"data set: {args.cache} (generated the first time, a minute or two)")
        agency_folder(args.cache)
    figures: list[Figure] = []
    seconds: dict[str, float] = {}
    for group in groups:
        runs = RUNS[group][1 if args.quick else 0]
        say(f"{group}: {runs} runs...")
        begun = time.perf_counter()
        figures += run_group(group, runs, args.cache)
        seconds[group] = round(time.perf_counter() - begun, 1)
    shutil.rmtree(args.cache / "run", ignore_errors=True)
    for line in table_lines(figures):
        print(line)
    missed = [f.name for f in figures if f.passed is False]
    print(f"\n{len(figures)} figures, {len(missed)} targets missed"
          + (f": {'; '.join(missed)}" if missed else "")
          + f" ({time.perf_counter() - started:.0f} s)")
    line = json.dumps({"benchmark": "run_all", "quick": args.quick, "groups": groups,
                       "machine": machine(), "seconds": seconds, "missed": missed,
                       "figures": {f.name: f.as_json() for f in figures}},
                      ensure_ascii=False)
    if args.json_out:
        args.json_out.write_text(line + "\n", encoding="utf-8")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Dashboards and CSV exports on an agency-sized data set: 5,000 staff learners, 300 lessons,
3 years of answers, clients and coaching sessions.

    .venv/bin/python benchmarks/dashboards.py [--learners 5000] [--clients 2000]
        [--days 1095] [--lessons 300] [--runs 7] [--folder /tmp/navigator-bench-5000]

The data set is generated once into ``--folder`` (by ``navigator.sample_data`` on the
built-in curriculum plus a generated pack, so the staff course has ``--lessons`` lessons) and
reused by later runs. Prints the median time of each dashboard table, of the whole
administrator dashboard (every panel, as the screen loads it) and of each CSV export, then
one JSON line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from navigator.reports.csv_export import write_csv
from navigator.reports.dashboard import PANELS, compute_panels, compute_table
from navigator.reports.tables import Filter
from navigator.sample_data import SampleSize, run_with_defaults
from navigator.services import Services

ROOT = Path(__file__).resolve().parent.parent
BENCH_PACK = "bench-course"


def write_bench_pack(folder: Path, lessons: int) -> None:
    """A staff pack of ``lessons`` short lessons (4 steps, 2 check questions), 10 per module."""
    (folder / "lessons").mkdir(parents=True)
    modules = []
    for m in range(0, lessons, 10):
        ids = [f"bench-{i:03d}" for i in range(m, min(lessons, m + 10))]
        modules.append(f"  - id: module-{m // 10:02d}\n    title:\n      en: Module {m // 10 + 1}"
                       "\n    lessons:\n" + "".join(f"      - {i}\n" for i in ids))
        for i in ids:
            (folder / "lessons" / f"{i}.en.md").write_text(
                f"---\nid: {i}\ntitle: Lesson {i}\nminutes: 5\naudience: staff\n"
                "objectives:\n  - Practise.\n---\n\n## Read {#s1}\n\nSome text.\n\n"
                "## More {#s2}\n\nMore text.\n\n## One {check #q1}\n\nPick.\n\n- [x] Yes\n"
                "  Right.\n- [ ] No\n  Wrong.\n\n## Two {check #q2}\n\nPick.\n\n- [ ] No\n"
                "  Wrong.\n- [x] Yes\n  Right.\n", encoding="utf-8")
    (folder / "pack.yaml").write_text(
        f"format_version: 1\nid: {BENCH_PACK}\nversion: 1.0.0\ndefault_language: en\n"
        "audience: staff\nlicense: CC-BY-4.0\nauthors:\n  - Benchmarks\ntitle:\n"
        "  en: Benchmark course\nmastery: 80\nmodules:\n" + "".join(modules), encoding="utf-8")


def build(folder: Path, args: argparse.Namespace) -> Path:
    curriculum = folder / "curriculum"
    if (folder / "done").exists():
        return curriculum
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(ROOT / "curriculum", curriculum)
    write_bench_pack(curriculum / BENCH_PACK, args.lessons)
    started = time.perf_counter()
    services = Services.start(folder / "data", curriculum=curriculum)
    try:
        size = SampleSize(args.learners, args.clients, args.days, seed=7, statements=False)
        summary = run_with_defaults(services.lane, services.library, size=size,
                                    staff_pack_id=BENCH_PACK,
                                    progress=lambda d, t: print(f"\r  generating {d}/{t}",
                                                                end="", flush=True))
    finally:
        services.close()
    print(f"\n  generated in {time.perf_counter() - started:.0f} s: {summary}")
    (folder / "done").write_text("ok")
    return curriculum


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--days", type=int, default=1095)
    parser.add_argument("--lessons", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir())
                        / "navigator-bench-5000")
    args = parser.parse_args()
    curriculum = build(args.folder, args)
    services = Services.start(args.folder / "data", curriculum=curriculum)
    database = services.data_dir / "navigator.db"
    counts = services.lane.call(lambda db: {
        t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("learners", "lessons", "progress", "answers", "coaching_sessions")})
    print(f"data: {counts}, {database.stat().st_size / 2**20:.0f} MiB")
    end = date.today()
    flt = Filter(end - timedelta(days=365), end)  # the screen's default range: a year
    whole = Filter(end - timedelta(days=args.days), end)
    results: dict[str, float] = {}
    print(f"{'table':<26}{'1 year (ms)':>14}{'3 years (ms)':>14}{'CSV (ms)':>10}{'rows':>7}")
    out = args.folder / "out.csv"
    for panel in PANELS:
        year, three, export = [], [], []
        for _run in range(args.runs):
            t0 = time.perf_counter()
            services.lane.call(compute_table, name=panel.table, flt=flt)
            t1 = time.perf_counter()
            table = services.lane.call(compute_table, name=panel.table, flt=whole)
            t2 = time.perf_counter()
            write_csv(table, out)
            export.append(time.perf_counter() - t2)
            year.append(t1 - t0)
            three.append(t2 - t1)
        results[panel.table] = median_ms(year)
        results[panel.table + "/3y"] = median_ms(three)
        results[panel.table + "/csv"] = median_ms(export)
        print(f"{panel.table:<26}{median_ms(year):>14}{median_ms(three):>14}"
              f"{median_ms(export):>10}{len(table.rows):>7}")
    load = []
    for _run in range(args.runs):
        t0 = time.perf_counter()
        services.lane.call(compute_panels, panels=list(PANELS), flt=flt)
        load.append(time.perf_counter() - t0)
    results["dashboard"] = median_ms(load)
    print(f"{'whole admin dashboard':<26}{median_ms(load):>14}")
    services.close()
    print(json.dumps({"benchmark": "dashboards", "learners": args.learners,
                      "lessons": counts["lessons"], "answers": counts["answers"],
                      "median_ms": results}))


if __name__ == "__main__":
    main()

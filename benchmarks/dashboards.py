"""Dashboards and CSV exports on an agency-sized data set: 5,000 staff learners, 300 lessons,
3 years of answers, clients and coaching sessions.

    .venv/bin/python benchmarks/dashboards.py [--learners 5000] [--clients 2000]
        [--days 1095] [--lessons 300] [--runs 7] [--folder /tmp/navigator-bench-5000]

The data set is generated once into ``--folder`` (by ``navigator.sample_data`` on the
built-in curriculum plus a generated pack, so the staff course has ``--lessons`` lessons) and
reused by later runs (``run_all.py`` uses the same cache). Prints the median time of each
dashboard table over a year and over ``--days``, of the whole administrator dashboard (every
panel, as the screen loads it) and of each CSV export, each beside a floor measured in the
same run, then one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
import time
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from common import CACHE, ROOT, Figure, ms, report, timed
from sqlite_utils import Database

from navigator.reports.csv_export import write_csv
from navigator.reports.dashboard import PANELS, compute_panels, compute_table
from navigator.reports.tables import Filter, Table
from navigator.sample_data import SampleSize, run_with_defaults
from navigator.services import Services

BENCH_PACK = "bench-course"
TARGET_MS = 150  # each dashboard table


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


def build(folder: Path, *, learners: int = 5000, clients: int = 2000, days: int = 1095,
          lessons: int = 300) -> Path:
    """Generate the data set into ``folder`` unless it is there already; returns the
    curriculum folder it was made on."""
    curriculum = folder / "curriculum"
    if (folder / "done").exists():
        return curriculum
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(ROOT / "curriculum", curriculum)
    write_bench_pack(curriculum / BENCH_PACK, lessons)
    started = time.perf_counter()
    services = Services.start(folder / "data", curriculum=curriculum)
    try:
        size = SampleSize(learners, clients, days, seed=7, statements=False)
        summary = run_with_defaults(services.lane, services.library, size=size,
                                    staff_pack_id=BENCH_PACK,
                                    progress=lambda d, t: print(f"\r  generating {d}/{t}",
                                                                end="", flush=True))
    finally:
        services.close()
    print(f"\n  generated in {time.perf_counter() - started:.0f} s: {summary}")
    (folder / "done").write_text("ok")
    return curriculum


# What SQLite needs just to visit each table's source rows in the range: the floor.
FLOORS = {
    "module-completion": "SELECT count(*) FROM progress WHERE started_at < :until",
    "lesson-completion": "SELECT count(*) FROM progress WHERE started_at < :until",
    "stuck-learners": "SELECT count(*) FROM progress WHERE updated_at >= :since",
    "time-per-month": "SELECT count(*) FROM learning_time WHERE day >= :since"
                      " AND day < :until",
    "review-adherence": "SELECT count(*) FROM review_log WHERE due >= :since AND due < :until",
    "lesson-use": "SELECT count(*) FROM learning_time WHERE day >= :since AND day < :until",
    "sessions-per-month": "SELECT count(*) FROM coaching_sessions WHERE started_at >= :since"
                          " AND started_at < :until",
    "sessions-per-navigator": "SELECT count(*) FROM coaching_sessions"
                              " WHERE started_at >= :since AND started_at < :until",
    "intake-change": "SELECT count(*) FROM intake_answers a JOIN intakes i"
                     " ON i.id = a.intake_id WHERE i.taken_at >= :since"
                     " AND i.taken_at < :until",
}
FLOOR_NAME = "a count(*) of the table's source rows in the range (one query on the lane)"
CSV_FLOOR_NAME = "csv.writer of the same rows, nothing translated or escaped"


def count_rows(db: Database, *, names: list[str], flt: Filter) -> list[int]:
    """On the lane: the floor queries of ``names``."""
    args = {"since": flt.since, "until": flt.until}
    return [db.execute(FLOORS[name], args).fetchone()[0] for name in names]


def plain_csv(table: Table, out: Path) -> None:
    with out.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow([c.header for c in table.columns])
        writer.writerows(table.rows)


def measure_dashboards(services: Services, *, runs: int, days: int = 1095,
                       folder: Path | None = None) -> list[Figure]:
    """Each dashboard table over a year and over ``days``, its CSV export (the longer
    range) and the whole administrator dashboard (a year), each beside its floor."""
    lane, end = services.lane, date.today()
    ranges = {"1y": Filter(end - timedelta(days=365), end),
              f"{round(days / 365)}y": Filter(end - timedelta(days=days), end)}
    out = (folder or Path(tempfile.gettempdir())) / "navigator-bench-out.csv"
    figures: list[Figure] = []
    for panel in PANELS:
        name = panel.table
        for label, flt in ranges.items():
            took, floor = [], []
            for _run in range(runs):
                floor.append(timed(partial(lane.call, count_rows, names=[name], flt=flt)))
                took.append(timed(partial(lane.call, compute_table, name=name, flt=flt)))
            figures.append(Figure(f"dashboard {name} {label}", ms(took), FLOOR_NAME,
                                  ms(floor), target=TARGET_MS))
        table = lane.call(compute_table, name=name, flt=flt)
        took, floor = [], []
        for _run in range(runs):
            floor.append(timed(partial(plain_csv, table, out)))
            took.append(timed(partial(write_csv, table, out)))
        figures.append(Figure(f"CSV export {name} {label}", ms(took), CSV_FLOOR_NAME,
                              ms(floor), extra={"rows": len(table.rows)}))
    took, floor = [], []
    year, names = ranges["1y"], [p.table for p in PANELS]
    for _run in range(runs):
        floor.append(timed(partial(lane.call, count_rows, names=names, flt=year)))
        took.append(timed(partial(lane.call, compute_panels, panels=list(PANELS), flt=year)))
    figures.append(Figure("whole admin dashboard 1y (every panel)", ms(took),
                          "every table's floor query in one visit to the lane", ms(floor)))
    out.unlink(missing_ok=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--days", type=int, default=1095)
    parser.add_argument("--lessons", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--folder", type=Path, default=CACHE)
    args = parser.parse_args()
    curriculum = build(args.folder, learners=args.learners, clients=args.clients,
                       days=args.days, lessons=args.lessons)
    services = Services.start(args.folder / "data", curriculum=curriculum)
    try:
        database = services.data_dir / "navigator.db"
        counts = services.lane.call(lambda db: {
            t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("learners", "lessons", "progress", "answers", "coaching_sessions")})
        print(f"data: {counts}, {database.stat().st_size / 2**20:.0f} MiB")
        figures = measure_dashboards(services, runs=args.runs, days=args.days,
                                     folder=args.folder)
    finally:
        services.close()
    report(figures, "dashboards", learners=args.learners, lessons=counts["lessons"],
           answers=counts["answers"])


if __name__ == "__main__":
    main()

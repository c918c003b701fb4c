"""What every benchmark shares: a figure (a median beside a floor measured in the same run),
the table and the JSON line they are printed as, and the agency-sized data set's cache.

Run the benchmarks from the repository root with the project's interpreter; each script puts
this folder on ``sys.path`` itself, so ``python benchmarks/NAME.py`` works alone too.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("NAVIGATOR_BENCH_CACHE",
                            Path(tempfile.gettempdir()) / "navigator-bench-5000"))
if str(ROOT) not in sys.path:  # ``navigator`` from this checkout even without an install
    sys.path.insert(0, str(ROOT))


@dataclass
class Figure:
    """One measured figure: its samples, and the floor's samples taken in the same run.

    ``target`` applies to the median (``target_kind`` "value") or to median / floor
    ("ratio"); ``None`` means no target, only a figure to watch.
    """

    name: str
    samples: list[float]
    floor_name: str
    floor_samples: list[float]
    unit: str = "ms"
    target: float | None = None
    target_kind: str = "value"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def floor(self) -> float:
        return statistics.median(self.floor_samples)

    @property
    def ratio(self) -> float:
        return self.median / self.floor if self.floor else float("inf")

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        value = self.ratio if self.target_kind == "ratio" else self.median
        return value <= self.target

    @property
    def target_text(self) -> str:
        if self.target is None:
            return "-"
        if self.target_kind == "ratio":
            return f"<= {self.target:g}x floor"
        return f"<= {self.target:g} {self.unit}"

    def as_json(self) -> dict[str, Any]:
        return {"median": round(self.median, 2), "floor": round(self.floor, 2),
                "ratio": round(self.ratio, 2), "unit": self.unit,
                "runs": len(self.samples), "floor_runs": len(self.floor_samples),
                "floor_is": self.floor_name, "target": self.target_text,
                "pass": self.passed, **self.extra}


def ms(seconds: Iterable[float]) -> list[float]:
    return [s * 1000 for s in seconds]


def timed(function: Callable[[], Any]) -> float:
    """Seconds ``function()`` took."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _number(value: float) -> str:
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def table_lines(figures: list[Figure]) -> list[str]:
    """The figures as a text table, then what each floor is."""
    width = max([len(f.name) for f in figures] + [6])
    head = (f"{'figure':<{width}}  {'median':>10}  {'floor':>10}  {'ratio':>7}  "
            f"{'target':<15}  result")
    lines = [head, "-" * len(head)]
    for f in figures:
        result = {True: "pass", False: "MISS", None: ""}[f.passed]
        lines.append(f"{f.name:<{width}}  {_number(f.median):>7} {f.unit:<3}  "
                     f"{_number(f.floor):>7} {f.unit:<3}  {f.ratio:>6.2f}x  "
                     f"{f.target_text:<15}  {result}")
    lines.append("")
    lines.append("floors:")
    seen: list[str] = []
    for f in figures:
        if f.floor_name not in seen:
            seen.append(f.floor_name)
    lines += [f"  {name}" for name in seen]
    return lines


def report(figures: list[Figure], benchmark: str, **context: Any) -> str:
    """Print the table and return the JSON line (printed last)."""
    for line in table_lines(figures):
        print(line)
    line = json.dumps({"benchmark": benchmark, **context,
                       "figures": {f.name: f.as_json() for f in figures}},
                      ensure_ascii=False)
    print(line)
    return line


# --- the agency-sized data set -----------------------------------------------------------

def agency_folder(cache: Path = CACHE, **size: int) -> Path:
    """The cache folder holding 5,000 staff, 2,000 clients, 3 years on the built-in
    curriculum plus a 300-lesson course (made once by ``dashboards.build``, then reused).
    Its database is opened once here, so a newer schema is applied to the cache itself and
    not to every copy."""
    from dashboards import build

    from navigator.services import Services

    curriculum = build(cache, **size)
    Services.start(cache / "data", curriculum=curriculum).close()
    return cache


def agency_copy(cache: Path, target: Path) -> Path:
    """A fresh copy of the cached data folder's database in ``target`` (a data folder)."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copyfile(cache / "data" / "navigator.db", target / "navigator.db")
    return target

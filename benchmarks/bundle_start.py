"""The installed bundle's start beside ``python -m navigator``, both ``--quit-after-start``.

    python packaging/build.py --no-archive          # once
    python benchmarks/bundle_start.py [--bundle dist/navigator/navigator] [--runs 10]

Two cases, each a median of N runs in a fresh process, offscreen:

* first start: a new data folder every run (creates the database, installs the built-in
  packs, shows the first-run screen);
* daily start: the same data folder, already set up.

Also prints the bundle folder's size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True)
    return time.perf_counter() - started


def median_ms(command: list[str], env: dict[str, str], runs: int, *, fresh: bool) -> float:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            folder = Path(tmp) / (f"run{run}" if fresh else "daily")
            times.append(timed(command, dict(env, NAVIGATOR_DATA_DIR=str(folder))))
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "navigator" / "navigator")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if not args.bundle.is_file():
        sys.exit(f"no bundle at {args.bundle}: run python packaging/build.py first")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    commands = {"bundle": [str(args.bundle), "--quit-after-start"],
                "python -m navigator": [sys.executable, "-m", "navigator", "--quit-after-start"]}
    size = sum(p.stat().st_size for p in args.bundle.parent.rglob("*")
               if p.is_file() and not p.is_symlink())
    print(f"bundle folder: {size / 1024 / 1024:.1f} MiB")
    print(f"{'':22}{'first start':>14}{'daily start':>14}   (median of {args.runs}, ms)")
    for name, command in commands.items():
        timed(command, dict(env, NAVIGATOR_DATA_DIR=tempfile.mkdtemp()))  # warm the disk cache
        first = median_ms(command, env, args.runs, fresh=True)
        daily = median_ms(command, env, args.runs, fresh=False)
        print(f"{name:22}{first:14.0f}{daily:14.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

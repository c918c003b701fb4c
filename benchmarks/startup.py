"""Start-up: ``navigator --quit-after-start`` against a bare PySide6 window (a QMainWindow
with a QTextBrowser that quits at the first idle moment), each run in a fresh process, with
the peak memory (RSS) of each.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py [--runs 15] [--agency]

Without ``--agency`` the data folder is a new one with one learner; with it, a copy of the
5,000-learner data set (``dashboards.py``'s cache), as ``run_all.py`` does. Bytecode is
written and used (as in an installed copy), so ``PYTHONDONTWRITEBYTECODE`` is dropped.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import CACHE, Figure, agency_copy, agency_folder, report

BARE = ("from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser\n"
        "app = QApplication([])\n"
        "window = QMainWindow()\n"
        "window.setCentralWidget(QTextBrowser())\n"
        "window.show()\n"
        "QTimer.singleShot(0, app.quit)\n"
        "app.exec()\n")
START_RATIO = 1.5  # the target: at most 1.5 times the bare window
RSS_MIB = 120  # the target: peak RSS of the started app


def navigator_command() -> list[str]:
    """The installed ``navigator`` command beside this interpreter, else ``-m navigator``."""
    script = Path(sys.executable).with_name("navigator")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "navigator"]
    return [*command, "--quit-after-start"]


def run_child(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``command`` to its end: (seconds, peak RSS in MiB) of that one process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)  # this child's own rusage
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{command} failed: {errors.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024  # KiB on Linux


def start_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ, NAVIGATOR_DATA_DIR=str(data_dir),
               QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure_start(data_dir: Path, *, runs: int) -> list[Figure]:
    """Start time and peak RSS beside the bare window's, runs interleaved. One start of each
    is made first and not counted (bytecode, disk cache, a first start's installs)."""
    env = start_env(data_dir)
    bare = [sys.executable, "-c", BARE]
    app = navigator_command()
    run_child(bare, env)
    run_child(app, env)
    times: dict[str, list[float]] = {"bare": [], "app": []}
    rss: dict[str, list[float]] = {"bare": [], "app": []}
    for _run in range(runs):
        for key, command in (("bare", bare), ("app", app)):
            seconds, peak = run_child(command, env)
            times[key].append(seconds * 1000)
            rss[key].append(peak)
    floor = "bare PySide6 QMainWindow + QTextBrowser, quits when idle (fresh process)"
    return [Figure("start: navigator --quit-after-start", times["app"], floor, times["bare"],
                   target=START_RATIO, target_kind="ratio"),
            Figure("start: peak RSS", rss["app"], floor, rss["bare"], unit="MiB",
                   target=RSS_MIB)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--agency", action="store_true",
                        help="start on a copy of the 5,000-learner data set")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        if args.agency:
            agency_copy(agency_folder(CACHE), folder)
        else:  # a first start installs the curriculum; then one learner, as in daily use
            run_child(navigator_command(), start_env(folder))
            subprocess.run([sys.executable, "-c",
                            "from navigator.storage.lane import StorageLane\n"
                            "from navigator.storage import repository as r\n"
                            f"lane = StorageLane({str(folder / 'navigator.db')!r})\n"
                            "lane.call(r.create_learner, name='Amal', language='en')\n"
                            "lane.close()\n"], check=True)
        report(measure_start(folder, runs=args.runs), "startup")
    return 0


if __name__ == "__main__":
    sys.exit(main())

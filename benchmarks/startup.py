"""Start-up: Navigator's main window against a bare PySide6 window (fresh process each run)."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = ("from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication([])\n"
        "w = QMainWindow()\n"
        "w.show()\n"
        "QTimer.singleShot(0, app.quit)\n"
        "app.exec()\n")


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as tmp:
        env["NAVIGATOR_DATA_DIR"] = tmp
        # First start installs the curriculum and shows the first-run screen; then add a
        # learner so that later starts show the catalogue, as on a machine in daily use.
        subprocess.run([sys.executable, "-m", "navigator", "--quit-after-start"], check=True,
                       env=env, capture_output=True)
        subprocess.run([sys.executable, "-c",
                        "from navigator.storage.lane import StorageLane\n"
                        "from navigator.storage import repository as r\n"
                        f"lane = StorageLane({str(Path(tmp) / 'navigator.db')!r})\n"
                        "lane.call(r.create_learner, name='Amal', language='en')\n"
                        "lane.close()\n"], check=True, env=env)
        runs: dict[str, list[float]] = {"bare PySide6 window": [], "navigator": []}
        for _ in range(args.runs):
            runs["bare PySide6 window"].append(timed([sys.executable, "-c", BARE], env))
            runs["navigator"].append(timed(
                [sys.executable, "-m", "navigator", "--quit-after-start"], env))
    for name, values in runs.items():
        print(f"{name:22s} median {statistics.median(values) * 1000:6.0f} ms   "
              f"min {min(values) * 1000:6.0f} ms   max {max(values) * 1000:6.0f} ms   "
              f"({len(values)} runs)")
    ratio = statistics.median(runs["navigator"]) / statistics.median(runs["bare PySide6 window"])
    print(f"navigator / bare = {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

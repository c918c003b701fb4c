"""Statements sent per second, in batches, to a real Ralph LRS on 127.0.0.1.

    .venv/bin/python benchmarks/lrs_sync.py [--learners 40] [--batches 50,100,500]

Needs `.venv-lrs` (made by `bash quickstart.sh test`). Fills a temporary data folder with
`navigator sample-data`, then, for each batch size, puts every statement back in the queue
and sends them all to a fresh LRS. Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from navigator.cli import main as cli  # noqa: E402
from navigator.services import Services  # noqa: E402
from navigator.xapi import lrs_config  # noqa: E402
from navigator.xapi.sync import sync  # noqa: E402
from tests.xapi.conftest import PASSWORD, USER, Lrs  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--batches", default="50,100,500")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        cli(["sample-data", "--learners", str(args.learners), "--clients", "20",
             "--data-dir", str(folder)])
        print(f"{'batch':>6}{'statements':>12}{'seconds':>9}{'per second':>12}")
        for size in [int(b) for b in args.batches.split(",")]:
            server = Lrs(Path(tmp) / f"lrs-{size}")
            server.start()
            services = Services.start(folder)
            try:
                services.lane.call(lambda db: db.execute(
                    "UPDATE xapi_statements SET state = 'queued', next_try_at = ''"))
                config = lrs_config.check(server.endpoint, USER, PASSWORD)
                start = time.perf_counter()
                report = sync(services.lane, config, batch_size=size)
                seconds = time.perf_counter() - start
            finally:
                services.close()
                server.stop()
            rate = report.sent / seconds
            results[str(size)] = round(rate)
            print(f"{size:>6}{report.sent:>12}{seconds:>9.1f}{rate:>12.0f}")
    print(json.dumps({"benchmark": "lrs_sync", "statements_per_second": results}))


if __name__ == "__main__":
    main()

"""A real Learning Record Store for the tests: Ralph (``ralph-malph[cli,lrs]==4.2.0``) on
127.0.0.1, run from its own virtual environment ``.venv-lrs`` (made by
``bash quickstart.sh test``), with a filesystem store in a temporary folder."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from base64 import b64encode
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

USER, PASSWORD = "ci", "ci-secret-0a9f"
LAUNCHER = Path(__file__).with_name("ralph_server.py")


def lrs_python() -> Path:
    found = Path(os.environ.get("NAVIGATOR_LRS_PYTHON", ROOT / ".venv-lrs" / "bin" / "python"))
    if not found.exists():
        pytest.fail(f"Ralph's environment is missing ({found}). Run `bash quickstart.sh test`,"
                    " which makes .venv-lrs, or set NAVIGATOR_LRS_PYTHON.")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Lrs:
    """A Ralph server that can be stopped and started again on the same port and store."""

    def __init__(self, folder: Path):
        self.python = lrs_python()
        self.port = free_port()
        self.env = {**os.environ, "RALPH_APP_DIR": str(folder / "app"),
                    "RALPH_RUNSERVER_BACKEND": "fs",
                    "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "store")}
        (folder / "store").mkdir(parents=True)
        ralph = self.python.parent / "ralph"
        subprocess.run([str(ralph), "auth", "-u", USER, "-p", PASSWORD, "-s", "all",
                        "-M", "mailto:ci@example.org", "-N", "CI", "-w"], env=self.env,
                       check=True, capture_output=True, timeout=120)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self) -> None:
        self.process = subprocess.Popen([str(self.python), str(LAUNCHER), str(self.port)],
                                        env=self.env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__",
                                            timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()) from None
                time.sleep(0.2)
        raise RuntimeError("Ralph did not start in 60 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None

    def statements(self, account: str) -> list[dict]:
        """Every statement of one actor in the LRS (following ``more``)."""
        agent = json.dumps({"objectType": "Agent", "account": {
            "homePage": "https://navigator.invalid/learners", "name": account}})
        url = (f"http://127.0.0.1:{self.port}/xAPI/statements?limit=500&agent="
               + urllib.request.quote(agent))
        found: list[dict] = []
        while url:
            request = urllib.request.Request(url, headers={
                "Authorization": "Basic " + b64encode(f"{USER}:{PASSWORD}".encode()).decode(),
                "X-Experience-API-Version": "1.0.3"})
            with urllib.request.urlopen(request, timeout=30) as answer:
                page = json.loads(answer.read())
            found.extend(page["statements"])
            more = page.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else ""
        return found


@pytest.fixture(scope="session")
def lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lrs]:
    server = Lrs(tmp_path_factory.mktemp("ralph"))
    server.start()
    yield server
    server.stop()

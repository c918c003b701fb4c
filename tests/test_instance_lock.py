"""One app per data folder: the lock, a second start, a lock left by a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from navigator.instance_lock import InstanceLock
from tests.conftest import ROOT


def test_a_second_holder_is_refused_until_the_first_lets_go(tmp_path):
    first, second = InstanceLock(tmp_path), InstanceLock(tmp_path)
    assert first.acquire()
    assert not second.acquire()
    assert first.holder() == f"pid {os.getpid()} on {os.uname().nodename}"
    first.release()
    assert second.acquire()
    second.release()


def test_a_lock_left_by_a_crash_is_taken_over(tmp_path):
    """The system lets go of the lock when a program dies; its file stays behind."""
    child = subprocess.run(
        [sys.executable, "-c",
         "import os, sys; from pathlib import Path; from navigator.instance_lock import "
         "InstanceLock; assert InstanceLock(Path(sys.argv[1])).acquire(); os._exit(9)",
         str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert child.returncode == 9, child.stderr
    assert (tmp_path / "navigator.lock").read_text(encoding="utf-8").startswith("pid ")
    lock = InstanceLock(tmp_path)
    assert lock.acquire()
    assert lock.recovered_from.startswith("pid ") and str(os.getpid()) not in lock.recovered_from
    lock.release()


def test_a_second_app_says_so_asks_the_first_to_come_forward_and_exits(tmp_path):
    folder = tmp_path / "data"
    first = InstanceLock(folder)
    assert first.acquire()
    try:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NAVIGATOR_DATA_DIR=str(folder))
        result = subprocess.run([sys.executable, "-m", "navigator", "--quit-after-start"],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 3
        assert "already open on this computer" in result.stderr and str(folder) in result.stderr
        assert first.take_raise_request()  # the first app's watcher would now come forward
        assert not first.take_raise_request()  # once
        assert not (folder / "navigator.db").exists()  # the second app touched nothing
    finally:
        first.release()


def test_the_running_window_takes_the_request(qtbot, services):
    from navigator.app import come_forward_on_request
    from tests.ui.test_lesson_flow import make_window

    window = make_window(qtbot, services)
    window.showMinimized()
    lock = InstanceLock(Path(services.data_dir))
    assert lock.acquire()
    try:
        watcher = come_forward_on_request(window, lock)
        InstanceLock(Path(services.data_dir)).ask_holder_to_come_forward()
        qtbot.waitUntil(lambda: not lock.raise_request.exists(), timeout=5000)
        assert window.isVisible() and not window.isMinimized()
        assert watcher is not None
    finally:
        lock.release()

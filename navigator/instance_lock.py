"""One Navigator window per data folder: a lock file held by the operating system.

The first app to start holds an exclusive lock on ``navigator.lock`` in the data folder
(``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows) for as long as it runs. The
system lets go of it when the program ends, even by a crash or a power cut, so a lock file
left behind by a crash is simply taken again (and noted in the log). A second app finds the
lock held, leaves a ``navigator.raise`` file that the first one watches for (it brings its
window forward), and says so. The terminal commands do not take the lock: SQLite keeps
their writes safe beside the app's.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sys
from pathlib import Path

LOCK_NAME = "navigator.lock"
RAISE_NAME = "navigator.raise"
_FAR = 1 << 30  # Windows locks a byte range: lock one far past the text, which stays readable

log = logging.getLogger(__name__)


def _lock(fd: int) -> None:
    """Take the lock without waiting; OSError when another process holds it."""
    if sys.platform.startswith("win"):
        import msvcrt

        os.lseek(fd, _FAR, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        os.lseek(fd, 0, os.SEEK_SET)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    if sys.platform.startswith("win"):
        import msvcrt

        os.lseek(fd, _FAR, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    """``acquire()`` once at start, ``release()`` at exit."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self.raise_request = self.folder / RAISE_NAME
        self._fd: int | None = None
        self.recovered_from = ""  # what a lock left by a crash said, when there was one

    def acquire(self) -> bool:
        """True when this process now holds the lock; False when another app does."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            return False
        left = os.read(fd, 200).decode("utf-8", "replace").strip()
        if left:
            self.recovered_from = left
            log.warning("took over a lock left by an app that did not close (%s)", left)
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode())
        self._fd = fd
        with contextlib.suppress(FileNotFoundError):
            self.raise_request.unlink()  # an old request must not raise the new window
        return True

    def holder(self) -> str:
        """What the holder wrote: ``pid 1234 on HOST`` (empty when unreadable)."""
        try:
            return self.path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""

    def ask_holder_to_come_forward(self) -> None:
        """Leave the file the running app watches for (see :meth:`take_raise_request`)."""
        with contextlib.suppress(OSError):
            self.raise_request.write_text(f"{os.getpid()}\n", encoding="utf-8")

    def take_raise_request(self) -> bool:
        """True (once) when a second app asked this one to come forward."""
        try:
            self.raise_request.unlink()
        except OSError:
            return False
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)  # a clean exit leaves an empty file: nothing to recover
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)  # the empty file stays: removing it could race a new app's lock

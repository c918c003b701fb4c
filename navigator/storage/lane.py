"""The storage lane: one thread owns the writing connection; work arrives as functions.

``submit(fn, **kwargs)`` runs ``fn(db, **kwargs)`` inside ``db.atomic()`` on the lane's
thread and returns a :class:`concurrent.futures.Future`. The GUI waits for the future through
a queued signal; the CLI and tests call :meth:`call`, which blocks.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from navigator.storage.checked import forget_checked
from navigator.storage.database import Reason, classify, connect

T = TypeVar("T")
_Item = tuple[Callable[..., Any], dict[str, Any], "Future[Any]", bool]


class StorageLane:
    """A thread with the database's only writing connection."""

    def __init__(self, path: Path, *, check: bool = True):
        self.path = Path(path)
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        ready: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, args=(ready, check),
                                        name="navigator-storage", daemon=True)
        self._thread.start()
        ready.result()  # re-raises DatabaseUnavailable when the file cannot be opened

    def _run(self, ready: Future[None], check: bool) -> None:
        try:
            db = connect(self.path, check=check)
        except BaseException as exc:
            ready.set_exception(exc)
            return
        ready.set_result(None)
        try:
            while (item := self._queue.get()) is not None:
                fn, kwargs, future, atomic = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    if atomic:
                        with db.atomic():
                            result = fn(db, **kwargs)
                    else:
                        result = fn(db, **kwargs)
                except sqlite3.Error as exc:
                    problem = classify(exc, self.path)
                    if problem.reason is Reason.CORRUPT:  # check it at the next start
                        forget_checked(self.path)
                    future.set_exception(problem)
                except BaseException as exc:
                    future.set_exception(exc)
                else:
                    future.set_result(result)
        finally:
            db.close()

    def submit(self, fn: Callable[..., T], /, **kwargs: Any) -> Future[T]:
        """Run ``fn(db, **kwargs)`` in a transaction on the lane; returns its future."""
        return self._put(fn, kwargs, atomic=True)

    def submit_unwrapped(self, fn: Callable[..., T], /, **kwargs: Any) -> Future[T]:
        """Like :meth:`submit` without a surrounding transaction (migrations, backups)."""
        return self._put(fn, kwargs, atomic=False)

    def _put(self, fn: Callable[..., T], kwargs: dict[str, Any], *, atomic: bool) -> Future[T]:
        if not self._thread.is_alive():
            raise RuntimeError("the storage lane is closed")
        future: Future[T] = Future()
        self._queue.put((fn, kwargs, future, atomic))
        return future

    def call(self, fn: Callable[..., T], /, **kwargs: Any) -> T:
        """Submit and wait for the result (CLI, tests, start-up)."""
        return self.submit(fn, **kwargs).result()

    def close(self) -> None:
        """Finish queued work, then close the connection."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()


"""Bringing results of background work back to the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot


class FutureBridge(QObject):
    """Calls ``on_done(result)`` or ``on_error(exception)`` on the UI thread when a future
    finishes on a worker thread (the signal crosses threads as a queued connection)."""

    _finished = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._finished.connect(self._deliver)
        self._pending = 0

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def watch(self, future: Future[Any], on_done: Callable[[Any], None],
              on_error: Callable[[BaseException], None] | None = None) -> None:
        self._pending += 1
        future.add_done_callback(lambda f: self._finished.emit((f, on_done, on_error)))

    @Slot(object)
    def _deliver(self, item: tuple[Future[Any], Callable[[Any], None],
                                   Callable[[BaseException], None] | None]) -> None:
        future, on_done, on_error = item
        self._pending -= 1
        if future.cancelled():  # the caller gave the work up: tell it only if it listens
            if on_error is not None:
                on_error(CancelledError())
            return
        error = future.exception()
        if error is None:
            on_done(future.result())
        elif on_error is not None:
            on_error(error)
        else:
            raise error

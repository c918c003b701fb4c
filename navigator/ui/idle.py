"""Locking a shared computer when nobody has touched it for a while."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from navigator.storage.staff import DEFAULT_IDLE_MINUTES

IDLE_CHOICES = (1, 2, 5, 10, 15, 30)  # minutes an administrator can choose from
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress}


class IdleWatcher(QObject):
    """Emits ``idle`` once when no key, click, wheel or pointer move reached the app for
    ``minutes``. ``clock`` (seconds, monotonic) is injectable so tests need not wait."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None, *,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.clock = clock
        self.minutes = DEFAULT_IDLE_MINUTES
        self.armed = False  # only while someone is signed in
        self.last_activity = clock()
        self.timer = QTimer(self)
        self.timer.setInterval(5000)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _ACTIVITY:
            self.last_activity = self.clock()
        return False

    def arm(self) -> None:
        """Start counting from now (after a sign-in)."""
        self.last_activity = self.clock()
        self.armed = True
        self.timer.start()

    def disarm(self) -> None:
        self.armed = False
        self.timer.stop()

    def check(self) -> None:
        if self.armed and self.clock() - self.last_activity >= self.minutes * 60:
            self.disarm()
            self.idle.emit()

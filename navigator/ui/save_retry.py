"""When the disk is full or read-only: keep what the learner did, say so, and try again.

The lesson player hands every save to :meth:`RetryingSave.failed`. A disk problem (full,
read-only, busy) is told once in a dialog, then in a banner above the buttons while
Navigator tries the same save again every few seconds; the answer stays on the screen and
in memory. When a try succeeds the banner goes and the lesson carries on. Anything else
is told in a dialog as before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from navigator.i18n import _
from navigator.storage.database import DatabaseUnavailable, Reason
from navigator.ui.page import error_message, warn_save_failed
from navigator.ui.widgets import card, label

RETRIED = (Reason.FULL, Reason.READ_ONLY, Reason.LOCKED)


class RetryingSave:
    """A banner (``self.banner``, put in the page by the owner) and a retry timer."""

    def __init__(self, owner: QWidget, interval_ms: int = 5000):
        self.owner = owner
        self.banner = card("notice")
        self.banner.setObjectName("unsaved-banner")
        self.text = label()
        self.text.setObjectName("unsaved-text")
        QVBoxLayout(self.banner).addWidget(self.text)
        self.banner.hide()
        self.timer = QTimer(owner)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self._retry: Callable[[], None] | None = None
        self.timer.timeout.connect(self._try_again)

    @property
    def waiting(self) -> bool:
        """A save is waiting to be tried again."""
        return self._retry is not None

    def failed(self, error: BaseException, retry: Callable[[], None] | None) -> None:
        """Tell the user; for a disk problem, keep ``retry`` and run it again soon."""
        if retry is None or not (isinstance(error, DatabaseUnavailable)
                                 and error.reason in RETRIED):
            warn_save_failed(self.owner, error)
            return
        first = self._retry is None
        self._retry = retry
        self.text.setText(_("Not saved yet. {problem}\n\nYour answer is kept on this screen: "
                            "Navigator tries to save it again every few seconds.").format(
                                problem=error_message(error).split("\n\n")[0]))
        self.banner.show()
        if first:
            warn_save_failed(self.owner, error)
        self.timer.start()

    def succeeded(self) -> None:
        self._retry = None
        self.timer.stop()
        self.banner.hide()

    def cancel(self) -> None:
        """The lesson was closed: nothing more to try."""
        self.succeeded()

    def _try_again(self) -> None:
        retry, self._retry = self._retry, None
        if retry is not None:
            self._retry = retry  # still waiting until the try succeeds
            retry()

"""The administrator's "Learning Record Store" dialog: where to send the learning records,
"Test connection", what is waiting or was refused (with the LRS's reasons), and "Send now"
(on a worker, with progress and Cancel)."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from navigator.formatting import format_datetime
from navigator.i18n import _
from navigator.storage import xapi_queue as q
from navigator.storage.repository import get_state
from navigator.ui.bridge import FutureBridge
from navigator.ui.flow_layout import FlowLayout
from navigator.ui.widgets import button, label
from navigator.xapi import lrs_config
from navigator.xapi.sync import SyncReport, check_connection, sync

KEEP = "\u2022" * 8  # shown instead of a saved secret; left as is, the secret is kept


class LrsSettings(QDialog):
    progressed = Signal(int, int)  # from the sending worker to the progress bar

    def __init__(self, services: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LrsSettings")
        self.setWindowTitle(_("Learning Record Store"))
        self.services = services
        self.bridge = FutureBridge(self)
        self.saved = lrs_config.load()
        self.cancel_event: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(label(_(
            "Navigator keeps a learning record (xAPI) of every lesson, review and coaching "
            "session, with no names. An LRS gathers them from every computer of your "
            "agency. The key and secret are kept outside the learner data.")))
        form = QFormLayout()
        self.endpoint, self.key, self.secret = QLineEdit(), QLineEdit(), QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        for field, name, text in ((self.endpoint, "lrs-endpoint", _("Address (https)")),
                                  (self.key, "lrs-key", _("Key")),
                                  (self.secret, "lrs-secret", _("Secret"))):
            field.setObjectName(name)
            field.setAccessibleName(text)
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # addresses, keys
            form.addRow(text, field)
        if self.saved is not None:
            self.endpoint.setText(self.saved.endpoint)
            self.key.setText(self.saved.key)
            self.secret.setText(KEEP)
        layout.addLayout(form)
        self.message = label()
        self.message.setObjectName("lrs-message")
        layout.addWidget(self.message)
        self.status = label()
        self.status.setObjectName("lrs-status")
        layout.addWidget(self.status)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(_("Sending"))
        self.bar.hide()
        layout.addWidget(self.bar)
        row = FlowLayout()
        self.save_button = button(_("Save"), name="lrs-save")
        self.test = button(_("Test connection"), name="lrs-test")
        self.send = button(_("Send now"), name="lrs-send")
        self.cancel_send = button(_("Cancel"), name="lrs-cancel")
        self.cancel_send.hide()
        self.retry = button(_("Try the refused ones again"), name="lrs-retry")
        self.forget = button(_("Forget these settings"), name="lrs-forget")
        for widget in (self.save_button, self.test, self.send, self.cancel_send, self.retry,
                       self.forget):
            row.addWidget(widget)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.save_button.clicked.connect(self.save)
        self.test.clicked.connect(self.test_connection)
        self.progressed.connect(self._progress)
        self.send.clicked.connect(self.send_now)
        self.cancel_send.clicked.connect(self._cancel)
        self.retry.clicked.connect(self._retry)
        self.forget.clicked.connect(self._forget)
        self.refresh_status()

    def _config(self) -> lrs_config.LrsConfig:
        secret = self.secret.text()
        if secret == KEEP and self.saved is not None:
            secret = self.saved.secret
        return lrs_config.check(self.endpoint.text(), self.key.text(), secret)

    def save(self) -> bool:
        try:
            config = self._config()
            lrs_config.save(config)
        except lrs_config.ConfigRefused as error:
            self.message.setText(error.message)
            return False
        except OSError as error:
            self.message.setText(_("The settings could not be saved: {reason}").format(
                reason=error.strerror or error))
            return False
        self.saved = config
        self.secret.setText(KEEP)
        self.message.setText(_("Saved. Records are sent every few minutes while Navigator "
                               "is open."))
        return True

    def test_connection(self) -> None:
        """Ask the LRS for one record with the settings as typed (saved or not)."""
        try:
            config = self._config()
        except lrs_config.ConfigRefused as error:
            self.message.setText(error.message)
            return
        self.test.setEnabled(False)
        self.message.setText(_("Checking the connection…"))

        def done(found: tuple[bool, str]) -> None:
            self.test.setEnabled(True)
            self.message.setText(found[1])

        def failed(error: BaseException) -> None:
            self.test.setEnabled(True)
            self._failed(error)

        self.bridge.watch(self.services.workers.submit(check_connection, config), done, failed)

    def refresh_status(self) -> None:
        def read(db: Any) -> tuple[q.QueueCounts, str, str, list[tuple[str, str, int]]]:
            return (q.counts(db), get_state(db, key="lrs_last_success") or "",
                    get_state(db, key="lrs_last_error") or "", q.recent_errors(db))

        self.bridge.watch(self.services.lane.submit(read), self._show_status, lambda e: None)

    def _show_status(self, found: tuple[q.QueueCounts, str, str,
                                        list[tuple[str, str, int]]]) -> None:
        counts, last, error, reasons = found
        lines = [_("Waiting: {queued} · Sent: {sent} · Refused: {failed}").format(
            queued=counts.queued, sent=counts.sent, failed=counts.failed)]
        if last:
            lines.append(_("Last sent: {when}").format(when=_when(last)))
        if error:
            lines.append(error)
        lines += [_("Refused: {reason} ({count})").format(reason=reason, count=count)
                  for state, reason, count in reasons if state == q.FAILED]
        self.status.setText("\n".join(lines))
        self.retry.setEnabled(counts.failed > 0)

    def send_now(self) -> None:
        try:
            config = self._config()
        except lrs_config.ConfigRefused as error:
            self.message.setText(error.message)
            return
        self.cancel_event = threading.Event()
        self.bar.setRange(0, 0)  # until the first batch is sent
        self.bar.show()
        self.send.setEnabled(False)
        self.test.setEnabled(False)  # one worker: it would wait
        self.cancel_send.show()
        self.message.setText(_("Sending…"))

        future = self.services.workers.submit(sync, self.services.lane, config,
                                              cancel=self.cancel_event,
                                              progress=self.progressed.emit)
        self.bridge.watch(future, self._sent, self._failed)

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))

    def _finish(self) -> None:
        self.bar.hide()
        self.cancel_send.hide()
        self.send.setEnabled(True)
        self.test.setEnabled(True)
        self.refresh_status()

    def _sent(self, report: SyncReport) -> None:
        self._finish()
        text = _("Sent: {sent}. Already there: {present}. Still waiting: {queued}.").format(
            sent=report.sent, present=report.already_present, queued=report.queued)
        self.message.setText(text + ("\n" + report.error if report.error else ""))

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.message.setText(str(getattr(error, "message", error)))

    def _cancel(self) -> None:
        if self.cancel_event is not None:
            self.cancel_event.set()
        self.message.setText(_("Stopping after this batch…"))

    def _retry(self) -> None:
        self.bridge.watch(self.services.lane.submit(q.retry_failed),
                          lambda _n: self.refresh_status(), self._failed)

    def _forget(self) -> None:
        lrs_config.forget()
        self.saved = None
        for field in (self.endpoint, self.key, self.secret):
            field.clear()
        self.message.setText(_("The settings are forgotten. Records stay on this computer."))

    def reject(self) -> None:
        if self.cancel_event is not None:
            self.cancel_event.set()
        super().reject()


def _when(stamp: str) -> str:
    """A saved UTC time as the user's local date and time, in their language."""
    try:
        return format_datetime(datetime.fromisoformat(stamp).astimezone(), length="short")
    except ValueError:
        return stamp


def open_lrs_settings(parent: QWidget, services: Any) -> LrsSettings:
    dialog = LrsSettings(services, parent)
    dialog.setModal(True)
    dialog.show()
    return dialog

"""The administrator's "Learning Record Store" dialog: where to send the learning records,
what is waiting, and "Send now" (on a worker, with progress and Cancel)."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from navigator.i18n import _
from navigator.storage import xapi_queue as q
from navigator.storage.repository import get_state
from navigator.ui.bridge import FutureBridge
from navigator.ui.flow_layout import FlowLayout
from navigator.ui.widgets import button, label
from navigator.xapi import lrs_config
from navigator.xapi.sync import SyncReport, sync

KEEP = "\u2022" * 8  # shown instead of a saved secret; left as is, the secret is kept


class LrsSettings(QDialog):
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
        self.send = button(_("Send now"), name="lrs-send")
        self.cancel_send = button(_("Cancel"), name="lrs-cancel")
        self.cancel_send.hide()
        self.retry = button(_("Try the refused ones again"), name="lrs-retry")
        self.forget = button(_("Forget these settings"), name="lrs-forget")
        for widget in (self.save_button, self.send, self.cancel_send, self.retry, self.forget):
            row.addWidget(widget)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.save_button.clicked.connect(self.save)
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

    def refresh_status(self) -> None:
        def read(db: Any) -> tuple[q.QueueCounts, str, str]:
            return (q.counts(db), get_state(db, key="lrs_last_success") or "",
                    get_state(db, key="lrs_last_error") or "")

        self.bridge.watch(self.services.lane.submit(read), self._show_status, lambda e: None)

    def _show_status(self, found: tuple[q.QueueCounts, str, str]) -> None:
        counts, last, error = found
        lines = [_("Waiting: {queued} · Sent: {sent} · Refused: {failed}").format(
            queued=counts.queued, sent=counts.sent, failed=counts.failed)]
        if last:
            lines.append(_("Last sent: {when}").format(when=last.replace("T", " ")[:16]))
        if error:
            lines.append(error)
        self.status.setText("\n".join(lines))
        self.retry.setEnabled(counts.failed > 0)

    def send_now(self) -> None:
        try:
            config = self._config()
        except lrs_config.ConfigRefused as error:
            self.message.setText(error.message)
            return
        self.cancel_event = threading.Event()
        self.bar.setRange(0, 0)
        self.bar.show()
        self.send.setEnabled(False)
        self.cancel_send.show()
        self.message.setText(_("Sending…"))

        future = self.services.workers.submit(sync, self.services.lane, config,
                                              cancel=self.cancel_event)
        self.bridge.watch(future, self._sent, self._failed)

    def _finish(self) -> None:
        self.bar.hide()
        self.cancel_send.hide()
        self.send.setEnabled(True)
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


def open_lrs_settings(parent: QWidget, services: Any) -> LrsSettings:
    dialog = LrsSettings(services, parent)
    dialog.setModal(True)
    dialog.show()
    return dialog

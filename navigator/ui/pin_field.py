"""PIN entry: a masked digits-only field, the words for every refusal, and the PIN dialog
that guards leaving client mode."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QObject, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from navigator.core.pins import PIN_MAX_LENGTH, PinRefused, check_pin_shape
from navigator.formatting import format_number
from navigator.i18n import _, ngettext
from navigator.storage.notes import MAX_NOTE_LENGTH
from navigator.storage.staff import PinCheck, StaffRefused
from navigator.ui.bridge import FutureBridge
from navigator.ui.widgets import button, label


def pin_edit(name: str) -> QLineEdit:
    """A field that takes 4 to 12 digits and shows dots."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(PIN_MAX_LENGTH)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]*"), edit))
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly
                             | Qt.InputMethodHint.ImhSensitiveData)
    return edit


def refusal_text(reason: str) -> str:
    """What to tell the user when a PIN, a name or a change is refused."""
    texts = {
        "digits": _("A PIN is made of digits only (0 to 9)."),
        "short": _("A PIN needs at least 4 digits."),
        "long": _("A PIN has at most 12 digits."),
        "mismatch": _("The two PINs are not the same. Type the PIN again in both boxes."),
        "name-empty": _("Please type a name."),
        "name-taken": _("Someone already uses this name. Add an initial to tell you apart."),
        "nickname-empty": _("Please type a nickname or a code."),
        "nickname-long": _("A nickname has at most 40 characters."),
        "nickname-taken": _("Another client already uses this nickname. Add a number or a "
                            "letter."),
        "no-language": _("Choose at least one language."),
        "arrival-year": _("The year of arrival does not look right."),
        "last-admin": _("Navigator needs at least one administrator. Make someone else an "
                        "administrator first."),
        "not-admin": _("Only an administrator can do this."),
        "not-navigator": _("Only navigators and administrators work with clients."),
        "ends-before-start": _("The session ends before it starts. Check the times."),
        "note-long": _("The note is too long: keep it under {count} characters.").format(
            count=format_number(MAX_NOTE_LENGTH)),
    }
    return texts.get(reason, _("This change is not allowed."))


def pin_problem(pin: str, again: str | None = None) -> str:
    """The reason a new PIN cannot be used, or '' when it can."""
    try:
        check_pin_shape(pin)
    except PinRefused as refused:
        return refusal_text(refused.reason)
    if again is not None and again != pin:
        return refusal_text("mismatch")
    return ""


def error_text(error: BaseException) -> str:
    if isinstance(error, PinRefused | StaffRefused):
        return refusal_text(error.reason)
    from navigator.ui.page import error_message

    return error_message(error)


def check_text(result: PinCheck) -> str:
    """What a failed sign-in says: wrong, or how long to wait."""
    if result.wait_seconds > 0:
        seconds = max(1, round(result.wait_seconds))
        return ngettext("Too many wrong PINs. Try again in {n} second.",
                        "Too many wrong PINs. Try again in {n} seconds.", seconds
                        ).format(n=seconds)
    return _("This PIN is not right. Try again.")


class PinWait(QObject):
    """After a refused PIN: says why in ``message`` and, while tries are paused, counts the
    seconds down with ``button`` disabled."""

    def __init__(self, message: QLabel, button: QPushButton, parent: QObject | None = None):
        super().__init__(parent)
        self.message, self.button = message, button
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.seconds = 0

    def refused(self, result: PinCheck) -> None:
        self.seconds = max(0, round(result.wait_seconds))
        self._say(check_text(result))
        if self.seconds:
            self.button.setEnabled(False)
            self.timer.start()
        else:
            self.button.setEnabled(True)

    def stop(self) -> None:
        self.timer.stop()
        self.seconds = 0

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _tick(self) -> None:
        self.seconds -= 1
        if self.seconds > 0:
            self._say(check_text(PinCheck(False, wait_seconds=self.seconds)))
            return
        self.timer.stop()
        self.button.setEnabled(True)
        self._say(_("You can try again now."))


class PinDialog(QDialog):
    """Asks one person's PIN; ``check`` runs off the UI thread and returns a PinCheck."""

    def __init__(self, check: Callable[[str], Future[PinCheck]], *, title: str, prompt: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PinDialog")
        self.setWindowTitle(title)
        self.setModal(True)
        self._check = check
        self.bridge = FutureBridge(self)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.prompt = label(prompt)
        self.pin = pin_edit("pin-dialog-pin")
        self.pin.setAccessibleName(_("PIN"))
        self.message = label(role="muted")
        self.message.setObjectName("pin-dialog-message")
        self.message.hide()
        row = QHBoxLayout()
        self.cancel = button(_("Cancel"), name="pin-dialog-cancel")
        self.ok = button(_("OK"), role="primary", name="pin-dialog-ok")
        row.addStretch(1)
        row.addWidget(self.cancel)
        row.addWidget(self.ok)
        for widget in (self.prompt, self.pin, self.message):
            layout.addWidget(widget)
        layout.addLayout(row)
        self.cancel.clicked.connect(self.reject)
        self.ok.clicked.connect(self.submit)
        self.pin.returnPressed.connect(self.submit)
        self.wait = PinWait(self.message, self.ok, self)

    def submit(self) -> None:
        if not self.ok.isEnabled() or not self.pin.text():
            return
        self.ok.setEnabled(False)
        self.bridge.watch(self._check(self.pin.text()), self._checked, self._failed)

    def _checked(self, result: PinCheck) -> None:
        if result.ok:
            self.accept()
            return
        self.pin.clear()
        self.pin.setFocus()
        self.wait.refused(result)

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.setText(error_text(error))
        self.message.show()

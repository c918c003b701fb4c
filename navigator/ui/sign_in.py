"""The lock screen: pick your profile, type your PIN. Nothing of the last person or client
is on it. A profile from before PINs existed chooses its PIN here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from navigator.i18n import _, pgettext
from navigator.storage.staff import ADMIN, LEARNER, NAVIGATOR, TRAINER, PinCheck, StaffMember
from navigator.ui.pin_field import PinWait, pin_edit, pin_problem
from navigator.ui.widgets import button, card, label


def role_name(role: str) -> str:
    return {LEARNER: pgettext("role", "Learner"), NAVIGATOR: pgettext("role", "Navigator"),
            TRAINER: pgettext("role", "Trainer"),
            ADMIN: pgettext("role", "Administrator")}.get(role, role)


class SignInView(QWidget):
    """Emits ``sign_in_requested(learner_id, pin)`` or, for a profile without a PIN yet,
    ``first_pin_requested(learner_id, pin)``."""

    sign_in_requested = Signal(int, str)
    first_pin_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SignInView")
        self.members: list[StaffMember] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        box = card()
        box.setMinimumWidth(520)
        box.setMaximumWidth(640)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(16)
        self.title = label(role="title")
        self.intro = label()
        self.profiles = QListWidget()
        self.profiles.setObjectName("sign-in-profiles")
        self.profiles.setMinimumHeight(120)
        form = QFormLayout()
        self.pin = pin_edit("sign-in-pin")
        self.pin_again = pin_edit("sign-in-pin-again")
        self.pin_label = label(wrap=False)
        self.pin_label.setBuddy(self.pin)
        self.pin_again_label = label(wrap=False)
        self.pin_again_label.setBuddy(self.pin_again)
        form.addRow(self.pin_label, self.pin)
        form.addRow(self.pin_again_label, self.pin_again)
        self.message = label(role="muted")
        self.message.setObjectName("sign-in-message")
        self.message.hide()
        self.sign_in = button(role="primary", name="sign-in")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.sign_in)
        for widget in (self.title, self.intro, self.profiles):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(row)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.profiles.currentRowChanged.connect(lambda _row: self._profile_changed())
        self.profiles.itemActivated.connect(lambda _item: self.pin.setFocus())
        self.sign_in.clicked.connect(self.submit)
        self.pin.returnPressed.connect(self.submit)
        self.pin_again.returnPressed.connect(self.submit)
        self.wait = PinWait(self.message, self.sign_in, self)
        self.retranslate()

    @property
    def member(self) -> StaffMember | None:
        row = self.profiles.currentRow()
        return self.members[row] if 0 <= row < len(self.members) else None

    def show_profiles(self, members: list[StaffMember], selected: int | None) -> None:
        """List the staff (nothing else) with the last person selected; clear the PIN."""
        self.members = members
        self.profiles.clear()
        roles = {role: role_name(role) for role in {m.role for m in members}}
        self.profiles.addItems([f"{m.name} · {roles[m.role]}" for m in members])
        ids = [m.id for m in members]
        self.profiles.setCurrentRow(ids.index(selected) if selected in ids else 0)
        self.clear()

    def clear(self) -> None:
        self.wait.stop()
        self.pin.clear()
        self.pin_again.clear()
        self.message.hide()
        self.sign_in.setEnabled(True)
        self._profile_changed()

    def focus_default(self) -> None:
        self.pin.setFocus()

    def retranslate(self) -> None:
        self.title.setText(_("Who is using Navigator?"))
        self.profiles.setAccessibleName(_("Staff profiles"))
        self.pin_label.setText(_("PIN"))
        self.pin_again_label.setText(_("PIN again"))
        self.pin_again.setAccessibleName(_("PIN again"))
        self.sign_in.setText(_("Sign in"))
        if self.members:
            current = self.profiles.currentRow()
            self.show_profiles(self.members, self.members[max(0, current)].id)
        self._profile_changed()

    def _profile_changed(self) -> None:
        member = self.member
        new_pin = member is not None and not member.has_pin
        self.pin_again.setVisible(new_pin)
        self.pin_again_label.setVisible(new_pin)
        if new_pin:
            self.intro.setText(_("{name} has no PIN yet. Choose a PIN of 4 to 12 digits and "
                                 "type it twice.").format(name=member.name))
            self.pin.setAccessibleName(_("New PIN"))
        else:
            self.intro.setText(_("Choose your name, then type your PIN."))
            self.pin.setAccessibleName(_("PIN"))

    def submit(self) -> None:
        member = self.member
        if member is None or not self.sign_in.isEnabled():
            return
        if not member.has_pin:
            problem = pin_problem(self.pin.text(), self.pin_again.text())
            if problem:
                self._say(problem)
                return
            self.sign_in.setEnabled(False)
            self.first_pin_requested.emit(member.id, self.pin.text())
            return
        if not self.pin.text():
            self._say(_("Type your PIN, then press Sign in."))
            return
        self.sign_in.setEnabled(False)
        self.sign_in_requested.emit(member.id, self.pin.text())

    def refused(self, result: PinCheck) -> None:
        """The PIN was wrong, or tries are paused: say so; count down while paused."""
        self.pin.clear()
        self.pin.setFocus()
        self.wait.refused(result)

    def failed(self, message: str) -> None:
        self._say(message)
        self.sign_in.setEnabled(True)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

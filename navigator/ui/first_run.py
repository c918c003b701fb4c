"""First-run screen: welcome, and create the first profile: the administrator's."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from navigator.i18n import _
from navigator.paths import app_icon_path
from navigator.ui.pin_field import pin_edit, pin_problem
from navigator.ui.widgets import INTERFACE_LANGUAGES, button, card, label, language_name


class FirstRunView(QWidget):
    """Asks for a name, a language and a PIN (twice); emits
    ``profile_requested(name, language, pin)``."""

    profile_requested = Signal(str, str, str)
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FirstRunView")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        box = card()
        box.setFixedWidth(600)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(16)
        self.title = label(role="title")
        self.logo = QLabel()
        self.logo.setObjectName("first-run-logo")
        self.logo.setPixmap(QIcon(str(app_icon_path())).pixmap(QSize(56, 56)))
        self.logo.setAccessibleName("")  # decoration: the title says the name
        self.intro = label()
        form = QFormLayout()
        form.setSpacing(16)
        self.name = QLineEdit()
        self.name.setObjectName("learner-name")
        self.name.setMaxLength(80)
        self.language = QComboBox()
        self.language.setObjectName("learner-language")
        for code in INTERFACE_LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.name_label = label(wrap=False)
        self.name_label.setBuddy(self.name)
        self.language_label = label(wrap=False)
        self.language_label.setBuddy(self.language)
        self.pin = pin_edit("first-run-pin")
        self.pin_again = pin_edit("first-run-pin-again")
        self.pin_label = label(wrap=False)
        self.pin_label.setBuddy(self.pin)
        self.pin_again_label = label(wrap=False)
        self.pin_again_label.setBuddy(self.pin_again)
        form.addRow(self.name_label, self.name)
        form.addRow(self.language_label, self.language)
        form.addRow(self.pin_label, self.pin)
        form.addRow(self.pin_again_label, self.pin_again)
        self.error = label(role="muted")
        self.error.setObjectName("first-run-error")
        self.error.hide()
        self.start = button(role="primary", name="start-learning")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start)
        heading = QHBoxLayout()
        heading.setSpacing(16)
        heading.addWidget(self.logo)
        heading.addWidget(self.title, 1)
        layout.addLayout(heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(row)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.start.clicked.connect(self._submit)
        for field in (self.name, self.pin, self.pin_again):
            field.returnPressed.connect(self._submit)
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_chosen.emit(self.language.currentData()))
        self.retranslate()

    def set_language(self, code: str) -> None:
        base = code.split("_")[0]
        offered = [self.language.itemData(i) for i in range(self.language.count())]
        index = next((i for i, c in enumerate(offered) if c == code), -1)
        if index < 0:  # "fr" picks the French offered (fr_CA); fr_BE picks it too
            index = next((i for i, c in enumerate(offered) if c.split("_")[0] == base), -1)
        if index >= 0:
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)

    def retranslate(self) -> None:
        self.title.setText(_("Welcome to Navigator"))
        self.intro.setText(_("Navigator teaches the skills of a digital navigator in short "
                             "lessons and helps navigators coach their clients. Everything "
                             "stays on this computer.\n\nFirst, create your profile. You will "
                             "manage Navigator on this computer (its administrator). Everyone "
                             "signs in "
                             "with a PIN of 4 to 12 digits: choose one you will remember."))
        self.name_label.setText(_("Your name"))
        self.name.setPlaceholderText(_("For example: Amal"))
        self.name.setAccessibleName(_("Your name"))
        self.language_label.setText(_("Language"))
        self.language.setAccessibleName(_("Language"))
        self.pin_label.setText(_("Your PIN"))
        self.pin.setAccessibleName(_("Your PIN"))
        self.pin_again_label.setText(_("Your PIN again"))
        self.pin_again.setAccessibleName(_("Your PIN again"))
        self.start.setText(_("Start learning"))
        self.start.setAccessibleName(_("Start learning"))

    def _submit(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.error.setText(_("Please type your name, then press Start learning."))
            self.error.show()
            self.name.setFocus()
            return
        problem = pin_problem(self.pin.text(), self.pin_again.text())
        if problem:
            self.error.setText(problem)
            self.error.show()
            self.pin.clear()
            self.pin_again.clear()
            self.pin.setFocus()
            return
        self.error.hide()
        self.start.setEnabled(False)
        self.profile_requested.emit(name, self.language.currentData(), self.pin.text())

    def failed(self, message: str) -> None:
        """Saving the profile did not work: say so and let the user try again."""
        self.error.setText(message)
        self.error.show()
        self.start.setEnabled(True)

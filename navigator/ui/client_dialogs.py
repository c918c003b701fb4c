"""Dialogs of the coaching screens: a client's profile, and a coaching session's details.

Each dialog hands its values to a ``save`` function that returns a future (it runs on the
storage lane); the dialog closes when the save worked and shows the reason when it did not.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from navigator.i18n import _, pgettext
from navigator.storage.clients import COLOURS, NICKNAME_MAX, PICTURES, Client
from navigator.storage.coaching import MODES, CoachingSession
from navigator.ui.bridge import FutureBridge
from navigator.ui.client_widgets import badge, colour_names, mode_names, picture_names
from navigator.ui.pin_field import error_text
from navigator.ui.widgets import INTERFACE_LANGUAGES, button, label, language_name

NOTE_MAX = 1000


class SavingDialog(QDialog):
    """OK runs ``save(values)``; the dialog stays open with a message if it fails."""

    def __init__(self, save: Callable[[dict[str, Any]], Future[Any]], parent: QWidget | None):
        super().__init__(parent)
        self.setModal(True)
        self._save = save
        self.result_value: Any = None
        self.bridge = FutureBridge(self)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSpacing(12)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.message = label(role="muted")
        self.message.setObjectName("dialog-message")
        self.message.hide()
        self.cancel = button(_("Cancel"), name="dialog-cancel")
        self.ok = button(_("Save"), role="primary", name="dialog-save")
        self.ok.setDefault(True)
        self.cancel.clicked.connect(self.reject)
        self.ok.clicked.connect(self.submit)

    def finish_layout(self) -> None:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel)
        row.addWidget(self.ok)
        self.layout_.addWidget(self.message)
        self.layout_.addLayout(row)

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def problem(self) -> str:
        """A reason to refuse before saving, or ''."""
        return ""

    def submit(self) -> None:
        if not self.ok.isEnabled():
            return
        if problem := self.problem():
            self.say(problem)
            return
        self.ok.setEnabled(False)
        self.bridge.watch(self._save(self.values()), self._saved, self._failed)

    def _saved(self, result: Any) -> None:
        self.result_value = result
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.say(error_text(error))

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


def _language_combo(name: str, *, optional: bool) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    if optional:
        combo.addItem(_("(none)"), "")
    for code in INTERFACE_LANGUAGES:
        combo.addItem(language_name(code), code)
    return combo


class ClientProfileDialog(SavingDialog):
    """A nickname or agency code (never a legal name), languages, colour, picture, year."""

    def __init__(self, save: Callable[[dict[str, Any]], Future[Any]], *,
                 client: Client | None = None, parent: QWidget | None = None):
        super().__init__(save, parent)
        self.setObjectName("ClientProfileDialog")
        self.setWindowTitle(_("Edit the client's profile") if client else _("New client"))
        self.advice = label(_("Use a nickname or your agency's code, never the client's legal "
                              "name. Navigator keeps no name, address or email of clients."))
        self.layout_.insertWidget(0, self.advice)
        self.nickname = QLineEdit()
        self.nickname.setObjectName("client-nickname")
        self.nickname.setMaxLength(NICKNAME_MAX)
        self.first_language = _language_combo("client-language", optional=False)
        self.second_language = _language_combo("client-second-language", optional=True)
        self.colour = QComboBox()
        self.colour.setObjectName("client-colour")
        self.colour.addItem(_("(none)"), "")
        for code in COLOURS:
            self.colour.addItem(badge(code, "", 24), colour_names()[code], code)
        self.picture = QComboBox()
        self.picture.setObjectName("client-picture")
        self.picture.addItem(_("(none)"), "")
        for name in PICTURES:
            self.picture.addItem(badge("", name, 32), picture_names()[name], name)
        self.arrival = QSpinBox()
        self.arrival.setObjectName("client-arrival-year")
        this_year = datetime.now().year
        self.arrival.setRange(1949, this_year)
        self.arrival.setSpecialValueText(_("Not given"))
        self.arrival.setValue(1949)
        rows = ((_("Nickname or code"), self.nickname),
                (_("Preferred language"), self.first_language),
                (_("Second language"), self.second_language),
                (_("Colour"), self.colour), (_("Picture"), self.picture),
                (_("Year of arrival"), self.arrival))
        for text, widget in rows:
            widget.setAccessibleName(text)
            self.form.addRow(text, widget)
        if client is not None:
            self.nickname.setText(client.nickname)
            self._select(self.first_language, client.languages[0])
            self._select(self.second_language,
                         client.languages[1] if len(client.languages) > 1 else "")
            self._select(self.colour, client.colour)
            self._select(self.picture, client.picture)
            if client.arrival_year:
                self.arrival.setValue(client.arrival_year)
        self.finish_layout()
        self.nickname.setFocus()

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def problem(self) -> str:
        return "" if self.nickname.text().strip() else _("Please type a nickname or a code.")

    def values(self) -> dict[str, Any]:
        languages = [self.first_language.currentData()]
        second = self.second_language.currentData()
        if second and second not in languages:
            languages.append(second)
        year = self.arrival.value()
        return {"nickname": self.nickname.text(), "languages": languages,
                "colour": self.colour.currentData(), "picture": self.picture.currentData(),
                "arrival_year": None if year == self.arrival.minimum() else year}


def _qt_time(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


def _py_time(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), timezone.utc)


class SessionDialog(SavingDialog):
    """A session's start and end (filled in, editable), mode, lessons, topics and note."""

    def __init__(self, save: Callable[[dict[str, Any]], Future[Any]], *,
                 session: CoachingSession, lessons: list[tuple[str, str, str]],
                 parent: QWidget | None = None):
        super().__init__(save, parent)
        self.setObjectName("SessionDialog")
        self.setWindowTitle(_("Coaching session with {client}").format(
            client=session.client_nickname))
        self.started = QDateTimeEdit(_qt_time(session.started_at))
        self.started.setObjectName("session-start")
        self.ended = QDateTimeEdit(_qt_time(session.ended_at or datetime.now(timezone.utc)))
        self.ended.setObjectName("session-end")
        for edit in (self.started, self.ended):
            edit.setCalendarPopup(True)
        self.mode = QComboBox()
        self.mode.setObjectName("session-mode")
        for mode in MODES:
            self.mode.addItem(mode_names()[mode], mode)
        self.mode.setCurrentIndex(max(0, self.mode.findData(session.mode)))
        self.lessons = QListWidget()
        self.lessons.setObjectName("session-lessons")
        self.lessons.setMinimumHeight(120)
        covered = set(session.lessons)
        for pack_id, lesson_id, title in lessons:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, (pack_id, lesson_id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if (pack_id, lesson_id) in covered
                               else Qt.CheckState.Unchecked)
            self.lessons.addItem(item)
        self.topics = QLineEdit(session.topics)
        self.topics.setObjectName("session-topics")
        self.topics.setMaxLength(200)
        self.topics.setPlaceholderText(_("For example: bank app, school forms"))
        self.note = QPlainTextEdit(session.note)
        self.note.setObjectName("session-note")
        self.note.setMaximumHeight(110)
        self.note.setPlaceholderText(_("A short note: what went well, what to do next time. "
                                       "No names or personal details."))
        rows = ((pgettext("session time", "Started"), self.started),
                (pgettext("session time", "Ended"), self.ended), (_("Mode"), self.mode),
                (_("Lessons covered"), self.lessons), (_("Other topics"), self.topics),
                (_("Note"), self.note))
        for text, widget in rows:
            widget.setAccessibleName(text)
            self.form.addRow(text, widget)
        self.finish_layout()

    def problem(self) -> str:
        if self.ended.dateTime() < self.started.dateTime():
            return _("The session ends before it starts. Check the times.")
        if len(self.note.toPlainText()) > NOTE_MAX:
            return _("The note is too long: keep it under 1,000 characters.")
        return ""

    def values(self) -> dict[str, Any]:
        covered = []
        for row in range(self.lessons.count()):
            item = self.lessons.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                covered.append(tuple(item.data(Qt.ItemDataRole.UserRole)))
        return {"started_at": _py_time(self.started.dateTime()),
                "ended_at": _py_time(self.ended.dateTime()), "mode": self.mode.currentData(),
                "topics": self.topics.text(), "note": self.note.toPlainText(),
                "lessons": covered}

"""Reflection: a private note at the end of a lesson, and the "My notes" page."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QTextBrowser, QVBoxLayout, QWidget

from navigator.core.model import localized
from navigator.formatting import format_date
from navigator.i18n import _
from navigator.storage.notes import MAX_NOTE_LENGTH, Note
from navigator.ui.page import page_header, page_layout
from navigator.ui.pin_field import refusal_text
from navigator.ui.widgets import button, card, label


class ReflectionBox(QWidget):
    """The optional note under a lesson's result; ``save_requested(text)`` on Save."""

    save_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        box = card()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(16, 12, 16, 12)
        self.heading = label(role="title")
        self.hint = label(role="muted")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("reflection-note")
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(96)
        self.editor.setMaximumHeight(160)
        row = QHBoxLayout()
        self.status = label(role="muted")
        self.status.setObjectName("reflection-status")
        self.save = button(name="save-note")
        row.addWidget(self.status, 1)
        row.addWidget(self.save)
        inner.addWidget(self.heading)
        inner.addWidget(self.hint)
        inner.addWidget(self.editor)
        inner.addLayout(row)
        layout.addWidget(box)
        self.save.clicked.connect(self._save)
        self.editor.textChanged.connect(lambda: self.status.setText(""))
        self.retranslate()

    def _save(self) -> None:
        """Ask to save the note as typed; a note too long is refused here, in words (it was
        once cut short without a word)."""
        text = self.editor.toPlainText()
        if len(text.strip()) > MAX_NOTE_LENGTH:
            self.status.setText(refusal_text("note-long"))
            return
        self.save_requested.emit(text)

    def retranslate(self) -> None:
        self.heading.setText(_("Your note (optional)"))
        self.hint.setText(_("What will you do differently with your next client? Only you "
                            "can read this note; find it again in My notes."))
        self.editor.setAccessibleName(_("Your note"))
        self.save.setText(_("Save note"))

    def set_text(self, text: str) -> None:
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.status.setText("")

    def saved(self) -> None:
        self.status.setText(_("✓ Note saved"))


class NotesView(QWidget):
    """Every note of the learner, newest first; ``closed`` to go back."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NotesView")
        self._notes: list[Note] = []
        self._language = "en"
        layout = page_layout(self)
        self.header = page_header("notes-back-to-lessons")
        self.back_to_list, self.title = self.header.back, self.header.title
        layout.addLayout(self.header.layout)
        self.text = QTextBrowser()
        self.text.setObjectName("notes-text")
        self.text.setOpenLinks(False)
        layout.addWidget(self.text, 1)
        self.back_to_list.clicked.connect(self.closed)
        self.retranslate()

    def show_notes(self, notes: list[Note], language: str) -> None:
        self._notes, self._language = notes, language
        self.retranslate()

    def retranslate(self) -> None:
        self.header.retranslate()
        self.title.setText(_("My notes"))
        self.text.setAccessibleName(_("My notes"))
        if not self._notes:
            empty = _("You have no notes yet. At the end of a lesson, you can write what you "
                      "want to remember.")
            self.text.setHtml(f"<p>{escape(empty)}</p>")
            return
        parts = []
        for note in self._notes:
            title = localized(note.lesson_titles, self._language, "en") or note.lesson_id
            when = format_date(note.updated_at.astimezone())
            body = "<br>".join(escape(line) for line in note.text.splitlines())
            parts.append(f"<h3>{escape(title)}</h3><p><i>{escape(when)}</i></p><p>{body}</p>")
        self.text.setHtml("".join(parts))

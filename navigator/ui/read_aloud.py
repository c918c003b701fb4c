"""Read aloud in the GUI: a sequence of texts (a step, its options, the feedback) spoken one
after another, each word highlighted where it is shown, in step with the sound.

The speech service runs on its own threads and calls back from there; every call is brought
to the UI thread by a queued signal and carries a token, so events of a reading that was
stopped are ignored. Nothing here blocks the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QTextEdit

from navigator.speech import SpeechEngine, SpeechService, SpeechUnavailable
from navigator.ui.theme import palette_colour

OBJECT_REPLACEMENT = "\ufffc"  # a picture inside rich text


class SpeechTarget(Protocol):
    """Where a spoken text is shown: it highlights the part being heard."""

    def highlight(self, offset: int, length: int) -> None: ...

    def clear_highlight(self) -> None: ...


def _spoken_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(palette_colour("spoken_bg"))
    fmt.setForeground(QColor("#000000"))  # dark on the yellow, in both themes
    return fmt


class TextTarget:
    """A ``QTextEdit``/``QTextBrowser``: its plain text is read; words are marked with an
    extra selection, so the text is not re-laid out for each word."""

    def __init__(self, view: QTextEdit,
                 on_highlight: Callable[[QTextEdit, QTextCursor], None] | None = None):
        self.view = view
        self.on_highlight = on_highlight

    def text(self) -> str:
        # same length as the document, so offsets are document positions
        return self.view.document().toPlainText().replace(OBJECT_REPLACEMENT, " ")

    def highlight(self, offset: int, length: int) -> None:
        cursor = QTextCursor(self.view.document())
        end = min(offset + length, self.view.document().characterCount() - 1)
        cursor.setPosition(max(0, min(offset, end)))
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor  # type: ignore[attr-defined]
        selection.format = _spoken_format()  # type: ignore[attr-defined]
        self.view.setExtraSelections([selection])
        if self.on_highlight is not None:
            self.on_highlight(self.view, cursor)

    def clear_highlight(self) -> None:
        self.view.setExtraSelections([])


class LabelTarget:
    """A rich-text ``QLabel`` (an option, a feedback): re-shown with the heard word marked."""

    def __init__(self, label: QLabel):
        self.label = label
        self.base = label.text()

    def _document(self) -> QTextDocument:
        document = QTextDocument()
        if self.label.textFormat() == Qt.TextFormat.PlainText:
            document.setPlainText(self.base)
        else:
            document.setHtml(self.base)
        return document

    def text(self) -> str:
        return self._document().toPlainText().replace(OBJECT_REPLACEMENT, " ")

    def highlight(self, offset: int, length: int) -> None:
        document = self._document()
        cursor = QTextCursor(document)
        end = min(offset + length, document.characterCount() - 1)
        cursor.setPosition(max(0, min(offset, end)))
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(_spoken_format())
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setText(document.toHtml())

    def clear_highlight(self) -> None:
        self.label.setText(self.base)


@dataclass
class Part:
    """One text to read, in its language, and where it is shown."""

    text: str
    language: str
    target: SpeechTarget | None = None


class ReadAloud(QObject):
    """Reads parts one after another. ``speaking_changed(bool)`` when it starts and stops;
    ``failed(message)`` when there is no sound (no engine, no voice, no sound device)."""

    speaking_changed = Signal(bool)
    failed = Signal(str)
    _word = Signal(int, int, int)
    _finished = Signal(int, bool)
    _error = Signal(int, object)

    def __init__(self, make_service: Callable[[], SpeechService] | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._engine: SpeechEngine | None = None
        self.make_service = make_service or self._default_service
        self.rate = 1.0
        self._service: SpeechService | None = None
        self._token = 0
        self._parts: list[Part] = []
        self._index = 0
        self._speaking = False
        self.heard: list[str] = []  # the words highlighted in the current reading (tests)
        self._word.connect(self._on_word, Qt.ConnectionType.QueuedConnection)
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._error.connect(self._on_error, Qt.ConnectionType.QueuedConnection)

    @property
    def engine(self) -> SpeechEngine:
        """The app's one speech engine (made at first use; it starts nothing until then)."""
        if self._engine is None:
            self._engine = SpeechEngine()
        return self._engine

    @engine.setter
    def engine(self, engine: SpeechEngine) -> None:
        self._engine = engine

    def _default_service(self) -> SpeechService:
        return SpeechService(self.engine)

    @property
    def speaking(self) -> bool:
        return self._speaking

    def read(self, parts: list[Part]) -> None:
        """Stop what is being read, then read ``parts`` (empty texts are skipped)."""
        self._halt()
        self._parts = [p for p in parts if p.text.strip()]
        self._index = 0
        self.heard = []
        if not self._parts:
            return
        self._set_speaking(True)
        self._say_current()

    def stop(self) -> None:
        """Stop reading now (the sound stops within a few hundredths of a second)."""
        was = self._speaking
        self._halt()
        self._parts = []
        if was:
            self._set_speaking(False)

    def close(self) -> None:
        self.stop()
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    # --- inside -----------------------------------------------------------------------------

    def _halt(self) -> None:
        self._token += 1  # events of the old reading are ignored from now on
        if self._service is not None:
            self._service.close(wait=0)  # never waits on the UI thread
            self._service = None
        self._clear()

    def _clear(self) -> None:
        if self._parts and self._index < len(self._parts):
            target = self._parts[self._index].target
            if target is not None:
                target.clear_highlight()

    def _say_current(self) -> None:
        part = self._parts[self._index]
        self._token += 1
        token = self._token
        service = self.make_service()
        service.on_word = lambda offset, length: self._word.emit(token, offset, length)
        service.on_finished = lambda completed: self._finished.emit(token, completed)
        service.on_error = lambda error: self._error.emit(token, error)
        self._service = service
        service.say(part.text, part.language, self.rate)

    def _set_speaking(self, speaking: bool) -> None:
        if speaking != self._speaking:
            self._speaking = speaking
            self.speaking_changed.emit(speaking)

    @Slot(int, int, int)
    def _on_word(self, token: int, offset: int, length: int) -> None:
        if token != self._token or not self._parts:
            return
        part = self._parts[self._index]
        self.heard.append(part.text[offset:offset + length])
        if part.target is not None:
            part.target.highlight(offset, length)

    @Slot(int, bool)
    def _on_finished(self, token: int, completed: bool) -> None:
        if token != self._token:
            return
        self._clear()
        if self._service is not None:
            self._service.close(wait=0)
            self._service = None
        self._index += 1
        if completed and self._index < len(self._parts):
            self._say_current()
            return
        self._parts = []
        self._set_speaking(False)

    @Slot(int, object)
    def _on_error(self, token: int, error: object) -> None:
        if token != self._token:
            return
        message = error.message if isinstance(error, SpeechUnavailable) else str(error)
        self.failed.emit(message)

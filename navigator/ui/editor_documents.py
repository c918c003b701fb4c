"""The files open in the pack editor, each with its own text document and undo history, saved
to disk by themselves a moment after the trainer stops typing.

A save writes ``FILE.part`` and renames it over ``FILE``, so a crash or a power cut leaves
either the old text or the new one, never half of it. A save that fails (a full disk, a
read-only folder) keeps the text in memory, says why, and is tried again at the next change.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from navigator.files import write_text_atomically

AUTOSAVE_MS = 800


def document_text(document: QTextDocument) -> str:
    """The document's text exactly as typed. ``toPlainText()`` would turn non-breaking
    spaces (French puts one before ``:`` and ``?``) into ordinary spaces and change files
    the trainer never touched."""
    return document.toRawText().replace("\u2029", "\n")


class OpenFile:
    def __init__(self, path: Path, text: str, parent: QObject):
        self.path = path
        self.saved_text = text
        self.document = QTextDocument(parent)
        self.document.setDocumentLayout(QPlainTextDocumentLayout(self.document))
        self.document.setPlainText(text)
        self.document.setModified(False)
        self.document.clearUndoRedoStacks()

    @property
    def dirty(self) -> bool:
        return document_text(self.document) != self.saved_text


class Documents(QObject):
    """Opens files, keeps them, and saves them automatically."""

    saved = Signal(object)  # Path: a file reached the disk
    save_failed = Signal(object, str)  # Path, the reason
    changed = Signal(object)  # Path: its text changed (not yet saved)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.files: dict[Path, OpenFile] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_all)

    def open(self, path: Path) -> QTextDocument:
        """The document of ``path`` (read once; later calls give the same document)."""
        path = Path(path)
        if path not in self.files:
            text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
            item = OpenFile(path, text, self)
            item.document.contentsChanged.connect(lambda p=path: self._edited(p))
            self.files[path] = item
        return self.files[path].document

    def text(self, path: Path) -> str:
        return document_text(self.files[path].document)

    def _edited(self, path: Path) -> None:
        item = self.files.get(path)
        if item is None or not item.dirty:
            return  # colouring the text reports a change too; nothing to save
        self.changed.emit(path)
        self._timer.start()

    @property
    def pending(self) -> bool:
        return any(item.dirty for item in self.files.values())

    def save_all(self) -> bool:
        """Write every changed file now; ``False`` if one could not be written."""
        self._timer.stop()
        ok = True
        for path, item in list(self.files.items()):
            if not item.dirty:
                continue
            text = document_text(item.document)
            try:
                write_text_atomically(path, text)
            except OSError as exc:
                ok = False
                self.save_failed.emit(path, exc.strerror or str(exc))
                continue
            item.saved_text = text
            item.document.setModified(False)
            self.saved.emit(path)
        return ok

    def reload_changed(self) -> None:
        """After the outline changed files on disk (a title, a new translation): take the
        disk's text into files that have no unsaved typing, as one undoable edit; forget
        files that are gone."""
        for path, item in list(self.files.items()):
            if not path.is_file():
                del self.files[path]
                continue
            if item.dirty:
                continue
            text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
            if text != item.saved_text:
                cursor = QTextCursor(item.document)
                cursor.select(QTextCursor.SelectionType.Document)
                cursor.insertText(text)
                item.saved_text = text

    def close_all(self) -> bool:
        """Save, then forget every file; ``False`` (and nothing forgotten) if a save failed."""
        if not self.save_all():
            return False
        self.files.clear()
        return True

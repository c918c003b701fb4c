"""The pack editor (trainers): the outline of modules and lessons, the lesson's Markdown, a
live preview drawn like the player, and the pack's problems with their file and line.

Files save themselves a moment after typing stops (:mod:`navigator.ui.editor_documents`);
the whole pack is then checked on a worker, and the problems list is refreshed.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QPlainTextDocumentLayout,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from navigator.content.loader import LESSON_FILE, check_pack
from navigator.content.manifest import MANIFEST_NAME
from navigator.content.packedit import read_outline
from navigator.content.problems import Problem
from navigator.content.scaffold import lesson_path
from navigator.content.translation_status import files_of
from navigator.i18n import _, ngettext
from navigator.ui import editor_actions
from navigator.ui.bridge import FutureBridge
from navigator.ui.editor_documents import Documents
from navigator.ui.editor_outline import OutlinePanel
from navigator.ui.flow_layout import FlowLayout
from navigator.ui.lesson_preview import LessonPreview
from navigator.ui.markdown_editor import MarkdownEdit
from navigator.ui.page import scrolling_page
from navigator.ui.widgets import button, label, language_name

CHECK_DELAY_MS = 600
ROLE = Qt.ItemDataRole.UserRole


class PackEditor(QWidget):
    closed = Signal()
    share_requested = Signal(object)  # Path: build this pack folder into a .navpack
    try_requested = Signal(object)  # Path: install this pack here to try it as a learner
    translations_requested = Signal(object)  # Path

    def __init__(self, executor: Executor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PackEditor")
        self.executor = executor
        self.root: Path | None = None
        self.lesson_id: str | None = None
        self.language = "en"
        self.default_language = "en"
        self.problems: list[Problem] = []
        self.bridge = FutureBridge(self)
        self.documents = Documents(self)
        self.choose_picture: Callable[[], Path | None] = (
            lambda: editor_actions.choose_picture_dialog(self))
        self.describe_picture: Callable[[str], str | None] = self._ask_description
        self.show_dialog: Callable[..., int] | None = None  # tests replace exec()
        self._check_generation = 0
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)

        layout = scrolling_page(self)
        header = QHBoxLayout()
        self.back = button(name="back-to-packs")
        self.title = label(role="title")
        self.status = label(role="muted")
        self.status.setObjectName("save-status")
        header.addWidget(self.back)
        header.addWidget(self.title, 1)
        layout.addLayout(header)

        toolbar = QWidget()
        tools = FlowLayout(toolbar)
        self.undo = button(name="undo")
        self.redo = button(name="redo")
        self.add_picture = button(name="add-picture")
        self.add_question = button(name="add-question")
        self.edit_question = button(name="edit-question")
        self.translations = button(name="translations")
        self.details = button(name="pack-details")
        self.try_it = button(name="try-pack")
        self.share = button(role="primary", name="build-navpack")
        for widget in (self.undo, self.redo, self.add_picture, self.add_question,
                       self.edit_question, self.translations, self.details, self.try_it,
                       self.share):
            tools.add(widget)
        layout.addWidget(toolbar)
        header.addWidget(self.status)

        self.outline = OutlinePanel()
        editor_column = QWidget()
        column = QVBoxLayout(editor_column)
        column.setContentsMargins(0, 0, 0, 0)
        language_box = QWidget()
        language_row = FlowLayout(language_box)
        self.language_label = label(wrap=False)
        self.language_box = QComboBox()
        self.language_box.setObjectName("lesson-language")
        self.language_label.setBuddy(self.language_box)
        self.show_source = QCheckBox()
        self.show_source.setObjectName("show-source")
        self.show_source.setChecked(True)
        language_row.add(self.language_label)
        language_row.add(self.language_box)
        language_row.add(self.show_source)
        column.addWidget(language_box)
        self.sources = QSplitter(Qt.Orientation.Horizontal)
        self.source = MarkdownEdit()
        self.source.setObjectName("translation-source")
        self.source.setReadOnly(True)
        self.editor = MarkdownEdit()
        self.sources.addWidget(self.source)
        self.sources.addWidget(self.editor)
        column.addWidget(self.sources, 1)
        self.preview = LessonPreview(executor)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.outline, editor_column, self.preview):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([280, 560, 440])
        self.splitter.setMinimumHeight(380)
        self.preview.setMinimumWidth(self.preview.listen_bar.sizeHint().width())
        layout.addWidget(self.splitter, 1)
        self.problems_heading = label(role="section")
        layout.addWidget(self.problems_heading)
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("pack-problems")
        self.problem_list.setMaximumHeight(140)
        layout.addWidget(self.problem_list)

        self.back.clicked.connect(self.close_editor)
        self.undo.clicked.connect(self.editor.undo)
        self.redo.clicked.connect(self.editor.redo)
        self.editor.undoAvailable.connect(self.undo.setEnabled)
        self.editor.redoAvailable.connect(self.redo.setEnabled)
        self.add_picture.clicked.connect(self.insert_picture)
        self.add_question.clicked.connect(lambda: self.question_form(edit=False))
        self.edit_question.clicked.connect(lambda: self.question_form(edit=True))
        self.translations.clicked.connect(lambda: self.translations_requested.emit(self.root))
        self.share.clicked.connect(self._share)
        self.details.clicked.connect(self.edit_details)
        self.try_it.clicked.connect(self._try)
        self.outline.lesson_opened.connect(lambda lesson_id: self.open_lesson(lesson_id))
        self.outline.about_to_change.connect(self.documents.save_all)
        self.outline.changed.connect(self._outline_changed)
        self.language_box.activated.connect(self._language_chosen)
        self.show_source.toggled.connect(lambda _on: self._show_source())
        self.editor.textChanged.connect(self._typed)
        self.editor.cursorPositionChanged.connect(
            lambda: self.preview.set_cursor_line(self.editor.current_line()))
        self.documents.saved.connect(self._saved)
        self.documents.save_failed.connect(self._save_failed)
        self.problem_list.itemActivated.connect(self._problem_chosen)
        self.retranslate()

    def retranslate(self) -> None:
        self.back.setText(_("Lesson packs"))
        self.back.setAccessibleName(_("Back to the lesson packs"))
        for widget, text in ((self.undo, _("Undo")), (self.redo, _("Redo")),
                             (self.add_picture, _("Add a picture…")),
                             (self.add_question, _("Add a question…")),
                             (self.edit_question, _("Edit this question…")),
                             (self.translations, _("Translations…")),
                             (self.details, _("Pack details…")),
                             (self.try_it, _("Try it in Navigator")),
                             (self.share, _("Save as a pack file…"))):
            widget.setText(text)
        self.try_it.setToolTip(_("Install this pack here, to take its lessons as a learner"))
        self.language_label.setText(_("Language:"))
        self.show_source.setText(_("Show the original beside"))
        self.editor.setAccessibleName(_("Lesson text (Markdown)"))
        self.source.setAccessibleName(_("The original lesson, to translate from"))
        self.problem_list.setAccessibleName(_("Problems in the pack"))
        self.outline.retranslate()
        self.preview.retranslate()
        self._show_problems()

    # --- opening --------------------------------------------------------------------------

    def open_pack(self, root: Path) -> None:
        """Edit the pack in ``root`` (its files are changed in place)."""
        self.documents.close_all()
        self.root = Path(root)
        outline = read_outline(self.root)
        self.default_language = outline.default_language
        self.language = self.default_language
        self.title.setText(outline.titles.get(self.default_language) or outline.pack_id)
        self.outline.show_pack(self.root, self.default_language)
        self.lesson_id = None
        self.preview.clear()
        self.editor.setEnabled(False)
        first = next((lesson.id for m in outline.modules for lesson in m.lessons), None)
        if first is not None:
            self.open_lesson(first)
        self.check_now()

    def lesson_path(self, lesson_id: str, language: str) -> Path:
        assert self.root is not None
        return lesson_path(self.root, lesson_id, language)

    def languages_of(self, lesson_id: str) -> list[str]:
        """The languages the lesson has a file in, the pack's own first."""
        assert self.root is not None
        found = [path.name.split(".")[-2] for path in files_of(self.root, lesson_id).values()]
        return sorted(found, key=lambda code: (code != self.default_language, code))

    def open_lesson(self, lesson_id: str, language: str | None = None, line: int = 0) -> None:
        """Show a lesson file in the editor (the default language unless asked)."""
        if self.root is None:
            return
        language = language or self.default_language
        path = self.lesson_path(lesson_id, language)
        if not path.is_file():
            return
        self.lesson_id, self.language = lesson_id, language
        self.outline.select_lesson(lesson_id)
        self.language_box.blockSignals(True)
        self.language_box.clear()
        for code in self.languages_of(lesson_id):
            self.language_box.addItem(language_name(code.replace("-", "_")), code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_box.blockSignals(False)
        self.editor.set_document(self.documents.open(path))
        self.editor.setEnabled(True)
        self.undo.setEnabled(self.editor.document().isUndoAvailable())
        self.redo.setEnabled(self.editor.document().isRedoAvailable())
        self._show_source()
        if line:
            self.editor.go_to_line(line)
        self._typed()
        self.preview.refresh_now()

    def _language_chosen(self, index: int) -> None:
        if self.lesson_id is not None:
            self.open_lesson(self.lesson_id, self.language_box.itemData(index))

    def _show_source(self) -> None:
        translation = self.language != self.default_language and self.lesson_id is not None
        self.show_source.setVisible(translation)
        visible = translation and self.show_source.isChecked()
        self.source.setVisible(visible)
        if visible and self.lesson_id is not None:
            path = self.lesson_path(self.lesson_id, self.default_language)
            self.source.set_document(self.documents.open(path))

    # --- typing, saving, checking -----------------------------------------------------------

    def _typed(self) -> None:
        if self.root is None or self.lesson_id is None:
            return
        path = self.lesson_path(self.lesson_id, self.language)
        self.preview.set_source(self.editor.text(), path,
                                self.language.replace("-", "_"), self.root,
                                self.editor.current_line())
        if self.documents.pending:
            self.status.setText(_("Saving…"))

    def _saved(self, _path: Path) -> None:
        if not self.documents.pending:
            self.status.setText(_("All changes saved"))
        self._check_timer.start()

    def _save_failed(self, path: Path, reason: str) -> None:
        self.status.setText(_("Not saved: {reason}. Your text is kept here; it is saved again "
                              "at the next change.").format(reason=reason))
        self.status.setToolTip(str(path))

    def save(self) -> bool:
        return self.documents.save_all()

    def check_now(self) -> None:
        """Check the whole pack on a worker; show the problems when done."""
        root = self.root
        if root is None:
            return
        self._check_generation += 1
        generation = self._check_generation

        def done(problems: list[Problem]) -> None:
            if generation == self._check_generation and root == self.root:
                self.problems = problems
                self._show_problems()

        try:
            future = self.executor.submit(lambda: check_pack(root)[1])
        except RuntimeError:  # the app is closing: its workers are gone
            return
        self.bridge.watch(future, done)

    def _show_problems(self) -> None:
        self.problem_list.clear()
        errors = [p for p in self.problems if not p.warning]
        if self.root is None:
            self.problems_heading.setText(_("Problems"))
            return
        self.problem_list.setVisible(bool(self.problems))
        if not self.problems:
            self.problems_heading.setText(_("Problems: none. Learners can use this pack."))
            return
        self.problems_heading.setText(ngettext(
            "Problems: {errors} to fix, {warnings} warnings (double-click to go there)",
            "Problems: {errors} to fix, {warnings} warnings (double-click to go there)",
            len(errors)).format(errors=len(errors), warnings=len(self.problems) - len(errors)))
        for problem in sorted(self.problems, key=lambda p: (p.warning, str(p.file), p.line)):
            try:
                shown = problem.file.relative_to(self.root)
            except ValueError:
                shown = problem.file
            where = f"{shown}:{problem.line}" if problem.line else str(shown)
            tag = _("warning") if problem.warning else _("to fix")
            item = QListWidgetItem(f"{where} — {tag}: {problem.message}")
            item.setData(ROLE, (str(problem.file), problem.line))
            self.problem_list.addItem(item)

    def _problem_chosen(self, item: QListWidgetItem) -> None:
        file, line = item.data(ROLE)
        path = Path(file)
        match = LESSON_FILE.match(path.name)
        if match:
            self.open_lesson(match.group("id"), match.group("lang"), line)
        elif path.name == MANIFEST_NAME:
            self.status.setText(_("Fix this in {name}, the pack's manifest, with any text "
                                  "editor (line {line}).").format(name=MANIFEST_NAME,
                                                                  line=line))

    def _outline_changed(self) -> None:
        self.documents.reload_changed()
        if self.lesson_id is not None and not self.lesson_path(
                self.lesson_id, self.language).is_file():
            self.lesson_id = None
            self.editor.setEnabled(False)
            self.preview.clear()
        self.check_now()

    # --- actions ----------------------------------------------------------------------------

    def _ask_description(self, src: str) -> str | None:
        text, ok = QInputDialog.getText(self, _("Describe the picture"), _(
            "Say what the picture shows. It is read aloud and shown to people who cannot see "
            "it ({src}):").format(src=src))
        return text.strip() if ok else None

    def insert_picture(self) -> str | None:
        if self.root is None or self.lesson_id is None:
            return None
        return editor_actions.insert_picture(self.editor, self.root, self,
                                             self.choose_picture, self.describe_picture)

    def question_form(self, *, edit: bool) -> QWidget | None:
        if self.root is None or self.lesson_id is None:
            return None
        return editor_actions.run_question_form(
            self.editor, self.root, self.language.replace("-", "_"), self, edit=edit,
            show=self.show_dialog)

    def edit_details(self) -> QWidget | None:
        """Title, version and description; the check runs again after a change."""
        from navigator.ui.pack_details import PackDetailsDialog

        if self.root is None or not self.save():
            return None
        dialog = PackDetailsDialog(self.root, self)
        if (self.show_dialog or (lambda d: d.exec()))(dialog) == dialog.DialogCode.Accepted:
            self.title.setText(dialog.title.text().strip())
            self.check_now()
        return dialog

    def _share(self) -> None:
        if self.root is not None and self.save():
            self.share_requested.emit(self.root)

    def _try(self) -> None:
        if self.root is not None and self.save():
            self.try_requested.emit(self.root)

    def close_editor(self) -> None:
        """Save and leave; when a save fails the editor stays open with the text."""
        if self.save():
            self.closed.emit()

    def clear(self) -> None:
        """Save and forget everything (when the session ends)."""
        self.documents.save_all()
        self.documents.files.clear()
        self.root = self.lesson_id = None
        blank = QTextDocument(self)
        blank.setDocumentLayout(QPlainTextDocumentLayout(blank))
        self.editor.set_document(blank)
        self.preview.clear()
        self.problems = []
        self._show_problems()

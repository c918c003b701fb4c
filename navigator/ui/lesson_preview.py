"""The editor's live preview: the step under the cursor, drawn by the same widgets and the
same HTML as the lesson player (``step_html``, ``LessonText``, ``QuestionView``).

Typing never waits for it: each change restarts a short timer, the text is parsed on a
worker thread, and only the newest result is shown.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from navigator.content.lessonfile import LessonFile, parse_lesson_source
from navigator.content.problems import Problem, Problems
from navigator.core.model import LessonText as LessonTextModel
from navigator.formatting import format_number
from navigator.i18n import _, current_locale, is_right_to_left
from navigator.ui.bridge import FutureBridge
from navigator.ui.lesson_text import LessonText, step_html
from navigator.ui.listen_bar import ListenBar
from navigator.ui.page import reading_column
from navigator.ui.question_view import QuestionView, feedback_parts, question_parts
from navigator.ui.read_aloud import Part, ReadAloud, TextTarget
from navigator.ui.widgets import label

PREVIEW_DELAY_MS = 250


@dataclass(frozen=True)
class Parsed:
    generation: int
    lesson: LessonFile | None
    problems: list[Problem]


def parse_for_preview(generation: int, text: str, path: Path, language: str,
                      root: Path) -> Parsed:
    """Parse the text being typed (on a worker thread)."""
    problems = Problems(root)
    lesson = parse_lesson_source(text, path, language, root, problems)
    return Parsed(generation, lesson, problems.items)


class LessonPreview(QWidget):
    """Shows one step of the text being edited, as learners will see it."""

    def __init__(self, executor: Executor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lesson-preview")
        self.executor = executor
        self.bridge = FutureBridge(self)
        self.generation = 0
        self.lesson: LessonTextModel | None = None
        self.step_index = 0
        self.problems: list[Problem] = []
        self.root: Path | None = None
        self._source: tuple[str, Path, str, Path] | None = None
        self._line = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._parse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = label(role="muted")
        self.heading.setObjectName("preview-heading")
        layout.addWidget(self.heading)
        self.listen_bar = ListenBar()
        self.listen_bar.audio_export.hide()  # the preview reads; the player saves audio
        layout.addWidget(self.listen_bar)
        self.listen_bar.listen.clicked.connect(self.listen)
        self.message: QLabel = label()
        self.message.setObjectName("preview-message")
        self.message.hide()
        layout.addWidget(self.message)
        self.reading = reading_column()
        self.text = LessonText()
        self.text.setObjectName("preview-text")
        self.question = QuestionView()
        self.question.hide()
        self.reading.layout.addWidget(self.text)
        self.reading.layout.addWidget(self.question)
        self.reading.layout.addStretch(1)
        layout.addWidget(self.reading.scroll, 1)
        self.retranslate()

    def attach_reader(self, reader: ReadAloud) -> None:
        self.listen_bar.attach(reader)

    def retranslate(self) -> None:
        self.listen_bar.retranslate()
        self.listen_bar.listen.setToolTip(_("Listen to this step in its language"))
        self.text.setAccessibleName(_("Preview of the step"))
        self._show()

    # --- input ----------------------------------------------------------------------------

    def set_source(self, text: str, path: Path, language: str, root: Path, line: int) -> None:
        """The editor's text changed: show it again after a short pause in typing. (Colouring
        the text also reports a change: the same text again is ignored.)"""
        if self._source == (text, path, language, root):
            return
        self._source = (text, path, language, root)
        self._line = line
        self._timer.start()

    def set_cursor_line(self, line: int) -> None:
        """The cursor moved (0-based line): show the step it is in."""
        self._line = line
        if self.lesson is not None:
            index = self._index_for(line)
            if index != self.step_index:
                self.step_index = index
                self._show()

    def refresh_now(self) -> None:
        """Parse at once (tests, and when a file is opened)."""
        self._timer.stop()
        self._parse()

    def clear(self) -> None:
        self._timer.stop()
        self.generation += 1
        self._source = None
        self.lesson = None
        self.problems = []
        self.listen_bar.stop()
        self._show()

    def _parse(self) -> None:
        if self._source is None:
            return
        self.generation += 1
        text, path, language, root = self._source
        try:
            future = self.executor.submit(parse_for_preview, self.generation, text, path,
                                          language, root)
        except RuntimeError:  # the app is closing: its workers are gone
            return
        self.bridge.watch(future, self._parsed)

    def _parsed(self, result: Parsed) -> None:
        if result.generation != self.generation:
            return  # typing went on: a newer parse is coming
        self.problems = result.problems
        self.root = self._source[3] if self._source else None
        lesson = result.lesson.text if result.lesson is not None else None
        index = self._index_for_lesson(lesson, self._line)
        if lesson is not None and lesson == self.lesson and index == self.step_index:
            return  # nothing learners would see has changed
        self.lesson, self.step_index = lesson, index
        self._show()

    def _index_for(self, line: int) -> int:
        return self._index_for_lesson(self.lesson, line)

    @staticmethod
    def _index_for_lesson(lesson: LessonTextModel | None, line: int) -> int:
        if lesson is None or not lesson.steps:
            return 0
        index = 0
        for i, step in enumerate(lesson.steps):
            if step.line - 1 <= line:
                index = i
        return index

    # --- output ---------------------------------------------------------------------------

    @property
    def html(self) -> str:
        """The HTML shown for the current step (the same as the lesson player's)."""
        if self.lesson is None:
            return ""
        return step_html(self.lesson, self.step_index)

    def _show(self) -> None:
        self.listen_bar.stop()  # what is being read is about to be replaced
        errors = [p for p in self.problems if not p.warning]
        if self.lesson is None:
            self.heading.setText(_("Preview"))
            self.message.setText(_("The preview shows the lesson again once the problems "
                                   "listed below are fixed.") if errors else
                                 _("Open a lesson to see it here as learners will."))
            self.message.show()
            self.text.show_html("", None)
            self.question.hide()
            self.listen_bar.listen.setEnabled(False)
            return
        self.message.hide()
        self.listen_bar.listen.setEnabled(True)
        count = len(self.lesson.steps)
        self.heading.setText(_("Preview: step {number} of {count}").format(
            number=format_number(self.step_index + 1), count=format_number(count)))
        self.reading.set_direction(is_right_to_left(self.lesson.language))
        self.text.show_html(self.html, self.root)
        step = self.lesson.steps[self.step_index]
        if step.question is not None:
            self.question.show_question(step.question, None, root=self.root)
            self.question.show()
        else:
            self.question.hide()

    def listen(self) -> None:
        """Read the step aloud in the lesson's language, as the player does."""
        if self.lesson is None:
            return
        language, ui = self.lesson.language, current_locale()
        target = TextTarget(self.text, lambda *_args: None)
        parts = [Part(target.text(), language, target)]
        if self.question.isVisible():
            parts += question_parts(self.question, language, ui)
            parts += feedback_parts(self.question, language, ui)
        self.listen_bar.read(parts)

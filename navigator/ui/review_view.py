"""The review screen: due questions from every lesson, one at a time, then a summary."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from navigator.content.render import to_html
from navigator.core.model import localized
from navigator.formatting import format_number
from navigator.i18n import _, is_right_to_left, ngettext, pgettext
from navigator.lesson_session import Answer
from navigator.review_session import ReviewSession
from navigator.storage.database import DatabaseUnavailable
from navigator.ui.bridge import FutureBridge
from navigator.ui.lesson_player import MAX_TEXT_WIDTH
from navigator.ui.lesson_text import LessonText
from navigator.ui.question_view import QuestionView
from navigator.ui.widgets import button, label


class ReviewView(QWidget):
    """Plays a :class:`ReviewSession`; ``closed`` when the learner goes back."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ReviewView")
        self.session: ReviewSession | None = None
        self.finished = False
        self.bridge = FutureBridge(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        top = QHBoxLayout()
        self.back_to_list = button(name="review-back-to-lessons")
        self.title = label(role="title")
        self.counter = label(role="muted", wrap=False)
        self.counter.setObjectName("review-counter")
        top.addWidget(self.back_to_list)
        top.addWidget(self.title, 1)
        top.addWidget(self.counter)
        layout.addLayout(top)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress)
        self.source = label(role="muted")
        self.source.setObjectName("review-source")
        layout.addWidget(self.source)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        page = QWidget()
        centred = QHBoxLayout(page)
        centred.setContentsMargins(0, 0, 0, 0)
        self.column = QWidget()
        self.column.setMaximumWidth(MAX_TEXT_WIDTH)
        centred.addWidget(self.column)
        column_layout = QVBoxLayout(self.column)
        column_layout.setSpacing(16)
        self.text = LessonText()
        self.question = QuestionView()
        column_layout.addWidget(self.text)
        column_layout.addWidget(self.question)
        column_layout.addStretch(1)
        self.scroll.setWidget(page)
        layout.addWidget(self.scroll, 1)
        nav = QHBoxLayout()
        nav.addStretch(1)
        self.check = button(role="primary", name="review-check")
        self.next = button(role="primary", name="review-next")
        nav.addWidget(self.check)
        nav.addWidget(self.next)
        layout.addLayout(nav)
        self.back_to_list.clicked.connect(self.closed)
        self.check.clicked.connect(self.check_answer)
        self.next.clicked.connect(self.go_next)
        self.question.selection_changed.connect(self._update_buttons)
        self.retranslate()

    def play(self, session: ReviewSession) -> None:
        self.session = session
        self.finished = session.count == 0
        self.retranslate()

    def retranslate(self) -> None:
        self.back_to_list.setText(_("{arrow} Lessons").format(
            arrow="→" if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else "←"))
        self.back_to_list.setAccessibleName(_("Back to the list of lessons"))
        self.title.setText(_("Review"))
        self.check.setText(pgettext("button: check my answer", "Check"))
        self.progress.setAccessibleName(_("Progress in this review"))
        self.text.setAccessibleName(_("Question"))
        if self.session is not None:
            (self._show_summary if self.finished else self._show_item)()

    def _show_item(self) -> None:
        s = self.session
        if s is None:
            return
        item = s.item
        step = item.step
        self.counter.setText(_("Question {number} of {count}").format(
            number=format_number(s.index + 1), count=format_number(s.count)))
        self.progress.setRange(0, s.count)
        self.progress.setValue(s.index + 1)
        pack_title = localized(item.pack.titles, item.text.language, item.pack.default_language)
        self.source.setText(_("From the lesson “{lesson}” ({pack})").format(
            lesson=item.text.title, pack=pack_title))
        self.source.show()
        self.column.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if is_right_to_left(item.text.language)
            else Qt.LayoutDirection.LeftToRight)
        self.text.show_html(f"<h2>{escape(step.title)}</h2>" + to_html(step.body),
                            item.pack.root)
        assert step.question is not None
        self.question.show_question(step.question, s.answer_for(), order=s.display_order(),
                                    root=item.pack.root)
        self.question.show()
        self.scroll.verticalScrollBar().setValue(0)
        self._update_buttons(focus=True)

    def _show_summary(self) -> None:
        s = self.session
        self.question.hide()
        self.source.hide()
        self.progress.setValue(self.progress.maximum())
        self.counter.setText("")
        if s is None or s.count == 0:
            head, body = _("Nothing to review"), _("No questions are due today. Come back "
                                                   "tomorrow, or open a lesson.")
        else:
            head = _("Review done")
            body = ngettext("You answered {right} of {count} question right. Missed "
                            "questions come back sooner.",
                            "You answered {right} of {count} questions right. Missed "
                            "questions come back sooner.", s.count).format(
                right=format_number(s.right), count=format_number(s.count))
        self.text.show_html(f"<h2>{escape(head)}</h2><p>{escape(body)}</p>", None)
        self._update_buttons(focus=True)

    def _update_buttons(self, *, focus: bool = False) -> None:
        s = self.session
        busy = self.bridge.busy
        answered = bool(s and not self.finished and s.answer_for() is not None)
        on_question = bool(s and not self.finished)
        self.check.setVisible(on_question and not answered)
        self.check.setEnabled(bool(self.question.chosen()) and not busy)
        self.next.setVisible(answered)
        self.next.setEnabled(not busy)
        self.next.setText(_("Finish") if s and s.is_last else _("Next"))
        if not focus:
            return
        if self.finished:
            self.back_to_list.setFocus()
        elif self.next.isVisible():
            self.next.setFocus()
        elif (first := self.question.first_focus()) is not None:
            first.setFocus()

    def check_answer(self) -> None:
        s = self.session
        chosen = self.question.chosen()
        if s is None or self.finished or not chosen or s.answer_for() is not None:
            return
        answer, future = s.answer(chosen)
        self.bridge.watch(future, lambda _r: self._answered(answer), self._failed)
        self._update_buttons()

    def _answered(self, answer: Answer) -> None:
        self.question.show_answer(answer)
        self._update_buttons(focus=True)
        QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(self.question.result,
                                                                     0, 16))

    def go_next(self) -> None:
        s = self.session
        if s is None or s.answer_for() is None or self.bridge.busy:
            return
        if s.is_last:
            self.finished = True
            self._show_summary()
        else:
            s.advance()
            self._show_item()

    def _failed(self, error: BaseException) -> None:
        message = error.message if isinstance(error, DatabaseUnavailable) else _(
            "Navigator could not save your work ({error}). What you saved before is safe. "
            "Please try again.").format(error=error)
        QMessageBox.warning(self, _("Could not save"), message)
        self._update_buttons()

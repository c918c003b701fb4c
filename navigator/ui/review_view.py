"""The review screen: due questions from every lesson, one at a time, then a summary."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QWidget,
)

from navigator.content.render import to_html
from navigator.core.model import localized
from navigator.core.scoring import Answer
from navigator.formatting import format_number
from navigator.i18n import _, is_right_to_left, ngettext, pgettext
from navigator.review_session import ReviewSession
from navigator.ui.bridge import FutureBridge
from navigator.ui.lesson_text import LessonText
from navigator.ui.page import page_header, page_layout, reading_column, warn_save_failed
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
        layout = page_layout(self)
        self.header = page_header("review-back-to-lessons", "review-counter")
        self.back_to_list, self.title, self.counter = (
            self.header.back, self.header.title, self.header.counter)
        layout.addLayout(self.header.layout)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress)
        self.source = label(role="muted")
        self.source.setObjectName("review-source")
        layout.addWidget(self.source)
        self.reading = reading_column()
        self.text = LessonText()
        self.question = QuestionView()
        self.reading.layout.addWidget(self.text)
        self.reading.layout.addWidget(self.question)
        self.reading.layout.addStretch(1)
        layout.addWidget(self.reading.scroll, 1)
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
        self.header.retranslate()
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
        self.reading.set_direction(is_right_to_left(item.text.language))
        self.text.show_html(f"<h2>{escape(step.title)}</h2>" + to_html(step.body),
                            item.pack.root)
        assert step.question is not None
        self.question.show_question(step.question, s.answer_for(), order=s.display_order(),
                                    root=item.pack.root)
        self.question.show()
        self.reading.scroll.verticalScrollBar().setValue(0)
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
        self.reading.scroll_to(self.question.result)

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
        warn_save_failed(self, error)
        self._update_buttons()

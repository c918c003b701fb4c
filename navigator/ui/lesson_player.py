"""The lesson player: one step at a time, Back / Check / Next, progress, and the result."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from navigator.core.scoring import Answer
from navigator.formatting import format_number, format_percentage
from navigator.i18n import _, current_locale, is_right_to_left, pgettext
from navigator.lesson_session import LessonSession, Outcome
from navigator.storage import notes
from navigator.storage.certificates import Certificate
from navigator.ui.bridge import FutureBridge
from navigator.ui.certificate_pdf import certificate_title
from navigator.ui.lesson_text import LessonText, step_html
from navigator.ui.listen_bar import ListenBar
from navigator.ui.notes import ReflectionBox
from navigator.ui.page import page_header, page_layout, reading_column
from navigator.ui.question_view import (
    QuestionView,
    feedback_parts,
    option_part,
    question_parts,
)
from navigator.ui.read_aloud import LabelTarget, Part, ReadAloud, TextTarget
from navigator.ui.save_retry import RetryingSave
from navigator.ui.widgets import button, card, label, language_name, safe_file_name


def earned_text(cert: Certificate, language: str) -> str:
    title = certificate_title(cert, language)
    if cert.is_course:
        return _("You earned the certificate for the course “{title}”.").format(title=title)
    return _("You earned the certificate for the module “{title}”.").format(title=title)


class LessonPlayer(QWidget):
    """Plays a :class:`LessonSession`; emits ``closed`` when the learner goes back."""

    closed = Signal()
    progress_requested = Signal()  # "See my certificates" after earning one

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LessonPlayer")
        self.session: LessonSession | None = None
        self.outcome: Outcome | None = None
        self.earned: list[Certificate] = []  # certificates the finished attempt earned
        self.for_client = False  # client mode: no reflection note, no way to staff screens
        self.auto_listen = False  # read every step aloud as it is shown
        self.bridge = FutureBridge(self)

        layout = page_layout(self)
        self.header = page_header("back-to-lessons", "step-counter")
        self.back_to_list, self.title, self.counter = (
            self.header.back, self.header.title, self.header.counter)
        self.title.setObjectName("lesson-title")
        layout.addLayout(self.header.layout)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress)
        self.listen_bar = ListenBar()
        self.listen, self.stop_reading = self.listen_bar.listen, self.listen_bar.stop_reading
        self.speech_message, self.audio_export = (self.listen_bar.message,
                                                  self.listen_bar.audio_export)
        self.audio_export.save.clicked.connect(self.save_audio)
        layout.addWidget(self.listen_bar)
        self.read_aloud: ReadAloud | None = None  # set by the main window
        self.fallback = card("notice")
        fallback_layout = QVBoxLayout(self.fallback)
        self.fallback_text = label()
        fallback_layout.addWidget(self.fallback_text)
        layout.addWidget(self.fallback)

        self.reading = reading_column()
        self.page_layout = self.reading.layout
        self.text = LessonText()
        self.text.setObjectName("step-text")
        self.question = QuestionView()
        self.reflection = ReflectionBox()
        self.reflection.hide()
        self.reflection.save_requested.connect(self.save_note)
        self.page_layout.addWidget(self.text)
        self.page_layout.addWidget(self.question)
        self.page_layout.addWidget(self.reflection)
        self.page_layout.addStretch(1)
        layout.addWidget(self.reading.scroll, 1)
        self.saving = RetryingSave(self)  # disk full or read-only: keep the answer, retry
        layout.addWidget(self.saving.banner)

        nav = QHBoxLayout()
        self.back = button(name="step-back")
        self.retry = button(name="try-again")
        self.see_certificates = button(role="primary", name="see-earned-certificates")
        self.check = button(role="primary", name="check-answer")
        self.next = button(role="primary", name="step-next")
        nav.addWidget(self.back)
        nav.addStretch(1)
        nav.addWidget(self.retry)
        nav.addWidget(self.see_certificates)
        nav.addWidget(self.check)
        nav.addWidget(self.next)
        layout.addLayout(nav)

        self.back_to_list.clicked.connect(self.close_lesson)
        self.back.clicked.connect(self.go_back)
        self.next.clicked.connect(self.go_next)
        self.check.clicked.connect(self.check_answer)
        self.retry.clicked.connect(self.try_again)
        self.see_certificates.clicked.connect(self.progress_requested)
        self.question.selection_changed.connect(self._update_buttons)
        self.listen.clicked.connect(self.listen_step)
        self.question.listen_option.connect(self.listen_option)
        self.question.listen_feedback.connect(self.listen_feedback)
        listen_key = QShortcut(QKeySequence("Ctrl+L"), self)
        listen_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        listen_key.activated.connect(self.toggle_listening)
        for key, slot in ((Qt.Key.Key_Left, self._left), (Qt.Key.Key_Right, self._right),
                          (Qt.Key.Key_Return, self._enter), (Qt.Key.Key_Enter, self._enter),
                          (Qt.Key.Key_Escape, self.close_lesson)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        for n in range(1, 10):
            shortcut = QShortcut(QKeySequence(str(n)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=n: self.question.choose(n - 1))
        self.retranslate()

    # --- showing ----------------------------------------------------------------------------

    def play(self, session: LessonSession) -> None:
        self.session = session
        self.outcome = None
        self.earned = []
        self._busy(session.open(), lambda _r: None)
        self._show_step()

    def retranslate(self) -> None:
        self.header.retranslate()
        self.back.setText(_("Back"))
        self.check.setText(pgettext("button: check my answer", "Check"))
        self.retry.setText(_("Try again"))
        self.listen_bar.retranslate()
        self.see_certificates.setText(_("See my certificates"))
        self.progress.setAccessibleName(_("Progress in this lesson"))
        self.text.setAccessibleName(_("Lesson text"))
        self.reflection.retranslate()
        if self.session is not None:
            if self.outcome is not None:
                self._show_outcome(self.outcome)
            else:
                self._show_step()

    def _show_step(self) -> None:
        s = self.session
        if s is None:
            return
        self.stop_listening()  # speech stops when the learner moves on
        step = s.step
        self.title.setText(s.text.title)
        number, count = s.position
        self.counter.setText(_("Step {number} of {count}").format(
            number=format_number(number), count=format_number(count)))
        self.progress.setRange(0, count)
        self.progress.setValue(number)
        self.fallback.setVisible(s.fell_back)
        if s.fell_back:
            self.fallback_text.setText(_(
                "This lesson is not yet translated into {wanted}. It is shown in {shown}."
            ).format(wanted=language_name(s.requested_language),
                     shown=language_name(s.text.language)))
        self.reading.set_direction(is_right_to_left(s.text.language))
        self.text.show_html(step_html(s.text, s.index), s.pack.root)
        self.reflection.hide()
        if step.question is not None:
            self.question.show_question(step.question, s.answer_for(),
                                        order=s.display_order(), root=s.pack.root)
            self.question.show()
        else:
            self.question.hide()
        self.reading.scroll.verticalScrollBar().setValue(0)
        self._update_buttons(focus=True)
        if self.auto_listen:
            QTimer.singleShot(0, self.listen_step)

    def _show_outcome(self, outcome: Outcome) -> None:
        s = self.session
        assert s is not None
        self.stop_listening()
        self.counter.setText(_("Finished"))
        self.progress.setValue(self.progress.maximum())
        self.question.hide()
        if outcome.score is None:
            head, body = _("✓ Lesson complete"), _("You reached the end of this lesson.")
        elif outcome.passed:
            head = _("✓ Lesson complete")
            body = _("Your score: {score}. You needed {needed}. Well done!").format(
                score=format_percentage(outcome.score),
                needed=format_percentage(outcome.mastery))
        else:
            head = _("Not complete yet")
            body = _("Your score: {score}. You need {needed} to complete this lesson. "
                     "Read the feedback again, then try again: you can do it.").format(
                         score=format_percentage(outcome.score),
                         needed=format_percentage(outcome.mastery))
        earned = "".join(f"<p><b>🎓 {escape(earned_text(c, s.requested_language))}</b></p>"
                         for c in self.earned)
        self.text.show_html(f"<h2>{escape(head)}</h2><p>{escape(body)}</p>{earned}", None)
        self.reflection.setVisible(not self.for_client)
        self._update_buttons(focus=True)

    def _update_buttons(self, *, focus: bool = False) -> None:
        """Show and enable the buttons for the current state; with ``focus``, also put the
        keyboard focus where the learner goes next (a new step, an answer, the result)."""
        s = self.session
        finished = self.outcome is not None
        busy = self.bridge.busy
        on_question = bool(s and not finished and s.step.is_question)
        answered = bool(s and s.answer_for() is not None)
        self.back.setVisible(not finished)
        self.back.setEnabled(bool(s and s.previous_index() is not None) and not busy)
        self.check.setVisible(on_question and not answered)
        self.check.setEnabled(bool(self.question.chosen()) and not busy)
        self.next.setVisible(not finished and (not on_question or answered))
        self.next.setEnabled(not busy)
        self.next.setText(_("Finish") if s and s.is_last else _("Next"))
        self.retry.setVisible(finished and not (self.outcome and self.outcome.passed))
        self.see_certificates.setVisible(finished and bool(self.earned) and not self.for_client)
        if not focus:
            return
        if finished:
            self.back_to_list.setFocus()
        elif self.check.isVisible() and (first := self.question.first_focus()) is not None:
            first.setFocus()
        elif self.check.isVisible():
            self.check.setFocus()
        elif self.next.isVisible():
            self.next.setFocus()

    # --- actions --------------------------------------------------------------------------

    def check_answer(self) -> None:
        s = self.session
        chosen = self.question.chosen()
        if s is None or not chosen or not s.step.is_question or s.answer_for() is not None:
            return
        answer, future = s.answer(chosen)
        self._busy(future, lambda _r: self._answered(answer), retry=self.check_answer)

    def _answered(self, answer: Answer) -> None:
        self.stop_listening()
        self.question.show_answer(answer)
        self.reading.scroll_to(self.question.result)

    def go_next(self) -> None:
        s = self.session
        if s is None or self.outcome is not None or not s.can_advance() or self.bridge.busy:
            return
        if s.is_last:
            outcome, future = s.finish()
            self._busy(future, lambda earned: self._finished(outcome, earned))
        else:
            self._busy(s.advance(), lambda _r: self._show_step())

    def go_back(self) -> None:
        s = self.session
        if (s is None or s.previous_index() is None or self.outcome is not None
                or self.bridge.busy):
            return
        self._busy(s.back(), lambda _r: self._show_step())

    def try_again(self) -> None:
        s = self.session
        if s is None:
            return
        self.outcome = None
        self._busy(s.restart(), lambda _r: self._show_step())

    def close_lesson(self) -> None:
        self.saving.cancel()
        self.stop_listening()
        self.closed.emit()

    def _finished(self, outcome: Outcome, earned: list[Certificate] | None = None) -> None:
        self.outcome = outcome
        self.earned = earned or []
        self._show_outcome(outcome)
        s = self.session
        if s is not None:
            self.reflection.set_text("")
            self.bridge.watch(s.lane.submit(notes.get_note, **s.keys), self.reflection.set_text)

    def save_note(self, text: str) -> None:
        s = self.session
        if s is None:
            return
        self._busy(s.lane.submit(notes.save_note, text=text, **s.keys),
                   lambda _r: self.reflection.saved())

    def _busy(self, future, on_done, retry=None) -> None:  # type: ignore[no-untyped-def]
        def done(result: object) -> None:
            self.saving.succeeded()
            on_done(result)
            self._update_buttons(focus=True)

        self.bridge.watch(future, done, lambda error: self._failed(error, retry))
        self._update_buttons()

    def _failed(self, error: BaseException, retry=None) -> None:  # type: ignore[no-untyped-def]
        self.saving.failed(error, retry)
        self._update_buttons()

    # --- read aloud ------------------------------------------------------------------------

    def attach_reader(self, reader: ReadAloud) -> None:
        self.read_aloud = reader
        self.listen_bar.attach(reader)

    def _language(self) -> str:
        return self.session.text.language if self.session is not None else "en"

    def listen_step(self) -> None:
        """Read the whole step: its text, then the question's options, then the feedback."""
        if self.read_aloud is None or self.session is None:
            return
        language, ui = self._language(), current_locale()
        text = TextTarget(self.text, self._scroll_to_word)
        parts = [Part(text.text(), language, text)]
        if self.outcome is None and self.question.isVisible():
            parts += question_parts(self.question, language, ui)
            parts += feedback_parts(self.question, language, ui)
        self.listen_bar.read(parts)

    def save_audio(self) -> None:
        """Save the whole lesson, read aloud, as a WAV file (off the UI thread)."""
        s = self.session
        if s is None or self.read_aloud is None:
            return
        self.audio_export.rate = self.read_aloud.rate
        self.audio_export.export(s.text, safe_file_name(s.text.title, s.lesson.id, ".wav"))

    def listen_option(self, position: int) -> None:
        """Read one option (and its feedback, once answered)."""
        if self.read_aloud is None or not 0 <= position < len(self.question.rows):
            return
        row = self.question.rows[position]
        parts = [option_part(row, self._language())]
        if row.feedback.isVisible():
            feedback = LabelTarget(row.feedback)
            parts.append(Part(feedback.text(), self._language(), feedback))
        self.listen_bar.read(parts)

    def listen_feedback(self) -> None:
        self.listen_bar.read(feedback_parts(self.question, self._language(),
                                            current_locale()))

    def stop_listening(self) -> None:
        self.listen_bar.stop()

    def toggle_listening(self) -> None:
        (self.stop_listening if self.listen_bar.speaking else self.listen_step)()

    def _scroll_to_word(self, view: QWidget, cursor: QTextCursor) -> None:
        if isinstance(view, LessonText):
            rect = view.cursorRect(cursor)
            point = view.viewport().mapTo(self.reading.scroll.widget(), rect.center())
            self.reading.scroll.ensureVisible(point.x(), point.y(), 16, 48)

    # --- keyboard -------------------------------------------------------------------------

    def _left(self) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        (self.go_next if rtl else self.go_back)()

    def _right(self) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        (self.go_back if rtl else self.go_next)()

    def _enter(self) -> None:
        focused = self.focusWidget()
        if isinstance(focused, QPushButton) and focused.isVisible() and focused.isEnabled():
            focused.click()
        elif self.check.isVisible() and self.check.isEnabled():
            self.check_answer()
        elif self.next.isVisible():
            self.go_next()

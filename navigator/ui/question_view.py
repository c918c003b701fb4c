"""A question of any kind: option rows, steps to order or a picture to tap; then feedback."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from navigator.content.render import inline_html, to_html
from navigator.core.model import Question, QuestionType
from navigator.core.scoring import Answer
from navigator.formatting import format_percentage
from navigator.i18n import N_, _
from navigator.ui.order_list import OrderList
from navigator.ui.read_aloud import LabelTarget, Part
from navigator.ui.spot_picture import SpotPicture
from navigator.ui.widgets import card, label, listen_button, restyle


class _ClickLabel(QLabel):
    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self.clicked.emit()
        super().mousePressEvent(event)


class OptionRow(QWidget):
    """One option: a radio button or check box, its text (wrapping), and its feedback."""

    def __init__(self, number: int, text: str, multiple: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.plain = text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.box = card()
        row = QHBoxLayout(self.box)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(12)
        self.button: QAbstractButton = QCheckBox() if multiple else QRadioButton()
        self.button.setObjectName(f"option-{number}")
        self.button.setAccessibleName(f"{number}. {text}")
        self.text = _ClickLabel()
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setText(inline_html(text))
        self.text.setWordWrap(True)
        self.text.setBuddy(self.button)
        self.text.clicked.connect(self._toggle)
        self.mark = label(wrap=False)
        self.mark.hide()
        self.listen = listen_button(f"listen-option-{number}")
        self.listen.setAccessibleName(_("Listen: {number}. {text}").format(number=number,
                                                                        text=text))
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.listen, 0, Qt.AlignmentFlag.AlignTop)
        self.feedback = QLabel()
        self.feedback.setObjectName(f"feedback-{number}")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        self.feedback.setContentsMargins(48, 0, 12, 4)
        self.feedback.hide()
        layout.addWidget(self.box)
        layout.addWidget(self.feedback)

    def _toggle(self) -> None:
        if self.button.isEnabled():
            self.button.click()
            self.button.setFocus()


HINTS = {
    QuestionType.SINGLE: N_("Choose one answer."),
    QuestionType.MULTIPLE: N_("Choose all the answers that are right. Each right choice "
                              "earns part of the marks; each wrong one takes part away."),
    QuestionType.TRUE_FALSE: N_("Is this true or false?"),
    QuestionType.ORDER: N_("Put the steps in the right order: drag them, or select one and "
                           "use Move up and Move down (Alt+Up, Alt+Down)."),
    QuestionType.SPOT: N_("Tap the right spot on the picture. With the keyboard: Tab to the "
                          "picture, arrow keys, then Space."),
    QuestionType.SCENARIO: N_("What would you do? Choose one."),
}


class QuestionView(QWidget):
    """Shows a question of any kind; ``selection_changed`` when the learner picks; then
    the feedback.

    ``order`` is the display order of the options (shuffled on a retry); answers are always
    given in the pack's option indexes.
    """

    selection_changed = Signal()
    listen_option = Signal(int)  # the position of the option to read aloud
    listen_feedback = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("QuestionView")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.hint = label(role="muted")
        self.hint.setObjectName("question-hint")
        self._layout.addWidget(self.hint)
        self.spot = SpotPicture()
        self.spot.picked.connect(self._spot_picked)
        self.spot.missed.connect(self._spot_missed)
        self._layout.addWidget(self.spot)
        self.spot_message = label()
        self.spot_message.setObjectName("spot-message")
        self._layout.addWidget(self.spot_message)
        self.order_list = OrderList()
        self.order_list.changed.connect(self.selection_changed)
        self._layout.addWidget(self.order_list)
        self.options_box = QWidget()
        self._options_layout = QVBoxLayout(self.options_box)
        self._options_layout.setContentsMargins(0, 0, 0, 0)
        self._options_layout.setSpacing(8)
        self._layout.addWidget(self.options_box)
        self.rows: list[OptionRow] = []
        self.order: list[int] = []
        self.group: QButtonGroup | None = None
        self.result = card("feedback-ok")
        self.result.setObjectName("answer-result")
        result_layout = QVBoxLayout(self.result)
        result_layout.setContentsMargins(16, 12, 16, 12)
        self.verdict = label(role="title")
        self.verdict.setObjectName("answer-verdict")
        self.listen_result = listen_button("listen-feedback")
        self.listen_result.clicked.connect(self.listen_feedback)
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict, 1)
        verdict_row.addWidget(self.listen_result, 0, Qt.AlignmentFlag.AlignTop)
        self.spot_feedback = QLabel()
        self.spot_feedback.setObjectName("spot-feedback")
        self.spot_feedback.setWordWrap(True)
        self.spot_feedback.setTextFormat(Qt.TextFormat.RichText)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        result_layout.addLayout(verdict_row)
        result_layout.addWidget(self.spot_feedback)
        result_layout.addWidget(self.explanation)
        self._layout.addWidget(self.result)
        self.result.hide()
        self._question: Question | None = None

    @property
    def question(self) -> Question | None:
        return self._question

    def show_question(self, question: Question, answer: Answer | None, *,
                      order: list[int] | None = None, root: Path | None = None) -> None:
        for row in self.rows:  # hidden at once: deletion waits for the event loop
            self._options_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        self._question = question
        self.order = order if order is not None else list(range(len(question.options)))
        qtype = question.type
        self.hint.setText(_(HINTS[qtype]))
        self.listen_result.setAccessibleName(_("Listen to the feedback"))
        self.listen_result.setToolTip(_("Listen to the feedback"))
        self.spot.setVisible(qtype is QuestionType.SPOT)
        self.spot_message.hide()
        self.order_list.setVisible(qtype is QuestionType.ORDER)
        self.options_box.setVisible(qtype not in (QuestionType.SPOT, QuestionType.ORDER))
        self.result.hide()
        if qtype is QuestionType.SPOT:
            self.spot.set_picture(root, question.picture, question.picture_alt,
                                  [o.spot or (0, 0, 0, 0) for o in question.options],
                                  [o.text for o in question.options])
        elif qtype is QuestionType.ORDER:
            self.order_list.show_question(question, self.order,
                                          answer.chosen if answer else None)
        else:
            multiple = qtype is QuestionType.MULTIPLE
            self.group = QButtonGroup(self)
            self.group.setExclusive(not multiple)
            for number, index in enumerate(self.order, start=1):
                row = OptionRow(number, question.options[index].text, multiple, self)
                row.listen.clicked.connect(
                    lambda _c=False, p=number - 1: self.listen_option.emit(p))
                self.group.addButton(row.button, index)
                self._options_layout.addWidget(row)
                self.rows.append(row)
            self.group.idToggled.connect(self._toggled)
        if answer is not None:
            self.show_answer(answer)

    def first_focus(self) -> QWidget | None:
        """The widget the keyboard should start on for this question."""
        if self._question is None:
            return None
        if self._question.type is QuestionType.SPOT:
            return self.spot
        if self._question.type is QuestionType.ORDER:
            return self.order_list.list
        return self.rows[0].button if self.rows else None

    @Slot(int, bool)
    def _toggled(self, _index: int, _checked: bool) -> None:
        self.selection_changed.emit()

    def _spot_picked(self, _index: int) -> None:
        self.spot_message.hide()
        self.selection_changed.emit()

    def _spot_missed(self) -> None:
        self.spot_message.setText(_("Nothing to tap there. Try another spot."))
        self.spot_message.show()

    def chosen(self) -> list[int]:
        """The learner's answer in the pack's option indexes (the order, for an order
        question)."""
        if self._question is None:
            return []
        if self._question.type is QuestionType.SPOT:
            return [] if self.spot.selected is None else [self.spot.selected]
        if self._question.type is QuestionType.ORDER:
            return self.order_list.chosen()
        return [self.order[i] for i, row in enumerate(self.rows) if row.button.isChecked()]

    def choose(self, number: int) -> None:
        """Pick the option shown at position ``number`` (0-based), as the number keys do."""
        if self._question is not None and self._question.type is QuestionType.SPOT:
            self.spot.pick(number)
            return
        if 0 <= number < len(self.rows) and self.rows[number].button.isEnabled():
            self.rows[number].button.click()
            self.rows[number].button.setFocus()

    def show_answer(self, answer: Answer) -> None:
        """Lock the question, mark right and wrong, and show the feedback."""
        question = self._question
        if question is None:
            return
        if question.type is QuestionType.SPOT:
            chosen = answer.chosen[0] if answer.chosen else None
            right = min(question.correct_indexes) if question.correct_indexes else None
            self.spot.answer = (chosen, right)
            self.spot.update()
            feedback = question.options[chosen].feedback if chosen is not None else ""
            self.spot_feedback.setText(inline_html(feedback))
            self.spot_feedback.setVisible(bool(feedback))
        else:
            self.spot_feedback.hide()
        if question.type is QuestionType.ORDER:
            self.order_list.show_answer(answer.chosen)
        for position, row in enumerate(self.rows):
            option = question.options[index := self.order[position]]
            picked = index in answer.chosen
            row.button.setChecked(picked)
            row.button.setEnabled(False)
            if option.correct:
                row.mark.setText(_("✓ Right answer"))
                restyle(row.box, "feedback-ok" if picked else "card")
            elif picked:
                row.mark.setText(_("✗ Not right"))
                restyle(row.box, "feedback-bad")
            row.mark.setVisible(option.correct or picked)
            if picked and option.feedback:
                row.feedback.setText(inline_html(option.feedback))
                row.feedback.show()
        if answer.correct:
            verdict, role = _("✓ Right!"), "feedback-ok"
        elif answer.score > 0:
            verdict = _("Partly right: {score} of the marks").format(
                score=format_percentage(answer.score * 100))
            role = "feedback-bad"
        elif question.type in (QuestionType.SPOT, QuestionType.ORDER):
            verdict, role = _("✗ Not quite. Read why below."), "feedback-bad"
        else:
            verdict, role = _("✗ Not quite. Read why below each answer."), "feedback-bad"
        self.verdict.setText(verdict)
        self.explanation.setText(to_html(question.explanation) if question.explanation else "")
        self.explanation.setVisible(bool(question.explanation))
        restyle(self.result, role)
        self.result.show()


# --- what read-aloud reads --------------------------------------------------------------------

def question_parts(view: QuestionView, language: str, ui_language: str) -> list[Part]:
    """The question after its prompt: the hint (interface language), then each option or
    step to order, in the order shown (lesson language)."""
    question = view.question
    if question is None:
        return []
    parts = [Part(view.hint.text(), ui_language, None)]
    if question.type is QuestionType.ORDER:
        parts += [Part(question.options[i].text, language, None)
                  for i in view.order_list.chosen()]
    elif question.type is not QuestionType.SPOT:
        parts += [option_part(row, language) for row in view.rows]
    return parts


def option_part(row: OptionRow, language: str) -> Part:
    target = LabelTarget(row.text)
    return Part(target.text(), language, target)


def feedback_parts(view: QuestionView, language: str, ui_language: str) -> list[Part]:
    """The verdict (interface language), then the feedback shown and the explanation."""
    if not view.result.isVisible():
        return []
    parts = [Part(view.verdict.text(), ui_language, None)]
    labels = [view.spot_feedback] + [row.feedback for row in view.rows] + [view.explanation]
    for shown in labels:
        if shown.isVisible() and shown.text():
            target = LabelTarget(shown)
            parts.append(Part(target.text(), language, target))
    return parts

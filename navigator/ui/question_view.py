"""A question's options as large, wrapping rows, and the feedback after answering."""

from __future__ import annotations

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
from navigator.i18n import _
from navigator.lesson_session import Answer
from navigator.ui.widgets import card, label, restyle


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
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
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


class QuestionView(QWidget):
    """Shows options; ``selection_changed`` when the learner picks; then shows feedback."""

    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("QuestionView")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.hint = label(role="muted")
        self._layout.addWidget(self.hint)
        self.rows: list[OptionRow] = []
        self.group: QButtonGroup | None = None
        self.result = card("feedback-ok")
        self.result.setObjectName("answer-result")
        result_layout = QVBoxLayout(self.result)
        result_layout.setContentsMargins(16, 12, 16, 12)
        self.verdict = label(role="title")
        self.verdict.setObjectName("answer-verdict")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        result_layout.addWidget(self.verdict)
        result_layout.addWidget(self.explanation)
        self.result.hide()
        self._question: Question | None = None

    def show_question(self, question: Question, answer: Answer | None) -> None:
        for row in self.rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self._layout.removeWidget(self.result)
        self.rows = []
        self._question = question
        multiple = question.type is QuestionType.MULTIPLE
        self.hint.setText(_("Choose all the answers that are right.") if multiple
                          else _("Choose one answer."))
        self.group = QButtonGroup(self)
        self.group.setExclusive(not multiple)
        for i, option in enumerate(question.options, start=1):
            row = OptionRow(i, option.text, multiple, self)
            self.group.addButton(row.button, i - 1)
            self._layout.addWidget(row)
            self.rows.append(row)
        self.group.idToggled.connect(self._toggled)
        self._layout.addWidget(self.result)
        self.result.hide()
        if answer is not None:
            self.show_answer(answer)

    @Slot(int, bool)
    def _toggled(self, _index: int, _checked: bool) -> None:
        self.selection_changed.emit()

    def chosen(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if row.button.isChecked()]

    def choose(self, index: int) -> None:
        """Pick option ``index`` (0-based) as the keyboard's number keys do."""
        if 0 <= index < len(self.rows) and self.rows[index].button.isEnabled():
            self.rows[index].button.click()
            self.rows[index].button.setFocus()

    def show_answer(self, answer: Answer) -> None:
        """Lock the options, mark right and wrong ones, and show each chosen option's feedback."""
        question = self._question
        if question is None:
            return
        for i, (row, option) in enumerate(zip(self.rows, question.options, strict=True)):
            row.button.setChecked(i in answer.chosen)
            row.button.setEnabled(False)
            picked = i in answer.chosen
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
            verdict = _("Partly right: {score}% of the marks").format(
                score=round(answer.score * 100))
            role = "feedback-bad"
        else:
            verdict, role = _("✗ Not quite. Read why below each answer."), "feedback-bad"
        self.verdict.setText(verdict)
        self.explanation.setText(to_html(question.explanation) if question.explanation else "")
        self.explanation.setVisible(bool(question.explanation))
        restyle(self.result, role)
        self.result.show()

"""The options of a question in the question form: one card per option, in order.

Each card holds what a trainer writes for one option (its text, whether it is right, the
feedback, where a scenario choice leads) and buttons to move or remove it. What a card shows
depends on the kind of question: no "Right answer" when putting steps in order, two fixed
rows for true or false, a "Leads to" list for scenarios.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from navigator.content.authoring import OptionDraft
from navigator.core.model import QuestionType, Spot
from navigator.i18n import N_, _, in_language
from navigator.ui.spot_editor import spot_words
from navigator.ui.widgets import button, label, restyle

TRUE_FALSE_WORDS = (N_("True"), N_("False"))
MIN_ORDER, MAX_ORDER = 3, 8


def true_false_words(language: str) -> tuple[str, str]:
    """The words for true and false in the lesson's language (English without a catalog)."""
    return (in_language(TRUE_FALSE_WORDS[0], language),
            in_language(TRUE_FALSE_WORDS[1], language))


def is_blank(option: OptionDraft, kind: QuestionType) -> bool:
    """A row nothing was written in: left out of the question rather than an error."""
    return (not option.text and not option.feedback and option.spot is None
            and not option.next_step and (kind is QuestionType.ORDER or not option.correct))


class OptionCard(QFrame):
    """The widgets of one option; ``OptionRows`` numbers and shows them for the kind."""

    def __init__(self, branch_ids: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        restyle(self, "card")
        self.spot: Spot | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setVerticalSpacing(4)
        self.heading = label(role="heading")
        self.text = QLineEdit()
        self.radio = QRadioButton(_("Right answer"))
        self.check = QCheckBox(_("Right answer"))
        self.feedback_label = label()
        self.feedback = QLineEdit()
        self.leads_label = label(_("Leads to"))
        self.leads = QComboBox()
        self.leads_label.setBuddy(self.leads)
        self.heading.setBuddy(self.text)
        self.feedback_label.setBuddy(self.feedback)
        self.leads.addItem(_("(nowhere: the lesson goes on)"), "")
        for step_id in branch_ids:
            self.leads.addItem(f"#{step_id}", step_id)
        self.spot_label = label(role="muted")
        self.up = button(_("Up"))
        self.down = button(_("Down"))
        self.remove = button(_("Remove"))
        for widget in (self.up, self.down, self.remove):
            widget.setAutoDefault(False)
        right = QHBoxLayout()
        right.addWidget(self.radio)
        right.addWidget(self.check)
        right.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addWidget(self.remove)
        grid.addWidget(self.heading, 0, 0)
        grid.addWidget(self.text, 1, 0)
        grid.addLayout(right, 2, 0)
        grid.addWidget(self.feedback_label, 3, 0)
        grid.addWidget(self.feedback, 4, 0)
        grid.addWidget(self.leads_label, 5, 0)
        grid.addWidget(self.leads, 6, 0)
        grid.addWidget(self.spot_label, 7, 0)
        grid.addLayout(buttons, 8, 0)

    @property
    def leads_to(self) -> str:
        return self.leads.currentData() or ""

    def set_leads_to(self, step_id: str | None) -> None:
        if step_id and self.leads.findData(step_id) < 0:  # keep a link to a step not listed
            self.leads.addItem(f"#{step_id}", step_id)
        self.leads.setCurrentIndex(max(0, self.leads.findData(step_id or "")))

    def interactive(self) -> list[QWidget]:
        return [self.text, self.radio, self.check, self.feedback, self.leads, self.up,
                self.down, self.remove]


class OptionRows(QWidget):
    """Every option of the question, with "Add an option" under them.

    ``changed`` whenever anything a learner would see changes; ``selected_changed(index)``
    when the trainer moves into another option (a spot question then shows its spot).
    """

    changed = Signal()
    selected_changed = Signal(int)

    def __init__(self, *, language: str, branch_ids: list[str], right_to_left: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.language = language
        self.branch_ids = list(branch_ids)
        self.right_to_left = right_to_left
        self.kind = QuestionType.SINGLE
        self.cards: list[OptionCard] = []
        self.selected = -1
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout = QVBoxLayout()
        self.list_layout.setSpacing(8)
        layout.addLayout(self.list_layout)
        self.add = button(_("Add an option"), name="add-option")
        self.add.setAutoDefault(False)
        self.add.clicked.connect(self.add_option)
        layout.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeading)

    # --- reading and writing --------------------------------------------------------------

    def options(self) -> list[OptionDraft]:
        """The options as written now, for the current kind."""
        kind = self.kind
        found = []
        for row in self.cards:
            if kind is QuestionType.ORDER:
                correct = True
            elif kind.picks_one:
                correct = row.radio.isChecked()
            else:
                correct = row.check.isChecked()
            found.append(OptionDraft(
                text=row.text.text().strip(), correct=correct,
                feedback=row.feedback.text().strip(),
                spot=row.spot if kind is QuestionType.SPOT else None,
                next_step=(row.leads_to or None) if kind is QuestionType.SCENARIO else None))
        return found

    def set_options(self, kind: QuestionType, options: list[OptionDraft]) -> None:
        """Show ``options`` as the options of a ``kind`` question (as given: no conversion)."""
        self.kind = kind
        for row in self.cards:
            self.group.removeButton(row.radio)
            row.blockSignals(True)
            row.setParent(None)
            row.deleteLater()
        self.cards = []
        picked = False
        for option in options:
            row = OptionCard(self.branch_ids, self)
            row.text.setText(option.text)
            row.feedback.setText(option.feedback)
            row.check.setChecked(option.correct)
            if option.correct and not picked:
                row.radio.setChecked(True)
                picked = True
            row.spot = option.spot
            row.set_leads_to(option.next_step)
            self._wire(row)
            self.cards.append(row)
            self.list_layout.addWidget(row)
            row.show()  # at once, not when the layout gets round to it
        self._refresh()
        if self.cards:
            self.selected = min(max(self.selected, 0), len(self.cards) - 1)
            self._highlight()
        else:
            self.selected = -1

    def change_kind(self, kind: QuestionType) -> None:
        """Switch to ``kind``, keeping what was written where it still makes sense."""
        before = self.kind
        options = self._kept()
        if before is QuestionType.ORDER and kind is not QuestionType.ORDER:
            for option in options:
                option.correct = False
        if kind.picks_one:
            first = next((i for i, o in enumerate(options) if o.correct), None)
            for i, option in enumerate(options):
                option.correct = i == first
        if kind is QuestionType.TRUE_FALSE:
            options = [*options, OptionDraft(), OptionDraft()][:2]
            if before is not QuestionType.TRUE_FALSE:
                for option, word in zip(options, true_false_words(self.language), strict=True):
                    option.text = word
        elif kind is QuestionType.ORDER:
            options += [OptionDraft() for _i in range(MIN_ORDER - len(options))]
            options = options[:MAX_ORDER]
        else:
            options += [OptionDraft() for _i in range(2 - len(options))]
        self.set_options(kind, options)

    # --- editing --------------------------------------------------------------------------

    def add_option(self) -> None:
        options = self._kept()
        options.append(OptionDraft(correct=self.kind is QuestionType.ORDER))
        self.set_options(self.kind, options)
        self.select(len(self.cards) - 1)
        self.cards[-1].text.setFocus()
        self.changed.emit()

    def move(self, index: int, delta: int) -> None:
        target = index + delta
        if not 0 <= index < len(self.cards) or not 0 <= target < len(self.cards):
            return
        options = self._kept()
        options[index], options[target] = options[target], options[index]
        self.set_options(self.kind, options)
        self.select(target)
        row = self.cards[target]
        button_ = row.up if delta < 0 else row.down
        (button_ if button_.isEnabled() else row.text).setFocus()
        self.changed.emit()

    def remove(self, index: int) -> None:
        if not 0 <= index < len(self.cards) or len(self.cards) <= self._minimum():
            return
        options = self._kept()
        del options[index]
        self.set_options(self.kind, options)
        self.select(min(index, len(self.cards) - 1))
        self.cards[self.selected].text.setFocus()
        self.changed.emit()

    def set_spot(self, index: int, spot: Spot | None) -> None:
        if 0 <= index < len(self.cards):
            self.cards[index].spot = spot
            self._show_spot(index)
            self.changed.emit()

    def spots(self) -> list[Spot | None]:
        return [row.spot for row in self.cards]

    def select(self, index: int) -> None:
        if 0 <= index < len(self.cards) and index != self.selected:
            self.selected = index
            self._highlight()
            self.selected_changed.emit(index)

    def _kept(self) -> list[OptionDraft]:
        """The options with spots and links kept even where this kind does not show them."""
        options = self.options()
        for option, row in zip(options, self.cards, strict=True):
            option.spot, option.next_step = row.spot, row.leads_to or None
        return options

    def _minimum(self) -> int:
        if self.kind is QuestionType.ORDER:
            return MIN_ORDER
        return 2

    # --- wiring and showing ---------------------------------------------------------------

    def _wire(self, row: OptionCard) -> None:
        self.group.addButton(row.radio)
        for signal in (row.text.textChanged, row.feedback.textChanged, row.radio.toggled,
                       row.check.toggled, row.leads.currentIndexChanged):
            signal.connect(self.changed)
        row.up.clicked.connect(lambda: self.move(self.cards.index(row), -1))
        row.down.clicked.connect(lambda: self.move(self.cards.index(row), 1))
        row.remove.clicked.connect(lambda: self.remove(self.cards.index(row)))
        for widget in (row, *row.interactive()):
            widget.installEventFilter(self)
        if self.right_to_left:
            for field in (row.text, row.feedback):
                field.setLayoutDirection(Qt.LayoutDirection.RightToLeft)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Moving into an option (click or Tab) selects it, and so its spot."""
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            for index, row in enumerate(self.cards):
                if watched is row or watched in row.interactive():
                    self.select(index)
                    break
        return super().eventFilter(watched, event)

    def _refresh(self) -> None:
        """Numbers, names and which parts show, for the kind and the number of options."""
        kind = self.kind
        order = kind is QuestionType.ORDER
        fixed = kind is QuestionType.TRUE_FALSE
        count = len(self.cards)
        self.add.setText(_("Add a step") if order else _("Add an option"))
        self.add.setAccessibleName(self.add.text())
        self.add.setVisible(not fixed)
        self.add.setEnabled(not order or count < MAX_ORDER)
        for index, row in enumerate(self.cards):
            number = index + 1
            row.heading.setText(_("Step {number}").format(number=number) if order
                                else _("Option {number}").format(number=number))
            row.text.setAccessibleName(row.heading.text())
            row.text.setObjectName(f"option-text-{number}")
            row.radio.setVisible(kind.picks_one)
            row.check.setVisible(not kind.picks_one and not order)
            for box in (row.radio, row.check):
                box.setObjectName(f"option-right-{number}")
                box.setAccessibleName(_("Option {number} is a right answer").format(
                    number=number))
            row.feedback_label.setText(
                _("Why it comes here (shown after answering)") if order
                else _("Feedback: why it is right or wrong"))
            row.feedback.setObjectName(f"option-feedback-{number}")
            row.feedback.setAccessibleName(_("Feedback for {name}").format(
                name=row.heading.text()))
            scenario = kind is QuestionType.SCENARIO
            row.leads_label.setVisible(scenario)
            row.leads.setVisible(scenario)
            row.leads.setObjectName(f"option-leads-{number}")
            row.leads.setAccessibleName(_("Where option {number} leads").format(number=number))
            for widget, text, enabled in (
                    (row.up, _("Move {name} up"), index > 0),
                    (row.down, _("Move {name} down"), index < count - 1),
                    (row.remove, _("Remove {name}"), count > self._minimum())):
                widget.setVisible(not fixed)
                widget.setEnabled(enabled)
                widget.setAccessibleName(text.format(name=row.heading.text()))
            row.up.setObjectName(f"option-up-{number}")
            row.down.setObjectName(f"option-down-{number}")
            row.remove.setObjectName(f"option-remove-{number}")
            self._show_spot(index)

    def _show_spot(self, index: int) -> None:
        row = self.cards[index]
        row.spot_label.setVisible(self.kind is QuestionType.SPOT)
        row.spot_label.setText(
            _("Spot: {where}").format(where=spot_words(row.spot)) if row.spot
            else _("No spot yet: select this option, then drag on the picture."))

    def _highlight(self) -> None:
        spot = self.kind is QuestionType.SPOT
        for index, row in enumerate(self.cards):
            role = "notice" if spot and index == self.selected else "card"
            if row.property("role") != role:
                restyle(row, role)

"""Write a question with a form instead of the Markdown syntax; it is saved as Markdown.

Trainers are not programmers: the form asks for the question's parts in plain words (the
kind, the text, each option with its feedback, the spots drawn on a picture) and shows the
Markdown it will save, checked by the same parser as the pack validator. Save stays off while
the parser finds an error, so the form never writes a question a learner could not answer.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from navigator.content.authoring import (
    OptionDraft,
    QuestionDraft,
    check_question_markdown,
    question_markdown,
    suggest_id,
)
from navigator.content.manifest import ID_PATTERN
from navigator.content.media import MEDIA_DIR, PICTURE_TYPES
from navigator.core.model import QuestionType
from navigator.i18n import N_, _, is_right_to_left, ngettext
from navigator.ui.option_rows import MIN_ORDER, OptionRows, is_blank, true_false_words
from navigator.ui.spot_editor import SpotEditor
from navigator.ui.widgets import button, card, label

CHECK_DELAY_MS = 200  # check once typing pauses, not on every key
KINDS = (
    (QuestionType.SINGLE, N_("One right answer"),
     N_("The learner picks the one right option.")),
    (QuestionType.MULTIPLE, N_("Several right answers"),
     N_("The learner picks every right option; a partly right answer gets part of the "
        "marks.")),
    (QuestionType.TRUE_FALSE, N_("True or false"),
     N_("The learner says whether the statement is true or false.")),
    (QuestionType.ORDER, N_("Put in order"),
     N_("The learner puts the steps in the right order. Write them here in the right "
        "order: Navigator shuffles them.")),
    (QuestionType.SPOT, N_("Tap the spot on a picture"),
     N_("The learner taps the right place on a picture. Each option is a spot; its text "
        "names the place for people who cannot see the picture.")),
    (QuestionType.SCENARIO, N_("Scenario (choose what to do)"),
     N_("The learner reads a situation and chooses what to do. A choice can lead to a next "
        "situation (a branch step).")),
)


def media_pictures(root: Path) -> list[str]:
    """The pictures a lesson may show: ``media/NAME`` for each picture file in the pack."""
    folder = root / MEDIA_DIR
    if not folder.is_dir():
        return []
    return sorted(f"{MEDIA_DIR}/{p.name}" for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in PICTURE_TYPES)


class QuestionFormDialog(QDialog):
    """A question of any kind as a form; ``draft()`` and ``markdown()`` once accepted.

    ``taken_ids`` are the other steps' ids in the lesson (the question's own id may be among
    them); ``branch_ids`` the branch steps a scenario choice can lead to.
    """

    def __init__(self, draft: QuestionDraft | None, *, root: Path, language: str,
                 taken_ids: set[str], branch_ids: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("QuestionFormDialog")
        self.setModal(True)
        self.root, self.language = Path(root), language
        self.editing = draft is not None
        start = draft or QuestionDraft(options=[])
        self.own_id = start.step_id
        self.taken_ids = set(taken_ids) - ({self.own_id} if self.own_id else set())
        # An existing question keeps its id, even none: its records are kept by that id
        # (or, without one, by its place in the lesson).
        self._id_typed = self.editing or bool(start.step_id)
        self.errors: list[str] = []
        rtl = is_right_to_left(language)
        self.setWindowTitle(_("Edit the question") if self.editing else _("New question"))
        self.resize(820, 860)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_DELAY_MS)
        self.timer.timeout.connect(self.run_checks)

        body = QWidget()
        self.form = QVBoxLayout(body)
        self.form.setSpacing(6)
        self.kind = QComboBox()
        self.kind.setObjectName("question-kind")
        for kind, name, _hint in KINDS:
            self.kind.addItem(_(name), kind)
        self.kind_hint = label(role="muted")
        self._field(_("Kind of question"), self.kind)
        self.form.addWidget(self.kind_hint)
        self.title = QLineEdit(start.title)
        self.title.setObjectName("question-title")
        self._field(_("Title"), self.title)
        self.step_id = QLineEdit(start.step_id)
        self.step_id.setObjectName("question-id")
        self.step_id.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._field(_("Id"), self.step_id)
        if not self.editing:
            note = _("Made from the title. Learners' answers are kept by this id: do not "
                     "change it once people use the lesson.")
        elif start.step_id:
            note = _("Learners' answers are kept by this id: keep it, even when you change "
                     "the title.")
        else:
            note = _("This question has no id, so learners' answers are kept by its place in "
                     "the lesson. An id added now starts its records afresh.")
        self.id_note = label(note, role="muted")
        self.form.addWidget(self.id_note)
        self.graded = QRadioButton(_("Counts towards the score"))
        self.graded.setObjectName("question-graded")
        self.practice = QRadioButton(_("Practice only"))
        self.practice.setObjectName("question-practice")
        group = QButtonGroup(self)
        score = QHBoxLayout()
        for box in (self.graded, self.practice):
            group.addButton(box)
            box.setAccessibleName(box.text())
            score.addWidget(box)
        score.addStretch(1)
        self.form.addLayout(score)
        (self.graded if start.graded else self.practice).setChecked(True)
        self.branch = QCheckBox(_("A branch step"))
        self.branch.setObjectName("question-branch")
        self.branch.setAccessibleName(self.branch.text())
        self.branch.setChecked(start.branch)
        self.branch_note = label(_("A branch step is shown only to learners whose scenario "
                                   "choice leads here. It never counts towards the score."),
                                 role="muted")
        self.branch.setAccessibleDescription(self.branch_note.text())
        self.form.addWidget(self.branch)
        self.form.addWidget(self.branch_note)
        self.prompt = QPlainTextEdit(start.prompt)
        self.prompt.setObjectName("question-prompt")
        self.prompt.setTabChangesFocus(True)
        self.prompt.setMinimumHeight(100)
        self._field(_("Question text (Markdown: **bold**, *italics*, lists)"), self.prompt)

        self.spot_box = QWidget()
        spot_layout = QVBoxLayout(self.spot_box)
        spot_layout.setContentsMargins(0, 0, 0, 0)
        self.picture = QComboBox()
        self.picture.setObjectName("question-picture")
        self.picture.addItem(_("(choose a picture from the pack's media folder)"), "")
        for src in media_pictures(self.root):
            self.picture.addItem(src.split("/", 1)[1], src)
        if start.picture and self.picture.findData(start.picture) < 0:
            self.picture.addItem(start.picture, start.picture)  # missing: the check says so
        self.picture.setCurrentIndex(max(0, self.picture.findData(start.picture)))
        self.picture_alt = QLineEdit(start.picture_alt)
        self.picture_alt.setObjectName("question-picture-alt")
        self.spots = SpotEditor()
        self.spot_hint = label(_(
            "Select an option below, then drag on the picture to draw its spot. With the "
            "keyboard: the arrow keys move the selected spot, Shift and the arrow keys change "
            "its size."), role="muted")
        self._field(_("Picture"), self.picture, spot_layout)
        self._field(_("What the picture shows (read aloud; required)"), self.picture_alt,
                    spot_layout)
        spot_layout.addWidget(self.spot_hint)
        spot_layout.addWidget(self.spots)
        self.form.addWidget(self.spot_box)

        self.options_heading = label(role="heading")
        self.form.addWidget(self.options_heading)
        self.rows = OptionRows(language=language, branch_ids=branch_ids, right_to_left=rtl)
        self.form.addWidget(self.rows)
        self.explanation = QPlainTextEdit(start.explanation)
        self.explanation.setObjectName("question-explanation")
        self.explanation.setTabChangesFocus(True)
        self.explanation.setMaximumHeight(110)
        self._field(_("Explanation (shown to everyone after answering)"), self.explanation)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("question-markdown")
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setMinimumHeight(180)
        self._field(_("What will be saved (Markdown)"), self.preview)
        self.form.addStretch(1)
        if rtl:  # the lesson's words run right to left; ids and the picture do not
            for widget in (self.title, self.prompt, self.picture_alt, self.explanation):
                widget.setLayoutDirection(Qt.LayoutDirection.RightToLeft)

        scroll = QScrollArea()
        scroll.setObjectName("question-form-scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.problems_box = card("notice")
        problems_layout = QVBoxLayout(self.problems_box)
        self.problems = label()
        self.problems.setObjectName("question-problems")
        problems_layout.addWidget(self.problems)
        self.cancel = button(_("Cancel"), name="question-cancel")
        self.ok = button(_("Save the question"), role="primary", name="question-save")
        for widget in (self.cancel, self.ok):
            widget.setAutoDefault(False)  # Enter in a field must not save a half-written form
            widget.setAccessibleName(widget.text())
        self.cancel.clicked.connect(self.reject)
        self.ok.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.ok)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.problems_box)
        outer.addLayout(buttons)

        self.kind.setCurrentIndex(max(0, self.kind.findData(start.kind)))
        self.rows.set_options(start.kind, start.options or self._blank_options(start.kind))
        self._show_kind()
        self._wire()
        self._changed()
        self.run_checks()
        self.title.setFocus()

    def _blank_options(self, kind: QuestionType) -> list[OptionDraft]:
        if kind is QuestionType.TRUE_FALSE:
            return [OptionDraft(text=word) for word in true_false_words(self.language)]
        count = 3 if kind in (QuestionType.ORDER, QuestionType.SINGLE) else 2
        return [OptionDraft(correct=kind is QuestionType.ORDER) for _i in range(count)]

    def _field(self, text: str, widget: QWidget, layout: QVBoxLayout | None = None) -> None:
        """A label above its field; the label is the field's name for screen readers."""
        caption = label(text)
        caption.setBuddy(widget)
        widget.setAccessibleName(text)
        (layout or self.form).addWidget(caption)
        (layout or self.form).addWidget(widget)

    def _wire(self) -> None:
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.title.textChanged.connect(self._title_changed)
        self.step_id.textEdited.connect(self._id_edited)
        for signal in (self.step_id.textChanged, self.graded.toggled, self.branch.toggled,
                       self.prompt.textChanged, self.picture_alt.textChanged,
                       self.explanation.textChanged, self.rows.changed):
            signal.connect(self._changed)
        self.picture.currentIndexChanged.connect(self._picture_changed)
        self.branch.toggled.connect(self._show_kind)
        self.rows.selected_changed.connect(self.spots.select)
        self.spots.selected_changed.connect(self.rows.select)
        self.spots.spot_changed.connect(
            lambda index: self.rows.set_spot(index, self.spots.spots[index]))

    # --- reacting to the trainer ----------------------------------------------------------

    def _kind_changed(self) -> None:
        self.rows.change_kind(self.current_kind())
        self._show_kind()
        self._changed()

    def _title_changed(self, title: str) -> None:
        if not self._id_typed:
            self.step_id.setText(
                suggest_id(title, self.taken_ids, fallback="question") if title.strip() else "")
        self._changed()

    def _id_edited(self, text: str) -> None:
        self._id_typed = bool(text)  # emptied: suggest from the title again
        if not text:
            self._title_changed(self.title.text())

    def _picture_changed(self) -> None:
        self.spots.set_picture(self.root, self.picture.currentData() or "")
        self._changed()

    def _show_kind(self) -> None:
        kind = self.current_kind()
        self.kind_hint.setText(_(next(h for k, _n, h in KINDS if k is kind)))
        spot = kind is QuestionType.SPOT
        self.spot_box.setVisible(spot)
        if spot:
            self.spots.set_picture(self.root, self.picture.currentData() or "")
        branch = self.branch.isChecked()
        self.graded.setVisible(not branch)
        self.practice.setVisible(not branch)
        self.options_heading.setText(
            _("Steps, in the right order") if kind is QuestionType.ORDER else _("Options"))

    def _changed(self) -> None:
        """Show what will be saved now; check it once typing pauses."""
        if self.current_kind() is QuestionType.SPOT:
            self.spots.set_spots(self.rows.spots(), [o.correct for o in self.rows.options()])
            self.spots.select(self.rows.selected)
        self.preview.setPlainText(self.markdown())
        self.timer.start()

    # --- results --------------------------------------------------------------------------

    def current_kind(self) -> QuestionType:
        return QuestionType(self.kind.currentData())

    def draft(self) -> QuestionDraft:
        """The question as the form shows it now."""
        kind = self.current_kind()
        spot = kind is QuestionType.SPOT
        branch = self.branch.isChecked()
        return QuestionDraft(
            kind=kind, title=self.title.text().strip(), step_id=self.step_id.text().strip(),
            graded=self.graded.isChecked() and not branch, branch=branch,
            prompt=self.prompt.toPlainText().strip(),
            picture=(self.picture.currentData() or "") if spot else "",
            picture_alt=self.picture_alt.text().strip() if spot else "",
            options=[o for o in self.rows.options() if not is_blank(o, kind)],
            explanation=self.explanation.toPlainText().strip())

    def markdown(self) -> str:
        """The step as it will be written in the lesson file."""
        return question_markdown(self.draft())

    def problems_now(self) -> tuple[list[str], list[str]]:
        """(errors, advice) in plain words: the form's own checks, then the parser's."""
        draft = self.draft()
        errors: list[str] = []
        if not draft.title:
            errors.append(_("Give the question a title."))
        if draft.step_id and not ID_PATTERN.match(draft.step_id):
            errors.append(_("An id uses only lowercase letters a-z, digits and hyphens, like "
                            "'find-power'. Change the id."))
            draft = replace(draft, step_id="")  # the parser would only say it again
        elif draft.step_id in self.taken_ids:
            errors.append(_("Another step of this lesson already has the id '{id}'. Choose "
                            "another id.").format(id=draft.step_id))
        rows = self.rows.options()
        empty = [n for n, o in enumerate(rows, start=1)
                 if not o.text and not is_blank(o, draft.kind)]
        for number in empty:
            errors.append(_("Option {number} has no text: write it, or remove the "
                            "option.").format(number=number))
        least = MIN_ORDER if draft.kind is QuestionType.ORDER else 2
        few = len(draft.options) < least
        if few:
            errors.append(ngettext("Write at least {count} option.",
                                   "Write at least {count} options.", least).format(
                                       count=least))
        if draft.kind is QuestionType.SPOT and not draft.picture:
            errors.append(_("Choose the picture the learner taps."))
        advice: list[str] = []
        if draft.title and not empty and not few:  # else the parser only says it again
            for problem in check_question_markdown(question_markdown(draft), self.root,
                                                   self.language):
                text = problem.message[:1].upper() + problem.message[1:]
                target = advice if problem.warning else errors
                if text not in target:
                    target.append(text)
        return errors, advice

    def run_checks(self) -> None:
        """List the problems; Save is on only when there is no error."""
        self.timer.stop()
        self.errors, advice = self.problems_now()
        parts = []
        if self.errors:
            parts.append(_("Fix these before saving:"))
            parts += ["• " + text for text in self.errors]
        if advice:
            parts.append(_("Advice:"))
            parts += ["• " + text for text in advice]
        self.problems.setText("\n".join(parts))
        self.problems_box.setVisible(bool(parts))
        self.ok.setEnabled(not self.errors)

    def accept(self) -> None:
        """Save only a question without errors (checked again now, not after the delay)."""
        self.run_checks()
        if self.errors:
            return
        super().accept()

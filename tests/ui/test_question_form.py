"""The question form: every kind filled in by clicking and typing, saved as the Markdown the
format documents and read back to the same question; spots drawn on a real picture."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog

from navigator.content.authoring import QuestionDraft, read_question_step
from navigator.core.model import QuestionType
from navigator.ui.question_form import QuestionFormDialog
from tests.ui.test_accessibility import unnamed

PICTURE = """<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"
  viewBox="0 0 400 300"><rect x="10" y="10" width="380" height="280" fill="none"
  stroke="black" stroke-width="4"/><rect x="300" y="120" width="20" height="50"/></svg>
"""

SPOT_STEP = """## Where is the power button? {spot check #find-power}

Tap the power button on this Android phone.

![An Android phone seen from the front](media/phone.svg)

- [x] The short button on the right edge, lower down {spot 43,42,6,13}
  > Yes. On most Android phones the power button is below the volume buttons.
- [ ] The long button on the right edge, higher up {spot 43,22,6,18}
  > No. That is the volume button.
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A pack folder with one real SVG picture (and a file that is not a picture)."""
    root = tmp_path / "pack"
    (root / "media").mkdir(parents=True)
    (root / "media" / "phone.svg").write_text(PICTURE, encoding="utf-8")
    (root / "media" / "notes.txt").write_text("not a picture", encoding="utf-8")
    return root


def open_form(qtbot, pack: Path, draft: QuestionDraft | None = None, *,
              language: str = "en", taken: set[str] | None = None,
              branches: list[str] | None = None) -> QuestionFormDialog:
    dialog = QuestionFormDialog(draft, root=pack, language=language, taken_ids=taken or set(),
                                branch_ids=branches or [])
    qtbot.addWidget(dialog)
    dialog.resize(900, 900)
    dialog.show()
    QApplication.processEvents()
    return dialog


def choose_kind(dialog: QuestionFormDialog, kind: QuestionType) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))


def write_options(qtbot, dialog: QuestionFormDialog, texts: list[tuple[str, str]]) -> None:
    """Type each option's text and feedback, adding rows as needed."""
    rows = dialog.rows
    for index, (text, feedback) in enumerate(texts):
        if index >= len(rows.cards):
            qtbot.mouseClick(rows.add, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(rows.cards[index].text, text)
        qtbot.keyClicks(rows.cards[index].feedback, feedback)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def checked(qtbot, dialog: QuestionFormDialog) -> None:
    """Wait for the (delayed) check to have run on what is typed now."""
    qtbot.waitUntil(lambda: not dialog.timer.isActive(), timeout=3000)


def save(qtbot, dialog: QuestionFormDialog) -> str:
    checked(qtbot, dialog)
    assert dialog.ok.isEnabled(), dialog.problems.text()
    click(qtbot, dialog.ok)
    assert dialog.result() == QDialog.DialogCode.Accepted
    markdown = dialog.markdown()
    assert read_question_step(markdown) == dialog.draft()  # it reads back to the same question
    return markdown


def test_one_right_answer_typed_and_saved(qtbot, pack):
    """Typing a single-choice question gives the documented Markdown, with an id made from
    the title, shown live in "What will be saved"."""
    dialog = open_form(qtbot, pack, taken={"which-button"})
    qtbot.keyClicks(dialog.title, "Which button?")
    assert dialog.step_id.text() == "which-button-2"  # the lesson already has which-button
    qtbot.keyClicks(dialog.prompt, "Your client's phone is off. Which button do you press?")
    write_options(qtbot, dialog, [
        ("The power button", "Yes. Hold it for three seconds."),
        ("The volume button", "No. It only changes how loud the phone is."),
        ("Any button on the screen", "No. The screen does not respond when it is off.")])
    click(qtbot, dialog.rows.cards[0].radio)
    qtbot.keyClicks(dialog.explanation, "Tip: charge an empty battery for 15 minutes.")
    expected = """## Which button? {check #which-button-2}

Your client's phone is off. Which button do you press?

- [x] The power button
  > Yes. Hold it for three seconds.
- [ ] The volume button
  > No. It only changes how loud the phone is.
- [ ] Any button on the screen
  > No. The screen does not respond when it is off.

Tip: charge an empty battery for 15 minutes.
"""
    assert dialog.preview.toPlainText() == expected
    assert save(qtbot, dialog) == expected


def test_no_right_answer_keeps_save_off_and_says_why(qtbot, pack):
    """Without a right option Save is off and the parser's message is shown; marking one
    turns Save on."""
    dialog = open_form(qtbot, pack)
    qtbot.keyClicks(dialog.title, "Pick one")
    write_options(qtbot, dialog, [("Yes", "Right."), ("No", "Wrong."), ("Maybe", "Wrong.")])
    checked(qtbot, dialog)
    assert not dialog.ok.isEnabled()
    assert dialog.problems_box.isVisible()
    assert "The question has no right option" in dialog.problems.text()
    dialog.accept()  # even the slot itself refuses
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    click(qtbot, dialog.rows.cards[1].radio)
    checked(qtbot, dialog)
    assert dialog.ok.isEnabled()
    assert not dialog.problems_box.isVisible()


def test_empty_option_and_taken_id_are_errors(qtbot, pack):
    """An option without text, an id another step has and an id with capitals are named."""
    dialog = open_form(qtbot, pack, taken={"used"})
    qtbot.keyClicks(dialog.title, "Question")
    assert dialog.step_id.text() == "question"
    dialog.step_id.clear()
    qtbot.keyClicks(dialog.step_id, "used")
    qtbot.keyClicks(dialog.rows.cards[0].feedback, "Feedback without its option")
    checked(qtbot, dialog)
    text = dialog.problems.text()
    assert "Option 1 has no text" in text
    assert "already has the id 'used'" in text
    dialog.step_id.clear()
    qtbot.keyClicks(dialog.step_id, "Big Id")
    checked(qtbot, dialog)
    assert "lowercase letters" in dialog.problems.text()
    assert not dialog.ok.isEnabled()


def test_several_right_answers(qtbot, pack):
    """Check boxes pick several options; with only one ticked the 'multiple' marker is
    written so the learner still picks all that apply."""
    dialog = open_form(qtbot, pack)
    choose_kind(dialog, QuestionType.MULTIPLE)
    assert dialog.rows.cards[0].check.isVisible() and not dialog.rows.cards[0].radio.isVisible()
    qtbot.keyClicks(dialog.title, "Safe passwords")
    write_options(qtbot, dialog, [("Long", "Yes."), ("Secret", "Yes."), ("Your name", "No.")])
    click(qtbot, dialog.rows.cards[0].check)
    assert dialog.markdown().startswith("## Safe passwords {multiple check #safe-passwords}")
    click(qtbot, dialog.rows.cards[1].check)
    markdown = save(qtbot, dialog)
    assert markdown.startswith("## Safe passwords {check #safe-passwords}")
    assert "- [x] Long\n  > Yes.\n- [x] Secret\n  > Yes.\n- [ ] Your name\n" in markdown


def test_true_or_false_has_two_fixed_rows(qtbot, pack):
    """True or false: two rows named with the words for true and false, nothing to add,
    move or remove; practice only writes 'practice'."""
    dialog = open_form(qtbot, pack)
    choose_kind(dialog, QuestionType.TRUE_FALSE)
    rows = dialog.rows
    assert [c.text.text() for c in rows.cards] == ["True", "False"]
    assert not rows.add.isVisible()
    assert not any(c.remove.isVisible() or c.up.isVisible() for c in rows.cards)
    qtbot.keyClicks(dialog.title, "Public Wi-Fi")
    qtbot.keyClicks(dialog.prompt, "A coffee shop password makes Wi-Fi private.")
    qtbot.keyClicks(rows.cards[0].feedback, "No. Everyone knows that password.")
    qtbot.keyClicks(rows.cards[1].feedback, "Right. Use mobile data for banking.")
    click(qtbot, rows.cards[1].radio)
    click(qtbot, dialog.practice)
    assert save(qtbot, dialog) == """## Public Wi-Fi {truefalse practice #public-wi-fi}

A coffee shop password makes Wi-Fi private.

- [ ] True
  > No. Everyone knows that password.
- [x] False
  > Right. Use mobile data for banking.
"""


def test_put_in_order_rows_are_the_steps(qtbot, pack):
    """Order: no 'Right answer', at least three steps, Up moves a step; written as a
    numbered list in the right order."""
    dialog = open_form(qtbot, pack)
    choose_kind(dialog, QuestionType.ORDER)
    rows = dialog.rows
    assert len(rows.cards) == 3
    assert not any(c.radio.isVisible() or c.check.isVisible() for c in rows.cards)
    assert not rows.cards[0].remove.isEnabled()  # three is the least
    qtbot.keyClicks(dialog.title, "Restart")
    write_options(qtbot, dialog, [("Save your work", "Restarting closes every app."),
                                  ("Hold the power button", ""), ("Check the problem", ""),
                                  ("Choose Restart", "")])
    assert rows.cards[3].remove.isEnabled()
    assert rows.cards[3].up.accessibleName() == "Move Step 4 up"
    click(qtbot, rows.cards[3].up)
    for _i in range(4):  # empty steps are left out of what is saved
        click(qtbot, rows.add)
    assert len(rows.cards) == 8 and not rows.add.isEnabled()  # eight is the most
    assert save(qtbot, dialog) == """## Restart {order check #restart}

1. Save your work
   > Restarting closes every app.
2. Hold the power button
3. Choose Restart
4. Check the problem
"""


def picture_point(dialog: QuestionFormDialog, x: float, y: float) -> QPoint:
    """The point at ``x``%, ``y``% of the picture as the spot editor draws it."""
    area = dialog.spots.picture_rect()
    return QPoint(round(area.x() + area.width() * x / 100),
                  round(area.y() + area.height() * y / 100))


def drag(qtbot, dialog: QuestionFormDialog, start: QPoint, end: QPoint) -> None:
    editor = dialog.spots
    qtbot.mousePress(editor, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(editor, pos=(start + end) / 2)
    qtbot.mouseMove(editor, pos=end)
    qtbot.mouseRelease(editor, Qt.MouseButton.LeftButton, pos=end)


def spot_form(qtbot, pack: Path) -> QuestionFormDialog:
    dialog = open_form(qtbot, pack)
    choose_kind(dialog, QuestionType.SPOT)
    pictures = [dialog.picture.itemData(i) for i in range(dialog.picture.count())]
    assert pictures == ["", "media/phone.svg"]  # pictures of media/ only
    dialog.picture.setCurrentIndex(1)
    assert dialog.spots.has_picture
    qtbot.keyClicks(dialog.title, "Find the power button")
    qtbot.keyClicks(dialog.picture_alt, "A phone with a button on its right edge")
    write_options(qtbot, dialog, [("The button on the right edge", "Yes."),
                                  ("The screen", "No. The screen is off.")])
    click(qtbot, dialog.rows.cards[0].radio)
    return dialog


def test_spot_drawn_with_the_mouse_and_moved_with_the_keys(qtbot, pack):
    """Dragging draws the selected option's spot in whole percent of the picture; arrows
    move it by 1 %, Shift+arrows resize it; it stays inside the picture."""
    dialog = spot_form(qtbot, pack)
    editor, rows = dialog.spots, dialog.rows
    click(qtbot, rows.cards[0].text)  # selecting a row selects its spot
    assert editor.selected == 0
    drag(qtbot, dialog, picture_point(dialog, 75, 40), picture_point(dialog, 80, 57))
    assert rows.cards[0].spot == (75, 40, 5, 17)
    assert rows.cards[0].spot_label.text() == (
        "Spot: left 75%, top 40%, width 5%, height 17%")
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert rows.cards[0].spot == (76, 39, 4, 18)
    click(qtbot, rows.cards[1].feedback)
    assert editor.selected == 1
    drag(qtbot, dialog, picture_point(dialog, 60, 50), QPoint(editor.width() + 50, -40))
    assert rows.cards[1].spot == (60, 0, 40, 50)  # kept inside the picture
    assert save(qtbot, dialog) == """## Find the power button {spot check #find-the-power-button}

![A phone with a button on its right edge](media/phone.svg)

- [x] The button on the right edge {spot 76,39,4,18}
  > Yes.
- [ ] The screen {spot 60,0,40,50}
  > No. The screen is off.
"""


def test_clicking_a_spot_selects_its_option(qtbot, pack):
    """A click (not a drag) on a spot selects that option's row, highlighted."""
    dialog = spot_form(qtbot, pack)
    rows, editor = dialog.rows, dialog.spots
    rows.select(0)
    drag(qtbot, dialog, picture_point(dialog, 10, 10), picture_point(dialog, 30, 30))
    rows.select(1)
    drag(qtbot, dialog, picture_point(dialog, 50, 50), picture_point(dialog, 70, 70))
    qtbot.mouseClick(editor, Qt.MouseButton.LeftButton, pos=picture_point(dialog, 20, 20))
    assert rows.selected == 0 and editor.selected == 0
    assert rows.cards[0].property("role") == "notice"
    assert rows.cards[1].property("role") == "card"
    assert rows.cards[0].spot == (10, 10, 20, 20)  # a click does not redraw it


def test_spot_without_spot_or_description_cannot_be_saved(qtbot, pack):
    """A spot option without its region and a picture without description are errors."""
    dialog = spot_form(qtbot, pack)
    dialog.picture_alt.clear()
    checked(qtbot, dialog)
    text = dialog.problems.text()
    assert not dialog.ok.isEnabled()
    assert "give this spot its place on the picture" in text.lower()
    assert "has no description" in text


def test_right_to_left_text_but_left_to_right_picture(qtbot, pack):
    """In Arabic the text fields run right to left; the picture's percent do not flip."""
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        dialog = open_form(qtbot, pack, language="ar")
        choose_kind(dialog, QuestionType.SPOT)
        dialog.picture.setCurrentIndex(1)
        assert dialog.title.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert dialog.rows.cards[0].text.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert dialog.spots.layoutDirection() == Qt.LayoutDirection.LeftToRight
        dialog.rows.select(0)
        drag(qtbot, dialog, picture_point(dialog, 10, 20), picture_point(dialog, 30, 50))
        assert dialog.rows.cards[0].spot == (10, 20, 20, 30)
        dialog.spots.setFocus()
        qtbot.keyClick(dialog.spots, Qt.Key.Key_Right)
        assert dialog.rows.cards[0].spot == (11, 20, 20, 30)
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_scenario_choice_leads_to_a_branch_step(qtbot, pack):
    """'Leads to' writes {next #id}; the question reads back with the same link."""
    dialog = open_form(qtbot, pack, branches=["locked-more-tries"])
    choose_kind(dialog, QuestionType.SCENARIO)
    qtbot.keyClicks(dialog.title, "A locked account")
    qtbot.keyClicks(dialog.prompt, "Amina cannot sign in.")
    write_options(qtbot, dialog, [("Read the message together", "Yes."),
                                  ("Try her password again", "No. It locks for longer.")])
    click(qtbot, dialog.rows.cards[0].radio)
    leads = dialog.rows.cards[1].leads
    assert leads.isVisible() and leads.accessibleName() == "Where option 2 leads"
    leads.setCurrentIndex(leads.findData("locked-more-tries"))
    markdown = save(qtbot, dialog)
    assert "- [ ] Try her password again {next #locked-more-tries}\n" in markdown
    assert markdown.startswith("## A locked account {scenario check #a-locked-account}")


def test_editing_keeps_the_id_and_every_part(qtbot, pack):
    """An existing question opens with all its parts; a new title keeps its id, and the
    note says why."""
    draft = read_question_step(SPOT_STEP)
    dialog = open_form(qtbot, pack, draft, taken={"find-power", "other"})
    assert dialog.windowTitle() == "Edit the question"
    assert "answers are kept by this id" in dialog.id_note.text()
    assert dialog.draft() == draft
    checked(qtbot, dialog)
    assert dialog.ok.isEnabled(), dialog.problems.text()  # its own id is not "taken"
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "Tap the power button")
    assert dialog.step_id.text() == "find-power"
    markdown = save(qtbot, dialog)
    assert markdown == SPOT_STEP.replace("Where is the power button?", "Tap the power button")


def test_editing_a_question_without_id_suggests_none(qtbot, pack):
    """A question without an id keeps none when its title changes (its records are kept by
    its place in the lesson), and the note says so."""
    draft = read_question_step(SPOT_STEP.replace(" #find-power", ""))
    dialog = open_form(qtbot, pack, draft)
    assert "has no id" in dialog.id_note.text()
    dialog.title.end(False)
    qtbot.keyClicks(dialog.title, " Now")
    assert dialog.step_id.text() == ""
    assert save(qtbot, dialog).startswith("## Where is the power button? Now {spot check}\n")


def test_branch_step_has_no_score_choice(qtbot, pack):
    """A branch step hides 'Counts towards the score' and is written with 'branch'."""
    draft = read_question_step("## Locked for a day {scenario branch #locked}\n\nWhat now?\n\n"
                               "- [x] Forgot password\n  > Yes.\n- [ ] New account\n  > No.\n")
    assert draft is not None and draft.branch
    dialog = open_form(qtbot, pack, draft)
    assert not dialog.graded.isVisible() and not dialog.practice.isVisible()
    assert dialog.branch.isChecked()
    assert save(qtbot, dialog).startswith("## Locked for a day {scenario branch #locked}")


@pytest.mark.parametrize("kind", list(QuestionType))
def test_every_interactive_widget_has_a_name(qtbot, pack, kind):
    """Each kind's form: every field, box and button has a name a screen reader says."""
    dialog = open_form(qtbot, pack, branches=["b"])
    choose_kind(dialog, kind)
    if kind is QuestionType.SPOT:
        dialog.picture.setCurrentIndex(1)
    QApplication.processEvents()
    assert unnamed(dialog) == []

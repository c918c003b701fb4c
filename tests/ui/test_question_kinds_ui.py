"""Every kind of question answered in the real widgets, with the mouse and the keyboard;
the scores the database holds; branching scenarios and Back."""

from __future__ import annotations

import json
import sqlite3

from PySide6.QtCore import QPoint, Qt

from navigator.ui.main_window import MainWindow
from tests.ui.test_lesson_flow import make_window, start_as, wait_saved


def stored(data_dir, step_id: str) -> tuple[list[int], float, int]:
    conn = sqlite3.connect(data_dir / "navigator.db")
    try:
        chosen, score, correct = conn.execute(
            "SELECT chosen, score, correct FROM answers WHERE step_id = ? ORDER BY id DESC",
            (step_id,)).fetchone()
    finally:
        conn.close()
    return json.loads(chosen), score, correct


def open_kinds(qtbot, services) -> MainWindow:
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    window.open_lesson("sample", "question-kinds")
    wait_saved(qtbot, window)
    return window


def click_check_then_wait(qtbot, window: MainWindow) -> None:
    player = window.player
    assert player.check.isEnabled()
    qtbot.mouseClick(player.check, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)


def next_step(qtbot, window: MainWindow) -> None:
    qtbot.mouseClick(window.player.next, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)


def go_to_step(qtbot, window: MainWindow, step_id: str) -> None:
    player = window.player
    index = player.session.text.step_index(step_id)
    player.session.go_to(index).result(timeout=5)
    player._show_step()


def test_true_false_wrong_with_the_mouse(qtbot, services, data_dir):
    """Clicking 'False' on a true statement scores 0 and shows that option's feedback."""
    window = open_kinds(qtbot, services)
    view = window.player.question
    assert view.hint.text() == "Is this true or false?"
    assert [r.text.text() for r in view.rows] == ["True", "False"]
    qtbot.mouseClick(view.rows[1].button, Qt.MouseButton.LeftButton)
    click_check_then_wait(qtbot, window)
    assert stored(data_dir, "qk-tf") == ([1], 0.0, 0)
    assert view.rows[1].feedback.isVisible()
    assert "without a lock" in view.rows[1].feedback.text()
    assert view.verdict.text().startswith("✗ Not quite")


def test_true_false_right_with_the_keyboard(qtbot, services, data_dir):
    """The number key 1 picks 'True', Enter checks: full marks."""
    window = open_kinds(qtbot, services)
    player = window.player
    qtbot.keyClick(player.question.rows[0].button, Qt.Key.Key_1)
    qtbot.keyClick(player.check, Qt.Key.Key_Return)
    wait_saved(qtbot, window)
    assert stored(data_dir, "qk-tf") == ([0], 1.0, 1)
    assert player.question.verdict.text() == "✓ Right!"


def test_order_put_right_with_alt_arrows(qtbot, services, data_dir):
    """The steps start shuffled; Alt+Up/Alt+Down reorder them; the right order scores 1."""
    window = open_kinds(qtbot, services)
    go_to_step(qtbot, window, "qk-order")
    view = window.player.question
    order_list = view.order_list
    assert order_list.isVisible() and not view.rows
    start = order_list.chosen()
    assert start != [0, 1, 2, 3] and sorted(start) == [0, 1, 2, 3]
    lst = order_list.list
    lst.setFocus()
    for target in range(4):  # selection sort with the keyboard
        row = order_list.chosen().index(target)
        lst.setCurrentRow(row)
        for _ in range(row - target):
            qtbot.keyClick(lst, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert order_list.chosen() == [0, 1, 2, 3]
    click_check_then_wait(qtbot, window)
    assert stored(data_dir, "qk-order") == ([0, 1, 2, 3], 1.0, 1)
    assert not lst.isEnabled() and order_list.solution.isVisible()
    assert "Everything starts in Settings." in order_list.solution.text()


def test_order_partly_right_with_the_buttons(qtbot, services, data_dir):
    """Moving with the Move buttons; a partly right order earns the share of right pairs."""
    window = open_kinds(qtbot, services)
    go_to_step(qtbot, window, "qk-order")
    order_list = window.player.question.order_list
    while order_list.chosen() != [1, 0, 2, 3]:  # bubble into 1,0,2,3 with the buttons
        current = order_list.chosen()
        wanted = [1, 0, 2, 3]
        row = next(i for i in range(4) if current[i] != wanted[i])
        source = current.index(wanted[row])
        order_list.list.setCurrentRow(source)
        qtbot.mouseClick(order_list.up, Qt.MouseButton.LeftButton)
    click_check_then_wait(qtbot, window)
    chosen, score, correct = stored(data_dir, "qk-order")
    assert chosen == [1, 0, 2, 3] and abs(score - 1 / 3) < 1e-9 and correct == 0
    assert window.player.question.verdict.text() == "Partly right: 33% of the marks"


def test_spot_tapped_right_with_the_mouse_after_a_miss(qtbot, services, data_dir):
    """A tap outside every spot asks to try again; a tap on the button scores 1."""
    window = open_kinds(qtbot, services)
    go_to_step(qtbot, window, "qk-spot")
    view = window.player.question
    spot = view.spot
    assert spot.isVisible() and spot.has_picture
    assert spot.accessibleName() == "A phone with a button on its right edge"
    qtbot.mouseClick(spot, Qt.MouseButton.LeftButton, pos=QPoint(
        round(spot.picture_rect().left() + 4), round(spot.picture_rect().top() + 4)))
    assert view.spot_message.isVisible() and "Try another spot" in view.spot_message.text()
    assert not window.player.check.isEnabled()
    centre = spot.spot_rect(0).center().toPoint()
    qtbot.mouseClick(spot, Qt.MouseButton.LeftButton, pos=centre)
    click_check_then_wait(qtbot, window)
    assert stored(data_dir, "qk-spot") == ([0], 1.0, 1)
    assert "that is the power button" in view.spot_feedback.text()


def test_spot_chosen_wrong_with_the_keyboard(qtbot, services, data_dir):
    """Arrow keys move between spots; Space picks; the wrong spot scores 0."""
    window = open_kinds(qtbot, services)
    go_to_step(qtbot, window, "qk-spot")
    spot = window.player.question.spot
    spot.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(spot, Qt.Key.Key_Right)
    assert spot.focused == 1 and spot.accessibleName() == "The screen"
    qtbot.keyClick(spot, Qt.Key.Key_Space)
    assert window.player.question.chosen() == [1]
    qtbot.keyClick(window.player.check, Qt.Key.Key_Return)
    wait_saved(qtbot, window)
    assert stored(data_dir, "qk-spot") == ([1], 0.0, 0)
    assert spot.answer == (1, 0)


def test_scenario_choice_leads_to_its_branch_and_back(qtbot, services, data_dir):
    """The linked choice opens the branch step (same step number); Back returns; the
    other choice skips the branch."""
    window = open_kinds(qtbot, services)
    player = window.player
    go_to_step(qtbot, window, "qk-scenario")
    assert player.counter.text() == "Step 4 of 5"
    view = player.question
    assert view.hint.text() == "What would you do? Choose one."
    view.choose(1)
    click_check_then_wait(qtbot, window)
    assert stored(data_dir, "qk-scenario") == ([1], 0.0, 0)
    next_step(qtbot, window)
    assert player.session.step.id == "qk-branch"
    assert player.counter.text() == "Step 4 of 5"
    assert "five settings" in player.text.toPlainText()
    qtbot.mouseClick(player.back, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)
    assert player.session.step.id == "qk-scenario"
    next_step(qtbot, window)
    view.choose(0)
    click_check_then_wait(qtbot, window)
    next_step(qtbot, window)
    assert player.session.step.id == "qk-end" and player.counter.text() == "Step 5 of 5"
    next_step(qtbot, window)
    assert player.outcome is not None
    assert player.outcome.score == 0.0  # only the scenario was answered; it was wrong


def test_whole_lesson_right_is_complete_and_stored(qtbot, services, data_dir):
    """All four checks right: 100%, the lesson is completed, the branch never scored."""
    window = open_kinds(qtbot, services)
    player = window.player
    view = player.question
    view.choose(0)
    click_check_then_wait(qtbot, window)
    next_step(qtbot, window)
    lst = view.order_list
    while lst.chosen() != [0, 1, 2, 3]:
        current = lst.chosen()
        row = next(i for i in range(4) if current[i] != i)
        lst.list.setCurrentRow(current.index(row))
        qtbot.mouseClick(lst.up, Qt.MouseButton.LeftButton)
    click_check_then_wait(qtbot, window)
    next_step(qtbot, window)
    qtbot.mouseClick(view.spot, Qt.MouseButton.LeftButton,
                     pos=view.spot.spot_rect(0).center().toPoint())
    click_check_then_wait(qtbot, window)
    next_step(qtbot, window)
    view.choose(0)
    click_check_then_wait(qtbot, window)
    next_step(qtbot, window)
    assert player.next.text() == "Finish"
    next_step(qtbot, window)
    assert player.outcome.passed and player.outcome.score == 100.0
    conn = sqlite3.connect(data_dir / "navigator.db")
    status = conn.execute("SELECT status, best_score FROM progress WHERE lesson_id = ?",
                          ("question-kinds",)).fetchone()
    conn.close()
    assert status == ("completed", 100.0)
    qtbot.mouseClick(player.back_to_list, Qt.MouseButton.LeftButton)
    kinds = window.catalogue.tree.topLevelItem(0).child(1)
    assert kinds.text(2) == "✓ Module complete"  # its only lesson is its assessment
    assert window.catalogue.tree.topLevelItem(0).child(0).text(2) == "0 of 2 done"

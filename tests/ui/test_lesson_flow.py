"""A learner uses the real window: first run, a lesson clicked through, resume after restart."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from navigator.services import Services
from navigator.storage import repository as repo
from navigator.ui.main_window import MainWindow


def wait_saved(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.bridge.busy and not window.player.bridge.busy,
                    timeout=5000)


def make_window(qtbot, services) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    return window


PIN = "2468"


def start_as(qtbot, window: MainWindow, name: str = "Amal", pin: str = PIN) -> None:
    """First run: the administrator's name and PIN (twice), then the home screen."""
    if name.isascii():
        qtbot.keyClicks(window.first_run.name, name)
    else:  # QTest can only type ASCII keys
        window.first_run.name.setText(name)
    qtbot.keyClicks(window.first_run.pin, pin)
    qtbot.keyClicks(window.first_run.pin_again, pin)
    qtbot.mouseClick(window.first_run.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.catalogue, timeout=5000)


def sign_in(qtbot, window: MainWindow, pin: str = PIN, name: str | None = None) -> None:
    """On the lock screen: pick the profile (or keep the last one), type the PIN."""
    view = window.access.view
    assert window.stack.currentWidget() is view
    if name is not None:
        names = [m.name for m in view.members]
        view.profiles.setCurrentRow(names.index(name))
    qtbot.keyClicks(view.pin, pin)
    qtbot.mouseClick(view.sign_in, Qt.MouseButton.LeftButton)


def answer_rows(data_dir):
    conn = sqlite3.connect(data_dir / "navigator.db")
    try:
        return conn.execute("SELECT step_id, chosen, correct, graded, attempt FROM answers "
                            "ORDER BY id").fetchall()
    finally:
        conn.close()


def test_first_run_asks_for_a_name_then_creates_the_profile(qtbot, services, data_dir):
    """An empty name is refused with a message; a name creates the learner and shows lessons."""
    window = make_window(qtbot, services)
    assert window.stack.currentWidget() is window.first_run
    logo = window.first_run.logo.pixmap()  # the application's icon beside the welcome
    assert not logo.isNull() and logo.toImage().pixelColor(28, 4).alpha() == 255
    qtbot.mouseClick(window.first_run.start, Qt.MouseButton.LeftButton)
    assert window.first_run.error.isVisible()
    assert "type your name" in window.first_run.error.text()
    start_as(qtbot, window, "Amal")
    assert window.catalogue.greeting.text() == "Hello, Amal"
    conn = sqlite3.connect(data_dir / "navigator.db")
    assert conn.execute("SELECT name, language FROM learners").fetchall() == [("Amal", "en")]
    conn.close()
    tree = window.catalogue.tree
    pack = tree.topLevelItem(0)
    assert pack.text(0) == "Sample pack"
    module = pack.child(0)
    assert module.text(0) == "Basics" and module.text(2) == "0 of 2 done"
    assert [module.child(i).text(0) for i in range(module.childCount())] == [
        "Turning a phone on", "Reading only"]
    kinds = pack.child(1)
    assert kinds.text(0) == "Kinds of question"
    assert kinds.child(0).text(0) == "Assessment: Every kind of question"


def test_lesson_clicked_through_with_right_and_wrong_answers_then_resumed(
        qtbot, services, data_dir, curriculum):
    """Answers are saved as given; after a restart the lesson opens at the same step."""
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    qtbot.mouseClick(window.catalogue.open_button, Qt.MouseButton.LeftButton)
    player = window.player
    qtbot.waitUntil(lambda: window.stack.currentWidget() is player)
    wait_saved(qtbot, window)
    assert player.counter.text() == "Step 1 of 5"
    assert "The power button" in player.text.toPlainText()
    assert "Find the power button." in player.text.toPlainText()  # objectives on step 1

    qtbot.mouseClick(player.next, Qt.MouseButton.LeftButton)  # -> practice question
    wait_saved(qtbot, window)
    assert player.counter.text() == "Step 2 of 5"
    assert not player.next.isVisible() and player.check.isVisible()
    assert not player.check.isEnabled()  # nothing chosen yet
    # Wrong answer on the practice question, with its feedback.
    qtbot.mouseClick(player.question.rows[1].button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(player.check, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)
    assert player.question.verdict.text().startswith("✗")
    assert player.question.rows[1].feedback.text() == "No, that button changes the volume."
    assert player.question.rows[0].mark.text() == "✓ Right answer"
    assert player.next.isVisible()

    qtbot.mouseClick(player.next, Qt.MouseButton.LeftButton)  # -> graded single question
    wait_saved(qtbot, window)
    player.question.choose(1)  # the keyboard's "2"
    qtbot.keyClick(player, Qt.Key.Key_Return)  # Enter checks
    wait_saved(qtbot, window)
    assert player.question.verdict.text() == "✓ Right!"
    assert "charge the phone for 15 minutes" in player.question.explanation.text()
    qtbot.keyClick(player, Qt.Key.Key_Right)  # arrow moves on
    wait_saved(qtbot, window)
    assert player.counter.text() == "Step 4 of 5"

    assert answer_rows(data_dir) == [("try-power", "[1]", 0, 0, 1), ("q-power", "[1]", 1, 1, 1)]
    # Quit: close the window and the services, as the app does.
    window.close()
    services.close()

    again = Services.start(data_dir, curriculum=curriculum)
    try:
        second = make_window(qtbot, again)
        sign_in(qtbot, second)  # a restart shows the lock screen, with Amal chosen
        qtbot.waitUntil(lambda: second.stack.currentWidget() is second.catalogue, timeout=5000)
        assert "step 4 of 5" in second.catalogue.continue_text.text()
        qtbot.mouseClick(second.catalogue.continue_button, Qt.MouseButton.LeftButton)
        wait_saved(qtbot, second)
        assert second.player.counter.text() == "Step 4 of 5"
        assert second.player.check.isVisible()  # this question was not answered yet
        # Going back shows the earlier answer, locked, with its verdict.
        qtbot.mouseClick(second.player.back, Qt.MouseButton.LeftButton)
        wait_saved(qtbot, second)
        assert second.player.question.verdict.text() == "✓ Right!"
        assert not second.player.question.rows[1].button.isEnabled()
        second.close()
    finally:
        again.close()
    assert len(answer_rows(data_dir)) == 2


def test_lesson_is_complete_only_when_the_check_is_passed(qtbot, services, data_dir):
    """Failing the check leaves the lesson open with Try again; passing completes it."""
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    window.open_lesson("sample", "first-lesson")
    player = window.player
    wait_saved(qtbot, window)

    orders = []

    def answer(indexes):  # option indexes as written in the pack
        orders.append(list(player.question.order))
        for i in indexes:
            player.question.choose(player.question.order.index(i))
        qtbot.mouseClick(player.check, Qt.MouseButton.LeftButton)
        wait_saved(qtbot, window)

    def next_step():
        qtbot.mouseClick(player.next, Qt.MouseButton.LeftButton)
        wait_saved(qtbot, window)

    next_step()
    answer([0])
    next_step()
    answer([0])  # wrong
    next_step()
    answer([0])  # one of two right: partial credit
    assert player.question.verdict.text() == "Partly right: 50% of the marks"
    next_step()
    assert player.next.text() == "Finish"
    next_step()
    assert player.outcome is not None and not player.outcome.passed
    assert "25%" in player.text.toPlainText() and "80%" in player.text.toPlainText()
    assert player.retry.isVisible()
    progress = services.lane.call(repo.get_progress, learner_id=1, pack_id="sample",
                                  lesson_id="first-lesson")
    assert progress.status == "started" and progress.last_score == 25.0

    qtbot.mouseClick(player.retry, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)
    assert player.counter.text() == "Step 1 of 5"
    next_step()
    answer([0])
    next_step()
    answer([1])
    next_step()
    answer([0, 1])
    next_step()
    next_step()
    assert player.outcome.passed and "Lesson complete" in player.text.toPlainText()
    assert orders[:3] == [[0, 1], [0, 1, 2], [0, 1, 2]]  # first attempt: as written
    assert orders[3:] != orders[:3]  # the retry shuffles the options
    assert [sorted(o) for o in orders[3:]] == [[0, 1], [0, 1, 2], [0, 1, 2]]
    progress = services.lane.call(repo.get_progress, learner_id=1, pack_id="sample",
                                  lesson_id="first-lesson")
    assert progress.status == "completed" and progress.best_score == 100.0
    assert progress.attempt == 2
    qtbot.mouseClick(player.back_to_list, Qt.MouseButton.LeftButton)
    module = window.catalogue.tree.topLevelItem(0).child(0)
    assert module.text(2) == "1 of 2 done"
    assert module.child(0).text(2) == "✓ Done (100%)"
    assert [r[4] for r in answer_rows(data_dir)] == [1, 1, 1, 2, 2, 2]


def test_french_learner_gets_the_french_lesson(qtbot, services):
    """A learner who chose French reads the French text of a translated lesson."""
    window = make_window(qtbot, services)
    index = window.first_run.language.findData("fr_CA")
    window.first_run.language.setCurrentIndex(index)
    start_as(qtbot, window, "Amélie")
    window.open_lesson("sample", "first-lesson")
    wait_saved(qtbot, window)
    assert window.player.title.text() == "Allumer un téléphone"
    assert not window.player.fallback.isVisible()
    window.player.close_lesson()
    window.open_lesson("sample", "second-lesson")  # English only
    wait_saved(qtbot, window)
    assert window.player.fallback.isVisible()

"""Reviews on the home screen and the review screen, clicked through."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_lesson_flow import make_window, start_as, wait_saved


def test_missed_question_is_offered_for_review_then_cleared(qtbot, services):
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    catalogue = window.catalogue
    assert not catalogue.review_button.isVisible()
    assert catalogue.review_text.text().startswith("No reviews due today")
    assert catalogue.time_learned.text().startswith("Time learned: ")
    window.open_lesson("sample", "question-kinds")
    wait_saved(qtbot, window)
    player = window.player
    player.question.choose(1)  # "False": wrong
    qtbot.mouseClick(player.check, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)
    qtbot.mouseClick(player.back_to_list, Qt.MouseButton.LeftButton)
    assert catalogue.review_text.text() == (
        "Reviews due today: 1 question from lessons you have done.")
    assert catalogue.review_button.isVisible()

    qtbot.mouseClick(catalogue.review_button, Qt.MouseButton.LeftButton)
    review = window.review
    qtbot.waitUntil(lambda: window.stack.currentWidget() is review, timeout=5000)
    assert review.counter.text() == "Question 1 of 1"
    assert "Every kind of question" in review.source.text()
    assert "A phone needs a screen lock." in review.text.toPlainText()
    review.question.choose(0)  # true/false keeps its order: "True"
    qtbot.mouseClick(review.check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: review.next.isVisible(), timeout=5000)
    assert review.question.verdict.text() == "✓ Right!"
    assert review.next.text() == "Finish"
    qtbot.mouseClick(review.next, Qt.MouseButton.LeftButton)
    assert "You answered 1 of 1 question right." in review.text.toPlainText()
    qtbot.mouseClick(review.back_to_list, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is catalogue
    assert catalogue.review_text.text().startswith("No reviews due today")

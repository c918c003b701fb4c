"""Full-text search over the lessons in the learner's language (SQLite FTS5)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from navigator.storage import search
from tests.ui.test_lesson_flow import make_window, start_as, wait_saved


def find(services, text: str, language: str) -> list[tuple[str, str, str]]:
    hits = services.lane.call(search.search, text=text, language=language)
    return [(h.lesson_id, h.step_id, h.language) for h in hits]


def test_search_finds_words_in_english_and_in_french_lessons(services):
    """A French learner finds French words, accents or not; an English learner finds the
    English text; a lesson without French is searched in English for both."""
    assert ("first-lesson", "q-power", "en") in find(services, "volume-down", "en")
    french = find(services, "allumer", "fr_CA")
    assert french and all(lang == "fr" for _l, _s, lang in french)
    assert find(services, "telephone", "fr_CA") == find(services, "téléphone", "fr_CA")
    assert find(services, "allumer", "en") == []  # English learners see the English text
    assert ("second-lesson", "step-1", "en") in find(services, "complete", "fr_CA")  # fallback


def test_search_is_safe_with_any_input(services):
    """Quotes, stars and FTS operators typed by a learner are words, not syntax."""
    for text in ['"', "AND OR NOT", "power*", "(", "wi-fi NEAR(", "", "   "]:
        find(services, text, "en")  # no exception
    assert find(services, "   ", "en") == []


def test_results_appear_as_you_type_and_open_the_lesson_at_that_step(qtbot, services):
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    catalogue = window.catalogue
    qtbot.keyClicks(catalogue.search, "volume")
    qtbot.waitUntil(lambda: catalogue.results.isVisible(), timeout=5000)
    assert not catalogue.tree.isVisible()
    first = catalogue.results.item(0).text()
    assert first.startswith("\u2066Turning a phone on › ")  # isolated left to right
    catalogue.results.setFocus()
    qtbot.keyClick(catalogue.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.player, timeout=5000)
    wait_saved(qtbot, window)
    assert window.player.session.step.id in {"try-power", "q-power"}
    qtbot.mouseClick(window.player.back_to_list, Qt.MouseButton.LeftButton)
    catalogue.search.setText("zzzz")
    qtbot.waitUntil(lambda: catalogue.no_results.isVisible(), timeout=5000)
    assert catalogue.no_results.text() == "No lesson mentions “zzzz”."
    catalogue.search.clear()
    qtbot.waitUntil(lambda: catalogue.tree.isVisible(), timeout=5000)

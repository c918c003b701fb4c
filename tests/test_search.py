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


def reference_search(db, text: str, language: str, limit: int = 30) -> list[tuple]:
    """The search as first written: every lesson read, a snippet for every ranked row."""
    import json

    lessons = {(r["pack_id"], r["id"]): r for r in db.query(
        "SELECT l.pack_id, l.id, l.titles, l.languages, p.default_language FROM lessons l"
        " JOIN packs p ON p.id = l.pack_id")}
    hits = []
    for r in db.query(
            "SELECT pack_id, lesson_id, step_id, language, title,"
            " snippet(lesson_search, 5, '[', ']', '…', 12) AS snip FROM lesson_search"
            " WHERE lesson_search MATCH ? ORDER BY bm25(lesson_search, 10.0, 1.0) LIMIT ?",
            [search.fts_query(text), limit * 8]):
        lesson = lessons.get((r["pack_id"], r["lesson_id"]))
        if lesson is None:
            continue
        shown = search._shown_language(json.loads(lesson["languages"]), language,
                                       lesson["default_language"])
        if r["language"] == shown:
            hits.append((r["pack_id"], r["lesson_id"], r["step_id"], r["language"],
                         json.loads(lesson["titles"]).get(shown, ""), r["title"], r["snip"]))
    return hits[:limit]


def test_search_gives_what_the_plain_query_gives(services):
    """The per-keystroke search (ranked rows first, snippets for the hits kept) returns the
    same hits, in the same order, with the same snippets as the plain ranked query."""
    for language in ("en", "fr_CA", "es"):
        for text in ("p", "po", "pow", "power", "allumer", "t", "telephone", "e", "zzzz"):
            for limit in (30, 2):
                found = [tuple(vars(h).values()) for h in services.lane.call(
                    search.search, text=text, language=language, limit=limit)]
                assert found == services.lane.call(reference_search, text=text,
                                                   language=language, limit=limit)
    assert services.lane.call(search.search, text="power", language="en")[0].snippet

"""Full-text search over the lessons in the learner's language (SQLite FTS5)."""

from __future__ import annotations

import re

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
    """The search as first written: every lesson read, ranked by bm25 (no snippets)."""
    import json

    lessons = {(r["pack_id"], r["id"]): r for r in db.query(
        "SELECT l.pack_id, l.id, l.titles, l.languages, p.default_language FROM lessons l"
        " JOIN packs p ON p.id = l.pack_id")}
    hits = []
    for r in db.query(
            "SELECT pack_id, lesson_id, step_id, language, title FROM lesson_search"
            " WHERE lesson_search MATCH ? ORDER BY bm25(lesson_search, 10.0, 1.0) LIMIT ?",
            [search.fts_query(text), limit * 8]):
        lesson = lessons.get((r["pack_id"], r["lesson_id"]))
        if lesson is None:
            continue
        shown = search._shown_language(json.loads(lesson["languages"]), language,
                                       lesson["default_language"])
        if r["language"] == shown:
            hits.append((r["pack_id"], r["lesson_id"], r["step_id"], r["language"],
                         json.loads(lesson["titles"]).get(shown, ""), r["title"]))
    return hits[:limit]


def test_search_gives_what_the_plain_query_gives(services):
    """The per-keystroke search (ranked rows first, snippets for the hits kept) returns the
    same hits, in the same order, as the plain ranked query; each snippet shows a word that
    starts with what was typed."""
    for language in ("en", "fr_CA", "es"):
        for text in ("p", "po", "pow", "power", "allumer", "t", "telephone", "e", "zzzz"):
            for limit in (30, 2):
                hits = services.lane.call(search.search, text=text, language=language,
                                          limit=limit)
                assert [tuple(vars(h).values())[:-1] for h in hits] == services.lane.call(
                    reference_search, text=text, language=language, limit=limit)
                for hit in hits:
                    marked = re.findall(r"\[(\w+)\]", hit.snippet)
                    assert marked or text.lower() in search._fold(hit.step_title)
                    assert all(search._fold(w).startswith(search._fold(text)) for w in marked)
    assert "[power]" in services.lane.call(search.search, text="power", language="en")[0] \
        .snippet.lower()


def test_a_snippet_is_a_dozen_words_around_what_was_typed():
    body = ("Ouvrez les paramètres du téléphone. Touchez Réseau, puis choisissez le réseau "
            "Wi-Fi de la bibliothèque et tapez le mot de passe écrit sur l'affiche.")
    assert search.make_snippet(body, "reseau bibli") == (
        "…téléphone. Touchez [Réseau], puis choisissez le [réseau] Wi-Fi de la "
        "[bibliothèque]…")
    assert search.make_snippet(body, "OUVREZ") == (
        "[Ouvrez] les paramètres du téléphone. Touchez Réseau, puis choisissez le réseau "
        "Wi…")
    assert search.make_snippet(body, "affiche") == (
        "…la bibliothèque et tapez le mot de passe écrit sur l'[affiche].")
    assert search.make_snippet("Short text.", "zzz") == "Short text."
    assert search.make_snippet("", "x") == ""
    arabic = "افتح الإعدادات ثم اختر الشبكة واكتب كلمة السر"
    assert search.make_snippet(arabic, "كلمة") == arabic.replace("كلمة", "[كلمة]")


def test_a_very_broad_search_shows_title_matches_first_in_course_order(services,
                                                                       monkeypatch):
    """A query matching more steps than search.BROAD is not ranked (too slow per keystroke):
    the steps whose title matches come first, then the others, each in course order."""
    def run(text):
        return services.lane.call(search.search, text=text, language="en", limit=200)

    ranked = run("t")
    monkeypatch.setattr(search, "BROAD", 3)
    broad = run("t")
    assert {(h.lesson_id, h.step_id) for h in broad} == \
        {(h.lesson_id, h.step_id) for h in ranked}
    in_title = [search._fold(h.step_title) for h in broad]
    titled = [any(w.startswith("t") for w in re.findall(r"\w+", t)) for t in in_title]
    assert titled == sorted(titled, reverse=True) and True in titled and False in titled
    monkeypatch.setattr(search, "BROAD_PAGES", 1)
    assert 0 < len(run("t")) <= len(broad)

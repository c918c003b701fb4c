"""Searching lessons: the FTS5 index is filled when a pack is installed."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlite_utils import Database

from navigator.core.model import Pack, Step, fallback_chain

MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[#*_`>|\[\]]+")
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    pack_id: str
    lesson_id: str
    step_id: str
    language: str
    lesson_title: str
    step_title: str
    snippet: str


def _plain(markdown: str) -> str:
    return " ".join(MARKUP.sub(" ", markdown).split())


def _step_text(step: Step) -> str:
    parts = [step.body]
    if step.question is not None:
        parts += [f"{o.text} {o.feedback}" for o in step.question.options]
        parts += [step.question.explanation, step.question.picture_alt]
    return _plain("\n".join(parts))


def index_pack(db: Database, pack: Pack) -> None:
    """Replace the pack's rows in the search index (called by ``install_pack``)."""
    db.execute("DELETE FROM lesson_search WHERE pack_id = ?", [pack.id])
    rows = []
    for lesson in pack.lessons.values():
        for language, text in lesson.texts.items():
            for step in text.steps:
                rows.append([pack.id, lesson.id, step.id, language, step.title,
                             _step_text(step)])
    db.conn.executemany("INSERT INTO lesson_search (pack_id, lesson_id, step_id, language,"
                        " title, body) VALUES (?,?,?,?,?,?)", rows)


def fts_query(text: str) -> str:
    """Each word as a quoted prefix, all required: safe from FTS syntax in user input."""
    return " ".join(f'"{w}"*' for w in WORD.findall(text.lower()))


def search(db: Database, *, text: str, language: str, limit: int = 30) -> list[SearchHit]:
    """Steps matching every word of ``text``, in the language each lesson is shown in to a
    learner of ``language`` (with the pack's fallback chain), best matches first."""
    query = fts_query(text)
    if not query:
        return []
    lessons = {(r["pack_id"], r["id"]): r for r in db.query(
        "SELECT l.pack_id, l.id, l.titles, l.languages, p.default_language FROM lessons l"
        " JOIN packs p ON p.id = l.pack_id")}
    hits: list[SearchHit] = []
    for r in db.query(
            "SELECT pack_id, lesson_id, step_id, language, title,"
            " snippet(lesson_search, 5, '[', ']', '…', 12) AS snip FROM lesson_search"
            " WHERE lesson_search MATCH ? ORDER BY bm25(lesson_search, 10.0, 1.0)"
            " LIMIT ?", [query, limit * 8]):
        lesson = lessons.get((r["pack_id"], r["lesson_id"]))
        if lesson is None:
            continue
        shown = _shown_language(json.loads(lesson["languages"]), language,
                                lesson["default_language"])
        if r["language"] != shown:
            continue
        titles = json.loads(lesson["titles"])
        hits.append(SearchHit(r["pack_id"], r["lesson_id"], r["step_id"], r["language"],
                              titles.get(shown, ""), r["title"], r["snip"]))
        if len(hits) >= limit:
            break
    return hits


def _shown_language(languages: list[str], wanted: str, default: str) -> str:
    for candidate in fallback_chain(wanted, default):
        if candidate in languages:
            return candidate
    return default

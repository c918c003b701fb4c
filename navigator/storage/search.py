"""Searching lessons: the FTS5 index is filled when a pack is installed."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlite_utils import Database

from navigator.core.model import Pack, Step, fallback_chain

MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[#*_`>|\[\]]+")
WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 16  # more is a paste, not a search


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
    """Each word as a quoted prefix, all required: safe from FTS syntax in user input.

    A word typed twice counts once, and only the first :data:`MAX_WORDS` different words
    count: each is a prefix search of the index, and a pasted page of 50,000 words kept the
    storage lane (and every save waiting behind it) busy for minutes.
    """
    words = list(dict.fromkeys(WORD.findall(text.lower())))[:MAX_WORDS]
    return " ".join(f'"{w}"*' for w in words)


def search(db: Database, *, text: str, language: str, limit: int = 30) -> list[SearchHit]:
    """Steps matching every word of ``text``, in the language each lesson is shown in to a
    learner of ``language`` (with the pack's fallback chain), best matches first.

    Per keystroke, so only what is shown is worked for: the ranked rows come without their
    snippets, only their own lessons are read, and snippets are made for the hits kept."""
    query = fts_query(text)
    if not query:
        return []
    rows = db.execute(
        "SELECT rowid, pack_id, lesson_id, step_id, language, title FROM lesson_search"
        " WHERE lesson_search MATCH ? ORDER BY bm25(lesson_search, 10.0, 1.0) LIMIT ?",
        [query, limit * 8]).fetchall()
    lessons = _lessons(db, {(r[1], r[2]) for r in rows}, language)
    kept: list[tuple[int, str, str, str, str, str, str]] = []
    for rowid, pack_id, lesson_id, step_id, row_language, step_title in rows:
        lesson = lessons.get((pack_id, lesson_id))
        if lesson is None or row_language != lesson[1]:
            continue
        kept.append((rowid, pack_id, lesson_id, step_id, row_language, lesson[0], step_title))
        if len(kept) >= limit:
            break
    if not kept:
        return []
    snippets = dict(db.execute(
        "SELECT rowid, snippet(lesson_search, 5, '[', ']', '…', 12) FROM lesson_search"
        f" WHERE lesson_search MATCH ? AND rowid IN ({', '.join('?' * len(kept))})",
        [query, *(k[0] for k in kept)]).fetchall())
    return [SearchHit(pack_id, lesson_id, step_id, row_language, lesson_title, step_title,
                      snippets.get(rowid, ""))
            for rowid, pack_id, lesson_id, step_id, row_language, lesson_title, step_title
            in kept]


def _lessons(db: Database, keys: set[tuple[str, str]], language: str
             ) -> dict[tuple[str, str], tuple[str, str]]:
    """(pack, lesson) -> (the lesson's title in the language it is shown in, that
    language), for the lessons in ``keys`` that are installed."""
    if not keys:
        return {}
    pairs = sorted(keys)
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for pack_id, lesson_id, titles, languages, default in db.execute(
            "WITH wanted(pack_id, id) AS (VALUES "
            + ", ".join("(?, ?)" for _ in pairs) + ")"
            " SELECT l.pack_id, l.id, l.titles, l.languages, p.default_language"
            " FROM wanted w JOIN lessons l ON l.pack_id = w.pack_id AND l.id = w.id"
            " JOIN packs p ON p.id = l.pack_id", [v for pair in pairs for v in pair]):
        shown = _shown_language(json.loads(languages), language, default)
        found[(pack_id, lesson_id)] = (json.loads(titles).get(shown, ""), shown)
    return found


def _shown_language(languages: list[str], wanted: str, default: str) -> str:
    for candidate in fallback_chain(wanted, default):
        if candidate in languages:
            return candidate
    return default

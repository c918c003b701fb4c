"""Searching lessons: the FTS5 index is filled when a pack is installed."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from sqlite_utils import Database

from navigator.core.model import Pack, Step, fallback_chain

MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[#*_`>|\[\]]+")
WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 16  # more is a paste, not a search
# Ranking by bm25 costs about 0.75 µs per matching step on a 2-core laptop: a query
# matching more than this many steps is shown in course order instead (see search()).
BROAD = 5000
BROAD_PAGES = 20
SNIPPET_WORDS = 12
# The marks an accent is split into (Latin, Greek, Cyrillic) and Arabic's vowel marks.
COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
                       "\u064b-\u065f\u0670]")


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
    return " ".join(f'"{w}"*' for w in _words(text))


def _words(text: str) -> list[str]:
    return list(dict.fromkeys(WORD.findall(text.lower())))[:MAX_WORDS]


def _fold(text: str) -> str:
    """``text`` as the index compares it: lower case, without accents."""
    text = text.lower()
    return text if text.isascii() else COMBINING.sub("", unicodedata.normalize("NFKD", text))


def make_snippet(body: str, text: str, size: int = SNIPPET_WORDS) -> str:
    """About ``size`` words of ``body`` where most of the words of ``text`` are (each typed
    word the start of a word, letter case and accents aside, as the index matches them),
    those words in ``[`` ``]``, and ``…`` where the body was cut.

    Made here rather than by FTS5's ``snippet()``, which runs the whole query again for each
    row asked for (half a millisecond a row for 'wifi pass': 16 ms for a page of results)."""
    return _snippet(body, [_fold(w) for w in _words(text)], size)


def _snippet(body: str, wanted: list[str], size: int = SNIPPET_WORDS) -> str:
    """:func:`make_snippet` with the typed words already found and folded (once a search,
    not once a hit: a pasted page is 50,000 words)."""
    tokens = list(WORD.finditer(body))
    folded = WORD.findall(_fold(body))  # the same words, once for the whole text...
    if len(folded) != len(tokens):  # ...unless folding split one ('½' is '1⁄2')
        folded = [_fold(t.group()) for t in tokens]
    prefixes = tuple(wanted)
    matched = [next(i for i, w in enumerate(wanted) if word.startswith(w))
               if word.startswith(prefixes) else -1 for word in folded]
    if not tokens:
        return ""
    best, best_score = 0, -1
    for first in (i for i, m in enumerate(matched) if m >= 0):
        start = max(0, min(first - 2, len(tokens) - size))
        score = len({m for m in matched[start:start + size] if m >= 0})
        if score > best_score:
            best, best_score = start, score
    end = min(len(tokens), best + size)
    pieces: list[str] = ["…"] if best > 0 else []
    at = tokens[best].start() if best > 0 else 0
    for i in range(best, end):
        token = tokens[i]
        pieces.append(body[at:token.start()])
        pieces.append(f"[{token.group()}]" if matched[i] >= 0 else token.group())
        at = token.end()
    pieces.append("…" if end < len(tokens) else body[at:])
    return "".join(pieces)


def search(db: Database, *, text: str, language: str, limit: int = 30) -> list[SearchHit]:
    """Steps matching every word of ``text``, in the language each lesson is shown in to a
    learner of ``language`` (with the pack's fallback chain), best matches first.

    Per keystroke, so only what is shown is worked for: the ranked rows come without their
    snippets, only their own lessons are read, and snippets are made for the hits kept
    (:func:`make_snippet`).
    A query that matches more than :data:`BROAD` steps (one or two letters typed) is not
    ranked, which costs about a microsecond per match: steps whose title matches come
    first, then the others, both in course order."""
    query = fts_query(text)
    if not query:
        return []
    broad = db.execute("SELECT count(*) FROM lesson_search WHERE lesson_search MATCH ?",
                       [query]).fetchone()[0] > BROAD
    # ranked by rowid alone, then the columns read for the rows kept: sorting the columns
    # with the rowids read them for every match (2,600 matches: 4.6 ms -> 3.0 ms)
    pages = _in_course_order(db, query, limit * 8) if broad else iter([db.execute(
        "WITH ranked AS (SELECT rowid AS id, bm25(lesson_search, 10.0, 1.0) AS score"
        " FROM lesson_search WHERE lesson_search MATCH ? ORDER BY score LIMIT ?)"
        " SELECT s.rowid, s.pack_id, s.lesson_id, s.step_id, s.language, s.title"
        " FROM ranked JOIN lesson_search s ON s.rowid = ranked.id"
        " ORDER BY ranked.score, ranked.id", [query, limit * 8]).fetchall()])
    kept: list[tuple[int, str, str, str, str, str, str]] = []
    lessons: dict[tuple[str, str], tuple[str, str] | None] = {}
    for page in pages:
        for i, (rowid, pack_id, lesson_id, step_id, row_language, step_title) in \
                enumerate(page):
            if (pack_id, lesson_id) not in lessons:  # this lesson and the next few, together
                ahead = list(dict.fromkeys((r[1], r[2]) for r in page[i:]
                                           if (r[1], r[2]) not in lessons))[:limit]
                found = _lessons(db, set(ahead), language)
                lessons.update((key, found.get(key)) for key in ahead)
            lesson = lessons[(pack_id, lesson_id)]
            if lesson is None or row_language != lesson[1]:
                continue
            kept.append((rowid, pack_id, lesson_id, step_id, row_language, lesson[0],
                         step_title))
            if len(kept) >= limit:
                break
        if len(kept) >= limit:
            break
    if not kept:
        return []
    wanted = [_fold(w) for w in _words(text)]
    bodies = dict(db.execute(
        f"SELECT rowid, body FROM lesson_search WHERE rowid IN ({', '.join('?' * len(kept))})",
        [k[0] for k in kept]).fetchall())
    return [SearchHit(pack_id, lesson_id, step_id, row_language, lesson_title, step_title,
                      _snippet(bodies.get(rowid, ""), wanted))
            for rowid, pack_id, lesson_id, step_id, row_language, lesson_title, step_title
            in kept]


def _in_course_order(db: Database, query: str, size: int) -> Iterator[list[tuple]]:
    """Pages of matching rows in the order they were indexed (course order): those whose
    title matches, then the rest; at most :data:`BROAD_PAGES` pages in all."""
    seen: set[int] = set()
    pages = 0
    for match in (f"title : ({query})", query):
        after = 0
        while pages < BROAD_PAGES:
            rows = db.execute(
                "SELECT rowid, pack_id, lesson_id, step_id, language, title FROM lesson_search"
                " WHERE lesson_search MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?",
                [match, after, size]).fetchall()
            pages += 1
            if rows:
                after = rows[-1][0]
                yield [r for r in rows if r[0] not in seen]
                seen.update(r[0] for r in rows)
            if len(rows) < size:
                break


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

"""Text for the ear: Markdown to plain text, sentences, and word spans cleaned up.

Pure functions, no engine: the engine thread and the CLI both use them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html import unescape
from html.parser import HTMLParser

from navigator.core.model import LessonText

# A sentence ends at . ! ? … (and the Arabic, Urdu and CJK marks), maybe followed by closing
# quotes or brackets, then space; a blank line or a line break also ends one.
_SENTENCE_END = re.compile(r"[.!?…؟۔。！？]+[\"'”’»)\]]*(?=\s|$)|\n")
_TERMINAL = ".!?…؟۔。！？:;"


def sentences(text: str) -> list[tuple[int, int]]:
    """(offset, length) of each sentence of ``text``, surrounding spaces left out."""
    found: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _append_trimmed(found, text, start, match.end())
        start = match.end()
    _append_trimmed(found, text, start, len(text))
    return found


def _append_trimmed(found: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped and any(c.isalnum() for c in stripped):
        offset = start + (len(piece) - len(piece.lstrip()))
        found.append((offset, len(stripped)))


def _is_word_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LNM" or char in "'’-"


def word_extent(text: str, offset: int, length: int, limit: int) -> tuple[int, int] | None:
    """The word an engine event points at, as (offset, length) in ``text``, or ``None`` when
    it holds no letter or digit (an event on ``¿`` or on a space).

    eSpeak sometimes gives a shorter length than the word (``l'écran`` -> ``l``) or includes
    punctuation: the span is widened to the whole run of non-space characters (never past
    ``limit``, where the next word starts), then trimmed of punctuation at both ends.
    """
    start = max(0, min(offset, len(text)))
    end = max(start, min(offset + max(length, 0), limit, len(text)))
    if not any(c.isalnum() for c in text[start:end]):
        return None
    while end < min(limit, len(text)) and not text[end].isspace():
        end += 1
    while start < end and not _is_word_char(text[start]):
        start += 1
    while end > start and not _is_word_char(text[end - 1]):
        end -= 1
    if not any(c.isalnum() for c in text[start:end]):
        return None
    return start, end - start


class _TextExtractor(HTMLParser):
    """Visible text of sanitised lesson HTML, one line per block; pictures left out."""

    BLOCKS = frozenset({"p", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                        "blockquote", "pre", "dt", "dd", "div", "caption", "table", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(markdown: str) -> str:
    """Lesson Markdown as the words to read: formatting, links' addresses and pictures gone,
    one line per paragraph or list item."""
    from navigator.content.render import to_html  # Markdown is imported on first use

    extractor = _TextExtractor()
    extractor.feed(to_html(markdown))
    extractor.close()
    lines = (" ".join(unescape(line).split()) for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def join_for_speech(parts: Iterable[str]) -> str:
    """Pieces (a title, a paragraph, an option) as one text, each ending like a sentence so
    the voice pauses between them and sentence spans separate them."""
    lines: list[str] = []
    for part in parts:
        for line in part.split("\n"):
            line = line.strip()
            if not line:
                continue
            lines.append(line if line[-1] in _TERMINAL else line + ".")
    return "\n".join(lines)


def lesson_script(text: LessonText) -> str:
    """A whole lesson as one text to read: its title, then each step's title and text, its
    question and options (feedback and explanations, shown after answering, left out)."""
    parts = [text.title]
    for step in text.steps:
        parts.append(plain_text(step.title))
        if step.question is not None:  # a question step's body is its prompt
            parts.append(plain_text(step.question.prompt))
            parts.extend(plain_text(option.text) for option in step.question.options)
        elif step.body:
            parts.append(plain_text(step.body))
    return join_for_speech(parts)

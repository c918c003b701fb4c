"""What the speech engine hands back: voices and synthesized texts with their timing."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Voice:
    """A voice of the speech engine. ``languages`` are normalised codes (``fr_FR``, ``es``)."""

    id: str
    name: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Span:
    """A stretch of the text and when it is heard.

    ``offset`` and ``length`` index the original text (Python ``str`` indexes, so
    ``text[offset:offset + length]``); the times are milliseconds from the start of the WAV.
    """

    offset: int
    length: int
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Synthesis:
    """A text turned into a WAV file (mono, 16-bit) and the timing of its words.

    ``spans`` are words when ``word_level`` is true, otherwise sentences; they are in time
    order and follow each other without gaps (a word lasts until the next one starts, the last
    one until the end of the audio), so a highlight stays on a word through the pause after it.
    """

    text: str
    language: str
    voice: Voice
    rate: float
    path: Path
    duration_ms: int
    spans: tuple[Span, ...]
    word_level: bool

    def span_at(self, ms: int) -> Span | None:
        """The span being heard ``ms`` milliseconds into playback (``None`` before the first
        word and after the end)."""
        starts = [span.start_ms for span in self.spans]
        index = bisect_right(starts, ms) - 1
        if index < 0:
            return None
        span = self.spans[index]
        return span if ms < span.end_ms else None

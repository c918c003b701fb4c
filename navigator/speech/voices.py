"""Matching lesson languages to the speech engine's voices.

pyttsx3 2.99 on eSpeak NG gives each voice ``languages=['fr-fr']``: one string, the first of
the voice's languages, with eSpeak's priority byte already cut off. Older releases gave bytes
with the priority byte in front (``[b'\\x05fr']``); SAPI5 and NSSS give locale names
(``en_US``) or LCIDs. :func:`normalize_voice_language` reads all of these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from navigator.core.model import normalize_language
from navigator.speech.errors import SpeechUnavailable
from navigator.speech.model import Voice

DEFAULT_LANGUAGE = "en"  # the interface's own language: the only one with a last resort
_REGION = re.compile(r"^(?:[a-z]{2}|\d{3})$")


def normalize_voice_language(raw: object) -> tuple[str, int] | None:
    """An engine language tag -> (normalised code, number of subtags), or ``None``.

    ``'fr-fr'`` -> ``('fr_FR', 2)``, ``b'\\x05es'`` -> ``('es', 1)``, ``'en-gb-x-rp'`` ->
    ``('en_GB', 4)``, ``'cmn-latn-pinyin'`` -> ``('cmn', 3)``: the region is kept, scripts and
    private-use variants are dropped; the subtag count ranks general voices before variants.
    """
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="ignore")
    if not isinstance(raw, str):
        return None
    tag = raw.lstrip("".join(chr(c) for c in range(32))).strip().lower().replace("_", "-")
    parts = [p for p in tag.split("-") if p]
    if not parts or not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        return None
    code = parts[0]
    for part in parts[1:]:
        if part == "x":
            break
        if _REGION.match(part):
            code = normalize_language(f"{code}_{part}")
            break
    return code, len(parts)


def make_voice(voice_id: str, name: str | None, raw_languages: Iterable[Any]) -> tuple[Voice, int]:
    """A :class:`Voice` from what the engine reports, and its rank (lower = more general)."""
    codes: list[str] = []
    detail = 99
    for raw in raw_languages or ():
        found = normalize_voice_language(raw)
        if found and found[0] not in codes:
            codes.append(found[0])
            detail = min(detail, found[1])
    return Voice(id=str(voice_id), name=str(name or voice_id), languages=tuple(codes)), detail


def rank_voices(found: Sequence[tuple[Voice, int]]) -> list[Voice]:
    """Voices in order of preference: general ones (``es``, ``fr-fr``) before regional or
    named variants (``en-gb-scotland``), the voice whose id ends in its base language
    (eSpeak's ``roa/fr``, ``gmw/en``) first among equals, MBROLA voices (which need extra
    files) last."""
    def key(item: tuple[Voice, int]) -> tuple[bool, int, bool, str]:
        voice, detail = item
        base = voice.languages[0].split("_")[0] if voice.languages else ""
        tail = re.split(r"[/\\]", voice.id)[-1].lower()
        return voice.id.lower().startswith("mb/"), detail, tail != base, voice.id
    return [voice for voice, _detail in sorted(found, key=key)]


def choose_voice(voices: Sequence[Voice], language: str) -> Voice:
    """The voice for ``language`` from ``voices`` (already in order of preference).

    The chain: the exact code (``fr_CA``), then any voice of the base language (``fr``:
    French from France, Belgium...). A voice of another language is never used, so a French
    text is never read with English sounds, with one exception: for the interface's default
    language (``en``) and for an unspecified language (``""``) the last resort is the first
    voice that exists on this computer. Raises :class:`SpeechUnavailable` otherwise.
    """
    wanted = normalize_language(language) if language else ""
    base = wanted.split("_")[0]
    if wanted:
        if "_" in wanted:  # a plain "fr" takes the best French voice, not the first "fr" one
            for voice in voices:
                if wanted in voice.languages:
                    return voice
        for voice in voices:
            if any(code.split("_")[0] == base for code in voice.languages):
                return voice
    if base in ("", DEFAULT_LANGUAGE) and voices:
        return voices[0]
    raise SpeechUnavailable(wanted or language, "no voice for this language")

"""The engine-free parts: voice languages, the voice chain, sentences, word spans, plain
text from lesson Markdown, and finding the span heard at a moment."""

from __future__ import annotations

from pathlib import Path

import pytest

from navigator.speech import Span, SpeechUnavailable, Synthesis, Voice
from navigator.speech.text import join_for_speech, plain_text, sentences, word_extent
from navigator.speech.voices import (
    choose_voice,
    make_voice,
    normalize_voice_language,
    rank_voices,
)


@pytest.mark.parametrize(("raw", "code"), [
    ("fr-fr", "fr_FR"), (b"\x05fr", "fr"), ("es", "es"), ("es-419", "es_419"),
    ("en-gb-x-rp", "en_GB"), ("cmn-latn-pinyin", "cmn"), ("chr-US-Qaaa-x-west", "chr_US"),
    ("en_US", "en_US"), ("", None), (1033, None), ("Unknown", None),
])
def test_voice_languages_are_normalised(raw: object, code: str | None):
    """eSpeak tags (str, or bytes with a priority byte) and locale names become codes."""
    found = normalize_voice_language(raw)
    assert (found[0] if found else None) == code


def espeak_like_voices() -> list[Voice]:
    return rank_voices([make_voice(i, i, [lang]) for i, lang in [
        ("gmw/en-gb-scotland", "en-gb-scotland"), ("gmw/en-us", "en-us"), ("gmw/en", "en-gb"),
        ("roa/fr-be", "fr-be"), ("roa/fr", "fr-fr"), ("mb/mb-fr1", "fr"), ("roa/es", "es"),
        ("sem/ar", "ar")]])


@pytest.mark.parametrize(("language", "voice"), [
    ("fr_CA", "roa/fr"), ("fr", "roa/fr"), ("fr_BE", "roa/fr-be"), ("en", "gmw/en"),
    ("en_US", "gmw/en-us"), ("en_CA", "gmw/en"), ("es_MX", "roa/es"), ("ar_EG", "sem/ar"),
])
def test_voice_chain_picks_the_closest_voice_of_the_language(language: str, voice: str):
    """Exact code first, then the most general voice of the base language (not MBROLA)."""
    assert choose_voice(espeak_like_voices(), language).id == voice


def test_no_voice_of_another_language_except_for_english():
    """Without a German voice German is refused; without an English voice English (the
    interface language) or an unspecified language gets any voice that exists."""
    french_only = [Voice("roa/fr", "French", ("fr_FR",))]
    with pytest.raises(SpeechUnavailable) as caught:
        choose_voice(french_only, "de")
    assert caught.value.language == "de" and "German" in caught.value.message
    assert choose_voice(french_only, "en").id == "roa/fr"
    assert choose_voice(french_only, "").id == "roa/fr"
    with pytest.raises(SpeechUnavailable):
        choose_voice([], "en")


def test_sentences_split_on_end_marks_and_lines():
    """Sentences end at . ! ? … ؟ and line breaks; quotes stay with their sentence."""
    text = "Hola. ¿Está listo? «Sí.»\nاضغط هنا؟ ثم انتظر…  Done"
    assert [text[o:o + n] for o, n in sentences(text)] == [
        "Hola.", "¿Está listo?", "«Sí.»", "اضغط هنا؟", "ثم انتظر…", "Done"]
    assert sentences(" ... ") == []


def test_word_extent_covers_the_whole_word():
    """An engine event that covers part of a word, or punctuation, becomes the word."""
    text = "Regardez l'écran. ¿Está?"
    assert word_extent(text, 9, 1, len(text)) == (9, 7)  # l -> l'écran
    assert word_extent(text, 18, 5, len(text)) == (19, 4)  # ¿Está? -> Está
    assert word_extent(text, 8, 1, len(text)) is None  # a space


def test_plain_text_from_lesson_markdown():
    """Formatting, links and pictures go; each paragraph and item is its own line."""
    markdown = ("![A phone](media/p.svg)\n\nPress **Next** and [read more](https://x.org).\n\n"
                "- one &amp; two\n- three\n")
    assert plain_text(markdown) == "Press Next and read more.\none & two\nthree"
    assert join_for_speech(["Title", "A line.\nB?", ""]) == "Title.\nA line.\nB?"


def test_span_at_finds_the_span_being_heard():
    """Before the first word and after the end: None; otherwise the span under way."""
    spans = (Span(0, 5, 100, 400), Span(6, 5, 400, 900))
    synthesis = Synthesis("Hello world", "en", Voice("v", "v", ("en",)), 1.0, Path("x.wav"),
                          900, spans, True)
    assert [synthesis.span_at(ms) for ms in (0, 100, 399, 400, 899, 900)] == \
        [None, spans[0], spans[0], spans[1], spans[1], None]

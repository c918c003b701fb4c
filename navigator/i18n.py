"""Interface strings: ``from navigator.i18n import _, N_, ngettext, pgettext``.

Catalogs live in ``translations/<lang>/LC_MESSAGES/navigator.mo`` (compiled from ``.po`` by
``python -m navigator.i18n_build``). Nothing is translated at import time: ``_`` looks the
message up in the current catalog each time it is called, so the language can change while
the app runs.
Screens re-translate themselves when the main window switches language.
"""

from __future__ import annotations

import gettext

from navigator.core.model import normalize_language
from navigator.paths import translations_dir

DOMAIN = "navigator"
SOURCE_LANGUAGE = "en"

_current = gettext.NullTranslations()
_language = SOURCE_LANGUAGE
_locale = SOURCE_LANGUAGE


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _current.gettext(message)


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark ``message`` for extraction without translating it (translate later with ``_``)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate a word whose meaning depends on ``context`` (e.g. "Check" the verb)."""
    return _current.pgettext(context, message)


def current_language() -> str:
    """The language of the catalog in use (``fr`` for a ``fr_CA`` learner)."""
    return _language


def current_locale() -> str:
    """The locale the user asked for (``fr_CA``): dates and numbers follow it."""
    return _locale


def catalog_file() -> str | None:
    """The compiled catalog in use (``.../fr/LC_MESSAGES/navigator.mo``); None in English."""
    if _language == SOURCE_LANGUAGE:
        return None
    return gettext.find(DOMAIN, localedir=str(translations_dir()), languages=[_language])


def set_language(language: str) -> str:
    """Switch the interface language; returns the language actually used.

    ``fr_CA`` falls back to ``fr``; an unknown language falls back to English.
    """
    global _current, _language, _locale
    language = normalize_language(language)
    candidates = [language]
    if "_" in language:
        candidates.append(language.split("_")[0])
    translations: gettext.NullTranslations = gettext.NullTranslations()
    used = SOURCE_LANGUAGE
    for candidate in candidates:
        if candidate.split("_")[0] == SOURCE_LANGUAGE:
            used = candidate
            break
        try:
            translations = gettext.translation(
                DOMAIN, localedir=str(translations_dir()), languages=[candidate]
            )
        except OSError:
            continue
        used = candidate
        break
    _current = translations
    _language = used
    _locale = language if used == language.split("_")[0] or used == language else used
    return _language


def is_right_to_left(language: str | None = None) -> bool:
    code = normalize_language(language or _language).split("_")[0]
    return code in {"ar", "fa", "he", "ur", "ps", "ckb", "yi"}


def in_language(message: str, language: str) -> str:
    """``message`` (marked with ``N_``) translated into ``language`` rather than the
    interface's: words a client reads (a handout, the intake's answers) are in the client's
    language, whatever language the navigator's screen is in. English when there is no
    catalog for that language (gettext keeps the catalogs it has read)."""

    for candidate in dict.fromkeys([language, language.split("_")[0]]):
        if candidate.split("_")[0] == SOURCE_LANGUAGE:
            return message
        try:
            catalog = gettext.translation(DOMAIN, localedir=str(translations_dir()),
                                          languages=[candidate])
        except OSError:
            continue
        return catalog.gettext(message)
    return message

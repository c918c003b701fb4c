"""The interface speaks English, French, Arabic and Spanish: catalogs complete and current,
dates and numbers in each locale's own way."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from navigator.formatting import (
    format_date,
    format_hours_minutes,
    format_list,
    format_number,
    format_percentage,
)
from navigator.paths import translations_dir

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "ar", "es")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def read_catalog(path: Path, locale: str | None = None):
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "navigator"), method_map=[("**.py", "python")], keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_string_in_the_source_is_in_the_template():
    """No interface string is missing from translations/navigator.pot (run the documented
    extract command when this fails)."""
    template = {m.id if isinstance(m.id, str) else m.id[0]
                for m in read_catalog(translations_dir() / "navigator.pot") if m.id}
    missing = sorted(source_messages() - template)
    assert missing == [], f"{len(missing)} strings are not in the .pot: {missing[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_translates_every_string_and_compiles(language: str):
    """Each catalog has every template string, none empty or fuzzy, placeholders kept."""
    template = read_catalog(translations_dir() / "navigator.pot")
    catalog = read_catalog(translations_dir() / language / "LC_MESSAGES" / "navigator.po",
                           language)
    problems = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, message.context)
        if entry is None:
            problems.append(("missing", message.id))
            continue
        if entry.fuzzy:
            problems.append(("fuzzy", message.id))
        strings = entry.string if isinstance(entry.string, tuple | list) else (entry.string,)
        if not all(strings):
            problems.append(("empty", message.id))
    assert problems == [], f"{len(problems)} problems, first: {problems[:3]}"
    assert not any(error for _m, error in catalog.check()), "placeholders differ"
    write_mo(io.BytesIO(), catalog)  # compiles


def test_dates_and_numbers_follow_the_locale():
    """Babel formats per locale: French-Canadian day-month, Arabic digits only where
    asked."""
    day = date(2026, 11, 24)
    assert format_date(day, locale="fr_CA") == "24 nov. 2026"
    assert format_date(day, locale="en") == "Nov 24, 2026"
    assert format_date(day, locale="es") == "24 nov 2026"

    def plain(text: str) -> str:
        return text.replace("\u202f", " ").replace("\xa0", " ")

    assert plain(format_number(1234.5, locale="fr_CA")) == "1 234,5"
    assert format_number(1234.5, locale="en") == "1,234.5"
    assert format_number(1234.5, locale="es") == "1.234,5"
    assert plain(format_percentage(80, locale="fr_CA")) == "80 %"
    assert format_number(25, locale="ar_EG") == "٢٥"  # this locale asks for Arabic-Indic
    assert format_number(25, locale="ar") == "25"
    assert format_hours_minutes(12000, locale="en") == "3 hr 20 min"
    assert format_list(["Wi-Fi", "data", "SMS"], locale="fr_CA") == "Wi-Fi, data et SMS"
    assert format_hours_minutes(0, locale="en") == "0 min"  # not "0 sec"


def test_the_interface_languages_names_are_those_of_babel():
    """The names kept in the code (to spare start-up reading CLDR data) are Babel's own."""
    from babel import Locale

    from navigator.ui.widgets import INTERFACE_LANGUAGES, OWN_NAMES, language_name

    assert set(OWN_NAMES) == set(INTERFACE_LANGUAGES)
    for code, name in OWN_NAMES.items():
        locale = Locale.parse(code)
        own = locale.get_display_name(locale)
        assert name == own[:1].upper() + own[1:]
    assert language_name("de") == "Deutsch"  # others still come from Babel

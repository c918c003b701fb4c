"""Dates, times, numbers, percentages, durations and lists in the user's locale (Babel).

Everything formats for :func:`navigator.i18n.current_locale` unless a locale is given, so
``24 nov. 2026`` in Canadian French and Arabic-Indic digits only where the locale's own
numbering system asks for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.dates import format_timedelta
from babel.lists import format_list as _format_list
from babel.numbers import format_decimal, format_percent

from navigator.i18n import current_locale

# Digits of the numbering systems a locale may ask for (CLDR ``defaultNumberingSystem``).
# Babel picks a locale's separators but writes Latin digits; we put in the locale's own.
DIGITS = {
    "arab": "٠١٢٣٤٥٦٧٨٩",  # e.g. ar_EG, ar_SA, ar_SY
    "arabext": "۰۱۲۳۴۵۶۷۸۹",  # fa, ps, ur_IN
    "beng": "০১২৩৪৫৬৭৮৯",
    "deva": "०१२३४५६७८९",
    "mymr": "၀၁၂၃၄၅၆၇၈၉",
}


def _native_digits(text: str, locale: Locale) -> str:
    digits = DIGITS.get(locale.default_numbering_system or "latn")
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


def _locale(locale: str | None) -> Locale:
    code = locale or current_locale()
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(code.split("_")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse("en")


def format_date(value: date | datetime, *, locale: str | None = None,
                length: str = "medium") -> str:
    """``24 nov. 2026`` (fr_CA), ``Nov 24, 2026`` (en)."""
    loc = _locale(locale)
    return _native_digits(_format_date(value, format=length, locale=loc), loc)


def format_datetime(value: datetime, *, locale: str | None = None,
                    length: str = "medium") -> str:
    loc = _locale(locale)
    return _native_digits(_format_datetime(value, format=length, locale=loc), loc)


def format_number(value: float, *, locale: str | None = None) -> str:
    """``1 234,5`` (fr_CA), ``1,234.5`` (en)."""
    loc = _locale(locale)
    return _native_digits(format_decimal(value, locale=loc, numbering_system="default"), loc)


def format_percentage(percent: float, *, locale: str | None = None) -> str:
    """A percentage given out of 100: ``80 %`` (fr_CA), ``80%`` (en)."""
    loc = _locale(locale)
    return _native_digits(format_percent(round(percent) / 100, locale=loc,
                                         numbering_system="default"), loc)


def format_minutes(minutes: float, *, locale: str | None = None) -> str:
    """A short duration: ``5 min``, ``2 h`` (rounded to the largest sensible unit)."""
    loc = _locale(locale)
    return _native_digits(format_timedelta(timedelta(minutes=minutes), format="short",
                                           threshold=1.0, locale=loc), loc)


def format_hours_minutes(seconds: int, *, locale: str | None = None) -> str:
    """Time learned: ``3 h 20 min`` in the locale's own short units."""
    loc = _locale(locale)
    hours, rest = divmod(max(0, int(seconds)) // 60, 60)
    parts = []
    if hours:
        parts.append(format_timedelta(timedelta(hours=hours), format="short", locale=loc))
    if rest or not hours:
        parts.append(format_timedelta(timedelta(minutes=rest), format="short",
                                      granularity="minute", locale=loc))
    return _native_digits(" ".join(parts), loc)


def format_list(items: Sequence[str], *, locale: str | None = None) -> str:
    """``A, B and C`` / ``A, B et C`` / ``A وB وC``."""
    return _format_list(list(items), locale=_locale(locale)) if items else ""


def format_month(month: str, *, locale: str | None = None) -> str:
    """``2026-01`` → ``Jan 2026`` (en), ``janv. 2026`` (fr), in the locale's digits."""
    from babel.dates import format_skeleton

    loc = _locale(locale)
    try:
        moment = date(int(month[:4]), int(month[5:7]), 1)
    except ValueError:
        return month
    return _native_digits(format_skeleton("yMMM", moment, locale=loc), loc)

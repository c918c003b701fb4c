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
    return _format_date(value, format=length, locale=_locale(locale))


def format_datetime(value: datetime, *, locale: str | None = None,
                    length: str = "medium") -> str:
    return _format_datetime(value, format=length, locale=_locale(locale))


def format_number(value: float, *, locale: str | None = None) -> str:
    """``1 234,5`` (fr_CA), ``1,234.5`` (en)."""
    return format_decimal(value, locale=_locale(locale))


def format_percentage(percent: float, *, locale: str | None = None) -> str:
    """A percentage given out of 100: ``80 %`` (fr_CA), ``80%`` (en)."""
    return format_percent(round(percent) / 100, locale=_locale(locale))


def format_minutes(minutes: float, *, locale: str | None = None) -> str:
    """A short duration: ``5 min``, ``2 h`` (rounded to the largest sensible unit)."""
    return format_timedelta(timedelta(minutes=minutes), format="short", threshold=1.0,
                            locale=_locale(locale))


def format_hours_minutes(seconds: int, *, locale: str | None = None) -> str:
    """Time learned: ``3 h 20 min`` in the locale's own short units."""
    loc = _locale(locale)
    hours, rest = divmod(max(0, int(seconds)) // 60, 60)
    parts = []
    if hours:
        parts.append(format_timedelta(timedelta(hours=hours), format="short", locale=loc))
    if rest or not hours:
        parts.append(format_timedelta(timedelta(minutes=rest), format="short", locale=loc))
    return " ".join(parts)


def format_list(items: Sequence[str], *, locale: str | None = None) -> str:
    """``A, B and C`` / ``A, B et C`` / ``A وB وC``."""
    return _format_list(list(items), locale=_locale(locale)) if items else ""

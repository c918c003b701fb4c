"""The figures of a chart and their words, apart from any widget: what a chart shows
(:class:`ChartData`), round axis ticks, and the sentences a screen reader hears (the summary
and a category's figures). No Qt here: the same words can serve a report or a test."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from navigator.formatting import format_list, format_number
from navigator.i18n import _


@dataclass
class Series:
    """One set of figures, a value per category. ``None`` hides a figure (e.g. a group of
    fewer than 5 clients): no bar is drawn and the table says "not shown"."""

    name: str
    values: list[float | None]


@dataclass
class ChartData:
    """The figures of one chart, with every text already translated by the caller.
    ``unit`` names what the values count ("hours"), beside the value axis and in the table's
    headers; ``value_format`` writes a value (default: a number in the user's locale);
    ``category_label`` heads the table's first column (default: the title)."""

    title: str
    categories: list[str]
    series: list[Series]
    unit: str = ""
    value_format: Callable[[float], str] | None = None
    category_label: str = ""

    def format(self, value: float) -> str:
        return self.value_format(value) if self.value_format else format_number(value)

    def value(self, series: int, category: int) -> float | None:
        """A figure, ``None`` when hidden or missing; below zero counts as zero."""
        values = self.series[series].values
        found = values[category] if category < len(values) else None
        return None if found is None else max(0.0, float(found))

    def total(self, category: int, *, stacked: bool) -> float | None:
        """The length of the category's bar: the sum (stacked) or the longest (grouped)."""
        found = [v for s in range(len(self.series))
                 if (v := self.value(s, category)) is not None]
        if not found:
            return None
        return sum(found) if stacked else max(found)

    @property
    def is_empty(self) -> bool:
        """Nothing to draw: no categories, or no figure above zero."""
        return not any(self.value(s, c) for s in range(len(self.series))
                       for c in range(len(self.categories)))

    @property
    def has_hidden(self) -> bool:
        return any(self.value(s, c) is None for s in range(len(self.series))
                   for c in range(len(self.categories)))

    @property
    def counts(self) -> bool:
        """Whole numbers only: the axis then has whole-number ticks."""
        return all(v is None or float(v).is_integer() for s in self.series for v in s.values)


def nice_ticks(top: float, count: int = 5, *, integers: bool = False) -> list[float]:
    """Round ticks from 0 up to ``top`` or just above (0, 5, 10… or 0, 0.25, 0.5…), about
    ``count`` steps; whole steps only when ``integers``."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if integers else (1, 2, 2.5, 5, 10)
    step = next(m * magnitude for m in steps if m * magnitude >= raw * (1 - 1e-9))
    if integers:
        step = max(1.0, float(round(step)))
    return [round(i * step, 10) for i in range(math.ceil(top / step - 1e-9) + 1)]


def default_summary(data: ChartData, *, stacked: bool = False, empty_text: str = "") -> str:
    """One sentence for the accessible description: the highest and the lowest figures (of
    the totals when stacked, of every bar when grouped), and a word when some are hidden."""
    entries: list[tuple[float, str]] = []
    for c, category in enumerate(data.categories):
        if stacked or len(data.series) == 1:
            total = data.total(c, stacked=stacked)
            if total is not None:
                entries.append((total, category))
            continue
        for s, series in enumerate(data.series):
            value = data.value(s, c)
            if value is not None:
                entries.append((value, _("{category}, {series}").format(
                    category=category, series=series.name)))
    if data.is_empty or not entries:
        text = empty_text
    else:
        high = max(entries, key=lambda e: e[0])
        low = min(entries, key=lambda e: e[0])
        text = _("Highest: {high} ({high_value}). Lowest: {low} ({low_value}).").format(
            high=high[1], high_value=data.format(high[0]), low=low[1],
            low_value=data.format(low[0]))
    if data.has_hidden:
        text = (text + " " + _("Some figures are not shown.")).strip()
    return text


def describe_category(data: ChartData, category: int, *, stacked: bool = False) -> str:
    """A category's figures in words: "Jan 2026: In person 4, Phone 2 and Video 0"."""
    parts = []
    for s, series in enumerate(data.series):
        value = data.value(s, category)
        shown = _("not shown") if value is None else data.format(value)
        parts.append(shown if len(data.series) == 1 else _("{series} {value}").format(
            series=series.name, value=shown))
    total = data.total(category, stacked=True)
    if stacked and len(data.series) > 1 and total is not None:
        parts.append(_("total {value}").format(value=data.format(total)))
    return _("{category}: {figures}").format(category=data.categories[category],
                                             figures=format_list(parts))

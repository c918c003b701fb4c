"""What a bar chart shows and where each part goes: the figures (:class:`ChartData`), the
geometry of bars, labels and legend (:func:`layout_chart`), and the painting, with colours
*and* patterns that tell series apart in greyscale print, for colour-blind readers and in the
high-contrast theme.

The geometry is computed apart from the widget (``charts.BarChart``) so that tests can check
where things are, and the mouse and keyboard use the very rectangles that were painted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QImage, QPainter, QPen

from navigator.ui.chart_data import ChartData, nice_ticks

# Dark enough for 3:1 against white (WCAG 1.4.11), and each series has its own pattern.
COLOURS = ("#1d4ed8", "#b45309", "#047857", "#7e22ce", "#be123c", "#374151")
CONTRAST_COLOURS = ("#ffffff", "#ffd700")  # on black, alternating, patterns differ
PATTERNS = ("solid", "stripes", "dots", "cross", "lines", "checks")
CONTRAST_GRID = "#808080"
ALIGN_START = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute
ALIGN_END = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
MIDDLE = Qt.AlignmentFlag.AlignVCenter


# --- geometry -----------------------------------------------------------------------------


@dataclass
class Bar:
    category: int
    series: int
    rect: QRectF
    value: float


@dataclass
class Label:
    """A text as drawn (``text``, perhaps shortened with "…") and in full (``full``)."""

    rect: QRectF
    text: str
    full: str
    kind: str  # "category", "tick", "value", "legend", "unit" or "empty"
    align: Qt.AlignmentFlag


@dataclass
class ChartLayout:
    plot: QRectF
    bars: list[Bar] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    grid: list[QLineF] = field(default_factory=list)
    baseline: QLineF | None = None
    slots: list[QRectF] = field(default_factory=list)  # each category's band (highlight, mouse)
    swatches: list[tuple[int, QRectF]] = field(default_factory=list)


def _legend_items(data: ChartData, width: float, metrics: QFontMetricsF
                  ) -> list[list[tuple[int, float]]]:
    """The legend's rows: (series, item width) wrapped to ``width``."""
    line = metrics.height()
    rows: list[list[tuple[int, float]]] = [[]]
    used = 0.0
    for s, series in enumerate(data.series):
        item = min(line * 1.4 + metrics.horizontalAdvance(series.name), width)
        if rows[-1] and used + item > width:
            rows.append([])
            used = 0.0
        rows[-1].append((s, item))
        used += item + line
    return rows


def legend_height(data: ChartData, width: float, metrics: QFontMetricsF) -> float:
    if len(data.series) < 2:
        return 0.0
    return len(_legend_items(data, width, metrics)) * metrics.height() * 1.4 + 4


def preferred_height(data: ChartData, width: float, metrics: QFontMetricsF, *,
                     horizontal: bool, stacked: bool) -> float:
    """The height at which every bar and label has room, for a chart ``width`` wide."""
    line = metrics.height()
    if data.is_empty:
        return line * 6
    extra = legend_height(data, width, metrics) + (line * 1.2 if data.unit else 0)
    if not horizontal:
        return line * 15 + extra
    groups = 1 if stacked else max(1, len(data.series))
    per_row = line * 1.7 if groups == 1 else line * (1.05 * groups + 0.7)
    return max(1, len(data.categories)) * per_row + line * 2 + extra


def _ticks_that_fit(data: ChartData, top: float, room: float, gap: Callable[[list[str]], float]
                    ) -> list[float]:
    """The most ticks (up to 6) whose labels do not crowd each other in ``room`` pixels."""
    ticks: list[float] = []
    for count in (6, 5, 4, 3, 2, 1):
        ticks = nice_ticks(top, count, integers=data.counts)
        if room / (len(ticks) - 1) >= gap([data.format(t) for t in ticks]):
            break
    return ticks


def layout_chart(data: ChartData, area: QRectF, metrics: QFontMetricsF, *, horizontal: bool,
                 stacked: bool, rtl: bool, empty_text: str = "") -> ChartLayout:
    """Where everything goes in ``area``; mirrored for right-to-left (``rtl``)."""
    if data.is_empty:
        return ChartLayout(area, labels=[Label(area, empty_text, empty_text, "empty",
                                               Qt.AlignmentFlag.AlignCenter)])
    legend = legend_height(data, area.width(), metrics)
    body = area.adjusted(0, 0, 0, -legend)
    layout = (_horizontal if horizontal else _vertical)(data, body, metrics, stacked, rtl)
    _legend(layout, data, QRectF(area.left(), body.bottom(), area.width(), legend), metrics,
            rtl)
    return layout


def _elided(metrics: QFontMetricsF, text: str, width: float) -> str:
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width))


def _vertical(data: ChartData, area: QRectF, metrics: QFontMetricsF, stacked: bool,
              rtl: bool) -> ChartLayout:
    line = metrics.height()
    labels: list[Label] = []
    if data.unit:
        labels.append(Label(QRectF(area.left(), area.top(), area.width(), line),
                            _elided(metrics, data.unit, area.width()), data.unit, "unit",
                            (ALIGN_END if rtl else ALIGN_START) | MIDDLE))
    top = area.top() + (line * 1.2 if data.unit else 0) + line * 1.2  # room for value labels
    bottom = area.bottom() - line * 1.4  # room for the category labels
    totals = [data.total(c, stacked=stacked) for c in range(len(data.categories))]
    ticks = _ticks_that_fit(data, max(t or 0 for t in totals), bottom - top,
                            lambda _texts: line * 1.5)
    tick_texts = [data.format(t) for t in ticks]
    axis = max(metrics.horizontalAdvance(t) for t in tick_texts) + line * 0.6
    plot = QRectF(area.left() + (0 if rtl else axis), top, area.width() - axis, bottom - top)
    scale = plot.height() / ticks[-1]
    layout = ChartLayout(plot, baseline=QLineF(plot.bottomLeft(), plot.bottomRight()))
    for tick, text in zip(ticks, tick_texts, strict=True):
        y = plot.bottom() - tick * scale
        if tick:
            layout.grid.append(QLineF(plot.left(), y, plot.right(), y))
        box = QRectF(plot.right() + line * 0.3 if rtl else area.left(), y - line / 2,
                     axis - line * 0.3, line)
        labels.append(Label(box, text, text, "tick", (ALIGN_START if rtl else ALIGN_END)
                            | MIDDLE))
    count = len(data.categories)
    groups = 1 if stacked else len(data.series)
    slot = plot.width() / count
    group = min(slot * 0.72, line * 2.2 * groups)
    width = group / groups
    values: list[Label] = []
    for c in range(count):
        left = plot.left() + (count - 1 - c if rtl else c) * slot
        layout.slots.append(QRectF(left, top - line * 1.2, slot, bottom - top + line * 2.6))
        x0, base = left + (slot - group) / 2, 0.0
        for s in range(len(data.series)):
            value = data.value(s, c)
            if value is None:
                continue
            x = x0 if stacked else x0 + (groups - 1 - s if rtl else s) * width
            start, base = (base, base + value) if stacked else (0.0, value)
            rect = QRectF(x, plot.bottom() - base * scale, width, (base - start) * scale)
            layout.bars.append(Bar(c, s, rect, value))
            if not stacked:
                room = slot * 0.96 if groups == 1 else width
                values.append(_value_label(data, value, rect.center().x(), rect.top(), room,
                                           line))
        if stacked and totals[c] is not None:
            values.append(_value_label(data, totals[c] or 0.0, left + slot / 2,
                                       plot.bottom() - (totals[c] or 0.0) * scale,
                                       slot * 0.96, line))
    if all(metrics.horizontalAdvance(v.text) <= v.rect.width() for v in values):
        labels.extend(values)
    widest = max(metrics.horizontalAdvance(name) for name in data.categories)
    every = 1
    need = min(widest, metrics.horizontalAdvance("MMMMM")) + line * 0.6
    while slot * every < need and every < count:
        every += 1
    for c, name in enumerate(data.categories):
        if c % every:
            continue
        centre = layout.slots[c].center().x()
        box = QRectF(centre - slot * every / 2, bottom + line * 0.2, slot * every,
                     line).intersected(area)
        labels.append(Label(box, _elided(metrics, name, box.width() - 2), name, "category",
                            Qt.AlignmentFlag.AlignCenter))
    layout.labels = labels
    return layout


def _value_label(data: ChartData, value: float, centre: float, top: float, room: float,
                 line: float) -> Label:
    text = data.format(value)
    return Label(QRectF(centre - room / 2, top - line * 1.1, room, line), text, text, "value",
                 Qt.AlignmentFlag.AlignCenter)


def _horizontal(data: ChartData, area: QRectF, metrics: QFontMetricsF, stacked: bool,
                rtl: bool) -> ChartLayout:
    line, pad = metrics.height(), metrics.height() * 0.3
    count, groups = len(data.categories), 1 if stacked else len(data.series)
    totals = [data.total(c, stacked=stacked) for c in range(count)]
    top_value = max(t or 0 for t in totals)
    label_width = min(area.width() * 0.4,
                      max(metrics.horizontalAdvance(c) for c in data.categories) + line * 0.8)
    shown = ([data.format(t) for t in totals if t is not None] if stacked else
             [data.format(v) for s in range(groups) for c in range(count)
              if (v := data.value(s, c)) is not None])
    value_width = max(metrics.horizontalAdvance(t) for t in shown) + pad * 2
    first_ticks = [data.format(t) for t in nice_ticks(top_value, 5, integers=data.counts)]
    end_pad = max(value_width, max(metrics.horizontalAdvance(t) for t in first_ticks) / 2 + pad)
    tick_row = line * 1.3
    plot = QRectF(area.left() + (end_pad if rtl else label_width), area.top() + pad,
                  area.width() - label_width - end_pad,
                  area.height() - pad - tick_row - (line * 1.2 if data.unit else 0))
    ticks = _ticks_that_fit(data, top_value, plot.width(), lambda texts: max(
        metrics.horizontalAdvance(t) for t in texts) + line)
    scale = plot.width() / ticks[-1]

    def x_at(value: float) -> float:
        return plot.right() - value * scale if rtl else plot.left() + value * scale

    layout = ChartLayout(plot, baseline=QLineF(x_at(0), plot.top(), x_at(0), plot.bottom()))
    labels: list[Label] = []
    for tick in ticks:
        x, text = x_at(tick), data.format(tick)
        if tick:
            layout.grid.append(QLineF(x, plot.top(), x, plot.bottom()))
        half = metrics.horizontalAdvance(text) / 2 + 2
        box = QRectF(x - half, plot.bottom() + pad / 2, half * 2, line)
        box.moveLeft(min(max(box.left(), area.left()), area.right() - box.width()))
        labels.append(Label(box, text, text, "tick", Qt.AlignmentFlag.AlignCenter))
    if data.unit:
        box = QRectF(area.left(), plot.bottom() + tick_row, area.width(), line)
        labels.append(Label(box, _elided(metrics, data.unit, box.width()), data.unit, "unit",
                            (ALIGN_START if rtl else ALIGN_END) | MIDDLE))
    slot = plot.height() / count
    group = min(slot * 0.8, line * 1.3 * groups)
    thickness = group / groups
    values: list[Label] = []
    for c, name in enumerate(data.categories):
        slot_top = plot.top() + c * slot
        layout.slots.append(QRectF(area.left(), slot_top, area.width(), slot))
        y0, base = slot_top + (slot - group) / 2, 0.0
        for s in range(len(data.series)):
            value = data.value(s, c)
            if value is None:
                continue
            y = y0 if stacked else y0 + s * thickness
            start, base = (base, base + value) if stacked else (0.0, value)
            left, right = sorted((x_at(start), x_at(base)))
            layout.bars.append(Bar(c, s, QRectF(left, y, right - left, thickness), value))
            if not stacked:
                values.append(_end_label(data, value, x_at(value), y + thickness / 2,
                                         value_width, line, rtl))
        if stacked and totals[c] is not None:
            values.append(_end_label(data, totals[c] or 0.0, x_at(totals[c] or 0.0),
                                     slot_top + slot / 2, value_width, line, rtl))
        box = QRectF(plot.right() + line * 0.5 if rtl else area.left(), slot_top,
                     label_width - line * 0.5, slot)
        labels.append(Label(box, _elided(metrics, name, box.width() - 2), name, "category",
                            (ALIGN_START if rtl else ALIGN_END) | MIDDLE))
    if (thickness if groups > 1 else slot) >= line * 0.8:
        labels.extend(values)
    layout.labels = labels
    return layout


def _end_label(data: ChartData, value: float, x: float, middle: float, width: float,
               line: float, rtl: bool) -> Label:
    text, gap = data.format(value), line * 0.3
    left = x - width if rtl else x + gap
    return Label(QRectF(left, middle - line / 2, width - gap, line), text, text, "value",
                 (ALIGN_END if rtl else ALIGN_START) | MIDDLE)


def _legend(layout: ChartLayout, data: ChartData, area: QRectF, metrics: QFontMetricsF,
            rtl: bool) -> None:
    if len(data.series) < 2:
        return
    line = metrics.height()
    for r, row in enumerate(_legend_items(data, area.width(), metrics)):
        y = area.top() + 4 + r * line * 1.4
        x = area.right() if rtl else area.left()
        for s, width in row:
            box = line * 0.9
            swatch = QRectF(x - box if rtl else x, y + (line - box) / 2, box, box)
            text_width = width - line * 1.4
            text = QRectF(x - width if rtl else x + line * 1.4, y, text_width + 2, line)
            layout.swatches.append((s, swatch))
            name = data.series[s].name
            layout.labels.append(Label(text, _elided(metrics, name, text_width), name,
                                       "legend", (ALIGN_END if rtl else ALIGN_START) | MIDDLE))
            x = x - width - line if rtl else x + width + line


# --- painting -----------------------------------------------------------------------------


def series_colour(index: int, *, high_contrast: bool) -> QColor:
    colours = CONTRAST_COLOURS if high_contrast else COLOURS
    return QColor(colours[index % len(colours)])


def series_brush(index: int, *, high_contrast: bool, ratio: float = 1.0) -> QBrush:
    """The fill of series ``index``: a colour and a pattern (solid, stripes, dots, cross,
    lines, checks); patterned fills lie on a pale tint (black in high contrast)."""
    colour = series_colour(index, high_contrast=high_contrast)
    pattern = PATTERNS[index % len(PATTERNS)]
    if pattern == "solid":
        return QBrush(colour)
    size = 10
    tile = QImage(round(size * ratio), round(size * ratio),
                  QImage.Format.Format_ARGB32_Premultiplied)
    tile.setDevicePixelRatio(ratio)
    paper = QColor("#000000") if high_contrast else QColor(colour).lighter(100)
    if not high_contrast:
        paper.setHsl(paper.hslHue(), min(paper.hslSaturation(), 160), 235)
    tile.fill(paper)
    painter = QPainter(tile)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, 2.6 if high_contrast else 2.2))
    if pattern in ("stripes", "cross"):
        for c in (-size, 0, size, 2 * size):
            painter.drawLine(QLineF(c - size, size * 2, c + size, 0))
    if pattern == "cross":
        for c in (-size, 0, size):
            painter.drawLine(QLineF(c, 0, c + size, size))
    if pattern == "dots":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QPointF(size / 2, size / 2), size * 0.28, size * 0.28)
    if pattern == "lines":
        painter.drawLine(QLineF(0, size / 2, size, size / 2))
    if pattern == "checks":
        painter.fillRect(QRectF(0, 0, size / 2, size / 2), colour)
        painter.fillRect(QRectF(size / 2, size / 2, size / 2, size / 2), colour)
    painter.end()
    return QBrush(tile)


def paint_chart(painter: QPainter, layout: ChartLayout, colours: dict[str, str], *,
                high_contrast: bool, highlighted: int = -1, ratio: float = 1.0) -> None:
    """Paint ``layout`` with the theme's ``colours``; ``highlighted`` is a category index."""
    text, muted = QColor(colours["text"]), QColor(colours["muted"])
    if 0 <= highlighted < len(layout.slots):
        painter.fillRect(layout.slots[highlighted], QColor(colours["info_bg"]))
    painter.setPen(QPen(QColor(CONTRAST_GRID if high_contrast else colours["border"]), 1))
    for line in layout.grid:
        painter.drawLine(line)
    brushes: dict[int, QBrush] = {}
    for bar in layout.bars:
        if bar.rect.width() <= 0 or bar.rect.height() <= 0:
            continue
        if bar.series not in brushes:
            brushes[bar.series] = series_brush(bar.series, high_contrast=high_contrast,
                                               ratio=ratio)
        painter.setBrush(brushes[bar.series])
        painter.setPen(QPen(series_colour(bar.series, high_contrast=high_contrast), 1.5))
        painter.drawRect(bar.rect.adjusted(0.75, 0.75, -0.75, -0.75))
    if layout.baseline is not None:
        painter.setPen(QPen(text, 1.5))
        painter.drawLine(layout.baseline)
    painter.setPen(QPen(QColor(colours["focus"]), 3))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for bar in layout.bars:
        if bar.category == highlighted:
            painter.drawRect(bar.rect.adjusted(-2, -2, 2, 2))
    for s, swatch in layout.swatches:
        painter.setBrush(series_brush(s, high_contrast=high_contrast, ratio=ratio))
        painter.setPen(QPen(series_colour(s, high_contrast=high_contrast), 1.5))
        painter.drawRect(swatch)
    for label in layout.labels:
        painter.setPen(muted if label.kind in ("tick", "unit") else text)
        flags = label.align | (Qt.TextFlag.TextWordWrap if label.kind == "empty" else 0)
        painter.drawText(label.rect, flags, label.text)

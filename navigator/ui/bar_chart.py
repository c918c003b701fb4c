"""Bar charts drawn with QPainter (PySide6-Essentials has no QtCharts), readable by everyone.

- Series differ by colour **and** by pattern, so a chart survives greyscale printing,
  colour blindness and the high-contrast theme (white and yellow patterns on black).
- Text follows the app's text size; long labels are shortened with "…" and the whole label
  is in the tooltip.
- Right-to-left: the value axis and the order of the bars are mirrored.
- Keyboard: the chart takes focus; ← → (↑ ↓ for horizontal bars) move a highlight, and the
  highlighted bar's figures become the chart's accessible description and tooltip.
- Its accessible name is the title and its description one sentence that sums it up; the
  exact figures are in the table beside it (``dashboard_view.TablePanel``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from navigator.i18n import _
from navigator.ui.theme import current_colors, is_high_contrast

COLOURS = ("#1d4ed8", "#b45309", "#047857", "#7e22ce", "#be123c")
CONTRAST_COLOURS = ("#ffffff", "#ffd700", "#00ffff", "#7cff7c", "#ff8a8a")
PATTERNS = (Qt.BrushStyle.SolidPattern, Qt.BrushStyle.BDiagPattern,
            Qt.BrushStyle.Dense4Pattern, Qt.BrushStyle.CrossPattern,
            Qt.BrushStyle.FDiagPattern)


@dataclass
class Series:
    name: str
    values: list[float | None]  # None: not shown (e.g. a group too small to show)


@dataclass
class ChartData:
    title: str
    categories: list[str]
    series: list[Series]
    value_format: Callable[[float], str] = field(default=lambda v: f"{v:g}")
    empty_text: str = ""
    stacked: bool = False
    horizontal: bool = False

    def total(self, index: int) -> float:
        values = [s.values[index] or 0.0 for s in self.series]
        return sum(values) if self.stacked else max(values, default=0.0)

    @property
    def is_empty(self) -> bool:
        return not self.categories or all(
            not v for s in self.series for v in s.values)


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top`` (0, 5, 10… or 0, 0.2, 0.4…)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


def summary(data: ChartData) -> str:
    """One sentence: the highest and lowest categories (by total)."""
    if data.is_empty:
        return data.empty_text
    totals = [(data.total(i), name) for i, name in enumerate(data.categories)]
    high, low = max(totals), min(totals)
    return _("Highest: {high} ({high_value}). Lowest: {low} ({low_value}).").format(
        high=high[1], high_value=data.value_format(high[0]), low=low[1],
        low_value=data.value_format(low[0]))


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = ChartData("", [], [])
        self.current = -1  # the highlighted category (keyboard)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.current = -1
        self.setAccessibleName(data.title)
        self.setAccessibleDescription(summary(data))
        self.setToolTip("")
        self.updateGeometry()
        self.update()

    # --- size -----------------------------------------------------------------------------

    def _line(self) -> int:
        return QFontMetrics(self.font()).height()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        line = self._line()
        if self.data.horizontal:
            rows = max(1, len(self.data.categories))
            per = line * (1.6 if self.data.stacked or len(self.data.series) == 1 else
                          0.9 * len(self.data.series) + 0.7)
            return QSize(40 * line, int(rows * per + 4 * line + self._legend_height()))
        return QSize(40 * line, 16 * line)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = self.sizeHint()
        return QSize(16 * self._line(), min(hint.height(), 10 * self._line()))

    def _legend_height(self) -> int:
        return int(self._line() * 1.6) if len(self.data.series) > 1 else 0

    # --- colours --------------------------------------------------------------------------

    def brush(self, index: int) -> QBrush:
        colours = CONTRAST_COLOURS if is_high_contrast() else COLOURS
        return QBrush(QColor(colours[index % len(colours)]), PATTERNS[index % len(PATTERNS)])

    def _outline(self, index: int) -> QPen:
        colours = CONTRAST_COLOURS if is_high_contrast() else COLOURS
        return QPen(QColor(colours[index % len(colours)]), 2)

    # --- drawing --------------------------------------------------------------------------

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = current_colors()
        painter.fillRect(self.rect(), QColor(colours["base"]))
        text = QColor(colours["text"])
        painter.setPen(text)
        if self.data.is_empty:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter
                             | Qt.TextFlag.TextWordWrap, self.data.empty_text)
            return
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8 - self._legend_height())
        if self.data.horizontal:
            self._horizontal(painter, area, text)
        else:
            self._vertical(painter, area, text)
        self._legend(painter, text)
        if self.hasFocus():
            painter.setPen(QPen(QColor(colours["focus"]), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5))

    def _top(self) -> float:
        return max((self.data.total(i) for i in range(len(self.data.categories))),
                   default=0.0)

    def _bars(self, index: int) -> list[tuple[int, float, float]]:
        """(series, start, end) of each segment of category ``index``."""
        found, base = [], 0.0
        for s, series in enumerate(self.data.series):
            value = series.values[index]
            if value is None:
                continue
            if self.data.stacked:
                found.append((s, base, base + value))
                base += value
            else:
                found.append((s, 0.0, value))
        return found

    def _vertical(self, painter: QPainter, area: QRectF, text: QColor) -> None:
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        ticks = nice_ticks(self._top())
        labels = [self.data.value_format(t) for t in ticks]
        axis_width = max(metrics.horizontalAdvance(t) for t in labels) + 8
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        plot = area.adjusted(0 if rtl else axis_width, line / 2, -axis_width if rtl else 0,
                             -line * 1.5)
        scale = plot.height() / ticks[-1]
        grid = QColor(current_colors()["border"])
        for tick, label in zip(ticks, labels, strict=True):
            y = plot.bottom() - tick * scale
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            box = QRectF(plot.right() + 4 if rtl else area.left(), y - line / 2,
                         axis_width - 4, line)
            painter.drawText(box, (Qt.AlignmentFlag.AlignLeft if rtl else
                                   Qt.AlignmentFlag.AlignRight) | Qt.AlignmentFlag.AlignVCenter,
                             label)
        count = len(self.data.categories)
        slot = plot.width() / count
        groups = 1 if self.data.stacked else len(self.data.series)
        width = slot * 0.7 / groups
        every = max(1, math.ceil(metrics.horizontalAdvance("MMMMMM") / slot))
        for i, name in enumerate(self.data.categories):
            position = count - 1 - i if rtl else i
            left = plot.left() + position * slot + slot * 0.15
            for s, start, end in self._bars(i):
                x = left + (0 if self.data.stacked else s * width)
                rect = QRectF(x, plot.bottom() - end * scale, width, (end - start) * scale)
                self._bar(painter, rect, s, i)
            if i % every == 0:
                painter.setPen(text)
                box = QRectF(plot.left() + position * slot - slot * (every - 1) / 2,
                             plot.bottom() + 2, slot * every, line)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter,
                                 metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                                    int(box.width())))

    def _horizontal(self, painter: QPainter, area: QRectF, text: QColor) -> None:
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        label_width = min(area.width() * 0.4,
                          max(metrics.horizontalAdvance(c) for c in self.data.categories) + 12)
        ticks = nice_ticks(self._top())
        plot = area.adjusted(0 if rtl else label_width, 0, -label_width if rtl else 0,
                             -line * 1.3)
        scale = plot.width() / ticks[-1]
        grid = QColor(current_colors()["border"])
        for tick in ticks:
            x = plot.right() - tick * scale if rtl else plot.left() + tick * scale
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(text)
            painter.drawText(QRectF(x - 40, plot.bottom() + 2, 80, line),
                             Qt.AlignmentFlag.AlignCenter, self.data.value_format(tick))
        count = len(self.data.categories)
        slot = plot.height() / count
        groups = 1 if self.data.stacked else len(self.data.series)
        height = slot * 0.75 / groups
        for i, name in enumerate(self.data.categories):
            top = plot.top() + i * slot + slot * 0.125
            for s, start, end in self._bars(i):
                y = top + (0 if self.data.stacked else s * height)
                x0 = plot.right() - end * scale if rtl else plot.left() + start * scale
                self._bar(painter, QRectF(x0, y, (end - start) * scale, height), s, i)
            painter.setPen(text)
            box = QRectF(plot.right() + 6 if rtl else area.left(), plot.top() + i * slot,
                         label_width - 6, slot)
            painter.drawText(box, (Qt.AlignmentFlag.AlignLeft if rtl else
                                   Qt.AlignmentFlag.AlignRight) | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                                int(box.width()) - 4))

    def _bar(self, painter: QPainter, rect: QRectF, series: int, category: int) -> None:
        if rect.width() <= 0 or rect.height() <= 0:
            return
        painter.setPen(self._outline(series))
        painter.setBrush(self.brush(series))
        painter.drawRect(rect)
        if category == self.current:
            painter.setPen(QPen(QColor(current_colors()["focus"]), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(-3, -3, 3, 3))

    def _legend(self, painter: QPainter, text: QColor) -> None:
        if len(self.data.series) < 2:
            return
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        y = self.height() - self._legend_height() + line * 0.3
        x = self.width() - 8 if rtl else 8
        for s, series in enumerate(self.data.series):
            width = line + 6 + metrics.horizontalAdvance(series.name) + 16
            swatch = QRectF(x - line if rtl else x, y, line, line)
            painter.setPen(self._outline(s))
            painter.setBrush(self.brush(s))
            painter.drawRect(swatch)
            painter.setPen(text)
            box = QRectF(x - width + 16 if rtl else x + line + 6, y, width - line - 22, line)
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter
                             | (Qt.AlignmentFlag.AlignRight if rtl else
                                Qt.AlignmentFlag.AlignLeft), series.name)
            x = x - width if rtl else x + width

    # --- keyboard -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        count = len(self.data.categories)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        forward = {Qt.Key.Key_Down} if self.data.horizontal else {
            Qt.Key.Key_Left if rtl else Qt.Key.Key_Right}
        back = {Qt.Key.Key_Up} if self.data.horizontal else {
            Qt.Key.Key_Right if rtl else Qt.Key.Key_Left}
        if count and event.key() in forward | back | {Qt.Key.Key_Home, Qt.Key.Key_End}:
            if event.key() == Qt.Key.Key_Home:
                self.current = 0
            elif event.key() == Qt.Key.Key_End:
                self.current = count - 1
            else:
                step = 1 if event.key() in forward else -1
                self.current = min(count - 1, max(0, self.current + step))
            self._announce()
            self.update()
            return
        super().keyPressEvent(event)

    def describe(self, index: int) -> str:
        """The figures of one category, in words: "Jan 2026: In person 4, By phone 2"."""
        parts = []
        for series in self.data.series:
            value = series.values[index]
            shown = _("not shown") if value is None else self.data.value_format(value)
            parts.append(f"{series.name} {shown}" if len(self.data.series) > 1 else shown)
        return f"{self.data.categories[index]}: " + ", ".join(parts)

    def _announce(self) -> None:
        text = self.describe(self.current)
        self.setAccessibleDescription(text)
        self.setToolTip(text)

"""Charts for the dashboards, drawn with QPainter (PySide6-Essentials has no QtCharts), and
readable by everyone:

- :class:`BarChart` — vertical or horizontal bars, grouped or stacked. Series differ by colour
  *and* pattern; text follows the app's text size; right-to-left mirrors the chart; the chart
  takes focus and ← → (↑ ↓ for horizontal bars) move a highlight whose figures become the
  accessible description and the tooltip.
- :class:`ChartTable` — the same figures as a sortable table, for screen readers and for
  reading exact numbers.
- :class:`ChartPanel` — a heading, the chart, "Show as table" / "Show as chart" and room for
  the caller's buttons ("Save as CSV…").

Every text comes from the caller, already translated, except the few words of the widgets.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QFrame,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from navigator.i18n import _
from navigator.ui.chart_data import ChartData, Series, default_summary, describe_category
from navigator.ui.chart_painting import ChartLayout, layout_chart, paint_chart, preferred_height
from navigator.ui.chart_table import ChartTable
from navigator.ui.flow_layout import FlowLayout
from navigator.ui.theme import current_colors, is_high_contrast
from navigator.ui.widgets import button, label

__all__ = ["BarChart", "ChartData", "ChartPanel", "ChartTable", "Series", "default_summary"]

Summarizer = Callable[[ChartData], str]


class BarChart(QWidget):
    """Bars of one or several series; ``orientation`` Vertical puts the categories along the
    bottom (months), Horizontal down the side (long names such as lesson titles)."""

    highlight_changed = Signal(int)  # the highlighted category, -1 for none

    def __init__(self, parent: QWidget | None = None, *,
                 orientation: Qt.Orientation = Qt.Orientation.Vertical, stacked: bool = False,
                 empty_text: str = "", summarize: Summarizer | None = None):
        super().__init__(parent)
        self._data = ChartData("", [], [])
        self._orientation = orientation
        self._stacked = stacked
        self._empty_text = empty_text
        self._summarize = summarize
        self._highlighted = -1
        self._layout: ChartLayout | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # --- what it shows ----------------------------------------------------------------------

    @property
    def data(self) -> ChartData:
        return self._data

    def set_data(self, data: ChartData) -> None:
        self._data = data
        self._highlighted = -1
        self.setAccessibleName(data.title)
        self.setToolTip("")
        self._changed()

    def set_orientation(self, orientation: Qt.Orientation) -> None:
        self._orientation = orientation
        self._changed()

    def orientation(self) -> Qt.Orientation:
        return self._orientation

    def set_stacked(self, stacked: bool) -> None:
        self._stacked = stacked
        self._changed()

    def is_stacked(self) -> bool:
        return self._stacked

    def set_empty_text(self, text: str) -> None:
        """What the chart says when there is nothing to draw ("No data for these dates")."""
        self._empty_text = text
        self._changed()

    def set_summarizer(self, summarize: Summarizer | None) -> None:
        """Replace the one-sentence summary (``None``: highest and lowest figures)."""
        self._summarize = summarize
        self._changed()

    def summary(self) -> str:
        if self._summarize is not None:
            return self._summarize(self._data)
        return default_summary(self._data, stacked=self._stacked, empty_text=self._empty_text)

    def describe(self, category: int) -> str:
        """A category's figures in words: "Jan 2026: In person 4, Phone 2 and Video 0"."""
        return describe_category(self._data, category, stacked=self._stacked)

    def _changed(self) -> None:
        self._layout = None
        self.setAccessibleDescription(self.summary() if self._highlighted < 0
                                      else self.describe(self._highlighted))
        self.updateGeometry()
        self.update()

    # --- the highlight (keyboard and mouse) ----------------------------------------------------

    def highlighted(self) -> int:
        return self._highlighted

    def set_highlighted(self, category: int) -> None:
        """Highlight a category (-1: none) and announce its figures."""
        count = len(self._data.categories)
        category = -1 if self._data.is_empty or category < 0 else min(category, count - 1)
        if category == self._highlighted:
            return
        self._highlighted = category
        text = self.describe(category) if category >= 0 else self.summary()
        self.setAccessibleDescription(text)
        self.setToolTip(text if category >= 0 else "")
        if category >= 0 and self.isVisible():
            slot = self.chart_layout().slots[category]
            QToolTip.showText(self.mapToGlobal(slot.center().toPoint()), text, self)
        self.update()
        self.highlight_changed.emit(category)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        count = len(self._data.categories)
        key = event.key()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        if self._orientation == Qt.Orientation.Horizontal:
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}
        else:
            steps = {Qt.Key.Key_Right: -1 if rtl else 1, Qt.Key.Key_Left: 1 if rtl else -1}
        if count and not self._data.is_empty and key in steps:
            current = self._highlighted
            start = (0 if steps[key] > 0 else count - 1) if current < 0 else current + steps[key]
            self.set_highlighted(min(max(start, 0), count - 1))
        elif count and not self._data.is_empty and key == Qt.Key.Key_Home:
            self.set_highlighted(0)
        elif count and not self._data.is_empty and key == Qt.Key.Key_End:
            self.set_highlighted(count - 1)
        elif key == Qt.Key.Key_Escape and self._highlighted >= 0:
            self.set_highlighted(-1)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        found = self._category_at(event.position().toPoint())
        if found >= 0:
            self.set_highlighted(found)
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _category_at(self, point: QPoint) -> int:
        for c, slot in enumerate(self.chart_layout().slots):
            if slot.contains(point):
                return c
        return -1

    def _tooltip_at(self, point: QPoint) -> str:
        """The full text of a shortened label under the mouse, else the figures there."""
        for item in self.chart_layout().labels:
            if item.rect.contains(point) and item.text != item.full:
                return item.full
        found = self._category_at(point)
        return self.describe(found) if found >= 0 else ""

    # --- geometry and painting ------------------------------------------------------------

    def chart_layout(self) -> ChartLayout:
        """Where every bar and label is, at the widget's current size."""
        if self._layout is None:
            margin = QFontMetricsF(self.font()).height() * 0.5
            self._layout = layout_chart(
                self._data, QRectF(self.rect()).adjusted(margin, margin, -margin, -margin),
                QFontMetricsF(self.font()), horizontal=self._horizontal(),
                stacked=self._stacked, rtl=self.layoutDirection() == Qt.LayoutDirection.RightToLeft,
                empty_text=self._empty_text)
        return self._layout

    def _horizontal(self) -> bool:
        return self._orientation == Qt.Orientation.Horizontal

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        self._layout = None
        super().resizeEvent(event)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LayoutDirectionChange,
                            QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            self._layout = None
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        colours = current_colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setLayoutDirection(self.layoutDirection())
        painter.setFont(self.font())
        painter.fillRect(self.rect(), QColor(colours["base"]))
        paint_chart(painter, self.chart_layout(), colours, high_contrast=is_high_contrast(),
                    highlighted=self._highlighted, ratio=self.devicePixelRatioF())
        if self.hasFocus():
            painter.setPen(QPen(QColor(colours["accent"]), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5), 6, 6)
        painter.end()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        metrics = QFontMetricsF(self.font())
        return round(preferred_height(self._data, width - metrics.height(), metrics,
                                      horizontal=self._horizontal(), stacked=self._stacked)
                     + metrics.height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        line = QFontMetricsF(self.font()).height()
        groups = 1 if self._stacked else max(1, len(self._data.series))
        if self._horizontal():
            width = line * 36
        else:
            width = min(max(line * 28, len(self._data.categories) * groups * line * 1.3 + line * 4),
                        line * 60)
        return QSize(round(width), self.heightForWidth(round(width)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        line = QFontMetricsF(self.font()).height()
        width = round(line * 14)
        height = self.heightForWidth(width) if self._horizontal() else round(line * 11)
        return QSize(width, height)


class ChartPanel(QFrame):
    """A card with the chart's heading, the chart or its table (a button switches), and a
    row for the caller's buttons (:meth:`add_button`). Switching moves the keyboard focus to
    the view just shown, so a screen reader lands on it."""

    view_changed = Signal(bool)  # True when the table shows

    def __init__(self, parent: QWidget | None = None, *, name: str = "",
                 orientation: Qt.Orientation = Qt.Orientation.Vertical, stacked: bool = False,
                 empty_text: str = ""):
        super().__init__(parent)
        self.setProperty("role", "card")
        if name:
            self.setObjectName(f"panel-{name}")
        layout = QVBoxLayout(self)
        self.heading = label(role="heading")
        self.chart = BarChart(orientation=orientation, stacked=stacked, empty_text=empty_text)
        self.table = ChartTable()
        self.table.hide()
        self.toggle = button(name=f"show-table-{name}" if name else "show-table")
        self.buttons = FlowLayout()
        self.buttons.add(self.toggle)
        if name:
            self.chart.setObjectName(f"chart-{name}")
            self.table.setObjectName(f"table-{name}")
        layout.addWidget(self.heading)
        layout.addWidget(self.chart)
        layout.addWidget(self.table)
        layout.addLayout(self.buttons)
        self.toggle.clicked.connect(self._toggle)
        self.retranslate()

    def set_data(self, data: ChartData) -> None:
        """Show ``data`` in the heading, the chart and the table."""
        self.heading.setText(data.title)
        self.chart.set_data(data)
        self.table.set_data(data)
        self.table.setAccessibleDescription(self.chart.summary())
        self._name_buttons()

    def set_empty_text(self, text: str) -> None:
        self.chart.set_empty_text(text)

    def add_button(self, widget: QWidget) -> None:
        """Add a button after "Show as table" (e.g. "Save as CSV…")."""
        self.buttons.add(widget)

    def showing_table(self) -> bool:
        return not self.table.isHidden()

    def show_table(self, table: bool, *, focus: bool = False) -> None:
        """Show the table (``True``) or the chart; ``focus`` moves the keyboard focus there."""
        self.table.setVisible(table)
        self.chart.setVisible(not table)
        self._name_buttons()
        if focus:
            (self.table if table else self.chart).setFocus(Qt.FocusReason.OtherFocusReason)
        self.view_changed.emit(table)

    def _toggle(self) -> None:
        self.show_table(not self.showing_table(), focus=True)

    def _name_buttons(self) -> None:
        self.toggle.setText(_("Show as chart") if self.showing_table() else _("Show as table"))
        title = self.chart.data.title
        self.toggle.setAccessibleName(
            self.toggle.text() + (" — " + title if title else ""))

    def retranslate(self) -> None:
        """Re-word the panel's own texts in the current language."""
        self._name_buttons()
        if self.chart.data.categories:
            self.set_data(self.chart.data)

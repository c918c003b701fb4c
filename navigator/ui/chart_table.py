"""The figures of a chart as a table, for screen readers and for reading exact numbers: a
row per category, a column per series, sortable, numbers right-aligned, hidden figures
saying "not shown"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from navigator.i18n import _
from navigator.ui.chart_data import ChartData


class _Cell(QTableWidgetItem):
    """A cell that sorts by its figure (or its category's place), not by its text."""

    def __init__(self, text: str, key: float):
        super().__init__(text)
        self.key = key

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _Cell):
            return self.key < other.key
        return super().__lt__(other)


class ChartTable(QTableWidget):
    """The figures of a chart as a table: a row per category, a column per series; hidden
    figures say "not shown"; numbers right-aligned; sortable by any column."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self._data = ChartData("", [], [])

    def set_data(self, data: ChartData) -> None:
        self._data = data
        self.setSortingEnabled(False)
        self.clear()
        self.setColumnCount(1 + len(data.series))
        self.setRowCount(len(data.categories))
        headers = [data.category_label or data.title]
        headers += [_("{series} ({unit})").format(series=s.name, unit=data.unit) if data.unit
                    else s.name for s in data.series]
        self.setHorizontalHeaderLabels(headers)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for c, category in enumerate(data.categories):
            self.setItem(c, 0, _Cell(category, c))
            for s in range(len(data.series)):
                value = data.value(s, c)
                if value is None:
                    cell = _Cell(_("not shown"), -1.0)
                else:
                    cell = _Cell(data.format(value), value)
                cell.setTextAlignment(right)
                self.setItem(c, s + 1, cell)
        self.setSortingEnabled(True)
        self.sortItems(0, Qt.SortOrder.AscendingOrder)  # the categories in their own order
        self.setAccessibleName(data.title)
        self._fit_columns()
        rows = min(len(data.categories), 12)
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(rows))
        self.setMinimumHeight(max(height, self.fontMetrics().height() * 4))

    @property
    def data(self) -> ChartData:
        return self._data

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Figures take their width; the categories (lesson titles) take the rest, or up to
        40% of the view with a sideways scroll bar when the figures leave too little."""
        header = self.horizontalHeader()
        count = self.columnCount()
        if not count:
            return
        room = self.viewport().width()
        wanted = [max(self.sizeHintForColumn(c), header.sectionSizeHint(c))
                  for c in range(count)]
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(1, count):
            header.resizeSection(column, wanted[column])
        rest = room - sum(wanted[1:])
        if rest < max(self.sizeHintForColumn(0), room * 0.25):  # else the heading is shortened
            rest = max(rest, min(wanted[0], round(room * 0.4)))
        header.resizeSection(0, rest)

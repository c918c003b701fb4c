"""The Reports screen: a date range, then one panel per table the viewer may see — a chart
drawn with QPainter, the same figures as a table (for screen readers and for reading exact
numbers), and "Save as CSV…".

The view computes nothing: it asks for tables with ``refresh_requested`` and shows what
:meth:`show_tables` receives (the controller runs the SQL on the storage lane).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navigator.formatting import format_date, format_month, format_number, format_percentage
from navigator.i18n import _, pgettext
from navigator.reports.dashboard import Panel, chart_rows
from navigator.reports.tables import Table
from navigator.ui.charts import BarChart, ChartData, Series
from navigator.ui.flow_layout import FlowLayout
from navigator.ui.page import page_header, scrolling_page
from navigator.ui.widgets import button, card, label

RANGES = ("30", "90", "365", "1095", "custom")  # days back from today, or the dates chosen
DEFAULT_RANGE = "365"


def cell_text(value: Any, kind: str) -> str:
    """A value as the screen shows it, in the viewer's language and digits."""
    if value is None:
        return _("not shown")
    if kind == "month":
        return format_month(str(value))
    if kind == "date":
        try:
            return format_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if kind == "percent":
        return format_percentage(float(value))
    if kind in ("count", "hours", "number"):
        return format_number(value)
    return str(value)


class TablePanel(QTableWidget):
    """Every column of a report table, read-only, sortable, numbers right-aligned."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"table-{name}")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(False)
        self.setTabKeyNavigation(False)

    def show_table(self, table: Table) -> None:
        self.setSortingEnabled(False)
        self.clear()
        self.setColumnCount(len(table.columns))
        self.setRowCount(len(table.rows))
        self.setHorizontalHeaderLabels([_(c.header) for c in table.columns])
        for r, row in enumerate(table.rows):
            for c, (column, value) in enumerate(zip(table.columns, row, strict=True)):
                item = QTableWidgetItem(cell_text(value, column.kind))
                if column.kind not in ("text", "month", "date"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                    if value is not None:
                        item.setData(Qt.ItemDataRole.UserRole, value)
                self.setItem(r, c, item)
        self.setSortingEnabled(True)
        rows = min(len(table.rows), 12)
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(rows)) if rows else 0
        self.setMinimumHeight(min(max(height, 80), 480))


class ReportPanel(QWidget):
    """One dashboard panel: its title and question, the chart, and under it the table
    (shown with a button, for exact figures and screen readers) and "Save as CSV…"."""

    def __init__(self, panel: Panel, parent: QWidget | None = None):
        super().__init__(parent)
        self.panel = panel
        self.setObjectName(f"panel-{panel.table}")
        frame = card()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        layout = QVBoxLayout(frame)
        self.title = label(role="heading")
        self.summary = label()
        self.chart = BarChart(orientation=Qt.Orientation.Horizontal if panel.horizontal
                              else Qt.Orientation.Vertical, stacked=panel.stacked)
        self.chart.setObjectName(f"chart-{panel.table}")
        self.table = TablePanel(panel.table)
        self.table.hide()
        buttons = FlowLayout()
        self.toggle = button(name=f"show-table-{panel.table}")
        self.export = button(name=f"export-{panel.table}")
        buttons.addWidget(self.toggle)
        buttons.addWidget(self.export)
        for widget in (self.title, self.summary, self.chart):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.toggle.clicked.connect(self._toggle)

    def _toggle(self) -> None:
        self.table.setVisible(not self.table.isVisible())
        self.retranslate()
        if self.table.isVisible():
            self.table.setFocus()

    def retranslate(self) -> None:
        title = _(self.panel.title)
        self.title.setText(title)
        self.summary.setText(_(self.panel.summary))
        self.chart.set_empty_text(_("Nothing to show for these dates."))
        self.toggle.setText(_("Hide the table") if self.table.isVisible()
                            else _("Show the figures as a table"))
        self.toggle.setAccessibleName(self.toggle.text() + " — " + title)
        self.export.setText(_("Save as CSV…"))
        self.export.setAccessibleName(_("Save “{title}” as a CSV file").format(title=title))
        self.table.setAccessibleName(_("{title}: every figure").format(title=title))


class DashboardView(QWidget):
    back_requested = Signal()
    refresh_requested = Signal(object, object)  # first day, last day (date)
    export_requested = Signal(str)  # a table's name
    records_requested = Signal()  # the Learning Record Store settings (administrators)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("DashboardView")
        self.panels: list[Panel] = []
        self.views: dict[str, ReportPanel] = {}
        self.results: dict[str, Table] = {}
        layout = scrolling_page(self)
        header = page_header("back-home")
        self.back, self.title = header.back, header.title
        layout.addLayout(header.layout)
        self.intro = label()
        layout.addWidget(self.intro)
        filters = FlowLayout()
        self.range_label = label(wrap=False)
        self.range = QComboBox()
        self.range.setObjectName("report-range")
        self.start_label, self.end_label = label(wrap=False), label(wrap=False)
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit, name in ((self.start, "report-from"), (self.end, "report-to")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.records = button(name="learning-records")
        self.records.hide()
        for widget in (self.range_label, self.range, self.start_label, self.start,
                       self.end_label, self.end, self.records):
            filters.addWidget(widget)
        layout.addLayout(filters)
        self.status = label()
        self.status.setObjectName("report-status")
        layout.addWidget(self.status)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(12)
        layout.addWidget(self.body, 1)
        self.back.clicked.connect(self.back_requested)
        self.records.clicked.connect(self.records_requested)
        self.range.currentIndexChanged.connect(self._range_chosen)
        self.start.dateChanged.connect(self._dates_changed)
        self.end.dateChanged.connect(self._dates_changed)
        self._setting_dates = False
        self.retranslate()
        self._range_chosen()

    # --- panels ---------------------------------------------------------------------------

    def set_panels(self, panels: list[Panel], *, can_configure_records: bool) -> None:
        """The panels this viewer may see (their role decides)."""
        self.records.setVisible(can_configure_records)
        if [p.table for p in panels] == [p.table for p in self.panels]:
            return
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.panels, self.views = list(panels), {}
        for panel in panels:
            view = ReportPanel(panel)
            view.export.clicked.connect(
                lambda _c=False, n=panel.table: self.export_requested.emit(n))
            self.body_layout.addWidget(view)
            self.views[panel.table] = view
        self.body_layout.addStretch(1)
        self.retranslate()

    def show_busy(self) -> None:
        self.status.setText(_("Counting…"))

    def show_tables(self, tables: dict[str, Table]) -> None:
        self.results = dict(tables)
        for panel in self.panels:
            table = tables.get(panel.table)
            if table is None:
                continue
            self.views[panel.table].chart.set_data(self.chart_data(panel, table))
            self.views[panel.table].table.show_table(table)
        start, end = self.period()
        self.status.setText(_("From {start} to {end}.").format(
            start=format_date(start), end=format_date(end)))

    def chart_data(self, panel: Panel, table: Table) -> ChartData:
        categories, series = chart_rows(panel, table)
        columns = {c.key: c for c in table.columns}
        kind = columns[panel.category].kind
        if kind == "month":
            categories = [format_month(m) for m in categories]
        unit_kind = columns[panel.series[0]].kind
        return ChartData(
            title=_(panel.title), categories=categories,
            series=[Series(_(columns[k].header), [None if v is None else float(v)
                                                  for v in values])
                    for k, values in series.items()],
            value_format=lambda v, k=unit_kind: cell_text(v, k),
            category_label=_(columns[panel.category].header))

    # --- dates ----------------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def set_period(self, start: date, end: date) -> None:
        self._setting_dates = True
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))
        self._setting_dates = False

    def _range_chosen(self) -> None:
        choice = self.range.currentData() or DEFAULT_RANGE
        if choice != "custom":
            today = date.today()
            self.set_period(today - timedelta(days=int(choice) - 1), today)
            self.refresh()

    def _dates_changed(self) -> None:
        if self._setting_dates:
            return
        self.range.blockSignals(True)
        self.range.setCurrentIndex(RANGES.index("custom"))
        self.range.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        start, end = self.period()
        if start > end:
            self.status.setText(_("The first day comes after the last day."))
            return
        self.refresh_requested.emit(start, end)

    def retranslate(self) -> None:
        self.back.setText(_("← Home"))
        self.title.setText(_("Reports"))
        self.intro.setText(_("Figures for your agency's funders and your own planning. Each "
                             "chart has its table below it; Save as CSV gives a file for a "
                             "spreadsheet."))
        self.range_label.setText(_("Period:"))
        self.start_label.setText(pgettext("period", "From"))
        self.end_label.setText(pgettext("period", "to"))
        self.start.setAccessibleName(_("First day"))
        self.end.setAccessibleName(_("Last day"))
        self.records.setText(_("Learning Record Store…"))
        names = {"30": _("Last 30 days"), "90": _("Last 3 months"),
                 "365": _("Last 12 months"), "1095": _("Last 3 years"),
                 "custom": _("Dates I choose")}
        current = self.range.currentData() or DEFAULT_RANGE
        self.range.blockSignals(True)
        self.range.clear()
        for key in RANGES:
            self.range.addItem(names[key], key)
        self.range.setCurrentIndex(RANGES.index(current))
        self.range.blockSignals(False)
        self.range.setAccessibleName(_("Period"))
        for view in self.views.values():
            view.retranslate()
        if self.results:
            self.show_tables(self.results)


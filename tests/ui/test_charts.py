"""The dashboard charts as a user sees and hears them: bars where the figures say, hidden
figures left out and "not shown" in the table, the table beside the chart, the keyboard
highlight and its spoken figures, right-to-left, high contrast and 200% text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from PySide6.QtWidgets import QApplication, QPushButton

from navigator.ui import theme
from navigator.ui.chart_data import nice_ticks
from navigator.ui.chart_painting import COLOURS
from navigator.ui.charts import BarChart, ChartData, ChartPanel, ChartTable, Series

MONTHS = ["Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026"]
BLUE = QColor(COLOURS[0])
LONG = "Make a video call with your family on WhatsApp, step by step"


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[object]:
    """Apply the app's theme for the test (``themed(scale=2.0, high_contrast=True)``) and put
    the application back as it was afterwards."""
    saved = (qapp.styleSheet(), qapp.font(), qapp.palette(), qapp.style().name(),
             theme._Current.scale, theme._Current.high_contrast)

    def apply(**options: object) -> None:
        theme.apply_theme(qapp, **options)  # type: ignore[arg-type]

    apply()
    yield apply
    qapp.setStyle(saved[3])
    qapp.setStyleSheet(saved[0])
    qapp.setFont(saved[1])
    qapp.setPalette(saved[2])
    theme._Current.scale, theme._Current.high_contrast = saved[4], saved[5]


def sessions(*values: float | None) -> ChartData:
    return ChartData("Coaching sessions per month", MONTHS[:len(values)],
                     [Series("Sessions", list(values))], unit="sessions")


def by_mode() -> ChartData:
    return ChartData("Sessions by mode", MONTHS[:3], [
        Series("In person", [4, 2, 6]), Series("Phone", [1, None, 3]),
        Series("Video", [2, 1, 0])])


def chart_of(qtbot, data: ChartData, *, width: int = 640, height: int = 420,
             **options: object) -> BarChart:
    chart = BarChart(**options)  # type: ignore[arg-type]
    qtbot.addWidget(chart)
    chart.set_data(data)
    chart.resize(width, height)
    return chart


def picture(chart: BarChart) -> QImage:
    return chart.grab().toImage()


def colour_at(image: QImage, point: QPoint) -> QColor:
    return image.pixelColor(point)


def bars_of(chart: BarChart, series: int = 0) -> dict[int, QRectF]:
    return {bar.category: bar.rect for bar in chart.chart_layout().bars
            if bar.series == series}


def close(a: QColor, b: QColor, tolerance: int = 24) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3],
                                                       strict=True))


def test_bars_are_painted_where_the_figures_say(qtbot, themed):
    """Each bar is painted in its colour on the white background, a bigger figure gives a
    taller bar, and the space above a bar stays background."""
    chart = chart_of(qtbot, sessions(2, 8, 4))
    image = picture(chart)
    bars = bars_of(chart)
    assert bars[1].height() > bars[2].height() > bars[0].height() > 0
    assert bars[1].height() == pytest.approx(bars[0].height() * 4, rel=0.01)
    for rect in bars.values():
        assert close(colour_at(image, rect.center().toPoint()), BLUE)
    above = QPoint(round(bars[0].center().x()), round(bars[0].top() - 40))
    assert close(colour_at(image, above), QColor("#ffffff"))
    assert bars[0].left() < bars[1].left() < bars[2].left()  # in the order given
    texts = {label.text for label in chart.chart_layout().labels if label.kind == "value"}
    assert {"2", "8", "4"} <= texts


def test_axis_has_round_ticks_and_whole_numbers_for_counts():
    """Ticks are round numbers from 0 and whole numbers when the figures are counts."""
    assert nice_ticks(23, 5) == [0, 5, 10, 15, 20, 25]
    assert nice_ticks(3, 5, integers=True) == [0, 1, 2, 3]
    assert nice_ticks(0.9, 4) == [0, 0.25, 0.5, 0.75, 1.0]
    assert all(float(t).is_integer() for t in nice_ticks(7, 6, integers=True))


def test_stacked_bars_add_up_to_the_total(qtbot, themed):
    """Stacked segments sit on each other: the stack is as tall as the total, labelled with
    the total, and the keyboard reads every figure and the total."""
    chart = chart_of(qtbot, by_mode(), stacked=True)
    layout = chart.chart_layout()
    first = [bar.rect for bar in layout.bars if bar.category == 0]
    assert len(first) == 3
    assert first[0].top() == pytest.approx(first[1].bottom())
    scale = first[0].height() / 4
    stack = max(r.bottom() for r in first) - min(r.top() for r in first)
    assert stack == pytest.approx(7 * scale, rel=0.01)
    assert "7" in [label.text for label in layout.labels if label.kind == "value"]
    assert chart.describe(0) == "Jan 2026: In person 4, Phone 1, Video 2, and total 7"


def test_hidden_figures_draw_nothing_and_the_table_says_not_shown(qtbot, themed):
    """A None figure (a group too small to show) has no bar and no value, the table says
    "not shown", and the summary says some figures are hidden."""
    chart = chart_of(qtbot, sessions(3, None, 5))
    assert sorted(bars_of(chart)) == [0, 2]
    slot = chart.chart_layout().slots[1]
    image = picture(chart)
    bottom = round(chart.chart_layout().plot.bottom()) - 4
    assert not close(colour_at(image, QPoint(round(slot.center().x()), bottom)), BLUE, 60)
    assert "Some figures are not shown." in chart.accessibleDescription()
    table = ChartTable()
    qtbot.addWidget(table)
    table.set_data(sessions(3, None, 5))
    assert table.item(1, 1).text() == "not shown"
    assert chart.describe(1) == "Feb 2026: not shown"


def test_table_has_a_row_per_category_and_a_column_per_series(qtbot, themed):
    """The table holds the chart's figures: categories down, series across with the unit,
    numbers right-aligned; sorting by a figure orders by value, "not shown" lowest."""
    data = by_mode()
    data.unit = "sessions"
    table = ChartTable()
    qtbot.addWidget(table)
    table.set_data(data)
    assert table.rowCount() == 3 and table.columnCount() == 4
    headers = [table.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["Sessions by mode", "In person (sessions)", "Phone (sessions)",
                       "Video (sessions)"]
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(3)]
    assert rows == [["Jan 2026", "4", "1", "2"], ["Feb 2026", "2", "not shown", "1"],
                    ["Mar 2026", "6", "3", "0"]]
    assert table.item(0, 1).textAlignment() & Qt.AlignmentFlag.AlignRight
    assert table.accessibleName() == "Sessions by mode"
    table.sortItems(2, Qt.SortOrder.DescendingOrder)
    assert [table.item(r, 0).text() for r in range(3)] == ["Mar 2026", "Jan 2026", "Feb 2026"]
    table.sortItems(0, Qt.SortOrder.AscendingOrder)  # months in their order, not A-Z
    assert [table.item(r, 0).text() for r in range(3)] == MONTHS[:3]


def test_toggle_shows_the_table_and_back_with_the_keyboard_focus(qtbot, themed):
    """"Show as table" (Space on the button) swaps the chart for the table and puts the focus
    in it; "Show as chart" swaps back; the caller's buttons sit beside the toggle."""
    panel = ChartPanel(name="sessions")
    qtbot.addWidget(panel)
    save = QPushButton("Save as CSV…")
    panel.add_button(save)
    panel.set_data(by_mode())
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    assert panel.heading.text() == "Sessions by mode"
    assert panel.chart.isVisible() and not panel.table.isVisible() and save.isVisible()
    assert panel.toggle.text() == "Show as table"
    assert panel.toggle.accessibleName() == "Show as table — Sessions by mode"
    panel.toggle.setFocus()
    qtbot.keyClick(panel.toggle, Qt.Key.Key_Space)  # the keyboard reaches the table
    assert panel.table.isVisible() and not panel.chart.isVisible()
    assert panel.toggle.text() == "Show as chart"
    qtbot.waitUntil(panel.table.hasFocus, timeout=2000)
    assert panel.table.rowCount() == 3
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert panel.chart.isVisible() and not panel.table.isVisible()
    qtbot.waitUntil(panel.chart.hasFocus, timeout=2000)


def test_arrow_keys_move_the_highlight_and_announce_the_figures(qtbot, themed):
    """The chart takes focus; → and ← move a highlight whose figures become the accessible
    description and the tooltip; Escape goes back to the summary."""
    chart = chart_of(qtbot, by_mode())
    assert chart.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert chart.accessibleName() == "Sessions by mode"
    summary = chart.accessibleDescription()
    assert summary.startswith("Highest: Mar 2026, In person (6). Lowest:")
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.highlighted() == 0
    assert chart.accessibleDescription() == "Jan 2026: In person 4, Phone 1, and Video 2"
    assert chart.toolTip() == chart.accessibleDescription()
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.highlighted() == 1
    assert chart.accessibleDescription() == "Feb 2026: In person 2, Phone not shown, and Video 1"
    qtbot.keyClick(chart, Qt.Key.Key_End)
    qtbot.keyClick(chart, Qt.Key.Key_Right)  # stays on the last
    assert chart.highlighted() == 2
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.highlighted() == 1
    before = picture(chart)
    qtbot.keyClick(chart, Qt.Key.Key_Escape)
    assert chart.highlighted() == -1 and chart.accessibleDescription() == summary
    assert picture(chart) != before  # the highlight is drawn, and goes


def test_horizontal_bars_follow_up_and_down_and_shorten_long_names(qtbot, themed):
    """Horizontal bars grow from the names; ↓ moves the highlight; a long name is shortened
    with "…" and its tooltip holds the whole name."""
    data = ChartData("Most-used lessons", [LONG, "Pay a bill"],
                     [Series("Times opened", [40, 10])])
    chart = chart_of(qtbot, data, width=520, orientation=Qt.Orientation.Horizontal)
    bars = bars_of(chart)
    assert bars[0].width() == pytest.approx(bars[1].width() * 4, rel=0.01)
    assert bars[0].top() < bars[1].top() and bars[0].left() == pytest.approx(bars[1].left())
    name = next(label for label in chart.chart_layout().labels if label.full == LONG)
    assert name.text.endswith("…") and name.text != LONG
    assert name.rect.right() <= bars[0].left()
    assert chart._tooltip_at(name.rect.center().toPoint()) == LONG
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.accessibleDescription() == "Pay a bill: 10"


def test_right_to_left_puts_the_first_category_on_the_right(qtbot, themed):
    """In right-to-left the first month is the rightmost bar, the axis is on the right and
    → moves towards the start (leftwards = later months)."""
    chart = chart_of(qtbot, sessions(2, 8, 4))
    chart.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    bars = bars_of(chart)
    assert bars[0].left() > bars[1].left() > bars[2].left()
    ticks = [label.rect for label in chart.chart_layout().labels if label.kind == "tick"]
    assert min(r.left() for r in ticks) >= bars[0].right()
    assert close(colour_at(picture(chart), bars[0].center().toPoint()), BLUE)
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.highlighted() == 0
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.highlighted() == 1


def test_series_differ_by_pattern_and_high_contrast_is_black_white_and_yellow(qtbot,
                                                                              themed):
    """Two series are told apart by pattern as well as colour; in high contrast the chart
    is black with white and yellow patterns, not a flat fill."""
    themed(high_contrast=True)
    chart = chart_of(qtbot, ChartData("Intake", ["Email", "Phone"], [
        Series("First", [8, 8]), Series("Latest", [8, 8])]))
    image = picture(chart)
    assert close(colour_at(image, QPoint(3, 3)), QColor("#000000"))
    striped = bars_of(chart, 1)[0].adjusted(3, 3, -3, -3).toRect()
    seen = {image.pixelColor(x, y).name() for x in range(striped.left(), striped.right())
            for y in range(striped.top(), striped.bottom())}
    yellow = [c for c in seen if close(QColor(c), QColor("#ffd700"), 40)]
    black = [c for c in seen if close(QColor(c), QColor("#000000"), 40)]
    assert yellow and black  # stripes, not a flat fill
    solid = bars_of(chart, 0)[0].center().toPoint()
    assert close(colour_at(image, solid), QColor("#ffffff"))
    legend = [label.text for label in chart.chart_layout().labels if label.kind == "legend"]
    assert legend == ["First", "Latest"] and len(chart.chart_layout().swatches) == 2


def test_large_text_keeps_every_label_whole_inside_the_chart(qtbot, themed):
    """At 200% text every label lies inside the widget and is tall and wide enough for the
    text it draws (long names shortened, never cut), in both orientations."""
    themed(scale=2.0)
    for orientation in (Qt.Orientation.Vertical, Qt.Orientation.Horizontal):
        data = ChartData("Sessions", [*MONTHS, LONG], [
            Series("In person", [4, 2, 6, 1, 3]), Series("Phone", [1, None, 3, 2, 2])],
            unit="sessions")
        chart = BarChart(orientation=orientation)
        qtbot.addWidget(chart)
        chart.set_data(data)
        chart.resize(700, chart.heightForWidth(700))
        metrics = QFontMetricsF(chart.font())
        assert metrics.height() > 30  # the text really is large
        inside = QRectF(chart.rect())
        labels = chart.chart_layout().labels
        assert {"category", "tick", "legend", "unit"} <= {label.kind for label in labels}
        for label in labels:
            assert inside.contains(label.rect), (orientation, label.text, label.rect)
            assert label.rect.height() >= metrics.height() - 0.5, label.text
            assert metrics.horizontalAdvance(label.text) <= label.rect.width() + 0.5, label.text
        assert chart.minimumSizeHint().height() <= chart.heightForWidth(700)


def test_empty_chart_says_so_and_has_no_bars(qtbot, themed):
    """With no figures the chart shows the caller's words instead of bars and says them to
    screen readers."""
    chart = chart_of(qtbot, ChartData("Review adherence", [], []),
                     empty_text="No data for these dates")
    layout = chart.chart_layout()
    assert not layout.bars
    assert [(label.kind, label.text) for label in layout.labels] == [
        ("empty", "No data for these dates")]
    assert chart.accessibleDescription() == "No data for these dates"
    image = picture(chart)
    centre = chart.rect().center()
    row = {image.pixelColor(x, centre.y()).name() for x in range(0, chart.width())}
    assert len(row) > 2  # text was painted across the middle
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.highlighted() == -1


def test_the_caller_can_replace_the_summary(qtbot, themed):
    """A caller's summary function gives the accessible description."""
    chart = chart_of(qtbot, sessions(1, 2),
                     summarize=lambda data: f"{len(data.categories)} months")
    assert chart.accessibleDescription() == "2 months"
    chart.set_summarizer(None)
    assert chart.accessibleDescription().startswith("Highest: Feb 2026 (2)")

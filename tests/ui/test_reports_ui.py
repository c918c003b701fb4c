"""The Reports screen as an administrator, a navigator and a learner see it: panels by role,
the figures of the hand-made data set in the tables, the chart's spoken summary and
keyboard figures, and Save as CSV from the button."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from navigator.services import Services
from navigator.storage import staff
from tests.test_reports import fill_agency
from tests.ui.test_lesson_flow import make_window


def member(services: Services, name: str) -> staff.StaffMember:
    found = services.lane.call(lambda db: db.execute(
        "SELECT id FROM learners WHERE name = ?", [name]).fetchone()[0])
    return services.lane.call(staff.get_staff, learner_id=found)


def open_reports(qtbot, window, who) -> object:
    window.signed_in(who)
    assert window.reports.action.isVisible()
    window.reports.action.trigger()
    view = window.reports.view
    assert window.stack.currentWidget() is view
    view.set_period(date(2026, 1, 1), date(2026, 3, 31))
    view.refresh()
    qtbot.waitUntil(lambda: view.status.text().startswith("From Jan 1, 2026"), timeout=5000)
    return view


def cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_administrator_sees_every_panel_and_saves_a_csv(qtbot, services: Services,
                                                         tmp_path: Path):
    services.lane.call(staff.create_staff, name="Admin", language="en", role="admin",
                       pin="2468")
    services.lane.call(fill_agency)
    window = make_window(qtbot, services)
    view = open_reports(qtbot, window, member(services, "Admin"))
    assert len(view.views) == 9 and view.records.isVisible()
    panel = view.views["sessions-per-month"]
    assert not panel.table.isVisible()
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert panel.table.isVisible() and panel.toggle.text() == "Hide the table"
    assert cells(panel.table) == [["Jan 2026", "1", "1", "0", "2"],
                                  ["Feb 2026", "0", "1", "1", "2"],
                                  ["Mar 2026", "0", "0", "0", "0"]]
    chart = panel.chart
    assert chart.accessibleName() == "Coaching sessions per month"
    assert "Highest: Jan 2026 (2)" in chart.accessibleDescription()
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.accessibleDescription() == (
        "Feb 2026: In person 0, By phone 1, By video 1, and total 2")
    stuck = view.views["stuck-learners"]
    assert cells(stuck.table)[0][:3] == ["Ben", "Basics", "Turning a phone on"]
    intake = view.views["intake-change"].table
    assert "not shown" in [row[1] for row in cells(intake)]  # fewer than 5 clients
    out = tmp_path / "sessions.csv"
    window.reports.choose_save = lambda suggested: out
    told = []
    window.reports.inform = lambda title, text: told.append(text)
    qtbot.mouseClick(panel.export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    rows = list(csv.reader(out.read_text("utf-8-sig").splitlines()))
    assert rows[0] == ["Month", "In person", "By phone", "By video", "All sessions"]
    assert rows[1] == ["2026-01", "1", "1", "0", "2"]


def test_a_navigator_sees_only_their_sessions_and_a_learner_sees_no_reports(
        qtbot, services: Services):
    services.lane.call(staff.create_staff, name="Admin", language="en", role="admin",
                       pin="2468")
    services.lane.call(fill_agency)
    window = make_window(qtbot, services)
    view = open_reports(qtbot, window, member(services, "Omar"))
    assert set(view.views) == {"sessions-per-month", "sessions-per-navigator",
                               "intake-change", "lesson-use"}
    assert not view.records.isVisible()
    assert cells(view.views["sessions-per-navigator"].table) == [
        ["Omar", "0", "0", "1", "1", "1"]]
    window.lock()
    window.signed_in(member(services, "Ana"))
    assert not window.reports.action.isVisible()

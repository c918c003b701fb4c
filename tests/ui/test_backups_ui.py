"""File › Backups… for administrators: the list, Back up now, Restore."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from navigator import app
from navigator.services import Services
from navigator.storage import repository as repo
from navigator.storage.backup import backup_file, list_backups
from tests.ui.test_lesson_flow import make_window, start_as


def names(database) -> list[str]:
    conn = sqlite3.connect(database)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM learners ORDER BY id")]
    finally:
        conn.close()


def test_an_administrator_backs_up_and_restores_from_the_file_menu(qtbot, data_dir,
                                                                     curriculum):
    services = Services.start(data_dir, curriculum=curriculum)
    window = make_window(qtbot, services)
    assert not window.backups.action.isVisible()  # nobody signed in
    start_as(qtbot, window, "Amal")  # the first profile is the administrator
    assert window.backups.action.isVisible()
    assert window.backups.action in window.file_menu.actions()
    backup_file(data_dir / "navigator.db", data_dir / "backups", "daily")  # Amal only
    services.lane.call(repo.create_learner, name="Omar", language="en")

    window.backups.action.trigger()
    dialog = window.backups.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.list.count() == 1 and "Daily" in dialog.list.item(0).text()
    warned = []
    window.backups.warn = warned.append
    qtbot.mouseClick(dialog.back_up, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 2, timeout=5000)
    assert "By hand" in dialog.list.item(0).text() and warned == []
    assert [b.reason for b in list_backups(data_dir / "backups")] == ["manual", "daily"]

    asked = []
    window.backups.confirm = lambda text: asked.append(text) or True
    dialog.list.setCurrentRow(1)  # the daily one, before Omar
    qtbot.mouseClick(dialog.restore, Qt.MouseButton.LeftButton)
    assert "Everything saved after that time" in asked[0]
    daily = list_backups(data_dir / "backups")[1].path
    assert window.pending_restore == daily and not window.isVisible()
    services.close()

    # What the app does next, with the database closed: put it back, open again.
    backup, aside = app.restore_backup(data_dir, daily)
    assert backup == daily
    assert names(data_dir / "navigator.db") == ["Amal"]
    assert names(aside) == ["Amal", "Omar"]  # kept, not deleted
    again = Services.start(data_dir, curriculum=curriculum)
    try:
        assert [m.name for m in again.lane.call(repo.list_learners)] == ["Amal"]
    finally:
        again.close()


def test_signing_out_hides_backups(qtbot, services):
    window = make_window(qtbot, services)
    start_as(qtbot, window, "Amal")
    assert window.backups.action.isVisible()
    window.lock()
    assert not window.backups.action.isVisible()

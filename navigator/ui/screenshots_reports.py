"""The Reports screen for ``navigator screenshots``, on made-up records (``sample_data``)
added to the screenshots' own temporary data folder: the top of the dashboard, and the
coaching sessions per month with its table open."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from navigator.sample_data import SampleSize, run_with_defaults
from navigator.ui.main_window import MainWindow

Save = Callable[[QWidget, Path, str, list[Path]], None]


def capture_reports(window: MainWindow, outdir: Path, written: list[Path], save: Save,
                    settle: Callable[[MainWindow], None]) -> None:
    reports = window.reports
    if window.member is None or not window.member.is_admin:
        return
    run_with_defaults(window.services.lane, window.services.library,
                      size=SampleSize(learners=25, clients=60, days=365), force=True)
    reports.show()
    view = reports.view
    for _round in range(500):  # the tables are counted on the storage lane
        QApplication.processEvents()
        if view.results and not reports.bridge.busy:
            break
        time.sleep(0.01)
    for _round in range(3):  # new data → new chart heights → the page lays out again
        settle(window)
    save(window, outdir, "32-reports", written)
    panel = view.views.get("sessions-per-month")
    scroll = view.findChild(QScrollArea)
    if panel is None or scroll is None:
        return
    panel.toggle.click()
    settle(window)
    scroll.verticalScrollBar().setValue(panel.pos().y() + panel.parentWidget().pos().y())
    settle(window)
    save(window, outdir, "33-reports-sessions", written)


def capture_backups(window: MainWindow, outdir: Path, written: list[Path], save: Save,
                    settle: Callable[[MainWindow], None]) -> None:
    """File › Backups… with a backup taken by hand and one the day before."""
    from datetime import datetime, timedelta, timezone

    from navigator import paths
    from navigator.storage.backup import backup_file

    if window.member is None or not window.member.is_admin:
        return
    folder = window.services.data_dir
    database, backups = paths.database_path(folder), paths.backups_dir(folder)
    backup_file(database, backups, "daily",
                now=datetime.now(timezone.utc) - timedelta(days=1, hours=3))
    backup_file(database, backups, "manual")
    window.backups.show()
    dialog = window.backups.dialog
    if dialog is None:
        return
    dialog.resize(640, 420)
    settle(window)
    save(dialog, outdir, "34-backups", written)
    dialog.reject()

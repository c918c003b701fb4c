"""The Reports screen's controller: who may see which panels, the tables computed on the
storage lane, CSV files written on a worker with progress and Cancel, and (administrators)
the Learning Record Store settings.

Built the first time it is needed. Administrators see the whole agency; trainers see staff
learning; navigators see their own sessions and their own clients (``dashboard.panels_for``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from navigator.i18n import _, current_language
from navigator.reports.csv_export import ExportCancelled, write_csv
from navigator.reports.dashboard import compute_panels, panels_for, scope_for
from navigator.reports.tables import Filter, Table
from navigator.storage.staff import StaffMember
from navigator.ui.bridge import FutureBridge
from navigator.ui.page import error_message

if TYPE_CHECKING:
    from collections.abc import Callable

    from navigator.ui.dashboard_view import DashboardView
    from navigator.ui.main_window import MainWindow
    from navigator.ui.pack_share import BusyDialog


class Reports(QObject):
    """File chooser and messages can be replaced in tests: ``choose_save``, ``inform``,
    ``warn``."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.services = window.services
        self.member: StaffMember | None = None
        self.bridge = FutureBridge(self)
        self._view: DashboardView | None = None
        self._asked = 0  # the newest request; older answers are dropped
        self.busy_dialog: BusyDialog | None = None
        self.choose_save: Callable[[str], Path | None] = self._choose_save
        self.inform: Callable[[str, str], None] = (
            lambda title, text: QMessageBox.information(window, title, text))
        self.warn: Callable[[str, str], None] = (
            lambda title, text: QMessageBox.warning(window, title, text))
        self.action = QAction(window)
        self.action.setObjectName("show-reports")
        self.action.triggered.connect(self.show)

    @property
    def built(self) -> bool:
        return self._view is not None

    @property
    def view(self) -> DashboardView:
        if self._view is None:
            from navigator.ui.dashboard_view import DashboardView

            view = DashboardView()
            self.window.stack.addWidget(view)
            view.back_requested.connect(self.window.show_catalogue)
            view.refresh_requested.connect(self.refresh)
            view.export_requested.connect(self.export)
            view.records_requested.connect(self.show_records)
            self._view = view
        return self._view

    # --- the main window's calls ------------------------------------------------------------

    def toolbar_actions(self) -> list[QAction]:
        return [self.action]

    def retranslate(self) -> None:
        self.action.setText(_("Reports"))
        if self.built:
            self.view.retranslate()

    def signed_in(self, member: StaffMember) -> None:
        self.member = member
        self.action.setVisible(bool(panels_for(member.role)))

    def lock(self) -> None:
        """Nothing of the last person's figures stays on screen."""
        self.member = None
        self._asked += 1
        if self.built:
            self.view.show_tables({})
            self.view.set_panels([], can_configure_records=False)

    def may_close(self) -> bool:
        return True

    # --- the screen ---------------------------------------------------------------------------

    def show(self) -> None:
        member = self.member
        if member is None or not panels_for(member.role):
            return
        view = self.view
        view.set_panels(panels_for(member.role), can_configure_records=member.is_admin)
        self.window.stack.setCurrentWidget(view)
        view.refresh()

    def refresh(self, start: date, end: date) -> None:
        member = self.member
        if member is None:
            return
        self._asked += 1
        asked = self._asked
        flt = Filter(start, end, navigator_id=scope_for(member.role, member.id),
                     language=current_language())
        self.view.show_busy()
        future = self.services.lane.submit(compute_panels, panels=list(self.view.panels),
                                           flt=flt)

        def ready(tables: dict[str, Table]) -> None:
            if asked == self._asked:
                self.view.show_tables(tables)

        def failed(error: BaseException) -> None:
            if asked == self._asked:
                self.view.status.setText(error_message(error))

        self.bridge.watch(future, ready, failed)

    # --- CSV ------------------------------------------------------------------------------

    def _choose_save(self, suggested: str) -> Path | None:
        name, _f = QFileDialog.getSaveFileName(
            self.window, _("Save as CSV"), str(Path.home() / suggested),
            _("CSV files (*.csv)"))
        if not name:
            return None
        return Path(name if name.lower().endswith(".csv") else name + ".csv")

    def export(self, name: str) -> None:
        table = self.view.results.get(name)
        if table is None:
            return
        start, end = self.view.period()
        out = self.choose_save(f"{name}-{start.isoformat()}-{end.isoformat()}.csv")
        if out is None:
            return
        from navigator.ui.pack_share import BusyDialog

        busy = BusyDialog.start(_("Save as CSV"), _("Writing “{name}”…").format(
            name=out.name), self.window)
        self.busy_dialog = busy
        future = self.services.workers.submit(write_csv, table, out, cancel=busy.cancelled,
                                              progress=busy.report)

        def finish() -> None:
            busy.finish()
            self.busy_dialog = None

        def done(_path: object) -> None:
            finish()
            self.inform(_("Saved"), _("The table is saved as {path}. It opens in a "
                                      "spreadsheet app.").format(path=out))

        def failed(error: BaseException) -> None:
            finish()
            if isinstance(error, ExportCancelled):
                return
            reason = getattr(error, "strerror", None) or str(error)
            self.warn(_("The CSV file was not written"),
                      _("Navigator could not write {path}: {reason}. Nothing else was "
                        "changed.").format(path=out, reason=reason))

        self.bridge.watch(future, done, failed)

    # --- Learning Record Store ------------------------------------------------------------

    def show_records(self) -> None:
        member = self.member
        if member is None or not member.is_admin:
            return
        from navigator.ui.lrs_settings import open_lrs_settings

        open_lrs_settings(self.window, self.services)

"""File › Backups… (administrators): the backups, *Back up now* and *Restore*.

Backing up runs on a worker with a progress bar and Cancel (a cancelled backup leaves no
file). Restoring asks first, then closes the screens: the app puts the backup back in
place (keeping the database it replaces beside it) and opens again on it (see
``navigator.app``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from navigator import paths
from navigator.formatting import format_datetime, format_number
from navigator.i18n import _, pgettext
from navigator.storage.backup import Backup, BackupCancelled, backup_file, list_backups
from navigator.ui.bridge import FutureBridge
from navigator.ui.pack_share import BusyDialog
from navigator.ui.page import error_message
from navigator.ui.widgets import button, label

if TYPE_CHECKING:
    from navigator.storage.staff import StaffMember
    from navigator.ui.main_window import MainWindow


def reason_text(reason: str) -> str:
    if reason == "daily":
        return pgettext("backup", "Daily")
    if reason == "exit":
        return pgettext("backup", "When Navigator closed")
    if reason == "manual":
        return pgettext("backup", "By hand")
    if reason == "before-restore":
        return pgettext("backup", "Before a restore")
    if reason == "before-pack-upgrade":
        return pgettext("backup", "Before a lesson pack update")
    return pgettext("backup", "Before a Navigator update")


def describe(backup: Backup) -> str:
    size = format_number(round(backup.size / 1024 / 1024, 1))
    return _("{when} — {kind} — {size} MB").format(
        when=format_datetime(backup.taken_at.astimezone()), kind=reason_text(backup.reason),
        size=size)


class BackupsDialog(QDialog):
    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("BackupsDialog")
        self.folder = folder
        self.setWindowTitle(_("Backups"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.intro = label(_("Navigator backs up its data by itself: once a day, when it "
                             "closes, and before an update. It keeps a week of daily "
                             "backups, then one a week for a month and one a month for six "
                             "months. Backups are in {folder}.").format(
                                 folder=f"\u2066{paths.backups_dir(folder)}\u2069"))
        self.list = QListWidget()
        self.list.setObjectName("backups-list")
        self.list.setAccessibleName(_("Backups"))
        self.empty = label(_("No backups yet."), role="muted")
        self.back_up = button(_("Back up now"), name="back-up-now")
        self.restore = button(_("Restore this backup…"), name="restore-backup")
        self.close_button = button(_("Close"), name="close-backups")
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_up)
        buttons.addStretch(1)
        buttons.addWidget(self.restore)
        buttons.addWidget(self.close_button)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.close_button.clicked.connect(self.reject)
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for backup in list_backups(paths.backups_dir(self.folder)):
            item = QListWidgetItem(describe(backup))
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            self.list.addItem(item)
        self.empty.setVisible(self.list.count() == 0)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update()

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _update(self) -> None:
        self.restore.setEnabled(self.chosen() is not None)


class Backups(QObject):
    """The File menu's *Backups…* for administrators, and what it starts."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.bridge = FutureBridge(self)
        self.dialog: BackupsDialog | None = None
        self.busy: BusyDialog | None = None
        self.confirm: Callable[[str], bool] = self._confirm
        self.warn: Callable[[str], None] = (
            lambda text: QMessageBox.warning(window, _("Backups"), text))
        self.action = QAction(window)
        self.action.setObjectName("show-backups")
        self.action.setVisible(False)
        self.action.triggered.connect(self.show)

    def toolbar_actions(self) -> list[QAction]:
        return []  # in the File menu

    def may_close(self) -> bool:
        return self.busy is None  # a backup in progress finishes (or is cancelled) first

    def retranslate(self) -> None:
        self.action.setText(_("&Backups…"))

    def signed_in(self, member: StaffMember) -> None:
        self.action.setVisible(member.is_admin)

    def lock(self) -> None:
        self.action.setVisible(False)
        if self.dialog is not None:
            self.dialog.reject()

    def show(self) -> None:
        dialog = BackupsDialog(self.window.services.data_dir, self.window)
        dialog.back_up.clicked.connect(self.back_up_now)
        dialog.restore.clicked.connect(self.restore_chosen)
        self.dialog = dialog
        dialog.open()

    def back_up_now(self) -> None:
        folder = self.window.services.data_dir
        busy = BusyDialog.start(_("Backing up"), _("Backing up Navigator's data…"),
                                self.dialog or self.window)
        self.busy = busy
        future = self.window.services.workers.submit(
            backup_file, paths.database_path(folder), paths.backups_dir(folder), "manual",
            progress=busy.report, cancelled=busy.cancelled.is_set)

        def done(_path: object) -> None:
            busy.finish()
            self.busy = None
            if self.dialog is not None:
                self.dialog.refresh()

        def failed(error: BaseException) -> None:
            busy.finish()
            self.busy = None
            if not isinstance(error, BackupCancelled):
                self.warn(_("No backup was made: {reason}").format(
                    reason=error_message(error)))

        self.bridge.watch(future, done, failed)

    def restore_chosen(self) -> None:
        dialog = self.dialog
        chosen = dialog.chosen() if dialog is not None else None
        if chosen is None:
            return
        item = dialog.list.currentItem() if dialog is not None else None
        when = item.text().split(" — ")[0] if item is not None else ""
        if not self.confirm(_(
                "Put back the backup from {when}?\n\nEverything saved after that time "
                "(answers, notes, sessions, profiles) will no longer be in Navigator. The "
                "present data is kept beside it, not deleted. Navigator closes its screens "
                "and opens again on the backup.").format(when=when)):
            return
        if dialog is not None:
            dialog.accept()
        self.window.restart_with_backup(chosen)

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(
            self.window, _("Restore a backup"), text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

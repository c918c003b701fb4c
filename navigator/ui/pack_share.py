"""Sharing packs as files: import (checked, then what it changes, then installed), export
and build, each on a worker with a progress bar and Cancel.

Nothing half-done stays behind: a cancelled or refused import removes its hidden folder
(:mod:`navigator.pack_import`), a cancelled export or build leaves no file.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from navigator import paths
from navigator.content.changes import PackChanges
from navigator.content.manifest import peek_identity
from navigator.content.navpack import NavpackRefused, build_navpack
from navigator.i18n import _, current_language
from navigator.pack_import import (
    ImportRefused,
    PreparedImport,
    changes_summary,
    commit_import,
    export_pack,
    prepare_import,
)
from navigator.ui.bridge import FutureBridge
from navigator.ui.widgets import button, label

FILE_FILTER = "*.navpack"


class BusyDialog(QDialog):
    """A sentence, a progress bar fed from the worker, and Cancel."""

    progressed = Signal(int, int)

    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.cancelled = threading.Event()
        layout = QVBoxLayout(self)
        self.text = label(text)
        self.bar = QProgressBar()
        self.bar.setObjectName("share-progress")
        self.bar.setRange(0, 0)
        self.bar.setAccessibleName(text)
        self.cancel = button(_("Cancel"), name="cancel-share")
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignRight)
        self.cancel.clicked.connect(self._cancel)
        self.progressed.connect(self._progress)

    @classmethod
    def start(cls, title: str, text: str, parent: QWidget) -> BusyDialog:
        """Shown at once, modal to ``parent``'s window."""
        dialog = cls(title, text, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def finish(self) -> None:
        """The work is over (done, failed or cancelled): close and let go."""
        self.hide()
        self.deleteLater()

    def report(self, done: int, total: int) -> None:
        """Called from the worker thread; the signal carries it to the UI thread."""
        self.progressed.emit(min(done, 2**31 - 1), min(total, 2**31 - 1))

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))

    def _cancel(self) -> None:
        self.cancelled.set()
        self.text.setText(_("Stopping…"))
        self.cancel.setEnabled(False)

    def reject(self) -> None:  # Escape or the window's close button also cancel
        self._cancel()


class ChangesDialog(QDialog):
    """What installing the file would change; Install is the trainer's decision."""

    def __init__(self, changes: PackChanges, parent: QWidget | None = None, *,
                 replaces_builtin: bool = False):
        super().__init__(parent)
        self.changes = changes
        self.setWindowTitle(_("Install this pack?"))
        layout = QVBoxLayout(self)
        self.summary = label("\n\n".join(changes_summary(
            changes, replaces_builtin=replaces_builtin)))
        self.summary.setObjectName("import-changes")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.summary)
        layout.addWidget(scroll, 1)
        self.resize(720, 480)
        self.downgrade = QCheckBox(_("Replace the newer version with this older one"))
        self.downgrade.setObjectName("allow-downgrade")
        self.downgrade.setVisible(changes.is_downgrade)
        layout.addWidget(self.downgrade)
        self.buttons = QDialogButtonBox()
        self.install = self.buttons.addButton(_("Install"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.install.setObjectName("install-pack")
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.install.setEnabled(not changes.is_downgrade)
        self.downgrade.toggled.connect(self.install.setEnabled)


class PackShare(QObject):
    """``installed(pack_id)`` after an import. File choosers and messages can be replaced
    (tests): ``choose_open``, ``choose_save``, ``inform``, ``warn``."""

    installed = Signal(str)

    def __init__(self, services: Any, parent: QWidget):
        super().__init__(parent)
        self.services = services
        self.parent_widget = parent
        self.bridge = FutureBridge(self)
        self.busy_dialog: BusyDialog | None = None
        self.changes_dialog: ChangesDialog | None = None
        self.choose_open: Callable[[], Path | None] = self._choose_open
        self.choose_save: Callable[[str], Path | None] = self._choose_save
        self.inform: Callable[[str, str], None] = (
            lambda title, text: QMessageBox.information(parent, title, text))
        self.warn: Callable[[str, str], None] = (
            lambda title, text: QMessageBox.warning(parent, title, text))

    @property
    def packs_folder(self) -> Path:
        return paths.packs_dir(self.services.data_dir)

    def _choose_open(self) -> Path | None:
        name, _f = QFileDialog.getOpenFileName(
            self.parent_widget, _("Import a pack file"), str(Path.home()),
            _("Navigator pack files ({pattern})").format(pattern=FILE_FILTER))
        return Path(name) if name else None

    def _choose_save(self, suggested: str) -> Path | None:
        name, _f = QFileDialog.getSaveFileName(
            self.parent_widget, _("Save as a pack file"), str(Path.home() / suggested),
            _("Navigator pack files ({pattern})").format(pattern=FILE_FILTER))
        if not name:
            return None
        return Path(name if name.endswith(".navpack") else name + ".navpack")

    def _busy(self, title: str, text: str) -> BusyDialog:
        self.busy_dialog = BusyDialog.start(title, text, self.parent_widget)
        return self.busy_dialog

    def _done_busy(self) -> None:
        if self.busy_dialog is not None:
            self.busy_dialog.finish()
            self.busy_dialog = None

    # --- import -----------------------------------------------------------------------------

    def import_file(self, path: Path | None = None, *, cleanup: Path | None = None) -> None:
        """Check ``path`` (asked for when ``None``), show what it changes, install on yes.
        ``cleanup`` is a temporary folder to remove at the end, whatever happens."""
        path = path or self.choose_open()
        if path is None:
            return
        busy = self._busy(_("Import a pack file"), _("Checking “{name}”…").format(
            name=path.name))
        future = self.services.workers.submit(
            prepare_import, self.services.lane, self.packs_folder, path,
            language=current_language(), progress=busy.report,
            cancelled=busy.cancelled.is_set)

        def finish() -> None:
            if cleanup is not None:
                shutil.rmtree(cleanup, ignore_errors=True)

        def prepared(ready: PreparedImport) -> None:
            self._done_busy()
            dialog = ChangesDialog(ready.changes, self.parent_widget,
                                   replaces_builtin=ready.replaces_builtin)
            self.changes_dialog = dialog

            def answered(result: int) -> None:
                self.changes_dialog = None
                if result != QDialog.DialogCode.Accepted:
                    ready.discard()
                    finish()
                    return
                self._commit(ready, dialog.downgrade.isChecked(), finish)

            dialog.finished.connect(answered)
            dialog.open()

        def failed(error: BaseException) -> None:
            self._done_busy()
            finish()
            self._refused(error, _("The pack was not installed"))

        self.bridge.watch(future, prepared, failed)

    def _commit(self, ready: PreparedImport, allow_downgrade: bool,
                finish: Callable[[], None]) -> None:
        future = self.services.workers.submit(
            commit_import, self.services.lane, self.services.library, self.packs_folder,
            ready, allow_downgrade=allow_downgrade)

        def done(changes: PackChanges) -> None:
            finish()
            self.installed.emit(changes.pack_id)
            self.inform(_("The pack is installed"), _(
                "“{title}” {version} is installed. Its lessons are in everyone's list of "
                "lessons.").format(title=changes.title, version=changes.new_version))

        def failed(error: BaseException) -> None:
            finish()
            self._refused(error, _("The pack was not installed"))

        self.bridge.watch(future, done, failed)

    def _refused(self, error: BaseException, title: str) -> None:
        if isinstance(error, CancelledError):
            self.inform(title, _("Stopped. Nothing was changed."))
        elif isinstance(error, NavpackRefused | ImportRefused):
            self.warn(title, error.message)
        elif type(error) is LookupError:  # export_pack: that pack is no longer installed
            self.warn(title, str(error))
        elif isinstance(error, OSError) and error.strerror is None:
            self.warn(title, str(error))  # our own sentence: a full disk, a file that changed
        elif isinstance(error, OSError):
            self.warn(title, _("The files could not be written: {reason}. Nothing was "
                               "changed.").format(reason=error.strerror))
        else:
            raise error

    # --- export and build -------------------------------------------------------------------

    def export_pack(self, pack_id: str, suggested: str) -> None:
        out = self.choose_save(suggested)
        if out is not None:
            self._write(out, lambda busy: export_pack(
                self.services.lane, pack_id, out, progress=busy.report,
                cancelled=busy.cancelled.is_set))

    def build_folder(self, folder: Path) -> None:
        identity = peek_identity(folder) or (folder.name, "")
        out = self.choose_save(f"{identity[0]}-{identity[1]}.navpack".replace("-.", "."))
        if out is not None:
            self._write(out, lambda busy: build_navpack(
                folder, out, progress=busy.report, cancelled=busy.cancelled.is_set))

    def try_folder(self, folder: Path) -> None:
        """Build into a temporary file, then import it here (showing what it changes)."""
        temp = Path(tempfile.mkdtemp(prefix="navigator-try-"))
        out = temp / "pack.navpack"
        self._write(out, lambda busy: build_navpack(
            folder, out, progress=busy.report, cancelled=busy.cancelled.is_set),
            then=lambda: self.import_file(out, cleanup=temp),
            cleanup=temp)

    def _write(self, out: Path, work: Callable[[BusyDialog], Any], *,
               then: Callable[[], None] | None = None, cleanup: Path | None = None) -> None:
        busy = self._busy(_("Save as a pack file"), _("Writing “{name}”…").format(
            name=out.name))
        future = self.services.workers.submit(work, busy)

        def done(_built: object) -> None:
            self._done_busy()
            if then is not None:
                then()
            else:
                self.inform(_("Saved"), _("The pack is saved as {path}. Send this one file "
                                          "to share the pack.").format(path=out))

        def failed(error: BaseException) -> None:
            self._done_busy()
            if cleanup is not None:
                shutil.rmtree(cleanup, ignore_errors=True)
            problems = getattr(error, "problems", None)
            if problems:  # PackError: the pack has errors
                self.warn(_("The pack file was not written"), _(
                    "Fix the problems listed under the editor first.") + "\n\n"
                    + "\n".join(str(p) for p in problems[:3]))
                return
            self._refused(error, _("The pack file was not written"))

        self.bridge.watch(future, done, failed)

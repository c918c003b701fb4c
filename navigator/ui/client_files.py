"""What leaves Navigator for a client: a handout (PDF or printed), their whole record
(JSON and handouts in one zip), and deleting them for good.

Files are made on a worker with a progress bar and Cancel, written beside their target and
renamed at the end: a cancelled or failed export leaves nothing behind."""

from __future__ import annotations

import contextlib
import json
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import CancelledError
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from navigator.files import written_beside
from navigator.handout import Handout, build_handout
from navigator.i18n import _
from navigator.storage import clients
from navigator.ui.bridge import FutureBridge
from navigator.ui.handout_pdf import print_handout, write_handout_pdf
from navigator.ui.page import error_message
from navigator.ui.widgets import button, language_name, safe_file_name

if TYPE_CHECKING:
    from navigator.ui.client_page import ClientPage
    from navigator.ui.coaching import Coaching

MAX_HANDOUTS_IN_EXPORT = 30


class HandoutDialog(QDialog):
    """Which lesson, in which language; then Save as PDF or Print."""

    def __init__(self, lessons: list[tuple[str, str, str]], languages: tuple[str, ...],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("HandoutDialog")
        self.setWindowTitle(_("Print a handout"))
        self.choice = ""
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.lesson = QComboBox()
        self.lesson.setObjectName("handout-lesson")
        for pack_id, lesson_id, title in lessons:
            self.lesson.addItem(title, (pack_id, lesson_id))
        self.language = QComboBox()
        self.language.setObjectName("handout-language")
        for code in languages:
            self.language.addItem(language_name(code), code)
        for text, widget in ((_("Lesson"), self.lesson), (_("Language"), self.language)):
            widget.setAccessibleName(text)
            form.addRow(text, widget)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.close_button = button(_("Close"), name="handout-close")
        self.print_button = button(_("Print…"), name="handout-print")
        self.save_button = button(_("Save as PDF…"), role="primary", name="handout-save")
        row.addStretch(1)
        for widget in (self.close_button, self.print_button, self.save_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.close_button.clicked.connect(self.reject)
        self.print_button.clicked.connect(lambda: self._choose("print"))
        self.save_button.clicked.connect(lambda: self._choose("pdf"))

    def _choose(self, what: str) -> None:
        self.choice = what
        self.accept()


class ClientFiles(QObject):
    def __init__(self, coaching_: Coaching, page: ClientPage):
        super().__init__(coaching_)
        self.coaching = coaching_
        self.window = coaching_.window
        self.page = page
        self.bridge = FutureBridge(self)
        self._stop = threading.Event()
        # injectable for tests: where to save, whether to go on, and the print dialog
        self.choose_file: Callable[[str, str], str] = self._ask_for_file
        self.confirm: Callable[[str, str], bool] = self._ask_to_confirm
        self.choose_printer: Callable[[QPrinter], bool] = self._ask_for_printer
        self.page.busy.cancel.clicked.connect(self._stop.set)

    # --- asking ------------------------------------------------------------------------------

    def _ask_for_file(self, suggested: str, kind: str) -> str:
        filters = {"pdf": _("PDF files (*.pdf)"), "zip": _("Zip files (*.zip)")}
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window, _("Save as"), str(Path.home() / suggested), filters[kind])
        return chosen

    def _ask_to_confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.warning(self.window, title, text,
                                     QMessageBox.StandardButton.Yes
                                     | QMessageBox.StandardButton.Cancel,
                                     QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _ask_for_printer(self, printer: QPrinter) -> bool:
        return bool(QPrintDialog(printer, self.window).exec())

    # --- long work -----------------------------------------------------------------------------

    def _run(self, work: Callable[[], Path], text: str, done_text: str) -> None:
        if self.bridge.busy:
            return
        self._stop.clear()
        self.page.busy.set_text(text, _("Cancel"))
        self.page.busy.show()

        def finished(path: Path) -> None:
            self.page.busy.hide()
            QMessageBox.information(self.window, _("Saved"), done_text.format(path=path))

        def failed(error: BaseException) -> None:
            self.page.busy.hide()
            if not isinstance(error, CancelledError):
                QMessageBox.warning(self.window, _("The file could not be saved"),
                                    error_message(error))

        self.bridge.watch(self.window.services.workers.submit(work), finished, failed)

    def _handout(self, pack_id: str, lesson_id: str, language: str) -> Handout:
        return build_handout(self.window.services.library.get(pack_id), lesson_id, language)

    # --- handout ----------------------------------------------------------------------------

    def handout(self) -> None:
        overview = self.page.overview
        if overview is None:
            return
        first = [(r.pack_id, r.lesson_id) for r in overview.path]
        lessons = sorted(self.coaching.lesson_choices(overview.client.id),
                         key=lambda c: (c[:2] not in first, first.index(c[:2])
                                        if c[:2] in first else 0))
        dialog = HandoutDialog(lessons, overview.client.languages, self.window)
        self.handout_dialog = dialog  # tests reach the open dialog here
        if not dialog.exec() or dialog.lesson.currentData() is None:
            return
        (pack_id, lesson_id), language = dialog.lesson.currentData(), \
            dialog.language.currentData()
        if dialog.choice == "print":
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if self.choose_printer(printer):
                try:
                    print_handout(self._handout(pack_id, lesson_id, language), printer)
                except Exception as exc:  # a printer that fails is a message, not a crash
                    QMessageBox.warning(self.window, _("The handout could not be printed"),
                                        error_message(exc))
            return
        chosen = self.choose_file(safe_file_name(dialog.lesson.currentText(), "handout",
                                                 ".pdf"), "pdf")
        if not chosen:
            return
        target = Path(chosen).with_suffix(".pdf")

        def work() -> Path:
            return write_handout_pdf(self._handout(pack_id, lesson_id, language), target,
                                     cancelled=self._stop.is_set)

        self._run(work, _("Making the handout…"), _("The handout is saved in {path}."))

    # --- export ----------------------------------------------------------------------------

    def export(self) -> None:
        overview = self.page.overview
        if overview is None:
            return
        client = overview.client
        chosen = self.choose_file(safe_file_name(client.nickname, "client", ".zip"), "zip")
        if not chosen:
            return
        target = Path(chosen).with_suffix(".zip")
        lane, stop = self.window.services.lane, self._stop
        refs = list(dict.fromkeys([r.ref for r in overview.path] + [
            ref for s in overview.sessions for ref in s.lessons]))[:MAX_HANDOUTS_IN_EXPORT]

        def work() -> Path:
            record = lane.call(clients.client_record, client_id=client.id)
            pdf = target.with_name(target.name + ".handout.pdf")
            try:
                with written_beside(target, cancelled=stop.is_set, empty_message=_(
                        "The file could not be written (is the disk full?).")) as part, \
                        zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as archive:
                    archive.writestr("client.json", json.dumps(record, ensure_ascii=False,
                                                               indent=2))
                    for pack_id, lesson_id in refs:
                        if stop.is_set():
                            raise CancelledError
                        write_handout_pdf(self._handout(pack_id, lesson_id, client.language),
                                          pdf, cancelled=stop.is_set)
                        archive.write(pdf, f"handouts/{lesson_id}.pdf")
            finally:
                with contextlib.suppress(OSError):
                    pdf.unlink()
            return target

        self._run(work, _("Making the client's file…"),
                  _("Everything Navigator keeps about this client is saved in {path}: "
                    "client.json and the handouts of their lessons."))

    # --- delete -----------------------------------------------------------------------------

    def delete(self) -> None:
        overview = self.page.overview
        if overview is None:
            return
        client = overview.client
        if not self.confirm(_("Delete for good"), _(
                "Delete {name} and everything Navigator keeps about them: intakes, sessions, "
                "lessons and answers? This cannot be undone. Export a copy first if the "
                "client wants one.").format(name=client.nickname)):
            return
        future = self.window.services.lane.submit_unwrapped(clients.delete_client,
                                                            client_id=client.id)

        def deleted(_result: object) -> None:
            self.page.clear()
            self.coaching.show_clients()

        self.bridge.watch(future, deleted, lambda error: QMessageBox.warning(
            self.window, _("The client could not be deleted"), error_message(error)))

"""My progress: certificates (open or save as PDF) and every module and lesson with its
status, best score, attempts and time spent."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, Executor
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from navigator.core.model import localized
from navigator.formatting import (
    format_date,
    format_hours_minutes,
    format_number,
    format_percentage,
)
from navigator.i18n import _
from navigator.storage.certificates import Certificate
from navigator.storage.repository import LessonRow, PackRow
from navigator.ui.bridge import FutureBridge
from navigator.ui.certificate_pdf import certificate_title, write_certificate_pdf
from navigator.ui.page import page_header, page_layout
from navigator.ui.widgets import BusyRow, button, fit_tree_columns, label, safe_file_name

CERTIFICATE_ROLE = Qt.ItemDataRole.UserRole


def certificate_line(cert: Certificate, language: str) -> str:
    """``Module: Smartphone basics — 24 Nov 2026`` (or ``Course: ...``)."""
    kind = _("Course") if cert.is_course else _("Module")
    # title and date each isolated, so an English title reads well in an Arabic line
    return _("{kind}: {title} — {date}").format(
        kind=kind, title=f"\u2068{certificate_title(cert, language)}\u2069",
        date=f"\u2068{format_date(cert.issued_at.astimezone())}\u2069")


def status_text(row: LessonRow) -> str:
    if row.status == "completed":
        return _("✓ Complete")
    if row.status == "started":
        return _("In progress")
    return _("Not started")


def file_name(cert: Certificate, language: str) -> str:
    return safe_file_name(f"certificate-{cert.id}-{certificate_title(cert, language)}",
                          cert.pack_id, ".pdf")


class ProgressView(QWidget):
    """``closed`` goes back to the lessons. PDFs are made on ``workers`` (set by the main
    window), with a progress bar and Cancel, into ``folder`` (opened) or where the learner
    chooses (saved)."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ProgressView")
        self.workers: Executor | None = None
        self.folder = Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.TempLocation))
        self.open_file: Callable[[Path], bool] = (
            lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        self._packs: list[PackRow] = []
        self._certificates: list[Certificate] = []
        self._language = "en"
        self._seconds = 0
        self._cancel: threading.Event | None = None
        self.bridge = FutureBridge(self)

        layout = page_layout(self)
        self.header = page_header("progress-back-to-lessons", "progress-time")
        self.back_to_list, self.title = self.header.back, self.header.title
        layout.addLayout(self.header.layout)

        self.certificates_heading = label(role="heading")
        layout.addWidget(self.certificates_heading)
        self.certificate_list = QListWidget()
        self.certificate_list.setObjectName("certificate-list")
        layout.addWidget(self.certificate_list)
        self.no_certificates = label(role="muted")
        self.no_certificates.setObjectName("no-certificates")
        layout.addWidget(self.no_certificates)
        row = QHBoxLayout()
        self.open_button = button(role="primary", name="open-certificate")
        self.save_button = button(name="save-certificate")
        row.addWidget(self.open_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.busy_row = BusyRow("certificate")
        self.cancel_button = self.busy_row.cancel
        layout.addWidget(self.busy_row)

        self.lessons_heading = label(role="heading")
        layout.addWidget(self.lessons_heading)
        self.tree = QTreeWidget()
        self.tree.setObjectName("progress-tree")
        self.tree.setColumnCount(5)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setWordWrap(True)  # long titles wrap rather than end in "…"
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.tree, 1)

        self.back_to_list.clicked.connect(self.closed)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.cancel_button.clicked.connect(self.cancel)
        self.certificate_list.itemActivated.connect(lambda _item: self.open_selected())
        self.certificate_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.retranslate()

    # --- data -----------------------------------------------------------------------------

    def show_progress(self, *, packs: list[PackRow], certificates: list[Certificate],
                      language: str, seconds_learned: int) -> None:
        self._packs, self._certificates = packs, certificates
        self._language, self._seconds = language, seconds_learned
        self.retranslate()

    def selected(self) -> Certificate | None:
        item = self.certificate_list.currentItem()
        if item is None:
            return None
        wanted = item.data(CERTIFICATE_ROLE)
        return next((c for c in self._certificates if c.id == wanted), None)

    # --- display --------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        fit_tree_columns(self.tree)

    def retranslate(self) -> None:
        self.header.retranslate()
        self.title.setText(_("My progress"))
        self.header.counter.setText(_("Time learned: {time}").format(
            time=format_hours_minutes(self._seconds)))
        self.certificates_heading.setText(_("Certificates"))
        self.certificate_list.setAccessibleName(_("Certificates"))
        self.no_certificates.setText(_("No certificate yet. Complete every lesson of a module "
                                       "to earn its certificate."))
        self.open_button.setText(_("Open certificate"))
        self.save_button.setText(_("Save a copy…"))
        self.busy_row.set_text(_("Making the certificate…"), _("Cancel"))
        self.lessons_heading.setText(_("Modules and lessons"))
        self.tree.setAccessibleName(_("Modules and lessons"))
        self.tree.setHeaderLabels([_("Lesson"), _("Status"), _("Best score"), _("Attempts"),
                                   _("Time spent")])
        self._fill_certificates()
        self._fill_tree()
        self._update_buttons()

    def _fill_certificates(self) -> None:
        current = self.selected()
        self.certificate_list.clear()
        for cert in self._certificates:
            item = QListWidgetItem("🎓 " + certificate_line(cert, self._language))
            item.setData(CERTIFICATE_ROLE, cert.id)
            self.certificate_list.addItem(item)
            if current is not None and current.id == cert.id:
                self.certificate_list.setCurrentItem(item)
        if self._certificates and self.certificate_list.currentItem() is None:
            self.certificate_list.setCurrentRow(0)
        has = bool(self._certificates)
        rows = min(max(len(self._certificates), 1), 4)  # as tall as its rows, up to four
        row_height = max(self.certificate_list.sizeHintForRow(0), 24)
        self.certificate_list.setFixedHeight(rows * row_height + 16)
        self.certificate_list.setVisible(has)
        self.no_certificates.setVisible(not has)

    def _fill_tree(self) -> None:
        self.tree.clear()
        for pack in self._packs:
            top = QTreeWidgetItem([localized(pack.titles, self._language,
                                             pack.default_language)])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for module in pack.modules:
                seconds = sum(lesson.seconds for lesson in module.lessons)
                status = (_("✓ Complete") if module.is_complete else
                          _("{done} of {total} done").format(
                              done=format_number(module.completed),
                              total=format_number(len(module.lessons))))
                item = QTreeWidgetItem([
                    localized(module.titles, self._language, pack.default_language), status,
                    "", "", format_hours_minutes(seconds)])
                top.addChild(item)
                for lesson in module.lessons:
                    title = localized(lesson.titles, self._language, pack.default_language)
                    child = QTreeWidgetItem([
                        title,
                        status_text(lesson),
                        "—" if lesson.best_score is None
                        else format_percentage(lesson.best_score),
                        format_number(lesson.attempts),
                        format_hours_minutes(lesson.seconds)])
                    child.setToolTip(0, title)
                    item.addChild(child)
        self.tree.expandAll()
        QTimer.singleShot(0, lambda: fit_tree_columns(self.tree))  # once laid out

    def _update_buttons(self) -> None:
        working = self._cancel is not None
        has = self.selected() is not None
        self.open_button.setVisible(bool(self._certificates))
        self.save_button.setVisible(bool(self._certificates))
        self.open_button.setEnabled(has and not working)
        self.save_button.setEnabled(has and not working)

    # --- certificates as PDF --------------------------------------------------------------

    def open_selected(self) -> None:
        cert = self.selected()
        if cert is None:
            return
        target = self.folder / file_name(cert, self._language)
        self._make(cert, target, self._opened)

    def save_selected(self) -> None:
        cert = self.selected()
        if cert is None:
            return
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the certificate"),
            str(Path(documents) / file_name(cert, self._language)), _("PDF files (*.pdf)"))
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self._make(cert, target, self._saved)

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._done()

    def _make(self, cert: Certificate, target: Path, then: Callable[[Path], None]) -> None:
        if self.workers is None or self._cancel is not None:
            return
        cancel = threading.Event()
        self._cancel = cancel
        self.busy_row.show()
        self._update_buttons()
        self.cancel_button.setFocus()
        future = self.workers.submit(write_certificate_pdf, cert, target,
                                     language=self._language, cancelled=cancel.is_set)

        def finished(path: Path) -> None:
            if not cancel.is_set():
                self._done()
                then(path)

        def failed(error: BaseException) -> None:
            if cancel.is_set() or isinstance(error, CancelledError):
                return
            self._done()
            QMessageBox.warning(self, _("The certificate could not be made"), _(
                "Navigator could not write the certificate to {path} ({error}). Choose "
                "another folder, or free some space, and try again.").format(
                    path=target, error=error))

        self.bridge.watch(future, finished, failed)

    def _done(self) -> None:
        self._cancel = None
        self.busy_row.hide()
        self._update_buttons()
        self.open_button.setFocus()

    def _opened(self, path: Path) -> None:
        if not self.open_file(path):
            QMessageBox.information(self, _("Certificate saved"), _(
                "No program to show PDF files was found. The certificate is saved here:\n"
                "{path}").format(path=path))

    def _saved(self, path: Path) -> None:
        QMessageBox.information(self, _("Certificate saved"),
                                _("The certificate is saved here:\n{path}").format(path=path))

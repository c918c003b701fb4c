"""Translation status: a table of lessons × languages, each cell in words and a symbol
(never colour alone), and the actions a translator needs: start a translation from the
original, open one, mark one as up to date after checking it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navigator.content.packedit import EditRefused
from navigator.content.translation_status import (
    Status,
    TranslationTable,
    mark_translation_current,
    start_translation,
    translation_table,
)
from navigator.i18n import _
from navigator.ui.flow_layout import FlowLayout
from navigator.ui.widgets import INTERFACE_LANGUAGES, button, label, language_name

ROLE = Qt.ItemDataRole.UserRole


def status_text(status: Status) -> str:
    return {Status.SOURCE: _("Original"), Status.CURRENT: _("✓ Up to date"),
            Status.OUTDATED: _("⚠ Out of date"), Status.MISSING: _("✗ Missing"),
            Status.UNTRACKED: _("? No record")}[status]


def reason(error: Exception) -> str:
    """The sentence to show for a refused action (an OSError's plain reason)."""
    return getattr(error, "strerror", None) or str(error)


class TranslationsDialog(QDialog):
    """``open_requested(lesson_id, language)`` opens a file in the editor. ``confirm`` and
    ``warn`` can be replaced (tests)."""

    open_requested = Signal(str, str)

    def __init__(self, root: Path, *, parent: QWidget | None = None):
        super().__init__(parent)
        self.root = root
        self.extra: list[str] = []
        self.table_data: TranslationTable | None = None
        self.confirm = self._confirm
        self.warn = lambda title, text: QMessageBox.warning(self, title, text)
        self.setWindowTitle(_("Translations"))
        layout = QVBoxLayout(self)
        self.legend = label(role="muted")
        layout.addWidget(self.legend)
        self.table = QTableWidget()
        self.table.setObjectName("translation-status")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(_("Translation of each lesson in each language"))
        self.table.setCornerButtonEnabled(False)
        for corner in self.table.findChildren(QAbstractButton):  # Qt's "select all" corner
            corner.setAccessibleName(_("Lessons and languages"))
        self.table.cellActivated.connect(lambda *_a: self.main_action())
        self.table.currentCellChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.table, 1)
        row_box = QWidget()
        row = FlowLayout(row_box)
        self.start = button(_("Start the translation"), role="primary", name="start-translation")
        self.open_file = button(_("Open"), name="open-translation")
        self.mark = button(_("Mark as up to date"), name="mark-current")
        self.add_language = QComboBox()
        self.add_language.setObjectName("add-language")
        self.add_language.setAccessibleName(_("Add a language"))
        for widget in (self.start, self.open_file, self.mark, self.add_language):
            row.add(widget)
        layout.addWidget(row_box)
        self.resize(900, 600)
        self.start.clicked.connect(self.start_selected)
        self.open_file.clicked.connect(self.open_selected)
        self.mark.clicked.connect(self.mark_selected)
        self.add_language.activated.connect(self._language_added)
        self.legend.setText(_(
            "Out of date: the original lesson changed after this translation was made. Open "
            "it beside the original, bring it up to date, then mark it as up to date."))
        self.refresh()

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, _("Mark as up to date"), question)
        return answer == QMessageBox.StandardButton.Yes

    def refresh(self) -> None:
        """Read the statuses from the files again, keeping the selected cell."""
        row, column = self.table.currentRow(), self.table.currentColumn()
        data = translation_table(self.root, self.extra or None)
        self.table_data = data
        self.table.clear()
        self.table.setRowCount(len(data.rows))
        self.table.setColumnCount(len(data.languages))
        for j, language in enumerate(data.languages):
            head = QTableWidgetItem(language_name(language.replace("-", "_")))
            counted = sum(1 for r in data.rows if r.statuses.get(language) in (
                Status.CURRENT, Status.SOURCE))
            head.setToolTip(_("{count} of {total} up to date").format(
                count=counted, total=len(data.rows)))
            self.table.setHorizontalHeaderItem(j, head)
        for i, item in enumerate(data.rows):
            self.table.setVerticalHeaderItem(i, QTableWidgetItem(item.title or item.lesson_id))
            for j, language in enumerate(data.languages):
                status = item.statuses.get(language, Status.MISSING)
                cell = QTableWidgetItem(status_text(status))
                cell.setData(ROLE, (item.lesson_id, language, status.value))
                self.table.setItem(i, j, cell)
        self.table.resizeColumnsToContents()
        self.add_language.clear()
        self.add_language.addItem(_("Add a language…"), "")
        present = {code.replace("-", "_").split("_")[0] for code in data.languages}
        for code in INTERFACE_LANGUAGES:
            base = code.split("_")[0]
            if base not in present:
                self.add_language.addItem(language_name(code), base)
        if row >= 0 and column >= 0:
            self.table.setCurrentCell(row, column)
        self._update_buttons()

    def selected(self) -> tuple[str, str, Status] | None:
        cell = self.table.currentItem()
        if cell is None:
            return None
        lesson_id, language, status = cell.data(ROLE)
        return lesson_id, language, Status(status)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        status = chosen[2] if chosen else None
        self.start.setEnabled(status is Status.MISSING)
        self.open_file.setEnabled(status not in (None, Status.MISSING))
        self.mark.setEnabled(status in (Status.OUTDATED, Status.UNTRACKED))

    def _language_added(self, index: int) -> None:
        code = self.add_language.itemData(index)
        if code:
            self.extra.append(code)
            self.refresh()

    def main_action(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        (self.start_selected if chosen[2] is Status.MISSING else self.open_selected)()

    def start_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen[2] is not Status.MISSING:
            return
        try:
            start_translation(self.root, chosen[0], chosen[1])
        except (OSError, EditRefused) as exc:
            self.warn(_("The translation was not started"), reason(exc))
            return
        self.refresh()
        self.open_requested.emit(chosen[0], chosen[1])

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen[2] is not Status.MISSING:
            self.open_requested.emit(chosen[0], chosen[1])

    def mark_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen[2] not in (Status.OUTDATED, Status.UNTRACKED):
            return
        if not self.confirm(_(
                "Have you checked that this translation says everything the original says "
                "now? It will be shown as up to date.")):
            return
        try:
            mark_translation_current(self.root, chosen[0], chosen[1])
        except (OSError, EditRefused) as exc:  # e.g. the original file is gone
            self.warn(_("The translation was not marked"), reason(exc))
            return
        self.refresh()

"""The pack editor's outline: modules and their lessons in a tree, with buttons to add,
rename, move and delete them. The changes are made on disk by
:mod:`navigator.content.packedit`; the tree is then read again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QInputDialog,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navigator.content import packedit
from navigator.i18n import _
from navigator.ui.flow_layout import FlowLayout
from navigator.ui.widgets import button, label

MODULE, LESSON = "module", "lesson"
ROLE = Qt.ItemDataRole.UserRole


def ask_text_dialog(parent: QWidget, title: str, prompt: str, value: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, prompt, text=value)
    return text.strip() if ok and text.strip() else None


def confirm_dialog(parent: QWidget, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class OutlinePanel(QWidget):
    """``lesson_opened(lesson_id)`` when a lesson is chosen; ``changed()`` after an edit
    changed files on disk (the editor then reloads what it has open)."""

    lesson_opened = Signal(str)
    changed = Signal()
    about_to_change = Signal()  # save typing first: an edit may rewrite an open file

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.root: Path | None = None
        self.language = "en"
        self.outline: packedit.Outline | None = None
        self.ask_text: Callable[[str, str, str], str | None] = (
            lambda title, prompt, value: ask_text_dialog(self, title, prompt, value))
        self.confirm: Callable[[str, str], bool] = (
            lambda title, question: confirm_dialog(self, title, question))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = label(role="section")
        layout.addWidget(self.heading)
        self.tree = QTreeWidget()
        self.tree.setObjectName("pack-outline")
        self.tree.setHeaderHidden(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._current_changed)
        layout.addWidget(self.tree, 1)
        buttons = QWidget()
        grid = self.grid = FlowLayout(buttons)
        self.add_module = button(name="add-module")
        self.add_lesson = button(name="add-lesson")
        self.rename = button(name="rename")
        self.move_up = button(name="move-up")
        self.move_down = button(name="move-down")
        self.delete = button(name="delete")
        for widget in ((self.add_lesson, self.add_module, self.rename,
                                    self.delete, self.move_up, self.move_down)):
            grid.add(widget)
        layout.addWidget(buttons)
        self.add_module.clicked.connect(self.new_module)
        self.add_lesson.clicked.connect(self.new_lesson)
        self.rename.clicked.connect(self.rename_selected)
        self.move_up.clicked.connect(lambda: self.move_selected(-1))
        self.move_down.clicked.connect(lambda: self.move_selected(1))
        self.delete.clicked.connect(self.delete_selected)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Modules and lessons"))
        self.tree.setAccessibleName(_("Modules and lessons"))
        for widget, text in ((self.add_module, _("New module")),
                             (self.add_lesson, _("New lesson")),
                             (self.rename, _("Rename")), (self.delete, _("Delete"))):
            widget.setText(text)
        for widget, text, arrow in ((self.move_up, _("Move up"), "↑"),
                                    (self.move_down, _("Move down"), "↓")):
            widget.setText(arrow)
            widget.setAccessibleName(text)
            widget.setToolTip(text)
        self.setMinimumWidth(max(w.sizeHint().width() for w in (
            self.add_lesson, self.add_module, self.rename, self.delete)))

    # --- reading ----------------------------------------------------------------------------

    def show_pack(self, root: Path, language: str) -> None:
        self.root, self.language = root, language
        self.reload()

    def reload(self, select: tuple[str, str] | None = None) -> None:
        """Read the outline from disk again and keep (or set) the selection."""
        if self.root is None:
            return
        current = select or self.selected()
        self.outline = packedit.read_outline(self.root)
        self.tree.blockSignals(True)
        self.tree.clear()
        bold = QFont()
        bold.setBold(True)
        chosen: QTreeWidgetItem | None = None
        for module in self.outline.modules:
            title = module.titles.get(self.outline.default_language) or module.id
            item = QTreeWidgetItem([title])
            item.setData(0, ROLE, (MODULE, module.id))
            item.setFont(0, bold)
            item.setToolTip(0, module.id)
            self.tree.addTopLevelItem(item)
            if current == (MODULE, module.id):
                chosen = item
            for lesson in module.lessons:
                child = QTreeWidgetItem([lesson.title or lesson.id])
                child.setData(0, ROLE, (LESSON, lesson.id))
                child.setToolTip(0, lesson.id)
                item.addChild(child)
                if current == (LESSON, lesson.id):
                    chosen = child
            item.setExpanded(True)
        self.tree.blockSignals(False)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._update_buttons()

    def selected(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        return item.data(0, ROLE) if item is not None else None

    def select_lesson(self, lesson_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            module = self.tree.topLevelItem(i)
            for j in range(module.childCount()):
                if module.child(j).data(0, ROLE) == (LESSON, lesson_id):
                    self.tree.blockSignals(True)
                    self.tree.setCurrentItem(module.child(j))
                    self.tree.blockSignals(False)
                    self._update_buttons()
                    return

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind, item_id = item.data(0, ROLE)
        if kind == LESSON:
            self.lesson_opened.emit(item_id)

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        self._update_buttons()
        if item is not None:
            self._activated(item)

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for widget in (self.rename, self.move_up, self.move_down, self.delete):
            widget.setEnabled(has)
        self.add_lesson.setEnabled(bool(self.outline and self.outline.modules))

    # --- editing ----------------------------------------------------------------------------

    def _module_of(self, selection: tuple[str, str] | None) -> str | None:
        if self.outline is None or not self.outline.modules:
            return None
        if selection is None:
            return self.outline.modules[-1].id
        kind, item_id = selection
        if kind == MODULE:
            return item_id
        for module in self.outline.modules:
            if any(lesson.id == item_id for lesson in module.lessons):
                return module.id
        return self.outline.modules[-1].id

    def _edit(self, action: Callable[[], object], select: tuple[str, str] | None = None
              ) -> object:
        """Run one edit on disk; a refusal is shown in plain words and changes nothing."""
        self.about_to_change.emit()
        try:
            result = action()
        except packedit.EditRefused as exc:
            QMessageBox.warning(self, _("This change was not made"), str(exc))
            return None
        except OSError as exc:
            QMessageBox.warning(self, _("This change was not made"), _(
                "The pack's files could not be changed: {reason}").format(
                    reason=exc.strerror or exc))
            return None
        self.reload(select)
        self.changed.emit()
        return result

    def new_module(self) -> None:
        root = self.root
        title = self.ask_text(_("Add a module"), _("The module's title:"), "")
        if root is None or title is None:
            return
        module_id = self._edit(lambda: packedit.add_module(root, title, self.language))
        if isinstance(module_id, str):
            self.reload((MODULE, module_id))

    def new_lesson(self) -> None:
        root, module_id = self.root, self._module_of(self.selected())
        if root is None or module_id is None:
            return
        title = self.ask_text(_("Add a lesson"), _("The lesson's title:"), "")
        if title is None:
            return
        path = self._edit(lambda: packedit.add_lesson(root, module_id, title))
        if isinstance(path, Path):
            lesson_id = path.name.split(".")[0]
            self.reload((LESSON, lesson_id))
            self.lesson_opened.emit(lesson_id)

    def rename_selected(self) -> None:
        root, selection, item = self.root, self.selected(), self.tree.currentItem()
        if root is None or selection is None or item is None:
            return
        kind, item_id = selection
        title = self.ask_text(_("Rename"), _("The new title (the id “{id}” stays, so "
                                             "learners keep their records):").format(
                                                 id=item_id), item.text(0))
        if title is None:
            return
        if kind == MODULE:
            self._edit(lambda: packedit.rename_module(root, item_id, title, self.language))
        else:
            self._edit(lambda: packedit.rename_lesson(root, item_id, title, self.language))

    def move_selected(self, delta: int) -> None:
        root, selection = self.root, self.selected()
        if root is None or selection is None or self.outline is None:
            return
        kind, item_id = selection
        if kind == MODULE:
            self._edit(lambda: packedit.move_module(root, item_id, delta), selection)
            return
        module_id = self._module_of(selection)
        module = next(m for m in self.outline.modules if m.id == module_id)
        position = [lesson.id for lesson in module.lessons].index(item_id) + delta
        modules = [m.id for m in self.outline.modules]
        if position < 0 or position >= len(module.lessons):  # into the next or previous module
            index = modules.index(module.id) + (1 if delta > 0 else -1)
            if not 0 <= index < len(modules):
                return
            target = self.outline.modules[index]
            module_id = target.id
            position = 0 if delta > 0 else len(target.lessons)
        self._edit(lambda: packedit.move_lesson(root, item_id, module_id, position), selection)

    def delete_selected(self) -> None:
        root, selection, item = self.root, self.selected(), self.tree.currentItem()
        if root is None or selection is None or item is None:
            return
        kind, item_id = selection
        if kind == MODULE:
            question = _("Delete the module “{title}” and every lesson in it, in every "
                         "language? Their files are removed from the pack.").format(
                             title=item.text(0))
        else:
            question = _("Delete the lesson “{title}” in every language? Its files are "
                         "removed from the pack.").format(title=item.text(0))
        if not self.confirm(_("Delete"), question):
            return
        if kind == MODULE:
            self._edit(lambda: packedit.delete_module(root, item_id))
        else:
            self._edit(lambda: packedit.delete_lesson(root, item_id))

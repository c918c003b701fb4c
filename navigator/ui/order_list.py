"""Put the steps in order: drag them, or move the selected one with Up/Down (Alt+arrows)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navigator.content.render import inline_html
from navigator.core.model import Question
from navigator.i18n import _
from navigator.ui.widgets import button, label

INDEX_ROLE = Qt.ItemDataRole.UserRole
EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


def plain(text: str) -> str:
    """A list item shows plain text: drop Markdown emphasis marks (the feedback below the
    list, after answering, is rendered in full)."""
    return EMPHASIS.sub("", text)


class _List(QListWidget):
    """The list; ``move_current`` moves the selected step (buttons and Alt+Up/Down)."""

    moved = Signal()

    def move_current(self, delta: int) -> None:
        row = self.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.count() or not self.isEnabled():
            return
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)
        self.moved.emit()

    def dropEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().dropEvent(event)
        self.moved.emit()


class OrderList(QWidget):
    """Shows the steps in a shuffled order; ``chosen()`` is the learner's order."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.list = _List()
        self.list.setObjectName("order-list")
        self.list.setWordWrap(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.moved.connect(self._moved)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.up = button(name="order-up")
        self.down = button(name="order-down")
        self.up.clicked.connect(lambda: self.list.move_current(-1))
        self.down.clicked.connect(lambda: self.list.move_current(1))
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.solution_title = label(role="title")
        self.solution = QLabel()
        self.solution.setObjectName("order-solution")
        self.solution.setWordWrap(True)
        self.solution.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.solution_title)
        layout.addWidget(self.solution)
        for keys, delta in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=delta: self.list.move_current(d))
        self._question: Question | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.up.setText(_("Move up"))
        self.up.setAccessibleName(_("Move the selected step up"))
        self.down.setText(_("Move down"))
        self.down.setAccessibleName(_("Move the selected step down"))
        self.list.setAccessibleName(_("Steps to put in order"))
        self.list.setAccessibleDescription(_(
            "Drag the steps, or select one and press Alt+Up or Alt+Down to move it."))
        self.solution_title.setText(_("The right order"))

    def show_question(self, question: Question, order: list[int],
                      answered: tuple[int, ...] | None) -> None:
        self._question = question
        self.list.clear()
        for index in (list(answered) if answered else order):
            item = QListWidgetItem(plain(question.options[index].text))
            item.setData(INDEX_ROLE, index)
            self.list.addItem(item)
        self.list.setEnabled(answered is None)
        self.list.setCurrentRow(0 if answered is None else -1)
        self.solution_title.hide()
        self.solution.hide()
        self._fit()
        self._update_buttons()
        if answered is not None:
            self.show_answer(answered)

    def chosen(self) -> list[int]:
        return [int(self.list.item(i).data(INDEX_ROLE)) for i in range(self.list.count())]

    def show_answer(self, sequence: tuple[int, ...]) -> None:
        question = self._question
        if question is None:
            return
        self.list.setEnabled(False)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        for row in range(self.list.count()):
            item = self.list.item(row)
            index = int(item.data(INDEX_ROLE))
            mark = _("✓ right place") if index == row else _("✗ wrong place")
            item.setText(f"{plain(question.options[index].text)}  ({mark})")
        self._fit()
        items = []
        for option in question.options:
            feedback = (f"<br><span>{inline_html(option.feedback)}</span>"
                        if option.feedback else "")
            items.append(f"<li>{inline_html(option.text)}{feedback}</li>")
        self.solution.setText(f"<ol>{''.join(items)}</ol>")
        self.solution_title.show()
        self.solution.show()
        self._update_buttons()

    def _moved(self) -> None:
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        enabled = self.list.isEnabled()
        self.up.setEnabled(enabled and row > 0)
        self.down.setEnabled(enabled and 0 <= row < self.list.count() - 1)
        self.up.setVisible(enabled)
        self.down.setVisible(enabled)

    def _fit(self) -> None:
        """As tall as its steps: the page scrolls, never the list."""
        self.list.doItemsLayout()
        count = self.list.count()
        bottom = self.list.visualItemRect(self.list.item(count - 1)).bottom() if count else 0
        self.list.setFixedHeight(bottom + 2 * self.list.frameWidth() + 12)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        self._fit()

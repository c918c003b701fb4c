"""A layout that places widgets in a row and wraps them onto the next line when the row is
full, so a row of buttons stays whole at 200% text instead of squeezing its labels."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 8):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def add(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt's name)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's name)
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        width = sum(i.sizeHint().width() for i in self._visible()) + self._gap * max(
            0, len(self._visible()) - 1)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's name)
        widest = max((i.sizeHint().width() for i in self._visible()), default=0)
        return QSize(widest, self.heightForWidth(widest))

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out left to right (mirrored right to left); return the height."""
        rtl = (self.parentWidget() is not None
               and self.parentWidget().layoutDirection() == Qt.LayoutDirection.RightToLeft)
        x, y, line = 0, 0, 0
        for item in self._visible():
            size = item.sizeHint()
            if x and x + size.width() > rect.width():
                x, y, line = 0, y + line + self._gap, 0
            if move:
                left = rect.right() - x - size.width() + 1 if rtl else rect.x() + x
                item.setGeometry(QRect(QPoint(left, rect.y() + y), size))
            x += size.width() + self._gap
            line = max(line, size.height())
        return y + line

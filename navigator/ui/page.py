"""The parts every full-window page shares: a header with "← Lessons", a title and a
counter; a centred reading column that scrolls; and how a failed save is explained."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from navigator.i18n import _
from navigator.storage.database import DatabaseUnavailable
from navigator.ui.widgets import button, label

MAX_TEXT_WIDTH = 760  # about 70 characters a line at the base size


@dataclass
class PageHeader:
    """``← Lessons`` (it points the other way right to left), the title, a counter."""

    layout: QHBoxLayout
    back: QPushButton
    title: QLabel
    counter: QLabel

    def retranslate(self) -> None:
        rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.back.setText(_("{arrow} Lessons").format(arrow="→" if rtl else "←"))
        self.back.setAccessibleName(_("Back to the list of lessons"))


def page_header(back_name: str, counter_name: str = "") -> PageHeader:
    layout = QHBoxLayout()
    back = button(name=back_name)
    title = label(role="title")
    counter = label(role="muted", wrap=False)
    if counter_name:
        counter.setObjectName(counter_name)
    layout.addWidget(back)
    layout.addWidget(title, 1)
    layout.addWidget(counter)
    return PageHeader(layout, back, title, counter)


def page_layout(widget: QWidget) -> QVBoxLayout:
    """The outer layout of a page, with the margins every page uses."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(24, 16, 24, 16)
    layout.setSpacing(12)
    return layout


@dataclass
class ReadingColumn:
    """A scroll area holding one centred column no wider than a comfortable line."""

    scroll: QScrollArea
    column: QWidget
    layout: QVBoxLayout

    def scroll_to(self, widget: QWidget) -> None:
        """Bring ``widget`` into view once it is laid out (after the event loop turns)."""
        QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(widget, 0, 16))

    def set_direction(self, right_to_left: bool) -> None:
        self.column.setLayoutDirection(Qt.LayoutDirection.RightToLeft if right_to_left
                                       else Qt.LayoutDirection.LeftToRight)


def reading_column() -> ReadingColumn:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    page = QWidget()
    centred = QHBoxLayout(page)
    centred.setContentsMargins(0, 0, 0, 0)
    column = QWidget()
    column.setMaximumWidth(MAX_TEXT_WIDTH)
    centred.addWidget(column)
    layout = QVBoxLayout(column)
    layout.setContentsMargins(8, 8, 8, 8)
    layout.setSpacing(16)
    scroll.setWidget(page)
    return ReadingColumn(scroll, column, layout)


def error_message(error: BaseException) -> str:
    """What to tell the user about a failed storage call."""
    if isinstance(error, DatabaseUnavailable):
        return error.message
    return _("Navigator could not save your work ({error}). What you saved before is safe. "
             "Please try again.").format(error=error)


def warn_save_failed(parent: QWidget, error: BaseException) -> None:
    QMessageBox.warning(parent, _("Could not save"), error_message(error))


def scrolling_page(widget: QWidget) -> QVBoxLayout:
    """Like :func:`page_layout`, inside a scroll area: at large text on a small screen the
    page scrolls instead of squeezing (and cutting) its buttons and labels."""
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    inner = QWidget()
    scroll.setWidget(inner)
    outer.addWidget(scroll)
    return page_layout(inner)

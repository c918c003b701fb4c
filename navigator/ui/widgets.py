"""Small building blocks shared by the screens."""

from __future__ import annotations

from babel import Locale
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QWidget,
)

INTERFACE_LANGUAGES = ("en", "fr_CA", "ar", "es")


def language_name(code: str) -> str:
    """A language's name written in that language: ``fr_CA`` -> ``Français (Canada)``."""
    try:
        locale = Locale.parse(code)
        name = locale.get_display_name(locale) or code
    except (ValueError, TypeError):
        return code
    return name[:1].upper() + name[1:]


def label(text: str = "", *, role: str | None = None, wrap: bool = True,
          parent: QWidget | None = None) -> QLabel:
    widget = QLabel(text, parent)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    return widget


def button(text: str = "", *, role: str | None = None, name: str = "",
           parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    widget.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    widget.setMinimumSize(44, 44)
    return widget


def listen_button(name: str, parent: QWidget | None = None) -> QPushButton:
    """A small 🔊 button that reads something aloud (44 × 44 at least, like every button).
    Its accessible name says what it reads."""
    widget = button("🔊", name=name, parent=parent)
    widget.setProperty("role", "listen")
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return widget


def fit_tree_columns(tree: QTreeWidget, first_share: float = 0.45) -> None:
    """Give the first column (titles) at least ``first_share`` of the width: the other
    columns take their content's width, shrunk in proportion when there is not room (their
    text wraps), so large text never squeezes titles down to "…"."""
    header = tree.header()
    count = tree.columnCount()
    if count < 2:
        return
    room = max(tree.viewport().width() - tree.indentation() * 3, 100)
    padding = tree.fontMetrics().averageCharWidth() * 2
    wanted = [max(tree.sizeHintForColumn(c), header.sectionSizeHint(c)) + padding
              for c in range(1, count)]
    limit = room * (1 - first_share)
    scale = min(1.0, limit / sum(wanted)) if sum(wanted) else 1.0
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column, width in enumerate(wanted, start=1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, int(width * scale))


def card(role: str = "card", parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setProperty("role", role)
    return frame


def restyle(widget: QWidget, role: str) -> None:
    """Change a widget's ``role`` property and re-apply the stylesheet."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)

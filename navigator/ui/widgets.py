"""Small building blocks shared by the screens."""

from __future__ import annotations

from babel import Locale
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QWidget,
)

INTERFACE_LANGUAGES = ("en", "fr_CA", "ar", "es")


# The interface languages' names in their own words, as Babel's CLDR data writes them (a
# test checks): reading that data took 10 ms a language, 40 ms of every start.
OWN_NAMES = {"en": "English", "fr_CA": "Français (Canada)", "ar": "العربية", "es": "Español"}


def language_name(code: str) -> str:
    """A language's name written in that language: ``fr_CA`` -> ``Français (Canada)``."""
    if code in OWN_NAMES:
        return OWN_NAMES[code]
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
    """The other columns take their content's width; the first (titles) stretches over the
    rest. When that would leave titles less than ``first_share`` of the view (large text),
    titles get that share and the tree scrolls sideways rather than cutting every column."""
    header = tree.header()
    count = tree.columnCount()
    if count < 2:
        return
    room = max(tree.viewport().width(), 100)
    padding = tree.fontMetrics().averageCharWidth() * 2
    wanted = [max(tree.sizeHintForColumn(c), header.sectionSizeHint(c)) + padding
              for c in range(1, count)]
    header.setStretchLastSection(False)
    for column, width in enumerate(wanted, start=1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    if sum(wanted) <= room * (1 - first_share):  # the titles follow the tree's width
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    else:
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, int(room * first_share))


class BusyRow(QWidget):
    """"Making the …" with a moving bar and Cancel, shown while long work runs elsewhere.
    The owner sets the text (``set_text``) and connects ``cancel.clicked``."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = label(wrap=False)
        self.bar = QProgressBar()
        self.bar.setObjectName(f"{name}-progress")
        self.bar.setRange(0, 0)  # no steps to count: "working"
        self.cancel = button(name=f"cancel-{name}")
        row.addWidget(self.text)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        self.hide()

    def set_text(self, text: str, cancel: str) -> None:
        self.text.setText(text)
        self.bar.setAccessibleName(text)
        self.cancel.setText(cancel)


def safe_file_name(title: str, fallback: str, suffix: str) -> str:
    """A file name made of the title's letters and digits (any script), ``-`` elsewhere."""
    safe = "".join(ch if ch.isalnum() else "-" for ch in title).strip("-")[:60]
    return f"{safe or fallback}{suffix}"


def card(role: str = "card", parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setProperty("role", role)
    return frame


def restyle(widget: QWidget, role: str) -> None:
    """Change a widget's ``role`` property and re-apply the stylesheet."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)

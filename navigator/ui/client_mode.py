"""Client mode: the screen a navigator hands to one client. Large text and buttons, the
client's picture and lessons only, read-aloud in their language, and one way back: the
navigator's PIN. There are no menus and no way to the staff screens."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from navigator.core.model import localized
from navigator.i18n import _
from navigator.storage.clients import Client
from navigator.storage.repository import LessonRow
from navigator.ui.client_widgets import badge
from navigator.ui.lesson_player import LessonPlayer
from navigator.ui.page import page_layout, reading_column
from navigator.ui.widgets import button, label, language_name

CLIENT_TEXT_SCALE = 1.5  # at least this large in client mode


class ClientModeView(QWidget):
    """``lesson_requested(pack_id, lesson_id)``, ``language_chosen(code)``,
    ``leave_requested()`` (the owner asks the navigator's PIN)."""

    lesson_requested = Signal(str, str)
    language_chosen = Signal(str)
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ClientModeView")
        self.client: Client | None = None
        self.language = "en"
        self.path: list[LessonRow] = []
        self.others: list[LessonRow] = []
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.home = QWidget()
        layout = page_layout(self.home)
        head = QHBoxLayout()
        self.picture = label(wrap=False)
        self.greeting = label(role="title")
        self.greeting.setObjectName("client-greeting")
        self.leave = button(name="leave-client-mode")
        head.addWidget(self.picture)
        head.addWidget(self.greeting, 1)
        head.addWidget(self.leave)
        layout.addLayout(head)
        self.options = QHBoxLayout()
        self.read_aloud = button(name="client-read-aloud")
        self.read_aloud.setCheckable(True)
        self.read_aloud.setChecked(True)
        self.options.addWidget(self.read_aloud)
        self.options.addStretch(1)
        self.language_buttons: list[QPushButton] = []
        layout.addLayout(self.options)
        self.reading = reading_column()
        self.path_title = label(role="heading")
        self.path_grid = QGridLayout()
        self.more_title = label(role="heading")
        self.more_grid = QGridLayout()
        self.reading.layout.addWidget(self.path_title)
        self.reading.layout.addLayout(self.path_grid)
        self.reading.layout.addWidget(self.more_title)
        self.reading.layout.addLayout(self.more_grid)
        self.reading.layout.addStretch(1)
        layout.addWidget(self.reading.scroll, 1)
        self.stack.addWidget(self.home)

        self.player = LessonPlayer()
        self.player.for_client = True
        self.player.auto_listen = True
        self.player.audio_export.hide()  # its file dialog would open the computer's folders
        self.player.closed.connect(self.show_home)
        self.stack.addWidget(self.player)
        self.leave.clicked.connect(self.leave_requested)
        self.read_aloud.toggled.connect(self._auto_read)
        self.retranslate()

    def retranslate(self) -> None:
        self.leave.setText(_("Back to the navigator"))
        self.leave.setAccessibleName(_("Back to the navigator (needs the navigator's PIN)"))
        self.read_aloud.setText(_("Read aloud: on") if self.read_aloud.isChecked()
                                else _("Read aloud: off"))
        self.path_title.setText(_("Your lessons"))
        self.more_title.setText(_("More lessons"))
        self.player.retranslate()
        if self.client is not None:
            self.greeting.setText(_("Hello, {name}").format(name=self.client.nickname))
            self._fill()

    def _auto_read(self, on: bool) -> None:
        self.player.auto_listen = on
        if not on:
            self.player.stop_listening()
        self.retranslate()

    def show_client(self, client: Client, language: str, path: list[LessonRow],
                    others: list[LessonRow]) -> None:
        """The client's home: their recommended lessons first, then the others."""
        self.client, self.language = client, language
        self.path, self.others = path, others
        self.picture.setPixmap(badge(client.colour, client.picture, 56))
        for old in self.language_buttons:
            self.options.removeWidget(old)
            old.deleteLater()
        self.language_buttons = []
        if len(client.languages) > 1:
            for code in client.languages:
                choice = button(language_name(code), name=f"client-language-{code}",
                                role="primary" if code == language else None)
                choice.setCheckable(True)
                choice.setChecked(code == language)  # a screen reader says "pressed"
                choice.clicked.connect(lambda _c=False, c=code: self.language_chosen.emit(c))
                self.options.addWidget(choice)
                self.language_buttons.append(choice)
        self.retranslate()
        self.show_home()

    def show_home(self) -> None:
        self.player.stop_listening()
        self.stack.setCurrentWidget(self.home)
        first = self.path_grid.itemAt(0) or self.more_grid.itemAt(0)
        if first is not None and first.widget() is not None:
            first.widget().setFocus()

    def lesson_buttons(self) -> list[QPushButton]:
        return [w for w in self.reading.scroll.widget().findChildren(QPushButton)
                if w.objectName().startswith("client-lesson-")]

    def _fill(self) -> None:
        for grid in (self.path_grid, self.more_grid):
            while (item := grid.takeAt(0)) is not None:
                if item.widget() is not None:
                    item.widget().hide()
                    item.widget().deleteLater()
        for grid, rows in ((self.path_grid, self.path), (self.more_grid, self.others)):
            for n, row in enumerate(rows):
                title = localized(row.titles, self.language, "en")
                mark = "✓ " if row.status == "completed" else ""
                choice = button(f"{mark}{title}", name=f"client-lesson-{row.lesson_id}")
                choice.setMinimumHeight(72)
                choice.setAccessibleName(title + (" " + _("(done)") if mark else ""))
                choice.clicked.connect(lambda _c=False, r=row: self.lesson_requested.emit(
                    r.pack_id, r.lesson_id))
                grid.addWidget(choice, n // 2, n % 2)
        self.path_title.setVisible(bool(self.path))
        self.more_title.setVisible(bool(self.others))
        self.more_title.setText(_("More lessons") if self.path else _("Lessons"))

    def clear(self) -> None:
        """Nothing of the client stays (leaving, End session, idle lock)."""
        self.player.stop_listening()
        self.player.session = None
        self.client, self.path, self.others = None, [], []
        self.greeting.clear()
        self.picture.clear()
        self._fill()
        self.stack.setCurrentWidget(self.home)

    def set_direction(self, rtl: bool) -> None:
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                                else Qt.LayoutDirection.LeftToRight)

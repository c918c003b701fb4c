"""The navigator's clients: only those they created or coached (all, for administrators)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QWidget

from navigator.formatting import format_date
from navigator.i18n import _, current_locale
from navigator.storage.clients import Client
from navigator.ui.client_widgets import client_icon, languages_text
from navigator.ui.page import page_layout
from navigator.ui.widgets import button, label


class ClientsView(QWidget):
    new_requested = Signal()
    client_opened = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ClientsView")
        self.clients: list[Client] = []
        layout = page_layout(self)
        self.title = label(role="title")
        self.intro = label(role="muted")
        top = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setObjectName("clients-filter")
        self.filter.setClearButtonEnabled(True)
        self.new = button(role="primary", name="new-client")
        top.addWidget(self.filter, 1)
        top.addWidget(self.new)
        self.list = QListWidget()
        self.list.setObjectName("clients-list")
        self.list.setIconSize(QSize(40, 40))
        self.list.setSpacing(4)
        self.empty = label(role="muted")
        self.empty.setObjectName("clients-empty")
        self.open = button(name="open-client")
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.open)
        for widget in (self.title, self.intro):
            layout.addWidget(widget)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        self.new.clicked.connect(self.new_requested)
        self.open.clicked.connect(self._open_current)
        self.list.itemActivated.connect(lambda item: self.client_opened.emit(
            item.data(Qt.ItemDataRole.UserRole)))
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.filter.textChanged.connect(lambda _text: self._fill())
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Clients"))
        self.intro.setText(_("Only you and the administrators see the clients you created or "
                             "coached. Open a client to start a session, an intake or a "
                             "handout."))
        self.filter.setPlaceholderText(_("Find a client by nickname"))
        self.filter.setAccessibleName(_("Find a client by nickname"))
        self.list.setAccessibleName(_("Clients"))
        self.new.setText(_("New client…"))
        self.open.setText(_("Open"))
        self._fill()

    def show_clients(self, clients: list[Client]) -> None:
        self.clients = clients
        self._fill()

    def clear(self) -> None:
        self.clients = []
        self.filter.clear()
        self._fill()

    def _fill(self) -> None:
        wanted = self.filter.text().strip().casefold()
        self.list.clear()
        locale = current_locale()
        for client in self.clients:
            if wanted and wanted not in client.nickname.casefold():
                continue
            details = [languages_text(client.languages)]
            if client.last_session_at:
                last = datetime.fromisoformat(client.last_session_at).astimezone()
                details.append(_("last session {date}").format(
                    date=format_date(last, locale=locale, length="medium")))
            item = QListWidgetItem(client_icon(client, 40),
                                   f"{client.nickname}\n{' · '.join(details)}")
            item.setData(Qt.ItemDataRole.UserRole, client.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, client.nickname)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setText(_("No client matches this nickname.") if self.clients else
                           _("No clients yet. Press New client to add one."))
        self.empty.setVisible(self.list.count() == 0)
        self._update()

    def _update(self) -> None:
        self.open.setEnabled(self.list.currentItem() is not None)

    def _open_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.client_opened.emit(item.data(Qt.ItemDataRole.UserRole))

    def focus_default(self) -> None:
        (self.list if self.list.count() else self.new).setFocus()

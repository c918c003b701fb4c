"""A navigator's own coaching sessions, newest first (double-click one to edit it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from navigator.formatting import format_minutes
from navigator.i18n import _, current_locale, ngettext
from navigator.storage.coaching import CoachingSession
from navigator.ui.client_widgets import session_summary
from navigator.ui.page import page_layout
from navigator.ui.widgets import fit_tree_columns, label


class SessionsView(QWidget):
    session_opened = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SessionsView")
        self.sessions: list[CoachingSession] = []
        layout = page_layout(self)
        self.title = label(role="title")
        self.summary = label(role="muted")
        self.summary.setObjectName("sessions-summary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("my-sessions")
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(4)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.tree.itemActivated.connect(lambda item, _col: self.session_opened.emit(
            item.data(0, Qt.ItemDataRole.UserRole)))
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("My coaching sessions"))
        self.tree.setHeaderLabels([_("Session"), _("Client"), _("Topics"), _("Note")])
        self.tree.setAccessibleName(_("My coaching sessions"))
        self.show_sessions(self.sessions)

    def clear(self) -> None:
        self.show_sessions([])

    def show_sessions(self, sessions: list[CoachingSession]) -> None:
        self.sessions = sessions
        self.tree.clear()
        for session in sessions:
            count = len(session.lessons)
            lessons = ngettext("{n} lesson", "{n} lessons", count).format(n=count)
            topics = ", ".join(filter(None, [lessons if count else "", session.topics]))
            item = QTreeWidgetItem([session_summary(session), session.client_nickname,
                                    topics, session.note.replace("\n", " ")[:80]])
            item.setData(0, Qt.ItemDataRole.UserRole, session.id)
            item.setToolTip(3, session.note)
            self.tree.addTopLevelItem(item)
        total = sum(s.minutes for s in sessions)
        self.summary.setText(ngettext(
            "{count} session, {time} in all. Double-click a session to edit it.",
            "{count} sessions, {time} in all. Double-click a session to edit it.",
            len(sessions)).format(count=len(sessions),
                                  time=format_minutes(total, locale=current_locale()))
                             if sessions else _("No sessions yet. Sessions start when you open "
                                                "client mode, or log one from a client's "
                                                "page."))
        fit_tree_columns(self.tree)

"""The coaching screens and their flow: clients, a client's page, intakes, sessions, client
mode. The main window gives it the stack and its services; it adds its screens to them."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from sqlite_utils import Database

from navigator.content.intake import load_intake_guide
from navigator.core.intake import IntakeGuide, compare, recommend
from navigator.core.model import localized
from navigator.i18n import _, current_locale
from navigator.paths import intake_guide_path
from navigator.storage import clients, coaching
from navigator.storage.staff import StaffMember
from navigator.ui.bridge import FutureBridge
from navigator.ui.page import warn_save_failed
from navigator.ui.staff_view import StaffAdmin

if TYPE_CHECKING:
    from navigator.ui.client_files import ClientFiles
    from navigator.ui.client_mode_flow import ClientModeFlow
    from navigator.ui.client_page import ClientOverview, ClientPage
    from navigator.ui.clients_view import ClientsView
    from navigator.ui.main_window import MainWindow
    from navigator.ui.sessions_view import SessionsView


class Coaching(QObject):
    """Its actions exist from the start; its screens are built the first time one is
    needed, so they cost nothing at start-up."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.services = window.services
        self.lane = window.services.lane
        self.member: StaffMember | None = None
        self.bridge = FutureBridge(self)
        self._guide: IntakeGuide | None = None
        self._screens: tuple[ClientsView, ClientPage, SessionsView, ClientFiles,
                             ClientModeFlow] | None = None
        self.staff = StaffAdmin(window)
        self.clients_action = QAction(window)
        self.clients_action.setObjectName("show-clients")
        self.clients_action.triggered.connect(self.show_clients)
        self.sessions_action = QAction(window)
        self.sessions_action.setObjectName("show-my-sessions")
        self.sessions_action.triggered.connect(self.show_my_sessions)

    @property
    def built(self) -> bool:
        return self._screens is not None

    @property
    def clients_view(self) -> ClientsView:
        return self._build()[0]

    @property
    def page(self) -> ClientPage:
        return self._build()[1]

    @property
    def sessions_view(self) -> SessionsView:
        return self._build()[2]

    @property
    def files(self) -> ClientFiles:
        return self._build()[3]

    @property
    def client_mode(self) -> ClientModeFlow:
        return self._build()[4]

    def _build(self) -> tuple[ClientsView, ClientPage, SessionsView, ClientFiles,
                              ClientModeFlow]:
        if self._screens is not None:
            return self._screens
        from navigator.ui.client_files import ClientFiles
        from navigator.ui.client_mode_flow import ClientModeFlow
        from navigator.ui.client_page import ClientPage
        from navigator.ui.clients_view import ClientsView
        from navigator.ui.sessions_view import SessionsView

        clients_view, page, sessions_view = ClientsView(), ClientPage(), SessionsView()
        for view in (clients_view, page, sessions_view):
            self.window.stack.addWidget(view)
        self._screens = (clients_view, page, sessions_view, ClientFiles(self, page),
                         ClientModeFlow(self))
        self._connect()
        return self._screens

    def _connect(self) -> None:
        self.clients_view.new_requested.connect(self.new_client)
        self.clients_view.client_opened.connect(self.open_client)
        self.page.back_requested.connect(self.show_clients)
        self.page.edit_requested.connect(self.edit_client)
        self.page.intake_requested.connect(self.new_intake)
        self.page.session_requested.connect(self.log_session)
        self.page.session_opened.connect(self.edit_session)
        self.page.client_mode_requested.connect(self.client_mode.start)
        self.page.handout_requested.connect(self.files.handout)
        self.page.export_requested.connect(self.files.export)
        self.page.delete_requested.connect(self.files.delete)
        self.sessions_view.session_opened.connect(self.edit_session)

    def toolbar_actions(self) -> list[QAction]:
        return [self.clients_action, self.sessions_action, self.staff.action]

    def retranslate(self) -> None:
        self.clients_action.setText(_("Clients"))
        self.sessions_action.setText(_("My sessions"))
        self.staff.retranslate()
        if not self.built:
            return
        for view in (self.clients_view, self.page, self.sessions_view):
            view.retranslate()
        self.client_mode.retranslate()

    def signed_in(self, member: StaffMember) -> None:
        self.member = member
        self.clients_action.setVisible(member.can_coach)
        self.sessions_action.setVisible(member.can_coach)
        self.staff.signed_in(member)

    def lock(self) -> None:
        """Everything about clients leaves the screen (and client mode ends its session)."""
        self.staff.clear()
        self.member = None
        if not self.built:
            return
        self.client_mode.end(show_dialog=False)
        self.clients_view.clear()
        self.page.clear()
        self.sessions_view.clear()

    def may_close(self) -> bool:
        return not self.built or self.client_mode.may_close()

    # --- data ------------------------------------------------------------------------------

    @property
    def guide(self) -> IntakeGuide | None:
        """The intake guide (read once); ``None`` with a message if it cannot be read."""
        if self._guide is None:
            try:
                self._guide = load_intake_guide(intake_guide_path())
            except Exception as exc:  # a damaged guide must not stop coaching
                warn_save_failed(self.window, exc)
                return None
        return self._guide

    def overview(self, db: Database, client_id: int,
                 viewer_id: int | None = None) -> ClientOverview | None:
        """Everything the client's page shows; ``None`` when the client is gone or the
        viewer may not see them."""
        from navigator.ui.client_page import ClientOverview

        client = clients.get_client(db, client_id=client_id)
        if client is None or (viewer_id is not None and not clients.can_see(
                db, viewer_id=viewer_id, client_id=client_id)):
            return None
        found = ClientOverview(client, coaching.list_intakes(db, client_id=client_id),
                               coaching.sessions_for_client(db, client_id=client_id),
                               clients.client_lessons(db, learner_id=client_id),
                               guide=self.guide)
        if found.intakes and found.guide is not None:
            known = {(r.pack_id, r.lesson_id) for r in found.lessons}
            found.path = recommend(found.guide, found.intakes[-1].answers,
                                   lesson_exists=lambda p, lesson: (p, lesson) in known)
            found.changes = compare(found.guide, found.intakes[0].answers,
                                    found.intakes[-1].answers)
        return found

    def lesson_choices(self, client_id: int) -> list[tuple[str, str, str]]:
        """(pack id, lesson id, title in the interface's language) of every client lesson."""
        rows = self.lane.call(clients.client_lessons, learner_id=client_id)
        return [(r.pack_id, r.lesson_id, localized(r.titles, current_locale(), "en"))
                for r in rows]

    def _write(self, fn: Callable[..., Any], on_done: Callable[[Any], None],
               **kwargs: Any) -> None:
        self.bridge.watch(self.lane.submit(fn, **kwargs), on_done,
                          lambda error: warn_save_failed(self.window, error))

    # --- screens ---------------------------------------------------------------------------

    def show_clients(self) -> None:
        member = self.member
        if member is None or not member.can_coach:
            return
        self.clients_view.show_clients(self.lane.call(clients.visible_clients,
                                                      viewer_id=member.id))
        self.window.stack.setCurrentWidget(self.clients_view)
        self.clients_view.focus_default()

    def open_client(self, client_id: int) -> None:
        member = self.member
        if member is None:
            return
        found = self.lane.call(self.overview, client_id=client_id, viewer_id=member.id)
        if found is None:
            self.show_clients()
            return
        self.page.show_overview(found)
        self.window.stack.setCurrentWidget(self.page)
        self.page.client_mode.setFocus()

    def refresh_client(self) -> None:
        if self.page.overview is not None:
            self.open_client(self.page.overview.client.id)

    def new_client(self) -> None:
        member = self.member
        if member is None:
            return

        def save(values: dict[str, Any]) -> Future[Any]:
            return self.lane.submit(clients.create_client, created_by=member.id, **values)

        from navigator.ui.client_dialogs import ClientProfileDialog

        dialog = ClientProfileDialog(save, parent=self.window)
        if dialog.exec():
            self.open_client(dialog.result_value.id)

    def edit_client(self) -> None:
        if self.page.overview is None:
            return
        client = self.page.overview.client

        def save(values: dict[str, Any]) -> Future[Any]:
            return self.lane.submit(clients.update_client, client_id=client.id, **values)

        from navigator.ui.client_dialogs import ClientProfileDialog

        if ClientProfileDialog(save, client=client, parent=self.window).exec():
            self.refresh_client()

    def new_intake(self) -> None:
        member, overview, guide = self.member, self.page.overview, self.guide
        if member is None or overview is None or guide is None:
            return

        def save(values: dict[str, Any]) -> Future[Any]:
            return self.lane.submit(coaching.record_intake, client_id=overview.client.id,
                                    navigator_id=member.id, guide=guide.id, **values)

        from navigator.ui.intake_dialog import IntakeDialog

        dialog = IntakeDialog(save, guide=guide, client=overview.client,
                              reader=self.window.read_aloud, parent=self.window)
        self.intake_dialog = dialog  # tests reach the open dialog here
        if dialog.exec():
            self.refresh_client()

    def log_session(self) -> None:
        """A session held by phone or video (or forgotten): logged by hand."""
        member, overview = self.member, self.page.overview
        if member is None or overview is None:
            return
        session_id = self.lane.call(coaching.start_session, client_id=overview.client.id,
                                    navigator_id=member.id)
        if not self.edit_session(session_id, new=True):  # cancelled: no session after all
            self.lane.call(coaching.delete_session, session_id=session_id)

    def edit_session(self, session_id: int, new: bool = False) -> bool:
        session = self.lane.call(coaching.get_session, session_id=session_id)
        if session is None:
            return False

        def save(values: dict[str, Any]) -> Future[Any]:
            return self.lane.submit(coaching.save_session, session_id=session_id, **values)

        from navigator.ui.client_dialogs import SessionDialog

        dialog = SessionDialog(save, session=session,
                               lessons=self.lesson_choices(session.client_id),
                               parent=self.window)
        self.session_dialog = dialog  # tests reach the open dialog here
        saved = bool(dialog.exec())
        if saved or new:
            if self.window.stack.currentWidget() is self.sessions_view:
                self.show_my_sessions()
            else:
                self.refresh_client()
        return saved

    def show_my_sessions(self) -> None:
        member = self.member
        if member is None or not member.can_coach:
            return
        self.sessions_view.show_sessions(self.lane.call(coaching.sessions_for_navigator,
                                                        navigator_id=member.id))
        self.window.stack.setCurrentWidget(self.sessions_view)

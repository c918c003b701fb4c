"""Entering and leaving client mode. Entering starts a coaching session; the screen turns
to the client's language, large text and their lessons, with menus and toolbar gone. Leaving
(or closing the window) needs the PIN of the navigator who opened it; the session then ends
and its details are shown for review."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from navigator.i18n import _, is_right_to_left
from navigator.lesson_session import LessonSession
from navigator.storage import clients, coaching, staff
from navigator.storage.clients import Client
from navigator.storage.staff import StaffMember
from navigator.ui.bridge import FutureBridge
from navigator.ui.client_mode import CLIENT_TEXT_SCALE, ClientModeView
from navigator.ui.page import warn_save_failed
from navigator.ui.pin_field import PinDialog
from navigator.ui.theme import apply_theme

if TYPE_CHECKING:
    from navigator.ui.coaching import Coaching


class ClientModeFlow(QObject):
    def __init__(self, coaching_: Coaching):
        super().__init__(coaching_)
        self.coaching = coaching_
        self.window = coaching_.window
        self.lane = coaching_.lane
        self.bridge = FutureBridge(self)
        self.view = ClientModeView()
        self.view.player.attach_reader(self.window.read_aloud)
        self.window.stack.addWidget(self.view)
        self.client: Client | None = None
        self.navigator: StaffMember | None = None
        self.session_id: int | None = None
        self.language = "en"
        self._disabled: list[QAction] = []
        self.view.lesson_requested.connect(self.open_lesson)
        self.view.language_chosen.connect(self.choose_language)
        self.view.leave_requested.connect(self.leave)

    @property
    def active(self) -> bool:
        return self.session_id is not None

    def retranslate(self) -> None:
        self.view.retranslate()

    def start(self) -> None:
        """Open client mode for the client on the page: a session starts now."""
        navigator, overview = self.coaching.member, self.coaching.page.overview
        if navigator is None or overview is None or self.active:
            return
        self.client, self.navigator = overview.client, navigator
        self.session_id = self.lane.call(coaching.start_session, client_id=overview.client.id,
                                         navigator_id=navigator.id)
        self.window.read_aloud.stop()
        self._disabled = [a for a in self.window.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:  # no shortcut reaches a staff screen
            action.setEnabled(False)
        self.window.menuBar().hide()
        self.window.toolbar.hide()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            settings = self.window.settings
            apply_theme(app, scale=max(CLIENT_TEXT_SCALE, settings.text_scale),
                        high_contrast=settings.high_contrast)
        self.choose_language(overview.client.language)
        self.window.stack.setCurrentWidget(self.view)

    def _show_home(self) -> None:
        client = self.client
        if client is None:
            return
        found = self.lane.call(self.coaching.overview, client_id=client.id)
        if found is None:
            return
        on_path = [r for rec in found.path if (r := found.lesson(*rec.ref)) is not None]
        others = [r for r in found.lessons if r not in on_path]
        self.view.show_client(found.client, self.language, on_path, others)

    def choose_language(self, language: str) -> None:
        """The client's language for the screen, the lessons and the voice."""
        self.language = language
        self.window.apply_language(language)
        self.view.set_direction(is_right_to_left(language))
        self._show_home()

    def open_lesson(self, pack_id: str, lesson_id: str) -> None:
        client, session_id = self.client, self.session_id
        if client is None or session_id is None or self.bridge.busy:
            return
        services, language = self.window.services, self.language

        def prepare() -> LessonSession:
            pack = services.library.get(pack_id)
            return LessonSession(lane=services.lane, learner_id=client.id, pack=pack,
                                 lesson=pack.lessons[lesson_id], language=language)

        def ready(session: LessonSession) -> None:
            self.lane.submit(coaching.add_session_lesson, session_id=session_id,
                             pack_id=pack_id, lesson_id=lesson_id)
            self.view.stack.setCurrentWidget(self.view.player)
            self.view.player.play(session)

        self.bridge.watch(services.workers.submit(prepare), ready,
                          lambda error: warn_save_failed(self.window, error))

    def ask_pin(self) -> bool:
        navigator = self.navigator
        if navigator is None:
            return True

        def check(pin: str):  # type: ignore[no-untyped-def]
            return self.lane.submit(staff.check_pin, learner_id=navigator.id, pin=pin)

        self.window.read_aloud.stop()
        dialog = PinDialog(check, title=_("Back to the navigator"), prompt=_(
            "{name}, type your PIN to leave client mode.").format(name=navigator.name),
            parent=self.window)
        self.pin_dialog = dialog  # tests reach the open dialog here
        return bool(dialog.exec())

    def leave(self) -> None:
        if self.active and self.ask_pin():
            self.end(show_dialog=True)

    def may_close(self) -> bool:
        """Closing the window in client mode needs the navigator's PIN too."""
        if not self.active:
            return True
        if not self.ask_pin():
            return False
        self.end(show_dialog=False)
        return True

    def end(self, *, show_dialog: bool) -> None:
        """The session ends now; the staff screen comes back (the client page, with the
        session to review), or nothing if the app is locking."""
        session_id, client, navigator = self.session_id, self.client, self.navigator
        if session_id is None or client is None or navigator is None:
            return
        self.window.read_aloud.stop()
        self.lane.call(coaching.end_session, session_id=session_id)
        self.session_id = None
        self.client = self.navigator = None
        self.view.clear()
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self.window.menuBar().show()
        self.window.toolbar.show()
        self.window.apply_language(navigator.language)
        self.window.apply_settings(self.window.settings)
        if show_dialog and self.lane.call(clients.can_see, viewer_id=navigator.id,
                                          client_id=client.id):
            self.coaching.open_client(client.id)
            self.coaching.edit_session(session_id)

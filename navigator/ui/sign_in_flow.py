"""Who is at the keyboard: the first administrator at first run, the lock screen, signing in,
and locking again (End session, or nobody touched the computer for a while)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from sqlite_utils import Database

from navigator.storage import repository as repo
from navigator.storage import staff
from navigator.storage.staff import PinCheck, StaffMember
from navigator.ui.bridge import FutureBridge
from navigator.ui.first_run import FirstRunView
from navigator.ui.idle import IdleWatcher
from navigator.ui.pin_field import error_text
from navigator.ui.sign_in import SignInView

if TYPE_CHECKING:
    from navigator.ui.main_window import MainWindow

class SignInFlow(QObject):
    """Shows the first-run or lock screen in the window's stack; emits ``signed_in``."""

    signed_in = Signal(object)  # StaffMember

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.lane = window.services.lane
        self.bridge = FutureBridge(self)
        self._first_run: FirstRunView | None = None
        self.view = SignInView()
        self.view.sign_in_requested.connect(self.check_pin)
        self.view.first_pin_requested.connect(self.set_first_pin)
        window.stack.addWidget(self.view)
        self.idle = IdleWatcher(self)

    @property
    def first_run(self) -> FirstRunView:
        if self._first_run is None:
            self._first_run = FirstRunView()
            self._first_run.profile_requested.connect(self.create_administrator)
            self._first_run.language_chosen.connect(self.window.apply_language)
            self.window.stack.addWidget(self._first_run)
        return self._first_run

    def retranslate(self) -> None:
        self.view.retranslate()
        if self._first_run is not None:
            self._first_run.retranslate()

    def start(self, language: str) -> None:
        """At start: the first-run screen when there is no staff yet, else the lock screen
        in the language of the last person signed in."""
        found = self.lane.call(staff.lock_screen)
        members, last, self.idle.minutes = found
        if members:
            self.window.apply_language(next((m.language for m in members if m.id == last),
                                            language))
            self.show_lock_screen(found)
            return
        self.first_run.set_language(language)
        self.window.apply_language(self.first_run.language.currentData())
        self.window.stack.setCurrentWidget(self.first_run)
        self.first_run.name.setFocus()

    def show_lock_screen(self, found: staff.LockScreen | None = None) -> None:
        """The staff list and a PIN field, nothing else; the last person is preselected."""
        self.idle.disarm()
        members, last, _minutes = found or self.lane.call(staff.lock_screen)
        self.view.show_profiles(members, last)
        self.window.stack.setCurrentWidget(self.view)
        self.view.focus_default()

    def create_administrator(self, name: str, language: str, pin: str) -> None:
        future = self.lane.submit(staff.create_staff, name=name, language=language,
                                  role=staff.ADMIN, pin=pin)
        self.bridge.watch(future, self._enter,
                          lambda error: self.first_run.failed(error_text(error)))

    def check_pin(self, learner_id: int, pin: str) -> None:
        def check(db: Database) -> tuple[PinCheck, StaffMember | None]:
            result = staff.check_pin(db, learner_id=learner_id, pin=pin)
            if not result.ok:
                return result, None
            repo.set_state(db, key="current_learner", value=str(learner_id))
            return result, staff.get_staff(db, learner_id=learner_id)

        def checked(found: tuple[PinCheck, StaffMember | None]) -> None:
            result, member = found
            if member is None:
                self.view.refused(result)
            else:
                self._enter(member)

        self.bridge.watch(self.lane.submit(check), checked,
                          lambda error: self.view.failed(error_text(error)))

    def set_first_pin(self, learner_id: int, pin: str) -> None:
        def save(db: Database) -> StaffMember | None:
            staff.set_first_pin(db, learner_id=learner_id, pin=pin)
            repo.set_state(db, key="current_learner", value=str(learner_id))
            return staff.get_staff(db, learner_id=learner_id)

        self.bridge.watch(self.lane.submit(save), self._enter,
                          lambda error: self.view.failed(error_text(error)))

    def _enter(self, member: StaffMember) -> None:
        self.view.clear()
        self.idle.arm()
        self.signed_in.emit(member)

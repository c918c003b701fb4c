"""The main window: the lock screen, the catalogue, the lesson player and the coaching
screens in one stack; a toolbar shows each role its screens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
)

from navigator import __version__
from navigator.content.problems import PackError
from navigator.i18n import _, is_right_to_left, set_language
from navigator.lesson_session import LessonSession, local_now
from navigator.review_session import ReviewSession
from navigator.services import Services
from navigator.storage import certificates, notes, reviews, search
from navigator.storage import repository as repo
from navigator.storage.database import DatabaseUnavailable
from navigator.storage.settings import Settings, get_settings, save_settings
from navigator.storage.staff import StaffMember
from navigator.ui.bridge import FutureBridge
from navigator.ui.catalogue import CatalogueView
from navigator.ui.first_run import FirstRunView
from navigator.ui.lesson_player import LessonPlayer
from navigator.ui.notes import NotesView
from navigator.ui.page import warn_save_failed
from navigator.ui.progress_view import ProgressView
from navigator.ui.qt_translations import install_qt_translations, system_language
from navigator.ui.read_aloud import ReadAloud
from navigator.ui.review_view import ReviewView
from navigator.ui.sign_in_flow import SignInFlow
from navigator.ui.theme import apply_theme
from navigator.ui.view_menu import ViewMenu
from navigator.ui.widgets import INTERFACE_LANGUAGES, language_name


def default_language() -> str:
    """The computer's language when Navigator speaks it, else English."""
    system = system_language()
    for code in (system, system.split("_")[0]):
        for offered in INTERFACE_LANGUAGES:
            if offered == code or offered.split("_")[0] == code:
                return offered
    return "en"


class MainWindow(QMainWindow):
    def __init__(self, services: Services):
        super().__init__()
        self.services = services
        self.learner: repo.Learner | None = None  # who is signed in, as a learner
        self.member: StaffMember | None = None  # ... and their role
        self._awarded = False  # award_all has run for this learner since the start
        self.bridge = FutureBridge(self)
        self.search_bridge = FutureBridge(self)  # searches never block opening a lesson
        self.setObjectName("MainWindow")
        self.resize(1024, 720)
        self.setMinimumSize(640, 480)

        self.stack = QStackedWidget()
        self.catalogue = CatalogueView()
        self.player = LessonPlayer()
        self.read_aloud = ReadAloud(parent=self)
        self.player.attach_reader(self.read_aloud)
        self.review = ReviewView()
        self.notes = NotesView()
        self.progress = ProgressView()
        self.progress.workers = services.workers
        self.progress.folder = services.data_dir / "certificates"
        for view in (self.catalogue, self.player, self.review, self.notes, self.progress):
            self.stack.addWidget(view)
        self.setCentralWidget(self.stack)
        self.access = SignInFlow(self)
        self.access.signed_in.connect(self.signed_in)
        self.access.idle.idle.connect(self.lock)

        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.end_action = QAction(self)
        self.end_action.setObjectName("end-session")
        self.end_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.end_action.triggered.connect(self.lock)
        self.home_action = QAction(self)
        self.home_action.setObjectName("go-home")
        self.home_action.triggered.connect(self.show_catalogue)
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.end_action)
        self.file_menu.addAction(self.quit_action)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("navigation")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(self.toolbar)
        self.settings = Settings()
        self.view_menu = ViewMenu(self.menuBar())
        self.view_menu.changed.connect(self.change_settings)
        self.language_menu = self.menuBar().addMenu("")
        self.language_menu.setObjectName("language-menu")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in INTERFACE_LANGUAGES:
            action = QAction(language_name(code), self)  # each language in its own words
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.about_action)

        self.catalogue.lesson_opened.connect(self.open_lesson)
        self.player.closed.connect(self.show_catalogue)
        self.catalogue.review_requested.connect(self.open_review)
        self.catalogue.search_changed.connect(self.run_search)
        self.catalogue.result_opened.connect(self.open_lesson)
        self.review.closed.connect(self.show_catalogue)
        self.catalogue.notes_requested.connect(self.show_notes)
        self.notes.closed.connect(self.show_catalogue)
        self.catalogue.progress_requested.connect(self.show_progress)
        self.player.progress_requested.connect(self.show_progress)
        self.progress.closed.connect(self.show_catalogue)

        from navigator.ui.authoring import Authoring  # after the stack: they add screens
        from navigator.ui.backups_view import Backups
        from navigator.ui.coaching import Coaching
        from navigator.ui.reports_ui import Reports

        self.coaching = Coaching(self)
        self.authoring = Authoring(self)
        self.reports = Reports(self)
        self.backups = Backups(self)
        self.file_menu.insertAction(self.end_action, self.backups.action)
        self.pending_restore: Path | None = None  # a backup to put back, then open again
        self.parts = (self.coaching, self.authoring, self.reports, self.backups)
        self.toolbar_actions = [self.home_action,
                                *(a for part in self.parts for a in part.toolbar_actions())]
        self.toolbar.addActions(self.toolbar_actions)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.end_action)
        self.toolbar.hide()
        self.access.start(default_language())

    @property
    def first_run(self) -> FirstRunView:
        return self.access.first_run

    # --- signing in and locking -----------------------------------------------------------

    def signed_in(self, member: StaffMember) -> None:
        """Show the home screen in this person's language and settings, with the screens
        their role allows."""
        self.member = member
        self.learner = repo.Learner(member.id, member.name, member.language)
        self._awarded = False
        self.apply_language(member.language)
        settings = self.services.lane.call(get_settings, learner_id=member.id)
        if self.settings != Settings() and settings == Settings():
            settings = self.settings  # chosen on the first-run screen: keep them
            self.change_settings(settings)
        self.apply_settings(settings)
        for part in self.parts:
            part.signed_in(member)
        self.toolbar.show()
        self.show_catalogue()

    def lock(self) -> None:
        """End session: stop the sound, close every dialog and screen, and show the lock
        screen with nothing of the last person or client on it."""
        if self.member is None:
            return
        self.read_aloud.stop()
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        for part in self.parts:
            part.lock()
        self.member = self.learner = None
        self.toolbar.hide()
        self.menuBar().show()
        self.apply_settings(Settings())
        self.access.show_lock_screen()

    # --- language -----------------------------------------------------------------------

    def apply_language(self, language: str) -> None:
        """Switch the interface language and direction and re-translate every screen."""
        used = set_language(language)  # an untranslated interface stays left to right
        install_qt_translations(used)
        direction = (Qt.LayoutDirection.RightToLeft if is_right_to_left(used)
                     else Qt.LayoutDirection.LeftToRight)
        QApplication.setLayoutDirection(direction)
        base = language.split("_")[0]
        chosen = self.language_actions.get(language) or next(
            (a for code, a in self.language_actions.items() if code.split("_")[0] == base),
            None)
        if chosen is not None:
            chosen.setChecked(True)
        self.retranslate()

    def choose_language(self, language: str) -> None:
        """The Language menu: switch now, and remember it in the learner's profile."""
        if self.learner is None:
            if self.stack.currentWidget() is self.first_run:
                self.first_run.set_language(language)
            self.apply_language(language)
            return
        learner = self.learner
        future = self.services.lane.submit(repo.set_learner_language, learner_id=learner.id,
                                           language=language)

        def saved(_result: object) -> None:
            self.learner = repo.Learner(learner.id, learner.name, language)
            self.apply_language(language)
            if self.stack.currentWidget() is self.catalogue:
                self.show_catalogue()

        self.bridge.watch(future, saved, lambda error: warn_save_failed(self, error))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Navigator"))
        self.file_menu.setTitle(_("&File"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.quit_action.setText(_("&Quit"))
        self.about_action.setText(_("&About Navigator"))
        self.end_action.setText(_("&End session"))
        self.home_action.setText(_("Home"))
        self.toolbar.setWindowTitle(_("Navigation"))
        self.view_menu.retranslate()
        self.access.retranslate()
        for part in getattr(self, "parts", ()):
            part.retranslate()
        self.catalogue.retranslate()
        self.player.retranslate()
        self.review.retranslate()
        self.notes.retranslate()
        self.progress.retranslate()

    # --- text size, contrast, reading speed ---------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Show the interface at the learner's text size and contrast."""
        self.settings = settings
        self.view_menu.show_settings(settings)
        self.read_aloud.rate = settings.speech_rate
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, scale=settings.text_scale, high_contrast=settings.high_contrast)
        self.retranslate()  # lesson text is re-rendered with the new size and colours

    def change_settings(self, settings: Settings) -> None:
        """The View menu: apply at once, and remember it in the learner's profile."""
        self.apply_settings(settings)
        if self.learner is not None:
            future = self.services.lane.submit(save_settings, learner_id=self.learner.id,
                                               settings=settings)
            self.bridge.watch(future, lambda _kept: None,
                              lambda error: warn_save_failed(self, error))

    # --- screens --------------------------------------------------------------------------

    def show_catalogue(self) -> None:
        learner = self.learner
        if learner is None:
            return
        now = local_now()

        award = not self._awarded  # certificates for progress made before they existed
        self._awarded = True

        def home(db: Any) -> dict[str, Any]:  # one trip to the storage lane, not five
            if award:  # once a start, not at every visit
                certificates.award_all(db, learner_id=learner.id)
            return {"packs": repo.catalogue(db, learner_id=learner.id),
                    "continue_with": repo.last_lesson(db, learner_id=learner.id),
                    "due_reviews": reviews.count_due(db, learner_id=learner.id, now=now),
                    "seconds_learned": repo.seconds_learned(db, learner_id=learner.id),
                    "certificates": certificates.list_certificates(db, learner_id=learner.id)}

        self.catalogue.show_catalogue(learner=learner.name, language=learner.language,
                                      failures=self.services.pack_failures,
                                      **self.services.lane.call(home))
        self.stack.setCurrentWidget(self.catalogue)
        self.catalogue.focus_default()

    def run_search(self, text: str) -> None:
        """Search in the learner's language on the storage lane; show results when ready."""
        learner = self.learner
        if learner is None:
            return
        if not text:
            self.catalogue.show_results("", [])
            return
        future = self.services.lane.submit(search.search, text=text,
                                           language=learner.language)
        self.search_bridge.watch(future, lambda hits: self.catalogue.show_results(text, hits),
                                 lambda error: self.catalogue.show_results(text, []))

    def open_lesson(self, pack_id: str, lesson_id: str, step_id: str = "") -> None:
        learner = self.learner
        if learner is None:
            return
        if self.bridge.busy:
            return
        services = self.services

        def prepare() -> LessonSession:  # on a worker: reads the pack and the progress
            pack = services.library.get(pack_id)
            session = LessonSession(lane=services.lane, learner_id=learner.id, pack=pack,
                                    lesson=pack.lessons[lesson_id], language=learner.language)
            if step_id:  # opened from a search result: at the matching step
                session.start_at(step_id)
            return session

        def ready(session: LessonSession) -> None:
            self.stack.setCurrentWidget(self.player)
            self.player.play(session)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DatabaseUnavailable):
                QMessageBox.warning(self, _("This lesson cannot be opened"), exc.message)
                return
            if not isinstance(exc, PackError | KeyError):
                raise exc
            details = "\n".join(str(p) for p in getattr(exc, "problems", [])[:5])
            QMessageBox.warning(self, _("This lesson cannot be opened"), _(
                "The lesson's files have changed or are damaged, so it cannot be shown. "
                "Ask the pack's author to check it.") + ("\n\n" + details if details else ""))

        self.bridge.watch(services.workers.submit(prepare), ready, failed)

    def show_notes(self) -> None:
        learner = self.learner
        if learner is None:
            return
        future = self.services.lane.submit(notes.list_notes, learner_id=learner.id)

        def ready(found: list[notes.Note]) -> None:
            self.notes.show_notes(found, learner.language)
            self.stack.setCurrentWidget(self.notes)
            self.notes.back_to_list.setFocus()

        self.bridge.watch(future, ready)

    def show_progress(self) -> None:
        learner = self.learner
        if learner is None:
            return

        def read(db: Any) -> dict[str, Any]:
            return {"packs": repo.catalogue(db, learner_id=learner.id),
                    "certificates": certificates.list_certificates(db, learner_id=learner.id),
                    "seconds_learned": repo.seconds_learned(db, learner_id=learner.id)}

        def ready(found: dict[str, Any]) -> None:
            self.progress.show_progress(language=learner.language, **found)
            self.stack.setCurrentWidget(self.progress)
            self.progress.back_to_list.setFocus()

        self.bridge.watch(self.services.lane.submit(read), ready,
                          lambda error: warn_save_failed(self, error))

    def open_review(self) -> None:
        """Today's due questions, prepared on a worker (it reads the packs)."""
        learner = self.learner
        if learner is None or self.bridge.busy:
            return
        services = self.services

        def prepare() -> ReviewSession:
            return ReviewSession(lane=services.lane, learner_id=learner.id,
                                 language=learner.language, packs=services.library.get)

        def ready(session: ReviewSession) -> None:
            self.review.play(session)
            self.stack.setCurrentWidget(self.review)

        def failed(exc: BaseException) -> None:
            message = exc.message if isinstance(exc, DatabaseUnavailable) else str(exc)
            QMessageBox.warning(self, _("The review cannot start"), message)

        self.bridge.watch(services.workers.submit(prepare), ready, failed)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not all(part.may_close() for part in self.parts):
            event.ignore()
            return
        self.read_aloud.close()  # stops the sound and the speech engine's thread
        super().closeEvent(event)

    def restart_with_backup(self, backup: Path) -> None:
        """Close the screens; the app puts ``backup`` back and opens again on it."""
        self.pending_restore = backup
        self.close()

    def show_about(self) -> None:
        QMessageBox.about(self, _("About Navigator"), _(
            "Navigator {version}\n\nTraining and coaching for digital navigators. Works "
            "without the internet; everything stays on this computer.").format(
                version=__version__))


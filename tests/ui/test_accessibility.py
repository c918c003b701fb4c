"""Accessibility: every interactive widget has a name a screen reader can say, nothing is cut
at 200% text, and text size, high contrast and reading speed are kept per learner."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QWidget,
)

from navigator.storage.settings import Settings
from navigator.ui.main_window import MainWindow
from tests.ui.test_lesson_flow import make_window, sign_in, start_as, wait_saved
from tests.ui.test_question_kinds_ui import click_check_then_wait, next_step

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit,
               QAbstractSlider)


def shown(window: MainWindow, kind: type | tuple[type, ...]) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget)
            if isinstance(w, kind) and w.isVisible()]


def unnamed(window: MainWindow) -> list[str]:
    """Interactive widgets on screen without an accessible name (what a screen reader says)."""
    missing = []
    for widget in shown(window, INTERACTIVE):
        if isinstance(widget, QScrollBar | QHeaderView):
            continue  # parts of their view, which carries the name; not in the tab order
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def cut(window: MainWindow) -> list[str]:
    """Labels and buttons on screen whose text does not fit their size."""
    problems = []
    for widget in shown(window, (QLabel, QPushButton)):
        if not (widget.text() if hasattr(widget, "text") else ""):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            need_w, need_h = 0, widget.heightForWidth(widget.width())
        else:
            hint = widget.sizeHint() if isinstance(widget, QPushButton) else \
                widget.minimumSizeHint()
            need_w, need_h = hint.width(), hint.height()
        if widget.width() < need_w - 1 or widget.height() < need_h - 1:
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} "
                            f"{widget.text()[:40]!r}: {widget.width()}x{widget.height()} "
                            f"< {need_w}x{need_h}")
    return problems


def visit_every_screen(qtbot, window: MainWindow, check) -> None:
    """Call ``check(name)`` on each screen: home, each kind of lesson step answered and not,
    the result, the review, My notes and My progress."""
    check("home")
    window.open_lesson("sample", "question-kinds")
    wait_saved(qtbot, window)
    player = window.player
    while player.outcome is None:
        check(f"step {player.session.step.id}")
        if player.check.isVisible():
            player.question.choose(0)
            click_check_then_wait(qtbot, window)
            check(f"step {player.session.step.id} answered")
        next_step(qtbot, window)
    check("lesson result")
    qtbot.mouseClick(player.back_to_list, Qt.MouseButton.LeftButton)
    window.open_review()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=5000)
    check("review")
    window.show_notes()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.notes, timeout=5000)
    check("my notes")
    window.show_progress()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.progress, timeout=5000)
    check("my progress")
    window.show_catalogue()
    check("home after a lesson")  # with the Continue card
    visit_authoring_screens(window, check)
    visit_coaching_screens(window, check)


def visit_authoring_screens(window: MainWindow, check) -> None:
    """Lesson packs, the pack editor on a copy of the sample pack (a text step and a
    question in the preview), a translation beside its original, the translation status,
    the question form and what an import would change."""
    from navigator.content.changes import compare_packs
    from navigator.ui.pack_share import ChangesDialog
    from navigator.ui.question_form import QuestionFormDialog
    from navigator.ui.translations_view import TranslationsDialog

    authoring = window.authoring
    authoring.show_packs()
    settle = QApplication.processEvents
    for _round in range(50):
        settle()
        if window.stack.currentWidget() is authoring.packs_view:
            break
    check("lesson packs")
    authoring.edit_copy("sample")
    editor = authoring.editor
    editor.open_lesson("first-lesson")
    editor.preview.refresh_now()
    for _round in range(100):
        settle()
        if editor.preview.lesson is not None and not editor.bridge.busy:
            break
    check("pack editor, text step")
    question = next(s for s in editor.preview.lesson.steps if s.question is not None)
    editor.editor.go_to_line(question.line)
    check("pack editor, question step")
    editor.open_lesson("first-lesson", "fr")
    check("pack editor, translation beside its original")
    dialog = TranslationsDialog(editor.root, parent=window)
    dialog.show()
    check("translation status")
    dialog.close()
    form = QuestionFormDialog(None, root=editor.root, language="en", taken_ids=set(),
                              branch_ids=[], parent=window)
    form.show()
    check("question form")
    form.close()
    pack = window.services.library.get("sample")
    changes = ChangesDialog(compare_packs(pack, pack, "en"), parent=window)
    changes.show()
    check("import changes")
    changes.close()


def visit_coaching_screens(window: MainWindow, check) -> None:
    """The administrator's and navigator's screens, the intake, client mode, the lock."""
    from concurrent.futures import Future

    from navigator.storage import clients, coaching
    from navigator.ui.intake_dialog import IntakeDialog

    lane, guide = window.services.lane, window.coaching.guide
    client = lane.call(clients.create_client, nickname="Sun 12", languages=["ar", "en"],
                       created_by=window.member.id, picture="sun", colour=clients.COLOURS[0])
    lane.call(coaching.record_intake, client_id=client.id, navigator_id=window.member.id,
              guide=guide.id, answers={s.id: "not-yet" for s in guide.skills})
    window.coaching.staff.show()
    check("staff")
    window.coaching.show_clients()
    check("clients")
    window.coaching.open_client(client.id)
    check("client page")
    dialog = IntakeDialog(lambda values: Future(), guide=guide, client=client, parent=window)
    dialog.read_each.setChecked(False)
    dialog.show()
    check("intake skill")
    for skill in guide.skills:
        dialog.answer(skill.id, "can")
    check("intake devices")
    dialog.go_next()
    check("intake channels")
    dialog.close()
    window.coaching.client_mode.start()
    check("client mode")
    window.coaching.client_mode.end(show_dialog=False)
    window.coaching.show_my_sessions()
    check("my sessions")
    window.lock()
    check("lock screen")


def problems_on_every_screen(qtbot, window: MainWindow, probe) -> dict[str, list[str]]:
    """``probe(window)`` on every screen; the screens where it found something."""
    found: dict[str, list[str]] = {}

    def check(screen: str) -> None:
        QApplication.processEvents()
        if problems := probe(window):
            found[screen] = problems

    visit_every_screen(qtbot, window, check)
    return found


def test_every_interactive_widget_has_an_accessible_name(qtbot, services):
    window = make_window(qtbot, services)
    assert unnamed(window) == [], "first run"
    start_as(qtbot, window)
    assert problems_on_every_screen(qtbot, window, unnamed) == {}


def test_at_200_percent_text_nothing_is_cut(qtbot, services):
    window = make_window(qtbot, services)
    window.resize(1024, 600)  # a small laptop screen, less the task bar
    start_as(qtbot, window)
    window.change_settings(Settings(text_scale=2.0))
    wait_saved(qtbot, window)
    assert QApplication.font().pointSize() == 24
    assert problems_on_every_screen(qtbot, window, cut) == {}


def test_text_size_contrast_and_speed_are_kept_per_learner(qtbot, services, data_dir):
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    menu = window.view_menu
    menu.bigger.trigger()
    menu.bigger.trigger()
    menu.contrast.trigger()
    menu.speed_actions[0.75].trigger()
    wait_saved(qtbot, window)
    assert QApplication.font().pointSize() == 18
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    conn = sqlite3.connect(data_dir / "navigator.db")
    assert dict(conn.execute("SELECT key, value FROM learner_settings")) == {
        "text_scale": "1.5", "high_contrast": "true", "speech_rate": "0.75"}
    conn.close()
    window.close()

    again = make_window(qtbot, services)  # the next sign-in shows the same
    sign_in(qtbot, again)
    qtbot.waitUntil(lambda: again.stack.currentWidget() is again.catalogue, timeout=5000)
    assert again.settings == Settings(text_scale=1.5, high_contrast=True, speech_rate=0.75)
    assert again.view_menu.size_actions[1.5].isChecked()
    assert again.view_menu.contrast.isChecked()
    again.view_menu.smaller.trigger()
    menu_text = again.view_menu.size_actions[1.25].text()
    assert again.view_menu.size_actions[1.25].isChecked() and menu_text == "125%"
    again.view_menu.contrast.trigger()
    wait_saved(qtbot, again)
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#f8fafc"
    assert QApplication.font().pointSize() == 15


def test_settings_that_cannot_be_read_fall_back_to_the_defaults(services):
    from navigator.storage import repository as repo
    from navigator.storage.settings import get_settings

    learner = services.lane.call(repo.create_learner, name="Amal", language="en")

    def damage(db) -> None:
        for key, value in (("text_scale", "not json"), ("high_contrast", "3"),
                           ("speech_rate", "9"), ("unknown", "1")):
            db.execute("INSERT INTO learner_settings VALUES (?,?,?)", [learner.id, key, value])

    services.lane.call(damage)
    assert services.lane.call(get_settings, learner_id=learner.id) == Settings(
        text_scale=1.0, high_contrast=False, speech_rate=2.0)

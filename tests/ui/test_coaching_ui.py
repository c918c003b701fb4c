"""A navigator with a client, in the real window on the real curriculum: sign-in and lock,
staff, a client profile, an intake in the real dialog, client mode, sessions, files."""

from __future__ import annotations

import json
import sqlite3
import time
import zipfile
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QListWidget, QWidget

from navigator.services import Services
from navigator.speech import ClockPlayer, SpeechEngine, SpeechService
from navigator.storage import clients, coaching, staff
from tests.ui.test_lesson_flow import PIN, make_window, sign_in, start_as

NICKNAME = "Sunflower-42"


@pytest.fixture
def real(data_dir) -> Iterator[Services]:
    """Services on the built-in curriculum (client lessons, intake guide)."""
    started = Services.start(data_dir)
    yield started
    started.close()


@pytest.fixture
def engine(tmp_path) -> Iterator[SpeechEngine]:
    started = SpeechEngine(tmp_path / "speech")
    yield started
    started.close()


def later(qtbot, dialog, act) -> None:
    """Run ``act`` once ``dialog()`` is shown (its own event loop is then turning). If it
    never shows, every modal dialog is closed after 10 s so the test fails instead of
    hanging."""
    timer = QTimer()
    timer.setInterval(20)
    started = time.monotonic()

    def poll() -> None:
        shown = dialog()
        if shown is not None and shown.isVisible():
            timer.stop()
            act()
        elif time.monotonic() - started > 10:
            timer.stop()
            while (modal := QApplication.activeModalWidget()) is not None:
                modal.reject()

    timer.timeout.connect(poll)
    timer.start()
    _timers.append(timer)


_timers: list[QTimer] = []


def modal():
    return QApplication.activeModalWidget()


def db_rows(data_dir, sql, args=()):
    conn = sqlite3.connect(data_dir / "navigator.db")
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def visible_texts(window) -> str:
    """Every text a person could read in the window right now."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        if isinstance(widget, QListWidget):
            found += [widget.item(i).text() for i in range(widget.count())]
    found.append(window.windowTitle())
    return "\n".join(found)


def with_client(qtbot, window, services, *, languages=("ar", "en")) -> int:
    """The admin (a navigator too) adds a client in the real profile dialog."""
    window.coaching.clients_action.trigger()
    assert window.stack.currentWidget() is window.coaching.clients_view

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.nickname.setText(NICKNAME)
        dialog.first_language.setCurrentIndex(dialog.first_language.findData(languages[0]))
        if len(languages) > 1:
            dialog.second_language.setCurrentIndex(
                dialog.second_language.findData(languages[1]))
        dialog.picture.setCurrentIndex(dialog.picture.findData("sun"))
        dialog.arrival.setValue(2023)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    later(qtbot, modal, fill)
    qtbot.mouseClick(window.coaching.clients_view.new, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.coaching.page, timeout=5000)
    return window.coaching.page.overview.client.id


def test_wrong_pin_end_session_and_a_navigator_added_by_the_administrator(qtbot, real,
                                                                          data_dir):
    """The admin adds a navigator in the Staff screen; End session locks; a wrong PIN is
    refused with a message; the navigator signs in and sees Clients but not Staff."""
    window = make_window(qtbot, real)
    start_as(qtbot, window)
    assert window.coaching.staff.action.isVisible()
    window.coaching.staff.action.trigger()
    view = window.coaching.staff.view

    def add() -> None:
        dialog = window.coaching.staff.dialog
        dialog.name.setText("Nadia")
        dialog.role.setCurrentIndex(dialog.role.findData("navigator"))
        qtbot.keyClicks(dialog.pin, "1357")
        qtbot.keyClicks(dialog.pin_again, "1357")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    later(qtbot, lambda: getattr(window.coaching.staff, "dialog", None), add)
    qtbot.mouseClick(view.add, Qt.MouseButton.LeftButton)
    assert [view.tree.topLevelItem(i).text(1) for i in range(2)] == ["Administrator",
                                                                     "Navigator"]
    window.end_action.trigger()
    lock = window.access.view
    assert window.stack.currentWidget() is lock and not window.toolbar.isVisible()
    sign_in(qtbot, window, pin="0000", name="Nadia")
    qtbot.waitUntil(lambda: lock.message.isVisible(), timeout=5000)
    assert lock.message.text() == "This PIN is not right. Try again."
    assert db_rows(data_dir, "SELECT failures FROM pins JOIN learners ON id = learner_id "
                             "WHERE name = 'Nadia'") == [(1,)]
    sign_in(qtbot, window, pin="1357")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.catalogue, timeout=5000)
    assert window.coaching.clients_action.isVisible()
    assert not window.coaching.staff.action.isVisible()


def test_an_intake_in_the_real_dialog_gives_a_path_and_a_later_one_shows_the_change(
        qtbot, real, data_dir):
    """Answers clicked in the dialog are stored with the devices and channels; the page
    shows the recommended lessons, and a second intake shows what got better."""
    window = make_window(qtbot, real)
    start_as(qtbot, window)
    client_id = with_client(qtbot, window, real)
    page = window.coaching.page
    assert "No intake yet" in page.path_empty.text()

    def answer() -> None:
        dialog = window.coaching.intake_dialog
        dialog.read_each.setChecked(False)
        for skill in dialog.guide.skills:
            level = {"connect-wifi": "not-yet", "spot-scam": "with-help"}.get(skill.id, "can")
            choice = dialog.findChild(QAbstractButton, f"intake-{skill.id}-{level}")
            qtbot.mouseClick(choice, Qt.MouseButton.LeftButton)
        assert dialog.pages.currentWidget() is dialog.device_page
        dialog.findChild(QAbstractButton, "intake-phone_access-shared").click()
        dialog.findChild(QAbstractButton, "intake-home_internet-no").click()
        qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)
        dialog.channel_boxes["whatsapp"].setChecked(True)
        dialog.channel_boxes["other"].setChecked(True)
        dialog.other.setText("Telegram")
        qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)

    later(qtbot, lambda: getattr(window.coaching, "intake_dialog", None), answer)
    qtbot.mouseClick(page.intake, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.path.topLevelItemCount() > 0, timeout=5000)
    assert db_rows(data_dir, "SELECT phone_access, home_internet, channels, other_channel "
                             "FROM intakes WHERE client_id = ?", [client_id]) == [
        ("shared", "no", '["whatsapp", "other"]', "Telegram")]
    assert dict(db_rows(data_dir, "SELECT skill_id, level FROM intake_answers WHERE "
                                  "level != 'can'")) == {"connect-wifi": "not-yet",
                                                         "spot-scam": "with-help"}
    assert len(db_rows(data_dir, "SELECT * FROM intake_answers")) == 15
    path = [page.path.topLevelItem(i).text(0) for i in range(page.path.topLevelItemCount())]
    assert path == ["Spot a scam message", "Connect to Wi‑Fi"]  # the guide's priority order
    assert "A shared phone" in page.intake_summary.text()
    assert "WhatsApp, Other, and Telegram" in page.intake_summary.text()

    real.lane.call(coaching.record_intake, client_id=client_id, navigator_id=window.member.id,
                   guide="intake", answers={"connect-wifi": "with-help", "spot-scam": "can"})
    window.coaching.refresh_client()
    rows = {page.skills.topLevelItem(i).text(0): page.skills.topLevelItem(i).text(3)
            for i in range(page.skills.topLevelItemCount())}
    assert rows == {"I can connect my phone to Wi‑Fi.": "↑ better",
                    "I can tell when a message is a scam.": "↑ better"}
    assert [page.path.topLevelItem(i).text(0)
            for i in range(page.path.topLevelItemCount())] == ["Connect to Wi‑Fi"]


def test_client_mode_reads_aloud_reaches_no_staff_screen_and_needs_the_pin_to_leave(
        qtbot, real, data_dir, engine):
    """Client mode: Arabic, right to left, large text, read aloud; no menu, toolbar or
    action works; closing or leaving needs the navigator's PIN; the session is logged."""
    window = make_window(qtbot, real)
    window.read_aloud.make_service = lambda: SpeechService(engine, ClockPlayer(4.0))
    start_as(qtbot, window)
    client_id = with_client(qtbot, window, real)
    real.lane.call(coaching.record_intake, client_id=client_id, navigator_id=window.member.id,
                   guide="intake", answers={"connect-wifi": "not-yet"})
    window.coaching.refresh_client()
    qtbot.mouseClick(window.coaching.page.client_mode, Qt.MouseButton.LeftButton)
    mode = window.coaching.client_mode.view
    assert window.stack.currentWidget() is mode
    assert not window.menuBar().isVisible() and not window.toolbar.isVisible()
    assert not any(a.isEnabled() for a in window.findChildren(QAction))
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QApplication.font().pointSize() >= 18
    buttons = mode.lesson_buttons()
    assert buttons[0].text() == "الاتصال بشبكة Wi‑Fi"  # the path first, in Arabic
    assert len(buttons) == 16  # the client lessons, nothing from the staff course

    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mode.stack.currentWidget() is mode.player, timeout=5000)
    assert not mode.player.see_certificates.isVisible()
    assert not mode.player.audio_export.isVisible()  # no file dialog onto the computer
    qtbot.waitUntil(lambda: len(window.read_aloud.heard) >= 3, timeout=15000)
    assert all(not word.isascii() for word in window.read_aloud.heard[:3])  # Arabic words

    pin_dialog = lambda: getattr(window.coaching.client_mode, "pin_dialog", None)  # noqa: E731
    later(qtbot, pin_dialog, lambda: pin_dialog().reject())
    window.close()  # a client closing the window: the PIN first; Cancel keeps it open
    assert window.isVisible() and window.stack.currentWidget() is mode

    def wrong_then_right() -> None:
        dialog = window.coaching.client_mode.pin_dialog
        qtbot.keyClicks(dialog.pin, "1111")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=5000)
        assert dialog.isVisible()
        qtbot.keyClicks(dialog.pin, PIN)

        def review() -> None:
            session = window.coaching.session_dialog
            session.topics.setText("bus schedule")
            qtbot.mouseClick(session.ok, Qt.MouseButton.LeftButton)

        later(qtbot, lambda: getattr(window.coaching, "session_dialog", None), review)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    later(qtbot, pin_dialog, wrong_then_right)
    mode.player.close_lesson()
    qtbot.mouseClick(mode.leave, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.coaching.page,
                    timeout=5000)
    assert window.menuBar().isVisible() and window.toolbar.isVisible()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    rows = db_rows(data_dir, "SELECT mode, ended_at IS NOT NULL, topics FROM "
                             "coaching_sessions")
    assert rows == [("in-person", 1, "bus schedule")]
    assert db_rows(data_dir, "SELECT lesson_id FROM session_lessons") == [("connect-to-wifi",)]
    assert window.coaching.page.sessions.topLevelItemCount() == 1


def test_idle_lock_leaves_nothing_of_the_client_on_screen(qtbot, real):
    """Nobody touches the computer for 5 minutes (an injected clock): the lock screen is
    shown, the session ends, and no text of the client is left anywhere visible."""
    now = [1000.0]
    window = make_window(qtbot, real)
    window.access.idle.clock = lambda: now[0]
    start_as(qtbot, window)
    with_client(qtbot, window, real)
    qtbot.mouseClick(window.coaching.page.client_mode, Qt.MouseButton.LeftButton)
    assert NICKNAME in visible_texts(window)
    now[0] += 4 * 60
    window.access.idle.check()
    assert window.stack.currentWidget() is window.coaching.client_mode.view
    now[0] += 60
    window.access.idle.check()
    assert window.stack.currentWidget() is window.access.view
    assert NICKNAME not in visible_texts(window)
    assert not window.toolbar.isVisible() and window.menuBar().isVisible()
    assert window.coaching.page.overview is None
    assert real.lane.call(lambda db: db.execute(
        "SELECT ended_at IS NOT NULL FROM coaching_sessions").fetchall()) == [(1,)]


def test_export_then_delete_for_good_from_the_client_page(qtbot, real, data_dir, tmp_path,
                                                          monkeypatch):
    """Export writes client.json and the handouts into one zip; Delete (confirmed) removes
    the client; another navigator never saw them."""
    window = make_window(qtbot, real)
    start_as(qtbot, window)
    client_id = with_client(qtbot, window, real, languages=("es",))
    real.lane.call(coaching.record_intake, client_id=client_id, navigator_id=window.member.id,
                   guide="intake", answers={"connect-wifi": "not-yet"})
    omar = real.lane.call(staff.create_staff, name="Omar", language="en", role="navigator",
                          pin="9753", make_current=False)
    assert real.lane.call(clients.visible_clients, viewer_id=omar.id) == []
    window.coaching.refresh_client()
    files = window.coaching.files
    target = tmp_path / "out" / "client"
    target.parent.mkdir()
    files.choose_file = lambda suggested, kind: str(target)
    shown = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    qtbot.mouseClick(window.coaching.page.export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    with zipfile.ZipFile(tmp_path / "out" / "client.zip") as archive:
        assert sorted(archive.namelist()) == ["client.json", "handouts/connect-to-wifi.pdf"]
        record = json.loads(archive.read("client.json"))
        handout = archive.read("handouts/connect-to-wifi.pdf")
    assert record["profile"]["nickname"] == NICKNAME
    assert record["intakes"][0]["skills"]["connect-wifi"] == "not-yet"
    (tmp_path / "h.pdf").write_bytes(handout)
    assert len(PdfReader(tmp_path / "h.pdf").pages) == 1
    assert "Wi‑Fi" in PdfReader(tmp_path / "h.pdf").pages[0].extract_text()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["client.zip"]

    asked = []
    files.confirm = lambda title, text: asked.append(text) or True
    qtbot.mouseClick(window.coaching.page.delete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.coaching.clients_view,
                    timeout=5000)
    assert NICKNAME in asked[0] and "cannot be undone" in asked[0]
    assert db_rows(data_dir, "SELECT count(*) FROM learners WHERE kind = 'client'") == [(0,)]
    assert db_rows(data_dir, "SELECT count(*) FROM intakes") == [(0,)]
    assert window.coaching.clients_view.list.count() == 0


def test_three_wrong_pins_pause_the_sign_in_with_a_countdown(qtbot, real):
    """After the third wrong PIN, Sign in is disabled and the screen counts the seconds."""
    window = make_window(qtbot, real)
    start_as(qtbot, window)
    window.end_action.trigger()
    lock = window.access.view
    for _ in range(3):
        qtbot.waitUntil(lock.sign_in.isEnabled, timeout=5000)
        sign_in(qtbot, window, pin="0000")
    qtbot.waitUntil(lambda: "Too many wrong PINs" in lock.message.text(), timeout=5000)
    assert lock.message.text() == "Too many wrong PINs. Try again in 5 seconds."
    assert not lock.sign_in.isEnabled()
    lock.wait._tick()
    assert lock.message.text() == "Too many wrong PINs. Try again in 4 seconds."
    for _ in range(4):
        lock.wait._tick()
    assert lock.sign_in.isEnabled() and lock.message.text() == "You can try again now."

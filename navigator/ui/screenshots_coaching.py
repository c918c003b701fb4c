"""The coaching screens for ``navigator screenshots``: staff, clients, a client's page, the
intake, a session, client mode and the lock screen, on sample data (a made-up client)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from navigator.storage import clients, coaching, staff
from navigator.ui.client_dialogs import SessionDialog
from navigator.ui.intake_dialog import IntakeDialog
from navigator.ui.main_window import MainWindow

SAMPLE_CLIENT = {"en": "Sunflower 12", "fr": "Tournesol 12", "ar": "عباد الشمس ١٢",
                 "es": "Girasol 12"}
SAMPLE_LANGUAGES = {"en": ["ar", "en"], "fr": ["ar", "fr_CA"], "ar": ["ar", "en"],
                    "es": ["es", "en"]}


def _never(_values: dict[str, Any]) -> Future[Any]:
    return Future()


def capture_coaching(window: MainWindow, language: str, outdir: Path, written: list[Path],
                     save: Callable[[QWidget, Path, str, list[Path]], None],
                     settle: Callable[[MainWindow], None]) -> None:
    """Sample staff, a client with two intakes and a session, then each screen."""
    lane, member = window.services.lane, window.member
    guide = window.coaching.guide
    if member is None or guide is None:
        return
    base = language.split("_")[0]
    lane.call(staff.create_staff, name="Nadia", language=language, role="navigator",
              pin="1357", make_current=False)
    lane.call(staff.create_staff, name="Omar", language=language, role="trainer",
              pin="9753", make_current=False)
    client = lane.call(clients.create_client, nickname=SAMPLE_CLIENT.get(base, "Sunflower 12"),
                       languages=SAMPLE_LANGUAGES.get(base, ["ar", "en"]), created_by=member.id,
                       colour=clients.COLOURS[5], picture="sun", arrival_year=2023)
    lane.call(clients.create_client, nickname="K-0417", languages=["es"],
              created_by=member.id, colour=clients.COLOURS[1], picture="tree")
    month_ago = datetime.now(timezone.utc) - timedelta(days=30)
    first = {s.id: "not-yet" for s in guide.skills[5:9]} | {s.id: "can"
                                                            for s in guide.skills[:5]}
    first |= {s.id: "with-help" for s in guide.skills[9:]}
    lane.call(coaching.record_intake, client_id=client.id, navigator_id=member.id,
              guide=guide.id, answers=first, phone_access="shared", data_plan="no",
              home_internet="no", computer_access="public", channels=["whatsapp", "in-person"],
              taken_at=month_ago)
    latest = dict(first) | {guide.skills[5].id: "can", guide.skills[6].id: "with-help"}
    lane.call(coaching.record_intake, client_id=client.id, navigator_id=member.id,
              guide=guide.id, answers=latest, phone_access="own", data_plan="yes",
              home_internet="no", computer_access="public", channels=["whatsapp", "in-person"])
    session = lane.call(coaching.start_session, client_id=client.id, navigator_id=member.id,
                        started_at=month_ago)
    lane.call(coaching.save_session, session_id=session, started_at=month_ago,
              ended_at=month_ago + timedelta(minutes=40), mode="in-person",
              topics="", note="", lessons=[("client-lessons", "connect-to-wifi")])

    window.coaching.staff.show()
    settle(window)
    save(window, outdir, "16-staff", written)
    window.coaching.show_clients()
    settle(window)
    save(window, outdir, "17-clients", written)
    window.coaching.open_client(client.id)
    settle(window)
    save(window, outdir, "18-client-page", written)
    overview = window.coaching.page.overview
    assert overview is not None
    dialog = IntakeDialog(_never, guide=guide, client=overview.client, parent=window)
    dialog.read_each.setChecked(False)
    dialog.show()
    dialog.answer(guide.skills[0].id, "can")
    settle(window)
    save(dialog, outdir, "19-intake-skill", written)
    dialog.close()
    sessions = lane.call(coaching.sessions_for_client, client_id=client.id)
    session_dialog = SessionDialog(_never, session=sessions[0],
                                   lessons=window.coaching.lesson_choices(client.id),
                                   parent=window)
    session_dialog.show()
    settle(window)
    save(session_dialog, outdir, "20-session-dialog", written)
    session_dialog.close()
    window.coaching.client_mode.start()
    settle(window)
    save(window, outdir, "21-client-mode", written)
    mode = window.coaching.client_mode
    mode.view.player.auto_listen = False
    buttons = mode.view.lesson_buttons()
    if buttons:
        buttons[0].click()
        settle(window)
        save(window, outdir, "22-client-mode-lesson", written)
    mode.end(show_dialog=False)
    window.coaching.show_my_sessions()
    settle(window)
    save(window, outdir, "23-my-sessions", written)
    window.lock()
    settle(window)
    save(window, outdir, "24-lock-screen", written)
    QApplication.processEvents()

"""Intakes (a client's skills, devices and channels on a date) and coaching sessions.

Times are stored in UTC ISO 8601, so text order is time order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

from navigator.storage.staff import StaffRefused
from navigator.xapi import record

MODES = ("in-person", "phone", "video")


def _stamp(when: datetime | None) -> str:
    when = when or datetime.now(timezone.utc)
    return when.astimezone(timezone.utc).isoformat(timespec="seconds")


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Intake:
    id: int
    client_id: int
    navigator_id: int | None
    taken_at: datetime
    answers: dict[str, str]
    phone_access: str = ""
    data_plan: str = ""
    home_internet: str = ""
    computer_access: str = ""
    channels: tuple[str, ...] = ()
    other_channel: str = ""


def record_intake(db: Database, *, client_id: int, navigator_id: int, guide: str,
                  answers: Mapping[str, str], phone_access: str = "", data_plan: str = "",
                  home_internet: str = "", computer_access: str = "",
                  channels: Sequence[str] = (), other_channel: str = "",
                  taken_at: datetime | None = None) -> int:
    """Store one intake with its answers (skill id -> level id); returns its id."""
    cursor = db.execute(
        "INSERT INTO intakes (client_id, navigator_id, taken_at, guide, phone_access, "
        "data_plan, home_internet, computer_access, channels, other_channel) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [client_id, navigator_id, _stamp(taken_at), guide, phone_access, data_plan,
         home_internet, computer_access, json.dumps(list(channels)), other_channel.strip()])
    intake_id = int(cursor.lastrowid or 0)
    db.conn.executemany(
        "INSERT INTO intake_answers (intake_id, skill_id, level) VALUES (?, ?, ?)",
        [(intake_id, skill, level) for skill, level in answers.items()])
    return intake_id


def list_intakes(db: Database, *, client_id: int) -> list[Intake]:
    """A client's intakes, oldest first."""
    found = []
    for row in db.query("SELECT * FROM intakes WHERE client_id = ? ORDER BY taken_at, id",
                        [client_id]):
        answers = {r["skill_id"]: r["level"] for r in db.query(
            "SELECT skill_id, level FROM intake_answers WHERE intake_id = ?", [row["id"]])}
        found.append(Intake(row["id"], row["client_id"], row["navigator_id"],
                            datetime.fromisoformat(row["taken_at"]), answers,
                            row["phone_access"], row["data_plan"], row["home_internet"],
                            row["computer_access"], tuple(json.loads(row["channels"])),
                            row["other_channel"]))
    return found


@dataclass(frozen=True)
class CoachingSession:
    id: int
    client_id: int
    client_nickname: str
    navigator_id: int | None
    navigator_name: str
    started_at: datetime
    ended_at: datetime | None
    mode: str
    topics: str = ""
    note: str = ""
    lessons: tuple[tuple[str, str], ...] = field(default=())

    @property
    def minutes(self) -> int:
        if self.ended_at is None:
            return 0
        return max(0, round((self.ended_at - self.started_at).total_seconds() / 60))


def start_session(db: Database, *, client_id: int, navigator_id: int, mode: str = "in-person",
                  started_at: datetime | None = None) -> int:
    """A session begins (when a navigator opens client mode, or logs one by hand)."""
    if mode not in MODES:
        raise StaffRefused("mode")
    cursor = db.execute("INSERT INTO coaching_sessions (client_id, navigator_id, started_at, "
                        "mode) VALUES (?, ?, ?, ?)",
                        [client_id, navigator_id, _stamp(started_at), mode])
    return int(cursor.lastrowid or 0)


def add_session_lesson(db: Database, *, session_id: int, pack_id: str, lesson_id: str) -> None:
    db.execute("INSERT OR IGNORE INTO session_lessons (session_id, pack_id, lesson_id) "
               "VALUES (?, ?, ?)", [session_id, pack_id, lesson_id])


def save_session(db: Database, *, session_id: int, started_at: datetime,
                 ended_at: datetime | None, mode: str, topics: str = "", note: str = "",
                 lessons: Sequence[tuple[str, str]] | None = None) -> None:
    """Write a session's details as the navigator reviewed them."""
    if mode not in MODES:
        raise StaffRefused("mode")
    if ended_at is not None and ended_at < started_at:
        raise StaffRefused("ends-before-start")
    db.execute("UPDATE coaching_sessions SET started_at = ?, ended_at = ?, mode = ?, "
               "topics = ?, note = ? WHERE id = ?",
               [_stamp(started_at), _stamp(ended_at) if ended_at else None, mode,
                topics.strip(), note.strip(), session_id])
    if lessons is not None:
        db.execute("DELETE FROM session_lessons WHERE session_id = ?", [session_id])
        for pack_id, lesson_id in lessons:
            add_session_lesson(db, session_id=session_id, pack_id=pack_id, lesson_id=lesson_id)
    if ended_at is not None:
        record.coaching_session_held(db, session_id=session_id)


def delete_session(db: Database, *, session_id: int) -> None:
    """A session logged by hand and then cancelled."""
    db.execute("DELETE FROM coaching_sessions WHERE id = ?", [session_id])


def end_session(db: Database, *, session_id: int, ended_at: datetime | None = None) -> None:
    db.execute("UPDATE coaching_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
               [_stamp(ended_at), session_id])
    record.coaching_session_held(db, session_id=session_id)


def _sessions(db: Database, where: str, args: list[Any]) -> list[CoachingSession]:
    sessions = []
    for row in db.query(
            "SELECT s.*, c.name AS client_nickname, n.name AS navigator_name "
            "FROM coaching_sessions s JOIN learners c ON c.id = s.client_id "
            "LEFT JOIN learners n ON n.id = s.navigator_id "
            f"WHERE {where} ORDER BY s.started_at DESC, s.id DESC", args):
        lessons = tuple((r["pack_id"], r["lesson_id"]) for r in db.query(
            "SELECT pack_id, lesson_id FROM session_lessons WHERE session_id = ? "
            "ORDER BY rowid", [row["id"]]))
        sessions.append(CoachingSession(
            row["id"], row["client_id"], row["client_nickname"], row["navigator_id"],
            row["navigator_name"] or "", datetime.fromisoformat(row["started_at"]),
            _time(row["ended_at"]), row["mode"], row["topics"], row["note"], lessons))
    return sessions


def get_session(db: Database, *, session_id: int) -> CoachingSession | None:
    found = _sessions(db, "s.id = ?", [session_id])
    return found[0] if found else None


def sessions_for_client(db: Database, *, client_id: int) -> list[CoachingSession]:
    """A client's sessions, newest first."""
    return _sessions(db, "s.client_id = ?", [client_id])


def sessions_for_navigator(db: Database, *, navigator_id: int) -> list[CoachingSession]:
    """The sessions a navigator held, newest first."""
    return _sessions(db, "s.navigator_id = ?", [navigator_id])

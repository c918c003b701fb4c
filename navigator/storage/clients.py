"""Client profiles: pseudonymous (a nickname or agency code, never a legal name), seen only by
navigators who coached them and by administrators; exported for the client or deleted for good.

A client is a ``learners`` row of kind 'client' plus a ``clients`` row; their lessons use the
same progress tables as staff. Deleting the ``learners`` row deletes every row of theirs
(foreign keys cascade) and ``secure_delete`` (set on every connection) overwrites the freed
bytes; a checkpoint then empties the write-ahead log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from navigator.storage.repository import LessonRow, catalogue, now
from navigator.storage.staff import StaffRefused, get_staff

COLOURS = ("#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#ff7f0e",
           "#17becf")
PICTURES = ("sun", "moon", "star", "tree", "flower", "fish", "bird", "house", "heart",
            "leaf")
NICKNAME_MAX = 40


@dataclass(frozen=True)
class Client:
    id: int
    nickname: str
    languages: tuple[str, ...]
    colour: str = ""
    picture: str = ""
    arrival_year: int | None = None
    created_by: int | None = None
    created_at: str = ""
    last_session_at: str | None = None

    @property
    def language(self) -> str:
        """The first preferred language: lessons and read-aloud start in it."""
        return self.languages[0] if self.languages else "en"


_SELECT = """
    SELECT l.id, l.name, l.created_at, c.languages, c.colour, c.picture, c.arrival_year,
           c.created_by,
           (SELECT max(started_at) FROM coaching_sessions s WHERE s.client_id = l.id)
               AS last_session_at
    FROM learners l JOIN clients c ON c.learner_id = l.id
    WHERE l.kind = 'client'"""


def _client(row: dict[str, Any]) -> Client:
    return Client(row["id"], row["name"], tuple(json.loads(row["languages"])), row["colour"],
                  row["picture"], row["arrival_year"], row["created_by"], row["created_at"],
                  row["last_session_at"])


def _clean(db: Database, nickname: str, languages: list[str] | tuple[str, ...],
           arrival_year: int | None, colour: str, picture: str,
           except_id: int | None = None) -> str:
    nickname = " ".join(nickname.split())
    if not nickname:
        raise StaffRefused("nickname-empty")
    if len(nickname) > NICKNAME_MAX:
        raise StaffRefused("nickname-long")
    if not languages:
        raise StaffRefused("no-language")
    if arrival_year is not None and not 1900 <= arrival_year <= 2200:
        raise StaffRefused("arrival-year")
    if colour and colour not in COLOURS:
        raise StaffRefused("colour")
    if picture and picture not in PICTURES:
        raise StaffRefused("picture")
    if db.execute("SELECT 1 FROM learners WHERE kind = 'client' AND name = ? COLLATE NOCASE "
                  "AND id IS NOT ?", [nickname, except_id]).fetchone():
        raise StaffRefused("nickname-taken")
    return nickname


def create_client(db: Database, *, nickname: str, languages: list[str] | tuple[str, ...],
                  created_by: int, colour: str = "", picture: str = "",
                  arrival_year: int | None = None) -> Client:
    """A new client profile, created by a navigator (who then sees it)."""
    member = get_staff(db, learner_id=created_by)
    if member is None or not member.can_coach:
        raise StaffRefused("not-navigator")
    nickname = _clean(db, nickname, languages, arrival_year, colour, picture)
    created = now()
    cursor = db.execute("INSERT INTO learners (name, language, created_at, kind, role) "
                        "VALUES (?, ?, ?, 'client', '')", [nickname, languages[0], created])
    client_id = int(cursor.lastrowid or 0)
    db.execute("INSERT INTO clients (learner_id, languages, colour, picture, arrival_year, "
               "created_by) VALUES (?, ?, ?, ?, ?, ?)",
               [client_id, json.dumps(list(languages)), colour, picture, arrival_year,
                created_by])
    return Client(client_id, nickname, tuple(languages), colour, picture, arrival_year,
                  created_by, created)


def update_client(db: Database, *, client_id: int, nickname: str,
                  languages: list[str] | tuple[str, ...], colour: str = "", picture: str = "",
                  arrival_year: int | None = None) -> Client:
    nickname = _clean(db, nickname, languages, arrival_year, colour, picture,
                      except_id=client_id)
    db.execute("UPDATE learners SET name = ?, language = ? WHERE id = ? AND kind = 'client'",
               [nickname, languages[0], client_id])
    db.execute("UPDATE clients SET languages = ?, colour = ?, picture = ?, arrival_year = ? "
               "WHERE learner_id = ?",
               [json.dumps(list(languages)), colour, picture, arrival_year, client_id])
    found = get_client(db, client_id=client_id)
    assert found is not None
    return found


def get_client(db: Database, *, client_id: int) -> Client | None:
    rows = list(db.query(_SELECT + " AND l.id = ?", [client_id]))
    return _client(rows[0]) if rows else None


_VISIBLE = """ AND (c.created_by = :viewer OR EXISTS (
    SELECT 1 FROM coaching_sessions s WHERE s.client_id = l.id AND s.navigator_id = :viewer))"""


def visible_clients(db: Database, *, viewer_id: int) -> list[Client]:
    """The clients this staff member may see: an administrator sees all; a navigator those
    they created or coached; anyone else none."""
    member = get_staff(db, learner_id=viewer_id)
    if member is None or not member.can_coach:
        return []
    sql = _SELECT + ("" if member.is_admin else _VISIBLE) + " ORDER BY l.name COLLATE NOCASE"
    return [_client(r) for r in db.query(sql, {"viewer": viewer_id})]


def can_see(db: Database, *, viewer_id: int, client_id: int) -> bool:
    member = get_staff(db, learner_id=viewer_id)
    if member is None or not member.can_coach:
        return False
    sql = _SELECT + " AND l.id = :client" + ("" if member.is_admin else _VISIBLE)
    return bool(list(db.query(sql, {"viewer": viewer_id, "client": client_id})))


def client_record(db: Database, *, client_id: int) -> dict[str, Any]:
    """Everything stored about a client, for the copy given to them (JSON-ready)."""
    client = get_client(db, client_id=client_id)
    if client is None:
        raise StaffRefused("unknown")

    def rows(sql: str) -> list[dict[str, Any]]:
        return [dict(r) for r in db.query(sql, [client_id])]

    intakes = rows("SELECT id, taken_at, phone_access, data_plan, home_internet, "
                   "computer_access, channels, other_channel FROM intakes WHERE client_id = ? "
                   "ORDER BY taken_at")
    for intake in intakes:
        intake["channels"] = json.loads(intake["channels"])
        intake["skills"] = {r["skill_id"]: r["level"] for r in db.query(
            "SELECT skill_id, level FROM intake_answers WHERE intake_id = ? ORDER BY skill_id",
            [intake.pop("id")])}
    sessions = rows("SELECT id, started_at, ended_at, mode, topics, note "
                    "FROM coaching_sessions WHERE client_id = ? ORDER BY started_at")
    for session in sessions:
        session["lessons"] = [f"{r['pack_id']}/{r['lesson_id']}" for r in db.query(
            "SELECT pack_id, lesson_id FROM session_lessons WHERE session_id = ? "
            "ORDER BY pack_id, lesson_id", [session.pop("id")])]
    return {
        "format": "navigator-client-record/1",
        "exported_at": now(),
        "profile": {"nickname": client.nickname, "languages": list(client.languages),
                    "colour": client.colour, "picture": client.picture,
                    "arrival_year": client.arrival_year, "created_at": client.created_at},
        "intakes": intakes,
        "coaching_sessions": sessions,
        "lessons": rows("SELECT pack_id, lesson_id, status, best_score, attempt AS attempts, "
                        "seconds_spent, started_at, completed_at FROM progress "
                        "WHERE learner_id = ? ORDER BY started_at"),
        "answers": rows("SELECT pack_id, lesson_id, step_id, attempt, chosen, score, correct, "
                        "answered_at FROM answers WHERE learner_id = ? ORDER BY id"),
    }


def delete_client(db: Database, *, client_id: int) -> None:
    """Delete a client and everything of theirs for good. Run it with the lane's
    ``submit_unwrapped``: it commits, then empties the write-ahead log."""
    with db.atomic():
        found = db.execute("SELECT 1 FROM learners WHERE id = ? AND kind = 'client'",
                           [client_id]).fetchone()
        if not found:
            raise StaffRefused("unknown")
        db.execute("DELETE FROM learners WHERE id = ?", [client_id])
    # The deleted rows' pages were overwritten with zeros (secure_delete); copy them into the
    # database file and truncate the log, so no old copy of a page stays in the -wal file.
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def client_lessons(db: Database, *, learner_id: int) -> list[LessonRow]:
    """Every lesson written for clients, in pack order, with this learner's progress."""
    audiences = {(r["pack_id"], r["id"]) for r in db.query(
        "SELECT pack_id, id FROM lessons WHERE audience = 'client'")}
    return [lesson for pack in catalogue(db, learner_id=learner_id)
            for module in pack.modules for lesson in module.lessons
            if (lesson.pack_id, lesson.lesson_id) in audiences]

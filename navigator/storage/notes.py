"""Private reflection notes: one per learner and lesson."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from navigator.storage.repository import now
from navigator.storage.staff import StaffRefused

MAX_NOTE_LENGTH = 5000


@dataclass(frozen=True)
class Note:
    pack_id: str
    lesson_id: str
    lesson_titles: dict[str, str]
    text: str
    updated_at: datetime


def save_note(db: Database, *, learner_id: int, pack_id: str, lesson_id: str,
              text: str) -> None:
    """Keep the note (an empty note deletes it). A note longer than
    :data:`MAX_NOTE_LENGTH` is refused (``StaffRefused('note-long')``), never cut short."""
    text = text.strip()
    if len(text) > MAX_NOTE_LENGTH:
        raise StaffRefused("note-long")
    if not text:
        db.execute("DELETE FROM notes WHERE learner_id = ? AND pack_id = ? AND lesson_id = ?",
                   [learner_id, pack_id, lesson_id])
        return
    db.execute(
        "INSERT INTO notes (learner_id, pack_id, lesson_id, text, updated_at)"
        " VALUES (?,?,?,?,?) ON CONFLICT(learner_id, pack_id, lesson_id) DO UPDATE SET"
        " text = excluded.text, updated_at = excluded.updated_at",
        [learner_id, pack_id, lesson_id, text, now()])


def get_note(db: Database, *, learner_id: int, pack_id: str, lesson_id: str) -> str:
    rows = list(db.query("SELECT text FROM notes WHERE learner_id = ? AND pack_id = ?"
                         " AND lesson_id = ?", [learner_id, pack_id, lesson_id]))
    return str(rows[0]["text"]) if rows else ""


def list_notes(db: Database, *, learner_id: int) -> list[Note]:
    """The learner's notes, newest first, with the lesson's titles."""
    return [Note(r["pack_id"], r["lesson_id"], json.loads(r["titles"] or "{}"), r["text"],
                 datetime.fromisoformat(r["updated_at"]))
            for r in db.query(
                "SELECT n.pack_id, n.lesson_id, n.text, n.updated_at, l.titles FROM notes n"
                " LEFT JOIN lessons l ON l.pack_id = n.pack_id AND l.id = n.lesson_id"
                " WHERE n.learner_id = ? ORDER BY n.updated_at DESC", [learner_id])]

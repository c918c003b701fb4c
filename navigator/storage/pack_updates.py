"""Installing a new version of a pack, and the marks it leaves on added and changed lessons.

One lane call installs the catalogue rows and records the marks in the same transaction, so
a failure leaves the previous version's catalogue in place. Learners' progress, answers and
review cards are keyed by lesson and step ids and are never touched here: lessons whose ids
remain keep them; removed lessons keep them too (in case a later version brings them back).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from navigator.content.changes import PackChanges
from navigator.core.model import Pack
from navigator.storage.repository import install_pack, now


def install_pack_version(db: Database, *, pack: Pack, builtin: bool,
                         changes: PackChanges) -> None:
    """Install ``pack``; on an upgrade, mark its added and changed lessons."""
    install_pack(db, pack=pack, builtin=builtin)
    if changes.old_version is None:
        db.execute("DELETE FROM lesson_updates WHERE pack_id = ?", [pack.id])
        return
    if not changes.has_changes and changes.same_version:
        return  # the same pack again: keep the marks of the last real upgrade
    db.execute("DELETE FROM lesson_updates WHERE pack_id = ?", [pack.id])
    stamp = now()
    db["lesson_updates"].insert_all(
        {"pack_id": pack.id, "lesson_id": change.lesson_id, "change": kind,
         "from_version": changes.old_version, "to_version": pack.version,
         "updated_at": stamp}
        for kind, items in (("added", changes.added), ("changed", changes.changed))
        for change in items)


@dataclass(frozen=True)
class LessonUpdate:
    change: str  # "added" or "changed"
    from_version: str
    to_version: str


def lesson_updates(db: Database, *, pack_id: str) -> dict[str, LessonUpdate]:
    """Lesson id -> how the last upgrade of ``pack_id`` touched it."""
    return {r["lesson_id"]: LessonUpdate(r["change"], r["from_version"], r["to_version"])
            for r in db.query("SELECT lesson_id, change, from_version, to_version"
                              " FROM lesson_updates WHERE pack_id = ?", [pack_id])}


def installed_pack_info(db: Database, *, pack_id: str) -> tuple[str, str, bool] | None:
    """(version, path, builtin) of the installed pack, or ``None``."""
    rows = list(db.query("SELECT version, path, builtin FROM packs WHERE id = ?", [pack_id]))
    if not rows:
        return None
    return str(rows[0]["version"]), str(rows[0]["path"]), bool(rows[0]["builtin"])


@dataclass(frozen=True)
class InstalledPack:
    pack_id: str
    version: str
    titles: dict[str, str]
    default_language: str
    builtin: bool
    path: str
    lessons: int


def list_installed(db: Database) -> list[InstalledPack]:
    """Every installed pack, built-in ones first, with its number of lessons."""
    return [InstalledPack(r["id"], r["version"], json.loads(r["titles"]),
                          r["default_language"], bool(r["builtin"]), r["path"], r["lessons"])
            for r in db.query(
                "SELECT p.id, p.version, p.titles, p.default_language, p.builtin, p.path,"
                " (SELECT count(*) FROM lessons l WHERE l.pack_id = p.id) AS lessons"
                " FROM packs p ORDER BY p.builtin DESC, p.id")]

"""Certificates: awarded when a module (or a whole pack) is complete, kept as issued.

A certificate row remembers the day, the pack version and the hours at the time it was earned,
so a later upgrade of the pack does not change a certificate already printed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from navigator.storage.repository import now

COURSE = ""  # the module id of a certificate for the whole pack


@dataclass(frozen=True)
class Certificate:
    id: int
    learner_name: str
    pack_id: str
    module_id: str
    pack_version: str
    pack_titles: dict[str, str]
    default_language: str
    modules: list[dict[str, str]]  # the titles of the modules it covers, in course order
    minutes: int
    issued_at: datetime

    @property
    def is_course(self) -> bool:
        return self.module_id == COURSE


def award_certificates(db: Database, *, learner_id: int, pack_id: str) -> list[Certificate]:
    """Award the certificates this learner has earned in this pack and not yet received;
    return the new ones. A module is complete when every lesson in it (its assessment
    included) is complete; the pack when every module is."""
    modules = list(db.query(
        "SELECT m.id, COUNT(l.id) AS total, COALESCE(SUM(p.status = 'completed'), 0) AS done,"
        " COALESCE(SUM(l.minutes), 0) AS minutes FROM modules m"
        " JOIN lessons l ON l.pack_id = m.pack_id AND l.module_id = m.id"
        " LEFT JOIN progress p ON p.learner_id = ? AND p.pack_id = l.pack_id"
        " AND p.lesson_id = l.id WHERE m.pack_id = ? GROUP BY m.id ORDER BY m.position",
        [learner_id, pack_id]))
    versions = list(db.query("SELECT version FROM packs WHERE id = ?", [pack_id]))
    if not modules or not versions:
        return []
    version = versions[0]["version"]
    complete = [m for m in modules if m["done"] == m["total"]]
    earned = [(m["id"], m["minutes"]) for m in complete]
    if len(complete) == len(modules):
        earned.append((COURSE, sum(m["minutes"] for m in modules)))
    new_ids = []
    stamp = now()
    for module_id, minutes in earned:
        cursor = db.execute(
            "INSERT OR IGNORE INTO certificates (learner_id, pack_id, module_id, pack_version,"
            " minutes, issued_at) VALUES (?,?,?,?,?,?)",
            [learner_id, pack_id, module_id, version, minutes, stamp])
        if cursor.rowcount:
            new_ids.append(int(cursor.lastrowid or 0))
    return [c for c in list_certificates(db, learner_id=learner_id) if c.id in new_ids]


def award_all(db: Database, *, learner_id: int) -> list[Certificate]:
    """Award what is due in every installed pack (for progress made before certificates)."""
    found: list[Certificate] = []
    for row in db.query("SELECT id FROM packs ORDER BY id"):
        found += award_certificates(db, learner_id=learner_id, pack_id=row["id"])
    return found


def list_certificates(db: Database, *, learner_id: int) -> list[Certificate]:
    """This learner's certificates, newest first."""
    module_titles: dict[tuple[str, str], dict[str, str]] = {}
    pack_modules: dict[str, list[dict[str, str]]] = {}
    for r in db.query("SELECT pack_id, id, titles FROM modules ORDER BY pack_id, position"):
        titles = json.loads(r["titles"])
        module_titles[(r["pack_id"], r["id"])] = titles
        pack_modules.setdefault(r["pack_id"], []).append(titles)
    result = []
    for r in db.query(
            "SELECT c.id, c.pack_id, c.module_id, c.pack_version, c.minutes, c.issued_at,"
            " l.name, p.titles, p.default_language FROM certificates c"
            " JOIN learners l ON l.id = c.learner_id"
            " LEFT JOIN packs p ON p.id = c.pack_id"
            " WHERE c.learner_id = ? ORDER BY c.issued_at DESC, c.id DESC", [learner_id]):
        pack_id, module_id = r["pack_id"], r["module_id"]
        if module_id == COURSE:
            covered = pack_modules.get(pack_id, [])
        else:
            covered = [module_titles.get((pack_id, module_id), {"en": module_id})]
        result.append(Certificate(
            r["id"], r["name"], pack_id, module_id, r["pack_version"],
            json.loads(r["titles"]) if r["titles"] else {"en": pack_id},
            r["default_language"] or "en", covered, r["minutes"],
            datetime.fromisoformat(r["issued_at"])))
    return result


def get_certificate(db: Database, *, learner_id: int, certificate_id: int) -> Certificate | None:
    return next((c for c in list_certificates(db, learner_id=learner_id)
                 if c.id == certificate_id), None)

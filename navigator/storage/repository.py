"""Reading and writing learners, packs, progress and answers.

Every function takes the database first and keyword-only arguments after it. Writers are run
on the storage lane (``lane.submit(record_answer, ...)``); readers may run anywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

from navigator.core.model import Pack
from navigator.storage.search import index_pack


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


# --- learners and app state -------------------------------------------------------------

@dataclass(frozen=True)
class Learner:
    id: int
    name: str
    language: str


def set_learner_language(db: Database, *, learner_id: int, language: str) -> None:
    """Remember the language a learner chose for the interface and lessons."""
    db.execute("UPDATE learners SET language = ? WHERE id = ?", [language, learner_id])


def create_learner(db: Database, *, name: str, language: str) -> Learner:
    cursor = db.execute("INSERT INTO learners (name, language, created_at) VALUES (?, ?, ?)",
                        [name.strip(), language, now()])
    learner_id = int(cursor.lastrowid or 0)
    set_state(db, key="current_learner", value=str(learner_id))
    return Learner(learner_id, name.strip(), language)


def list_learners(db: Database) -> list[Learner]:
    return [Learner(r["id"], r["name"], r["language"])
            for r in db.query("SELECT id, name, language FROM learners WHERE kind = 'staff' "
                              "ORDER BY name")]


def get_learner(db: Database, *, learner_id: int) -> Learner | None:
    rows = list(db.query("SELECT id, name, language FROM learners WHERE id = ? "
                         "AND kind = 'staff'", [learner_id]))
    return Learner(rows[0]["id"], rows[0]["name"], rows[0]["language"]) if rows else None


def get_state(db: Database, *, key: str) -> str | None:
    rows = list(db.query("SELECT value FROM app_state WHERE key = ?", [key]))
    return str(rows[0]["value"]) if rows else None


def set_state(db: Database, *, key: str, value: str) -> None:
    db.execute("INSERT INTO app_state (key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])


def current_learner(db: Database) -> Learner | None:
    """The learner who used the app last, or the only one."""
    value = get_state(db, key="current_learner")
    if value and value.isdigit() and (learner := get_learner(db, learner_id=int(value))):
        return learner
    learners = list_learners(db)
    return learners[0] if len(learners) == 1 else None


# --- packs --------------------------------------------------------------------------------

def installed_versions(db: Database) -> dict[str, tuple[str, str, bool]]:
    """Pack id -> (version, path, built in) of every installed pack."""
    return {r["id"]: (r["version"], r["path"], bool(r["builtin"]))
            for r in db.query("SELECT id, version, path, builtin FROM packs")}


CATALOGUE_FORMAT = "2"
"""What :func:`install_pack` writes. Raise it when it writes something new (2: module
assessments and the search index); installed packs are then re-installed once."""


def install_pack(db: Database, *, pack: Pack, builtin: bool) -> None:
    """Record ``pack`` in the catalogue; learners' progress on its lessons is kept."""
    db.execute("DELETE FROM lessons WHERE pack_id = ?", [pack.id])
    db.execute("DELETE FROM modules WHERE pack_id = ?", [pack.id])
    db.execute(
        "INSERT INTO packs (id, version, format_version, default_language, audience, titles,"
        " mastery, path, builtin, installed_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT(id) DO UPDATE SET version=excluded.version,"
        " format_version=excluded.format_version, default_language=excluded.default_language,"
        " audience=excluded.audience, titles=excluded.titles, mastery=excluded.mastery,"
        " path=excluded.path, builtin=excluded.builtin, installed_at=excluded.installed_at",
        [pack.id, pack.version, pack.format_version, pack.default_language,
         pack.audience.value, json.dumps(pack.titles, ensure_ascii=False), pack.mastery,
         str(pack.root), int(builtin), now()])
    db["modules"].insert_all(
        ({"pack_id": pack.id, "id": m.id, "position": i,
          "titles": json.dumps(m.titles, ensure_ascii=False), "assessment": m.assessment}
         for i, m in enumerate(pack.modules)))
    rows = []
    for position, lesson in enumerate(pack.ordered_lessons()):
        rows.append({
            "pack_id": pack.id, "id": lesson.id, "module_id": lesson.module_id,
            "position": position, "minutes": lesson.minutes, "audience": lesson.audience.value,
            "titles": json.dumps({lang: t.title for lang, t in lesson.texts.items()},
                                 ensure_ascii=False),
            "languages": json.dumps(lesson.languages),
            "steps": len(lesson.default.steps), "questions": lesson.check_questions,
        })
    db["lessons"].insert_all(rows)
    index_pack(db, pack)


def pack_path(db: Database, *, pack_id: str) -> str | None:
    rows = list(db.query("SELECT path FROM packs WHERE id = ?", [pack_id]))
    return str(rows[0]["path"]) if rows else None


# --- the catalogue with progress ------------------------------------------------------------

@dataclass(frozen=True)
class LessonRow:
    pack_id: str
    module_id: str
    lesson_id: str
    titles: dict[str, str]
    minutes: int
    steps: int
    status: str  # "new", "started", "completed"
    step_index: int
    best_score: float | None
    attempts: int = 0  # attempts started (0 when the lesson was never opened)
    seconds: int = 0  # time spent in the lesson
    update: str | None = None  # "added" or "changed" by the pack's last upgrade


@dataclass(frozen=True)
class ModuleRow:
    pack_id: str
    module_id: str
    titles: dict[str, str]
    lessons: list[LessonRow]
    assessment: str | None = None

    @property
    def completed(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.status == "completed")

    @property
    def is_complete(self) -> bool:
        """Every lesson, the assessment included, is complete."""
        return bool(self.lessons) and self.completed == len(self.lessons)


@dataclass(frozen=True)
class PackRow:
    pack_id: str
    version: str
    titles: dict[str, str]
    default_language: str
    modules: list[ModuleRow]


def catalogue(db: Database, *, learner_id: int) -> list[PackRow]:
    """Packs -> modules -> lessons, in order, with this learner's progress."""
    lessons: dict[tuple[str, str], list[LessonRow]] = {}
    for r in db.query(
            "SELECT l.pack_id, l.module_id, l.id, l.titles, l.minutes, l.steps,"
            " p.status, p.step_index, p.best_score, p.attempt, p.seconds_spent, u.change"
            " FROM lessons l"
            " LEFT JOIN progress p ON p.pack_id = l.pack_id AND p.lesson_id = l.id"
            " AND p.learner_id = ?"
            " LEFT JOIN lesson_updates u ON u.pack_id = l.pack_id AND u.lesson_id = l.id"
            " ORDER BY l.pack_id, l.position", [learner_id]):
        lessons.setdefault((r["pack_id"], r["module_id"]), []).append(LessonRow(
            r["pack_id"], r["module_id"], r["id"], json.loads(r["titles"]), r["minutes"],
            r["steps"], r["status"] or "new", r["step_index"] or 0, r["best_score"],
            r["attempt"] or 0, r["seconds_spent"] or 0, r["change"]))
    modules: dict[str, list[ModuleRow]] = {}
    for r in db.query("SELECT pack_id, id, titles, assessment FROM modules"
                      " ORDER BY pack_id, position"):
        modules.setdefault(r["pack_id"], []).append(ModuleRow(
            r["pack_id"], r["id"], json.loads(r["titles"]),
            lessons.get((r["pack_id"], r["id"]), []), r["assessment"]))
    return [PackRow(r["id"], r["version"], json.loads(r["titles"]), r["default_language"],
                    modules.get(r["id"], []))
            for r in db.query("SELECT id, version, titles, default_language FROM packs"
                              " ORDER BY builtin DESC, audience = 'client', id")]


# --- progress and answers ---------------------------------------------------------------------

@dataclass(frozen=True)
class Progress:
    step_index: int
    step_id: str | None
    status: str
    attempt: int
    best_score: float | None
    last_score: float | None


def get_progress(db: Database, *, learner_id: int, pack_id: str,
                 lesson_id: str) -> Progress | None:
    rows = list(db.query(
        "SELECT step_index, step_id, status, attempt, best_score, last_score FROM progress"
        " WHERE learner_id = ? AND pack_id = ? AND lesson_id = ?",
        [learner_id, pack_id, lesson_id]))
    if not rows:
        return None
    r = rows[0]
    return Progress(r["step_index"], r["step_id"], r["status"], r["attempt"], r["best_score"],
                    r["last_score"])


def set_position(db: Database, *, learner_id: int, pack_id: str, lesson_id: str,
                 step_index: int, step_id: str, seconds: int = 0) -> None:
    """Remember the step the learner is on (creates the progress row on first visit)."""
    stamp = now()
    db.execute(
        "INSERT INTO progress (learner_id, pack_id, lesson_id, step_index, step_id,"
        " started_at, updated_at, seconds_spent) VALUES (?,?,?,?,?,?,?,?)"
        " ON CONFLICT(learner_id, pack_id, lesson_id) DO UPDATE SET"
        " step_index = excluded.step_index, step_id = excluded.step_id,"
        " updated_at = excluded.updated_at,"
        " seconds_spent = progress.seconds_spent + excluded.seconds_spent",
        [learner_id, pack_id, lesson_id, step_index, step_id, stamp, stamp, max(0, seconds)])
    if seconds > 0:  # time per day, for the dashboards
        db.execute(
            "INSERT INTO learning_time (learner_id, pack_id, lesson_id, day, seconds)"
            " VALUES (?,?,?,?,?) ON CONFLICT(learner_id, pack_id, lesson_id, day) DO UPDATE"
            " SET seconds = learning_time.seconds + excluded.seconds",
            [learner_id, pack_id, lesson_id, stamp[:10], seconds])


def lesson_seconds(db: Database, *, learner_id: int, pack_id: str, lesson_id: str) -> int:
    """Time spent in one lesson, all attempts."""
    rows = db.execute("SELECT seconds_spent FROM progress WHERE learner_id = ? AND pack_id = ?"
                      " AND lesson_id = ?", [learner_id, pack_id, lesson_id]).fetchall()
    return int(rows[0][0]) if rows else 0


def record_answer(db: Database, *, learner_id: int, pack_id: str, lesson_id: str,
                  step_id: str, attempt: int, chosen: list[int], score: float,
                  correct: bool, graded: bool) -> int:
    """Save one answer with its time; returns its row id."""
    cursor = db.execute(
        "INSERT INTO answers (learner_id, pack_id, lesson_id, step_id, attempt, chosen,"
        " score, correct, graded, answered_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [learner_id, pack_id, lesson_id, step_id, attempt, json.dumps(list(chosen)), score,
         int(correct), int(graded), now()])
    return int(cursor.lastrowid or 0)


def attempt_answers(db: Database, *, learner_id: int, pack_id: str, lesson_id: str,
                    attempt: int) -> dict[str, dict[str, Any]]:
    """Step id -> the latest answer of this attempt (``chosen``, ``score``, ``correct``)."""
    result: dict[str, dict[str, Any]] = {}
    for r in db.query(
            "SELECT step_id, chosen, score, correct FROM answers WHERE learner_id = ?"
            " AND pack_id = ? AND lesson_id = ? AND attempt = ? ORDER BY id",
            [learner_id, pack_id, lesson_id, attempt]):
        result[r["step_id"]] = {"chosen": json.loads(r["chosen"]), "score": r["score"],
                                "correct": bool(r["correct"])}
    return result


def finish_attempt(db: Database, *, learner_id: int, pack_id: str, lesson_id: str,
                   score: float | None, passed: bool) -> None:
    """Record the end of an attempt: its score, the best score, and completion."""
    stamp = now()
    db.execute(
        "UPDATE progress SET last_score = ?, best_score = CASE WHEN ? IS NULL THEN best_score"
        " WHEN best_score IS NULL OR ? > best_score THEN ? ELSE best_score END,"
        " status = CASE WHEN ? THEN 'completed' ELSE status END,"
        " completed_at = CASE WHEN ? AND completed_at IS NULL THEN ? ELSE completed_at END,"
        " updated_at = ? WHERE learner_id = ? AND pack_id = ? AND lesson_id = ?",
        [score, score, score, score, int(passed), int(passed), stamp, stamp, learner_id,
         pack_id, lesson_id])


def start_new_attempt(db: Database, *, learner_id: int, pack_id: str, lesson_id: str) -> int:
    """Begin the lesson again from its first step; returns the new attempt number."""
    db.execute("UPDATE progress SET attempt = attempt + 1, step_index = 0, step_id = NULL,"
               " updated_at = ? WHERE learner_id = ? AND pack_id = ? AND lesson_id = ?",
               [now(), learner_id, pack_id, lesson_id])
    progress = get_progress(db, learner_id=learner_id, pack_id=pack_id, lesson_id=lesson_id)
    return progress.attempt if progress else 1


def last_lesson(db: Database, *, learner_id: int) -> tuple[str, str] | None:
    """The (pack id, lesson id) this learner had open last, if it still exists."""
    rows = list(db.query(
        "SELECT p.pack_id, p.lesson_id FROM progress p JOIN lessons l ON l.pack_id = p.pack_id"
        " AND l.id = p.lesson_id WHERE p.learner_id = ? ORDER BY p.updated_at DESC, p.rowid"
        " DESC LIMIT 1", [learner_id]))
    return (rows[0]["pack_id"], rows[0]["lesson_id"]) if rows else None


def seconds_learned(db: Database, *, learner_id: int) -> int:
    """Total time spent in lessons (time on one step is capped when it is saved)."""
    rows = list(db.query("SELECT COALESCE(SUM(seconds_spent), 0) AS s FROM progress"
                         " WHERE learner_id = ?", [learner_id]))
    return int(rows[0]["s"])

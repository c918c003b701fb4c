"""Made-up but realistic records for demos, walkthroughs, screenshots and benchmarks.

``navigator sample-data --learners N --clients M --days D`` fills the data folder with staff
who learn at their own pace (some finish the course, some get stuck), their answers, reviews
and certificates, clients with intakes that improve over time, coaching sessions by phone,
video and in person, and the xAPI statements of all of it, recorded by the same code as real
events. Everything is drawn from a seeded random generator, so the same command gives the
same data. A data folder that holds real records is refused unless ``force``.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlite_utils import Database

from navigator.core.intake import CHANNELS, COMPUTER_ACCESS, DATA_PLAN, HOME_INTERNET
from navigator.core.intake import PHONE_ACCESS as PHONES
from navigator.core.model import Audience, Lesson, Pack
from navigator.core.scoring import lesson_score, passed
from navigator.i18n import _
from navigator.library import PackLibrary
from navigator.storage import staff
from navigator.storage.lane import StorageLane
from navigator.xapi import record

SAMPLE_KEY = "sample_data"  # in app_state: this folder's records are made up
ADMIN_NAME = "Sample administrator"
ADMIN_PIN = "2580"
STAFF_PACK, CLIENT_PACK = "staff-course", "client-lessons"
FIRST = ("Amal", "Ana", "Bilal", "Chen", "Daniela", "Dawit", "Elena", "Fatima", "Gabriel",
         "Hana", "Ibrahim", "Inés", "Jamal", "Julie", "Kiran", "Leila", "Luis", "Marie",
         "Mehdi", "Nadia", "Olga", "Omar", "Priya", "Rania", "Samuel", "Sofia", "Tariq",
         "Thu", "Yasmin", "Zoran")
LAST = ("A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "K.", "L.", "M.", "N.", "O.", "P.",
        "R.", "S.", "T.", "V.", "W.", "Z.")
NICKS = ("Blue heron", "Green leaf", "Red kite", "Sun", "River", "Cedar", "Maple", "Star",
         "Olive", "Falcon", "Pearl", "Harbour")
CLIENT_LANGUAGES = ("ar", "fr", "es", "en", "fa", "uk", "ti", "so", "ps", "sw")


class SampleRefused(Exception):
    """The data folder holds real records; ``message`` says so for the user."""

    @property
    def message(self) -> str:
        return _("This data folder already holds real records, so no sample data was added. "
                 "Use an empty data folder (--data-dir), or add --force if you are sure.")


@dataclass(frozen=True)
class SampleSize:
    learners: int = 25
    clients: int = 60
    days: int = 365
    seed: int = 1
    statements: bool = True


@dataclass
class SampleSummary:
    learners: int = 0
    clients: int = 0
    sessions: int = 0
    intakes: int = 0
    answers: int = 0
    statements: int = 0


def holds_real_records(db: Database) -> bool:
    """True when someone has already used this data folder (sample data aside)."""
    sample = db.execute("SELECT value FROM app_state WHERE key = ?", [SAMPLE_KEY]).fetchall()
    people = db.execute("SELECT count(*) FROM learners").fetchone()[0]
    return bool(people) and not sample


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")


class _Maker:
    """One generator run: a random source, the packs, and the moment called "now"."""

    def __init__(self, size: SampleSize, staff_pack: Pack, client_pack: Pack | None,
                 now: datetime):
        self.size, self.now = size, now
        self.rng = random.Random(size.seed)
        self.staff_pack, self.client_pack = staff_pack, client_pack
        self.staff_lessons = [staff_pack.lessons[i] for m in staff_pack.modules
                              for i in m.lesson_ids if i in staff_pack.lessons]
        self.summary = SampleSummary()

    def when(self, days_ago: float) -> datetime:
        moment = self.now - timedelta(days=days_ago)
        return moment.replace(hour=self.rng.randint(8, 17), minute=self.rng.randint(0, 59))

    # --- one lesson attempt --------------------------------------------------------------

    def take_lesson(self, db: Database, learner: int, pack: Pack, lesson: Lesson,
                    language: str, start: datetime, skill: float, *, stop_early: bool) -> bool:
        """Answer a lesson from ``start``; returns True when it was passed."""
        text = lesson.text_for(language)
        main = list(text.main_steps)
        reach = self.rng.randint(1, max(1, len(main) - 1)) if stop_early else len(main)
        seconds = int(lesson.minutes * 60 * self.rng.uniform(0.6, 1.6) * reach / len(main))
        moment, scores = start, {}
        keys = {"learner_id": learner, "pack": pack, "lesson": lesson,
                "language": text.language, "attempt": 1}
        if self.size.statements:
            record.lesson_launched(db, when=moment, **keys)
        for index in main[:reach]:
            step = text.steps[index]
            moment += timedelta(seconds=seconds / max(reach, 1))
            if self.size.statements:
                record.step_experienced(db, step=step, when=moment, **keys)
            if step.question is None:
                continue
            right = self.rng.random() < skill
            chosen = sorted(step.question.correct_indexes) if right else [
                i for i in range(len(step.question.options))
                if i not in step.question.correct_indexes][:1] or [0]
            if step.question.type.picks_one:
                chosen = chosen[:1]
            score = 1.0 if right else 0.0
            scores[step.id] = score
            db.execute("INSERT INTO answers (learner_id, pack_id, lesson_id, step_id, attempt,"
                       " chosen, score, correct, graded, answered_at) VALUES (?,?,?,?,1,?,?,?,?,?)",
                       [learner, pack.id, lesson.id, step.id, json.dumps(chosen), score,
                        int(right), int(step.is_graded), _stamp(moment)])
            self.summary.answers += 1
            if self.size.statements:
                record.question_answered(db, step=step, chosen=chosen, score=score,
                                         correct=right, when=moment, **keys)
            if step.is_graded and pack.audience is not Audience.CLIENT:
                self.review(db, learner, pack.id, lesson.id, step.id, moment)
        graded = [s.id for s in text.steps if s.is_graded]
        score = lesson_score(scores, graded)
        done = reach == len(main) and passed(score, pack.mastery)
        last = main[reach - 1]
        db.execute(
            "INSERT INTO progress (learner_id, pack_id, lesson_id, step_index, step_id, status,"
            " attempt, best_score, last_score, started_at, updated_at, completed_at,"
            " seconds_spent) VALUES (?,?,?,?,?,?,1,?,?,?,?,?,?)",
            [learner, pack.id, lesson.id, last, text.steps[last].id,
             "completed" if done else "started", score if reach == len(main) else None,
             score if reach == len(main) else None, _stamp(start), _stamp(moment),
             _stamp(moment) if done else None, seconds])
        db.execute("INSERT INTO learning_time (learner_id, pack_id, lesson_id, day, seconds)"
                   " VALUES (?,?,?,?,?)", [learner, pack.id, lesson.id,
                                           _stamp(start)[:10], seconds])
        if reach == len(main) and self.size.statements:
            record.lesson_finished(db, score=score, passed=done, seconds=seconds, when=moment,
                                   **keys)
        return done

    def review(self, db: Database, learner: int, pack_id: str, lesson_id: str, step_id: str,
               answered: datetime) -> None:
        """A spaced review of a check question: mostly on time, sometimes late or waiting."""
        due = answered + timedelta(days=1)
        lateness = self.rng.choices((0, 1, 3, 12), weights=(6, 2, 1, 1))[0]
        reviewed = due + timedelta(days=lateness, hours=self.rng.randint(0, 6))
        if reviewed < self.now:
            db.execute("INSERT INTO review_log (learner_id, pack_id, lesson_id, step_id, due,"
                       " reviewed_at, score) VALUES (?,?,?,?,?,?,?)",
                       [learner, pack_id, lesson_id, step_id, _stamp(due), _stamp(reviewed),
                        1.0 if self.rng.random() < 0.8 else 0.0])
            due = reviewed + timedelta(days=6)
        db.execute("INSERT OR REPLACE INTO review_cards (learner_id, pack_id, lesson_id,"
                   " step_id, repetitions, interval_days, ease, lapses, due, updated_at)"
                   " VALUES (?,?,?,?,1,6,2.5,0,?,?)",
                   [learner, pack_id, lesson_id, step_id, _stamp(due), _stamp(answered)])

    # --- staff ---------------------------------------------------------------------------

    def staff_member(self, db: Database, number: int, role: str) -> None:
        name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)} {number:04d}"
        language = self.rng.choice(("en", "en", "fr", "es", "ar"))
        joined = self.rng.uniform(7, max(8, self.size.days))
        learner = int(db.execute(
            "INSERT INTO learners (name, language, created_at, kind, role)"
            " VALUES (?, ?, ?, 'staff', ?)",
            [name, language, _stamp(self.when(joined)), role]).lastrowid or 0)
        self.summary.learners += 1
        pace = self.rng.uniform(1.0, 10.0)  # days between lessons
        skill = self.rng.uniform(0.65, 0.97)
        quits = self.rng.uniform(0.0, 0.08)
        day = joined
        for lesson in self.staff_lessons:
            if day < 0:
                break
            stop = self.rng.random() < quits
            done = self.take_lesson(db, learner, self.staff_pack, lesson, language,
                                    self.when(day), skill, stop_early=stop)
            if stop:
                break
            if not done:  # failed the check: tried again a few days later, and passed
                day -= self.rng.uniform(1, 5)
                if day < 0:
                    break
                self.retake(db, learner, lesson, self.when(day))
            day -= self.rng.expovariate(1 / pace)
        self.certificates(db, learner)

    def retake(self, db: Database, learner: int, lesson: Lesson, moment: datetime) -> None:
        """A second attempt that passes (answers of the first attempt are kept)."""
        pack = self.staff_pack
        seconds = lesson.minutes * 60
        db.execute("UPDATE progress SET attempt = 2, status = 'completed', best_score = 100,"
                   " last_score = 100, updated_at = ?, completed_at = ?, seconds_spent ="
                   " seconds_spent + ? WHERE learner_id = ? AND pack_id = ? AND lesson_id = ?",
                   [_stamp(moment), _stamp(moment), seconds, learner, pack.id, lesson.id])
        db.execute("INSERT OR IGNORE INTO learning_time (learner_id, pack_id, lesson_id, day,"
                   " seconds) VALUES (?,?,?,?,?)",
                   [learner, pack.id, lesson.id, _stamp(moment)[:10], seconds])
        if self.size.statements:
            record.lesson_finished(db, learner_id=learner, pack=pack, lesson=lesson,
                                   language="en", attempt=2, score=100.0, passed=True,
                                   seconds=seconds, when=moment)

    def certificates(self, db: Database, learner: int) -> None:
        pack = self.staff_pack
        done = dict(db.execute(
            "SELECT lesson_id, completed_at FROM progress WHERE learner_id = ? AND pack_id = ?"
            " AND completed_at IS NOT NULL", [learner, pack.id]).fetchall())
        for module in pack.modules:
            if module.lesson_ids and all(i in done for i in module.lesson_ids):
                minutes = sum(pack.lessons[i].minutes for i in module.lesson_ids)
                issued = max(done[i] for i in module.lesson_ids)
                db.execute("INSERT OR IGNORE INTO certificates (learner_id, pack_id, module_id,"
                           " pack_version, minutes, issued_at) VALUES (?,?,?,?,?,?)",
                           [learner, pack.id, module.id, pack.version, minutes, issued])
                if self.size.statements:
                    record.module_completed(db, learner_id=learner, pack=pack,
                                            module_id=module.id, language="en",
                                            when=datetime.fromisoformat(issued))

    # --- clients -------------------------------------------------------------------------

    def client(self, db: Database, number: int, navigators: list[int], skills: list[str]
               ) -> None:
        navigator = self.rng.choice(navigators)
        languages = [self.rng.choice(CLIENT_LANGUAGES)]
        first_seen = self.rng.uniform(14, max(15, self.size.days))
        client = int(db.execute(
            "INSERT INTO learners (name, language, created_at, kind, role)"
            " VALUES (?, ?, ?, 'client', 'learner')",
            [f"{self.rng.choice(NICKS)} {number:03d}", languages[0],
             _stamp(self.when(first_seen))]).lastrowid or 0)
        db.execute("INSERT INTO clients (learner_id, languages, arrival_year, created_by)"
                   " VALUES (?, ?, ?, ?)", [client, json.dumps(languages),
                                            self.rng.randint(2015, self.now.year), navigator])
        self.summary.clients += 1
        levels = {s: self.rng.choices((0, 1, 2), weights=(5, 3, 2))[0] for s in skills}
        day = first_seen
        for visit in range(self.rng.randint(1, 8)):
            if day < 0:
                break
            start = self.when(day)
            if visit % 3 == 0:  # an intake at the first visit, then now and then
                self.intake(db, client, navigator, start, levels)
                levels = {s: min(2, v + (self.rng.random() < 0.35)) for s, v in levels.items()}
            self.session(db, client, navigator, start)
            day -= self.rng.uniform(5, 45)

    def intake(self, db: Database, client: int, navigator: int, when: datetime,
               levels: dict[str, int]) -> None:
        names = ("not-yet", "with-help", "can")
        intake = int(db.execute(
            "INSERT INTO intakes (client_id, navigator_id, taken_at, guide, phone_access,"
            " data_plan, home_internet, computer_access, channels) VALUES (?,?,?,?,?,?,?,?,?)",
            [client, navigator, _stamp(when), "intake", self.rng.choice(PHONES),
             self.rng.choice(DATA_PLAN), self.rng.choice(HOME_INTERNET),
             self.rng.choice(COMPUTER_ACCESS),
             json.dumps(self.rng.sample(CHANNELS[:-1], 2))]).lastrowid or 0)
        db.conn.executemany("INSERT INTO intake_answers (intake_id, skill_id, level)"
                            " VALUES (?, ?, ?)",
                            [(intake, s, names[v]) for s, v in levels.items()])
        self.summary.intakes += 1

    def session(self, db: Database, client: int, navigator: int, start: datetime) -> None:
        mode = self.rng.choices(("in-person", "phone", "video"), weights=(6, 3, 1))[0]
        end = start + timedelta(minutes=self.rng.choice((20, 30, 45, 60, 90)))
        if end > self.now:
            return
        session = int(db.execute(
            "INSERT INTO coaching_sessions (client_id, navigator_id, started_at, ended_at,"
            " mode, topics) VALUES (?,?,?,?,?,?)",
            [client, navigator, _stamp(start), _stamp(end), mode, ""]).lastrowid or 0)
        pack = self.client_pack
        if pack is not None and pack.lessons:
            for lesson_id in self.rng.sample(sorted(pack.lessons),
                                             min(len(pack.lessons), self.rng.randint(0, 2))):
                db.execute("INSERT INTO session_lessons (session_id, pack_id, lesson_id)"
                           " VALUES (?,?,?)", [session, pack.id, lesson_id])
                lesson = pack.lessons[lesson_id]
                db.execute("DELETE FROM progress WHERE learner_id = ? AND pack_id = ? AND"
                           " lesson_id = ?", [client, pack.id, lesson_id])
                db.execute("DELETE FROM learning_time WHERE learner_id = ? AND pack_id = ?"
                           " AND lesson_id = ?", [client, pack.id, lesson_id])
                self.take_lesson(db, client, pack, lesson, lesson.default_language, start,
                                 0.8, stop_early=False)
        self.summary.sessions += 1
        if self.size.statements:
            record.coaching_session_held(db, session_id=session)


def generate(lane: StorageLane, library: PackLibrary, size: SampleSize, *,
             skills: list[str], force: bool = False, now: datetime | None = None,
             progress: Callable[[int, int], None] | None = None,
             cancel: threading.Event | None = None,
             staff_pack_id: str = STAFF_PACK) -> SampleSummary:
    """Add sample records; raises :class:`SampleRefused` on a folder with real records."""
    if not force and lane.call(holds_real_records):
        raise SampleRefused()
    moment = now or datetime.now(timezone.utc)
    staff_pack = library.get(staff_pack_id)
    try:
        client_pack: Pack | None = library.get(CLIENT_PACK)
    except KeyError:
        client_pack = None
    maker = _Maker(size, staff_pack, client_pack, moment)

    def begin(db: Database) -> None:
        db.execute("INSERT OR REPLACE INTO app_state (key, value) VALUES (?, '1')", [SAMPLE_KEY])
        if not staff.has_administrator(db):
            staff.create_staff(db, name=ADMIN_NAME, language="en", role=staff.ADMIN,
                               pin=ADMIN_PIN)

    lane.call(begin)
    offset = lane.call(lambda db: db.execute("SELECT count(*) FROM learners").fetchone()[0])
    total = size.learners + size.clients
    roles = [staff.NAVIGATOR if i % 3 == 0 else staff.TRAINER if i % 17 == 1 else staff.LEARNER
             for i in range(size.learners)]
    chunk = 50
    for first in range(0, size.learners, chunk):
        if cancel is not None and cancel.is_set():
            break
        numbers = range(first, min(size.learners, first + chunk))
        lane.call(lambda db, n=numbers: [maker.staff_member(db, offset + i, roles[i])
                                         for i in n])
        if progress:
            progress(numbers[-1] + 1, total)
    navigators = lane.call(lambda db: [r[0] for r in db.execute(
        "SELECT id FROM learners WHERE kind = 'staff' AND role IN ('navigator', 'admin')")])
    for first in range(0, size.clients, chunk):
        if cancel is not None and cancel.is_set():
            break
        numbers = range(first, min(size.clients, first + chunk))
        lane.call(lambda db, n=numbers: [maker.client(db, offset + i, navigators, skills)
                                         for i in n])
        if progress:
            progress(size.learners + numbers[-1] + 1, total)
    maker.summary.statements = lane.call(
        lambda db: db.execute("SELECT count(*) FROM xapi_statements").fetchone()[0])
    return maker.summary


def run_with_defaults(lane: StorageLane, library: PackLibrary, **options: Any) -> SampleSummary:
    """:func:`generate` with the built-in intake guide's skills."""
    from navigator import paths
    from navigator.content.intake import load_intake_guide

    guide = load_intake_guide(paths.intake_guide_path())
    return generate(lane, library, skills=[s.id for s in guide.skills], **options)

"""The tables behind the dashboards, computed in SQL on the storage lane.

Each table function takes the lane's ``db`` and a :class:`Filter` (a date range, the viewer's
scope, the language for titles) and returns a :class:`Table`: translated-later column
headers and rows of plain values. The charts, the on-screen tables and the CSV files are all
drawn from these, so they always agree.

Privacy: intake figures are only given for groups of at least :data:`MIN_GROUP` clients; a
smaller group's numbers are ``None`` ("not shown"), so no client can be singled out. Clients
never appear by nickname; staff appear by name only in the administrator's and trainer's
tables about staff learning.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlite_utils import Database

from navigator.core.model import localized
from navigator.i18n import N_

MIN_GROUP = 5  # intake groups smaller than this are not shown
STUCK_DAYS = 14  # a started lesson untouched this long counts as "stuck"
MODES = ("in-person", "phone", "video")
# Staff only: a set the query planner builds once (faster than a join row by row).
STAFF = "IN (SELECT id FROM learners WHERE kind = 'staff')"
LEVELS = ("can", "with-help", "not-yet")


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # an untranslated message id: translate with ``_()`` when shown
    kind: str = "text"  # text, count, number, percent, hours, date, month


@dataclass
class Table:
    name: str
    columns: list[Column]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def column(self, key: str) -> list[Any]:
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class Filter:
    """Dates are inclusive, in UTC days. ``navigator_id`` narrows coaching and intake tables
    to one navigator's sessions and clients (a navigator's own view); ``None`` is the whole
    agency (administrators)."""

    start: date
    end: date
    navigator_id: int | None = None
    language: str = "en"
    today: date | None = None

    @property
    def since(self) -> str:
        return self.start.isoformat()

    @property
    def until(self) -> str:
        """The first moment after the range (timestamps are compared as text)."""
        return (self.end + timedelta(days=1)).isoformat()

    @property
    def now(self) -> date:
        return self.today or datetime.now(timezone.utc).date()


def months(start: date, end: date) -> list[str]:
    """Every month from ``start`` to ``end`` as ``YYYY-MM`` (empty months are rows too)."""
    found, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _title(titles: str, language: str) -> str:
    values = json.loads(titles) if titles else {}
    return localized(values, language, "en")


def _lesson_titles(db: Database, language: str, *, staff_only: bool = False
                   ) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(pack, lesson) → (pack title, module title, lesson title), in pack order;
    ``staff_only`` leaves out the lessons written for clients."""
    packs = {r["id"]: _title(r["titles"], language)
             for r in db.query("SELECT id, titles FROM packs")}
    modules = {(r["pack_id"], r["id"]): _title(r["titles"], language)
               for r in db.query("SELECT pack_id, id, titles FROM modules")}
    return {(r["pack_id"], r["id"]): (packs.get(r["pack_id"], r["pack_id"]),
                                      modules.get((r["pack_id"], r["module_id"]), ""),
                                      _title(r["titles"], language))
            for r in db.query("SELECT pack_id, id, module_id, titles FROM lessons"
                              + (" WHERE audience != 'client'" if staff_only else "")
                              + " ORDER BY pack_id, module_id, position")}


# --- staff learning ------------------------------------------------------------------------

def lesson_completion(db: Database, flt: Filter) -> Table:
    """Per lesson: staff who started it, finished it, are on it, and are stuck on it."""
    stuck_before = (flt.end - timedelta(days=STUCK_DAYS)).isoformat()
    rows = db.execute(
        "SELECT p.pack_id, p.lesson_id,"
        " count(*) AS started,"
        " sum(p.completed_at IS NOT NULL AND p.completed_at < :until) AS completed,"
        " sum(p.completed_at IS NULL OR p.completed_at >= :until) AS open,"
        " sum((p.completed_at IS NULL OR p.completed_at >= :until)"
        "     AND p.updated_at < :stuck) AS stuck,"
        " avg(p.best_score) AS score"
        # the report index, read in (pack, lesson) order: no sort, no table lookups
        f" FROM progress p INDEXED BY progress_report WHERE p.learner_id {STAFF}"
        " AND p.started_at < :until"
        " AND (p.updated_at >= :since OR p.completed_at IS NULL OR p.completed_at >= :since)"
        " GROUP BY p.pack_id, p.lesson_id",
        {"since": flt.since, "until": flt.until, "stuck": stuck_before}).fetchall()
    found = {(r[0], r[1]): r[2:] for r in rows}
    table = Table("lesson-completion", [
        Column("pack", N_("Lesson pack")), Column("module", N_("Module")),
        Column("lesson", N_("Lesson")), Column("started", N_("Started"), "count"),
        Column("completed", N_("Completed"), "count"),
        Column("open", N_("Not finished"), "count"),
        Column("stuck", N_("Stuck (no activity for 14 days)"), "count"),
        Column("score", N_("Average best score (%)"), "percent")])
    for key, (pack, module, lesson) in _lesson_titles(db, flt.language,
                                                      staff_only=True).items():
        started, completed, unfinished, stuck, score = found.get(key, (0, 0, 0, 0, None))
        table.rows.append((pack, module, lesson, started, completed, unfinished, stuck,
                           None if score is None else round(score, 1)))
    return table


def module_completion(db: Database, flt: Filter) -> Table:
    """Per module: staff who started one of its lessons, and who finished the module."""
    # Lessons in module order, each lesson's progress from the report index: the rows come
    # grouped by module, so nothing is sorted (``+`` keeps the planner off the learner key).
    started = dict(((r[0], r[1]), r[2]) for r in db.execute(
        "SELECT le.pack_id, le.module_id, count(DISTINCT p.learner_id)"
        " FROM lessons le INDEXED BY lessons_by_module"
        " JOIN progress p INDEXED BY progress_report"
        " ON p.pack_id = le.pack_id AND p.lesson_id = le.id"
        f" WHERE p.started_at < ? AND +p.learner_id {STAFF} GROUP BY le.pack_id, le.module_id",
        [flt.until]).fetchall())
    done = dict(((r[0], r[1]), r[2]) for r in db.execute(
        "SELECT c.pack_id, c.module_id, count(*) FROM certificates c"
        f" WHERE c.learner_id {STAFF} AND c.issued_at < ? AND c.module_id != ''"
        " GROUP BY c.pack_id, c.module_id",
        [flt.until]).fetchall())
    table = Table("module-completion", [
        Column("pack", N_("Lesson pack")), Column("module", N_("Module")),
        Column("started", N_("Started"), "count"),
        Column("completed", N_("Completed"), "count"),
        Column("rate", N_("Completed (%)"), "percent")])
    packs = {r["id"]: _title(r["titles"], flt.language)
             for r in db.query("SELECT id, titles FROM packs WHERE audience != 'client'")}
    for r in db.query("SELECT pack_id, id, titles FROM modules ORDER BY pack_id, position"):
        if r["pack_id"] not in packs:
            continue
        key = (r["pack_id"], r["id"])
        began, finished = started.get(key, 0), done.get(key, 0)
        table.rows.append((packs[r["pack_id"]], _title(r["titles"], flt.language), began,
                           finished, round(100 * finished / began, 1) if began else None))
    return table


def stuck_learners(db: Database, flt: Filter) -> Table:
    """Who is stuck where: staff with a lesson started, not finished, untouched for
    :data:`STUCK_DAYS` days at the end of the range."""
    stuck_before = (flt.end - timedelta(days=STUCK_DAYS)).isoformat()
    titles = _lesson_titles(db, flt.language)
    table = Table("stuck-learners", [
        Column("learner", N_("Staff member")), Column("module", N_("Module")),
        Column("lesson", N_("Lesson")), Column("step", N_("Step reached"), "count"),
        Column("last", N_("Last activity"), "date"),
        Column("days", N_("Days without activity"), "count")])
    for r in db.query(
            "SELECT l.name, p.pack_id, p.lesson_id, p.step_index, p.updated_at FROM progress p"
            " JOIN learners l ON l.id = p.learner_id AND l.kind = 'staff'"
            " WHERE (p.completed_at IS NULL OR p.completed_at >= :until)"
            " AND p.updated_at < :stuck AND p.updated_at >= :since"
            " ORDER BY p.updated_at, l.name",
            {"since": flt.since, "until": flt.until, "stuck": stuck_before}):
        _pack, module, lesson = titles.get((r["pack_id"], r["lesson_id"]),
                                           (r["pack_id"], "", r["lesson_id"]))
        last = date.fromisoformat(r["updated_at"][:10])
        table.rows.append((r["name"], module, lesson, r["step_index"] + 1, last.isoformat(),
                           (flt.end - last).days))
    return table


def time_per_month(db: Database, flt: Filter) -> Table:
    """Hours learned by staff each month, and how many staff learned.

    Whole months come from the monthly roll-up (migration 0012); a month the range only
    partly covers (its first and last) from the daily rows."""
    next_month = (flt.start.replace(day=28) + timedelta(days=4)).replace(day=1)
    whole_from = flt.start if flt.start.day == 1 else next_month
    whole_until = (flt.end + timedelta(days=1)).replace(day=1)
    parts = [(flt.since, flt.until)]
    found: dict[str, tuple[int, int]] = {}
    if whole_from < whole_until:
        parts = [(flt.since, whole_from.isoformat()), (whole_until.isoformat(), flt.until)]
        found.update((r[0], (r[1], r[2])) for r in db.execute(
            "SELECT month, sum(seconds), count(*) FROM report_learning_months"
            " WHERE month >= ? AND month < ? GROUP BY month",
            [whole_from.isoformat()[:7], whole_until.isoformat()[:7]]).fetchall())
    for since, until in parts:
        if since < until:
            found.update((r[0], (r[1], r[2])) for r in db.execute(
                "SELECT substr(t.day, 1, 7), sum(t.seconds), count(DISTINCT t.learner_id)"
                " FROM learning_time t INDEXED BY learning_time_by_day"
                f" WHERE t.learner_id {STAFF} AND t.day >= ? AND t.day < ? GROUP BY 1",
                [since, until]).fetchall())
    table = Table("time-per-month", [
        Column("month", N_("Month"), "month"), Column("hours", N_("Hours learned"), "hours"),
        Column("learners", N_("Staff who learned"), "count")])
    for month in months(flt.start, flt.end):
        seconds, learners = found.get(month, (0, 0))
        table.rows.append((month, round(seconds / 3600, 1), learners))
    return table


def review_adherence(db: Database, flt: Filter) -> Table:
    """Spaced review each month: reviews done on time (by the day after they were due),
    done late, and still waiting; the share done on time."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    # daily roll-ups of staff reviews and cards by the day due (migration 0012)
    for month, on_time, late in db.execute(
            "SELECT substr(day, 1, 7), sum(on_time), sum(late) FROM report_review_days"
            " WHERE day >= ? AND day < ? GROUP BY 1", [flt.since, flt.until]).fetchall():
        counts[month]["on_time"] += on_time
        counts[month]["late"] += late
    horizon = min(flt.until, (flt.now - timedelta(days=1)).isoformat())
    for month, n in db.execute(
            "SELECT substr(day, 1, 7), sum(cards) FROM report_card_days"
            " WHERE day >= ? AND day < ? GROUP BY 1", [flt.since, horizon]).fetchall():
        counts[month]["waiting"] += n
    table = Table("review-adherence", [
        Column("month", N_("Month"), "month"),
        Column("on_time", N_("Reviews done on time"), "count"),
        Column("late", N_("Reviews done late"), "count"),
        Column("waiting", N_("Reviews still waiting"), "count"),
        Column("rate", N_("Done on time (%)"), "percent")])
    for month in months(flt.start, flt.end):
        c = counts.get(month, Counter())
        total = c["on_time"] + c["late"] + c["waiting"]
        table.rows.append((month, c["on_time"], c["late"], c["waiting"],
                           round(100 * c["on_time"] / total, 1) if total else None))
    return table


def lesson_use(db: Database, flt: Filter) -> Table:
    """The most-used lessons: who opened them in the range, finished them, and how often
    they were used in coaching sessions; most used first."""
    opened = {(r[0], r[1]): (r[2], r[3]) for r in db.execute(
        "SELECT pack_id, lesson_id, count(DISTINCT learner_id), sum(seconds)"
        " FROM learning_time INDEXED BY learning_time_by_lesson"  # in lesson order: no sort
        " WHERE day >= ? AND day < ? GROUP BY 1, 2",
        [flt.since, flt.until]).fetchall()}
    finished = {(r[0], r[1]): r[2] for r in db.execute(
        "SELECT pack_id, lesson_id, count(*) FROM progress WHERE completed_at >= ?"
        " AND completed_at < ? GROUP BY 1, 2", [flt.since, flt.until]).fetchall()}
    scope, args = _session_scope(flt)
    coached = {(r[0], r[1]): r[2] for r in db.execute(
        "SELECT sl.pack_id, sl.lesson_id, count(*) FROM session_lessons sl"
        " JOIN coaching_sessions s ON s.id = sl.session_id"
        f" WHERE s.started_at >= ? AND s.started_at < ?{scope} GROUP BY 1, 2",
        [flt.since, flt.until, *args]).fetchall()}
    table = Table("lesson-use", [
        Column("pack", N_("Lesson pack")), Column("lesson", N_("Lesson")),
        Column("learners", N_("People who used it"), "count"),
        Column("completed", N_("Completed"), "count"),
        Column("sessions", N_("Used in coaching sessions"), "count"),
        Column("hours", N_("Hours spent"), "hours")])
    for key, (pack, _module, lesson) in _lesson_titles(db, flt.language).items():
        people, seconds = opened.get(key, (0, 0))
        if people or finished.get(key) or coached.get(key):
            table.rows.append((pack, lesson, people, finished.get(key, 0),
                               coached.get(key, 0), round((seconds or 0) / 3600, 1)))
    table.rows.sort(key=lambda r: (-(r[2] + r[4]), -r[3], r[1]))
    return table


# --- coaching ------------------------------------------------------------------------------

def _session_scope(flt: Filter, alias: str = "s") -> tuple[str, list[Any]]:
    if flt.navigator_id is None:
        return "", []
    return f" AND {alias}.navigator_id = ?", [flt.navigator_id]


def sessions_per_month(db: Database, flt: Filter) -> Table:
    """Coaching sessions each month, by mode."""
    scope, args = _session_scope(flt)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for month, mode, n in db.execute(
            "SELECT substr(s.started_at, 1, 7), s.mode, count(*) FROM coaching_sessions s"
            f" WHERE s.started_at >= ? AND s.started_at < ?{scope} GROUP BY 1, 2",
            [flt.since, flt.until, *args]).fetchall():
        counts[month][mode] += n
    table = Table("sessions-per-month", [
        Column("month", N_("Month"), "month"), Column("in-person", N_("In person"), "count"),
        Column("phone", N_("By phone"), "count"), Column("video", N_("By video"), "count"),
        Column("total", N_("All sessions"), "count")])
    for month in months(flt.start, flt.end):
        c = counts.get(month, Counter())
        table.rows.append((month, *(c[m] for m in MODES), sum(c.values())))
    return table


def sessions_per_navigator(db: Database, flt: Filter) -> Table:
    """Coaching sessions per navigator, by mode, with the hours spent."""
    scope, args = _session_scope(flt)
    table = Table("sessions-per-navigator", [
        Column("navigator", N_("Navigator")), Column("in-person", N_("In person"), "count"),
        Column("phone", N_("By phone"), "count"), Column("video", N_("By video"), "count"),
        Column("total", N_("All sessions"), "count"),
        Column("hours", N_("Hours with clients"), "hours")])
    per: dict[str, Counter[str]] = defaultdict(Counter)
    hours: Counter[str] = Counter()
    for name, mode, n, seconds in db.execute(
            "SELECT coalesce(l.name, ''), s.mode, count(*),"
            " sum(coalesce((julianday(s.ended_at) - julianday(s.started_at)) * 86400, 0))"
            " FROM coaching_sessions s LEFT JOIN learners l ON l.id = s.navigator_id"
            f" WHERE s.started_at >= ? AND s.started_at < ?{scope} GROUP BY 1, 2",
            [flt.since, flt.until, *args]).fetchall():
        per[name][mode] += n
        hours[name] += seconds or 0
    for name in sorted(per, key=lambda k: (-sum(per[k].values()), k)):
        c = per[name]
        table.rows.append((name or "—", *(c[m] for m in MODES), sum(c.values()),
                           round(hours[name] / 3600, 1)))
    return table


def intake_change(db: Database, flt: Filter,
                  skill_names: Mapping[str, str] | None = None) -> Table:
    """Per skill: clients at each level at their first and at their latest intake in the
    range, and how many moved up or down (clients with two intakes or more). A skill with
    fewer than :data:`MIN_GROUP` clients is not shown."""
    scope, args = "", []
    if flt.navigator_id is not None:  # the navigator's own clients
        scope = (" AND (c.created_by = ? OR i.client_id IN (SELECT client_id FROM"
                 " coaching_sessions WHERE navigator_id = ?))")
        args = [flt.navigator_id, flt.navigator_id]
    first: dict[str, dict[int, str]] = defaultdict(dict)
    latest: dict[str, dict[int, str]] = defaultdict(dict)
    taken: dict[str, Counter[int]] = defaultdict(Counter)
    for client, skill, level in db.execute(
            "SELECT i.client_id, a.skill_id, a.level FROM intakes i"
            " JOIN intake_answers a ON a.intake_id = i.id"
            " LEFT JOIN clients c ON c.learner_id = i.client_id"
            f" WHERE i.taken_at >= ? AND i.taken_at < ?{scope} ORDER BY i.taken_at, i.id",
            [flt.since, flt.until, *args]).fetchall():
        first[skill].setdefault(client, level)
        latest[skill][client] = level
        taken[skill][client] += 1
    names = skill_names or {}
    order = list(names) + sorted(set(first) - set(names))
    table = Table("intake-change", [
        Column("skill", N_("Skill")), Column("clients", N_("Clients"), "count"),
        *(Column(f"first-{lv}", h, "count") for lv, h in zip(LEVELS, (
            N_("First intake: I can"), N_("First intake: with help"),
            N_("First intake: not yet")), strict=True)),
        *(Column(f"latest-{lv}", h, "count") for lv, h in zip(LEVELS, (
            N_("Latest intake: I can"), N_("Latest intake: with help"),
            N_("Latest intake: not yet")), strict=True)),
        Column("up", N_("Moved up"), "count"), Column("same", N_("Same level"), "count"),
        Column("down", N_("Moved down"), "count")])
    rank = {lv: i for i, lv in enumerate(reversed(LEVELS))}
    for skill in order:
        clients = first.get(skill, {})
        if not clients:
            continue
        label = names.get(skill, skill)
        if len(clients) < MIN_GROUP:
            table.rows.append((label, None, *([None] * 9)))
            continue
        f, la = Counter(clients.values()), Counter(latest[skill].values())
        moved: Counter[str] = Counter()
        for client, level in clients.items():
            if taken[skill][client] < 2:
                continue
            step = rank[latest[skill][client]] - rank[level]
            moved["up" if step > 0 else "down" if step < 0 else "same"] += 1
        table.rows.append((label, len(clients), *(f[lv] for lv in LEVELS),
                           *(la[lv] for lv in LEVELS), moved["up"], moved["same"],
                           moved["down"]))
    return table


TABLES: dict[str, Callable[..., Table]] = {
    "lesson-completion": lesson_completion,
    "module-completion": module_completion,
    "stuck-learners": stuck_learners,
    "time-per-month": time_per_month,
    "review-adherence": review_adherence,
    "lesson-use": lesson_use,
    "sessions-per-month": sessions_per_month,
    "sessions-per-navigator": sessions_per_navigator,
    "intake-change": intake_change,
}

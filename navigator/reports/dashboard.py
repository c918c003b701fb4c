"""Which panels a dashboard shows, for whom, and how each table becomes a chart.

Qt-free: the dashboard screen (``navigator/ui/dashboard_view.py``) draws these panels and the
CLI writes their tables. Administrators see everything for the whole agency; trainers see
staff learning; navigators see their own coaching sessions and their own clients' intakes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from navigator.i18n import N_
from navigator.reports.tables import TABLES, Filter, Table
from navigator.storage.staff import ADMIN, NAVIGATOR, TRAINER


@dataclass(frozen=True)
class Panel:
    table: str
    title: str  # message id
    summary: str  # message id: what the panel answers, one sentence
    category: str  # the column along the chart's axis
    series: tuple[str, ...]  # the columns drawn as bars
    stacked: bool = False
    horizontal: bool = False
    top: int = 0  # chart only the first rows (the table keeps them all)
    roles: tuple[str, ...] = (ADMIN,)


PANELS: tuple[Panel, ...] = (
    Panel("module-completion", N_("Staff completion by module"),
          N_("How many staff started each module and how many finished it."),
          "module", ("started", "completed"), horizontal=True, roles=(ADMIN, TRAINER)),
    Panel("lesson-completion", N_("Staff completion by lesson"),
          N_("Where staff are: finished, not finished, and stuck for two weeks or more."),
          "lesson", ("completed", "open", "stuck"), horizontal=True, roles=(ADMIN, TRAINER)),
    Panel("stuck-learners", N_("Who is stuck where"),
          N_("Staff with a lesson started and untouched for two weeks or more."),
          "learner", ("days",), horizontal=True, top=15, roles=(ADMIN, TRAINER)),
    Panel("time-per-month", N_("Time learned per month"),
          N_("Hours staff spent in lessons each month."), "month", ("hours",),
          roles=(ADMIN, TRAINER)),
    Panel("review-adherence", N_("Review adherence"),
          N_("Spaced reviews each month: done on time, done late, still waiting."),
          "month", ("on_time", "late", "waiting"), stacked=True, roles=(ADMIN, TRAINER)),
    Panel("sessions-per-month", N_("Coaching sessions per month"),
          N_("Sessions held each month, in person, by phone and by video."),
          "month", ("in-person", "phone", "video"), stacked=True, roles=(ADMIN, NAVIGATOR)),
    Panel("sessions-per-navigator", N_("Coaching sessions per navigator"),
          N_("Sessions each navigator held, by mode."), "navigator",
          ("in-person", "phone", "video"), stacked=True, horizontal=True,
          roles=(ADMIN, NAVIGATOR)),
    Panel("intake-change", N_("Clients' skills: first and latest intake"),
          N_("Clients who can do each skill on their own at their first and at their latest "
             "intake. Skills with fewer than 5 clients are not shown."),
          "skill", ("first-can", "latest-can"), horizontal=True, roles=(ADMIN, NAVIGATOR)),
    Panel("lesson-use", N_("Most-used lessons"),
          N_("The lessons people used most, in training and in coaching sessions."),
          "lesson", ("learners", "sessions"), horizontal=True, top=10,
          roles=(ADMIN, TRAINER, NAVIGATOR)),
)


def panels_for(role: str) -> list[Panel]:
    return [p for p in PANELS if role in p.roles]


def scope_for(role: str, member_id: int) -> int | None:
    """The navigator id a viewer's coaching figures are limited to (``None``: all)."""
    return member_id if role == NAVIGATOR else None


@functools.lru_cache(maxsize=8)
def skill_names(language: str) -> dict[str, str]:
    """Skill id → the skill's sentence in ``language``, in the guide's order."""
    from navigator import paths
    from navigator.content.intake import load_intake_guide

    try:
        guide = load_intake_guide(paths.intake_guide_path())
    except Exception:  # a broken guide must not break the reports: ids are shown instead
        return {}
    return {s.id: s.text(language, guide.default_language) for s in guide.skills}


def compute_table(db: Database, *, name: str, flt: Filter) -> Table:
    """One table by name (on the storage lane)."""
    function = TABLES[name]
    if name == "intake-change":
        return function(db, flt, skill_names(flt.language))
    return function(db, flt)


def compute_panels(db: Database, *, panels: list[Panel], flt: Filter) -> dict[str, Table]:
    """Every panel's table in one visit to the lane."""
    return {p.table: compute_table(db, name=p.table, flt=flt) for p in panels}


def chart_rows(panel: Panel, table: Table) -> tuple[list[str], dict[str, list[Any]]]:
    """The categories and the series values a panel charts (its first ``top`` rows)."""
    rows = table.rows[:panel.top] if panel.top else table.rows
    keys = [c.key for c in table.columns]
    index = keys.index(panel.category)
    categories = [str(r[index]) for r in rows]
    series = {key: [r[keys.index(key)] for r in rows] for key in panel.series}
    return categories, series

"""The intake guide: a short skills checklist and the rules that turn answers into lessons.

A navigator and a newcomer go through the checklist together; for each skill the client
answers "I can", "with help" or "not yet". The guide's rules (data, not code) say which
client lessons to recommend for which answers. A later intake is compared with an earlier
one skill by skill. Everything here is pure: no files, no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Literal

from navigator.core.model import localized


class Level(str, Enum):
    """How well a client does a skill, as the client answers with the navigator."""

    CAN = "can"
    WITH_HELP = "with-help"
    NOT_YET = "not-yet"

    @property
    def rank(self) -> int:
        """0 for not yet, 1 with help, 2 I can: a higher rank is a better answer."""
        return LEVELS.index(self)


LEVELS: tuple[Level, ...] = (Level.NOT_YET, Level.WITH_HELP, Level.CAN)
"""The levels from lowest to highest."""

AREAS = ("phone", "communicate", "internet", "safety")
"""Skill areas, used to group skills in the checklist and in reports."""

# Device access and preferred channels: ids only (the interface translates the labels).
PHONE_ACCESS = ("own", "shared", "borrowed", "none")
DATA_PLAN = ("yes", "no", "not-sure")
HOME_INTERNET = ("yes", "no", "not-sure")
COMPUTER_ACCESS = ("home", "public", "none")
CHANNELS = ("phone-call", "sms", "whatsapp", "email", "in-person", "other")

Change = Literal["better", "same", "worse", "new"]
LessonRef = tuple[str, str]
"""A lesson named by its pack id and lesson id."""


@dataclass(frozen=True)
class Skill:
    """One line of the checklist: a first-person statement per language and a picture.

    ``picture`` is relative to the guide's folder (``media/wifi.svg``).
    """

    id: str
    area: str
    picture: str
    texts: dict[str, str]

    def text(self, language: str, default: str) -> str:
        """The statement in ``language``, following the fallback chain fr_CA -> fr -> default."""
        return localized(self.texts, language, default)


@dataclass(frozen=True)
class Rule:
    """When the answer for ``skill_id`` is one of ``when``, recommend ``lessons`` in order.

    ``line`` is where the rule starts in the guide's file (0 when unknown), for messages.
    """

    skill_id: str
    when: frozenset[Level]
    lessons: tuple[LessonRef, ...]
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class IntakeGuide:
    """The checklist (skills in the order they are asked) and the rules in priority order."""

    id: str
    default_language: str
    skills: tuple[Skill, ...]
    rules: tuple[Rule, ...]
    version: str = ""
    root: Path | None = None
    path: Path | None = None

    def skill(self, skill_id: str) -> Skill | None:
        for skill in self.skills:
            if skill.id == skill_id:
                return skill
        return None

    @property
    def skill_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.skills)

    @property
    def areas(self) -> tuple[str, ...]:
        """The areas used by the skills, in the order they first appear."""
        return tuple(dict.fromkeys(s.area for s in self.skills))

    def picture_path(self, skill: Skill) -> Path | None:
        """Where the skill's picture is, or ``None`` when the guide has no folder."""
        if self.root is None:
            return None
        return self.root.joinpath(*PurePosixPath(skill.picture).parts)

    def lessons_for(self, skill_id: str) -> tuple[LessonRef, ...]:
        """Every lesson any rule names for ``skill_id``, in rule order, without repeats."""
        refs = (ref for r in self.rules if r.skill_id == skill_id for ref in r.lessons)
        return tuple(dict.fromkeys(refs))


@dataclass(frozen=True)
class Recommendation:
    """A lesson to learn, and the skills whose answers led to it."""

    pack_id: str
    lesson_id: str
    because: tuple[str, ...]

    @property
    def ref(self) -> LessonRef:
        return (self.pack_id, self.lesson_id)


@dataclass(frozen=True)
class SkillChange:
    """One skill's answer in an earlier and a later intake."""

    skill_id: str
    before: Level | None
    after: Level | None
    change: Change


def as_level(value: Level | str | None) -> Level | None:
    """``"with-help"`` -> ``Level.WITH_HELP``; ``None`` (not answered) stays ``None``.

    Raises ``ValueError`` for anything else, so a corrupt answer is never read as a level.
    """
    if value is None:
        return None
    return Level(value)


def recommend(guide: IntakeGuide, answers: Mapping[str, Level | str | None], *,
              lesson_exists: Callable[[str, str], bool] | None = None
              ) -> list[Recommendation]:
    """The recommended learning path for ``answers`` (skill id -> level).

    Lessons come in rule order (the guide lists rules by priority). A lesson named by
    several skills appears once, at its first place, with every skill that led to it.
    Unanswered skills, and skills the guide does not know, recommend nothing. With
    ``lesson_exists``, lessons that are not installed are left out.
    """
    reasons: dict[LessonRef, list[str]] = {}
    for rule in guide.rules:
        level = as_level(answers.get(rule.skill_id))
        if level is None or level not in rule.when:
            continue
        for ref in rule.lessons:
            if lesson_exists is not None and not lesson_exists(*ref):
                continue
            because = reasons.setdefault(ref, [])
            if rule.skill_id not in because:
                because.append(rule.skill_id)
    return [Recommendation(pack, lesson, tuple(because))
            for (pack, lesson), because in reasons.items()]


def compare(guide: IntakeGuide, before: Mapping[str, Level | str | None],
            after: Mapping[str, Level | str | None]) -> list[SkillChange]:
    """How each skill's answer changed from the ``before`` intake to the ``after`` one.

    In the guide's order. A skill answered only in ``after`` is ``new``; a skill the later
    intake did not answer is left out (there is nothing to compare it with).
    """
    changes: list[SkillChange] = []
    for skill in guide.skills:
        old = as_level(before.get(skill.id))
        new = as_level(after.get(skill.id))
        if new is None:
            continue
        change: Change
        if old is None:
            change = "new"
        elif new.rank > old.rank:
            change = "better"
        elif new.rank < old.rank:
            change = "worse"
        else:
            change = "same"
        changes.append(SkillChange(skill.id, old, new, change))
    return changes

"""The content model: packs, modules, lessons, steps and questions.

Every object carries stable ids; titles and text are per language. The model is built by
``navigator.content`` from a pack folder and is immutable once built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

FORMAT_VERSION = 1
DEFAULT_MASTERY = 80


class Audience(str, Enum):
    STAFF = "staff"
    CLIENT = "client"


class StepKind(str, Enum):
    TEXT = "text"
    PRACTICE = "practice"
    CHECK = "check"


class QuestionType(str, Enum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "truefalse"
    ORDER = "order"
    SPOT = "spot"
    SCENARIO = "scenario"

    @property
    def picks_one(self) -> bool:
        """The learner picks exactly one option (everything but multiple choice and order)."""
        return self not in (QuestionType.MULTIPLE, QuestionType.ORDER)


Spot = tuple[float, float, float, float]
"""A region of a picture: left, top, width, height, in percent of the picture's size."""


@dataclass(frozen=True)
class Option:
    """One answer a learner can pick, with the feedback shown when it is picked.

    In an order question the options are the steps in their right order. ``spot`` is the
    option's region on the question's picture; ``next_step`` the branch step a scenario
    choice leads to.
    """

    text: str
    correct: bool
    feedback: str = ""
    spot: Spot | None = None
    next_step: str | None = None


@dataclass(frozen=True)
class Question:
    """A question: its prompt, options and the explanation shown after answering.

    A spot question keeps its picture (``picture`` is a pack-relative path) apart from the
    prompt, so the learner taps on it.
    """

    type: QuestionType
    prompt: str
    options: tuple[Option, ...]
    explanation: str = ""
    picture: str = ""
    picture_alt: str = ""

    @property
    def correct_indexes(self) -> frozenset[int]:
        return frozenset(i for i, o in enumerate(self.options) if o.correct)


@dataclass(frozen=True)
class Step:
    """One screen of a lesson. ``body`` is Markdown; questions keep their parts apart."""

    id: str
    title: str
    kind: StepKind
    body: str = ""
    question: Question | None = None
    line: int = 0
    branch: bool = False

    @property
    def is_question(self) -> bool:
        return self.question is not None

    @property
    def is_graded(self) -> bool:
        return self.kind is StepKind.CHECK and self.question is not None and not self.branch


@dataclass(frozen=True)
class LessonText:
    """A lesson in one language: what the learner reads."""

    language: str
    title: str
    objectives: tuple[str, ...]
    steps: tuple[Step, ...]
    path: Path | None = None

    def step_index(self, step_id: str) -> int:
        for i, step in enumerate(self.steps):
            if step.id == step_id:
                return i
        raise KeyError(step_id)

    def next_index(self, index: int, chosen: tuple[int, ...] = ()) -> int | None:
        """The step after ``index``: a scenario choice's branch, else the next non-branch step.

        ``None`` at the end of the lesson.
        """
        question = self.steps[index].question
        if question is not None and len(chosen) == 1 and 0 <= chosen[0] < len(question.options):
            target = question.options[chosen[0]].next_step
            if target:
                return self.step_index(target)
        for i in range(index + 1, len(self.steps)):
            if not self.steps[i].branch:
                return i
        return None

    @property
    def main_steps(self) -> list[int]:
        """Indexes of the steps every learner sees (branch steps left out)."""
        return [i for i, s in enumerate(self.steps) if not s.branch]


@dataclass(frozen=True)
class Lesson:
    """A lesson in all the languages of its pack."""

    id: str
    module_id: str
    minutes: int
    audience: Audience
    tags: tuple[str, ...]
    texts: dict[str, LessonText]
    default_language: str

    @property
    def languages(self) -> list[str]:
        return sorted(self.texts)

    @property
    def default(self) -> LessonText:
        return self.texts[self.default_language]

    def text_for(self, language: str) -> LessonText:
        """The text in ``language``, following the fallback chain fr_CA -> fr -> default."""
        for candidate in fallback_chain(language, self.default_language):
            if candidate in self.texts:
                return self.texts[candidate]
        return self.default

    @property
    def check_questions(self) -> int:
        return sum(1 for s in self.default.steps if s.is_graded)


@dataclass(frozen=True)
class Module:
    id: str
    titles: dict[str, str]
    lesson_ids: tuple[str, ...]
    descriptions: dict[str, str] = field(default_factory=dict)
    assessment: str | None = None


@dataclass(frozen=True)
class TranslationCredit:
    """Who or what produced a pack's translation, and whether a person reviewed it."""

    by: str
    reviewed: bool


@dataclass(frozen=True)
class Pack:
    """A validated lesson pack."""

    id: str
    version: str
    format_version: int
    default_language: str
    audience: Audience
    license: str
    authors: tuple[str, ...]
    titles: dict[str, str]
    descriptions: dict[str, str]
    mastery: int
    modules: tuple[Module, ...]
    lessons: dict[str, Lesson]
    root: Path
    translations: dict[str, TranslationCredit] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        langs: set[str] = set()
        for lesson in self.lessons.values():
            langs.update(lesson.texts)
        return sorted(langs)

    def ordered_lessons(self) -> list[Lesson]:
        return [self.lessons[lid] for m in self.modules for lid in m.lesson_ids]


def normalize_language(code: str) -> str:
    """``fr-ca`` / ``fr_CA`` -> ``fr_CA`` (the form Babel and gettext use)."""
    parts = code.replace("-", "_").split("_")
    if len(parts) == 1:
        return parts[0].lower()
    return parts[0].lower() + "_" + parts[1].upper()


def fallback_chain(language: str, default: str) -> list[str]:
    """``fr_CA`` with default ``en`` -> ``["fr_CA", "fr", "en"]``."""
    language = normalize_language(language)
    chain = [language]
    if "_" in language:
        chain.append(language.split("_")[0])
    if default not in chain:
        chain.append(default)
    return chain


def localized(values: dict[str, str], language: str, default: str) -> str:
    """Pick a per-language string (a title) with the fallback chain."""
    for candidate in fallback_chain(language, default):
        if candidate in values:
            return values[candidate]
    return next(iter(values.values()), "")

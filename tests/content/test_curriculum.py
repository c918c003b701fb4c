"""The built-in curriculum is complete by the numbers the owner set, and honest about time.

Staff course: at least 5 modules, 40 lessons and 5 hours; every lesson with objectives, a
practice and a check of at least 3 questions whose every option teaches; every module with a
scenario-based assessment; English and French. Client lessons: at least 15, short, a picture
on every step, in English, French, Arabic and Spanish.
"""

from __future__ import annotations

import re

import pytest

from navigator import paths
from navigator.content.loader import load_pack
from navigator.core.model import Lesson, Pack, QuestionType, StepKind

CURRICULUM = paths.curriculum_dir()
SHARING_LICENCES = {"CC-BY-4.0", "CC-BY-SA-4.0"}
WORDS_PER_MINUTE = 130
MINUTES_PER_QUESTION = 0.5


@pytest.fixture(scope="module")
def staff() -> Pack:
    return load_pack(CURRICULUM / "staff-course")


@pytest.fixture(scope="module")
def client() -> Pack:
    return load_pack(CURRICULUM / "client-lessons")


def words(lesson: Lesson) -> int:
    text = lesson.default
    parts = [text.title, *text.objectives]
    for step in text.steps:
        parts += [step.title, step.body]
        if step.question:
            parts += [o.text + " " + o.feedback for o in step.question.options]
            parts.append(step.question.explanation)
    plain = re.sub(r"!\[[^\]]*\]\([^)]*\)|[#*_|>`\[\]()-]", " ", " ".join(parts))
    return len(plain.split())


def estimated_minutes(lesson: Lesson) -> float:
    questions = sum(1 for s in lesson.default.steps if s.question)
    return words(lesson) / WORDS_PER_MINUTE + MINUTES_PER_QUESTION * questions


def test_staff_course_has_the_size_asked_for(staff: Pack):
    """5 modules, 40 lessons, 5 hours of declared learning."""
    assert staff.audience.value == "staff"
    assert len(staff.modules) >= 5
    assert len(staff.lessons) >= 40
    assert sum(lesson.minutes for lesson in staff.lessons.values()) >= 300


def test_every_staff_lesson_practises_and_checks(staff: Pack):
    """Objectives, one practice or more (assessments only check), three checks or more,
    feedback on every option."""
    assessments = {m.assessment for m in staff.modules}
    for lesson in staff.lessons.values():
        steps = lesson.default.steps
        assert lesson.default.objectives, lesson.id
        assert 4 <= lesson.minutes <= 10, (lesson.id, lesson.minutes)
        if lesson.id not in assessments:
            assert any(s.kind is StepKind.PRACTICE and s.question for s in steps), lesson.id
        assert sum(1 for s in steps if s.is_graded) >= 3, lesson.id
        for step in steps:
            if step.question and step.question.type is not QuestionType.ORDER:
                assert all(o.feedback for o in step.question.options), (lesson.id, step.id)


def test_every_module_ends_with_a_scenario_assessment(staff: Pack):
    """The assessment is the module's last lesson and is built on scenarios."""
    for module in staff.modules:
        assert module.assessment == module.lesson_ids[-1], module.id
        steps = staff.lessons[module.assessment].default.steps
        assert sum(1 for s in steps if s.is_graded and s.question.type
                   is QuestionType.SCENARIO) >= 3, module.id


def test_staff_course_uses_every_kind_of_practice(staff: Pack):
    """Scenarios, ordering, tap-the-spot and choices with feedback all appear."""
    kinds = {s.question.type for lesson in staff.lessons.values()
             for s in lesson.default.steps if s.question}
    assert kinds >= {QuestionType.SCENARIO, QuestionType.ORDER, QuestionType.SPOT,
                     QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE}


def test_declared_minutes_are_honest(staff: Pack, client: Pack):
    """About 130 words a minute plus half a minute a question, give or take a third."""
    wrong = []
    for lesson in [*staff.lessons.values(), *client.lessons.values()]:
        estimate = estimated_minutes(lesson)
        if abs(lesson.minutes - estimate) > max(1.5, estimate / 3):
            wrong.append((lesson.id, lesson.minutes, round(estimate, 1)))
    assert wrong == []


def test_client_lessons_are_short_pictured_and_in_four_languages(client: Pack):
    """15 lessons or more, 2-5 minutes, a picture on every step, en/fr/ar/es."""
    assert client.audience.value == "client"
    assert len(client.lessons) >= 15
    for lesson in client.lessons.values():
        assert 2 <= lesson.minutes <= 5, (lesson.id, lesson.minutes)
        assert set(lesson.languages) >= {"en", "fr", "ar", "es"}, lesson.id
        for language in ("en", "fr", "ar", "es"):
            for step in lesson.texts[language].steps:
                pictured = "](media/" in step.body or (
                    step.question is not None and bool(step.question.picture))
                assert pictured, (lesson.id, language, step.id)


def test_staff_lessons_are_in_english_and_french(staff: Pack):
    for lesson in staff.lessons.values():
        assert set(lesson.languages) >= {"en", "fr"}, lesson.id


@pytest.mark.parametrize("name", ["staff-course", "client-lessons"])
def test_packs_can_be_shared_and_credit_their_authors(name: str):
    """A sharing licence, credits, and every translation's origin in the manifest."""
    pack = load_pack(CURRICULUM / name)
    assert pack.license in SHARING_LICENCES
    assert pack.authors
    credits = (CURRICULUM / name / "CREDITS.md").read_text(encoding="utf-8")
    assert pack.license.replace("-", " ").split()[0] in credits.replace("-", " ")
    translated = set(pack.languages) - {pack.default_language}
    assert translated <= set(pack.translations), translated - set(pack.translations)

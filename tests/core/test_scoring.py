"""Scoring and mastery rules."""

from navigator.core.model import Option, Question, QuestionType, fallback_chain, localized
from navigator.core.scoring import is_correct, lesson_score, passed, score_answer

SINGLE = Question(QuestionType.SINGLE, "?", (Option("a", False), Option("b", True)))
MULTI = Question(QuestionType.MULTIPLE, "?",
                 (Option("a", True), Option("b", True), Option("c", False), Option("d", True)))


def test_single_choice_is_all_or_nothing():
    """A single-choice question scores 1 only for the right option."""
    assert score_answer(SINGLE, [1]) == 1.0
    assert score_answer(SINGLE, [0]) == 0.0
    assert score_answer(SINGLE, []) == 0.0


def test_multiple_choice_gives_partial_credit_and_never_below_zero():
    """Each right pick earns a share; each wrong pick takes one away; the floor is zero."""
    assert score_answer(MULTI, [0, 1, 3]) == 1.0
    assert score_answer(MULTI, [0, 1]) == 2 / 3
    assert score_answer(MULTI, [0, 2]) == 0.0
    assert score_answer(MULTI, [2]) == 0.0
    assert is_correct(MULTI, [0, 1, 3]) and not is_correct(MULTI, [0, 1])


def test_lesson_score_counts_unanswered_checks_as_zero():
    """The lesson score is the mean over graded steps; missing answers count zero."""
    assert lesson_score({"a": 1.0, "b": 0.5}, ["a", "b", "c"]) == 50.0
    assert lesson_score({}, []) is None


def test_mastery_threshold_is_inclusive_and_lessons_without_checks_pass():
    """80% passes an 80% threshold; a lesson without a check passes at its end."""
    assert passed(80.0, 80)
    assert not passed(79.9, 80)
    assert passed(None, 80)


def test_language_fallback_chain():
    """fr_CA falls back to fr, then to the pack's default."""
    assert fallback_chain("fr-CA", "en") == ["fr_CA", "fr", "en"]
    assert localized({"en": "Hello", "fr": "Bonjour"}, "fr_CA", "en") == "Bonjour"
    assert localized({"en": "Hello"}, "ar", "en") == "Hello"

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


ORDER = Question(QuestionType.ORDER, "?", tuple(Option(t, True) for t in "abcd"))
SCENARIO = Question(QuestionType.SCENARIO, "?",
                    (Option("a", True), Option("b", False), Option("c", True)))


def test_order_counts_neighbouring_pairs_in_the_right_order():
    """All in place scores 1; one swapped pair keeps the other pairs' marks."""
    assert score_answer(ORDER, [0, 1, 2, 3]) == 1.0 and is_correct(ORDER, [0, 1, 2, 3])
    assert score_answer(ORDER, [1, 0, 2, 3]) == 1 / 3  # only 2 -> 3 follows its step
    assert score_answer(ORDER, [3, 0, 1, 2]) == 2 / 3  # 0 -> 1 and 1 -> 2 still right
    assert score_answer(ORDER, [3, 2, 1, 0]) == 0.0
    assert not is_correct(ORDER, [3, 0, 1, 2])


def test_order_refuses_an_answer_that_is_not_every_step_once():
    """A sequence with a step missing or repeated scores nothing."""
    assert score_answer(ORDER, [0, 1, 2]) == 0.0
    assert score_answer(ORDER, [0, 1, 1, 2]) == 0.0


def test_one_pick_questions_accept_any_right_option_but_only_one_pick():
    """A scenario with two good choices: either is right; picking two is not an answer."""
    assert score_answer(SCENARIO, [2]) == 1.0 and is_correct(SCENARIO, [0])
    assert score_answer(SCENARIO, [1]) == 0.0 and not is_correct(SCENARIO, [1])
    assert score_answer(SCENARIO, [0, 2]) == 0.0 and not is_correct(SCENARIO, [0, 2])


def test_display_order_is_stable_per_seed_and_keeps_true_false():
    """The same seed gives the same order; order steps are never shown solved; true or
    false and unshuffled choices keep the pack's order."""
    from navigator.core.scoring import display_order

    assert display_order(ORDER, "a", shuffle_options=False) == display_order(
        ORDER, "a", shuffle_options=False) != [0, 1, 2, 3]
    assert display_order(MULTI, "a", shuffle_options=False) == [0, 1, 2, 3]
    assert sorted(display_order(MULTI, "a", shuffle_options=True)) == [0, 1, 2, 3]
    true_false = Question(QuestionType.TRUE_FALSE, "?", (Option("T", True), Option("F", False)))
    assert display_order(true_false, "a", shuffle_options=True) == [0, 1]

"""Scoring answers and deciding mastery."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from navigator.core.model import Question, QuestionType


def score_answer(question: Question, chosen: Iterable[int]) -> float:
    """Marks between 0 and 1 for a set of chosen option indexes.

    Single choice: 1 when the right option is chosen, else 0. Multiple choice: each right
    choice earns a share, each wrong choice takes one share away, never below zero.
    """
    picked = set(chosen)
    right = question.correct_indexes
    if question.type is QuestionType.SINGLE:
        return 1.0 if len(picked) == 1 and picked <= right else 0.0
    if not right:
        return 0.0
    hits = len(picked & right)
    misses = len(picked - right)
    return max(0.0, (hits - misses) / len(right))


def is_correct(question: Question, chosen: Iterable[int]) -> bool:
    """Exactly the right options, no more, no fewer."""
    return set(chosen) == set(question.correct_indexes)


def lesson_score(scores: Mapping[str, float], graded_step_ids: Iterable[str]) -> float | None:
    """Percentage over the graded steps; ``None`` when the lesson has no check.

    Unanswered graded steps count as zero.
    """
    ids = list(graded_step_ids)
    if not ids:
        return None
    return 100.0 * sum(scores.get(i, 0.0) for i in ids) / len(ids)


def passed(score: float | None, mastery: int) -> bool:
    """A lesson without a check is passed by reaching its end."""
    return score is None or score + 1e-9 >= mastery

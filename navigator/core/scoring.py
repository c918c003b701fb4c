"""Scoring answers and deciding mastery."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from navigator.core.model import Question, QuestionType


def score_answer(question: Question, chosen: Sequence[int]) -> float:
    """Marks between 0 and 1 for the learner's answer.

    ``chosen`` holds option indexes: the picked ones, or for an order question every step in
    the order the learner put them.

    - One pick (single choice, true/false, spot, scenario): 1 when a right option is
      picked, else 0.
    - Multiple choice: each right choice earns a share, each wrong choice takes one share
      away, never below zero.
    - Order: the share of neighbouring pairs that are in the right order.
    """
    if question.type is QuestionType.ORDER:
        return order_score(chosen, len(question.options))
    picked = set(chosen)
    right = question.correct_indexes
    if question.type.picks_one:
        return 1.0 if len(picked) == 1 and picked <= right else 0.0
    if not right:
        return 0.0
    hits = len(picked & right)
    misses = len(picked - right)
    return max(0.0, (hits - misses) / len(right))


def order_score(sequence: Sequence[int], size: int) -> float:
    """Share of neighbouring pairs in the right order: step i directly followed by i + 1."""
    if size < 2 or sorted(sequence) != list(range(size)):
        return 0.0
    pairs = sum(1 for a, b in pairwise(sequence) if b == a + 1)
    return pairs / (size - 1)


def is_correct(question: Question, chosen: Sequence[int]) -> bool:
    """Fully right: exactly the right options (any one right option for a one-pick
    question), or every step in its place."""
    if question.type is QuestionType.ORDER:
        return list(chosen) == list(range(len(question.options)))
    if question.type.picks_one:
        return len(set(chosen)) == 1 and set(chosen) <= question.correct_indexes
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


@dataclass(frozen=True)
class Answer:
    """A learner's answer: option indexes (in the learner's order for an order question,
    else sorted), its marks between 0 and 1, and whether it is fully right."""

    chosen: tuple[int, ...]
    score: float
    correct: bool


def mark(question: Question, chosen: Sequence[int]) -> Answer:
    """Score ``chosen`` for ``question``."""
    kept = tuple(chosen) if question.type is QuestionType.ORDER else tuple(sorted(chosen))
    return Answer(kept, score_answer(question, kept), is_correct(question, kept))


def display_order(question: Question, seed: str, *, shuffle_options: bool) -> list[int]:
    """The order to show the options in: the same ``seed`` always gives the same order.

    Steps to put in order are always shuffled (never left in the right order); other
    options only with ``shuffle_options``; true or false and spots keep theirs.
    """
    order = list(range(len(question.options)))
    if question.type in (QuestionType.TRUE_FALSE, QuestionType.SPOT) or (
            question.type is not QuestionType.ORDER and not shuffle_options):
        return order
    shuffled = order[:]
    random.Random(seed).shuffle(shuffled)
    if shuffled == order and len(order) > 1:
        shuffled = order[1:] + order[:1]
    return shuffled

"""Spaced review with SM-2 (P. A. Wozniak, *Optimization of learning*, 1990: the SuperMemo 2
algorithm, https://super-memory.com/english/ol/sm2.htm).

Every check question a learner answers gets a card. An answer is graded 0-5 (SM-2's
"quality"): fully right 5, partly right 3, wrong 1. SM-2 then sets the next interval:
1 day, then 6 days, then the previous interval times the card's ease factor; a grade below 3
starts the card again. One change from SM-2, as the product asks that missed questions come
back sooner: a missed card is due again the same day (SM-2 would wait one day), so today's
review offers it once more.

Pure functions of the card, the grade and the clock: the caller injects ``now``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

INITIAL_EASE = 2.5
MINIMUM_EASE = 1.3
MISSED_DELAY = timedelta(minutes=10)


@dataclass(frozen=True)
class Card:
    """The review state of one question for one learner."""

    repetitions: int = 0
    interval_days: int = 0
    ease: float = INITIAL_EASE
    lapses: int = 0
    due: datetime | None = None


def grade(score: float) -> int:
    """SM-2 quality from a score between 0 and 1."""
    if score >= 0.999:
        return 5
    if score >= 0.5:
        return 3
    return 1


def schedule(card: Card, quality: int, now: datetime) -> Card:
    """The card after an answer of ``quality`` (0-5) at ``now``."""
    if not 0 <= quality <= 5:
        raise ValueError(quality)
    ease = card.ease + (0.1 - (5 - quality) * (0.08 + (5 - quality) * 0.02))
    ease = max(MINIMUM_EASE, ease)
    if quality < 3:
        return replace(card, repetitions=0, interval_days=0, ease=ease,
                       lapses=card.lapses + 1, due=now + MISSED_DELAY)
    if card.repetitions == 0:
        interval = 1
    elif card.repetitions == 1:
        interval = 6
    else:
        interval = max(1, round(card.interval_days * card.ease))
    return replace(card, repetitions=card.repetitions + 1, interval_days=interval, ease=ease,
                   due=start_of_day(now) + timedelta(days=interval))


def start_of_day(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def is_due(card: Card, now: datetime) -> bool:
    """Due today or earlier (a card due later today counts: today's review offers it)."""
    return card.due is not None and card.due < start_of_day(now) + timedelta(days=1)

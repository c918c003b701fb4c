"""A review session: due check questions from every lesson, mixed, one at a time.

Qt-free, like :mod:`navigator.lesson_session`. Each answer is saved (with attempt 0, so it
never counts towards a lesson's score) and reschedules the question with SM-2.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from navigator.content.problems import PackError
from navigator.core.model import LessonText, Pack, Step
from navigator.core.scoring import Answer, display_order, mark
from navigator.lesson_session import local_now
from navigator.storage import repository as repo
from navigator.storage import reviews
from navigator.storage.lane import StorageLane
from navigator.xapi import record

REVIEW_ATTEMPT = 0
SESSION_SIZE = 20


@dataclass(frozen=True)
class ReviewItem:
    """One due question, in the learner's language where the lesson has it."""

    pack: Pack
    lesson_id: str
    text: LessonText
    step: Step


class ReviewSession:
    def __init__(self, *, lane: StorageLane, learner_id: int, language: str,
                 packs: Callable[[str], Pack], clock: Callable[[], datetime] = local_now,
                 size: int = SESSION_SIZE):
        self.lane = lane
        self.learner_id = learner_id
        self.clock = clock
        due = lane.call(reviews.due_cards, learner_id=learner_id, now=clock(), limit=size)
        self.items: list[ReviewItem] = []
        for card in due:
            item = _resolve(card, packs, language)
            if item is not None:
                self.items.append(item)
        # mix lessons, but keep it the same if the session is rebuilt on the same day
        random.Random(f"{learner_id}/{clock().date().isoformat()}").shuffle(self.items)
        self.index = 0
        self.answers: dict[int, Answer] = {}

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def item(self) -> ReviewItem:
        return self.items[self.index]

    @property
    def is_last(self) -> bool:
        return self.index >= self.count - 1

    def display_order(self) -> list[int]:
        """Options shuffled, differently each day (see
        :func:`navigator.core.scoring.display_order`)."""
        question = self.item.step.question
        assert question is not None
        return display_order(
            question, f"review/{self.learner_id}/{self.item.step.id}/{self.clock().date()}",
            shuffle_options=True)

    def answer(self, chosen: list[int]) -> tuple[Answer, Future[Any]]:
        item = self.item
        question = item.step.question
        assert question is not None
        result = mark(question, chosen)
        kept = result.chosen
        keys = {"learner_id": self.learner_id, "pack_id": item.pack.id,
                "lesson_id": item.lesson_id, "step_id": item.step.id}
        answered_at = self.clock()

        index = self.index
        others = {i: a for i, a in self.answers.items() if i != index}
        last = len(others) + 1 == self.count  # this answer ends the session

        def save(db: Any) -> None:
            repo.record_answer(db, attempt=REVIEW_ATTEMPT, chosen=list(kept),
                               score=result.score, correct=result.correct, graded=False, **keys)
            reviews.record_review(db, score=result.score, now=answered_at, log=True, **keys)
            record.question_answered(
                db, learner_id=self.learner_id, pack=item.pack,
                lesson=item.pack.lessons[item.lesson_id], language=item.text.language,
                attempt=REVIEW_ATTEMPT, step=item.step, chosen=list(kept), score=result.score,
                correct=result.correct, when=answered_at, review=True)
            if last:
                right = sum(1 for a in others.values() if a.correct) + int(result.correct)
                record.review_done(db, learner_id=self.learner_id,
                                   language=item.text.language, questions=self.count,
                                   right=right, when=answered_at)

        future = self.lane.submit(save)

        def remember(f: Future[Any]) -> None:
            if f.exception() is None:
                self.answers[index] = result

        future.add_done_callback(remember)
        return result, future

    def answer_for(self) -> Answer | None:
        return self.answers.get(self.index)

    def advance(self) -> None:
        if not self.is_last:
            self.index += 1

    @property
    def right(self) -> int:
        return sum(1 for a in self.answers.values() if a.correct)


def _resolve(card: reviews.DueCard, packs: Callable[[str], Pack],
             language: str) -> ReviewItem | None:
    """The card's question, or ``None`` when its pack, lesson or step is gone."""
    try:
        pack = packs(card.pack_id)
    except (KeyError, PackError, OSError):
        return None
    lesson = pack.lessons.get(card.lesson_id)
    if lesson is None:
        return None
    text = lesson.text_for(language)
    try:
        step = text.steps[text.step_index(card.step_id)]
    except KeyError:
        return None
    return ReviewItem(pack, lesson.id, text, step) if step.question else None

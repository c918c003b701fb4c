"""One learner going through one lesson: position, answers, scoring, completion.

Qt-free: the lesson player drives it. Every write goes through the storage lane and returns a
future; the player moves on only when the future is done, so nothing is lost on a crash.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from navigator.core.model import Lesson, LessonText, Pack, Step
from navigator.core.scoring import Answer, display_order, lesson_score, mark, passed
from navigator.storage import repository as repo
from navigator.storage import reviews
from navigator.storage.certificates import Certificate, award_certificates
from navigator.storage.lane import StorageLane
from navigator.xapi import record


def local_now() -> datetime:
    """Now, in the computer's time zone (review days start at local midnight)."""
    return datetime.now().astimezone()


MAX_SECONDS_PER_STEP = 600  # time on one step beyond this counts as away, not learning


@dataclass(frozen=True)
class Outcome:
    """The end of an attempt. ``score`` is ``None`` for a lesson without a check."""

    score: float | None
    passed: bool
    mastery: int


class LessonSession:
    def __init__(self, *, lane: StorageLane, learner_id: int, pack: Pack, lesson: Lesson,
                 language: str, clock: Callable[[], datetime] = local_now):
        self.lane = lane
        self.clock = clock
        self.learner_id = learner_id
        self.pack = pack
        self.lesson = lesson
        self.text: LessonText = lesson.text_for(language)
        self.requested_language = language
        self._keys: dict[str, Any] = {"learner_id": learner_id, "pack_id": pack.id,
                                      "lesson_id": lesson.id}
        progress = lane.call(repo.get_progress, **self._keys)
        self.attempt = progress.attempt if progress else 1
        self.index = self._resume_index(progress)
        stored = lane.call(repo.attempt_answers, attempt=self.attempt, **self._keys)
        self.answers: dict[str, Answer] = {
            step_id: Answer(tuple(a["chosen"]), a["score"], a["correct"])
            for step_id, a in stored.items()}
        self.trail: list[int] = []  # steps visited on the way here, for Back
        self._entered = time.monotonic()

    def _resume_index(self, progress: repo.Progress | None) -> int:
        if progress is None:
            return 0
        if progress.step_id:
            try:
                return self.text.step_index(progress.step_id)
            except KeyError:
                pass
        return min(max(progress.step_index, 0), len(self.text.steps) - 1)

    @property
    def keys(self) -> dict[str, Any]:
        """learner_id, pack_id and lesson_id, as the storage functions take them."""
        return dict(self._keys)

    @property
    def fell_back(self) -> bool:
        """True when the lesson is not available in the learner's language."""
        wanted = self.requested_language
        return self.text.language != wanted and self.text.language != wanted.split("_")[0]

    @property
    def step(self) -> Step:
        return self.text.steps[self.index]

    @property
    def count(self) -> int:
        return len(self.text.steps)

    @property
    def is_last(self) -> bool:
        return self.next_index() is None

    @property
    def position(self) -> tuple[int, int]:
        """(number, count) of the step among the steps everyone sees; a branch step shares
        the number of the step it comes from."""
        main = self.text.main_steps
        return max(1, sum(1 for i in main if i <= self.index)), len(main)

    def next_index(self) -> int | None:
        """Where Next leads: a scenario choice's branch, else the next main step."""
        answer = self.answer_for()
        return self.text.next_index(self.index, answer.chosen if answer else ())

    def previous_index(self) -> int | None:
        """Where Back leads: the step the learner came from, else the previous main step."""
        if self.trail:
            return self.trail[-1]
        earlier = [i for i in self.text.main_steps if i < self.index]
        return earlier[-1] if earlier else None

    def display_order(self, step: Step | None = None) -> list[int]:
        """The order to show a question's options in: shuffled from the second attempt on,
        so a retry tests understanding, not memory of positions (see
        :func:`navigator.core.scoring.display_order`)."""
        step = step or self.step
        if step.question is None:
            return []
        return display_order(
            step.question, f"{self.learner_id}/{self.lesson.id}/{step.id}/{self.attempt}",
            shuffle_options=self.attempt >= 2)

    def answer_for(self, step: Step | None = None) -> Answer | None:
        return self.answers.get((step or self.step).id)

    def can_advance(self) -> bool:
        """A question must be answered before moving on."""
        return not self.step.is_question or self.step.id in self.answers

    def start_at(self, step_id: str) -> None:
        """Open at ``step_id`` (a search result) instead of where the learner stopped."""
        with contextlib.suppress(KeyError):
            self.index = self.text.step_index(step_id)

    def open(self) -> Future[None]:
        """Record that the lesson is open at the current step."""
        return self._save_position(0, launched=True)

    def advance(self) -> Future[None]:
        """Go to the next step (see :meth:`next_index`)."""
        target = self.next_index()
        if target is None:
            raise IndexError("the lesson has no step after this one")
        self.trail.append(self.index)
        return self.go_to(target)

    def back(self) -> Future[None]:
        """Go back to the step before (see :meth:`previous_index`)."""
        target = self.previous_index()
        if target is None:
            raise IndexError("this is the first step")
        if self.trail:
            self.trail.pop()
        return self.go_to(target)

    def go_to(self, index: int) -> Future[None]:
        """Move to step ``index`` and save the position (with the time spent)."""
        if not 0 <= index < self.count:
            raise IndexError(index)
        seconds = min(int(time.monotonic() - self._entered), MAX_SECONDS_PER_STEP)
        self.index = index
        self._entered = time.monotonic()
        return self._save_position(seconds)

    def _save_position(self, seconds: int, *, launched: bool = False) -> Future[None]:
        step, index, when = self.step, self.index, self.clock()

        def save(db: Any) -> None:  # the position and its learning records, together
            repo.set_position(db, step_index=index, step_id=step.id, seconds=seconds,
                              **self._keys)
            if launched:
                record.lesson_launched(db, when=when, **self._record_keys)
            record.step_experienced(db, step=step, when=when, **self._record_keys)

        return self.lane.submit(save)

    @property
    def _record_keys(self) -> dict[str, Any]:
        return {"learner_id": self.learner_id, "pack": self.pack, "lesson": self.lesson,
                "language": self.text.language, "attempt": self.attempt}

    def answer(self, chosen: list[int]) -> tuple[Answer, Future[int]]:
        """Score the learner's choice for the current question and save it."""
        step = self.step
        if step.question is None:
            raise ValueError("this step is not a question")
        result = mark(step.question, chosen)
        answered_at = self.clock()

        def save(db: Any) -> int:  # the answer and its review schedule, in one transaction
            row = repo.record_answer(db, step_id=step.id, attempt=self.attempt,
                                     chosen=list(result.chosen), score=result.score,
                                     correct=result.correct, graded=step.is_graded,
                                     **self._keys)
            if step.is_graded:
                reviews.record_review(db, step_id=step.id, score=result.score,
                                      now=answered_at, **self._keys)
            record.question_answered(db, step=step, chosen=list(result.chosen),
                                     score=result.score, correct=result.correct,
                                     when=answered_at, **self._record_keys)
            return row

        future: Future[int] = self.lane.submit(save)

        def remember(f: Future[int]) -> None:  # only a saved answer counts
            if f.exception() is None:
                self.answers[step.id] = result

        future.add_done_callback(remember)
        return result, future

    def outcome(self) -> Outcome:
        graded = [s.id for s in self.text.steps if s.is_graded]
        scores = {k: a.score for k, a in self.answers.items()}
        score = lesson_score(scores, graded)
        return Outcome(score, passed(score, self.pack.mastery), self.pack.mastery)

    def finish(self) -> tuple[Outcome, Future[list[Certificate]]]:
        """End the attempt: save the score and, when passed, completion and the
        certificates it earns (the future gives the new ones)."""
        outcome = self.outcome()
        seconds = min(int(time.monotonic() - self._entered), MAX_SECONDS_PER_STEP)
        self._entered = time.monotonic()
        when = self.clock()

        def save(db: Any) -> list[Certificate]:
            repo.set_position(db, step_index=self.index, step_id=self.step.id, seconds=seconds,
                              **self._keys)
            repo.finish_attempt(db, score=outcome.score, passed=outcome.passed, **self._keys)
            spent = repo.lesson_seconds(db, **self._keys)
            record.lesson_finished(db, score=outcome.score, passed=outcome.passed,
                                   seconds=spent, when=when, **self._record_keys)
            if not outcome.passed:
                return []
            new = award_certificates(db, learner_id=self.learner_id, pack_id=self.pack.id)
            for certificate in new:
                record.module_completed(db, learner_id=self.learner_id, pack=self.pack,
                                        module_id=certificate.module_id,
                                        language=self.text.language, when=when)
            return new

        return outcome, self.lane.submit(save)

    def restart(self) -> Future[int]:
        """Try the lesson again from the first step, with fresh answers."""
        self.answers = {}
        self.index = 0
        self.trail = []
        self.attempt += 1
        self._entered = time.monotonic()
        return self.lane.submit(repo.start_new_attempt, **self._keys)

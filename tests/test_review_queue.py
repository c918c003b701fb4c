"""The review queue over three simulated days (the clock is injected): answers in lessons
schedule their questions; a review session mixes due questions; the schedule survives a
restart of the app."""

from __future__ import annotations

from datetime import datetime, timedelta

from navigator.lesson_session import LessonSession
from navigator.review_session import ReviewSession
from navigator.services import Services
from navigator.storage import repository as repo
from navigator.storage import reviews

DAY1 = datetime(2026, 11, 24, 10, 0).astimezone()


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def answer_lesson(services: Services, learner: int, lesson_id: str, picks: dict[str, list[int]],
                  clock: Clock) -> None:
    pack = services.library.get("sample")
    session = LessonSession(lane=services.lane, learner_id=learner, pack=pack,
                            lesson=pack.lessons[lesson_id], language="en", clock=clock)
    for step_id, chosen in picks.items():
        session.go_to(session.text.step_index(step_id)).result(timeout=5)
        session.answer(chosen)[1].result(timeout=5)


def due_ids(services: Services, learner: int, when: datetime) -> list[str]:
    return sorted(c.step_id for c in services.lane.call(reviews.due_cards, learner_id=learner,
                                                         now=when))


def test_review_queue_across_three_days(data_dir, curriculum):
    services = Services.start(data_dir, curriculum=curriculum)
    learner = services.lane.call(repo.create_learner, name="Amal", language="en").id
    clock = Clock(DAY1)
    # Day 1: a right and a wrong answer in one lesson, a right one in another; practice
    # questions are not scheduled.
    answer_lesson(services, learner, "first-lesson",
                  {"try-power": [0], "q-power": [1], "q-locks": [2]}, clock)
    answer_lesson(services, learner, "question-kinds", {"qk-tf": [0]}, clock)
    assert due_ids(services, learner, DAY1) == ["q-locks"]  # missed: again today
    assert services.lane.call(reviews.count_due, learner_id=learner, now=DAY1) == 1
    services.close()

    # Day 2, after a restart: yesterday's right answers are due, with the missed one.
    services = Services.start(data_dir, curriculum=curriculum)
    day2 = DAY1 + timedelta(days=1)
    clock.now = day2
    assert due_ids(services, learner, day2) == ["q-locks", "q-power", "qk-tf"]
    review = ReviewSession(lane=services.lane, learner_id=learner, language="en",
                           packs=services.library.get, clock=clock)
    assert review.count == 3
    assert {i.lesson_id for i in review.items} == {"first-lesson", "question-kinds"}
    for _ in range(review.count):
        question = review.item.step.question
        right = sorted(question.correct_indexes)
        if question.type.picks_one:
            right = right[:1]
        review.answer(right)[1].result(timeout=5)
        review.advance()
    assert review.right == 3
    assert due_ids(services, learner, day2) == []
    # Day 3: nothing is due (remembered twice: next in 6 days; q-locks remembered once now).
    day3 = DAY1 + timedelta(days=2)
    assert due_ids(services, learner, day3) == ["q-locks"]
    card = services.lane.call(reviews.get_card, learner_id=learner, pack_id="sample",
                              lesson_id="first-lesson", step_id="q-power")
    assert card.interval_days == 6 and card.due.date() == (day2 + timedelta(days=6)).date()
    lesson_answers = services.lane.call(repo.attempt_answers, learner_id=learner,
                                        pack_id="sample", lesson_id="first-lesson", attempt=1)
    assert set(lesson_answers) == {"try-power", "q-power", "q-locks"}  # reviews kept apart
    services.close()

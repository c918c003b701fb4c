"""SM-2 scheduling: intervals grow for remembered answers, missed ones come back the same
day, the ease never falls below 1.3."""

from datetime import datetime, timedelta, timezone

from navigator.core.review import Card, grade, is_due, schedule

NOW = datetime(2026, 11, 24, 15, 30, tzinfo=timezone.utc)
MIDNIGHT = datetime(2026, 11, 24, tzinfo=timezone.utc)


def test_right_answers_space_out_1_6_then_times_the_ease():
    card = schedule(Card(), 5, NOW)
    assert (card.repetitions, card.interval_days, card.due) == (1, 1, MIDNIGHT + timedelta(1))
    card = schedule(card, 5, NOW + timedelta(days=1))
    assert card.interval_days == 6
    card = schedule(card, 5, NOW + timedelta(days=7))
    assert card.interval_days == round(6 * 2.7)  # the ease grew 2.5 -> 2.6 -> 2.7


def test_a_missed_answer_restarts_the_card_and_is_due_again_today():
    card = schedule(schedule(Card(), 5, NOW), 1, NOW + timedelta(days=1))
    assert card.repetitions == 0 and card.lapses == 1
    assert card.due == NOW + timedelta(days=1, minutes=10)
    assert is_due(card, NOW + timedelta(days=1))
    assert card.ease == 2.6 - 0.54


def test_ease_has_a_floor_and_grades_follow_the_score():
    card = Card()
    for _ in range(10):
        card = schedule(card, 1, NOW)
    assert card.ease == 1.3
    assert (grade(1.0), grade(0.5), grade(0.49), grade(0.0)) == (5, 3, 1, 1)

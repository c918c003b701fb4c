"""Intake rules: answers become an ordered, deduplicated learning path; intakes compare."""

import pytest

from navigator.core.intake import (
    IntakeGuide,
    Level,
    Recommendation,
    Rule,
    Skill,
    SkillChange,
    compare,
    recommend,
)

HELP_OR_NOT = frozenset({Level.NOT_YET, Level.WITH_HELP})


def skill(skill_id: str) -> Skill:
    return Skill(skill_id, "phone", f"media/{skill_id}.svg",
                 {"en": f"I can {skill_id}.", "fr": f"Je peux {skill_id}."})


def guide() -> IntakeGuide:
    """Three skills; 'unlock' and 'wifi' both lead to the 'settings' lesson."""
    return IntakeGuide(
        id="intake", default_language="en",
        skills=(skill("unlock"), skill("wifi"), skill("email")),
        rules=(
            Rule("unlock", HELP_OR_NOT, (("p", "unlock"), ("p", "settings"))),
            Rule("wifi", frozenset({Level.NOT_YET}), (("p", "wifi"),)),
            Rule("wifi", HELP_OR_NOT, (("p", "settings"), ("q", "data"))),
            Rule("email", frozenset({Level.CAN}), (("p", "email-extra"),)),
        ))


def test_recommend_follows_rule_order_and_lists_each_lesson_once():
    """A lesson two skills point to appears once, at its first place, with both reasons."""
    path = recommend(guide(), {"unlock": Level.WITH_HELP, "wifi": Level.NOT_YET})
    assert path == [
        Recommendation("p", "unlock", ("unlock",)),
        Recommendation("p", "settings", ("unlock", "wifi")),
        Recommendation("p", "wifi", ("wifi",)),
        Recommendation("q", "data", ("wifi",)),
    ]


def test_recommend_uses_the_levels_each_rule_names():
    """'with help' on wifi skips the rule meant only for 'not yet'."""
    path = recommend(guide(), {"wifi": Level.WITH_HELP})
    assert [r.ref for r in path] == [("p", "settings"), ("q", "data")]


def test_can_answers_recommend_nothing():
    """A client who can do every skill gets no lesson from rules about help or not yet."""
    answers = {"unlock": Level.CAN, "wifi": Level.CAN}
    assert recommend(guide(), answers) == []


def test_unanswered_and_unknown_skills_recommend_nothing():
    """Skills left blank (missing or None) and ids the guide does not know are ignored."""
    assert recommend(guide(), {}) == []
    assert recommend(guide(), {"unlock": None, "gone-skill": Level.NOT_YET}) == []


def test_recommend_accepts_stored_level_strings():
    """Answers read back from the database as plain strings work like levels."""
    assert recommend(guide(), {"wifi": "not-yet"}) == recommend(guide(), {"wifi": Level.NOT_YET})
    with pytest.raises(ValueError):
        recommend(guide(), {"wifi": "maybe"})


def test_recommend_can_leave_out_lessons_that_are_not_installed():
    """With lesson_exists, missing lessons drop out and the rest keep their order."""
    path = recommend(guide(), {"wifi": Level.NOT_YET}, lesson_exists=lambda p, _l: p == "p")
    assert [r.ref for r in path] == [("p", "wifi"), ("p", "settings")]


def test_compare_reports_better_same_worse_and_new_in_guide_order():
    """Each skill answered in the later intake gets its change, in the checklist's order."""
    before = {"email": Level.WITH_HELP, "unlock": Level.NOT_YET, "wifi": Level.CAN}
    after = {"wifi": Level.WITH_HELP, "unlock": Level.CAN, "email": Level.WITH_HELP}
    assert compare(guide(), before, after) == [
        SkillChange("unlock", Level.NOT_YET, Level.CAN, "better"),
        SkillChange("wifi", Level.CAN, Level.WITH_HELP, "worse"),
        SkillChange("email", Level.WITH_HELP, Level.WITH_HELP, "same"),
    ]


def test_compare_marks_skills_first_answered_later_as_new():
    """A skill skipped before is 'new'; a skill skipped in the later intake is left out."""
    changes = compare(guide(), {"unlock": Level.NOT_YET}, {"wifi": "with-help"})
    assert changes == [SkillChange("wifi", None, Level.WITH_HELP, "new")]


def test_levels_rank_from_not_yet_to_can():
    """Ranks order the answers for reports and comparisons."""
    assert Level.NOT_YET.rank < Level.WITH_HELP.rank < Level.CAN.rank
    assert [level.value for level in Level] == ["can", "with-help", "not-yet"]


def test_skill_text_follows_the_language_fallback_chain():
    """fr_CA reads the French statement; a language without text falls back to the default."""
    s = skill("unlock")
    assert s.text("fr_CA", "en") == "Je peux unlock."
    assert s.text("ar", "en") == "I can unlock."

"""The built-in intake guide is complete and points to real client lessons; bad guides are
refused with file:line problems."""

from pathlib import Path

import pytest

from navigator import paths
from navigator.content.intake import check_intake_guide, check_rule_lessons, load_intake_guide
from navigator.content.loader import load_pack
from navigator.content.problems import PackError
from navigator.core.intake import AREAS, IntakeGuide, Level, recommend
from navigator.core.model import Audience, Pack
from navigator.library import builtin_pack_folders

LANGUAGES = ("en", "fr", "ar", "es")
MAX_WORDS = 12


@pytest.fixture(scope="module")
def builtin() -> IntakeGuide:
    return load_intake_guide(paths.intake_guide_path())


@pytest.fixture(scope="module")
def client_pack() -> Pack:
    return load_pack(paths.curriculum_dir() / "client-lessons")


def test_builtin_guide_loads_without_problems():
    """curriculum/intake/intake.yaml reads with no error and no warning."""
    guide, problems = check_intake_guide(paths.intake_guide_path())
    assert [str(p) for p in problems] == []
    assert guide is not None and guide.id == "intake" and guide.default_language == "en"


def test_builtin_guide_has_fifteen_skills_in_known_areas(builtin: IntakeGuide):
    """Exactly 15 skills, unique ids, each in one of the report areas, every area used."""
    assert len(builtin.skills) == 15
    assert len(set(builtin.skill_ids)) == 15
    assert {s.area for s in builtin.skills} == set(AREAS)


def test_every_skill_is_a_short_statement_in_four_languages(builtin: IntakeGuide):
    """en, fr, ar and es texts exist, are at most 12 words and end like a sentence."""
    for skill in builtin.skills:
        for lang in LANGUAGES:
            text = skill.texts.get(lang, "")
            assert text, (skill.id, lang)
            assert len(text.split()) <= MAX_WORDS, (skill.id, lang, text)
            assert text.endswith("."), (skill.id, lang, text)
        assert skill.texts["en"].startswith("I can "), skill.id


def test_every_skill_picture_is_valid_svg(builtin: IntakeGuide, qapp):
    """Each skill has its own picture, a small wordless SVG that Qt renders."""
    from PySide6.QtSvg import QSvgRenderer

    assert len({s.picture for s in builtin.skills}) == len(builtin.skills)
    for skill in builtin.skills:
        path = builtin.picture_path(skill)
        assert path is not None and path.is_file(), skill.id
        assert QSvgRenderer(str(path)).isValid(), skill.id
        source = path.read_text(encoding="utf-8")
        assert "<text" not in source and "viewBox" in source, skill.id
        assert path.stat().st_size < 8_000, skill.id


def test_every_rule_points_to_an_existing_client_lesson(builtin: IntakeGuide,
                                                         client_pack: Pack):
    """Rules name lessons of the built-in client pack whose audience is client."""
    def exists(pack_id: str, lesson_id: str) -> bool:
        return pack_id == client_pack.id and lesson_id in client_pack.lessons

    assert check_rule_lessons(builtin, exists) == []
    for rule in builtin.rules:
        assert rule.when, rule.skill_id
        for _pack_id, lesson_id in rule.lessons:
            assert client_pack.lessons[lesson_id].audience is Audience.CLIENT


def test_most_skills_lead_to_lessons_and_every_client_lesson_is_reachable(
        builtin: IntakeGuide, client_pack: Pack):
    """At least 12 of the 15 skills have a rule, and every client lesson can be recommended."""
    with_rules = {rule.skill_id for rule in builtin.rules}
    assert len(with_rules) >= 12
    named = {lesson for rule in builtin.rules for _pack, lesson in rule.lessons}
    assert named == set(client_pack.lessons)


def test_builtin_answers_give_a_sensible_path(builtin: IntakeGuide, client_pack: Pack):
    """'I can' everywhere recommends nothing; 'not yet' everywhere starts with the basics."""
    assert recommend(builtin, dict.fromkeys(builtin.skill_ids, Level.CAN)) == []
    path = recommend(builtin, dict.fromkeys(builtin.skill_ids, Level.NOT_YET))
    assert len(path) == len(client_pack.lessons)
    assert path[0].lesson_id == "turn-on-and-unlock"


def test_the_intake_folder_is_not_installed_as_a_pack():
    """curriculum/intake has no pack.yaml: only the two lesson packs are built in."""
    folders = builtin_pack_folders(paths.curriculum_dir())
    assert [f.name for f in folders] == ["client-lessons", "staff-course"]


GOOD = """\
format_version: 1
id: intake
default_language: en
skills:
  - id: wifi
    area: internet
    picture: media/wifi.svg
    text:
      en: I can connect to Wi-Fi.
      fr: Je peux me connecter au Wi-Fi.
rules:
  - skill: wifi
    when: [not-yet, with-help]
    lessons: [client-lessons/connect-to-wifi]
"""

SECOND_WIFI = """\
  - id: wifi
    area: phone
    picture: media/wifi.svg
    text:
      en: I can use Wi-Fi.
rules:"""

# The one skill without its id (and so without the rule that names it).
NO_ID = GOOD[GOOD.index("  - id:"):GOOD.index("rules:")].replace(
    "  - id: wifi\n    area", "  - area")


def write_guide(folder: Path, text: str) -> Path:
    (folder / "media").mkdir(exist_ok=True)
    (folder / "media" / "wifi.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>', encoding="utf-8")
    (folder / "outside.svg").write_text("<svg/>", encoding="utf-8")
    path = folder / "intake.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_small_good_guide_loads(tmp_path: Path):
    """The minimal guide used below is valid, so each broken variant fails for one reason."""
    guide = load_intake_guide(write_guide(tmp_path, GOOD))
    assert guide.skill_ids == ("wifi",)
    assert guide.rules[0].lessons == (("client-lessons", "connect-to-wifi"),)
    assert guide.rules[0].when == {Level.NOT_YET, Level.WITH_HELP}
    assert guide.picture_path(guide.skills[0]) == tmp_path / "media" / "wifi.svg"


BAD = [
    ("invalid-yaml", "en: I can connect to Wi-Fi.", "en: I can: connect", 9, "not valid YAML"),
    ("newer-format", "format_version: 1", "format_version: 2", 1, "newer than this Navigator"),
    ("format-not-number", "format_version: 1", "format_version: one", 1, "whole number"),
    ("no-format", "format_version: 1\n", "", 1, "'format_version' is missing"),
    ("no-id", "id: intake\n", "", 1, "'id' is missing"),
    ("no-language", "default_language: en\n", "", 1, "'default_language' is missing"),
    ("skill-without-id", GOOD[GOOD.index("  - id:"):], NO_ID, 5, "this skill has no id"),
    ("skill-without-picture", "    picture: media/wifi.svg\n", "", 5, "has no picture"),
    ("skill-without-default-text", "      en: I can connect to Wi-Fi.\n", "", 8,
     "skill 'wifi': no text in the default language 'en'"),
    ("duplicate-skill", "rules:", SECOND_WIFI, 11, "'wifi' is used twice (also on line 5)"),
    ("missing-picture", "media/wifi.svg", "media/nothing.svg", 7, "does not exist"),
    ("picture-outside", "media/wifi.svg", "../outside.svg", 7, "outside the intake folder"),
    ("picture-absolute", "media/wifi.svg", "/etc/outside.svg", 7, "outside the intake folder"),
    ("unknown-area", "area: internet", "area: web", 6, "the area must be one of"),
    ("unknown-skill", "  - skill: wifi", "  - skill: wfi", 12, "'wfi', which is not in"),
    ("unknown-level", "[not-yet, with-help]", "[not-yet, sometimes]", 13,
     "'sometimes' is not an answer"),
    ("bad-lesson-ref", "[client-lessons/connect-to-wifi]", "[connect-to-wifi]", 14,
     "'connect-to-wifi' is not a lesson"),
]


@pytest.mark.parametrize(("old", "new", "line", "message"), [b[1:] for b in BAD],
                         ids=[b[0] for b in BAD])
def test_a_bad_guide_is_refused_with_its_line(tmp_path: Path, old: str, new: str, line: int,
                                              message: str):
    """Each mistake is reported once with the file and the line to fix."""
    assert old in GOOD
    path = write_guide(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(PackError) as caught:
        load_intake_guide(path)
    found = [(p.file, p.line, message in p.message) for p in caught.value.problems]
    assert found == [(path, line, True)], [str(p) for p in caught.value.problems]


def test_a_missing_guide_is_refused(tmp_path: Path):
    """A path with no file gives one problem naming the file."""
    guide, problems = check_intake_guide(tmp_path / "intake.yaml")
    assert guide is None and len(problems) == 1
    assert problems[0].file == tmp_path / "intake.yaml"


def test_lessons_that_are_not_installed_are_reported_at_their_rule(tmp_path: Path):
    """check_rule_lessons names the rule's line and the lesson that is missing."""
    guide = load_intake_guide(write_guide(tmp_path, GOOD))
    problems = check_rule_lessons(guide, lambda _pack, _lesson: False)
    assert [(p.file, p.line) for p in problems] == [(tmp_path / "intake.yaml", 12)]
    assert "connect-to-wifi" in problems[0].message and "client-lessons" in problems[0].message


def test_a_picture_that_links_outside_the_folder_is_refused(tmp_path: Path):
    """A symbolic link in media/ cannot smuggle in a file from elsewhere on the computer."""
    path = write_guide(tmp_path, GOOD.replace("media/wifi.svg", "media/link.svg"))
    try:
        (tmp_path / "media" / "link.svg").symlink_to(tmp_path / "outside.svg")
    except OSError:
        pytest.skip("this system cannot make symbolic links")
    guide, problems = check_intake_guide(path)
    assert guide is None
    assert [(p.line, "is a link" in p.message) for p in problems] == [(7, True)]

"""Built-in packs validate; broken packs are refused with file:line messages."""

from pathlib import Path

import pytest

from navigator import paths
from navigator.content.loader import check_pack, load_pack
from navigator.content.problems import PackError
from navigator.core.model import QuestionType, StepKind
from navigator.library import builtin_pack_folders
from tests.conftest import BROKEN, SAMPLE_PACK

BUILTIN = builtin_pack_folders(paths.curriculum_dir())


def test_there_is_at_least_one_builtin_pack():
    """The app ships a curriculum."""
    assert BUILTIN, "curriculum/ has no pack"


@pytest.mark.parametrize("folder", BUILTIN, ids=[p.name for p in BUILTIN])
def test_every_builtin_pack_validates_without_warnings(folder: Path):
    """Each pack under curriculum/ loads with no error and no warning."""
    pack, problems = check_pack(folder)
    assert [str(p) for p in problems] == []
    assert pack is not None and pack.lessons


def test_builtin_packs_together_use_every_feature_of_the_format():
    """Pictures, practice, every kind of question, branches, assessments, translations."""
    packs = [load_pack(folder) for folder in BUILTIN]
    steps = [s for pack in packs for lesson in pack.lessons.values()
             for s in lesson.default.steps]
    assert any(s.kind is StepKind.PRACTICE for s in steps)
    assert {s.question.type for s in steps if s.question and s.is_graded} == set(QuestionType)
    assert any(s.branch for s in steps)
    assert any("](media/" in s.body for s in steps)
    assert any(m.assessment for pack in packs for m in pack.modules)
    for pack in packs:
        assert len(pack.languages) >= 2, pack.id
        for lesson in pack.lessons.values():
            assert lesson.default.objectives, lesson.id
            for step in lesson.default.steps:
                if step.question and step.question.type is not QuestionType.ORDER:
                    assert all(o.feedback for o in step.question.options), (lesson.id, step.id)


def test_sample_pack_is_read_into_the_model():
    """Steps, markers, options, feedback and explanations are parsed as written."""
    pack = load_pack(SAMPLE_PACK)
    lesson = pack.lessons["first-lesson"]
    assert lesson.minutes == 5 and lesson.languages == ["en", "fr"]
    assert [s.id for s in lesson.default.steps] == [
        "step-1", "try-power", "q-power", "q-locks", "step-5"]
    practice = lesson.default.steps[1]
    assert practice.kind is StepKind.PRACTICE and not practice.is_graded
    check = lesson.default.steps[2]
    assert check.question is not None
    assert check.question.prompt == "Your client's phone is off. What do you press?"
    assert [o.correct for o in check.question.options] == [False, True, False]
    assert check.question.options[1].feedback == "Yes. A short press only wakes the screen."
    assert check.question.explanation.startswith("Tip: if nothing happens")
    assert lesson.default.steps[3].question.type is QuestionType.MULTIPLE
    assert lesson.check_questions == 2
    assert lesson.text_for("fr_CA").title == "Allumer un téléphone"


EXPECTED = {
    "missing-manifest": "pack.yaml: the pack has no pack.yaml",
    "missing-manifest-field": "pack.yaml:1: 'license' is missing",
    "duplicate-lesson-id": "pack.yaml:20: the lesson id 'intro' is used twice (also on line 15)",
    "no-correct-option": "lessons/intro.en.md:13: the question has no right option",
    "bad-front-matter": "lessons/intro.en.md:4: the front matter is not valid",
    "image-outside-pack": "lessons/intro.en.md:13: the picture '../secret.png' is outside "
                          "the pack",
    "remote-image": "lessons/intro.en.md:11: the picture 'https://example.org/pixel.png' is "
                    "outside the pack",
    "future-format-version": "pack.yaml:1: format_version 2 is newer than this Navigator "
                             "understands",
    "not-utf8": "lessons/intro.en.md:11: is not UTF-8 text",
    "translation-mismatch": "lessons/intro.fr.md:13: the options differ from the en lesson",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_pack_fails_with_file_and_line(name: str):
    """Each broken pack is refused and its first error names the file and line."""
    folder = BROKEN / name
    pack, problems = check_pack(folder, display_root=Path(name))
    errors = [str(p) for p in problems if not p.warning]
    assert pack is None
    assert errors[0].startswith(f"{name}/{EXPECTED[name]}"), errors
    with pytest.raises(PackError):
        load_pack(folder)


def test_every_broken_fixture_has_an_expectation():
    """No broken pack fixture goes untested."""
    assert sorted(p.name for p in BROKEN.iterdir() if p.is_dir()) == sorted(EXPECTED)


def test_option_without_feedback_is_a_warning_not_an_error(tmp_path: Path):
    """Missing feedback is reported with its line but does not refuse the pack."""
    import shutil

    shutil.copytree(SAMPLE_PACK, tmp_path / "p")
    lesson = tmp_path / "p" / "lessons" / "second-lesson.en.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n## Quiz {check}\n\n- [x] A\n"
                      "- [ ] B\n  > No.\n", encoding="utf-8")
    option_line = lesson.read_text(encoding="utf-8").splitlines().index("- [x] A") + 1
    pack, problems = check_pack(tmp_path / "p")
    assert pack is not None
    warnings = [p for p in problems if p.warning]
    assert len(warnings) == 1 and warnings[0].line == option_line
    assert "no feedback" in warnings[0].message


def test_version_keeps_its_digits(tmp_path: Path):
    """'version: 1.10' stays 1.10 (YAML would read it as the number 1.1)."""
    import shutil

    shutil.copytree(SAMPLE_PACK, tmp_path / "p")
    manifest = tmp_path / "p" / "pack.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "version: 1.0.0", "version: 1.10"), encoding="utf-8")
    assert load_pack(tmp_path / "p").version == "1.10"

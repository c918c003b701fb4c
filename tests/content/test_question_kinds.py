"""True/false, order, spot and scenario questions: how they are read, and how mistakes in
writing them are reported with their line."""

import shutil
from pathlib import Path

import pytest

from navigator.content.loader import check_pack, load_pack
from navigator.core.model import QuestionType, StepKind
from tests.conftest import SAMPLE_PACK


def test_every_kind_is_read_as_written():
    """The sample lesson's five questions keep their kind, spots, links and picture."""
    lesson = load_pack(SAMPLE_PACK).lessons["question-kinds"]
    steps = {s.id: s for s in lesson.default.steps}
    kinds = {sid: s.question.type for sid, s in steps.items() if s.question}
    assert kinds == {"qk-tf": QuestionType.TRUE_FALSE, "qk-order": QuestionType.ORDER,
                     "qk-spot": QuestionType.SPOT, "qk-scenario": QuestionType.SCENARIO,
                     "qk-branch": QuestionType.SINGLE}
    order = steps["qk-order"].question
    assert [o.text for o in order.options] == ["Open Settings", "Tap Wi-Fi",
                                               "Choose the network", "Type the password"]
    assert order.options[0].feedback == "Everything starts in Settings."
    spot = steps["qk-spot"].question
    assert spot.picture == "media/phone.svg"
    assert spot.picture_alt == "A phone with a button on its right edge"
    assert "media/phone.svg" not in spot.prompt and spot.prompt == "Tap the power button."
    assert spot.options[0].spot == (43.0, 42.0, 6.0, 13.0)
    assert steps["qk-scenario"].question.options[1].next_step == "qk-branch"
    branch = steps["qk-branch"]
    assert branch.branch and branch.kind is StepKind.PRACTICE and not branch.is_graded
    assert lesson.check_questions == 4


def test_branch_steps_are_skipped_unless_a_choice_leads_there():
    """Next after the scenario goes to the branch only for the choice that links to it."""
    text = load_pack(SAMPLE_PACK).lessons["question-kinds"].default
    scenario, branch, end = (text.step_index(i) for i in ("qk-scenario", "qk-branch",
                                                           "qk-end"))
    assert text.next_index(scenario, (1,)) == branch
    assert text.next_index(scenario, (0,)) == end
    assert text.next_index(branch) == end
    assert text.next_index(end) is None
    assert branch not in text.main_steps


def _pack_with(tmp_path: Path, body: str, translation: str | None = None) -> Path:
    root = tmp_path / "p"
    shutil.copytree(SAMPLE_PACK, root)
    (root / "lessons" / "question-kinds.fr.md").unlink()
    lesson = root / "lessons" / "question-kinds.en.md"
    lesson.write_text("---\nid: question-kinds\ntitle: Kinds\nminutes: 3\nobjectives:\n"
                      "  - Try.\n---\n\n" + body, encoding="utf-8")
    if translation is not None:
        (root / "lessons" / "question-kinds.fr.md").write_text(
            "---\nid: question-kinds\ntitle: Types\n---\n\n" + translation, encoding="utf-8")
    return root


BAD = {
    "true-false-with-three-options": (
        "## Q {truefalse}\n\nSure?\n\n- [x] True\n  > a\n- [ ] False\n  > b\n- [ ] Maybe\n"
        "  > c\n", 9, "a true-or-false question has exactly two options"),
    "order-written-as-options": (
        "## Q {order}\n\nOrder these.\n\n- [x] One\n- [x] Two\n- [x] Three\n", 9,
        "write the steps of an order question as a numbered list"),
    "order-too-short": (
        "## Q {order}\n\nOrder these.\n\n1. One\n2. Two\n", 13,
        "an order question has 3 to 8 steps, not 2"),
    "spot-without-picture": (
        "## Q {spot}\n\nTap it.\n\n- [x] Here {spot 1,1,5,5}\n  > a\n- [ ] There "
        "{spot 50,50,5,5}\n  > b\n", 9, "a spot question shows exactly one picture"),
    "spot-outside-the-picture": (
        "## Q {spot}\n\nTap it.\n\n![A phone](media/phone.svg)\n\n- [x] Here {spot 90,1,20,5}"
        "\n  > a\n- [ ] There {spot 50,50,5,5}\n  > b\n", 15, "'90,1,20,5' is not a spot"),
    "spot-option-without-place": (
        "## Q {spot}\n\nTap it.\n\n![A phone](media/phone.svg)\n\n- [x] Here\n  > a\n"
        "- [ ] There {spot 50,50,5,5}\n  > b\n", 15, "give this spot its place"),
    "next-outside-scenario": (
        "## Q\n\nPick.\n\n- [x] A {next #b}\n  > a\n- [ ] B\n  > b\n\n## B {branch #b}\n\nx\n",
        13, "'{next ...}' only works in a scenario question"),
    "next-to-missing-step": (
        "## Q {scenario}\n\nPick.\n\n- [x] A\n  > a\n- [ ] B {next #nowhere}\n  > b\n", 15,
        "this choice leads to '#nowhere', but no step has that id"),
    "next-to-step-not-marked-branch": (
        "## Q {scenario}\n\nPick.\n\n- [x] A\n  > a\n- [ ] B {next #later}\n  > b\n\n"
        "## Later {#later}\n\nx\n", 15, "the step '#later' this choice leads to must be marked"),
    "branch-nobody-reaches": (
        "## Intro\n\nx\n\n## Lost {branch #lost}\n\ny\n", 13,
        "no choice leads to this branch step"),
    "branch-marked-check": (
        "## Q {scenario}\n\nPick.\n\n- [x] A\n  > a\n- [ ] B {next #b}\n  > b\n\n"
        "## B {branch check #b}\n\n- [x] C\n  > c\n- [ ] D\n  > d\n", 18,
        "a branch step never counts for marks"),
    "two-kinds-at-once": (
        "## Q {order spot}\n\nx\n", 9, "a question is of one kind only"),
    "unknown-option-marker": (
        "## Q\n\nPick.\n\n- [x] A {jump #b}\n  > a\n- [ ] B\n  > b\n", 13,
        "unknown option marker '{jump}'"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_badly_written_question_is_refused_with_its_line(tmp_path: Path, name: str):
    """Each mistake gives one error naming the file and the line to fix."""
    body, line, message = BAD[name]
    pack, problems = check_pack(_pack_with(tmp_path, body))
    errors = [p for p in problems if not p.warning]
    assert pack is None
    assert any(p.line == line and message in p.message
               and p.file.name == "question-kinds.en.md" for p in errors), \
        [str(p) for p in errors]


GOOD_SCENARIO = ("## Q {scenario check #q}\n\nPick.\n\n- [x] A\n  > a\n- [ ] B {next #b}\n"
                 "  > b\n\n## B {branch #b}\n\nThen.\n")


def test_translation_must_keep_links_and_spots(tmp_path: Path):
    """A translation whose choice leads elsewhere is refused at that step's line."""
    moved = GOOD_SCENARIO.replace("- [x] A\n", "- [x] A {next #b}\n").replace(
        "- [ ] B {next #b}\n", "- [ ] B\n")
    pack, problems = check_pack(_pack_with(tmp_path, GOOD_SCENARIO, moved))
    assert pack is None
    assert any(p.file.name == "question-kinds.fr.md" and p.line == 6
               and "the options differ" in p.message for p in problems), \
        [str(p) for p in problems]
    pack, problems = check_pack(_pack_with(tmp_path / "ok", GOOD_SCENARIO, GOOD_SCENARIO))
    assert pack is not None, [str(p) for p in problems]


def test_manifest_translation_credits_and_assessment_are_checked(tmp_path: Path):
    """A credit without 'reviewed' and an assessment outside the module are refused."""
    root = tmp_path / "p"
    shutil.copytree(SAMPLE_PACK, root)
    manifest = root / "pack.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("    reviewed: true\n", "").replace(
        "assessment: question-kinds", "assessment: first-lesson")
    manifest.write_text(text, encoding="utf-8")
    _pack, problems = check_pack(root)
    messages = [p.message for p in problems]
    assert any("say who translated 'fr'" in m for m in messages), messages
    assert any("the assessment 'first-lesson' must be one of the module's lessons" in m
               for m in messages), messages


def test_objective_with_a_colon_gets_a_message_that_says_how_to_fix_it(tmp_path: Path):
    """'- Check: ...' is read by YAML as a name and value; the message says to quote it."""
    root = _pack_with(tmp_path, "## Intro\n\nText.\n")
    lesson = root / "lessons" / "question-kinds.en.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        "  - Try.", "  - Check: the phone is on."), encoding="utf-8")
    pack, problems = check_pack(root)
    assert pack is None
    assert any(p.line == 5 and "put that objective between double quotes" in p.message
               for p in problems), [str(p) for p in problems]

"""Questions as forms: every question of the built-in packs survives form -> Markdown -> parse,
each kind is written as readable Markdown, and broken drafts are reported with their line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from navigator.content.authoring import (
    OptionDraft,
    QuestionDraft,
    check_question_markdown,
    question_markdown,
    read_question_step,
    replace_step,
    split_steps,
    step_at,
    suggest_id,
)
from navigator.content.lessonfile import parse_lesson_source
from navigator.content.problems import Problems
from navigator.core.model import QuestionType
from tests.conftest import ROOT

LESSON_FILES = sorted((ROOT / "curriculum").glob("*/lessons/*.md"))


def _parse(text: str, path: Path):
    root = path.parent.parent
    problems = Problems(root)
    parsed = parse_lesson_source(text, path, path.name.split(".")[1], root, problems)
    assert parsed is not None, [str(p) for p in problems.errors]
    return parsed.text.steps


def test_every_built_in_question_survives_the_form():
    """Read each question step into a draft, write it back, and the lesson parser reads
    the same question, title, id, kind and branch as before."""
    assert len(LESSON_FILES) > 100
    questions = 0
    for path in LESSON_FILES:
        text = path.read_text(encoding="utf-8")
        before = _parse(text, path)
        lines = text.splitlines()
        rewritten = text
        for block in reversed(split_steps(text)):
            draft = read_question_step("\n".join(lines[block.start:block.end]))
            step = next(s for s in before if s.line == block.start + 1)
            assert (draft is None) == (step.question is None), (path, block)
            if draft is not None:
                questions += 1
                assert draft.step_id == (block.step_id or "")
                rewritten = replace_step(rewritten, block, question_markdown(draft))
        after = _parse(rewritten, path)
        assert [dataclasses.replace(s, line=0) for s in after] == \
            [dataclasses.replace(s, line=0) for s in before], path
    assert questions > 500


def test_markers_of_the_built_in_packs_are_kept():
    """Apart from a 'multiple' the options already imply, the markers stay the same."""
    for path in LESSON_FILES:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for block in split_steps(text):
            draft = read_question_step("\n".join(lines[block.start:block.end]))
            if draft is None:
                continue
            again = split_steps(question_markdown(draft))[0]
            implied = {"multiple"} if draft.kind is QuestionType.MULTIPLE else set()
            implied |= {"check"} if draft.graded else {"practice"}
            assert set(again.markers) - implied == set(block.markers) - implied, block


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    (root / "media").mkdir(parents=True)
    (root / "media" / "phone.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")
    return root


def _options(*marks: bool) -> list[OptionDraft]:
    return [OptionDraft(f"Option {i}", m, f"Because {i}.") for i, m in enumerate(marks, 1)]


def test_a_one_answer_question_reads_like_the_guide():
    draft = QuestionDraft(QuestionType.SINGLE, "Which button?", "power-button", True, False,
                          "Which button do you press?", options=_options(True, False),
                          explanation="Tip: charge it first.")
    draft.options[1].feedback = "No.\n\nThe volume buttons only change the sound."
    assert question_markdown(draft) == (
        "## Which button? {check #power-button}\n\n"
        "Which button do you press?\n\n"
        "- [x] Option 1\n  > Because 1.\n"
        "- [ ] Option 2\n  > No.\n  >\n  > The volume buttons only change the sound.\n\n"
        "Tip: charge it first.\n")
    assert read_question_step(question_markdown(draft)) == draft


@pytest.mark.parametrize(("draft", "markers"), [
    (QuestionDraft(QuestionType.MULTIPLE, "Pick", "m", options=_options(True, False)),
     "{multiple check #m}"),
    (QuestionDraft(QuestionType.MULTIPLE, "Pick", "m", options=_options(True, True, False)),
     "{check #m}"),
    (QuestionDraft(QuestionType.TRUE_FALSE, "Safe?", "", False, prompt="Wi-Fi is safe.",
                   options=[OptionDraft("True", False, "No."), OptionDraft("False", True,
                                                                            "Yes.")]),
     "{truefalse practice}"),
    (QuestionDraft(QuestionType.ORDER, "Steps", "o", prompt="Put them in order.",
                   options=[OptionDraft("Open"), OptionDraft("Tap", feedback="Then."),
                            OptionDraft("Close")]),
     "{order check #o}"),
    (QuestionDraft(QuestionType.SPOT, "Where?", "s", prompt="Tap it.",
                   picture="media/phone.svg", picture_alt="A phone",
                   options=[OptionDraft("Right edge", True, "Yes.", (43.0, 42.5, 6, 13)),
                            OptionDraft("Screen", False, "No.", (18, 20, 24, 60))]),
     "{spot check #s}"),
])
def test_each_kind_is_written_valid_and_read_back(pack: Path, draft: QuestionDraft,
                                                  markers: str):
    markdown = question_markdown(draft)
    assert markdown.splitlines()[0].endswith(" " + markers)
    assert check_question_markdown(markdown, pack, "en") == []
    back = read_question_step(markdown)
    assert back is not None
    if draft.kind is QuestionType.ORDER:
        for option in draft.options:
            option.correct = True  # every step of an order question is "right"
    assert back == draft


def test_spot_numbers_and_order_feedback_are_readable():
    spot = QuestionDraft(QuestionType.SPOT, "Where?", "s", picture="media/phone.svg",
                         picture_alt="A phone",
                         options=[OptionDraft("Edge", True, "Yes.", (43.0, 42.5, 6.1234, 13)),
                                  OptionDraft("Screen", False, "No.", (18, 20, 24, 60))])
    assert "- [x] Edge {spot 43,42.5,6.12,13}\n" in question_markdown(spot)
    order = QuestionDraft(QuestionType.ORDER, "Steps", options=[
        OptionDraft("A", feedback="First."), OptionDraft("B"), OptionDraft("C")])
    assert "1. A\n   > First.\n2. B\n3. C\n" in question_markdown(order)


def test_a_scenario_and_its_branch_step_each_check_alone(pack: Path):
    scenario = QuestionDraft(QuestionType.SCENARIO, "Locked", "start", prompt="Amina is locked.",
                             options=[OptionDraft("Read the message", True, "Yes."),
                                      OptionDraft("Try again", False, "No.", next_step="more")])
    branch = QuestionDraft(QuestionType.SCENARIO, "Locked for a day", "more", branch=True,
                           options=_options(True, False))
    assert "- [ ] Try again {next #more}\n" in question_markdown(scenario)
    assert question_markdown(branch).startswith("## Locked for a day {scenario branch #more}")
    for draft in (scenario, branch):
        assert check_question_markdown(question_markdown(draft), pack, "en") == []
        back = read_question_step(question_markdown(draft))
        assert back == dataclasses.replace(draft, graded=not draft.branch)


def test_broken_drafts_are_reported_on_their_line(pack: Path):
    none_right = question_markdown(QuestionDraft(QuestionType.SINGLE, "Q", "q", prompt="Pick.",
                                                 options=_options(False, False)))
    problems = check_question_markdown(none_right, pack, "en")
    assert [(p.line, p.warning) for p in problems] == [(1, False)]
    assert "no right option" in problems[0].message
    assert read_question_step(none_right) is None

    outside = question_markdown(QuestionDraft(
        QuestionType.SPOT, "Where?", "s", picture="media/missing.svg", picture_alt="A phone",
        options=[OptionDraft("Edge", True, "Yes.", (90, 10, 20, 10)),
                 OptionDraft("Screen", False, "No.", (10, 10, 10, 10))]))
    lines = outside.splitlines()
    problems = check_question_markdown(outside, pack, "en")
    assert {p.line for p in problems if not p.warning} == {
        lines.index("![A phone](media/missing.svg)") + 1,
        next(i for i, line in enumerate(lines) if line.startswith("- [x]")) + 1}

    silent = question_markdown(QuestionDraft(QuestionType.SINGLE, "Q", "q",
                                             options=[OptionDraft("A", True, "Yes."),
                                                      OptionDraft("B")]))
    problems = check_question_markdown(silent, pack, "en")
    assert [(p.line, p.warning) for p in problems] == [(5, True)]
    assert "no feedback" in problems[0].message


def test_text_steps_and_bad_markers_are_not_questions():
    assert read_question_step("## Turn it on {#on}\n\nPress the button.\n") is None
    assert read_question_step("## Q {check wrong #q}\n\n- [x] A\n- [ ] B\n") is None
    assert read_question_step("## Q {branch check #q}\n\n- [x] A\n- [ ] B\n") is None
    assert read_question_step("Not a step\n") is None


TEXT = """---
id: demo
title: Demo
---

## First {#first}

Some text.

```
## not a step
```
## Second {practice #second}

- [x] A
- [ ] B
## Third
Last line.
"""


def test_steps_are_found_outside_code_and_front_matter():
    blocks = split_steps(TEXT)
    assert [(b.start, b.end, b.title, b.step_id, b.markers) for b in blocks] == [
        (5, 12, "First", "first", ("#first",)),
        (12, 16, "Second", "second", ("practice", "#second")),
        (16, 18, "Third", None, ())]
    assert step_at(TEXT, 9) == blocks[0]
    assert step_at(TEXT, 17) == blocks[2]
    assert step_at(TEXT, 2) is None


def test_replacing_a_step_keeps_one_blank_line_between_steps():
    blocks = split_steps(TEXT)
    new = replace_step(TEXT, blocks[1], "## Second {check #second}\n\n- [x] A\n- [ ] C\n\n\n")
    assert "```\n\n## Second {check #second}\n\n- [x] A\n- [ ] C\n\n## Third\n" in new
    assert new.endswith("Last line.\n")
    last = replace_step(new, split_steps(new)[2], "## Third\n\nNew end.")
    assert last.endswith("- [ ] C\n\n## Third\n\nNew end.\n")


def test_suggested_ids_are_ascii_short_and_unique():
    assert suggest_id("Éteindre le téléphone !", set()) == "eteindre-le-telephone"
    assert suggest_id("Wi-Fi", {"wi-fi", "wi-fi-2"}) == "wi-fi-3"
    long = suggest_id("word " * 40, set())
    assert len(long) <= 64 and not long.endswith("-")
    assert len(suggest_id("word " * 40, {long})) <= 64
    assert suggest_id("مرحبا", set()) == "step"
    assert suggest_id("مرحبا", {"step"}, fallback="step") == "step-2"

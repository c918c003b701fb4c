"""The question parser on any step body: a sound question, a text step, or a clear problem.

The patterns that read options, markers and pictures were rewritten to stay fast on 100 KB
lines; here they are also checked against the original patterns, which stay the reference
for what they find on ordinary text.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from navigator.content import lessonfile, media, questions
from navigator.content.problems import Problems
from navigator.core.model import QuestionType
from tests.property.strategies import ODD, assert_clear, odd_text

ROOT = Path("/pack")
PATH = ROOT / "lessons" / "x.en.md"
MARKERS = [None, *QuestionType]

line_text = st.one_of(st.text(max_size=20), odd_text)
OPTION_TAILS = ["", " {spot 10,10,20,20}", " {spot 90,90,20,20}", " {spot a,b}", " {next #b}",
                " {next b}", " {next #B}", " {other}", " {spot}", "{", "}"]
body_line = st.one_of(
    st.builds("- [{}] {}{}".format, st.sampled_from([" ", "x", "X", "y", ""]), line_text,
              st.sampled_from(OPTION_TAILS)),
    st.builds("  > {}".format, line_text),
    st.builds("{}. {}".format, st.integers(0, 120), line_text),
    st.builds("![{}]({})".format, line_text, st.sampled_from(
        ["media/dot.svg", "media/a b.png", "https://x.org/p.png", "../p.png", ""])),
    st.sampled_from(["", "```", "~~~", "Prompt?", "    indented", "* [x] star", "+ [ ] plus"]),
    line_text)


@given(marker=st.sampled_from(MARKERS), lines=st.lists(body_line, max_size=12))
def test_any_step_body_is_a_sound_question_or_a_clear_problem(marker, lines):
    """Options of any shape and number, feedback, spots, links, pictures and fences: the
    parser gives a question the player can show, nothing, or problems on the step's lines."""
    body = list(enumerate(lines, start=11))
    problems = Problems(ROOT)
    parsed = questions.parse_question(marker, body, 10, PATH, problems)
    assert_clear(problems.items, ROOT)
    lines_used = {10} | {n for n, _line in body}
    assert {p.line for p in problems.items} <= lines_used
    if parsed is None:
        return  # a text step, or a broken question (then the lesson is refused)
    question = parsed.question
    options = question.options
    assert len(parsed.option_lines) == len(options)
    assert set(parsed.option_lines) <= lines_used
    assert all(o.text.strip() == o.text and o.text for o in options)
    if question.type is QuestionType.ORDER:
        assert questions.MIN_ORDER <= len(options) <= questions.MAX_ORDER
        return
    right = sum(o.correct for o in options)
    assert len(options) >= 2 and right >= 1
    assert question.type is not QuestionType.SINGLE or right == 1
    if question.type is QuestionType.TRUE_FALSE:
        assert len(options) == 2 and right == 1
    if question.type is QuestionType.SPOT:
        assert right == 1 and question.picture and all(o.spot for o in options)
        for left, top, width, height in (o.spot for o in options if o.spot):
            assert width > 0 and height > 0 and left + width <= 100.5 and top + height <= 100.5
    if question.type is not QuestionType.SCENARIO:
        assert all(o.next_step is None for o in options)


# The original patterns, kept as the reference for what the linear ones must find.
OLD_PICTURE = media.PICTURE
OLD_HTML_IMG = media.HTML_IMG
OLD = {
    "heading": (re.compile(r"^##(?!#)\s*(?P<title>.*?)\s*$"), lessonfile.STEP_HEADING),
    "option": (re.compile(r"^[-*+]\s+\[(?P<mark>[ xX])\]\s+(?P<text>.*\S)\s*$"),
               questions.OPTION),
    "order": (re.compile(r"^\d{1,2}[.)]\s+(?P<text>.*\S)\s*$"), questions.ORDER_ITEM),
}
OLD_SEARCH = {
    "markers": (re.compile(r"\s*\{(?P<markers>[^{}]*)\}\s*$"), lessonfile.MARKERS),
    "suffix": (re.compile(r"\s*\{\s*(?P<word>[a-z]+)(?P<value>[^{}]*)\}\s*$"),
               questions.SUFFIX),
}
PIECES = ["!", "[", "]", "(", ")", "<", ">", "\"", " ", "\t", "a", "x", "src=", "<img ", "<IMG",
          "![", "](", "media/a.png", "{", "}", "spot", "next", "#", "##", "- [x]", "1.", "`"]
pieceful = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(ODD)),
                    max_size=25).map("".join)


def spans(matches) -> list[tuple[int, int, dict]]:
    return [(m.start(), m.end(), m.groupdict()) for m in matches]


@settings(max_examples=300)
@example(text="![](a![](  b)")  # a source that does not close, then one that starts after it
@example(text="![a ![b](media/x.png)")
@example(text="<img <img src=a> <IMG x")
@given(text=pieceful)
def test_the_fast_picture_finders_find_what_the_patterns_find(text):
    """Same pictures, same places, same descriptions and sources as ``finditer``."""
    assert spans(media.pictures(text)) == spans(OLD_PICTURE.finditer(text))
    assert spans(media.html_pictures(text)) == spans(OLD_HTML_IMG.finditer(text))


@settings(max_examples=300)
@given(text=pieceful, name=st.sampled_from(sorted(OLD) + sorted(OLD_SEARCH)))
def test_the_linear_patterns_read_lines_as_the_original_ones(text, name):
    """Headings, options, order items: same match, same groups. Markers and option
    suffixes: same groups, starting where the original did or after spaces it took."""
    if name in OLD:
        old, new = OLD[name]
        before, after = old.match(text), new.match(text)
        assert (before is None) == (after is None)
        assert before is None or before.groupdict() == after.groupdict()
        return
    old, new = OLD_SEARCH[name]
    before, after = old.search(text), new.search(text)
    assert (before is None) == (after is None)
    if before is not None and after is not None:
        assert before.groupdict() == after.groupdict()
        assert before.start() == after.start() or (
            before.end() == after.end() and text[before.start():after.start()].isspace())

"""Reading a question from a step's lines: prompt, options (or steps to order), feedback.

Every kind of question is written as a list under the prompt (see ``docs/pack-format.md``):
``- [x]`` / ``- [ ]`` options, or for an order question a numbered list in the right order.
An option may end with ``{spot L,T,W,H}`` (its region on the picture) or ``{next #id}`` (the
branch step a scenario choice leads to).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from navigator.content.manifest import ID_PATTERN
from navigator.content.media import pictures as find_pictures
from navigator.content.problems import Problems
from navigator.core.model import Option, Question, QuestionType, Spot
from navigator.i18n import _

# The text runs from its first to its last non-space: written '\S(?:.*\S)?' rather than
# '.*\S' so that a line of 100 KB of spaces is read once, not once per space.
OPTION = re.compile(r"^[-*+]\s+\[(?P<mark>[ xX])\]\s+(?P<text>\S(?:.*\S)?)\s*$")
ORDER_ITEM = re.compile(r"^\d{1,2}[.)]\s+(?P<text>\S(?:.*\S)?)\s*$")
FEEDBACK = re.compile(r"^\s+>\s?(?P<text>.*)$")
FENCE = re.compile(r"^\s*(```|~~~)")
# Tried only where a run of spaces starts, and the value cannot start with a letter (the
# word takes them all): both keep a 100 KB option text from being read once per character.
SUFFIX = re.compile(r"(?<!\s)\s*\{\s*(?P<word>[a-z]+)(?P<value>(?:[^{}a-z][^{}]*)?)\}\s*$")
NUMBER = r"\s*(\d+(?:\.\d+)?)\s*"
SPOT_VALUE = re.compile(rf"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$")

TYPE_MARKERS = {
    "multiple": QuestionType.MULTIPLE,
    "truefalse": QuestionType.TRUE_FALSE,
    "order": QuestionType.ORDER,
    "spot": QuestionType.SPOT,
    "scenario": QuestionType.SCENARIO,
}
MIN_ORDER, MAX_ORDER = 3, 8


@dataclass
class _Item:
    line: int
    text: list[str]
    correct: bool
    feedback: list[str] = field(default_factory=list)


@dataclass
class ParsedQuestion:
    """A question and the line of each of its options (for messages about links)."""

    question: Question
    option_lines: list[int]


def parse_question(marker: QuestionType | None, body: list[tuple[int, str]], heading_line: int,
                   path: Path, problems: Problems) -> ParsedQuestion | None:
    """The question in ``body``; ``None`` when the body has no options or they are wrong.

    Problems are reported; the caller tells a text step from a broken question by whether
    ``problems`` grew.
    """
    ordered = marker is QuestionType.ORDER
    prompt, items, explanation = _split(body, ordered, path, problems)
    if not items:
        if ordered and any(OPTION.match(line) for _n, line in body):
            problems.error(path, heading_line, _(
                "write the steps of an order question as a numbered list in the right "
                "order: '1. ', '2. ', '3. '"))
        return None
    options: list[Option] = []
    lines: list[int] = []
    ok = True
    for item in items:
        text = " ".join(item.text)
        spot: Spot | None = None
        next_step: str | None = None
        suffix = SUFFIX.search(text)
        if suffix:
            text = text[: suffix.start()].rstrip()
            word, value = suffix.group("word"), suffix.group("value").strip()
            if word == "spot" and marker is QuestionType.SPOT:
                spot = _spot(value, item.line, path, problems)
                ok = ok and spot is not None
            elif word == "next" and marker is QuestionType.SCENARIO:
                if not value.startswith("#") or not ID_PATTERN.match(value[1:]):
                    problems.error(path, item.line, _(
                        "write where the choice leads as {next #step-id}, with the id of a "
                        "later step marked 'branch'"))
                    ok = False
                else:
                    next_step = value[1:]
            elif word in ("spot", "next"):
                problems.error(path, item.line, _(
                    "'{{{word} ...}}' only works in a {kind} question: add '{kind}' to the "
                    "step's markers").format(word=word,
                                             kind="spot" if word == "spot" else "scenario"))
                ok = False
            else:
                problems.error(path, item.line, _(
                    "unknown option marker '{{{word}}}': use {{spot LEFT,TOP,WIDTH,HEIGHT}} "
                    "or {{next #step-id}}").format(word=word))
                ok = False
        elif marker is QuestionType.SPOT:
            problems.error(path, item.line, _(
                "give this spot its place on the picture: end the option with "
                "{spot LEFT,TOP,WIDTH,HEIGHT} (percent of the picture)"))
            ok = False
        options.append(Option(text, item.correct, "\n".join(item.feedback).strip(),
                              spot, next_step))
        lines.append(item.line)
    if not ok:
        return None
    qtype = _check_counts(marker, options, lines, heading_line, path, problems)
    if qtype is None:
        return None
    picture = alt = ""
    if qtype is QuestionType.SPOT:
        pictures = find_pictures(prompt)
        if len(pictures) != 1:
            problems.error(path, heading_line, _(
                "a spot question shows exactly one picture to tap: write one "
                "![description](media/FILE) line before the options"))
            return None
        found = pictures[0]
        picture, alt = found.group("src"), found.group("alt").strip()
        prompt = (prompt[: found.start()] + prompt[found.end():]).strip()
    question = Question(qtype, prompt, tuple(options), explanation, picture, alt)
    return ParsedQuestion(question, lines)


def _check_counts(marker: QuestionType | None, options: list[Option], lines: list[int],
                  heading_line: int, path: Path, problems: Problems) -> QuestionType | None:
    right = sum(1 for o in options if o.correct)
    if marker is QuestionType.ORDER:
        if not MIN_ORDER <= len(options) <= MAX_ORDER:
            problems.error(path, lines[0], _(
                "an order question has {min} to {max} steps, not {count}").format(
                    min=MIN_ORDER, max=MAX_ORDER, count=len(options)))
            return None
        return marker
    if len(options) < 2:
        problems.error(path, lines[0], _("the question needs at least two options"))
        return None
    if right == 0:
        problems.error(path, heading_line, _("the question has no right option: mark at "
                                             "least one option with [x]"))
        return None
    if marker is QuestionType.TRUE_FALSE and (len(options) != 2 or right != 1):
        problems.error(path, heading_line, _(
            "a true-or-false question has exactly two options, the word for true and the "
            "word for false, and one of them marked [x]"))
        return None
    if marker is QuestionType.SPOT and right != 1:
        problems.error(path, heading_line, _(
            "a spot question has exactly one right spot marked [x]"))
        return None
    for line, option in zip(lines, options, strict=True):
        if not option.feedback:
            problems.warn(path, line, _("this option has no feedback: add an indented line "
                                        "starting with '>' that says why it is right or wrong"))
    if marker is None:
        return QuestionType.MULTIPLE if right > 1 else QuestionType.SINGLE
    return marker


def _spot(value: str, line: int, path: Path, problems: Problems) -> Spot | None:
    found = SPOT_VALUE.match(value)
    numbers = [float(g) for g in found.groups()] if found else []
    if (not numbers or any(n > 100 for n in numbers) or numbers[2] <= 0 or numbers[3] <= 0
            or numbers[0] + numbers[2] > 100.5 or numbers[1] + numbers[3] > 100.5):
        problems.error(path, line, _(
            "'{value}' is not a spot: write four numbers, LEFT,TOP,WIDTH,HEIGHT in percent of "
            "the picture, that stay inside it (like 40,20,10,15)").format(value=value))
        return None
    left, top, width, height = numbers
    return (left, top, width, height)


def _split(body: list[tuple[int, str]], ordered: bool, path: Path, problems: Problems
           ) -> tuple[str, list[_Item], str]:
    """Prompt lines, then the list items (with feedback), then the explanation."""
    pattern = ORDER_ITEM if ordered else OPTION
    prompt: list[str] = []
    after: list[str] = []
    items: list[_Item] = []
    current: _Item | None = None
    state = "prompt"
    in_fence = False
    for number, line in body:
        if FENCE.match(line):
            in_fence = not in_fence
        found = None if in_fence else pattern.match(line)
        if found:
            if state == "after":
                problems.error(path, number, _("options must stand together in one list: "
                                               "move this option up to the others"))
                continue
            correct = ordered or found.group("mark") in "xX"
            current = _Item(number, [found.group("text").strip()], correct)
            items.append(current)
            state = "options"
            continue
        if state == "options" and current is not None:
            feedback = FEEDBACK.match(line)
            if feedback:
                current.feedback.append(feedback.group("text").rstrip())
                continue
            if not line.strip():
                continue
            if line[:1].isspace() and not current.feedback:
                current.text.append(line.strip())
                continue
            current = None
            state = "after"
        (prompt if state == "prompt" else after).append(line)
    return "\n".join(prompt).strip(), items, "\n".join(after).strip()

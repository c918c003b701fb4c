"""Reading one lesson file: front matter, then steps split at ``## `` headings.

Questions are written as a task list (``- [x]`` right, ``- [ ]`` wrong) with an indented
``>`` feedback line under each option; see ``docs/pack-format.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from navigator.content.manifest import ID_PATTERN, read_text
from navigator.content.markup import check_markup
from navigator.content.media import check_pictures
from navigator.content.problems import Problems
from navigator.content.questions import TYPE_MARKERS, ParsedQuestion, parse_question
from navigator.content.yamltext import YamlDoc, YamlSyntaxError
from navigator.core.model import (
    Audience,
    LessonText,
    QuestionType,
    Step,
    StepKind,
)
from navigator.i18n import _

# Both linear in the length of the line (a hostile 100 KB heading took 45 s): the title
# runs from its first to its last non-space; markers are tried where a run of spaces starts.
STEP_HEADING = re.compile(r"^##(?!#)\s*(?P<title>(?:\S(?:.*\S)?)?)\s*$")
MARKERS = re.compile(r"(?<!\s)\s*\{(?P<markers>[^{}]*)\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class LessonFile:
    """What one ``LESSON.LANG.md`` file says."""

    lesson_id: str
    language: str
    text: LessonText
    minutes: int | None = None
    audience: Audience | None = None
    tags: tuple[str, ...] = ()
    has_objectives: bool = False
    meta: dict[str, Any] = field(default_factory=dict)


def parse_lesson_file(path: Path, language: str, root: Path,
                      problems: Problems) -> LessonFile | None:
    """Parse ``path``; problems (with lines) go to ``problems``; ``None`` when unusable."""
    raw = read_text(path, problems)
    if raw is None:
        return None
    return parse_lesson_source(raw, path, language, root, problems)


def parse_lesson_source(raw: str, path: Path, language: str, root: Path,
                        problems: Problems) -> LessonFile | None:
    """Parse the text of a lesson file (``path`` names it in problems; pictures are looked
    up under ``root``). The editor's preview parses the text being typed this way."""
    lines = raw.removeprefix("\ufeff").splitlines()
    before = len(problems.errors)
    if not lines or lines[0].strip() != "---":
        problems.error(path, 1, _("the front matter is missing: start the file with a line "
                                  "'---', then 'id:', 'title:' ..., then another '---'"))
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.error(path, 1, _("the front matter is not closed: add a line '---' after "
                                  "the last 'name: value' line"))
        return None
    try:
        doc = YamlDoc("\n".join(lines[1:end]), first_line=2)
    except YamlSyntaxError as exc:
        problems.error(path, exc.line, _("the front matter is not valid ({problem}): each line "
                                         "is 'name: value', lists use '- ' or [a, b]")
                       .format(problem=exc))
        return None
    meta = doc.data
    if not isinstance(meta, dict):
        problems.error(path, 2, _("the front matter must be 'name: value' lines"))
        return None

    lesson_id = str(meta.get("id", ""))
    if "id" not in meta:
        problems.error(path, 2, _("the front matter has no 'id': add 'id: {id}'")
                       .format(id=path.name.split(".")[0]))
    elif not ID_PATTERN.match(lesson_id):
        problems.error(path, doc.line_of("id"), _(
            "'{value}' is not a valid id: use lowercase letters, digits and hyphens"
        ).format(value=lesson_id))
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.error(path, doc.line_of("title") if "title" in meta else 2,
                       _("the front matter needs a 'title:' with the lesson's title"))
        title = ""
    minutes: int | None = None
    if "minutes" in meta:
        value = meta["minutes"]
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 60:
            problems.error(path, doc.line_of("minutes"),
                           _("minutes must be a whole number from 1 to 60"))
        else:
            minutes = value
    audience: Audience | None = None
    if "audience" in meta:
        try:
            audience = Audience(meta["audience"])
        except ValueError:
            problems.error(path, doc.line_of("audience"),
                           _("audience must be 'staff' or 'client', not '{value}'")
                           .format(value=meta["audience"]))
    objectives: list[str] = []
    if "objectives" in meta:
        value = meta["objectives"]
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and any(isinstance(o, dict) for o in value):
            problems.error(path, doc.line_of("objectives"), _(
                "an objective contains ': ' (a colon and a space): put that objective "
                "between double quotes, like - \"Check: the phone is on\""))
        elif not isinstance(value, list) or not value or not all(
                isinstance(o, str) and o.strip() for o in value):
            problems.error(path, doc.line_of("objectives"), _(
                "objectives must be a list, one objective per line starting with '- '"))
        else:
            objectives = [o.strip() for o in value]
    tags: list[str] = []
    if "tags" in meta:
        value = meta["tags"]
        if not isinstance(value, list) or not all(isinstance(t, str | int) for t in value):
            problems.error(path, doc.line_of("tags"),
                           _("tags must be a list of words, like [wifi, data]"))
        else:
            tags = [str(t) for t in value]
    known = {"id", "title", "minutes", "audience", "objectives", "tags", "translated_from"}
    if "translated_from" in meta and not re.fullmatch(
            r"[0-9a-f]{12}", doc.raw("translated_from") or str(meta["translated_from"])):
        problems.warn(path, doc.line_of("translated_from"), _(
            "translated_from should be the 12 letters and digits Navigator wrote there "
            "(like 3fa2c19b07de): mark the translation current again in the pack editor"))
    for key in meta:
        if key not in known:
            problems.warn(path, doc.line_of(str(key)), _(
                "'{key}' is not a front matter field and is ignored (known fields: {known})"
            ).format(key=key, known=", ".join(sorted(known))))

    steps = _parse_steps(lines, end + 1, path, root, problems)
    if len(problems.errors) != before:
        return None
    text = LessonText(language=language, title=str(title).strip(),
                      objectives=tuple(objectives), steps=tuple(steps), path=path)
    return LessonFile(lesson_id, language, text, minutes, audience, tuple(tags),
                      bool(objectives), meta)


def _parse_steps(lines: list[str], start: int, path: Path, root: Path,
                 problems: Problems) -> list[Step]:
    """Split the body into steps; ``start`` is the 0-based index of the first body line."""
    chunks: list[tuple[int, str, list[tuple[int, str]]]] = []
    in_fence = False
    for i in range(start, len(lines)):
        line, number = lines[i], i + 1
        if FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else STEP_HEADING.match(line)
        if heading:
            chunks.append((number, heading.group("title"), []))
        elif chunks:
            chunks[-1][2].append((number, line))
        elif line.strip() and not line.startswith("# "):
            problems.error(path, number, _("text before the first step: start each step with "
                                           "a line beginning with '## '"))
            return []
    if not chunks:
        problems.error(path, start + 1 if start < len(lines) else len(lines),
                       _("the lesson has no steps: start each step with a line beginning "
                         "with '## ' and its title"))
        return []
    steps: list[Step] = []
    questions: list[ParsedQuestion | None] = []
    seen: dict[str, int] = {}
    for index, (number, heading, body) in enumerate(chunks, start=1):
        result = _parse_step(index, number, heading, body, path, root, problems)
        if result is None:
            continue
        step, question = result
        if step.id in seen:
            problems.error(path, number, _("the step id '{id}' is used twice (also on line "
                                           "{other})").format(id=step.id, other=seen[step.id]))
        seen[step.id] = number
        steps.append(step)
        questions.append(question)
    if steps and steps[0].branch:
        problems.error(path, steps[0].line, _("the first step cannot be a branch step"))
    _check_links(steps, questions, path, problems)
    return steps


def _parse_step(index: int, number: int, heading: str, body: list[tuple[int, str]],
                path: Path, root: Path, problems: Problems
                ) -> tuple[Step, ParsedQuestion | None] | None:
    step_id = f"step-{index}"
    kind: StepKind | None = None
    qtype: QuestionType | None = None
    branch = False
    found = MARKERS.search(heading)
    if found:
        heading = heading[: found.start()].rstrip()
        for token in found.group("markers").split():
            if token.startswith("#"):
                if not ID_PATTERN.match(token[1:]):
                    problems.error(path, number, _(
                        "'{token}' is not a valid step id: after '#' use lowercase letters, "
                        "digits and hyphens").format(token=token))
                    return None
                step_id = token[1:]
            elif token in ("check", "practice"):
                kind = StepKind(token)
            elif token == "branch":
                branch = True
            elif token in TYPE_MARKERS:
                if qtype is not None:
                    problems.error(path, number, _(
                        "a question is of one kind only: keep one of {kinds}").format(
                            kinds=", ".join(TYPE_MARKERS)))
                    return None
                qtype = TYPE_MARKERS[token]
            else:
                problems.error(path, number, _(
                    "unknown marker '{token}': use check, practice, multiple, truefalse, "
                    "order, spot, scenario, branch or #step-id").format(token=token))
                return None
    if not heading:
        problems.error(path, number, _("the step has no title: write it after '## '"))
        return None
    if branch and kind is StepKind.CHECK:
        problems.error(path, number, _(
            "a branch step never counts for marks (the choice that leads to it does): "
            "remove 'check'"))
        return None

    check_pictures(body, path, root, problems)
    check_markup(body, path, problems)
    before = len(problems.errors)
    parsed = parse_question(qtype, body, number, path, problems)
    if parsed is None:
        if len(problems.errors) != before:
            return None
        if kind is not None or qtype is not None:
            problems.error(path, number, _(
                "the step is marked as a question but has no options: add lines starting "
                "with '- [ ]' (wrong) and '- [x]' (right)"))
            return None
        return Step(step_id, heading, StepKind.TEXT, _join(body), None, number, branch), None
    if kind is None:
        kind = StepKind.PRACTICE if branch else StepKind.CHECK
    question = parsed.question
    return Step(step_id, heading, kind, question.prompt, question, number, branch), parsed


def _check_links(steps: list[Step], parsed: list[ParsedQuestion | None], path: Path,
                 problems: Problems) -> None:
    """Every ``{next #id}`` leads to a later branch step; every branch step is reached."""
    where = {step.id: i for i, step in enumerate(steps)}
    reached: set[str] = set()
    for i, question in enumerate(parsed):
        if question is None:
            continue
        for line, option in zip(question.option_lines, question.question.options, strict=True):
            target = option.next_step
            if target is None:
                continue
            if target not in where:
                problems.error(path, line, _(
                    "this choice leads to '#{id}', but no step has that id").format(id=target))
            elif where[target] <= i:
                problems.error(path, line, _(
                    "a choice can only lead to a later step, not to '#{id}'").format(id=target))
            elif not steps[where[target]].branch:
                problems.error(path, line, _(
                    "the step '#{id}' this choice leads to must be marked 'branch'")
                    .format(id=target))
            else:
                reached.add(target)
    for step in steps:
        if step.branch and step.id not in reached:
            problems.error(path, step.line, _(
                "no choice leads to this branch step: end a scenario option with "
                "{{next #{id}}}").format(id=step.id))


def _join(body: list[tuple[int, str]]) -> str:
    return "\n".join(line for _n, line in body).strip()

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
from navigator.content.media import check_pictures
from navigator.content.problems import Problems
from navigator.content.yamltext import YamlDoc, YamlSyntaxError
from navigator.core.model import (
    Audience,
    LessonText,
    Option,
    Question,
    QuestionType,
    Step,
    StepKind,
)
from navigator.i18n import _

STEP_HEADING = re.compile(r"^##(?!#)\s*(?P<title>.*?)\s*$")
MARKERS = re.compile(r"\s*\{(?P<markers>[^{}]*)\}\s*$")
OPTION = re.compile(r"^[-*+]\s+\[(?P<mark>[ xX])\]\s+(?P<text>.*\S)\s*$")
FEEDBACK = re.compile(r"^\s+>\s?(?P<text>.*)$")
FENCE = re.compile(r"^\s*(```|~~~)")
MARKER_WORDS = {"check", "practice", "multiple"}


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
    lines = raw.splitlines()
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
        if not isinstance(value, list) or not value or not all(
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
    known = {"id", "title", "minutes", "audience", "objectives", "tags"}
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
    seen: dict[str, int] = {}
    for index, (number, heading, body) in enumerate(chunks, start=1):
        step = _parse_step(index, number, heading, body, path, root, problems)
        if step is None:
            continue
        if step.id in seen:
            problems.error(path, number, _("the step id '{id}' is used twice (also on line "
                                           "{other})").format(id=step.id, other=seen[step.id]))
        seen[step.id] = number
        steps.append(step)
    return steps


def _parse_step(index: int, number: int, heading: str, body: list[tuple[int, str]],
                path: Path, root: Path, problems: Problems) -> Step | None:
    step_id = f"step-{index}"
    kind: StepKind | None = None
    multiple = False
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
            elif token == "multiple":
                multiple = True
            else:
                problems.error(path, number, _(
                    "unknown marker '{token}': use check, practice, multiple or #step-id"
                ).format(token=token))
                return None
    if not heading:
        problems.error(path, number, _("the step has no title: write it after '## '"))
        return None

    check_pictures(body, path, root, problems)
    prompt, options, explanation = _split_question(body, path, problems)
    if not options:
        if kind is not None or multiple:
            problems.error(path, number, _(
                "the step is marked as a question but has no options: add lines starting "
                "with '- [ ]' (wrong) and '- [x]' (right)"))
            return None
        return Step(step_id, heading, StepKind.TEXT, _join(body), None, number)

    if len(options) < 2:
        problems.error(path, options[0][0], _("the question needs at least two options"))
        return None
    right = sum(1 for _line, o in options if o.correct)
    if right == 0:
        problems.error(path, number, _("the question has no right option: mark at least one "
                                       "option with [x]"))
        return None
    for line, option in options:
        if not option.feedback:
            problems.warn(path, line, _("this option has no feedback: add an indented line "
                                        "starting with '>' that says why it is right or wrong"))
    qtype = QuestionType.MULTIPLE if multiple or right > 1 else QuestionType.SINGLE
    question = Question(qtype, prompt, tuple(o for _line, o in options), explanation)
    return Step(step_id, heading, kind or StepKind.CHECK, prompt, question, number)


def _split_question(body: list[tuple[int, str]], path: Path, problems: Problems
                    ) -> tuple[str, list[tuple[int, Option]], str]:
    """Prompt lines, then the options (with feedback), then the explanation."""
    prompt: list[str] = []
    after: list[str] = []
    options: list[tuple[int, Option]] = []
    current: dict[str, Any] | None = None
    state = "prompt"
    in_fence = False

    def close() -> None:
        if current is not None:
            options.append((current["line"], Option(
                " ".join(current["text"]), current["correct"],
                "\n".join(current["feedback"]).strip())))

    for number, line in body:
        if FENCE.match(line):
            in_fence = not in_fence
        option = None if in_fence else OPTION.match(line)
        if option:
            if state == "after":
                problems.error(path, number, _("options must stand together in one list: "
                                               "move this option up to the others"))
                continue
            close()
            current = {"line": number, "text": [option.group("text").strip()],
                       "correct": option.group("mark") in "xX", "feedback": []}
            state = "options"
            continue
        if state == "options":
            feedback = FEEDBACK.match(line)
            if feedback and current is not None:
                current["feedback"].append(feedback.group("text").rstrip())
                continue
            if not line.strip():
                continue
            if line[:1].isspace() and current is not None and not current["feedback"]:
                current["text"].append(line.strip())
                continue
            close()
            current = None
            state = "after"
        (prompt if state == "prompt" else after).append(line)
    close()
    return "\n".join(prompt).strip(), options, "\n".join(after).strip()


def _join(body: list[tuple[int, str]]) -> str:
    return "\n".join(line for _n, line in body).strip()

"""Questions as forms and back: a draft a trainer edits, always saved as readable Markdown.

A trainer may prefer a form to the syntax of ``docs/pack-format.md`` (regions drawn on a
picture, a list of options with feedback). The form edits a ``QuestionDraft``; the draft is
written back as the same Markdown a trainer would type, and read again with the real lesson
parser, so a form never writes something the pack validator would not accept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from navigator.content.lessonfile import FENCE, MARKERS, STEP_HEADING, parse_lesson_source
from navigator.content.manifest import ID_PATTERN
from navigator.content.problems import Problem, Problems
from navigator.content.questions import TYPE_MARKERS, parse_question
from navigator.core.model import QuestionType

KIND_MARKERS = {kind: word for word, kind in TYPE_MARKERS.items()}
MAX_ID = 64


@dataclass
class OptionDraft:
    """One option as the form shows it; ``spot`` is L,T,W,H percent of the picture."""

    text: str = ""
    correct: bool = False
    feedback: str = ""
    spot: tuple[float, float, float, float] | None = None
    next_step: str | None = None


@dataclass
class QuestionDraft:
    """One question step as the form edits it (see ``question_markdown``).

    ``step_id`` "" writes no id; ``graded`` is check (True) or practice (False); a ``branch``
    step is never graded. For a spot question ``prompt`` leaves out the picture line, which
    ``picture`` and ``picture_alt`` hold. An order question's options are in the right order.
    """

    kind: QuestionType = QuestionType.SINGLE
    title: str = ""
    step_id: str = ""
    graded: bool = True
    branch: bool = False
    prompt: str = ""
    picture: str = ""
    picture_alt: str = ""
    options: list[OptionDraft] = field(default_factory=list)
    explanation: str = ""


@dataclass(frozen=True)
class StepBlock:
    """Where a step is in a lesson file's text: 0-based lines, ``end`` exclusive."""

    start: int
    end: int
    title: str
    step_id: str | None
    markers: tuple[str, ...]


def _number(value: float) -> str:
    """``43`` rather than ``43.0``; at most two decimals (a hundredth of a percent)."""
    return f"{round(float(value), 2):.2f}".rstrip("0").rstrip(".")


def _one_line(text: str) -> str:
    """Line breaks become spaces; other spaces (French non-breaking ones) stay as typed."""
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", text.strip())


def _markers(draft: QuestionDraft) -> list[str]:
    """Markers in a stable order: kind, check/practice, branch, #id."""
    markers: list[str] = []
    if draft.kind is QuestionType.MULTIPLE:
        if sum(1 for o in draft.options if o.correct) <= 1:
            markers.append("multiple")
    elif draft.kind is not QuestionType.SINGLE:
        markers.append(KIND_MARKERS[draft.kind])
    if draft.branch:
        markers.append("branch")  # a branch step is never graded: no check/practice needed
    else:
        markers.append("check" if draft.graded else "practice")
    if draft.step_id:
        markers.append("#" + draft.step_id)
    return markers


def question_markdown(draft: QuestionDraft) -> str:
    """The whole step block for ``draft``, as a trainer would type it (ends with a newline).

    ``## Title {markers}``, the prompt, the picture (spot questions), the options with their
    feedback as indented ``>`` lines, then the explanation.
    """
    parts = [f"## {_one_line(draft.title)} {{{' '.join(_markers(draft))}}}"]
    if draft.prompt.strip():
        parts.append(draft.prompt.strip())
    if draft.kind is QuestionType.SPOT and draft.picture:
        parts.append(f"![{_one_line(draft.picture_alt)}]({draft.picture.strip()})")
    ordered = draft.kind is QuestionType.ORDER
    lines: list[str] = []
    for number, option in enumerate(draft.options, start=1):
        text = _one_line(option.text)
        if draft.kind is QuestionType.SPOT and option.spot is not None:
            text += " {spot " + ",".join(_number(v) for v in option.spot) + "}"
        elif draft.kind is QuestionType.SCENARIO and option.next_step:
            text += " {next #" + option.next_step + "}"
        if ordered:
            lines.append(f"{number}. {text}")
        else:
            lines.append(f"- [{'x' if option.correct else ' '}] {text}")
        indent = "   " if ordered else "  "
        feedback = option.feedback.strip()
        if feedback:
            lines += [(f"{indent}> {line.rstrip()}" if line.strip() else f"{indent}>")
                      for line in feedback.splitlines()]
    if lines:
        parts.append("\n".join(lines))
    if draft.explanation.strip():
        parts.append(draft.explanation.strip())
    return "\n\n".join(parts) + "\n"


def _heading(line: str) -> tuple[str, list[str]] | None:
    """The title and marker tokens of a ``## `` line; ``None`` when it is not one."""
    found = STEP_HEADING.match(line)
    if not found:
        return None
    title = found.group("title")
    markers = MARKERS.search(title)
    if not markers:
        return title, []
    return title[: markers.start()].rstrip(), markers.group("markers").split()


def read_question_step(block: str) -> QuestionDraft | None:
    """The draft of a question step block; ``None`` for a text step or a block with errors.

    The options are read by the lesson parser's own ``parse_question``; the markers follow
    the lesson parser's rules (one kind, ``check`` or ``practice``, ``branch``, ``#id``).
    """
    lines = block.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    heading = _heading(lines[0]) if lines else None
    if heading is None or not heading[0]:
        return None
    title, tokens = heading
    qtype: QuestionType | None = None
    graded: bool | None = None
    branch = False
    step_id = ""
    for token in tokens:
        if token.startswith("#") and ID_PATTERN.match(token[1:]):
            step_id = token[1:]
        elif token in ("check", "practice"):
            graded = token == "check"
        elif token == "branch":
            branch = True
        elif token in TYPE_MARKERS and qtype is None:
            qtype = TYPE_MARKERS[token]
        else:
            return None
    if branch and graded:
        return None
    problems = Problems(Path())
    body = list(enumerate(lines[1:], start=2))
    parsed = parse_question(qtype, body, 1, Path("step.md"), problems)
    if parsed is None or problems.errors:
        return None
    question = parsed.question
    options = [OptionDraft(o.text, o.correct, o.feedback, o.spot, o.next_step)
               for o in question.options]
    return QuestionDraft(
        kind=question.type, title=title, step_id=step_id,
        graded=not branch and graded is not False, branch=branch, prompt=question.prompt,
        picture=question.picture, picture_alt=question.picture_alt, options=options,
        explanation=question.explanation)


def check_question_markdown(block: str, root: Path, language: str) -> list[Problem]:
    """Problems the lesson parser reports for this step alone; lines are the block's (1-based).

    The step is parsed inside a minimal lesson: a scenario step leading to it when it is a
    branch step, and a branch step for every ``{next #id}`` it names, so that only what is
    wrong with the step itself is reported. Pictures are checked against the pack at ``root``.
    """
    lines = block.rstrip("\n").splitlines()
    first = next((line for line in lines if line.strip()), "")
    heading = _heading(first)
    tokens = heading[1] if heading else []
    before: list[str] = []
    if "branch" in tokens:
        target = next((t[1:] for t in tokens if t.startswith("#")), "")
        before = ["## Lead-in {scenario practice #navigator-lead-in}", "",
                  "- [x] Go on {next #" + target + "}", "  > .", "- [ ] Stay", "  > .", ""]
    after: list[str] = []
    draft = read_question_step(block)
    targets = re.findall(r"\{\s*next\s+#([a-z0-9][a-z0-9-]*)\s*\}", block)
    if draft is not None:
        targets = [o.next_step for o in draft.options if o.next_step]
    for target in dict.fromkeys(targets):
        after += ["", f"## Branch {{branch #{target}}}", "", "Text."]
    front = ["---", "id: draft", "title: Draft", "---", ""]
    text = "\n".join([*front, *before, *lines, *after]) + "\n"
    path = Path(root) / "lessons" / f"draft.{language}.md"
    problems = Problems(Path(root))
    parse_lesson_source(text, path, language, Path(root), problems)
    offset, count = len(front) + len(before), len(lines)
    result: list[Problem] = []
    for problem in problems.items:
        line = problem.line - offset
        if 1 <= line <= count:
            result.append(Problem(problem.file, line, problem.message, problem.warning))
    return result


def split_steps(text: str) -> list[StepBlock]:
    """The steps of a lesson file's text; ``##`` inside fenced code and front matter ignored."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"),
                     len(lines))
    found: list[tuple[int, str, tuple[str, ...]]] = []
    in_fence = False
    for i in range(start, len(lines)):
        if FENCE.match(lines[i]):
            in_fence = not in_fence
            continue
        heading = None if in_fence else _heading(lines[i])
        if heading is not None:
            found.append((i, heading[0], tuple(heading[1])))
    blocks: list[StepBlock] = []
    for n, (i, title, markers) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(lines)
        step_id = next((m[1:] for m in markers if m.startswith("#")), None)
        blocks.append(StepBlock(i, end, title, step_id, markers))
    return blocks


def step_at(text: str, line: int) -> StepBlock | None:
    """The step that holds the 0-based ``line``; ``None`` in the front matter or before."""
    return next((b for b in split_steps(text) if b.start <= line < b.end), None)


def replace_step(text: str, block: StepBlock, markdown: str) -> str:
    """``text`` with ``block``'s lines replaced by ``markdown``, one blank line between steps."""
    lines = text.splitlines()
    head = lines[: block.start]
    while head and not head[-1].strip() and len(head) > 1 and not head[-2].strip():
        head.pop()
    if head and head[-1].strip():
        head.append("")
    new = markdown.strip("\n").splitlines()
    tail = lines[block.end:]
    if tail:
        new.append("")
    return "\n".join([*head, *new, *tail]) + "\n"


def suggest_id(title: str, taken: set[str], *, fallback: str = "step") -> str:
    """An id made from ``title`` (ASCII letters, digits, hyphens; é becomes e), unique in
    ``taken`` by adding -2, -3...; ``fallback`` when the title has no Latin letters."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:MAX_ID].strip("-")
    base = base or fallback
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
    return candidate

"""A lesson's front matter, whatever it holds: a lesson the app can use, or a clear problem.

The front matter is YAML between two '---' lines: any field may hold any value (a date
that does not exist, a list, 100 KB of text, NUL bytes), lines may be missing or doubled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from navigator.content.lessonfile import LessonFile, parse_lesson_source
from navigator.content.problems import Problems
from navigator.core.model import Audience
from tests.data.navpacks.make_corpus import LESSON, LESSON_TEXT, write_tiny_pack
from tests.property.strategies import (
    HOSTILE_YAML,
    ID,
    assert_clear,
    hostile_text,
    long_text,
    near_valid,
    yaml_values,
)

FRONT, _SEP, BODY = LESSON_TEXT.partition("\n---\n")
BASE: dict[str, Any] = yaml.safe_load(FRONT.removeprefix("---\n"))
FIELDS = [*BASE, "audience", "tags", "translated_from", "unknown"]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The tiny pack (its picture is there): only the lesson's text varies."""
    return write_tiny_pack(tmp_path / "tiny")


def parse(root: Path, text: str) -> tuple[LessonFile | None, Problems]:
    """Parse a lesson file's text; whatever it gives must keep the parser's promises."""
    problems = Problems(root)
    before = len(problems.errors)
    path = root / LESSON
    lesson = parse_lesson_source(text, path, "en", root, problems)
    assert_clear(problems.items, root)
    assert all(p.file == path for p in problems.items)
    if lesson is None:
        assert len(problems.errors) > before, "a refused lesson says why"
        return None, problems
    assert not problems.errors
    assert ID.fullmatch(lesson.lesson_id)
    assert lesson.text.title and lesson.text.title == lesson.text.title.strip()
    assert lesson.minutes is None or (type(lesson.minutes) is int and 1 <= lesson.minutes <= 60)
    assert lesson.audience is None or isinstance(lesson.audience, Audience)
    assert all(isinstance(o, str) and o and o == o.strip() for o in lesson.text.objectives)
    assert lesson.has_objectives == bool(lesson.text.objectives)
    assert all(isinstance(t, str) for t in lesson.tags)
    return lesson, problems


def with_front(data: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + BODY


@given(key=st.sampled_from(FIELDS), value=st.one_of(yaml_values, near_valid, st.just(...)))
def test_any_value_in_any_front_matter_field_is_read_or_refused_clearly(root, key, value):
    """id, title, minutes, objectives, tags... of any type, or missing."""
    data = dict(BASE)
    if value is ...:
        data.pop(key, None)
    else:
        data[key] = value
    lesson, _problems = parse(root, with_front(data))
    if lesson is not None and key == "title":
        assert lesson.text.title == value.strip()  # kept as written
    if lesson is not None and key == "id" and value is not ...:
        assert lesson.lesson_id == str(value)  # the loader then compares it with the name


@example(key="minutes", value=HOSTILE_YAML[1])  # 2021-02-30: a ValueError from PyYAML
@example(key="objectives", value=HOSTILE_YAML[-1])  # 30,000 nested lists
@given(key=st.sampled_from(FIELDS), value=st.one_of(st.sampled_from(HOSTILE_YAML), hostile_text))
def test_hostile_yaml_in_the_front_matter_is_a_problem_on_its_line(root, key, value):
    """Dates that do not exist, tags, aliases, deep nesting, NUL bytes written after
    'name: ' are a problem on a line of the front matter, never a crash."""
    lines = FRONT.splitlines()
    index = next((i for i, line in enumerate(lines) if line.startswith(key + ":")), 1)
    lines[index:index + 1] = [f"{key}: {value}"]
    lesson, problems = parse(root, "\n".join(lines) + "\n---\n" + BODY)
    if lesson is None:
        front_lines = range(1, len(lines) + len(value.splitlines()) + 3)
        assert any(p.line in front_lines for p in problems.errors)


@given(text=hostile_text)
@example(text="---\n")
@example(text="\ufeff---\nid: first\n---")
@example(text="---\n" + "- " * 40_000 + "\n---\n## A\n")
def test_any_text_as_a_lesson_file_is_read_or_refused_clearly(root, text):
    """Any text at all (no front matter, an unclosed one, a BOM, 100 KB): read or refused."""
    parse(root, text)


@settings(max_examples=20)
@given(key=st.sampled_from(["title", "objectives", "unknown", "tags"]), value=long_text)
def test_a_100_kb_front_matter_value_is_read_and_kept_as_written(root, key, value):
    """A 100 KB title or objective (quoted, so YAML keeps it whole) is read and kept as
    written (how fast: benchmarks/hostile_input.py)."""
    data = dict(BASE)
    data[key] = [value] if key in ("objectives", "tags") else value
    lesson, _problems = parse(root, with_front(data))
    if lesson is not None and key == "title":
        assert lesson.text.title == value.strip()

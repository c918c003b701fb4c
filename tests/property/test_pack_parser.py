"""The pack parser on hostile packs: a pack is read, or refused with file:line problems.

Never an unhandled exception, never a crash, never a hang: a pack someone sends may hold any
value in any field of pack.yaml, any text in a lesson, and 100 KB lines made to be slow.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from navigator.content.loader import check_pack, load_pack
from navigator.content.manifest import LANGUAGE_PATTERN
from navigator.content.problems import PackError
from navigator.core.model import Pack
from tests.data.navpacks.make_corpus import LESSON, LESSON_TEXT, PACK_YAML, write_tiny_pack
from tests.property.strategies import (
    HOSTILE_YAML,
    ID,
    ODD,
    VERSION,
    assert_clear,
    hostile_text,
    near_valid,
    yaml_values,
)

BASE: dict[str, Any] = yaml.safe_load(PACK_YAML)
TOP_KEYS = [*BASE, "description", "mastery", "translations", "unknown"]
MODULE_KEYS = ["id", "title", "lessons", "assessment", "description"]


@pytest.fixture
def pack_root(tmp_path: Path) -> Path:
    return write_tiny_pack(tmp_path / "tiny")


def read(root: Path) -> tuple[Pack | None, list]:
    """``check_pack`` and ``load_pack`` agree, and every problem is clear."""
    pack, problems = check_pack(root)
    assert_clear(problems, root)
    errors = [p for p in problems if not p.warning]
    if pack is None:
        assert errors, "a refused pack says why"
        with pytest.raises(PackError) as refused:
            load_pack(root)
        assert refused.value.problems == errors
    else:
        assert not errors
        assert_sound(pack)
    return pack, problems


def assert_sound(pack: Pack) -> None:
    """What a valid pack promises to the rest of the app (ids, versions, languages)."""
    assert ID.fullmatch(pack.id) and VERSION.fullmatch(pack.version), (pack.id, pack.version)
    assert LANGUAGE_PATTERN.match(pack.default_language)
    assert pack.titles.get(pack.default_language, "").strip()
    assert all(isinstance(a, str) and a.strip() for a in pack.authors) and pack.authors
    assert 1 <= pack.mastery <= 100 and pack.modules
    for module in pack.modules:
        assert ID.fullmatch(module.id) and module.lesson_ids
        assert module.assessment is None or module.assessment in module.lesson_ids
        for lesson_id in module.lesson_ids:
            lesson = pack.lessons[lesson_id]
            assert ID.fullmatch(lesson.id) and 1 <= lesson.minutes <= 60
            steps = lesson.default.steps
            assert steps and len({s.id for s in steps}) == len(steps)


def write_manifest(root: Path, data: dict[str, Any]) -> None:
    (root / "pack.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                    encoding="utf-8")


@given(key=st.sampled_from(TOP_KEYS),
       value=st.one_of(yaml_values, near_valid, st.just(...)))
def test_any_value_in_any_pack_field_is_read_or_refused_clearly(pack_root, key, value):
    """Whatever a pack.yaml field holds (a list for the id, a date for the version...), or
    when it is missing: a valid pack, or problems with a line."""
    data = dict(BASE)
    if value is ...:
        data.pop(key, None)
    else:
        data[key] = value
    write_manifest(pack_root, data)
    read(pack_root)


@given(key=st.sampled_from(MODULE_KEYS), value=st.one_of(yaml_values, near_valid))
def test_any_value_in_a_module_field_is_read_or_refused_clearly(pack_root, key, value):
    """A module's id, title, lessons or assessment of any type: read or refused."""
    data = yaml.safe_load(PACK_YAML)
    data["modules"][0][key] = value
    write_manifest(pack_root, data)
    read(pack_root)


IDENTITY = {"id": ("id",), "version": ("version",), "language": ("default_language",),
            "module": ("modules", 0, "id"), "lesson": ("modules", 0, "lessons", 0),
            "assessment": ("modules", 0, "assessment")}


EDGES = ["\n", "\r", "\t", " ", "\x00", "\x85", "\u2028", "\u200e", "\ufeff", "-", "_", "É"]


@settings(max_examples=200)
@given(field=st.sampled_from(sorted(IDENTITY)), odd=st.sampled_from(EDGES), after=st.booleans())
def test_an_id_version_or_language_with_an_odd_character_is_refused(pack_root, field, odd,
                                                                   after):
    """'tiny\n', '\u200etiny', '1.0.0\n', 'en\n': one character more than a valid value
    is refused, never kept in an id that names folders and database rows."""
    data = yaml.safe_load(PACK_YAML)
    data["modules"][0]["assessment"] = "first"
    *parents, last = IDENTITY[field]
    holder = data
    for key in parents:
        holder = holder[key]
    holder[last] = holder[last] + odd if after else odd + holder[last]
    write_manifest(pack_root, data)
    pack, _problems = read(pack_root)
    if pack is not None:  # only 'tiny-' and 'only-' are still valid ids
        assert odd == "-" and after and field in ("id", "module"), (field, pack.id)


@example(line=1, value=HOSTILE_YAML[-3])  # 50,000 nested lists: libyaml crashed the app
@example(line=10, value=HOSTILE_YAML[-2])
@example(line=15, value=HOSTILE_YAML[-1])
@given(line=st.integers(0, PACK_YAML.count("\n") - 1),
       value=st.one_of(st.sampled_from(HOSTILE_YAML), hostile_text))
def test_hostile_yaml_written_in_the_manifest_is_refused_clearly(pack_root, line, value):
    """Dates that do not exist, tags, aliases, 50,000 nested brackets, NUL bytes: the value
    of any line of pack.yaml replaced by them is a problem on a line, not a crash."""
    lines = PACK_YAML.splitlines()
    head, sep, _rest = lines[line].partition(": ") if ": " in lines[line] \
        else lines[line].partition("- ")
    lines[line] = head + (sep or ": ") + value
    (pack_root / "pack.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8",
                                         errors="surrogatepass")
    pack, problems = read(pack_root)
    if pack is None:
        assert any(p.file.name == "pack.yaml" or p.file.suffix == ".md" for p in problems)


@given(data=st.one_of(st.binary(max_size=300), hostile_text.map(
    lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_as_pack_yaml_are_refused_clearly(pack_root, data):
    """Not UTF-8, not YAML, not a mapping, or empty: pack.yaml is named in a problem."""
    (pack_root / "pack.yaml").write_bytes(data)
    pack, problems = read(pack_root)
    assert pack is None
    assert any(p.file == pack_root / "pack.yaml" for p in problems)


LINE_KINDS = st.one_of(
    st.sampled_from(["", "## Step", "## Step {check}", "## Step {#s2 practice}",
                     "## Q {truefalse}", "## Q {order}", "## Q {spot}", "## Q {scenario}",
                     "## B {branch #b}", "- [x] Yes", "- [ ] No", "  > Because", "1. One",
                     "2. Two", "3. Three", "- [x] There {spot 10,10,20,20}",
                     "- [ ] Go {next #b}", "![A dot](media/dot.svg)", "```", "~~~",
                     "[link](javascript:alert(1))", "<script>", "<img src=x onerror=y>",
                     "# Title"]),
    st.builds("{}{}".format, st.sampled_from(["", "## ", "- [x] ", "- [ ] ", "  > ", "1. ",
                                              "![", "[", "<a href=\""]), hostile_text))


@given(body=st.lists(LINE_KINDS, max_size=14))
def test_any_lesson_body_is_read_or_refused_clearly(pack_root, body):
    """Steps, questions, markers, pictures, links and fences in any order, with any text:
    the lesson is part of a valid pack, or its problems name the lesson file and a line."""
    front, _sep, _old = LESSON_TEXT.partition("\n## ")
    (pack_root / LESSON).write_text(front + "\n" + "\n".join(body) + "\n", encoding="utf-8")
    pack, problems = read(pack_root)
    if pack is None:
        assert any(p.file == pack_root / LESSON for p in problems)


# Pieces that made the parser's regular expressions slow when repeated on one line: each
# was quadratic (a 100 KB line took from 15 s to several minutes).
SLOW_PIECES = ["![", "![a](", "![a](x", "<img ", "`", "a`", " ", "{spot", "on", "{ ", "[a",
               "](", "<a ", "- [ ] ", "  ", "\t", "[]("]
PLACES = ["## A{}b", "## A {{{}", "{}", "- [x] A{}\n- [ ] B", "## Q {{spot}}\n- [x] a {{spot{}",
          "- [x] A\n  > {}\n- [ ] B", "- [ ] {}", "1. {}"]


@settings(max_examples=25)
@given(piece=st.one_of(st.sampled_from(SLOW_PIECES), st.sampled_from(ODD)),
       place=st.sampled_from(PLACES))
def test_a_lesson_with_a_100_kb_line_is_read_or_refused_clearly(tmp_path, piece, place):
    """A heading, paragraph, option or feedback of 100 KB of one repeated piece is read
    or refused in words (how fast, against the patterns that once took minutes:
    benchmarks/hostile_input.py)."""
    from navigator.content.lessonfile import parse_lesson_source
    from navigator.content.problems import Problems

    front, _sep, _old = LESSON_TEXT.partition("\n## ")
    line = place.format(piece * (100 * 1024 // len(piece)))
    problems = Problems(tmp_path)
    parse_lesson_source(front + "\n## Start\n\n" + line + "\n", tmp_path / "x.en.md", "en",
                        tmp_path, problems)
    assert_clear(problems.items, tmp_path)

"""What the property tests generate: hostile text, YAML values, and the checks they share."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import strategies as st

from navigator.content.problems import Problem

# Characters that break naive code: NUL and controls, RTL and invisible marks, line
# separators YAML and str.splitlines() read differently, a BOM, emoji with joiners.
ODD = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x0b", "\x0c", "\x1c", "\r", "\n", "\t",
       "\u200b", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066",
       "\u2069", "\u2028", "\u2029", "\ufeff", "\ufffd", "\uffff", "\U0010ffff",
       "👩\u200d👩\u200d👧", "🏳️\u200d🌈", "🙂", "\u0301", "ﷺ", "مرحبا", "שלום", "İ", "ß",
       "\\", '"', "'", "`", "{", "}", "[", "]", "#", "%", "&", "*", "!", "|", ">", "<",
       ":", "- ", "---", "## ", "=", "+", "-", "@"]
odd_text = st.lists(st.one_of(st.sampled_from(ODD), st.text(max_size=8)),
                    max_size=12).map("".join)
KB100 = 100 * 1024
# A 100 KB string: one short piece repeated (what a paste or a hostile file holds).
long_text = st.builds(lambda piece: (piece * (KB100 // max(1, len(piece)) + 1))[:KB100],
                      st.one_of(st.sampled_from(ODD), st.text(min_size=1, max_size=6)))
# Any text a person (or a file someone sends) may hold.
hostile_text = st.one_of(st.text(), odd_text, long_text)

# Scalars whose YAML is valid to the parser but not to the constructor, or that nest deep.
HOSTILE_YAML = ["2020-99-99", "2021-02-30 10:00:00", "!!int abc", "!!int 0x", "!!float x",
                "!!bool maybe", "!!timestamp x", "!!binary '!!'", "!!set 1", "!!omap 1",
                "!!null x", "&x [*x]", "*nowhere", "!!python/object/apply:os.system [ls]",
                '"\\0"', '"\\ud800"', '"\\x85a\\u2028b"', "~", "[]", "{}", "1e999", ".nan",
                "[a, [b]]", "{a: [1]}", "- - - x", "? a", "|\n  a", "\ufeff", "'\x00'",
                "[" * 50_000 + "]" * 50_000, "{a: " * 30_000 + "1" + "}" * 30_000,
                "- " * 30_000 + "x"]
yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(),
                         odd_text, st.dates(), st.datetimes())
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.one_of(st.text(max_size=6), st.integers()), children, max_size=3)),
    max_leaves=8)

ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
VERSION = re.compile(r"\d+(\.\d+){0,3}")
# Near misses: a valid id, version or language code with one odd character before or after
# ("tiny\n", "\u200etiny", "1.0\n", "en\n"): patterns that forget '$' also matches before
# a final newline let them through.
_valid_shapes = st.one_of(st.from_regex(ID, fullmatch=True), st.from_regex(VERSION,
                          fullmatch=True), st.sampled_from(["tiny", "only", "first", "en"]))
near_valid = st.one_of(
    st.builds("{}{}".format, _valid_shapes, st.sampled_from(ODD)),
    st.builds("{}{}".format, st.sampled_from(ODD), _valid_shapes))


def assert_clear(problems: list[Problem], root: Path | None = None) -> None:
    """Every problem names a file (inside ``root``) and a line, and says something."""
    for problem in problems:
        assert isinstance(problem.message, str) and problem.message.strip(), problem
        assert isinstance(problem.line, int) and problem.line >= 0, problem
        assert "Traceback" not in problem.message
        if root is not None:
            assert problem.file == root or root in problem.file.parents, problem
        assert str(problem).endswith(problem.message)

"""CSV export: every cell reads back as written, and none is run as a formula.

A spreadsheet runs a text cell as a formula when it starts with =, +, -, @ (or a tab or a
carriage return); a nickname, a topic or a lesson title can start that way. Numbers stay
numbers (a negative count is not a formula).
"""

from __future__ import annotations

import csv
import io
import math
from datetime import date, datetime, timezone
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from navigator.reports.csv_export import FORMULA_STARTS, cell, safe_text, write_csv
from navigator.reports.tables import Column, Table
from tests.property.strategies import KB100, hostile_text, odd_text

FORMULA = ("=", "+", "-", "@", "\t", "\r")
formula_text = st.builds("{}{}".format, st.sampled_from((*FORMULA, "\x00=", "\x00\x00+")),
                         st.one_of(st.sampled_from(["1+1", "HYPERLINK(\"http://x\")",
                                                    "cmd|'/c calc'!A1", "SUM(A1:A9)"]),
                                   odd_text))
texts = st.one_of(formula_text, hostile_text)
values = st.one_of(texts, st.none(), st.booleans(), st.integers(), st.floats(),
                   st.dates(), st.datetimes(timezones=st.just(timezone.utc)))


def expected(value: object) -> str:
    """What a spreadsheet should show for ``value``."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return repr(value) if isinstance(value, float) else str(value)
    return str(value).replace("\x00", "")


def is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


@given(text=texts)
@example(text="=1+1")
@example(text="-")
def test_safe_text_never_starts_a_formula_and_keeps_the_text(text):
    """A text cell that would start a formula gets one apostrophe before it; any other
    text is left exactly as it was."""
    shown = safe_text(text)
    assert not shown.startswith(FORMULA)
    assert shown == ("'" + text if text.startswith(FORMULA) else text)
    assert FORMULA_STARTS == FORMULA


def read_back(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a BOM, so Excel reads UTF-8"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@settings(max_examples=40)
@given(rows=st.lists(st.tuples(values, values, values), max_size=6),
       header=st.one_of(texts, st.just("Nickname")))
@example(rows=[("=HYPERLINK(\"http://x\")", -5, 2.5)], header="-Minus")
@example(rows=[("\x00@SUM(A1)", "+1", "x" * KB100)], header="@")
def test_every_cell_reads_back_and_no_text_cell_is_a_formula(tmp_path, rows, header):
    """Emoji, RTL marks, NUL bytes, line breaks, 100 KB cells, numbers and dates: the file
    opens with the same rows and columns, each cell as shown, and no cell starts a formula
    unless it is a number."""
    table = Table("t", [Column("a", header), Column("b", "Count", "count"),
                        Column("c", "When", "date")], list(rows))
    out = write_csv(table, tmp_path / "report.csv")
    lines = read_back(out)
    assert len(lines) == len(rows) + 1 and all(len(line) == 3 for line in lines)
    assert lines[0][0] == safe_text(header)  # headers are translated message ids
    for line, row in zip(lines[1:], rows, strict=True):
        for shown, value in zip(line, row, strict=True):
            plain = expected(value)
            if shown.startswith(FORMULA):  # only a number may: -5 is not a formula
                assert is_number(shown) and isinstance(value, int | float), (value, shown)
            if isinstance(value, str) and plain.startswith(FORMULA):
                assert shown == "'" + plain  # the apostrophe is not shown, the text is
            else:
                assert shown == plain, (value, shown)
    assert all(not c.startswith(FORMULA) for c in lines[0])


@given(value=st.one_of(st.sampled_from([math.inf, -math.inf, math.nan, -0.0, -1.5]),
                       st.floats(), st.integers(), st.dates(), st.datetimes()))
def test_numbers_and_dates_stay_numbers_and_dates(value):
    """A number is written as a number a spreadsheet reads (a negative one too); a date or
    time in ISO 8601; only a text is given an apostrophe."""
    shown = cell(value)
    if isinstance(value, datetime | date):
        assert shown == str(value)
    elif isinstance(value, float) and not math.isfinite(value):
        assert shown == ""  # not '-inf', a formula (#NAME?), nor 'nan
    else:
        assert is_number(shown) and float(shown) == value

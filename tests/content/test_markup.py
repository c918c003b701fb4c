"""Lesson Markdown that could run or embed something is refused with its line; safe text is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from navigator.content.markup import check_markup, link_scheme
from navigator.content.problems import Problems

FILE = Path("pack/lessons/x.en.md")


def errors_for(text: str, first_line: int = 20) -> list[tuple[int, str]]:
    problems = Problems(Path("pack"))
    body = list(enumerate(text.split("\n"), start=first_line))
    check_markup(body, FILE, problems)
    assert not problems.warnings
    return [(p.line, p.message) for p in problems.errors]


HARMFUL = {
    "script": ("<script>alert(1)</script>", "<script>"),
    "script in capitals": ("Text <SCRIPT src=x.js></SCRIPT>", "<script>"),
    "iframe": ('<iframe src="https://example.org"></iframe>', "<iframe>"),
    "object": ('<object data="x.swf"></object>', "<object>"),
    "embed": ('<embed src="x.swf">', "<embed>"),
    "style": ("<style>body { display: none }</style>", "<style>"),
    "form": ('<form action="https://evil.example">', "<form>"),
    "link tag": ('<link rel="stylesheet" href="https://x.example/a.css">', "<link>"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://x">', "<meta>"),
    "event handler": ('<img src="media/a.svg" alt="a" onerror="alert(1)">', "'onerror'"),
    "event handler after a quoted >": ('<b title=">" onclick="x()">hi</b>', "'onclick'"),
    "javascript link": ("[Win a prize](javascript:alert(1))", "'javascript:'"),
    "scheme in capitals": ("[Win](JavaScript:alert(1))", "'javascript:'"),
    "entity trick": ("[Win](jav&#x61;script:alert(1))", "'javascript:'"),
    "tab entity trick": ("[Win](java&Tab;script:alert(1))", "'javascript:'"),
    "data link": ("[Open](data:text/html;base64,PHNjcmlwdD4=)", "'data:'"),
    "vbscript autolink": ("<vbscript:msgbox(1)>", "'vbscript:'"),
    "file reference": ("[secret]: file:///etc/passwd", "'file:'"),
    "html href": ('<a href="javascript:void(0)">click</a>', "'javascript:'"),
    "html href single quotes": ("<a href='data:text/html,x'>click</a>", "'data:'"),
}


@pytest.mark.parametrize("name", HARMFUL)
def test_harmful_markup_is_an_error_on_its_line(name: str):
    """Each way of running or embedding something is refused, on the line it is written."""
    text, expected = HARMFUL[name]
    found = errors_for("Some text first.\n\n" + text)
    assert found, name
    assert all(line == 22 for line, _message in found)
    assert expected in found[0][1]


SAFE = {
    "web link": "[IRCC](https://www.canada.ca/) and [mail us](mailto:help@example.org)",
    "relative link": "[the next lesson](#step-2)",
    "autolink": "<https://creativecommons.org/licenses/by/4.0/>",
    "picture": "![A phone](media/phone.svg)",
    "formatting tags": "<b>bold</b>, <em>stress</em> and a line<br>break",
    "comparisons": "When 3 < 5 and 7 > 2, made-up tags like <linkage> or <scripted> pass",
    "prose with a colon": "Video uses a lot of data: use Wi-Fi when possible.",
    "inline code": "Never paste `<script>` or `javascript:` into the address bar.",
    "fenced code": "```\n<script>alert(1)</script>\n[x](javascript:alert(1))\n```",
    "words starting with on": '<span class="one">online=yes</span>',
}


@pytest.mark.parametrize("name", SAFE)
def test_ordinary_lesson_text_passes(name: str):
    """Links to the web, pictures, harmless tags and code shown as text are not errors."""
    assert errors_for(SAFE[name]) == []


def test_a_tag_over_several_lines_is_reported_where_it_starts():
    """An event handler on a later line of a multi-line tag still counts, at the tag's line."""
    found = errors_for('Intro.\n<img src="media/a.svg"\n     alt="a"\n     onload="steal()">',
                       first_line=40)
    assert [line for line, _m in found] == [41]
    assert "'onload'" in found[0][1]


def test_link_scheme_reads_targets_as_a_browser_would():
    """Entities, tabs and capitals cannot hide a scheme; relative targets have none."""
    assert link_scheme("jav&#x61;script:x") == "javascript"
    assert link_scheme(" JAVA\tSCRIPT:x") == "javascript"
    assert link_scheme("<https://x.org>") == "https"
    assert link_scheme("media/a.svg") is None
    assert link_scheme("#step-2") is None


def test_a_lesson_with_a_script_is_an_invalid_pack(tmp_path: Path):
    """Wired into lesson parsing: check_pack reports the script with file and line."""
    from navigator.content.loader import check_pack
    from tests.data.navpacks.make_corpus import BAD_LINE, with_line, write_tiny_pack

    folder = write_tiny_pack(tmp_path / "tiny", with_line('<iframe src="https://x.org">'))
    pack, problems = check_pack(folder)
    assert pack is None
    assert [(p.file.name, p.line) for p in problems] == [("first.en.md", BAD_LINE)]

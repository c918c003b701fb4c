"""Refusing lesson Markdown that could run or embed something, before anyone opens it.

The renderer (``render.py``) already strips scripts and unsafe links when it shows a lesson.
This check runs at validation time so that a trainer, and an agency importing a pack, learn
about such content with a ``file:line`` instead of a lesson that silently loses parts.
Pictures are checked by ``media.check_pictures``; this module looks at raw HTML and at the
targets of links.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from pathlib import Path

from navigator.content.problems import Problems
from navigator.i18n import _

ALLOWED_SCHEMES = {"http", "https", "mailto"}
UNSAFE_TAGS = ("script", "iframe", "object", "embed", "style", "form", "link", "meta", "base",
               "frame", "frameset", "applet")
FENCE = re.compile(r"^\s*(```|~~~)")
# A code span opens with a whole run of backticks (as in CommonMark): never from inside a
# run, which made a line of 100 KB of backticks take seconds per KB.
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
UNSAFE_TAG = re.compile(r"<(?P<tag>" + "|".join(UNSAFE_TAGS) + r")(?![a-z0-9-])",
                        re.IGNORECASE)
# Bounded so that a hostile file full of '<a' cannot make validation slow.
HTML_TAG = re.compile(r"<(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)"
                      r"(?P<attrs>(?:\"[^\"]{0,500}\"|'[^']{0,500}'|[^'\"<>]){0,500})>")
EVENT_ATTRIBUTE = re.compile(r"(?:^|[\s/\"'])(?P<name>on[a-z]+)\s*=", re.IGNORECASE)
URL_ATTRIBUTE = re.compile(
    r"(?:^|[\s/\"'])(?:href|src|action|formaction|data|poster|background|xlink:href)\s*=\s*"
    r"(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'>]+)", re.IGNORECASE)
# [text](target) but not ![text](target): pictures are media.check_pictures' business.
MARKDOWN_LINK = re.compile(r"(?<![!\\])\[(?:[^\[\]]|\[[^\[\]]*\])*\]"
                           r"\(\s*(?P<target><[^>\n]*>|(?:[^\s()]|\([^\s()]*\))*)")
AUTOLINK = re.compile(r"<(?P<target>[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*)>")
REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(?P<target><[^>\n]*>|\S+)", re.MULTILINE)
SCHEME = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]*):")
INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060\ufeff]+")


def check_markup(body: list[tuple[int, str]], path: Path, problems: Problems) -> None:
    """Report raw HTML that can run or embed things, and links to other than web/e-mail.

    ``body`` is a step's ``(line number, text)`` lines; fenced code blocks and `code spans`
    are ignored (they are shown as text, never run).
    """
    text, starts, numbers = _prose(body)
    if not text.strip():
        return

    def line_at(offset: int) -> int:
        return numbers[bisect_right(starts, offset) - 1]

    for match in UNSAFE_TAG.finditer(text):
        problems.error(path, line_at(match.start()), _(
            "the lesson contains the HTML tag <{tag}>, which could run or embed something: "
            "remove it and write the text in Markdown").format(tag=match.group("tag").lower()))
    for match in HTML_TAG.finditer(text):
        attrs = match.group("attrs")
        for event in EVENT_ATTRIBUTE.finditer(attrs):
            problems.error(path, line_at(match.start()), _(
                "the HTML tag <{tag}> has an '{attribute}' attribute, which could run a "
                "script: remove the attribute").format(tag=match.group("tag").lower(),
                                                      attribute=event.group("name").lower()))
        for url in URL_ATTRIBUTE.finditer(attrs):
            _check_target(url.group("value").strip("\"'"), line_at(match.start()), path,
                          problems)
    for pattern in (MARKDOWN_LINK, AUTOLINK, REFERENCE):
        for match in pattern.finditer(text):
            _check_target(match.group("target"), line_at(match.start("target")), path,
                          problems)


def link_scheme(target: str) -> str | None:
    """The scheme of a link target as a browser would read it (``jav&#x61;script:`` with
    tabs or entities included), lowercased; ``None`` for a relative target."""
    plain = INVISIBLE.sub("", html.unescape(target.strip("<>"))).lower()
    found = SCHEME.match(plain)
    return found.group("scheme") if found else None


def _check_target(target: str, line: int, path: Path, problems: Problems) -> None:
    scheme = link_scheme(target)
    if scheme is None or scheme in ALLOWED_SCHEMES:
        return
    problems.error(path, line, _(
        "the link '{target}' starts with '{scheme}:', which Navigator does not open: link "
        "only to web pages (https://...) or e-mail addresses (mailto:...)").format(
            target=target.strip("<>"), scheme=scheme))


def _prose(body: list[tuple[int, str]]) -> tuple[str, list[int], list[int]]:
    """The step's text without fenced blocks and code spans, with where each line starts."""
    lines: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    offset = 0
    in_fence = False
    for number, line in body:
        if FENCE.match(line):
            in_fence = not in_fence
            line = ""
        elif in_fence:
            line = ""
        line = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        lines.append(line)
        starts.append(offset)
        numbers.append(number)
        offset += len(line) + 1
    if not numbers:
        return "", [0], [0]
    return "\n".join(lines), starts, numbers

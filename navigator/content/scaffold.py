"""A new pack, and the small file-writing pieces the pack editor shares.

``new_pack`` writes a pack a trainer can open at once and replace bit by bit: it validates
with no problem at all, so every problem a trainer later sees is one they introduced.
Lesson files are edited line by line here (never re-dumped), so a trainer's own layout stays.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from navigator.content.authoring import suggest_id
from navigator.content.manifest import ID_PATTERN, LANGUAGE_PATTERN, MANIFEST_NAME
from navigator.content.yamltext import YamlDoc, YamlSyntaxError
from navigator.core.model import FORMAT_VERSION, Audience, normalize_language
from navigator.files import write_text_atomically
from navigator.i18n import _

LESSONS_DIR = "lessons"
MEDIA_DIR = "media"
LESSON_FILE = re.compile(r"^(?P<id>[^.]+)\.(?P<lang>[^.]+)\.md$")
PICTURE_NAME = "example-phone.svg"
PICTURE = """<svg xmlns="http://www.w3.org/2000/svg" width="320" height="400" viewBox="0 0 320 400">
  <rect x="90" y="30" width="140" height="280" rx="18" fill="#ffffff" stroke="#222222"
        stroke-width="6"/>
  <rect x="104" y="60" width="112" height="210" fill="#dde8f3" stroke="#222222" stroke-width="3"/>
  <circle cx="160" cy="290" r="9" fill="none" stroke="#222222" stroke-width="3"/>
  <rect x="230" y="120" width="10" height="40" fill="#222222"/>
  <path d="M262 140 H300" stroke="#222222" stroke-width="6"/>
  <path d="M262 140 l14 -10 M262 140 l14 10" stroke="#222222" stroke-width="6" fill="none"/>
</svg>
"""


class EditRefused(Exception):
    """An edit that would break the pack or lose work; ``message`` says why, for a trainer."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)



def write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8, replacing ``path`` only once it is fully written."""
    write_text_atomically(path, text)


def front_matter_bounds(lines: list[str]) -> tuple[int, int] | None:
    """0-based indexes of the two ``---`` lines, or ``None``."""
    if not lines or lines[0].strip() != "---":
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    return None if end is None else (0, end)


def front_matter(text: str) -> tuple[dict[str, Any], YamlDoc | None]:
    """The front matter's fields; empty when it is missing or broken (tolerant on purpose)."""
    lines = text.removeprefix("\ufeff").splitlines()
    bounds = front_matter_bounds(lines)
    if bounds is None:
        return {}, None
    try:
        doc = YamlDoc("\n".join(lines[1:bounds[1]]))
    except YamlSyntaxError:
        return {}, None
    return (doc.data, doc) if isinstance(doc.data, dict) else ({}, None)


# Written as \uXXXX in a quoted value: what YAML refuses to read (C1 controls, U+FFFE...)
# and the line breaks str.splitlines() sees that JSON leaves as they are (U+0085, U+2028).
_YAML_ESCAPE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                          "\U00010000-\U0010ffff]")


def yaml_scalar(value: str) -> str:
    """``value`` as it can stand after ``name: `` on one line: plain when YAML reads it back
    unchanged, otherwise in double quotes (every character YAML or a line split could
    misread written as an escape)."""
    try:
        if "\n" not in value and value == " ".join(value.splitlines()) \
                and yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except (yaml.YAMLError, ValueError):
        pass
    return _YAML_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                            json.dumps(value, ensure_ascii=False))


def set_front_matter_line(text: str, key: str, value: str) -> str:
    """``text`` with the front matter's ``key:`` line (and its continuation lines) replaced by
    ``key: value``, or that line added before the closing ``---``; nothing else changes."""
    lines = text.split("\n")  # not splitlines: every other character stays as it was
    bounds = front_matter_bounds(lines)
    if bounds is None:
        raise EditRefused(_("the lesson file has no front matter between two '---' lines: "
                            "fix it in the text editor first"))
    new = f"{key}: {yaml_scalar(value)}"
    end = bounds[1]
    for i in range(1, end):
        if re.match(rf"^{re.escape(key)}\s*:", lines[i]):
            stop = i + 1
            while stop < end and lines[stop][:1] in (" ", "\t"):
                stop += 1
            lines[i:stop] = [new]
            break
    else:
        lines.insert(end, new)
    return "\n".join(lines)


def lesson_path(root: Path, lesson_id: str, language: str) -> Path:
    return Path(root) / LESSONS_DIR / f"{lesson_id}.{language.replace('_', '-')}.md"


def lesson_files(root: Path) -> dict[str, dict[str, Path]]:
    """Lesson id -> language -> file, for every ``ID.LANG.md`` in ``lessons/``."""
    found: dict[str, dict[str, Path]] = {}
    folder = Path(root) / LESSONS_DIR
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        match = LESSON_FILE.match(path.name)
        if match and path.is_file():
            language = normalize_language(match.group("lang"))
            found.setdefault(match.group("id"), {})[language] = path
    return found


def lesson_template(lesson_id: str, title: str) -> str:
    """A short lesson that validates with no warning, for a trainer to replace."""
    step = lesson_id[:50]
    return "\n".join([
        "---",
        f"id: {yaml_scalar(lesson_id)}",  # 'yes' or '007' would be read as true or 7
        f"title: {yaml_scalar(title)}",
        "minutes: 5",
        "objectives:",
        "  - " + yaml_scalar(_("Say what the learner will be able to do.")),
        "---",
        "",
        "## " + _("What this lesson is about") + " {#" + step + "-intro}",
        "",
        _("Write what the learner reads here, in short paragraphs. Replace this text."),
        "",
        "## " + _("Check what you learned") + " {check #" + step + "-check}",
        "",
        _("Write a question here."),
        "",
        "- [x] " + _("A right answer"),
        "  > " + _("Say why this answer is right."),
        "- [ ] " + _("A wrong answer"),
        "  > " + _("Say why this answer is wrong."),
        "",
    ])




def write_manifest_data(root: Path, data: dict[str, Any]) -> None:
    """Write ``pack.yaml`` (its comments are not kept: see ``packedit``)."""
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    write_text(Path(root) / MANIFEST_NAME, text)


def new_pack(folder: Path, *, pack_id: str | None = None, title: str, language: str = "en",
             audience: str = "staff", author: str = "") -> Path:
    """Create a pack in ``folder`` (new or empty): a manifest, one module, one lesson with a
    text step, a picture and a check question. Returns the pack's folder."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise EditRefused(_("'{folder}' is not empty: choose a new or empty folder for the "
                            "pack").format(folder=folder))
    if not title.strip():
        raise EditRefused(_("a pack needs a title"))
    if not LANGUAGE_PATTERN.match(language):
        raise EditRefused(_("'{lang}' is not a language code: use codes like en, fr, fr-CA, "
                            "ar, es").format(lang=language))
    if audience not in {a.value for a in Audience}:
        raise EditRefused(_("audience must be 'staff' or 'client', not '{value}'")
                          .format(value=audience))
    pack_id = pack_id or suggest_id(title, set(), fallback=suggest_id(folder.name, set(),
                                                                      fallback="my-pack"))
    if not ID_PATTERN.match(pack_id):
        raise EditRefused(_("'{id}' is not a valid id: use lowercase letters, digits and "
                            "hyphens, at most 64, like 'first-steps'").format(id=pack_id))
    lang = language.replace("_", "-")
    lesson_id, module_id = "first-lesson", "first-module"
    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION, "id": pack_id, "version": "0.1.0",
        "default_language": lang, "audience": audience, "license": "CC-BY-4.0",
        "authors": [author.strip() or _("Your organisation")],
        "title": {lang: title.strip()},
        "description": {lang: _("What this pack teaches, in one or two sentences.")},
        "modules": [{"id": module_id, "title": {lang: _("First module")},
                     "lessons": [lesson_id]}],
    }
    (folder / LESSONS_DIR).mkdir(parents=True, exist_ok=True)
    (folder / MEDIA_DIR).mkdir(exist_ok=True)
    write_text(folder / MEDIA_DIR / PICTURE_NAME, PICTURE)
    write_text(lesson_path(folder, lesson_id, lang), _example_lesson(lesson_id))
    write_manifest_data(folder, data)
    return folder


def _example_lesson(lesson_id: str) -> str:
    """The first lesson: plain example text a trainer replaces, one of each part."""
    return "\n".join([
        "---",
        f"id: {lesson_id}",
        "title: " + yaml_scalar(_("Find the power button")),
        "minutes: 5",
        "objectives:",
        "  - " + yaml_scalar(_("Find the power button on a phone.")),
        "  - " + yaml_scalar(_("Explain to a client what a long press is.")),
        "---",
        "",
        "## " + _("The power button") + " {#power-button}",
        "",
        _("Most phones have the power button on the right edge. Press and hold it for about "
          "three seconds to turn the phone on."),
        "",
        "![" + _("A phone seen from the front, with an arrow pointing to a button on its right "
                 "edge") + f"]({MEDIA_DIR}/{PICTURE_NAME})",
        "",
        _("Replace this text with your own. Each step starts with a line beginning with '## '."),
        "",
        "## " + _("Which button?") + " {check #which-button}",
        "",
        _("Your client's phone is off. What do you do?"),
        "",
        "- [x] " + _("Hold the power button on the side for three seconds"),
        "  > " + _("Yes. A short press only wakes the screen of a phone that is already on."),
        "- [ ] " + _("Tap the middle of the screen"),
        "  > " + _("No. When the phone is off, the screen does not respond to touch."),
        "- [ ] " + _("Press the volume button"),
        "  > " + _("No. The volume buttons only change how loud the phone is."),
        "",
    ])

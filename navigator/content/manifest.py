"""Reading ``pack.yaml``: the pack's identity, languages, modules and lesson order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from navigator.content.problems import Problems
from navigator.content.yamltext import YamlDoc, YamlSyntaxError
from navigator.core.model import (
    DEFAULT_MASTERY,
    FORMAT_VERSION,
    Audience,
    TranslationCredit,
    normalize_language,
)
from navigator.i18n import _

MANIFEST_NAME = "pack.yaml"
# \Z, not $: '$' also matches before a final newline, and 'tiny\n' is not an id.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\Z")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}([-_][A-Za-z]{2,4})?\Z")
VERSION_PATTERN = re.compile(r"^\d+(\.\d+){0,3}\Z")
REQUIRED = ("format_version", "id", "version", "default_language", "audience", "license",
            "authors", "title", "modules")


@dataclass
class ModuleEntry:
    id: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    lessons: list[tuple[str, int]]  # lesson id, line in pack.yaml
    line: int
    assessment: str | None = None


@dataclass
class Manifest:
    id: str = ""
    version: str = ""
    format_version: int = FORMAT_VERSION
    default_language: str = "en"
    audience: Audience = Audience.STAFF
    license: str = ""
    authors: tuple[str, ...] = ()
    titles: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    mastery: int = DEFAULT_MASTERY
    modules: list[ModuleEntry] = field(default_factory=list)
    translations: dict[str, TranslationCredit] = field(default_factory=dict)


def read_text(path: Path, problems: Problems) -> str | None:
    """A UTF-8 text file, or ``None`` with a problem recorded."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(path, 0, _("cannot be read: {reason}").format(reason=exc.strerror or exc))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(path, line, _("is not UTF-8 text: save the file as UTF-8 and try again"))
        return None
    return text.removeprefix("\ufeff")


def read_yaml_mapping(path: Path, problems: Problems, *, missing: str,
                      not_mapping: str) -> YamlDoc | None:
    """Read a YAML file of ``name: value`` lines, or report why not (``missing`` when there
    is no file, ``not_mapping`` when it is not a mapping) and return ``None``."""
    if not path.is_file():
        problems.error(path, 0, missing)
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        doc = YamlDoc(text)
    except YamlSyntaxError as exc:
        problems.error(path, exc.line, _("this line is not valid YAML ({problem}): each line "
                                         "is 'name: value'").format(problem=exc))
        return None
    if not isinstance(doc.data, dict):
        problems.error(path, 1, not_mapping)
        return None
    return doc


def peek_identity(root: Path) -> tuple[str, str] | None:
    """The pack's id and version without reading its lessons (cheap check at start-up)."""
    try:
        doc = YamlDoc((root / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return None
    data = doc.data
    if not isinstance(data, dict):
        return None
    return str(data.get("id", "")), str(data.get("version", ""))


def _languages_map(value: Any, doc: YamlDoc, path: Path, problems: Problems, key: str,
                   *where: str | int) -> dict[str, str]:
    line = doc.line_of(*where, key)
    if not isinstance(value, dict) or not value:
        problems.error(path, line, _("'{key}' must list a text per language, "
                                     "like 'en: Smartphone basics'").format(key=key))
        return {}
    result: dict[str, str] = {}
    for lang, text in value.items():
        if not isinstance(lang, str) or not LANGUAGE_PATTERN.match(lang):
            problems.error(path, line, _("'{lang}' is not a language code: use codes like "
                                         "en, fr, fr-CA, ar, es").format(lang=lang))
            continue
        if not isinstance(text, str) or not text.strip():
            problems.error(path, doc.line_of(*where, key, lang),
                           _("the {key} in '{lang}' is empty").format(key=key, lang=lang))
            continue
        result[normalize_language(lang)] = text.strip()
    return result


def read_manifest(root: Path, problems: Problems) -> Manifest | None:
    """Parse and check ``pack.yaml``; problems go to ``problems``."""
    path = root / MANIFEST_NAME
    doc = read_yaml_mapping(
        path, problems,
        missing=_("the pack has no {name}: every pack needs this file (see the pack format "
                  "guide)").format(name=MANIFEST_NAME),
        not_mapping=_("{name} must be a list of 'name: value' lines").format(
            name=MANIFEST_NAME))
    if doc is None:
        return None
    data = doc.data
    before = len(problems.errors)
    for key in REQUIRED:
        if key not in data:
            problems.error(path, 1, _("'{key}' is missing: add a line '{key}: ...'")
                           .format(key=key))

    m = Manifest()
    fv = data.get("format_version")
    if "format_version" in data:
        if not isinstance(fv, int) or isinstance(fv, bool):
            problems.error(path, doc.line_of("format_version"),
                           _("format_version must be a whole number, like 1"))
        elif fv > FORMAT_VERSION:
            problems.error(path, doc.line_of("format_version"),
                           _("format_version {found} is newer than this Navigator understands "
                             "(it reads format {known}): update Navigator to open this pack")
                           .format(found=fv, known=FORMAT_VERSION))
            return None
        elif fv < 1:
            problems.error(path, doc.line_of("format_version"),
                           _("format_version {found} does not exist: use {known}")
                           .format(found=fv, known=FORMAT_VERSION))
        else:
            m.format_version = fv

    pack_id = data.get("id")
    if "id" in data and (not isinstance(pack_id, str) or not ID_PATTERN.match(pack_id)):
        problems.error(path, doc.line_of("id"), _(
            "'{value}' is not a valid id: use lowercase letters, digits and hyphens, "
            "like 'smartphone-basics'").format(value=pack_id))
    elif isinstance(pack_id, str):
        m.id = pack_id
    version = doc.raw("version") or data.get("version")
    if "version" in data:
        if not VERSION_PATTERN.match(str(version)):
            problems.error(path, doc.line_of("version"), _(
                "'{value}' is not a version: use numbers separated by dots, like 1.0.2"
            ).format(value=version))
        else:
            m.version = str(version)
    lang = data.get("default_language")
    if "default_language" in data:
        if not isinstance(lang, str) or not LANGUAGE_PATTERN.match(lang):
            problems.error(path, doc.line_of("default_language"), _(
                "'{lang}' is not a language code: use codes like en, fr, fr-CA, ar, es"
            ).format(lang=lang))
        else:
            m.default_language = normalize_language(lang)
    audience = data.get("audience")
    if "audience" in data:
        try:
            m.audience = Audience(audience)
        except ValueError:
            problems.error(path, doc.line_of("audience"),
                           _("audience must be 'staff' or 'client', not '{value}'")
                           .format(value=audience))
    if "license" in data:
        if not isinstance(data["license"], str) or not data["license"].strip():
            problems.error(path, doc.line_of("license"),
                           _("license must name a licence, like CC-BY-4.0"))
        else:
            m.license = data["license"].strip()
    authors = data.get("authors")
    if "authors" in data:
        if isinstance(authors, str):
            authors = [authors]
        if not isinstance(authors, list) or not authors or not all(
                isinstance(a, str) and a.strip() for a in authors):
            problems.error(path, doc.line_of("authors"),
                           _("authors must list at least one name, one per line starting "
                             "with '- '"))
        else:
            m.authors = tuple(a.strip() for a in authors)
    if "title" in data:
        m.titles = _languages_map(data["title"], doc, path, problems, "title")
        if m.titles and m.default_language not in m.titles:
            problems.error(path, doc.line_of("title"), _(
                "the title has no text in the default language '{lang}'"
            ).format(lang=m.default_language))
    if "description" in data:
        m.descriptions = _languages_map(data["description"], doc, path, problems, "description")
    if "mastery" in data:
        mastery = data["mastery"]
        if not isinstance(mastery, int) or isinstance(mastery, bool) or not 1 <= mastery <= 100:
            problems.error(path, doc.line_of("mastery"),
                           _("mastery must be a percentage from 1 to 100, like 80"))
        else:
            m.mastery = mastery
    if "modules" in data:
        m.modules = _read_modules(data["modules"], doc, path, problems, m.default_language)
    if "translations" in data:
        m.translations = _read_translations(data["translations"], doc, path, problems)
    known = {*REQUIRED, "description", "mastery", "translations"}
    for key in data:
        if key not in known:
            problems.warn(path, doc.line_of(str(key)), _(
                "'{key}' is not a pack.yaml field and is ignored (known fields: {known})"
            ).format(key=key, known=", ".join(sorted(known))))
    return m if len(problems.errors) == before else None


def _read_translations(value: Any, doc: YamlDoc, path: Path, problems: Problems
                       ) -> dict[str, TranslationCredit]:
    line = doc.line_of("translations")
    if not isinstance(value, dict):
        problems.error(path, line, _(
            "translations must list each language with 'by:' and 'reviewed:' under it"))
        return {}
    credits: dict[str, TranslationCredit] = {}
    for lang, entry in value.items():
        where = doc.line_of("translations", lang) if isinstance(lang, str) else line
        if not isinstance(lang, str) or not LANGUAGE_PATTERN.match(lang):
            problems.error(path, where, _("'{lang}' is not a language code: use codes like "
                                          "en, fr, fr-CA, ar, es").format(lang=lang))
            continue
        by = entry.get("by") if isinstance(entry, dict) else None
        reviewed = entry.get("reviewed") if isinstance(entry, dict) else None
        if not isinstance(by, str) or not by.strip() or not isinstance(reviewed, bool):
            problems.error(path, where, _(
                "say who translated '{lang}' with 'by: NAME' and whether a person reviewed it "
                "with 'reviewed: true' or 'reviewed: false'").format(lang=lang))
            continue
        credits[normalize_language(lang)] = TranslationCredit(by.strip(), reviewed)
    return credits


def _read_modules(value: Any, doc: YamlDoc, path: Path, problems: Problems,
                  default_language: str) -> list[ModuleEntry]:
    if not isinstance(value, list) or not value:
        problems.error(path, doc.line_of("modules"),
                       _("modules must list at least one module, each starting with '- id:'"))
        return []
    modules: list[ModuleEntry] = []
    seen_modules: dict[str, int] = {}
    seen_lessons: dict[str, int] = {}
    for i, entry in enumerate(value):
        line = doc.line_of("modules", i)
        if not isinstance(entry, dict):
            problems.error(path, line, _("each module needs an id, a title and lessons"))
            continue
        mid = entry.get("id")
        if not isinstance(mid, str) or not ID_PATTERN.match(mid):
            problems.error(path, doc.line_of("modules", i, "id"), _(
                "module id '{value}' is not valid: use lowercase letters, digits and hyphens"
            ).format(value=mid))
            continue
        if mid in seen_modules:
            problems.error(path, doc.line_of("modules", i, "id"), _(
                "the module id '{id}' is used twice (also on line {other})"
            ).format(id=mid, other=seen_modules[mid]))
            continue
        seen_modules[mid] = doc.line_of("modules", i, "id")
        titles = _languages_map(entry.get("title"), doc, path, problems, "title", "modules", i)
        if titles and default_language not in titles:
            problems.error(path, doc.line_of("modules", i, "title"), _(
                "the module title has no text in the default language '{lang}'"
            ).format(lang=default_language))
        descriptions: dict[str, str] = {}
        if "description" in entry:
            descriptions = _languages_map(entry["description"], doc, path, problems,
                                          "description", "modules", i)
        lessons_value = entry.get("lessons")
        lessons: list[tuple[str, int]] = []
        if not isinstance(lessons_value, list) or not lessons_value:
            problems.error(path, doc.line_of("modules", i, "lessons"), _(
                "module '{id}' must list its lessons, one per line starting with '- '"
            ).format(id=mid))
        else:
            for j, lid in enumerate(lessons_value):
                lline = doc.line_of("modules", i, "lessons", j)
                if not isinstance(lid, str) or not ID_PATTERN.match(lid):
                    problems.error(path, lline, _(
                        "lesson id '{value}' is not valid: use lowercase letters, digits and "
                        "hyphens").format(value=lid))
                    continue
                if lid in seen_lessons:
                    problems.error(path, lline, _(
                        "the lesson id '{id}' is used twice (also on line {other}): give each "
                        "lesson its own id").format(id=lid, other=seen_lessons[lid]))
                    continue
                seen_lessons[lid] = lline
                lessons.append((lid, lline))
        assessment = entry.get("assessment")
        if assessment is not None and (not isinstance(assessment, str)
                                       or assessment not in {lid for lid, _line in lessons}):
            problems.error(path, doc.line_of("modules", i, "assessment"), _(
                "the assessment '{id}' must be one of the module's lessons: list it under "
                "'lessons:' too").format(id=assessment))
            assessment = None
        modules.append(ModuleEntry(mid, titles, descriptions, lessons, line,
                                   str(assessment) if assessment else None))
    return modules

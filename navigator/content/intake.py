"""Reading the intake guide (``curriculum/intake/intake.yaml``) with file:line problems.

The guide is a YAML file beside a ``media/`` folder of pictures::

    format_version: 1
    id: intake
    default_language: en
    skills:
      - id: turn-on-unlock
        area: phone
        picture: media/turn-on-unlock.svg
        text:
          en: I can turn on my phone and unlock it.
    rules:
      - skill: turn-on-unlock
        when: [not-yet, with-help]
        lessons: [client-lessons/turn-on-and-unlock]
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from navigator.content.manifest import (
    ID_PATTERN,
    LANGUAGE_PATTERN,
    VERSION_PATTERN,
    read_yaml_mapping,
)
from navigator.content.media import PICTURE_TYPES, SCHEME
from navigator.content.problems import PackError, Problem, Problems
from navigator.content.yamltext import YamlDoc
from navigator.core.intake import AREAS, IntakeGuide, LessonRef, Level, Rule, Skill
from navigator.core.model import normalize_language
from navigator.i18n import _

INTAKE_FORMAT_VERSION = 1
TOP_KEYS = ("format_version", "id", "version", "default_language", "skills", "rules")
SKILL_KEYS = ("id", "area", "picture", "text")
RULE_KEYS = ("skill", "when", "lessons")


def check_intake_guide(path: Path) -> tuple[IntakeGuide | None, list[Problem]]:
    """Read the guide at ``path``: the guide (``None`` if it has errors) and all problems."""
    path = Path(path)
    problems = Problems(path.parent)
    guide = _read(path, problems)
    return (guide if not problems.errors else None), problems.items


def load_intake_guide(path: Path) -> IntakeGuide:
    """The guide at ``path``; raises :class:`PackError` listing every error."""
    guide, problems = check_intake_guide(path)
    if guide is None:
        raise PackError([p for p in problems if not p.warning])
    return guide


def check_rule_lessons(guide: IntakeGuide, lesson_exists: Callable[[str, str], bool]
                       ) -> list[Problem]:
    """A warning for each lesson a rule names that is not installed.

    The guide still works: ``recommend(..., lesson_exists=...)`` leaves those lessons out.
    """
    where = guide.path or Path("intake.yaml")
    found: list[Problem] = []
    for rule in guide.rules:
        for pack_id, lesson_id in rule.lessons:
            if not lesson_exists(pack_id, lesson_id):
                found.append(Problem(where, rule.line, _(
                    "the lesson '{lesson}' of pack '{pack}' is not installed: install the "
                    "pack, or remove it from the rule for '{skill}'"
                ).format(lesson=lesson_id, pack=pack_id, skill=rule.skill_id), warning=True))
    return found


def _read(path: Path, problems: Problems) -> IntakeGuide | None:
    doc = read_yaml_mapping(
        path, problems,
        missing=_("the intake guide is missing: reinstall Navigator, or put the file back in "
                  "this place"),
        not_mapping=_("the intake guide must be a list of 'name: value' lines"))
    if doc is None:
        return None
    data = doc.data
    for key in ("format_version", "id", "default_language", "skills"):
        if key not in data:
            problems.error(path, 1, _("'{key}' is missing: add a line '{key}: ...'")
                           .format(key=key))
    if not _format_ok(data, doc, path, problems):
        return None
    guide_id = data.get("id")
    if "id" in data and (not isinstance(guide_id, str) or not ID_PATTERN.match(guide_id)):
        problems.error(path, doc.line_of("id"), _(
            "'{value}' is not a valid id: use lowercase letters, digits and hyphens, "
            "like 'intake'").format(value=guide_id))
    version = doc.raw("version") or data.get("version")
    if "version" in data and not VERSION_PATTERN.match(str(version)):
        problems.error(path, doc.line_of("version"), _(
            "'{value}' is not a version: use numbers separated by dots, like 1.0.2"
        ).format(value=version))
    language = data.get("default_language")
    default = "en"
    if "default_language" in data:
        if not isinstance(language, str) or not LANGUAGE_PATTERN.match(language):
            problems.error(path, doc.line_of("default_language"), _(
                "'{lang}' is not a language code: use codes like en, fr, fr-CA, ar, es"
            ).format(lang=language))
        else:
            default = normalize_language(language)
    for key in data:
        if key not in TOP_KEYS:
            problems.warn(path, doc.line_of(str(key)), _(
                "'{key}' is not an intake guide field and is ignored (known fields: {known})"
            ).format(key=key, known=", ".join(TOP_KEYS)))
    declared: set[str] = set()  # skill ids, even of skills with other problems
    skills = _read_skills(data.get("skills"), doc, path, problems, default, declared) \
        if "skills" in data else ()
    rules = _read_rules(data.get("rules"), doc, path, problems, declared) \
        if "rules" in data else ()
    if problems.errors:
        return None
    return IntakeGuide(id=str(guide_id), default_language=default, skills=skills,
                       rules=rules, version=str(version) if "version" in data else "",
                       root=path.parent, path=path)


def _format_ok(data: dict[Any, Any], doc: YamlDoc, path: Path, problems: Problems) -> bool:
    """``False`` when the guide is made for a newer format (nothing else is worth reading)."""
    if "format_version" not in data:
        return True
    found = data["format_version"]
    line = doc.line_of("format_version")
    if not isinstance(found, int) or isinstance(found, bool):
        problems.error(path, line, _("format_version must be a whole number, like 1"))
    elif found > INTAKE_FORMAT_VERSION:
        problems.error(path, line, _(
            "format_version {found} is newer than this Navigator understands (it reads "
            "format {known}): update Navigator to use this intake guide"
        ).format(found=found, known=INTAKE_FORMAT_VERSION))
        return False
    elif found < 1:
        problems.error(path, line, _("format_version {found} does not exist: use {known}")
                       .format(found=found, known=INTAKE_FORMAT_VERSION))
    return True


def _read_skills(value: Any, doc: YamlDoc, path: Path, problems: Problems,
                 default: str, declared: set[str]) -> tuple[Skill, ...]:
    if not isinstance(value, list) or not value:
        problems.error(path, doc.line_of("skills"), _(
            "skills must list at least one skill, each starting with '- id:'"))
        return ()
    skills: list[Skill] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(value):
        line = doc.line_of("skills", i)
        if not isinstance(entry, dict):
            problems.error(path, line, _(
                "each skill needs an id, an area, a picture and a text per language"))
            continue
        skill_id = entry.get("id")
        id_line = doc.line_of("skills", i, "id")
        if "id" not in entry:
            problems.error(path, line, _(
                "this skill has no id: add a line 'id: ...' with lowercase letters, digits "
                "and hyphens, like 'id: turn-on-unlock'"))
            continue
        if not isinstance(skill_id, str) or not ID_PATTERN.match(skill_id):
            problems.error(path, id_line, _(
                "skill id '{value}' is not valid: use lowercase letters, digits and hyphens, "
                "like 'turn-on-unlock'").format(value=skill_id))
            continue
        if skill_id in seen:
            problems.error(path, id_line, _(
                "the skill id '{id}' is used twice (also on line {other}): give each skill "
                "its own id").format(id=skill_id, other=seen[skill_id]))
            continue
        seen[skill_id] = id_line
        declared.add(skill_id)
        before = len(problems.errors)
        area = entry.get("area")
        if area not in AREAS:
            problems.error(path, doc.line_of("skills", i, "area"),
                           _("skill '{id}': the area must be one of {areas}, not '{value}'")
                           .format(id=skill_id, areas=", ".join(AREAS), value=area))
        picture = _check_picture(entry.get("picture"), doc.line_of("skills", i, "picture"),
                                 skill_id, path, problems)
        texts = _read_texts(entry.get("text"), doc, path, problems, skill_id, i, default)
        for key in entry:
            if key not in SKILL_KEYS:
                problems.warn(path, doc.line_of("skills", i, str(key)), _(
                    "skill '{id}': '{key}' is not a skill field and is ignored (known "
                    "fields: {known})").format(id=skill_id, key=key, known=", ".join(SKILL_KEYS)))
        if len(problems.errors) == before and picture:
            skills.append(Skill(skill_id, str(area), picture, texts))
    return tuple(skills)


def _check_picture(value: Any, line: int, skill_id: str, path: Path,
                   problems: Problems) -> str:
    """The picture's path relative to the guide's folder, or ``""`` with a problem."""
    if not isinstance(value, str) or not value.strip():
        problems.error(path, line, _(
            "skill '{id}' has no picture: add a line 'picture: media/NAME.svg'"
        ).format(id=skill_id))
        return ""
    src = value.strip()
    parts = PurePosixPath(src).parts
    if SCHEME.match(src) or src.startswith(("/", "\\")) or "\\" in src or ".." in parts:
        problems.error(path, line, _(
            "skill '{id}': the picture '{src}' is outside the intake folder: copy it into "
            "the media folder beside the guide and write media/NAME").format(id=skill_id, src=src))
        return ""
    root = path.parent
    target = root.joinpath(*parts)
    if target.suffix.lower() not in PICTURE_TYPES:
        problems.error(path, line, _(
            "skill '{id}': '{src}' is not a picture Navigator can show: use PNG, JPEG, GIF, "
            "WebP or SVG").format(id=skill_id, src=src))
        return ""
    if target.is_symlink() or not target.resolve().is_relative_to(root.resolve()):
        problems.error(path, line, _(
            "skill '{id}': the picture '{src}' is a link: copy the picture itself into the "
            "media folder").format(id=skill_id, src=src))
        return ""
    if not target.is_file():
        problems.error(path, line, _(
            "skill '{id}': the picture '{src}' does not exist: check the file name, or copy "
            "the picture into the folder of the guide").format(id=skill_id, src=src))
        return ""
    return "/".join(parts)


def _read_texts(value: Any, doc: YamlDoc, path: Path, problems: Problems, skill_id: str,
                index: int, default: str) -> dict[str, str]:
    line = doc.line_of("skills", index, "text")
    if not isinstance(value, dict):
        problems.error(path, line, _(
            "skill '{id}' has no text: add 'text:' with one line per language, like "
            "'en: I can charge my phone safely.'").format(id=skill_id))
        return {}
    texts: dict[str, str] = {}
    for lang, text in value.items():
        where = doc.line_of("skills", index, "text", str(lang))
        if not isinstance(lang, str) or not LANGUAGE_PATTERN.match(lang):
            problems.error(path, where, _("skill '{id}': '{lang}' is not a language code: use "
                                          "codes like en, fr, fr-CA, ar, es")
                           .format(id=skill_id, lang=lang))
        elif not isinstance(text, str) or not text.strip():
            problems.error(path, where, _("skill '{id}': the text in '{lang}' is empty")
                           .format(id=skill_id, lang=lang))
        else:
            texts[normalize_language(lang)] = " ".join(text.split())
    written = {normalize_language(k) for k in value if isinstance(k, str)}
    if default not in written:  # (an empty default text was reported above)
        problems.error(path, line, _("skill '{id}': no text in the default language '{lang}'")
                       .format(id=skill_id, lang=default))
    return texts


def _read_rules(value: Any, doc: YamlDoc, path: Path, problems: Problems,
                skill_ids: set[str]) -> tuple[Rule, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.error(path, doc.line_of("rules"), _(
            "rules must be a list, each starting with '- skill:'"))
        return ()
    rules: list[Rule] = []
    for i, entry in enumerate(value):
        line = doc.line_of("rules", i)
        if not isinstance(entry, dict):
            problems.error(path, line, _(
                "each rule needs 'skill:', 'when:' and 'lessons:'"))
            continue
        before = len(problems.errors)
        skill_id = entry.get("skill")
        if "skill" not in entry:
            problems.error(path, line, _(
                "this rule has no skill: add a line 'skill: ...' with a skill id from the "
                "skills list"))
        elif skill_id not in skill_ids:
            problems.error(path, doc.line_of("rules", i, "skill"),
                           _("the rule names the skill '{value}', which is not in the "
                             "skills list: check the spelling").format(value=skill_id))
        when = _read_when(entry.get("when"), doc, path, problems, i)
        lessons = _read_lesson_refs(entry.get("lessons"), doc, path, problems, i)
        for key in entry:
            if key not in RULE_KEYS:
                problems.warn(path, doc.line_of("rules", i, str(key)), _(
                    "'{key}' is not a rule field and is ignored (known fields: {known})"
                ).format(key=key, known=", ".join(RULE_KEYS)))
        if len(problems.errors) == before:
            rules.append(Rule(str(skill_id), when, lessons, line))
    return tuple(rules)


def _read_when(value: Any, doc: YamlDoc, path: Path, problems: Problems,
               index: int) -> frozenset[Level]:
    known = ", ".join(level.value for level in Level)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        problems.error(path, doc.line_of("rules", index, "when"), _(
            "the rule needs 'when:' with the answers it applies to, like "
            "'when: [not-yet, with-help]' (answers: {known})").format(known=known))
        return frozenset()
    levels: set[Level] = set()
    for j, item in enumerate(value):
        try:
            levels.add(Level(item))
        except ValueError:
            problems.error(path, doc.line_of("rules", index, "when", j), _(
                "'{value}' is not an answer: use {known}").format(value=item, known=known))
    return frozenset(levels)


def _read_lesson_refs(value: Any, doc: YamlDoc, path: Path, problems: Problems,
                      index: int) -> tuple[LessonRef, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        problems.error(path, doc.line_of("rules", index, "lessons"), _(
            "the rule needs 'lessons:' with at least one lesson, written PACK-ID/LESSON-ID"))
        return ()
    refs: list[LessonRef] = []
    for j, item in enumerate(value):
        pack_id, _sep, lesson_id = item.partition("/") if isinstance(item, str) else ("", "", "")
        if not ID_PATTERN.match(pack_id) or not ID_PATTERN.match(lesson_id):
            problems.error(path, doc.line_of("rules", index, "lessons", j), _(
                "'{value}' is not a lesson: write the pack id and the lesson id with a slash, "
                "like client-lessons/connect-to-wifi").format(value=item))
            continue
        if (pack_id, lesson_id) not in refs:
            refs.append((pack_id, lesson_id))
    return tuple(refs)

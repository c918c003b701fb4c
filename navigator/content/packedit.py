"""Structural edits of a pack folder on disk: modules and lessons added, renamed, moved,
deleted; the pack's own fields changed. The pack editor calls these for trainers.

Every write is atomic (a ``.part`` file replaces the old one), so a crash never leaves half a
file. ``pack.yaml`` is read and written again with ``yaml.safe_dump`` (keys in their existing
order): **comments in pack.yaml are not kept**. Lesson files are never re-dumped: a title
change edits only the ``title:`` line of the front matter.

Every refusal raises :class:`EditRefused` with a plain reason for the trainer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from navigator.content.authoring import suggest_id
from navigator.content.manifest import ID_PATTERN, MANIFEST_NAME, VERSION_PATTERN
from navigator.content.scaffold import (
    EditRefused,
    front_matter,
    lesson_files,
    lesson_path,
    lesson_template,
    set_front_matter_line,
    write_manifest_data,
    write_text,
)
from navigator.content.yamltext import YamlDoc, YamlSyntaxError
from navigator.core.model import normalize_language
from navigator.i18n import _

__all__ = ["EditRefused", "LessonOutline", "ModuleOutline", "Outline", "add_lesson",
           "add_module", "delete_lesson", "delete_module", "move_lesson", "move_module",
           "read_outline", "rename_lesson", "rename_module", "set_pack_fields"]
PACK_FIELDS = ("title", "description", "version", "authors", "license")


@dataclass
class LessonOutline:
    id: str
    title: str
    languages: tuple[str, ...]
    path: Path | None


@dataclass
class ModuleOutline:
    id: str
    titles: dict[str, str]
    lessons: list[LessonOutline] = field(default_factory=list)


@dataclass
class Outline:
    """What the pack editor's tree shows; ``unlisted`` are lesson files in no module."""

    pack_id: str
    default_language: str
    titles: dict[str, str]
    modules: list[ModuleOutline]
    unlisted: list[LessonOutline] = field(default_factory=list)


def read_manifest_data(root: Path) -> dict[str, Any]:
    """``pack.yaml`` as a dict in file order (``version`` kept exactly as written)."""
    path = Path(root) / MANIFEST_NAME
    try:
        doc = YamlDoc(path.read_text(encoding="utf-8").removeprefix("\ufeff"))
    except (OSError, UnicodeDecodeError, YamlSyntaxError) as exc:
        raise EditRefused(_("{name} cannot be read ({reason}): fix it in a text editor "
                            "first").format(name=MANIFEST_NAME, reason=exc)) from None
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("modules", []), list):
        raise EditRefused(_("{name} is not a pack manifest: fix it in a text editor first")
                          .format(name=MANIFEST_NAME))
    if doc.raw("version") is not None:
        data["version"] = doc.raw("version")
    data.setdefault("modules", [])
    for module in data["modules"]:
        if not isinstance(module, dict) or not isinstance(module.get("lessons", []), list):
            raise EditRefused(_("a module in {name} is not written as expected: fix it in a "
                                "text editor first").format(name=MANIFEST_NAME))
        module.setdefault("lessons", [])
    return data


def default_language(data: dict[str, Any]) -> str:
    return normalize_language(str(data.get("default_language", "en")))


def _check_id(value: str) -> None:
    if not ID_PATTERN.match(value):
        raise EditRefused(_("'{id}' is not a valid id: use lowercase letters, digits and "
                            "hyphens, at most 64, like 'first-steps'").format(id=value))


def _module(data: dict[str, Any], module_id: str) -> dict[str, Any]:
    for module in data["modules"]:
        if module.get("id") == module_id:
            return module
    raise EditRefused(_("there is no module '{id}' in this pack").format(id=module_id))


def _module_of(data: dict[str, Any], lesson_id: str) -> dict[str, Any]:
    for module in data["modules"]:
        if lesson_id in module["lessons"]:
            return module
    raise EditRefused(_("the lesson '{id}' is in no module").format(id=lesson_id))


def _lesson_title(path: Path | None, fallback: str) -> str:
    if path is None:
        return fallback
    try:
        meta, _doc = front_matter(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return fallback
    title = meta.get("title")
    return title.strip() if isinstance(title, str) and title.strip() else fallback


def read_outline(root: Path) -> Outline:
    """The pack's modules and lessons in order, read tolerantly (a broken lesson file still
    shows its id) so a trainer can open a pack that does not validate yet."""
    data = read_manifest_data(root)
    default = default_language(data)
    files = lesson_files(root)

    def lesson(lesson_id: str) -> LessonOutline:
        by_language = files.get(lesson_id, {})
        languages = sorted(by_language, key=lambda lang: (lang != default, lang))
        path = by_language.get(default)
        return LessonOutline(lesson_id, _lesson_title(path, lesson_id), tuple(languages), path)

    modules: list[ModuleOutline] = []
    listed: set[str] = set()
    for module in data["modules"]:
        titles = module.get("title") if isinstance(module.get("title"), dict) else {}
        ids = [str(i) for i in module["lessons"]]
        listed.update(ids)
        modules.append(ModuleOutline(str(module.get("id", "")),
                                     {normalize_language(str(k)): str(v)
                                      for k, v in titles.items()},
                                     [lesson(i) for i in ids]))
    titles = data.get("title") if isinstance(data.get("title"), dict) else {}
    return Outline(str(data.get("id", "")), default,
                   {normalize_language(str(k)): str(v) for k, v in titles.items()}, modules,
                   [lesson(i) for i in files if i not in listed])


def _taken_lesson_ids(root: Path, data: dict[str, Any]) -> set[str]:
    return {str(i) for m in data["modules"] for i in m["lessons"]} | set(lesson_files(root))


def add_module(root: Path, title: str, language: str, module_id: str | None = None) -> str:
    """Add a module at the end, with one starter lesson (a module needs a lesson to be valid).

    The title is also written in the default language when ``language`` is another one.
    Returns the module's id.
    """
    data = read_manifest_data(root)
    taken = {str(m.get("id")) for m in data["modules"]}
    module_id = module_id or suggest_id(title, taken, fallback="module")
    _check_id(module_id)
    if module_id in taken:
        raise EditRefused(_("the module id '{id}' is already used: choose another")
                          .format(id=module_id))
    titles = {default_language(data).replace("_", "-"): title.strip()}
    titles[language.replace("_", "-")] = title.strip()
    lesson_id = suggest_id(_("New lesson"), _taken_lesson_ids(root, data), fallback="lesson")
    data["modules"].append({"id": module_id, "title": titles, "lessons": [lesson_id]})
    _write_lesson_file(root, data, lesson_id, _("New lesson"))
    write_manifest_data(root, data)
    return module_id


def rename_module(root: Path, module_id: str, title: str, language: str) -> None:
    data = read_manifest_data(root)
    if not title.strip():
        raise EditRefused(_("a module needs a title"))
    module = _module(data, module_id)
    if not isinstance(module.get("title"), dict):
        module["title"] = {}
    module["title"][language.replace("_", "-")] = title.strip()
    write_manifest_data(root, data)


def move_module(root: Path, module_id: str, delta: int) -> None:
    """Move a module ``delta`` places up (negative) or down, stopping at either end."""
    data = read_manifest_data(root)
    module = _module(data, module_id)
    modules = data["modules"]
    index = modules.index(module)
    modules.insert(max(0, min(len(modules) - 1, index + delta)), modules.pop(index))
    write_manifest_data(root, data)


def _delete_files(root: Path, lesson_id: str) -> None:
    for path in lesson_files(root).get(lesson_id, {}).values():
        path.unlink(missing_ok=True)


def delete_module(root: Path, module_id: str) -> None:
    """Delete a module and its lessons' files in every language (the caller confirms)."""
    data = read_manifest_data(root)
    module = _module(data, module_id)
    if len(data["modules"]) == 1:
        raise EditRefused(_("a pack needs at least one module: add another module before "
                            "deleting this one"))
    data["modules"].remove(module)
    write_manifest_data(root, data)
    for lesson_id in module["lessons"]:
        _delete_files(root, str(lesson_id))


def _write_lesson_file(root: Path, data: dict[str, Any], lesson_id: str, title: str) -> Path:
    path = lesson_path(root, lesson_id, default_language(data))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, lesson_template(lesson_id, title.strip()))
    return path


def add_lesson(root: Path, module_id: str, title: str, lesson_id: str | None = None,
               position: int | None = None) -> Path:
    """Add a lesson to a module (at ``position``, or last) from a short template; returns
    its file in the default language."""
    data = read_manifest_data(root)
    module = _module(data, module_id)
    if not title.strip():
        raise EditRefused(_("a lesson needs a title"))
    taken = _taken_lesson_ids(root, data)
    lesson_id = lesson_id or suggest_id(title, taken, fallback="lesson")
    _check_id(lesson_id)
    if lesson_id in taken:
        raise EditRefused(_("the lesson id '{id}' is already used: choose another")
                          .format(id=lesson_id))
    lessons = module["lessons"]
    lessons.insert(len(lessons) if position is None else max(0, position), lesson_id)
    path = _write_lesson_file(root, data, lesson_id, title)
    write_manifest_data(root, data)
    return path


def rename_lesson(root: Path, lesson_id: str, title: str, language: str) -> None:
    """Change the lesson's title in one language: only the file's ``title:`` line changes."""
    if not title.strip():
        raise EditRefused(_("a lesson needs a title"))
    path = lesson_files(root).get(lesson_id, {}).get(normalize_language(language))
    if path is None:
        raise EditRefused(_("the lesson '{id}' has no file in '{lang}': start the "
                            "translation first").format(id=lesson_id, lang=language))
    text = path.read_text(encoding="utf-8")
    write_text(path, set_front_matter_line(text, "title", title.strip()))


def move_lesson(root: Path, lesson_id: str, module_id: str, position: int) -> None:
    """Put a lesson at ``position`` in a module (its own or another)."""
    data = read_manifest_data(root)
    target = _module(data, module_id)
    source = _module_of(data, lesson_id)
    if source is not target and len(source["lessons"]) == 1:
        raise EditRefused(_("a module needs at least one lesson: add another lesson to "
                            "'{id}' first, or delete that module").format(id=source["id"]))
    source["lessons"].remove(lesson_id)
    if source is not target and source.get("assessment") == lesson_id:
        del source["assessment"]
    target["lessons"].insert(max(0, min(position, len(target["lessons"]))), lesson_id)
    write_manifest_data(root, data)


def delete_lesson(root: Path, lesson_id: str) -> None:
    """Delete a lesson: its files in every language, its manifest entry and any
    ``assessment:`` naming it (the caller confirms)."""
    data = read_manifest_data(root)
    listed = [m for m in data["modules"] if lesson_id in m["lessons"]]
    if not listed and lesson_id not in lesson_files(root):
        raise EditRefused(_("there is no lesson '{id}' in this pack").format(id=lesson_id))
    for module in listed:
        if len(module["lessons"]) == 1:
            raise EditRefused(_("this is the only lesson of module '{id}': a module needs at "
                                "least one lesson, so delete the module instead")
                              .format(id=module["id"]))
        module["lessons"].remove(lesson_id)
        if module.get("assessment") == lesson_id:
            del module["assessment"]
    if listed:
        write_manifest_data(root, data)
    _delete_files(root, lesson_id)


def set_pack_fields(root: Path, **fields: Any) -> None:
    """Change the pack's title, description (a text for the default language, or a
    language -> text dict), version, authors (a list of names) or license."""
    data = read_manifest_data(root)
    default = default_language(data).replace("_", "-")
    for key, value in fields.items():
        if key not in PACK_FIELDS:
            raise EditRefused(_("'{key}' cannot be changed here").format(key=key))
        if key in ("title", "description"):
            texts = value if isinstance(value, dict) else {default: value}
            current = data.get(key) if isinstance(data.get(key), dict) else {}
            for lang, text in texts.items():
                if not str(text).strip():
                    raise EditRefused(_("the {key} cannot be empty").format(key=key))
                current[str(lang).replace("_", "-")] = str(text).strip()
            data[key] = current
        elif key == "version":
            if not VERSION_PATTERN.match(str(value)):
                raise EditRefused(_("'{value}' is not a version: use numbers separated by "
                                    "dots, like 1.0.2").format(value=value))
            data[key] = str(value)
        elif key == "authors":
            names = [str(a).strip() for a in value if str(a).strip()]
            if not names:
                raise EditRefused(_("name at least one author"))
            data[key] = names
        elif not str(value).strip():
            raise EditRefused(_("name the licence, like CC-BY-4.0"))
        else:
            data[key] = str(value).strip()
    write_manifest_data(root, data)

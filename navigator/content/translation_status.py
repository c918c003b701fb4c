"""Which translations are missing or out of date: lessons x languages.

A translation file records the source it was made from in its front matter,
``translated_from: 3fa2c19b07de``: a fingerprint of what translators translate in the
default-language file (title, objectives and the steps). When the source changes, its
fingerprint changes and the translation shows as out of date; changing ``minutes`` or
``tags`` does not, since translators do not touch them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from navigator.content.manifest import LANGUAGE_PATTERN
from navigator.content.packedit import default_language, read_manifest_data
from navigator.content.scaffold import (
    EditRefused,
    front_matter,
    front_matter_bounds,
    lesson_files,
    lesson_path,
    set_front_matter_line,
    write_text,
)
from navigator.core.model import normalize_language
from navigator.i18n import _

KEY = "translated_from"


class Status(str, Enum):
    SOURCE = "source"        # the default language itself
    CURRENT = "current"      # made from the source as it is now
    OUTDATED = "outdated"    # the source changed after the translation
    MISSING = "missing"      # no file in this language
    UNTRACKED = "untracked"  # a file, but no record of the source it was made from


@dataclass
class TranslationRow:
    lesson_id: str
    title: str
    statuses: dict[str, Status] = field(default_factory=dict)


@dataclass
class TranslationTable:
    """``languages`` in column order (the default first); ``rows`` in the manifest's order."""

    default_language: str
    languages: list[str]
    rows: list[TranslationRow]


def source_fingerprint(text: str) -> str:
    """12 hex characters that change when the title, objectives or steps change.

    Line endings and trailing spaces are ignored; so are minutes, tags, audience and
    ``translated_from``.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    meta, _doc = front_matter(text)
    bounds = front_matter_bounds(lines)
    body = lines[bounds[1] + 1:] if bounds else lines
    title = meta.get("title")
    objectives = meta.get("objectives", [])
    objectives = [objectives] if isinstance(objectives, str) else objectives
    content = [str(title).strip() if title is not None else "",
               [str(o).strip() for o in objectives] if isinstance(objectives, list) else [],
               "\n".join(body).strip("\n")]
    digest = hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:12]


def recorded_source(text: str) -> str | None:
    """The ``translated_from`` value of a translation file, as written; ``None`` if absent."""
    meta, doc = front_matter(text)
    if KEY not in meta or doc is None:
        return None
    return doc.raw(KEY) or str(meta[KEY])


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def translation_table(root: Path, languages: list[str] | None = None) -> TranslationTable:
    """The status of every lesson in every language; files with errors are read tolerantly."""
    data = read_manifest_data(root)
    default = default_language(data)
    files = lesson_files(root)
    found = {lang for by_language in files.values() for lang in by_language}
    credits = data.get("translations") if isinstance(data.get("translations"), dict) else {}
    found |= {normalize_language(str(lang)) for lang in credits}
    found |= {normalize_language(lang) for lang in languages or []}
    columns = [default, *sorted(found - {default})]
    rows: list[TranslationRow] = []
    for module in data["modules"]:
        for lesson_id in (str(i) for i in module["lessons"]):
            by_language = files.get(lesson_id, {})
            source_text = _read(by_language[default]) if default in by_language else None
            source = source_fingerprint(source_text) if source_text is not None else None
            title = front_matter(source_text or "")[0].get("title")
            row = TranslationRow(lesson_id, str(title).strip() if title else lesson_id)
            for lang in columns:
                row.statuses[lang] = _status(lang == default, by_language.get(lang), source)
            rows.append(row)
    return TranslationTable(default, columns, rows)


def _status(is_source: bool, path: Path | None, source: str | None) -> Status:
    if path is None:
        return Status.MISSING
    if is_source:
        return Status.SOURCE
    text = _read(path)
    recorded = recorded_source(text) if text is not None else None
    if recorded is None or source is None:
        return Status.UNTRACKED
    return Status.CURRENT if recorded == source else Status.OUTDATED


def _source_text(root: Path, lesson_id: str, language: str) -> tuple[str, Path]:
    data = read_manifest_data(root)
    default = default_language(data)
    if not LANGUAGE_PATTERN.match(language):
        raise EditRefused(_("'{lang}' is not a language code: use codes like en, fr, fr-CA, "
                            "ar, es").format(lang=language))
    if normalize_language(language) == default:
        raise EditRefused(_("'{lang}' is the pack's own language: the lesson is written in "
                            "it, not translated").format(lang=language))
    source = files_of(root, lesson_id).get(default)
    text = _read(source) if source is not None else None
    if text is None:
        raise EditRefused(_("the lesson '{id}' has no readable file in the default language "
                            "'{lang}'").format(id=lesson_id, lang=default))
    return text, lesson_path(root, lesson_id, language)


def files_of(root: Path, lesson_id: str) -> dict[str, Path]:
    return lesson_files(root).get(lesson_id, {})


def start_translation(root: Path, lesson_id: str, language: str) -> Path:
    """Create ``LESSON.LANG.md`` as a copy of the source, recording the source's fingerprint;
    the translator then replaces the words. Refuses when the translation exists."""
    text, target = _source_text(root, lesson_id, language)
    if normalize_language(language) in files_of(root, lesson_id):
        raise EditRefused(_("the lesson '{id}' already has a file in '{lang}': open it "
                            "instead").format(id=lesson_id, lang=language))
    write_text(target, set_front_matter_line(text, KEY, source_fingerprint(text)))
    return target


def mark_translation_current(root: Path, lesson_id: str, language: str) -> None:
    """Record that the translation matches the source as it is now (only that line changes)."""
    text, _target = _source_text(root, lesson_id, language)
    path = files_of(root, lesson_id).get(normalize_language(language))
    if path is None:
        raise EditRefused(_("the lesson '{id}' has no file in '{lang}': start the "
                            "translation first").format(id=lesson_id, lang=language))
    translation = _read(path)
    if translation is None:
        raise EditRefused(_("{name} cannot be read as UTF-8 text").format(name=path.name))
    write_text(path, set_front_matter_line(translation, KEY, source_fingerprint(text)))

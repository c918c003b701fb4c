"""What a new version of a pack changes: lessons added, changed and removed, and whether it
is an upgrade, the same version or a downgrade.

A lesson is *changed* when any of its files (in any language) differs, byte for byte, or
when a picture it shows differs. Progress is kept by lesson id, so lessons whose ids remain
keep every learner's records; the changed ones are marked in the catalogue.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from navigator.content.media import pictures as find_pictures
from navigator.core.model import Lesson, Pack


def version_key(version: str) -> tuple[int, ...]:
    """``"1.10.2"`` -> ``(1, 10, 2)``; trailing zeros do not count (``1.0`` == ``1``)."""
    numbers = [int(part) for part in version.split(".") if part.isdigit()]
    while numbers and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


@dataclass(frozen=True)
class LessonChange:
    lesson_id: str
    title: str


@dataclass(frozen=True)
class PackChanges:
    """The difference between the installed pack (if any) and a new one."""

    pack_id: str
    title: str
    new_version: str
    old_version: str | None = None
    added: list[LessonChange] = field(default_factory=list)
    changed: list[LessonChange] = field(default_factory=list)
    removed: list[LessonChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def is_new(self) -> bool:
        return self.old_version is None

    @property
    def is_downgrade(self) -> bool:
        return (self.old_version is not None
                and version_key(self.new_version) < version_key(self.old_version))

    @property
    def same_version(self) -> bool:
        return (self.old_version is not None
                and version_key(self.new_version) == version_key(self.old_version))

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def lesson_fingerprint(lesson: Lesson, root: Path) -> str:
    """A hash of every file of ``lesson``: its text in each language and its pictures."""
    digest = hashlib.sha256()
    pictures: set[str] = set()
    for language in sorted(lesson.texts):
        path = lesson.texts[language].path
        if path is None:
            continue
        data = path.read_bytes()
        digest.update(language.encode() + b"\0" + data + b"\0")
        pictures.update(m.group("src") for m in find_pictures(data.decode("utf-8", "replace")))
    for src in sorted(pictures):
        picture = root / src
        if picture.is_file():
            digest.update(src.encode() + b"\0" + picture.read_bytes() + b"\0")
    return digest.hexdigest()


def compare_packs(old: Pack | None, new: Pack, language: str) -> PackChanges:
    """What installing ``new`` over ``old`` changes; titles in ``language`` when there."""
    def title(lesson: Lesson) -> str:
        return lesson.text_for(language).title

    title_of_pack = new.titles.get(language) or new.titles.get(new.default_language, new.id)
    if old is None:
        return PackChanges(new.id, title_of_pack, new.version, None,
                           added=[LessonChange(lesson.id, title(lesson))
                                  for lesson in new.ordered_lessons()])
    added: list[LessonChange] = []
    changed: list[LessonChange] = []
    unchanged = 0
    for lesson in new.ordered_lessons():
        before = old.lessons.get(lesson.id)
        if before is None:
            added.append(LessonChange(lesson.id, title(lesson)))
        elif lesson_fingerprint(before, old.root) != lesson_fingerprint(lesson, new.root):
            changed.append(LessonChange(lesson.id, title(lesson)))
        else:
            unchanged += 1
    removed = [LessonChange(lesson.id, title(lesson)) for lesson in old.ordered_lessons()
               if lesson.id not in new.lessons]
    return PackChanges(new.id, title_of_pack, new.version, old.version, added, changed,
                       removed, unchanged)

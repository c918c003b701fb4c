"""Loading and validating a pack folder: one pass builds the model and lists every problem."""

from __future__ import annotations

import re
from pathlib import Path

from navigator.content.lessonfile import LessonFile, parse_lesson_file
from navigator.content.manifest import LANGUAGE_PATTERN, MANIFEST_NAME, Manifest, read_manifest
from navigator.content.problems import PackError, Problem, Problems
from navigator.core.model import Lesson, LessonText, Module, Pack, normalize_language
from navigator.i18n import _

LESSONS_DIR = "lessons"
LESSON_FILE = re.compile(r"^(?P<id>[^.]+)\.(?P<lang>[^.]+)\.md$")


def check_pack(root: Path, *, display_root: Path | None = None
               ) -> tuple[Pack | None, list[Problem]]:
    """Read the pack at ``root``: the pack (``None`` if it has errors) and all problems."""
    root = Path(root)
    problems = Problems(root, display_root)
    if not root.is_dir():
        problems.error(root, 0, _("is not a folder: a pack is a folder with a {name} file")
                       .format(name=MANIFEST_NAME))
        return None, problems.items
    manifest = read_manifest(root, problems)
    files = _read_lesson_files(root, manifest, problems)
    if manifest is None:
        return None, problems.items
    pack = _assemble(root, manifest, files, problems)
    return (pack if not problems.errors else None), problems.items


def load_pack(root: Path) -> Pack:
    """The pack at ``root``; raises :class:`PackError` listing every error."""
    pack, problems = check_pack(root)
    if pack is None:
        raise PackError([p for p in problems if not p.warning])
    return pack


def _read_lesson_files(root: Path, manifest: Manifest | None,
                       problems: Problems) -> dict[str, dict[str, LessonFile]]:
    folder = root / LESSONS_DIR
    files: dict[str, dict[str, LessonFile]] = {}
    if not folder.is_dir():
        problems.error(folder, 0, _("the pack has no lessons folder: put the lesson files in "
                                    "'{name}/'").format(name=LESSONS_DIR))
        return files
    for path in sorted(folder.iterdir()):
        if path.is_dir() or path.name.startswith("."):
            continue
        match = LESSON_FILE.match(path.name)
        if path.suffix != ".md":
            problems.warn(path, 0, _("not a lesson file (lesson files end in .md); ignored"))
            continue
        if not match or not LANGUAGE_PATTERN.match(match.group("lang")):
            problems.error(path, 0, _("name lesson files LESSON-ID.LANGUAGE.md, like "
                                      "power-and-lock.fr.md"))
            continue
        if path.is_symlink():
            problems.error(path, 0, _("is a link: put the lesson file itself in the pack"))
            continue
        language = normalize_language(match.group("lang"))
        parsed = parse_lesson_file(path, language, root, problems)
        if parsed is None:
            continue
        if parsed.lesson_id != match.group("id"):
            problems.error(path, 2, _("the id '{id}' does not match the file name: use "
                                      "'id: {name}' or rename the file")
                           .format(id=parsed.lesson_id, name=match.group("id")))
            continue
        files.setdefault(parsed.lesson_id, {})[language] = parsed
    return files


def _assemble(root: Path, manifest: Manifest, files: dict[str, dict[str, LessonFile]],
              problems: Problems) -> Pack:
    manifest_path = root / MANIFEST_NAME
    listed = {lid for m in manifest.modules for lid, _line in m.lessons}
    for lesson_id, by_language in files.items():
        if lesson_id not in listed:
            first = next(iter(by_language.values()))
            problems.error(first.text.path or root, 1, _(
                "the lesson '{id}' is not in any module: add it under 'lessons:' of a module "
                "in {name}").format(id=lesson_id, name=MANIFEST_NAME))
    lessons: dict[str, Lesson] = {}
    modules: list[Module] = []
    default = manifest.default_language
    for entry in manifest.modules:
        for lesson_id, line in entry.lessons:
            by_language = files.get(lesson_id, {})
            main = by_language.get(default)
            if main is None:
                if _file_exists(root, lesson_id, default):
                    continue  # the file exists and its own problems are already listed
                problems.error(manifest_path, line, _(
                    "the lesson '{id}' has no file in the default language: add "
                    "{folder}/{id}.{lang}.md").format(id=lesson_id, folder=LESSONS_DIR,
                                                     lang=default.replace("_", "-")))
                continue
            lesson = _build_lesson(lesson_id, entry.id, main, by_language, manifest, problems)
            if lesson is not None:
                lessons[lesson_id] = lesson
        modules.append(Module(entry.id, entry.titles,
                              tuple(lid for lid, _line in entry.lessons), entry.descriptions,
                              entry.assessment))
    return Pack(
        id=manifest.id, version=manifest.version, format_version=manifest.format_version,
        default_language=default, audience=manifest.audience, license=manifest.license,
        authors=manifest.authors, titles=manifest.titles, descriptions=manifest.descriptions,
        mastery=manifest.mastery, modules=tuple(modules), lessons=lessons, root=root,
        translations=manifest.translations,
    )


def _file_exists(root: Path, lesson_id: str, language: str) -> bool:
    folder = root / LESSONS_DIR
    return any((folder / f"{lesson_id}.{code}.md").is_file()
               for code in {language, language.replace("_", "-")})


def _build_lesson(lesson_id: str, module_id: str, main: LessonFile,
                  by_language: dict[str, LessonFile], manifest: Manifest,
                  problems: Problems) -> Lesson | None:
    path = main.text.path or Path(lesson_id)
    ok = True
    if main.minutes is None:
        problems.error(path, 2, _("the front matter needs 'minutes:', how long the lesson "
                                  "takes (1 to 60)"))
        ok = False
    if not main.has_objectives:
        problems.error(path, 2, _("the front matter needs 'objectives:', what the learner "
                                  "will be able to do, one per line starting with '- '"))
        ok = False
    texts: dict[str, LessonText] = {main.language: main.text}
    for language, translation in by_language.items():
        if language == main.language:
            continue
        if _same_structure(main.text, translation.text, problems):
            texts[language] = translation.text
        else:
            ok = False
    if not ok:
        return None
    return Lesson(id=lesson_id, module_id=module_id, minutes=main.minutes or 1,
                  audience=main.audience or manifest.audience, tags=main.tags, texts=texts,
                  default_language=main.language)


def _same_structure(source: LessonText, translation: LessonText, problems: Problems) -> bool:
    """A translation has the same steps, kinds, ids and right options as its source."""
    path = translation.path or Path()
    if len(source.steps) != len(translation.steps):
        problems.error(path, translation.steps[-1].line if translation.steps else 1, _(
            "the translation has {found} steps but the {lang} lesson has {expected}: "
            "translations need the same steps in the same order").format(
                found=len(translation.steps), expected=len(source.steps), lang=source.language))
        return False
    for a, b in zip(source.steps, translation.steps, strict=True):
        if a.id != b.id or a.kind != b.kind or a.branch != b.branch:
            problems.error(path, b.line, _(
                "this step should match step '{id}' ({kind}) of the {lang} lesson: keep the "
                "same order, markers and ids").format(id=a.id, kind=a.kind.value,
                                                      lang=source.language))
            return False
        if a.question and b.question:
            shape_a = [(o.correct, o.spot, o.next_step) for o in a.question.options]
            shape_b = [(o.correct, o.spot, o.next_step) for o in b.question.options]
            if shape_a != shape_b or a.question.type != b.question.type:
                problems.error(path, b.line, _(
                    "the options differ from the {lang} lesson: keep the same kind of "
                    "question and the same number of options, with [x], spots and "
                    "{{next}} links on the same ones").format(lang=source.language))
                return False
    return True

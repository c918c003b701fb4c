"""Translation status: which lessons are translated, missing, or out of date because the
source changed after the translation was made."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from navigator.content.loader import check_pack
from navigator.content.scaffold import EditRefused
from navigator.content.translation_status import (
    Status,
    mark_translation_current,
    source_fingerprint,
    start_translation,
    translation_table,
)
from tests.conftest import ROOT, SAMPLE_PACK


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE_PACK, root)
    return root


def _status(root: Path, lesson_id: str, language: str) -> Status:
    table = translation_table(root)
    return next(r for r in table.rows if r.lesson_id == lesson_id).statuses[language]


def test_the_table_lists_lessons_by_language(pack: Path):
    table = translation_table(pack, ["ar"])
    assert table.languages == ["en", "ar", "fr"]
    assert [r.lesson_id for r in table.rows] == ["first-lesson", "second-lesson",
                                                "question-kinds"]
    first = table.rows[0]
    assert first.statuses == {"en": Status.SOURCE, "ar": Status.MISSING,
                              "fr": Status.UNTRACKED}
    assert table.rows[1].statuses["fr"] is Status.MISSING


def test_a_translation_goes_out_of_date_when_its_source_changes(pack: Path):
    source = pack / "lessons" / "first-lesson.en.md"
    mark_translation_current(pack, "first-lesson", "fr")
    assert _status(pack, "first-lesson", "fr") is Status.CURRENT
    assert all("translated_from" not in p.message for p in check_pack(pack)[1])

    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("minutes: 5", "tags: [new]\nminutes: 9") + "  \n",
                      encoding="utf-8")
    assert _status(pack, "first-lesson", "fr") is Status.CURRENT  # not translated: no change

    source.write_text(text.replace("\n## ", "\n## Changed ", 1), encoding="utf-8")
    assert _status(pack, "first-lesson", "fr") is Status.OUTDATED
    mark_translation_current(pack, "first-lesson", "fr")
    assert _status(pack, "first-lesson", "fr") is Status.CURRENT

    (pack / "lessons" / "first-lesson.fr.md").unlink()
    assert _status(pack, "first-lesson", "fr") is Status.MISSING


def test_the_fingerprint_covers_what_translators_translate():
    text = "---\nid: a\ntitle: T\nminutes: 3\nobjectives:\n  - Do.\n---\n\n## S\n\nBody.\n"
    same = [text.replace("\n", "\r\n"), text.replace("Body.", "Body.   "),
            text.replace("minutes: 3", "minutes: 9\ntranslated_from: 0123456789ab")]
    assert {source_fingerprint(t) for t in same} == {source_fingerprint(text)}
    changed = [text.replace("title: T", "title: U"), text.replace("Do.", "Do it."),
               text.replace("Body.", "Body!")]
    assert len({source_fingerprint(t) for t in [text, *changed]}) == 4
    assert len(source_fingerprint(text)) == 12 and int(source_fingerprint(text), 16) >= 0


def test_starting_a_translation_copies_the_source(pack: Path):
    path = start_translation(pack, "second-lesson", "es")
    assert path == pack / "lessons" / "second-lesson.es.md"
    source = (pack / "lessons" / "second-lesson.en.md").read_text(encoding="utf-8")
    copy = path.read_text(encoding="utf-8")
    fingerprint = source_fingerprint(source)
    assert f"\ntranslated_from: {fingerprint}\n---\n" in copy
    assert copy.replace(f"translated_from: {fingerprint}\n", "") == source
    assert _status(pack, "second-lesson", "es") is Status.CURRENT
    assert [p for p in check_pack(pack)[1] if not p.warning] == []
    with pytest.raises(EditRefused, match="already has a file"):
        start_translation(pack, "second-lesson", "es")
    with pytest.raises(EditRefused, match="own language"):
        start_translation(pack, "second-lesson", "en")
    with pytest.raises(EditRefused, match="no file in 'de'"):
        mark_translation_current(pack, "second-lesson", "de")


def test_a_bad_translated_from_is_a_warning(pack: Path):
    path = pack / "lessons" / "first-lesson.fr.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n---\n", "\ntranslated_from: soon\n---\n", 1),
                    encoding="utf-8")
    problems = [p for p in check_pack(pack)[1] if "translated_from" in p.message]
    assert len(problems) == 1 and problems[0].warning
    assert _status(pack, "first-lesson", "fr") is Status.OUTDATED


@pytest.mark.parametrize("name", ["staff-course", "client-lessons"])
def test_the_built_in_translations_are_up_to_date(name: str):
    """Change a built-in lesson, then update its translations and run
    mark_translation_current (or the pack editor's "Mark as up to date")."""
    table = translation_table(ROOT / "curriculum" / name)
    stale = [(r.lesson_id, lang, s.value) for r in table.rows for lang, s in r.statuses.items()
             if s not in (Status.SOURCE, Status.CURRENT)]
    assert stale == []
    assert len(table.languages) > 1

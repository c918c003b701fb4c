"""Pack editing on disk: a new pack, modules and lessons added, renamed, moved and deleted.
After every edit the pack still validates; edits that would break it are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from navigator.content import packedit as pe
from navigator.content.loader import check_pack, load_pack
from navigator.content.scaffold import new_pack
from tests.conftest import SAMPLE_PACK


def _errors(root: Path) -> list[str]:
    return [str(p) for p in check_pack(root)[1] if not p.warning]


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE_PACK, root)
    assert _errors(root) == []
    return root


def _manifest(root: Path) -> dict:
    return yaml.safe_load((root / "pack.yaml").read_text(encoding="utf-8"))


def test_a_new_pack_validates_with_no_problem_at_all(tmp_path: Path):
    root = new_pack(tmp_path / "mine", title="Téléphone: les bases", language="fr",
                    audience="client", author="Agence Nord")
    pack, problems = check_pack(root)
    assert problems == [] and pack is not None
    assert pack.id == "telephone-les-bases" and pack.titles == {"fr": "Téléphone: les bases"}
    assert pack.authors == ("Agence Nord",) and pack.audience.value == "client"
    lesson = next(iter(pack.lessons.values())).texts["fr"]
    picture = next(s for s in lesson.steps if "![" in s.body)
    assert "media/example-phone.svg" in picture.body
    assert (root / "media" / "example-phone.svg").read_text().startswith("<svg")
    question = next(s.question for s in lesson.steps if s.is_graded)
    assert all(o.feedback for o in question.options)


def test_a_new_pack_needs_an_empty_folder_and_valid_values(tmp_path: Path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    with pytest.raises(pe.EditRefused, match="not empty"):
        new_pack(tmp_path / "full", title="X")
    assert (tmp_path / "full" / "notes.txt").read_text() == "mine"
    with pytest.raises(pe.EditRefused):
        new_pack(tmp_path / "a", title="X", language="French")
    with pytest.raises(pe.EditRefused):
        new_pack(tmp_path / "b", title="X", pack_id="Bad Id")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_read_outline_shows_modules_lessons_and_stray_files(pack: Path):
    (pack / "lessons" / "stray.en.md").write_text("not a lesson", encoding="utf-8")
    (pack / "lessons" / "second-lesson.en.md").write_text("---\ntitle: [broken\n---\n")
    outline = pe.read_outline(pack)
    assert outline.pack_id == "sample" and outline.default_language == "en"
    assert [m.id for m in outline.modules] == ["basics", "kinds"]
    basics = outline.modules[0]
    assert basics.titles["fr"] == "Les bases"
    first, second = basics.lessons
    assert first.languages == ("en", "fr") and first.path == pack / "lessons/first-lesson.en.md"
    assert first.title == load_pack(SAMPLE_PACK).lessons["first-lesson"].texts["en"].title
    assert second.title == "second-lesson"  # a broken file still shows its id
    assert [lesson.id for lesson in outline.unlisted] == ["stray"]


def test_modules_are_added_renamed_moved_and_deleted(pack: Path):
    module_id = pe.add_module(pack, "Étapes suivantes", "fr")
    assert module_id == "etapes-suivantes" and _errors(pack) == []
    loaded = load_pack(pack)
    assert loaded.modules[-1].titles == {"en": "Étapes suivantes", "fr": "Étapes suivantes"}
    assert len(loaded.modules[-1].lesson_ids) == 1  # a module needs a lesson to be valid

    pe.rename_module(pack, module_id, "Next steps", "en")
    pe.move_module(pack, module_id, -1)
    assert [m.id for m in load_pack(pack).modules] == ["basics", module_id, "kinds"]
    pe.move_module(pack, module_id, -10)
    modules = load_pack(pack).modules
    assert [m.id for m in modules] == [module_id, "basics", "kinds"]
    assert modules[0].titles["en"] == "Next steps"

    lesson_file = pack / "lessons" / f"{modules[0].lesson_ids[0]}.en.md"
    assert lesson_file.is_file()
    pe.delete_module(pack, module_id)
    assert not lesson_file.exists() and _errors(pack) == []
    assert [m["id"] for m in _manifest(pack)["modules"]] == ["basics", "kinds"]


def test_lessons_are_added_renamed_moved_and_deleted(pack: Path):
    path = pe.add_lesson(pack, "basics", "Wi-Fi at home", position=1)
    assert path == pack / "lessons" / "wi-fi-at-home.en.md"
    assert check_pack(pack)[1] == [], "the template has no error and no warning"
    assert load_pack(pack).modules[0].lesson_ids == ("first-lesson", "wi-fi-at-home",
                                                  "second-lesson")

    before = path.read_text(encoding="utf-8")
    pe.rename_lesson(pack, "wi-fi-at-home", "Wi-Fi: at home #2", "en")
    after = path.read_text(encoding="utf-8")
    assert load_pack(pack).lessons["wi-fi-at-home"].texts["en"].title == "Wi-Fi: at home #2"
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert changed == [("title: Wi-Fi at home", 'title: "Wi-Fi: at home #2"')]

    pe.move_lesson(pack, "wi-fi-at-home", "kinds", 0)
    assert load_pack(pack).modules[1].lesson_ids == ("wi-fi-at-home", "question-kinds")
    pe.delete_lesson(pack, "wi-fi-at-home")
    assert not path.exists() and _errors(pack) == []
    assert "wi-fi-at-home" not in (pack / "pack.yaml").read_text(encoding="utf-8")


def test_deleting_an_assessment_removes_its_reference(pack: Path):
    pe.add_lesson(pack, "kinds", "Extra", lesson_id="extra")
    pe.delete_lesson(pack, "question-kinds")
    assert not list((pack / "lessons").glob("question-kinds.*"))
    assert "assessment" not in _manifest(pack)["modules"][1]
    assert _errors(pack) == []


def test_moving_an_assessment_out_of_its_module_drops_the_reference(pack: Path):
    pe.add_lesson(pack, "kinds", "Extra", lesson_id="extra")
    pe.move_lesson(pack, "question-kinds", "basics", 5)
    assert "assessment" not in _manifest(pack)["modules"][1]
    assert load_pack(pack).modules[0].lesson_ids[-1] == "question-kinds"
    assert _errors(pack) == []


def test_pack_fields_change_and_keep_the_key_order(pack: Path):
    keys = list(_manifest(pack))
    pe.set_pack_fields(pack, title="Renamed", description={"fr": "Un petit paquet."},
                       version="1.10", authors=["A", " B "], license="CC0-1.0")
    assert list(_manifest(pack)) == keys
    loaded = load_pack(pack)
    assert loaded.titles == {"en": "Renamed", "fr": "Paquet d'exemple"}
    assert loaded.descriptions["fr"] == "Un petit paquet."
    assert (loaded.version, loaded.authors, loaded.license) == ("1.10", ("A", "B"), "CC0-1.0")
    pe.set_pack_fields(pack, license="MIT")
    assert load_pack(pack).version == "1.10"


@pytest.mark.parametrize(("edit", "reason"), [
    (lambda root: pe.add_module(root, "x", "en", module_id="basics"), "already used"),
    (lambda root: pe.add_module(root, "x", "en", module_id="Not Valid"), "not a valid id"),
    (lambda root: pe.add_lesson(root, "basics", "x", lesson_id="first-lesson"), "already used"),
    (lambda root: pe.add_lesson(root, "nowhere", "x"), "no module"),
    (lambda root: pe.delete_lesson(root, "question-kinds"), "only lesson"),
    (lambda root: pe.move_lesson(root, "question-kinds", "basics", 0), "at least one lesson"),
    (lambda root: pe.rename_lesson(root, "second-lesson", "Titre", "fr"), "no file in 'fr'"),
    (lambda root: pe.set_pack_fields(root, version="one"), "not a version"),
    (lambda root: pe.set_pack_fields(root, id="other"), "cannot be changed"),
])
def test_edits_that_would_break_the_pack_are_refused(pack: Path, edit, reason: str):
    before = {p.name: p.read_bytes() for p in [pack / "pack.yaml",
                                               *sorted((pack / "lessons").iterdir())]}
    with pytest.raises(pe.EditRefused, match=reason):
        edit(pack)
    after = {p.name: p.read_bytes() for p in [pack / "pack.yaml",
                                              *sorted((pack / "lessons").iterdir())]}
    assert after == before


def test_the_last_module_cannot_be_deleted(tmp_path: Path):
    root = new_pack(tmp_path / "one", title="One")
    with pytest.raises(pe.EditRefused, match="at least one module"):
        pe.delete_module(root, "first-module")
    assert _errors(root) == []

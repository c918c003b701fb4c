"""Importing .navpack files into a real data folder: new packs, upgrades that keep progress
and mark changed lessons, refused downgrades, failures that change nothing, exports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from navigator import paths
from navigator.content import packedit
from navigator.content.navpack import NavpackRefused, build_navpack
from navigator.content.scaffold import new_pack
from navigator.pack_import import (
    ImportRefused,
    changes_summary,
    commit_import,
    export_pack,
    prepare_import,
    remove_leftovers,
)
from navigator.services import Services
from navigator.storage import repository as repo
from navigator.storage.pack_updates import lesson_updates, list_installed


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def set_version(root: Path, version: str) -> None:
    packedit.set_pack_fields(root, version=version)


def edit_lesson(root: Path, lesson_id: str, old: str, new: str) -> None:
    path = root / "lessons" / f"{lesson_id}.en.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def started(tmp_path: Path):
    empty = tmp_path / "no-curriculum"
    empty.mkdir()
    services = Services.start(tmp_path / "data", curriculum=empty)
    yield services
    services.close()


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = new_pack(tmp_path / "src" / "road-safety", title="Road safety")
    packedit.add_lesson(root, "first-module", "Crossing the street", lesson_id="crossing")
    packedit.add_lesson(root, "first-module", "Old lesson", lesson_id="old-lesson")
    return root


def install(services: Services, file: Path, *, allow_downgrade: bool = False):
    packs = paths.packs_dir(services.data_dir)
    prepared = prepare_import(services.lane, packs, file, language="en")
    changes = commit_import(services.lane, services.library, packs, prepared,
                            allow_downgrade=allow_downgrade)
    return changes


def test_a_new_pack_is_installed_and_learnable(started: Services, pack: Path, tmp_path: Path):
    file = build_navpack(pack, tmp_path / "road.navpack").path
    changes = install(started, file)
    assert changes.is_new and [c.lesson_id for c in changes.added] == [
        "first-lesson", "crossing", "old-lesson"]
    assert (paths.packs_dir(started.data_dir) / "road-safety" / "pack.yaml").is_file()
    installed = started.lane.call(list_installed)
    assert [(p.pack_id, p.version, p.builtin, p.lessons) for p in installed] == [
        ("road-safety", "0.1.0", False, 3)]
    loaded = started.library.get("road-safety")
    assert loaded.root == paths.packs_dir(started.data_dir) / "road-safety"
    assert not any(p.name.startswith(".") for p in paths.packs_dir(started.data_dir).iterdir())


def test_an_upgrade_keeps_progress_marks_changes_and_lists_them(
        started: Services, pack: Path, tmp_path: Path):
    install(started, build_navpack(pack, tmp_path / "v1.navpack").path)
    learner = started.lane.call(repo.create_learner, name="Sam", language="en")
    for lesson_id in ("first-lesson", "crossing"):
        started.lane.call(repo.set_position, learner_id=learner.id, pack_id="road-safety",
                          lesson_id=lesson_id, step_index=1, step_id="step-2")
        started.lane.call(repo.finish_attempt, learner_id=learner.id, pack_id="road-safety",
                          lesson_id=lesson_id, score=1.0, passed=True)

    edit_lesson(pack, "crossing", "title: Crossing the street", "title: Crossing safely")
    packedit.delete_lesson(pack, "old-lesson")
    packedit.add_lesson(pack, "first-module", "Bicycles", lesson_id="bicycles")
    set_version(pack, "0.2.0")
    file = build_navpack(pack, tmp_path / "v2.navpack").path

    packs = paths.packs_dir(started.data_dir)
    prepared = prepare_import(started.lane, packs, file, language="en")
    changes = prepared.changes
    assert (changes.old_version, changes.new_version) == ("0.1.0", "0.2.0")
    assert [c.lesson_id for c in changes.added] == ["bicycles"]
    assert [c.title for c in changes.changed] == ["Crossing safely"]
    assert [c.lesson_id for c in changes.removed] == ["old-lesson"]
    assert changes.unchanged == 1
    summary = "\n".join(changes_summary(changes))
    assert "from version 0.1.0 to 0.2.0" in summary
    assert "1 lesson changed: Crossing safely" in summary
    assert "1 lesson removed: Old lesson" in summary
    # before the trainer confirms, the catalogue still has version 1
    assert started.lane.call(list_installed)[0].version == "0.1.0"

    commit_import(started.lane, started.library, packs, prepared)
    rows = {lesson.lesson_id: lesson for p in started.lane.call(
        repo.catalogue, learner_id=learner.id) for m in p.modules for lesson in m.lessons}
    assert set(rows) == {"first-lesson", "crossing", "bicycles"}
    assert rows["first-lesson"].status == "completed" and rows["first-lesson"].update is None
    assert rows["crossing"].status == "completed" and rows["crossing"].update == "changed"
    assert rows["bicycles"].status == "new" and rows["bicycles"].update == "added"
    assert set(started.lane.call(lesson_updates, pack_id="road-safety")) == {
        "crossing", "bicycles"}
    assert started.library.get("road-safety").version == "0.2.0"


def test_a_downgrade_is_refused_unless_asked(started: Services, pack: Path, tmp_path: Path):
    old = build_navpack(pack, tmp_path / "v1.navpack").path
    set_version(pack, "1.0")
    install(started, build_navpack(pack, tmp_path / "v2.navpack").path)
    packs = paths.packs_dir(started.data_dir)
    before = listing(packs)
    with pytest.raises(ImportRefused) as refused:
        install(started, old)
    assert refused.value.reason == "downgrade"
    assert "older than the installed version 1.0" in refused.value.message
    assert listing(packs) == before
    assert started.lane.call(list_installed)[0].version == "1.0"

    install(started, old, allow_downgrade=True)
    assert started.lane.call(list_installed)[0].version == "0.1.0"


def test_a_failure_while_installing_puts_the_previous_version_back(
        started: Services, pack: Path, tmp_path: Path, monkeypatch):
    install(started, build_navpack(pack, tmp_path / "v1.navpack").path)
    set_version(pack, "0.2.0")
    edit_lesson(pack, "crossing", "title: Crossing the street", "title: Crossing safely")
    file = build_navpack(pack, tmp_path / "v2.navpack").path
    packs = paths.packs_dir(started.data_dir)
    before = {p: p.read_bytes() for p in (packs / "road-safety").rglob("*") if p.is_file()}

    def broken(db, **_kwargs):
        db.execute("UPDATE packs SET version = 'half-done'")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("navigator.pack_import.install_pack_version", broken)
    with pytest.raises(OSError):
        install(started, file)
    after = {p: p.read_bytes() for p in (packs / "road-safety").rglob("*") if p.is_file()}
    assert after == before
    assert started.lane.call(list_installed)[0].version == "0.1.0"  # the transaction rolled back
    assert not [p for p in packs.iterdir() if p.name.startswith(".")]


def test_refused_files_change_neither_the_packs_folder_nor_the_database(
        started: Services, pack: Path, tmp_path: Path):
    install(started, build_navpack(pack, tmp_path / "v1.navpack").path)
    packs = paths.packs_dir(started.data_dir)
    before = (listing(packs), started.lane.call(list_installed))
    not_a_pack = tmp_path / "notes.navpack"
    not_a_pack.write_text("these are my notes", encoding="utf-8")
    with pytest.raises(NavpackRefused) as refused:
        prepare_import(started.lane, packs, not_a_pack, language="en")
    assert refused.value.reason == "not-a-navpack"
    assert (listing(packs), started.lane.call(list_installed)) == before


def test_leftovers_of_an_interrupted_import_are_cleaned_at_start(tmp_path: Path, pack: Path):
    packs = tmp_path / "data" / "packs"
    (packs / ".incoming-1234" / "road-safety").mkdir(parents=True)
    shutil.copytree(pack, packs / ".old-road-safety-abcd")  # moved aside, then a crash
    remove_leftovers(packs)
    assert sorted(p.name for p in packs.iterdir()) == ["road-safety"]
    assert (packs / "road-safety" / "pack.yaml").is_file()


def test_an_imported_newer_builtin_pack_is_kept_at_the_next_start(tmp_path: Path):
    builtin = tmp_path / "curriculum"
    shutil.copytree(Path(__file__).parent / "data" / "curriculum", builtin)
    sample = builtin / "sample"
    services = Services.start(tmp_path / "data", curriculum=builtin)
    try:
        pack_id = services.library.get(services.lane.call(list_installed)[0].pack_id).id
        newer = tmp_path / "newer"
        shutil.copytree(sample, newer)
        set_version(newer, "99.0")
        packs = paths.packs_dir(services.data_dir)
        prepared = prepare_import(services.lane, packs,
                                  build_navpack(newer, tmp_path / "newer.navpack").path,
                                  language="en")
        assert prepared.replaces_builtin
        assert "This pack comes with Navigator" in "\n".join(
            changes_summary(prepared.changes, replaces_builtin=True))
        commit_import(services.lane, services.library, packs, prepared)
    finally:
        services.close()
    services = Services.start(tmp_path / "data", curriculum=builtin)
    try:
        installed = {p.pack_id: p for p in services.lane.call(list_installed)}
        assert installed[pack_id].version == "99.0" and not installed[pack_id].builtin
    finally:
        services.close()


def test_export_writes_a_file_that_imports_elsewhere(started: Services, pack: Path,
                                                     tmp_path: Path):
    install(started, build_navpack(pack, tmp_path / "v1.navpack").path)
    out = tmp_path / "shared.navpack"
    built = export_pack(started.lane, "road-safety", out)
    assert built.path == out and out.stat().st_size > 0
    with pytest.raises(LookupError):
        export_pack(started.lane, "no-such-pack", tmp_path / "x.navpack")
    empty = tmp_path / "none"
    empty.mkdir()
    other = Services.start(tmp_path / "other", curriculum=empty)
    try:
        assert install(other, out).is_new
        assert other.library.get("road-safety").lessons.keys() == {
            "first-lesson", "crossing", "old-lesson"}
    finally:
        other.close()


CORPUS = Path(__file__).parent / "data" / "navpacks"


@pytest.mark.parametrize("name", sorted(p.stem for p in CORPUS.glob("*.navpack")
                                        if p.stem != "valid"))
def test_every_hostile_file_leaves_the_database_and_packs_folder_as_they_were(
        started: Services, pack: Path, tmp_path: Path, name: str):
    """The malicious corpus through the same import the GUI and the CLI use, with a pack
    already installed: refused with a reason, and nothing changed anywhere."""
    install(started, build_navpack(pack, tmp_path / "v1.navpack").path)
    packs = paths.packs_dir(started.data_dir)

    def snapshot():
        files = {p: p.read_bytes() for p in packs.rglob("*") if p.is_file()}
        rows = started.lane.call(lambda db: [
            list(db.query(f"SELECT * FROM {table} ORDER BY 1, 2"))
            for table in ("packs", "modules", "lessons", "lesson_updates")])
        return files, rows

    before = snapshot()
    with pytest.raises(NavpackRefused) as refused:
        prepare_import(started.lane, packs, CORPUS / f"{name}.navpack", language="en")
    assert refused.value.reason and "Nothing was installed" in refused.value.message
    assert snapshot() == before

"""Start-up with bad input: a clear dialog for a bad database, a notice for a bad pack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from navigator import app
from navigator.services import Services
from navigator.storage import staff
from navigator.storage.backup import check_file, list_backups
from tests.ui.test_lesson_flow import PIN, make_window, sign_in, start_as


def test_damaged_database_without_backup_starts_empty_says_so_and_keeps_the_file(
        qtbot, data_dir, monkeypatch):
    """The user is told what happened; the damaged file is kept (renamed), never deleted."""
    data_dir.mkdir(parents=True)
    path = data_dir / "navigator.db"
    path.write_bytes(b"not a database" * 500)
    services = Services.start(data_dir, recover=True)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: shown.append((title, text)))
    try:
        window = make_window(qtbot, services)
        app.tell_recovery(window, services)
        qtbot.waitUntil(lambda: bool(shown))
        assert window.stack.currentWidget() is window.first_run  # a new, empty database
    finally:
        services.close(backup=True)
    assert shown[0][0] == "Navigator repaired its data"
    kept = [p for p in data_dir.iterdir() if p.name.startswith("navigator.db.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == b"not a database" * 500
    assert "no good backup" in shown[0][1] and str(kept[0]) in shown[0][1]
    assert check_file(path) == "ok"
    # Leaving the app checked the new database and backed it up.
    assert [b.reason for b in list_backups(data_dir / "backups")] == ["exit"]


def test_locked_database_shows_a_dialog_and_overwrites_nothing(qtbot, data_dir, monkeypatch):
    """Another program holds the database: the user sees why Navigator cannot start."""
    import sqlite3

    data_dir.mkdir(parents=True)
    path = data_dir / "navigator.db"
    holder = sqlite3.connect(path)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")  # no one else may read or write
    monkeypatch.setattr("navigator.storage.database.BUSY_TIMEOUT_SECONDS", 0.1)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text: shown.append((title, text)))
    try:
        assert app.run_gui(data_dir=data_dir) == 2
    finally:
        holder.rollback()
        holder.close()
    assert shown and shown[0][0] == "Navigator cannot start"
    assert "another program" in shown[0][1]
    assert not [p for p in data_dir.iterdir() if ".damaged-" in p.name]


def test_broken_builtin_pack_is_not_shown_and_is_explained(qtbot, data_dir, curriculum: Path):
    """A pack that fails validation is not installed; the catalogue says which and why."""
    broken = curriculum / "broken"
    broken.mkdir()
    (broken / "pack.yaml").write_text("format_version: 1\nid: broken\nversion: 1.0\n",
                                      encoding="utf-8")
    services = Services.start(data_dir, curriculum=curriculum)
    try:
        window = make_window(qtbot, services)
        start_as(qtbot, window)
        tree = window.catalogue.tree
        titles = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
        assert titles == ["Sample pack"]
        assert window.catalogue.notice.isVisible()
        text = window.catalogue.notice_text.text()
        assert "could not be loaded" in text and "(broken)" in text
        assert "pack.yaml:1: 'default_language' is missing" in text
    finally:
        services.close()


def test_upgraded_pack_keeps_progress_and_a_broken_upgrade_keeps_the_old_version(
        qtbot, data_dir, curriculum: Path):
    """A new version is re-installed with progress kept; a broken one leaves the old in place."""
    from navigator.storage import repository as repo

    services = Services.start(data_dir, curriculum=curriculum)
    learner = services.lane.call(repo.create_learner, name="Amal", language="en")
    services.lane.call(repo.set_position, learner_id=learner.id, pack_id="sample",
                       lesson_id="first-lesson", step_index=2, step_id="q-power")
    services.close()
    manifest = curriculum / "sample" / "pack.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "version: 1.0.0", "version: 1.1.0").replace("Sample pack", "Sample pack v1.1"),
        encoding="utf-8")
    services = Services.start(data_dir, curriculum=curriculum)
    packs = services.lane.call(repo.catalogue, learner_id=learner.id)
    assert packs[0].version == "1.1.0" and packs[0].titles["en"] == "Sample pack v1.1"
    assert packs[0].modules[0].lessons[0].status == "started"
    assert packs[0].modules[0].lessons[0].step_index == 2
    services.close()
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "version: 1.1.0", "version: 1.2.0").replace("license: CC-BY-4.0\n", ""),
        encoding="utf-8")
    services = Services.start(data_dir, curriculum=curriculum)
    try:
        packs = services.lane.call(repo.catalogue, learner_id=learner.id)
        assert packs[0].version == "1.1.0"
        assert services.pack_failures[0].folder.name == "sample"
    finally:
        services.close()


def test_lesson_whose_files_broke_in_place_is_refused_with_a_message(
        qtbot, data_dir, curriculum: Path, monkeypatch):
    """Pack files damaged after install: opening a lesson explains, and nothing else changes."""
    services = Services.start(data_dir, curriculum=curriculum)
    try:
        services.lane.call(staff.create_staff, name="Amal", language="en", role="admin",
                           pin=PIN)
        lesson = curriculum / "sample" / "lessons" / "first-lesson.en.md"
        lesson.write_text(lesson.read_text(encoding="utf-8").replace("- [x]", "- [ ]"),
                          encoding="utf-8")
        shown = []
        monkeypatch.setattr(QMessageBox, "warning",
                            lambda parent, title, text: shown.append((title, text)))
        window = make_window(qtbot, services)
        sign_in(qtbot, window)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.catalogue, timeout=5000)
        window.open_lesson("sample", "first-lesson")
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
        assert shown[0][0] == "This lesson cannot be opened"
        assert "first-lesson.en.md:" in shown[0][1] and "no right option" in shown[0][1]
        assert window.stack.currentWidget() is window.catalogue
    finally:
        services.close()

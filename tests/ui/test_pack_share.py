"""Import, export and translation status in the GUI: the busy dialog with Cancel, what an
upgrade changes before it is installed, a downgrade that needs a tick, refusals in words."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from navigator import paths
from navigator.content import packedit
from navigator.content.navpack import build_navpack
from navigator.content.scaffold import new_pack
from navigator.content.translation_status import Status
from navigator.services import Services
from navigator.storage.pack_updates import list_installed
from navigator.ui.pack_share import PackShare
from navigator.ui.translations_view import TranslationsDialog
from tests.ui.test_question_form import click


@pytest.fixture
def share(qtbot, tmp_path: Path):
    empty = tmp_path / "no-curriculum"
    empty.mkdir()
    services = Services.start(tmp_path / "data", curriculum=empty)
    parent = QWidget()
    qtbot.addWidget(parent)
    sharing = PackShare(services, parent)
    sharing.messages = []
    sharing.inform = lambda title, text: sharing.messages.append(("info", text))
    sharing.warn = lambda title, text: sharing.messages.append(("warning", text))
    yield sharing
    services.workers.submit(lambda: None).result()
    services.close()


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = new_pack(tmp_path / "src" / "bus", pack_id="bus", title="Bus passes")
    packedit.add_lesson(root, "first-module", "Paying the fare", lesson_id="fare")
    return root


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def import_and_answer(qtbot, share: PackShare, file: Path, *, tick: bool = False,
                      install: bool = True):
    share.import_file(file)
    qtbot.waitUntil(lambda: share.changes_dialog is not None, timeout=5000)
    dialog = share.changes_dialog
    text = dialog.summary.text()
    if tick:
        dialog.downgrade.setChecked(True)
    enabled = dialog.install.isEnabled()
    if install and enabled:
        with qtbot.waitSignal(share.installed, timeout=5000):
            click(qtbot, dialog.install)
    else:
        dialog.reject()
    return text, enabled


def test_import_shows_the_changes_then_installs(qtbot, share, pack, tmp_path):
    text, _enabled = import_and_answer(qtbot, share, build_navpack(
        pack, tmp_path / "v1.navpack").path)
    assert "New pack “Bus passes” 0.1.0: 2 lessons." in text
    assert [p.pack_id for p in share.services.lane.call(list_installed)] == ["bus"]
    assert share.messages[-1][0] == "info" and "is installed" in share.messages[-1][1]

    path = pack / "lessons" / "fare.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Paying the fare", "title: Paying the fare on the bus"), encoding="utf-8")
    packedit.set_pack_fields(pack, version="0.2.0")
    text, _enabled = import_and_answer(qtbot, share, build_navpack(
        pack, tmp_path / "v2.navpack").path, install=False)
    assert "from version 0.1.0 to 0.2.0" in text
    assert "1 lesson changed: Paying the fare on the bus" in text
    assert share.services.lane.call(list_installed)[0].version == "0.1.0"  # Cancel kept it
    packs = paths.packs_dir(share.services.data_dir)
    assert not [p for p in packs.iterdir() if p.name.startswith(".")]


def test_a_downgrade_needs_the_box_ticked(qtbot, share, pack, tmp_path):
    old = build_navpack(pack, tmp_path / "v1.navpack").path
    packedit.set_pack_fields(pack, version="2.0")
    import_and_answer(qtbot, share, build_navpack(pack, tmp_path / "v2.navpack").path)
    text, enabled = import_and_answer(qtbot, share, old, install=False)
    assert "OLDER than the installed 2.0" in text and not enabled
    _text, enabled = import_and_answer(qtbot, share, old, tick=True)
    assert enabled
    assert share.services.lane.call(list_installed)[0].version == "0.1.0"


def test_a_file_that_is_not_a_pack_is_refused_in_words(qtbot, share, tmp_path):
    bad = tmp_path / "holiday-photos.navpack"
    bad.write_bytes(b"\x89PNG not a pack")
    packs = paths.packs_dir(share.services.data_dir)
    before = listing(packs)
    share.import_file(bad)
    qtbot.waitUntil(lambda: bool(share.messages), timeout=5000)
    kind, text = share.messages[-1]
    assert kind == "warning" and "is not a Navigator pack file" in text
    assert "Nothing was installed" in text
    assert listing(packs) == before and share.changes_dialog is None


def hold_worker(share: PackShare) -> threading.Event:
    """Keep the single worker busy so Cancel is pressed before the work starts."""
    release = threading.Event()
    share.services.workers.submit(release.wait, 10)
    return release


def test_cancel_stops_an_import_and_an_export_with_nothing_left(qtbot, share, pack, tmp_path):
    file = build_navpack(pack, tmp_path / "v1.navpack").path
    packs = paths.packs_dir(share.services.data_dir)
    before = listing(packs)
    release = hold_worker(share)
    share.import_file(file)
    assert share.busy_dialog is not None and share.busy_dialog.isVisible()
    click(qtbot, share.busy_dialog.cancel)
    release.set()
    qtbot.waitUntil(lambda: bool(share.messages), timeout=5000)
    assert share.messages[-1] == ("info", "Stopped. Nothing was changed.")
    assert listing(packs) == before and share.changes_dialog is None

    import_and_answer(qtbot, share, file)
    out = tmp_path / "export" / "bus.navpack"
    out.parent.mkdir()
    share.choose_save = lambda _suggested: out
    release = hold_worker(share)
    share.export_pack("bus", "bus-0.1.0.navpack")
    click(qtbot, share.busy_dialog.cancel)
    release.set()
    qtbot.waitUntil(lambda: share.messages[-1][1] == "Stopped. Nothing was changed.",
                    timeout=5000)
    assert list(out.parent.iterdir()) == []

    share.export_pack("bus", "bus-0.1.0.navpack")
    qtbot.waitUntil(lambda: out.exists(), timeout=5000)
    assert out.read_bytes() == file.read_bytes()


def test_translation_status_start_open_and_mark(qtbot, pack):
    dialog = TranslationsDialog(pack)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.columnCount() == 1  # only the original so far
    index = dialog.add_language.findData("fr")
    dialog.add_language.setCurrentIndex(index)
    dialog.add_language.activated.emit(index)
    assert dialog.table.columnCount() == 2
    assert dialog.table.item(0, 1).text() == "✗ Missing"
    dialog.table.setCurrentCell(0, 1)
    with qtbot.waitSignal(dialog.open_requested) as opened:
        click(qtbot, dialog.start)
    assert opened.args == ["first-lesson", "fr"]
    assert (pack / "lessons" / "first-lesson.fr.md").is_file()
    assert dialog.table.item(0, 1).text() == "✓ Up to date"

    source = pack / "lessons" / "first-lesson.en.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Replace this text", "Change this text"), encoding="utf-8")
    dialog.refresh()
    assert dialog.table.item(0, 1).text() == "⚠ Out of date"
    assert dialog.selected()[2] is Status.OUTDATED and dialog.mark.isEnabled()
    dialog.confirm = lambda _question: True
    click(qtbot, dialog.mark)
    assert dialog.table.item(0, 1).text() == "✓ Up to date"


def test_the_progress_bar_follows_the_work(qtbot, share, pack, tmp_path):
    file = build_navpack(pack, tmp_path / "v1.navpack").path
    release = hold_worker(share)
    share.import_file(file)
    busy = share.busy_dialog
    seen: list[tuple[int, int]] = []
    busy.progressed.connect(lambda done, total: seen.append((done, total)))
    assert busy.bar.accessibleName() == "Checking “v1.navpack”…"
    release.set()
    qtbot.waitUntil(lambda: share.changes_dialog is not None, timeout=5000)
    assert seen and seen[-1][0] == seen[-1][1] > 0  # counted up to the whole file
    share.changes_dialog.reject()


def test_escape_on_the_busy_dialog_is_cancel(qtbot, share, pack, tmp_path):
    out = tmp_path / "bus.navpack"
    out.write_bytes(b"an older copy the trainer had")
    share.choose_save = lambda _suggested: out
    release = hold_worker(share)
    share.build_folder(pack)
    qtbot.keyClick(share.busy_dialog, Qt.Key.Key_Escape)
    assert not share.busy_dialog.cancel.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: bool(share.messages), timeout=5000)
    assert share.messages[-1] == ("info", "Stopped. Nothing was changed.")
    assert out.read_bytes() == b"an older copy the trainer had"  # kept, not half-replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bus.navpack", "data",
                                                          "no-curriculum", "src"]


def test_building_a_pack_with_errors_lists_them_and_writes_nothing(qtbot, share, pack,
                                                                    tmp_path):
    suggested: list[str] = []
    out = tmp_path / "bus.navpack"
    share.choose_save = lambda name: suggested.append(name) or out
    share.build_folder(pack)
    qtbot.waitUntil(lambda: bool(share.messages), timeout=5000)
    assert suggested == ["bus-0.1.0.navpack"] and out.is_file()

    out.unlink()
    (pack / "lessons" / "fare.en.md").write_text("no front matter at all\n", encoding="utf-8")
    share.build_folder(pack)
    qtbot.waitUntil(lambda: len(share.messages) == 2, timeout=5000)
    kind, text = share.messages[-1]
    assert kind == "warning" and "Fix the problems" in text and "fare.en.md" in text
    assert not out.exists()


def test_exporting_a_pack_that_is_gone_says_so(qtbot, share, tmp_path):
    out = tmp_path / "gone.navpack"
    share.choose_save = lambda _suggested: out
    share.export_pack("gone", "gone-1.0.navpack")
    qtbot.waitUntil(lambda: bool(share.messages), timeout=5000)
    assert share.messages[-1] == ("warning", "No pack with the id “gone” is installed.")
    assert share.busy_dialog is None and not out.exists()


def test_trying_a_pack_from_the_editor_leaves_no_temporary_file(qtbot, share, pack,
                                                                tmp_path, monkeypatch):
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    share.try_folder(pack)
    qtbot.waitUntil(lambda: share.changes_dialog is not None, timeout=5000)
    assert "New pack “Bus passes”" in share.changes_dialog.summary.text()
    share.changes_dialog.reject()
    qtbot.waitUntil(lambda: not list(temp.iterdir()), timeout=5000)
    assert share.services.lane.call(list_installed) == []

    share.try_folder(pack)
    qtbot.waitUntil(lambda: share.changes_dialog is not None, timeout=5000)
    with qtbot.waitSignal(share.installed, timeout=5000):
        click(qtbot, share.changes_dialog.install)
    assert list(temp.iterdir()) == []
    assert [p.pack_id for p in share.services.lane.call(list_installed)] == ["bus"]

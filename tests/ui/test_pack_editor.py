"""The pack editor, driven like a trainer drives it: a new pack written in the real editor,
a question added with the form, saved by itself, built, imported on a fresh data folder and
learned; the preview is the player's HTML; undo, problems that jump to their line, pictures,
and outline edits with confirmation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from navigator import paths
from navigator.content.loader import check_pack
from navigator.content.navpack import build_navpack
from navigator.pack_import import commit_import, prepare_import
from navigator.services import Services
from navigator.ui.main_window import MainWindow
from tests.conftest import SAMPLE_PACK
from tests.ui.test_lesson_flow import make_window, start_as, wait_saved
from tests.ui.test_question_form import click, write_options
from tests.ui.test_read_aloud import engine  # noqa: F401 (a fixture, used by name)


def fresh_services(folder: Path, curriculum: Path | None = None) -> Services:
    if curriculum is None:
        curriculum = folder.parent / (folder.name + "-no-curriculum")
        curriculum.mkdir(exist_ok=True)
    return Services.start(folder, curriculum=curriculum)


def line_of(editor, text: str) -> int:
    lines = editor.editor.toPlainText().split("\n")
    return next(i for i, line in enumerate(lines) if text in line)


def replace_line(qtbot, editor, contains: str, typed: str) -> None:
    """Select the whole line holding ``contains`` and type ``typed`` over it."""
    edit = editor.editor
    edit.go_to_line(line_of(editor, contains) + 1)
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    qtbot.keyClicks(edit, typed)


def disk(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def close_message_boxes(seen: list[str]) -> QTimer:
    """Close modal message boxes as they appear, keeping their text."""
    def close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                seen.append(widget.text())
                widget.accept()

    timer = QTimer()
    timer.timeout.connect(close)
    timer.start(30)
    return timer


def open_editor(qtbot, window: MainWindow, title: str = "Bus passes"):
    authoring = window.authoring
    assert authoring.action.isVisible()  # the administrator may author
    authoring.ask_title = lambda: title
    authoring.action.trigger()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is authoring.packs_view)
    click(qtbot, authoring.packs_view.new_pack)
    editor = authoring.editor
    assert window.stack.currentWidget() is editor
    return editor


def test_a_pack_written_in_the_editor_is_built_imported_elsewhere_and_learned(
        qtbot, tmp_path: Path):
    author = fresh_services(tmp_path / "author")
    window = make_window(qtbot, author)
    start_as(qtbot, window)
    editor = open_editor(qtbot, window)
    root = paths.authoring_dir(author.data_dir) / "bus-passes"
    lesson = root / "lessons" / "first-lesson.en.md"
    assert editor.root == root and editor.lesson_id == "first-lesson"

    replace_line(qtbot, editor, "Replace this text with your own",
                 "Show the bus pass to the driver when you get on.")
    qtbot.waitUntil(lambda: "Show the bus pass to the driver" in disk(lesson), timeout=5000)
    assert editor.status.text() == "All changes saved"  # no Save button was pressed

    def fill(dialog: QDialog) -> int:
        dialog.show()
        qtbot.keyClicks(dialog.title, "When do you show the pass?")
        qtbot.keyClicks(dialog.prompt, "You get on the bus. What do you do first?")
        write_options(qtbot, dialog, [("Show the pass to the driver", "Yes, every time."),
                                      ("Sit down first", "No. The driver checks at the door.")])
        click(qtbot, dialog.rows.cards[0].radio)
        qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=3000)
        click(qtbot, dialog.ok)
        return dialog.result()

    editor.editor.go_to_line(editor.editor.document().blockCount())
    editor.show_dialog = fill
    click(qtbot, editor.add_question)
    qtbot.waitUntil(lambda: "{check #when-do-you-show-the-pass}" in disk(lesson), timeout=5000)
    qtbot.waitUntil(lambda: editor.preview.lesson is not None
                    and len(editor.preview.lesson.steps) == 3, timeout=5000)
    assert "What do you do first?" in editor.preview.text.toPlainText()
    qtbot.waitUntil(lambda: editor.problems_heading.text().startswith("Problems: none"),
                    timeout=5000)

    file = build_navpack(root, tmp_path / "bus.navpack").path
    window.close()
    author.close()

    learner_side = fresh_services(tmp_path / "agency")
    packs = paths.packs_dir(learner_side.data_dir)
    commit_import(learner_side.lane, learner_side.library, packs,
                  prepare_import(learner_side.lane, packs, file, language="en"))
    other = make_window(qtbot, learner_side)
    start_as(qtbot, other, name="Sam")
    other.open_lesson("bus-passes", "first-lesson")
    wait_saved(qtbot, other)
    player = other.player
    assert "Show the bus pass to the driver" in player.text.toPlainText()
    for _step in range(2):
        if player.question.isVisible():
            break
        click(qtbot, player.next)
        wait_saved(qtbot, other)
    while "When do you show the pass?" not in player.text.toPlainText():
        player.question.choose(0)  # the example question: its first option is right
        click(qtbot, player.check)
        wait_saved(qtbot, other)
        click(qtbot, player.next)
        wait_saved(qtbot, other)
    player.question.choose(0)
    click(qtbot, player.check)
    wait_saved(qtbot, other)
    assert player.question.rows[0].feedback.text() == "Yes, every time."
    other.close()
    learner_side.close()


def test_the_preview_shows_the_same_html_as_the_player(qtbot, tmp_path: Path):
    curriculum = tmp_path / "curriculum"
    shutil.copytree(SAMPLE_PACK, curriculum / "sample")
    services = fresh_services(tmp_path / "data", curriculum)
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    window.open_lesson("sample", "first-lesson")
    wait_saved(qtbot, window)
    player_first = window.player.text.toHtml()
    click(qtbot, window.player.next)
    wait_saved(qtbot, window)
    player_second = window.player.text.toHtml()

    window.authoring.show_packs()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.authoring.packs_view)
    window.authoring.edit_copy("sample")
    editor = window.authoring.editor
    editor.open_lesson("first-lesson")
    editor.preview.refresh_now()
    qtbot.waitUntil(lambda: editor.preview.lesson is not None, timeout=5000)
    editor.editor.go_to_line(1)
    assert editor.preview.step_index == 0
    assert editor.preview.text.toHtml() == player_first
    second = editor.preview.lesson.steps[1].line
    editor.editor.go_to_line(second + 1)
    assert editor.preview.step_index == 1
    assert editor.preview.text.toHtml() == player_second
    assert player_first != player_second
    window.close()
    services.close()


@pytest.fixture
def editing(qtbot, tmp_path: Path):
    services = fresh_services(tmp_path / "data")
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    editor = open_editor(qtbot, window)
    yield window, editor
    window.close()
    services.close()


def test_undo_redo_and_each_file_keeps_its_own_history(qtbot, editing):
    _window, editor = editing
    first = editor.editor.toPlainText()
    qtbot.keyClicks(editor.editor, "Hello")
    assert editor.undo.isEnabled()
    editor.outline.ask_text = lambda *_a: "Second lesson"
    click(qtbot, editor.outline.add_lesson)
    assert editor.lesson_id == "second-lesson"
    assert not editor.undo.isEnabled()  # a new file: nothing to undo yet
    editor.open_lesson("first-lesson")
    assert editor.undo.isEnabled()
    click(qtbot, editor.undo)
    assert editor.editor.toPlainText() == first
    click(qtbot, editor.redo)
    assert "Hello" in editor.editor.toPlainText()


def test_problems_are_listed_with_their_line_and_a_click_goes_there(qtbot, editing):
    _window, editor = editing
    replace_line(qtbot, editor, "- [x]", "- [ ] Hold nothing")
    lesson = editor.root / "lessons" / "first-lesson.en.md"
    qtbot.waitUntil(lambda: "Hold nothing" in disk(lesson), timeout=5000)
    qtbot.waitUntil(lambda: editor.problem_list.count() > 0, timeout=5000)
    item = editor.problem_list.item(0)
    assert "lessons/first-lesson.en.md:" in item.text()
    assert "the question has no right option" in item.text()
    line = item.data(Qt.ItemDataRole.UserRole)[1]
    editor.editor.go_to_line(1)
    editor.problem_list.itemActivated.emit(item)
    assert editor.editor.current_line() == line - 1
    assert editor.preview.lesson is None or editor.preview.problems


def test_a_picture_is_copied_into_the_pack_and_a_wrong_file_is_refused(qtbot, editing,
                                                                       tmp_path: Path):
    _window, editor = editing
    picture = tmp_path / "Bus Pass.PNG"
    shutil.copyfile(Path(paths.assets_dir()) / "icons" / "check-black.svg", tmp_path / "x.svg")
    from PySide6.QtGui import QImage

    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    assert image.save(str(picture), "PNG")
    editor.choose_picture = lambda: picture
    editor.describe_picture = lambda _src: "A bus pass held up to the driver"
    inserted = editor.insert_picture()
    assert inserted == "![A bus pass held up to the driver](media/bus-pass.png)\n"
    assert (editor.root / "media" / "bus-pass.png").read_bytes() == picture.read_bytes()
    assert inserted in editor.editor.toPlainText()

    bad = tmp_path / "virus.exe"
    bad.write_bytes(b"MZ")
    editor.choose_picture = lambda: bad
    seen: list[str] = []
    timer = close_message_boxes(seen)
    assert editor.insert_picture() is None
    timer.stop()
    assert seen and "is not a picture Navigator can show" in seen[0]
    assert not (editor.root / "media" / "virus.exe").exists()


def test_outline_edits_ask_before_deleting(qtbot, editing):
    _window, editor = editing
    outline = editor.outline
    outline.ask_text = lambda *_a: "Paying the fare"
    click(qtbot, outline.add_lesson)
    assert [lesson.id for lesson in outline.outline.modules[0].lessons] == [
        "first-lesson", "paying-the-fare"]
    click(qtbot, outline.move_up)
    assert [lesson.id for lesson in outline.outline.modules[0].lessons] == [
        "paying-the-fare", "first-lesson"]
    outline.ask_text = lambda *_a: "Paying with a card"
    click(qtbot, outline.rename)
    assert outline.tree.currentItem().text(0) == "Paying with a card"
    asked: list[str] = []
    outline.confirm = lambda _title, question: asked.append(question) or False
    click(qtbot, outline.delete)
    assert "Delete the lesson “Paying with a card” in every language?" in asked[0]
    assert (editor.root / "lessons" / "paying-the-fare.en.md").is_file()
    outline.confirm = lambda *_a: True
    click(qtbot, outline.delete)
    assert not (editor.root / "lessons" / "paying-the-fare.en.md").exists()
    pack, _problems = check_pack(editor.root)
    assert pack is not None and list(pack.lessons) == ["first-lesson"]


def test_a_translation_opens_beside_its_original_and_keeps_its_non_breaking_spaces(
        qtbot, editing):
    """French puts a non-breaking space before ':' and '?'. Opening and editing a French
    file must not turn them into ordinary spaces anywhere the trainer did not type."""
    _window, editor = editing
    source = editor.root / "lessons" / "first-lesson.en.md"
    french = editor.root / "lessons" / "first-lesson.fr.md"
    text = source.read_text(encoding="utf-8").replace(
        "## Which button?", "## Quel bouton\u00a0?")
    french.write_text(text, encoding="utf-8")
    before = french.read_bytes()
    editor.open_lesson("first-lesson", "fr")
    assert editor.source.isVisible() and editor.show_source.isChecked()
    assert editor.source.text() == source.read_text(encoding="utf-8")
    editor.save()
    assert french.read_bytes() == before  # nothing typed: nothing written
    editor.editor.go_to_line(1)
    qtbot.keyClicks(editor.editor, "x")
    qtbot.waitUntil(lambda: french.read_bytes() != before, timeout=5000)
    assert "## Quel bouton\u00a0?" in french.read_text(encoding="utf-8")


def test_listen_reads_the_previewed_step_in_its_language(qtbot, services, engine):  # noqa: F811
    """Listen in the preview speaks through the real eSpeak NG engine, in the lesson's
    language, the step under the cursor: its text, then its options (no sound device: a
    clock times the playback)."""
    from navigator.speech import ClockPlayer, SpeechService

    window = make_window(qtbot, services)
    window.read_aloud.make_service = lambda: SpeechService(engine, ClockPlayer(4.0))
    start_as(qtbot, window)
    editor = open_editor(qtbot, window)
    editor.editor.go_to_line(line_of(editor, "## Which button?") + 1)
    editor.preview.refresh_now()
    qtbot.waitUntil(lambda: editor.preview.lesson is not None
                    and editor.preview.step_index == 1, timeout=5000)
    click(qtbot, editor.preview.listen_bar.listen)
    qtbot.waitUntil(lambda: window.read_aloud.speaking, timeout=10_000)
    qtbot.waitUntil(lambda: not window.read_aloud.speaking, timeout=30_000)
    heard = window.read_aloud.heard
    assert heard[:2] == ["Which", "button"] and "Hold" in heard and "volume" in heard


def test_pack_details_change_the_version_and_refuse_a_wrong_one(qtbot, editing):
    _window, editor = editing

    def fill(version: str):
        def show(dialog) -> int:
            dialog.show()
            dialog.version.setText(version)
            dialog.title.setText("Bus passes and fares")
            dialog.accept()
            if dialog.isVisible():  # refused: the reason is on the dialog
                shown = dialog.problem.text()
                dialog.reject()
                editor.refused = shown
            return dialog.result()
        return show

    manifest = editor.root / "pack.yaml"
    before = manifest.read_bytes()
    editor.show_dialog = fill("one point two")
    editor.edit_details()
    assert "is not a version" in editor.refused
    assert manifest.read_bytes() == before
    editor.show_dialog = fill("0.2.0")
    editor.edit_details()
    assert "version: 0.2.0" in manifest.read_text(encoding="utf-8")
    assert editor.title.text() == "Bus passes and fares"
    assert check_pack(editor.root)[0].version == "0.2.0"

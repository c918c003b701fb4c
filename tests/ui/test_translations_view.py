"""The translation status table: every status in words (never colour alone), counts in the
column headers, and the actions (start, open, mark as up to date) on the files themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from navigator.content import packedit
from navigator.content.scaffold import new_pack
from navigator.content.translation_status import Status, start_translation
from navigator.ui.translations_view import TranslationsDialog
from tests.ui.test_question_form import click


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = new_pack(tmp_path / "bus", pack_id="bus", title="Bus passes")
    packedit.add_lesson(root, "first-module", "Paying the fare", lesson_id="fare")
    return root


def lessons(root: Path) -> Path:
    return root / "lessons"


def edit_source(root: Path, lesson_id: str) -> None:
    """A change a translator must follow: the source's title."""
    path = lessons(root) / f"{lesson_id}.en.md"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(title, title + " (new)", 1), encoding="utf-8")


def open_dialog(qtbot, root: Path) -> TranslationsDialog:
    dialog = TranslationsDialog(root)
    qtbot.addWidget(dialog)
    dialog.warnings = []
    dialog.warn = lambda title, text: dialog.warnings.append(text)
    dialog.show()
    return dialog


def cells(dialog: TranslationsDialog) -> dict[tuple[str, str], str]:
    """{(row title, column header): cell text}, as a user reads the table."""
    table = dialog.table
    return {(table.verticalHeaderItem(i).text(), table.horizontalHeaderItem(j).text()):
            table.item(i, j).text()
            for i in range(table.rowCount()) for j in range(table.columnCount())}


def column(dialog: TranslationsDialog, header: str) -> int:
    table = dialog.table
    return next(j for j in range(table.columnCount())
                if table.horizontalHeaderItem(j).text() == header)


def test_every_status_is_written_in_words_with_counts_per_language(qtbot, pack):
    start_translation(pack, "first-lesson", "fr")
    start_translation(pack, "fare", "fr")
    edit_source(pack, "first-lesson")  # its French is now behind
    (lessons(pack) / "fare.es.md").write_text(  # made by hand, no record of its source
        (lessons(pack) / "fare.en.md").read_text(encoding="utf-8"), encoding="utf-8")
    dialog = open_dialog(qtbot, pack)
    first = next(t for (t, _h) in cells(dialog) if t != "Paying the fare")
    assert cells(dialog) == {
        (first, "English"): "Original", ("Paying the fare", "English"): "Original",
        (first, "Français"): "⚠ Out of date", ("Paying the fare", "Français"): "✓ Up to date",
        (first, "Español"): "✗ Missing", ("Paying the fare", "Español"): "? No record",
    }
    header = dialog.table.horizontalHeaderItem
    assert header(column(dialog, "Français")).toolTip() == "1 of 2 up to date"
    assert header(column(dialog, "Español")).toolTip() == "0 of 2 up to date"
    assert "the original lesson changed after this translation was made" in (
        dialog.legend.text())
    languages = [dialog.add_language.itemData(i) for i in range(dialog.add_language.count())]
    assert languages == ["", "ar"]  # only the interface languages not yet shown


def test_each_button_only_where_it_makes_sense(qtbot, pack):
    start_translation(pack, "fare", "fr")
    dialog = open_dialog(qtbot, pack)
    fr = column(dialog, "Français")
    expected = {0: (True, False, False),   # first-lesson: no French yet
                1: (False, True, False)}   # fare: French up to date
    for row, (start, open_, mark) in expected.items():
        dialog.table.setCurrentCell(row, fr)
        assert (dialog.start.isEnabled(), dialog.open_file.isEnabled(),
                dialog.mark.isEnabled()) == (start, open_, mark)
    dialog.table.setCurrentCell(0, 0)  # the original: open it, nothing to start or mark
    assert (dialog.start.isEnabled(), dialog.open_file.isEnabled(),
            dialog.mark.isEnabled()) == (False, True, False)


def test_enter_starts_a_missing_translation_or_opens_one(qtbot, pack):
    dialog = open_dialog(qtbot, pack)
    index = dialog.add_language.findData("ar")
    dialog.add_language.setCurrentIndex(index)
    dialog.add_language.activated.emit(index)
    ar = column(dialog, "العربية")
    assert dialog.table.item(1, ar).text() == "✗ Missing"
    assert dialog.add_language.findData("ar") == -1
    dialog.table.setFocus()
    dialog.table.setCurrentCell(1, ar)
    with qtbot.waitSignal(dialog.open_requested) as opened:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened.args == ["fare", "ar"]
    made = lessons(pack) / "fare.ar.md"
    assert made.is_file() and "translated_from:" in made.read_text(encoding="utf-8")
    assert dialog.table.item(1, ar).text() == "✓ Up to date"
    assert dialog.selected() == ("fare", "ar", Status.CURRENT)  # the selection stays

    before = made.read_bytes()
    with qtbot.waitSignal(dialog.open_requested) as opened:  # now it exists: Enter opens it
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened.args == ["fare", "ar"] and made.read_bytes() == before


def test_mark_as_up_to_date_asks_first(qtbot, pack):
    start_translation(pack, "fare", "fr")
    edit_source(pack, "fare")
    file = lessons(pack) / "fare.fr.md"
    before = file.read_bytes()
    dialog = open_dialog(qtbot, pack)
    dialog.table.setCurrentCell(1, column(dialog, "Français"))
    questions: list[str] = []
    dialog.confirm = lambda question: questions.append(question) is not None  # "No"
    click(qtbot, dialog.mark)
    assert questions and "says everything the original says" in questions[0]
    assert file.read_bytes() == before
    assert dialog.selected()[2] is Status.OUTDATED

    dialog.confirm = lambda _question: True
    click(qtbot, dialog.mark)
    assert dialog.table.item(1, column(dialog, "Français")).text() == "✓ Up to date"
    assert file.read_bytes() != before


def test_marking_without_an_original_says_why(qtbot, pack):
    """The original file is gone: there is nothing to compare with, so marking is refused
    in words and the translation is left as it was."""
    start_translation(pack, "fare", "fr")
    (lessons(pack) / "fare.en.md").unlink()
    file = lessons(pack) / "fare.fr.md"
    before = file.read_bytes()
    dialog = open_dialog(qtbot, pack)
    dialog.table.setCurrentCell(1, column(dialog, "Français"))
    assert dialog.selected()[2] is Status.UNTRACKED
    dialog.confirm = lambda _question: True
    click(qtbot, dialog.mark)
    assert dialog.warnings and "no readable file in the default language" in dialog.warnings[0]
    assert file.read_bytes() == before

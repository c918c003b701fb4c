"""Reflection: a private note at the end of a lesson, kept in the database, listed in
My notes."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from tests.ui.test_lesson_flow import make_window, start_as, wait_saved


def test_note_written_after_a_lesson_is_saved_and_listed(qtbot, services, data_dir):
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    window.open_lesson("sample", "second-lesson")  # no questions: two steps
    wait_saved(qtbot, window)
    player = window.player
    assert not player.reflection.isVisible()
    for _ in range(2):
        qtbot.mouseClick(player.next, Qt.MouseButton.LeftButton)
        wait_saved(qtbot, window)
    assert player.outcome is not None and player.reflection.isVisible()
    assert player.reflection.editor.toPlainText() == ""
    qtbot.keyClicks(player.reflection.editor, "Show the Settings search first.")
    qtbot.mouseClick(player.reflection.save, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)
    assert player.reflection.status.text() == "✓ Note saved"
    conn = sqlite3.connect(data_dir / "navigator.db")
    assert conn.execute("SELECT lesson_id, text FROM notes").fetchall() == [
        ("second-lesson", "Show the Settings search first.")]
    conn.close()

    qtbot.mouseClick(player.back_to_list, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.catalogue.notes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.notes, timeout=5000)
    text = window.notes.text.toPlainText()
    assert "Reading only" in text and "Show the Settings search first." in text
    qtbot.mouseClick(window.notes.back_to_list, Qt.MouseButton.LeftButton)

    window.open_lesson("sample", "second-lesson")  # the note comes back at the end
    wait_saved(qtbot, window)
    qtbot.mouseClick(player.next, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, window)
    qtbot.waitUntil(lambda: player.reflection.editor.toPlainText() != "", timeout=5000)
    assert player.reflection.editor.toPlainText() == "Show the Settings search first."

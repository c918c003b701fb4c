"""The text fields of the real window, driven with pytest-qt: what a person types (or
pastes: emoji, RTL marks, NUL bytes, 100 KB) is saved as the field shows it, or refused with
a sentence on screen; the database holds exactly that. A Qt error in a slot fails the test.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from navigator.services import Services
from navigator.storage import clients, staff
from navigator.storage.notes import MAX_NOTE_LENGTH
from navigator.ui.client_dialogs import ClientProfileDialog
from navigator.ui.markdown_editor import MarkdownEdit
from navigator.ui.pin_field import refusal_text
from tests.conftest import SAMPLE_CURRICULUM
from tests.property.strategies import KB100, hostile_text, long_text
from tests.property.test_text_fields import snapshot, tidy
from tests.ui.test_lesson_flow import PIN, make_window, start_as, wait_saved

LEFT = Qt.MouseButton.LeftButton
GENERIC = "This change is not allowed."


def rows(services: Services, sql: str) -> list[tuple]:
    return services.lane.call(lambda db: db.execute(sql).fetchall())


@pytest.fixture
def curriculum_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE_CURRICULUM, tmp_path / "curriculum"))


@settings(max_examples=4)
@given(name=hostile_text)
@example(name="   ")
@example(name="\u202eAmal\u200f \U0001F469\u200d\U0001F469\u200d\U0001F467")
def test_the_first_run_name_is_saved_as_shown_or_refused_on_screen(qtbot, tmp_path,
                                                                   curriculum_copy, name):
    """First run: the name field (at most 80 characters) holds any text; Start creates the
    administrator with that name (spaces tidied) and greets them, or says why not."""
    services = Services.start(Path(tempfile.mkdtemp(dir=tmp_path)), curriculum=curriculum_copy)
    window = make_window(qtbot, services)
    try:
        view = window.first_run
        view.name.setText(name)
        typed = view.name.text()
        assert typed == name[:len(typed)]  # cut at 80 characters, never changed
        qtbot.keyClicks(view.pin, PIN)
        qtbot.keyClicks(view.pin_again, PIN)
        qtbot.mouseClick(view.start, LEFT)
        if not typed.strip():
            assert view.error.isVisible() and "type your name" in view.error.text()
            assert rows(services, "SELECT name FROM learners") == []
            return
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.catalogue
                        or view.error.isVisible(), timeout=5000)
        assert window.stack.currentWidget() is window.catalogue, view.error.text()
        assert rows(services, "SELECT name, role FROM learners") == [(tidy(typed), "admin")]
        assert window.catalogue.greeting.text() == f"Hello, {tidy(typed)}"
    finally:
        window.close()
        services.close()


@pytest.fixture
def coach(services) -> Iterator[tuple[Services, staff.StaffMember]]:
    member = services.lane.call(staff.create_staff, name="Nadia", language="en", role="admin",
                                pin=PIN)
    yield services, member


@settings(max_examples=15)
@given(nickname=hostile_text)
@example(nickname="x" * 41)
@example(nickname="\U0001F600" * 30)
def test_a_client_nickname_is_saved_as_shown_or_refused_on_screen(qtbot, coach, nickname):
    """The new-client dialog: the nickname field (at most 40 characters) holds any text;
    Save creates the client with it (spaces tidied), or the dialog stays open and says why,
    and the database is as before."""
    services, member = coach
    lane = services.lane

    def save(values):  # as CoachingFlow.new_client does
        return lane.submit(clients.create_client, created_by=member.id, **values)

    dialog = ClientProfileDialog(save)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.nickname.setText(nickname)
    typed = dialog.nickname.text()
    before = lane.call(snapshot)
    qtbot.mouseClick(dialog.ok, LEFT)
    qtbot.waitUntil(lambda: dialog.result_value is not None or dialog.message.isVisible(),
                    timeout=5000)
    if dialog.result_value is None:
        message = dialog.message.text()
        assert message.strip() and message != GENERIC and dialog.isVisible()
        assert lane.call(snapshot) == before
        dialog.close()
        return
    client = dialog.result_value
    assert client.nickname == tidy(typed) and len(client.nickname) <= 40
    assert rows(services, "SELECT name FROM learners WHERE kind = 'client'") == [
        (tidy(typed),)]
    lane.submit_unwrapped(clients.delete_client, client_id=client.id).result()
    dialog.close()


@pytest.fixture
def reflection(qtbot, services) -> Iterator[tuple[object, Path]]:
    """The note box at the end of a lesson, in the real window."""
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    window.open_lesson("sample", "second-lesson")
    wait_saved(qtbot, window)
    for _ in range(2):
        qtbot.mouseClick(window.player.next, LEFT)
        wait_saved(qtbot, window)
    assert window.player.reflection.isVisible()
    yield window.player.reflection, services.data_dir / "navigator.db"
    window.close()


def stored_note(database: Path) -> list[str]:
    conn = sqlite3.connect(database)
    try:
        return [r[0] for r in conn.execute("SELECT text FROM notes")]
    finally:
        conn.close()


@settings(max_examples=12)
@given(text=st.one_of(hostile_text, st.just("a" * (MAX_NOTE_LENGTH + 1))))
@example(text="a" * KB100)  # was cut to 5,000 characters under "✓ Note saved"
@example(text="\x00" + "b" * MAX_NOTE_LENGTH)
def test_a_note_is_saved_as_shown_or_refused_in_words(qtbot, reflection, text):
    """The lesson note: Save keeps exactly what the editor shows (outer spaces removed) and
    says so, or says the note is too long and keeps the note saved before."""
    box, database = reflection
    box.editor.setPlainText(text)
    shown = box.editor.toPlainText()
    before = stored_note(database)
    box.status.setText("")
    qtbot.mouseClick(box.save, LEFT)
    qtbot.waitUntil(lambda: box.status.text() != "", timeout=5000)
    if box.status.text() == "✓ Note saved":
        assert stored_note(database) == ([shown.strip()] if shown.strip() else [])
    else:
        assert box.status.text() == refusal_text("note-long")
        assert len(shown.strip()) > MAX_NOTE_LENGTH and stored_note(database) == before
        assert box.editor.toPlainText() == shown  # nothing typed is lost


@pytest.fixture
def catalogue(qtbot, services) -> Iterator[object]:
    """The home screen of a signed-in learner, with its search box."""
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    yield window.catalogue
    window.close()


@settings(max_examples=12)
@given(text=st.one_of(hostile_text, st.sampled_from(['"', "power*", "NEAR(", "wi-fi OR"])))
@example(text="a " * (KB100 // 2))
def test_the_search_box_answers_any_text(qtbot, catalogue, text):
    """Whatever is typed or pasted in the search box, the results or a 'no lesson
    mentions' line appear for exactly what the box shows, and nothing fails."""
    box = catalogue
    box.search.setText(text)
    query = box.search.text().strip()
    expected = f"No lesson mentions “{query}”."
    if query:
        qtbot.waitUntil(lambda: box.no_results.text() == expected, timeout=5000)
        assert box.results.isVisible() == (box.results.count() > 0)
        assert box.no_results.isVisible() == (box.results.count() == 0)
        assert all(box.results.item(i).text().strip() for i in range(box.results.count()))
    else:
        qtbot.waitUntil(lambda: box.tree.isVisible(), timeout=5000)


@settings(max_examples=10)
@given(line=long_text)
@example(line="[" * KB100)  # the link colouring took 5 s
@example(line="![a](" * (KB100 // 5))
def test_the_lesson_editor_shows_a_100_kb_line_as_typed(qtbot, line):
    """A 100 KB line pasted in the pack editor's lesson text is shown and coloured, and the
    text is kept exactly (how fast: benchmarks/hostile_input.py)."""
    assume(line == "".join(line.splitlines()))  # one line (Qt makes \r\n one break)
    editor = MarkdownEdit()
    qtbot.addWidget(editor)
    document = QTextDocument(editor)
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    editor.set_document(document)
    document.setPlainText("---\nid: x\n---\n## A {check}\n" + line)
    assert editor.text().endswith("\n" + line)

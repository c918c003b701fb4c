"""Switching the interface language at run time; Arabic mirrors the whole layout; Qt's own
strings follow."""

from __future__ import annotations

import sqlite3

from babel.messages.pofile import read_po
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from navigator.paths import translations_dir
from tests.ui.test_lesson_flow import make_window, start_as, wait_saved


def translated(language: str, message: str) -> str:
    """What the committed catalog says (read independently of the running app)."""
    path = translations_dir() / language / "LC_MESSAGES" / "navigator.po"
    with path.open("rb") as f:
        entry = read_po(f, locale=language).get(message)
    assert entry is not None and entry.string, message
    return entry.string


def test_switching_language_retranslates_the_open_window(qtbot, services, data_dir):
    """Choosing Français in the Language menu changes the visible texts at once, and the
    choice is saved in the learner's profile."""
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    catalogue = window.catalogue
    assert catalogue.open_button.text() == "Open lesson"
    window.language_actions["fr_CA"].trigger()
    qtbot.waitUntil(lambda: catalogue.open_button.text() != "Open lesson", timeout=5000)
    assert catalogue.open_button.text() == translated("fr", "Open lesson")
    assert window.language_menu.title() == translated("fr", "&Language")
    assert catalogue.greeting.text() == translated("fr", "Hello, {name}").format(name="Amal")
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Annuler"  # Qt's strings
    wait_saved(qtbot, window)
    conn = sqlite3.connect(data_dir / "navigator.db")
    assert conn.execute("SELECT language FROM learners").fetchall() == [("fr_CA",)]
    conn.close()
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: catalogue.open_button.text() == "Open lesson", timeout=5000)


def test_arabic_mirrors_the_layout(qtbot, services):
    """In Arabic the window is right to left: the 'back to lessons' button, first in its
    row, sits at the right edge, and the open lesson follows the learner's language."""
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    window.resize(1000, 700)
    window.language_actions["ar"].trigger()
    qtbot.waitUntil(lambda: window.layoutDirection() == Qt.LayoutDirection.RightToLeft,
                    timeout=5000)
    assert window.catalogue.open_button.text() == translated("ar", "Open lesson")
    window.open_lesson("sample", "first-lesson")
    wait_saved(qtbot, window)
    player = window.player
    qtbot.waitUntil(lambda: player.isVisible(), timeout=5000)
    back = player.back_to_list
    x = back.mapTo(window, QPoint(0, 0)).x()
    assert x > window.width() / 2, x
    assert player.fallback.isVisible()  # no Arabic text for this lesson: says so
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.layoutDirection() == Qt.LayoutDirection.LeftToRight,
                    timeout=5000)
    assert back.mapTo(window, QPoint(0, 0)).x() < window.width() / 2


def test_a_bare_language_picks_its_regional_interface_on_the_first_run(qtbot, services):
    """`navigator screenshots --lang fr` asks for "fr"; the list offers fr_CA. It used to stay
    on English without a word."""
    window = make_window(qtbot, services)
    window.first_run.set_language("fr")
    assert window.first_run.language.currentData() == "fr_CA"
    window.first_run.set_language("es_MX")
    assert window.first_run.language.currentData() == "es"
    window.first_run.set_language("xx")  # not offered: the choice stays as it was
    assert window.first_run.language.currentData() == "es"

"""Certificates: awarded when a module (and a whole pack) is complete, shown on the home
screen and in My progress, made as a one-page PDF (read back), opened or saved."""

from __future__ import annotations

import os
import sqlite3
import unicodedata
from concurrent.futures import CancelledError
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from navigator.i18n import set_language
from navigator.storage import repository as repo
from navigator.storage.certificates import (
    Certificate,
    award_certificates,
    list_certificates,
)
from navigator.ui.certificate_pdf import write_certificate_pdf
from tests.ui.test_lesson_flow import make_window, sign_in, start_as, wait_saved


def complete(db, learner_id: int, lesson_id: str, score: float | None = 100.0) -> None:
    repo.set_position(db, learner_id=learner_id, pack_id="sample", lesson_id=lesson_id,
                      step_index=0, step_id="x", seconds=90)
    repo.finish_attempt(db, learner_id=learner_id, pack_id="sample", lesson_id=lesson_id,
                        score=score, passed=True)


def pdf_text(path: Path) -> tuple[int, str]:
    """The page count and the words, as a reader would copy them (ligatures undone)."""
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(unicodedata.normalize("NFKC", text).split())


def test_a_module_certificate_then_the_course_certificate(services):
    lane = services.lane
    learner = lane.call(repo.create_learner, name="Amal", language="en")
    award = lambda: lane.call(award_certificates, learner_id=learner.id, pack_id="sample")  # noqa: E731
    lane.call(complete, learner_id=learner.id, lesson_id="first-lesson")
    assert award() == []  # one lesson of two: the module is not complete
    lane.call(complete, learner_id=learner.id, lesson_id="second-lesson")
    [module] = award()
    assert (module.module_id, module.is_course, module.pack_version) == ("basics", False,
                                                                          "1.0.0")
    assert module.learner_name == "Amal" and module.modules == [{"en": "Basics",
                                                                 "fr": "Les bases"}]
    assert award() == []  # awarded once
    lane.call(complete, learner_id=learner.id, lesson_id="question-kinds")
    new = award()
    assert sorted(c.module_id for c in new) == ["", "kinds"]
    course = next(c for c in new if c.is_course)
    assert [m["en"] for m in course.modules] == ["Basics", "Kinds of question"]
    assert course.minutes == sum(lesson.minutes for lesson in
                                 services.library.get("sample").lessons.values())
    stored = lane.call(list_certificates, learner_id=learner.id)
    assert len(stored) == 3 and {c.module_id for c in stored} == {"", "basics", "kinds"}


def certificate(**changes) -> Certificate:
    values = dict(id=12, learner_name="Zoë Nguyễn", pack_id="sample", module_id="",
                  pack_version="1.0.0", pack_titles={"en": "Sample pack",
                                                     "fr": "Paquet d'exemple"},
                  default_language="en",
                  modules=[{"en": "Basics", "fr": "Les bases"},
                           {"en": "Kinds of question", "fr": "Types de questions"}],
                  minutes=95, issued_at=datetime(2026, 11, 24, 15, 0, tzinfo=timezone.utc))
    values.update(changes)
    return Certificate(**values)


@pytest.mark.parametrize("language, date, words", [
    ("en", "November 24, 2026", ["Certificate of completion", "Sample pack", "version 1.0.0",
                                 "Basics", "Kinds of question", "1 hr 35 min"]),
    ("fr_CA", "24 novembre 2026", ["Certificat de réussite", "Paquet d'exemple",
                                   "version 1.0.0", "Les bases", "Types de questions"]),
])
def test_the_pdf_has_one_page_with_the_name_the_modules_and_the_date(qtbot, tmp_path,
                                                                       language, date, words):
    set_language(language)
    target = tmp_path / "out" / "certificate.pdf"
    assert write_certificate_pdf(certificate(), target, language=language) == target
    pages, text = pdf_text(target)
    assert pages == 1
    assert "Zoë Nguyễn" in text and date in text
    for word in words:
        assert word in text, word
    assert list(target.parent.iterdir()) == [target]  # nothing left beside it


def test_a_cancelled_pdf_leaves_nothing_and_a_failed_one_keeps_the_old_file(qtbot, tmp_path):
    target = tmp_path / "certificate.pdf"
    with pytest.raises(CancelledError):
        write_certificate_pdf(certificate(), target, language="en", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []

    target.write_bytes(b"the old certificate")
    if os.geteuid() != 0:  # root may write anywhere
        tmp_path.chmod(0o500)
        try:
            with pytest.raises(OSError):
                write_certificate_pdf(certificate(), target, language="en")
        finally:
            tmp_path.chmod(0o700)
        assert target.read_bytes() == b"the old certificate"
    elsewhere = tmp_path / "not-a-folder"
    elsewhere.write_text("a file where a folder should be")
    with pytest.raises(OSError):
        write_certificate_pdf(certificate(), elsewhere / "certificate.pdf", language="en")
    assert target.read_bytes() == b"the old certificate"


def test_finishing_a_module_shows_the_certificate_then_opens_and_saves_it(
        qtbot, services, data_dir, tmp_path, monkeypatch):
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    learner = window.learner
    services.lane.call(complete, learner_id=learner.id, lesson_id="first-lesson", score=90.0)
    window.show_catalogue()
    assert not window.catalogue.certificates_card.isVisible()

    window.open_lesson("sample", "second-lesson")  # the last lesson of "Basics"
    wait_saved(qtbot, window)
    player = window.player
    for _ in range(2):
        qtbot.mouseClick(player.next, Qt.MouseButton.LeftButton)
        wait_saved(qtbot, window)
    assert "You earned the certificate for the module “Basics”." in player.text.toPlainText()
    assert player.see_certificates.isVisible()
    qtbot.mouseClick(player.back_to_list, Qt.MouseButton.LeftButton)

    home = window.catalogue
    assert home.certificates_card.isVisible()
    assert "Module: \u2068Basics\u2069" in home.certificates_text.text()
    qtbot.mouseClick(home.certificates_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.progress, timeout=5000)
    view = window.progress
    assert view.certificate_list.count() == 1
    assert view.certificate_list.item(0).text().startswith("🎓 Module: \u2068Basics\u2069 — ")

    basics = view.tree.topLevelItem(0).child(0)
    assert [basics.text(c) for c in (0, 1)] == ["Basics", "✓ Complete"]
    first = basics.child(0)
    assert [first.text(c) for c in range(4)] == ["Turning a phone on", "✓ Complete", "90%", "1"]
    assert first.text(4) == "1 min"
    kinds = view.tree.topLevelItem(0).child(1)
    assert kinds.text(1) == "0 of 1 done"
    assert [kinds.child(0).text(c) for c in (1, 2, 3)] == ["Not started", "—", "0"]

    opened: list[Path] = []
    view.open_file = lambda path: opened.append(path) or True
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert view.busy_row.isVisible() or opened  # the bar shows while the PDF is made
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert not view.busy_row.isVisible()
    assert opened[0].parent == data_dir / "certificates"
    pages, text = pdf_text(opened[0])
    assert pages == 1 and "Amal" in text and "Basics" in text

    chosen = tmp_path / "my certificate"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(chosen), "PDF files (*.pdf)"))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text: told.append(text))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    saved = tmp_path / "my certificate.pdf"
    assert str(saved) in told[0] and pdf_text(saved)[0] == 1

    conn = sqlite3.connect(data_dir / "navigator.db")
    assert conn.execute("SELECT module_id, pack_version FROM certificates").fetchall() == [
        ("basics", "1.0.0")]
    conn.close()


def test_cancel_hides_the_bar_and_opens_nothing(qtbot, services, data_dir):
    window = make_window(qtbot, services)
    start_as(qtbot, window)
    learner = window.learner
    for lesson in ("first-lesson", "second-lesson"):
        services.lane.call(complete, learner_id=learner.id, lesson_id=lesson)
    window.show_catalogue()
    assert window.catalogue.certificates_card.isHidden()  # the home screen writes nothing
    window.close()
    window = make_window(qtbot, services)  # the next start awards progress made before
    sign_in(qtbot, window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.catalogue, timeout=5000)
    assert "Module: \u2068Basics\u2069" in window.catalogue.certificates_text.text()
    qtbot.mouseClick(window.catalogue.progress_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.progress, timeout=5000)
    view = window.progress
    opened: list[Path] = []
    view.open_file = lambda path: opened.append(path) or True
    gate = services.workers.submit(lambda: __import__("time").sleep(0.3))  # keep it busy
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert view.busy_row.isVisible() and not view.open_button.isEnabled()
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert not view.busy_row.isVisible() and view.open_button.isEnabled()
    gate.result()
    services.workers.submit(lambda: None).result()  # the cancelled job has run
    qtbot.wait(50)
    assert opened == []
    folder = data_dir / "certificates"
    assert not folder.exists() or list(folder.iterdir()) == []

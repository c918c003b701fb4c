"""Handouts: a lesson's teaching steps as a one-page, large-print sheet, right to left in
Arabic, written as PDF (read back with pypdf) or printed; every built-in lesson fits."""

from __future__ import annotations

import errno
import os
import unicodedata
from concurrent.futures import CancelledError
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter

from navigator import files
from navigator.content.loader import load_pack
from navigator.core.model import Pack
from navigator.formatting import format_number
from navigator.handout import (
    Handout,
    HandoutStep,
    build_handout,
    find_builtin_lesson,
)
from navigator.i18n import in_language
from navigator.ui.handout_pdf import (
    BODY_SIZES,
    layout_handout,
    print_handout,
    write_handout_pdf,
)
from tests.conftest import ROOT

CURRICULUM = ROOT / "curriculum"


def logical(word: str) -> str:
    """A word as pypdf gives it, in reading order: Arabic comes out as presentation forms
    in visual order, so it is reversed, then the forms are undone (NFKC)."""
    if any("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff" for c in word):
        word = word[::-1]
    return unicodedata.normalize("NFKC", word)


def pdf_words(path: Path) -> tuple[int, float, list[tuple[float, float, str]]]:
    """Page count, page width, and every word of page 1 as (x, y, word) in points."""
    reader = PdfReader(str(path))
    page = reader.pages[0]
    words: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, _font, _size):
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        words.extend((x, y, logical(w)) for w in text.split())

    page.extract_text(visitor_text=visit)
    return len(reader.pages), float(page.mediabox.width), words


def handout(ref: str, language: str) -> Handout:
    pack, lesson_id = find_builtin_lesson(ref)
    return build_handout(pack, lesson_id, language)


def fonts(document: QTextDocument) -> list[tuple[str, float]]:
    """Every piece of text on the sheet with its size in points."""
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            size = fragment.charFormat().fontPointSize() or document.defaultFont().pointSizeF()
            found.append((fragment.text(), size))
            it += 1
        block = block.next()
    return found


def test_build_handout_keeps_teaching_steps_with_their_first_picture():
    """Questions and practice are left out; each step keeps its heading, its first picture
    (a file inside the pack) with its description, and its text without the picture."""
    sheet = handout("client-lessons/charge-the-phone", "en")
    assert sheet.title == "Charge your phone" and sheet.language == "en"
    assert [s.title for s in sheet.steps] == ["Put the cable in your phone",
                                               "Plug the charger into the wall",
                                               "Check that it charges", "Charge it safely"]
    pack_root = (CURRICULUM / "client-lessons").resolve()
    for step in sheet.steps:
        assert step.picture is not None and step.picture.is_file()
        assert step.picture.is_relative_to(pack_root) and step.alt
        assert "<img" not in step.html and step.html.startswith("<p>")
    assert sheet.pack_title == "Using your phone" and sheet.pack_version
    assert sheet.footer == f"Using your phone, version {sheet.pack_version} · Navigator"
    assert not sheet.right_to_left and not sheet.fell_back


def test_build_handout_follows_the_fallback_chain_and_refuses_bad_requests():
    """fr_CA uses the fr text; a staff lesson asked in Arabic falls back to English and
    says so; an unknown lesson or a malformed language code is a LookupError."""
    french = handout("client-lessons/charge-the-phone", "fr-CA")
    assert (french.language, french.title, french.fell_back) == (
        "fr", "Charger votre téléphone", False)
    arabic = handout("client-lessons/connect-to-wifi", "ar")
    assert arabic.right_to_left and arabic.title == "الاتصال بشبكة Wi‑Fi"
    staff = handout("staff-course/power-and-lock", "ar")
    assert (staff.language, staff.fell_back, staff.right_to_left) == ("en", True, False)
    with pytest.raises(LookupError, match="no built-in lesson"):
        find_builtin_lesson("client-lessons/no-such-lesson")
    with pytest.raises(LookupError, match="no built-in lesson"):
        find_builtin_lesson("charge-the-phone")
    pack, _lesson = find_builtin_lesson("client-lessons/charge-the-phone")
    with pytest.raises(LookupError, match="no lesson"):
        build_handout(pack, "no-such-lesson", "en")
    with pytest.raises(LookupError, match="not a language code"):
        build_handout(pack, "charge-the-phone", "French please")


def test_the_sheet_speaks_the_clients_language_not_the_screens():
    """Words Navigator adds to a sheet are translated into the sheet's language while the
    interface stays in English."""
    assert in_language("Cancel", "fr_CA") == "Annuler"
    assert in_language("Cancel", "en") == "Cancel"
    assert in_language("Cancel", "zz") == "Cancel"


@pytest.mark.parametrize(("language", "title_word", "right_to_left"), [
    ("ar", "الاتصال", True),
    ("en", "Connect", False),
])
def test_a_handout_pdf_is_one_page_and_reads_in_the_languages_direction(
        qtbot, tmp_path, language, title_word, right_to_left):
    """One page with the title in the lesson's language; in Arabic the title starts in the
    right half and the step numbers stand on the right, in English both are on the left."""
    sheet = handout("client-lessons/connect-to-wifi", language)
    target = tmp_path / "sheet.pdf"
    assert write_handout_pdf(sheet, target) == target
    assert list(tmp_path.iterdir()) == [target]
    pages, width, words = pdf_words(target)
    assert pages == 1
    texts = {w for _x, _y, w in words}
    for word in sheet.title.split():
        assert unicodedata.normalize("NFKC", word) in texts, word
    top = max(y for _x, y, _w in words)
    title_x = next(x for x, y, w in words if w == title_word and y > top - 5)
    number_x = next(x for x, _y, w in words if w == format_number(1, locale=language))
    assert (title_x > width / 2) is right_to_left
    assert (number_x > width / 2) is right_to_left


def builtin_sheets() -> list[tuple[Pack, str, str]]:
    found = []
    for name in ("client-lessons", "staff-course"):
        pack = load_pack(CURRICULUM / name)
        found += [(pack, lesson.id, language) for lesson in pack.ordered_lessons()
                  for language in lesson.languages]
    return found


def test_every_builtin_lesson_in_every_language_fits_one_page_in_large_print(qtbot):
    """Each lesson of both packs, in each of its languages, lays out within one A4 page:
    text never under 12 pt (the footer aside), the title always there, client sheets keep
    every step's title, short lessons stay at 16 pt with a title of 26 pt or more, and most
    client sheets stay well above the floor."""
    sheets = builtin_sheets()
    assert len(sheets) > 150
    sizes = []
    for pack, lesson_id, language in sheets:
        sheet = build_handout(pack, lesson_id, language)
        layout = layout_handout(sheet)
        where = f"{lesson_id} ({language})"
        assert layout.fits, where
        text = layout.document.toPlainText()
        assert sheet.title in text, where
        on_sheet = [(t, size) for t, size in fonts(layout.document)
                    if t.strip() and t not in sheet.footer]
        assert min(size for _t, size in on_sheet) >= BODY_SIZES[-1], where
        if pack.id == "client-lessons":
            assert all(step.title in text for step in sheet.steps), where
        words = sum(len(step.html.split()) for step in sheet.steps)
        if words < 60:
            assert layout.body_pt == 16, where
            assert max(size for t, size in on_sheet if t == sheet.title) >= 26, where
        if pack.id == "client-lessons":
            sizes.append(layout.body_pt)
    assert sorted(sizes)[len(sizes) // 2] >= 13  # most client sheets stay above the floor


def test_a_sheet_too_long_for_a_page_is_cut_and_says_there_is_more(qtbot):
    """At the 12 pt floor, trailing paragraphs of the longest steps go first, then late
    steps; titles of kept steps stay and the sheet ends with a pointer to the lesson."""
    long = [HandoutStep(title=f"Step title {i}", picture=None, alt="",
                        html="".join(f"<p>Paragraph {i}.{j} " + "words " * 40 + "</p>"
                                     for j in range(12))) for i in range(1, 9)]
    sheet = Handout(pack_id="p", lesson_id="l", language="en", title="A very long lesson",
                    objectives=["Read a lot."], steps=long, pack_title="Pack",
                    pack_version="1.0", right_to_left=False)
    layout = layout_handout(sheet)
    text = layout.document.toPlainText()
    assert layout.fits and layout.trimmed and layout.body_pt == BODY_SIZES[-1]
    assert "More in the lesson in Navigator" in text
    assert "Step title 1" in text and "Paragraph 1.0" in text
    assert "Paragraph 1.11" not in text
    kept = [step.title for step in long if step.title in text]
    assert kept == [step.title for step in long[:len(kept)]]  # late steps go, in order

    short = layout_handout(handout("client-lessons/connect-to-wifi", "en"))
    assert not short.trimmed
    assert "More in the lesson" not in short.document.toPlainText()


def test_progress_cancel_and_a_failed_write(qtbot, tmp_path, monkeypatch):
    """Progress climbs to 100; a cancel at any point leaves no file; a write that fails
    (disk full, read-only folder, no folder) raises OSError and keeps the old file."""
    sheet = handout("client-lessons/charge-the-phone", "es")
    target = tmp_path / "sheet.pdf"
    seen: list[int] = []
    write_handout_pdf(sheet, target, progress=seen.append)
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 100
    target.unlink()

    with pytest.raises(CancelledError):
        write_handout_pdf(sheet, target, cancelled=lambda: True)
    late: list[int] = []  # cancelled once the page is drawn, just before the rename
    with pytest.raises(CancelledError):
        write_handout_pdf(sheet, target, progress=late.append, cancelled=lambda: 90 in late)
    assert list(tmp_path.iterdir()) == []

    target.write_bytes(b"the old sheet")

    def disk_full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_handout_pdf(sheet, target)
    monkeypatch.undo()
    assert target.read_bytes() == b"the old sheet"
    assert list(tmp_path.iterdir()) == [target]
    if os.geteuid() != 0:  # root may write anywhere
        tmp_path.chmod(0o500)
        try:
            with pytest.raises(OSError):
                write_handout_pdf(sheet, target)
        finally:
            tmp_path.chmod(0o700)
        assert target.read_bytes() == b"the old sheet"
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("a file where a folder should be")
    with pytest.raises(OSError):
        write_handout_pdf(sheet, not_a_folder / "sheet.pdf")
    assert sorted(tmp_path.iterdir()) == [not_a_folder, target]


def test_printing_draws_the_same_sheet_on_one_page(qtbot, tmp_path):
    """print_handout on a printer that prints to PDF gives one page with the sheet's words."""
    sheet = handout("client-lessons/charge-the-phone", "fr")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    print_handout(sheet, printer)
    pages, _width, words = pdf_words(out)
    texts = {w for _x, _y, w in words}
    assert pages == 1
    assert {"Charger", "votre", "téléphone", "Brancher"} <= texts


def test_sheets_are_written_on_worker_threads(qtbot, tmp_path):
    """Two sheets made at once off the UI thread (as the app makes them) are both whole."""
    from concurrent.futures import ThreadPoolExecutor

    pack, lesson_id = find_builtin_lesson("client-lessons/make-a-call")
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(write_handout_pdf, build_handout(pack, lesson_id, language),
                               tmp_path / f"{language}.pdf") for language in ("ar", "es")]
        written = [future.result(timeout=60) for future in futures]
    for path in written:
        assert pdf_words(path)[0] == 1
    assert sorted(tmp_path.iterdir()) == sorted(written)

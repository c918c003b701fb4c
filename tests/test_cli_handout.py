"""``navigator handout``: a built-in lesson as a one-page PDF; the path on stdout, exit 1 with
a message for an unknown lesson, a malformed language or a file that cannot be written, and
a lesson without text in the language asked for falls back (with a note on stderr)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from navigator.cli import main
from tests.conftest import ROOT


def pdf_text(path: Path) -> tuple[int, str]:
    """The page count and the words, as a reader would copy them (ligatures undone)."""
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(unicodedata.normalize("NFKC", text).split())


def test_a_french_handout_is_one_page(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """fr_CA uses the French lesson: exit 0, the path alone on stdout, one page with the
    French title and steps."""
    out = tmp_path / "X.pdf"
    assert main(["handout", "client-lessons/charge-the-phone", "--lang", "fr_CA",
                 "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{out}\n" and captured.err == ""
    pages, text = pdf_text(out)
    assert pages == 1
    assert "Charger votre téléphone" in text and "Brancher le chargeur au mur" in text
    assert list(tmp_path.iterdir()) == [out]


def test_a_language_the_lesson_lacks_falls_back_with_a_note(
        qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """A staff lesson asked in Arabic is printed in the pack's language (English), as the
    lesson player shows it, and stderr says so."""
    out = tmp_path / "staff.pdf"
    assert main(["handout", "staff-course/power-and-lock", "--lang", "ar",
                 "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{out}\n"
    assert "has no text in Arabic: the handout is in English" in captured.err
    pages, text = pdf_text(out)
    assert pages == 1 and "Turn on, lock and unlock a phone" in text


@pytest.mark.parametrize(("args", "message"), [
    (["client-lessons/no-such-lesson", "--lang", "en"], "no built-in lesson"),
    (["no-such-pack/charge-the-phone", "--lang", "en"], "no built-in lesson"),
    (["client-lessons/charge-the-phone", "--lang", "French!"], "not a language code"),
])
def test_an_unknown_lesson_or_language_fails_clearly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str):
    """Exit 1, the reason on stderr, nothing on stdout, no file (and Qt is not needed)."""
    out = tmp_path / "X.pdf"
    assert main(["handout", *args, "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""
    assert not out.exists()


def test_a_file_that_cannot_be_written_fails_clearly(
        qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """A missing folder: exit 1 and a message naming the file; nothing is left behind."""
    out = tmp_path / "no-such-folder" / "X.pdf"
    assert main(["handout", "client-lessons/charge-the-phone", "--lang", "es",
                 "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert f"The handout could not be saved as {out}" in captured.err
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []


def test_handout_runs_as_a_program_without_a_display(tmp_path: Path):
    """In a fresh process with no display (a server, a trainer's CI), the Arabic handout is
    written: Qt starts offscreen by itself."""
    out = tmp_path / "ar.pdf"
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-m", "navigator", "handout",
                             "client-lessons/connect-to-wifi", "--lang", "ar", "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{out}\n" and result.stderr == ""
    assert len(PdfReader(str(out)).pages) == 1

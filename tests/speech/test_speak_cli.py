"""``navigator speak``: a text or a whole built-in lesson to a WAV file, clean output, exit 1
with a message when there is no voice, no lesson or no lesson text in the language."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from navigator.cli import lesson_speech_text, main
from tests.conftest import ROOT
from tests.speech import read_wav, rms

ONE_LINE = re.compile(r"^(?P<path>.+\.wav): (?P<seconds>[\d.,]+) s$")


def test_speak_text_in_french_writes_a_wav(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Exit 0, a valid WAV, and one line on stdout: the file and its length."""
    out = tmp_path / "bonjour.wav"
    assert main(["speak", "--lang", "fr", "--out", str(out), "Bonjour,", "appuyez", "ici."]) == 0
    captured = capsys.readouterr()
    match = ONE_LINE.match(captured.out.strip())
    assert match and match["path"] == str(out) and captured.err == ""
    assert len(captured.out.splitlines()) == 1
    params, samples = read_wav(out)
    assert params.nchannels == 1 and 0.5 < params.nframes / params.framerate < 4
    assert abs(float(match["seconds"]) - params.nframes / params.framerate) < 0.1
    assert rms(samples) > 500


def test_speak_a_whole_client_lesson_in_arabic(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]):
    """--lesson reads the Arabic lesson: title, steps, question and options, in that order,
    as plain text (no Markdown, no picture descriptions)."""
    text = lesson_speech_text("client-lessons/charge-the-phone", "ar")
    assert text.startswith("اشحن هاتفك.\n")
    assert "اضغط على المكان الذي يدخل فيه الكابل." in text  # a question
    assert "الفتحة الطويلة في الوسط." in text  # an option
    assert not re.search(r"[#*!\[\]]|media/", text)
    assert "سهم يشير" not in text  # a picture's description
    out = tmp_path / "lesson.wav"
    assert main(["speak", "--lesson", "client-lessons/charge-the-phone", "--lang", "ar",
                 "--out", str(out)]) == 0
    assert ONE_LINE.match(capsys.readouterr().out.strip())
    params, _samples = read_wav(out)
    assert params.nframes / params.framerate > 30


@pytest.mark.parametrize(("args", "message"), [
    (["--lang", "zz", "Hello"], "No voice for zz is installed"),
    (["--lang", "ar", "--lesson", "client-lessons/no-such-lesson"], "no built-in lesson"),
    (["--lang", "ar", "--lesson", "staff-course/power-and-lock"], "no text in Arabic"),
    (["--lang", "en"], "Give either TEXT or --lesson"),
])
def test_speak_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             args: list[str], message: str):
    """No voice, no such lesson, no text in that language, nothing to read: exit 1, a message
    on stderr, nothing on stdout, no file."""
    out = tmp_path / "x.wav"
    assert main(["speak", "--out", str(out), *args]) == 1
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""
    assert not out.exists()


def test_speak_prints_only_its_line_in_a_real_process(tmp_path: Path):
    """Run as a program, stdout holds just the result line (the eSpeak driver's own
    "Audio saved to ..." print is kept out)."""
    out = tmp_path / "hola.wav"
    result = subprocess.run([sys.executable, "-m", "navigator", "speak", "--lang", "es",
                             "--out", str(out), "Hola."], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert ONE_LINE.match(result.stdout.strip()) and result.stdout.count("\n") == 1
    assert result.stderr == ""

"""``navigator screenshots``: every main screen, rendered offscreen to named PNG files.

Each screen added to the app adds a capture here.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from navigator.services import Services
from navigator.storage import repository as repo
from navigator.ui.main_window import MainWindow

SAMPLE_NAMES = {"en": "Amal", "fr": "Amélie", "ar": "أمل", "es": "Amalia"}


def _settle(window: MainWindow, timeout: float = 5.0) -> None:
    """Process events until background saves are done."""
    deadline = time.monotonic() + timeout
    QApplication.processEvents()
    while (window.bridge.busy or window.player.bridge.busy) and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    QApplication.processEvents()


def _save(widget: QWidget, outdir: Path, name: str, written: list[Path]) -> None:
    path = outdir / f"{name}.png"
    widget.grab().save(str(path))
    written.append(path)


def capture_all(services: Services, outdir: Path, *, language: str = "en") -> list[Path]:
    """Capture each screen of a fresh installation, then of a learner in a lesson."""
    written: list[Path] = []
    window = MainWindow(services)
    window.resize(1024, 720)
    window.first_run.set_language(language)
    window.apply_language(language)
    window.show()
    _settle(window)
    _save(window, outdir, "01-first-run", written)

    name = SAMPLE_NAMES.get(language.split("_")[0], "Amal")
    window.first_run.name.setText(name)
    window.first_run.start.click()
    _settle(window)
    packs = services.lane.call(repo.catalogue, learner_id=window.learner.id if window.learner
                               else 0)
    lessons = [lesson for p in packs for m in p.modules for lesson in m.lessons]
    if not lessons:
        _save(window, outdir, "02-catalogue", written)
        window.close()
        return written
    first = lessons[0]
    window.open_lesson(first.pack_id, first.lesson_id)
    _settle(window)
    player = window.player
    _save(window, outdir, "03-lesson-step", written)
    session = player.session
    assert session is not None
    # Walk to the first question.
    while not session.step.is_question and not session.is_last:
        player.go_next()
        _settle(window)
    if session.step.is_question:
        _save(window, outdir, "04-question", written)
        question = session.step.question
        assert question is not None
        wrong = next((i for i, o in enumerate(question.options) if not o.correct), 0)
        player.question.choose(wrong)
        player.check_answer()
        _settle(window)
        _save(window, outdir, "05-question-feedback", written)
    player.close_lesson()
    _settle(window)
    _save(window, outdir, "02-catalogue", written)
    # Finish the whole lesson to show the result screen.
    window.open_lesson(first.pack_id, first.lesson_id)
    _settle(window)
    session = player.session
    assert session is not None
    while player.outcome is None:
        step = session.step
        if step.question is not None and session.answer_for() is None:
            for i, option in enumerate(step.question.options):
                if option.correct:
                    player.question.choose(i)
            player.check_answer()
            _settle(window)
        player.go_next()
        _settle(window)
    _save(window, outdir, "06-lesson-result", written)
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return sorted(written)

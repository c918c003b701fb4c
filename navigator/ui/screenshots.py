"""``navigator screenshots``: every main screen, rendered offscreen to named PNG files.

Each screen added to the app adds a capture here.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from navigator.core.model import QuestionType
from navigator.i18n import _
from navigator.services import Services
from navigator.storage import repository as repo
from navigator.storage.certificates import award_certificates
from navigator.ui.main_window import MainWindow
from navigator.ui.question_view import QuestionView

SAMPLE_PIN = "2468"
SAMPLE_NAMES = {"en": "Amal", "fr": "Amélie", "ar": "أمل", "es": "Amalia"}


def _settle(window: MainWindow, timeout: float = 5.0) -> None:
    """Process events until background saves are done."""
    deadline = time.monotonic() + timeout
    QApplication.processEvents()
    def busy() -> bool:
        return any(b.busy for b in (window.bridge, window.player.bridge, window.search_bridge,
                                    window.review.bridge, window.access.bridge,
                                    window.coaching.bridge,
                                    window.coaching.client_mode.bridge,
                                    window.coaching.client_mode.view.player.bridge))

    while busy() and time.monotonic() < deadline:
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
    window.first_run.pin.setText(SAMPLE_PIN)
    window.first_run.pin_again.setText(SAMPLE_PIN)
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
    _capture_reading(window, outdir, written)
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
        player.question.choose(player.question.order.index(wrong))
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
            _pick_right(player.question)
            player.check_answer()
            _settle(window)
        player.go_next()
        _settle(window)
    player.reflection.set_text(_("Ask the client to show me the button before I explain it."))
    player.save_note(player.reflection.editor.toPlainText())
    _settle(window)
    _save(window, outdir, "06-lesson-result", written)
    _capture_kinds(window, packs, outdir, written)
    _capture_home_tools(window, first.lesson_id, outdir, written)
    from navigator.ui.screenshots_authoring import capture_authoring
    from navigator.ui.screenshots_coaching import capture_coaching
    from navigator.ui.screenshots_reports import capture_backups, capture_reports

    capture_authoring(window, language, outdir, written, _save, _settle)  # before the lock
    capture_reports(window, outdir, written, _save, _settle)
    capture_backups(window, outdir, written, _save, _settle)
    capture_coaching(window, language, outdir, written, _save, _settle)
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return sorted(written)


def _capture_reading(window: MainWindow, outdir: Path, written: list[Path]) -> None:
    """The step being read aloud, a few words in (timed by a clock: no sound needed)."""
    from navigator.speech import ClockPlayer, SpeechEngine, SpeechService

    engine = SpeechEngine()
    reader = window.read_aloud
    default = reader.make_service
    reader.make_service = lambda: SpeechService(engine, ClockPlayer())
    try:
        window.player.listen_step()
        deadline = time.monotonic() + 10
        while (len(reader.heard) < 6 and reader.speaking) and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.005)
        if reader.heard:
            _save(window, outdir, "03-lesson-step-read-aloud", written)
    finally:
        reader.stop()
        reader.make_service = default
        engine.close()
        QApplication.processEvents()


def _pick_right(view: QuestionView) -> None:
    """Answer the shown question right, as a learner would with the widgets."""
    question = view.question
    if question is None:
        return
    if question.type is QuestionType.ORDER:
        items = view.order_list
        for target in range(len(question.options)):
            items.list.setCurrentRow(items.chosen().index(target))
            while items.list.currentRow() > target:
                items.list.move_current(-1)
        return
    if question.type is QuestionType.SPOT:
        view.choose(min(question.correct_indexes))
        return
    for position, index in enumerate(view.order):
        if question.options[index].correct:
            view.choose(position)
            if question.type.picks_one:
                return


KIND_SCREENS = {QuestionType.ORDER: "07-order-question", QuestionType.SPOT: "08-spot-question",
                QuestionType.SCENARIO: "09-scenario-question"}


def _capture_kinds(window: MainWindow, packs: list[repo.PackRow], outdir: Path,
                   written: list[Path]) -> None:
    """The first order, spot and scenario question of the built-in packs, then answered."""
    library = window.services.library
    wanted = dict(KIND_SCREENS)
    for row in packs:
        pack = library.get(row.pack_id)
        for lesson in pack.ordered_lessons():
            text = lesson.text_for(window.learner.language if window.learner else "en")
            for step in text.steps:
                name = wanted.get(step.question.type) if step.question else None
                if name is None or step.branch:
                    continue
                window.open_lesson(pack.id, lesson.id)
                _settle(window)
                session = window.player.session
                assert session is not None
                session.go_to(text.step_index(step.id)).result(timeout=5)
                window.player.play(session)
                _settle(window)
                if session.answer_for() is None:  # not one answered by the earlier screens
                    _save(window, outdir, name, written)
                    _pick_right(window.player.question)
                    window.player.check_answer()
                    _settle(window)
                    _save(window, outdir, name + "-answered", written)
                    del wanted[step.question.type]  # type: ignore[union-attr]
                window.player.close_lesson()
                _settle(window)
                if not wanted:
                    return


def _capture_home_tools(window: MainWindow, lesson_id: str, outdir: Path,
                        written: list[Path]) -> None:
    """Search results, the review screen (when questions are due) and My notes."""
    window.show_catalogue()
    _settle(window)
    catalogue = window.catalogue
    session_title = window.player.session.text.title if window.player.session else lesson_id
    catalogue.search.setText(session_title.split()[-1])
    window.run_search(catalogue.search.text().strip())
    _settle(window)
    _save(window, outdir, "10-search", written)
    catalogue.search.clear()
    window.run_search("")
    if catalogue.review_button.isVisible():
        window.open_review()
        _settle(window)
        _save(window, outdir, "11-review", written)
        window.review.closed.emit()
        _settle(window)
    window.show_notes()
    _settle(window)
    _save(window, outdir, "12-my-notes", written)
    _capture_progress(window, outdir, written)
    _capture_high_contrast(window, outdir, written)


def _capture_high_contrast(window: MainWindow, outdir: Path, written: list[Path]) -> None:
    """A client lesson step with its picture, in high contrast at 200% text."""
    from navigator.storage.settings import Settings

    packs = window.services.lane.call(repo.catalogue, learner_id=window.learner.id
                                      if window.learner else 0)
    client = [m.lessons[0] for p in packs for m in p.modules
              if p.pack_id == "client-lessons" and m.lessons]
    if not client:
        return
    window.change_settings(Settings(text_scale=2.0, high_contrast=True))
    _settle(window)
    window.open_lesson(client[0].pack_id, client[0].lesson_id)
    _settle(window)
    _save(window, outdir, "15-high-contrast-200", written)
    window.player.close_lesson()
    window.change_settings(Settings())
    _settle(window)


def _capture_progress(window: MainWindow, outdir: Path, written: list[Path]) -> None:
    """Home with a certificate, and My progress: the first module is marked complete
    (sample data, as if the learner had passed each lesson)."""
    learner = window.learner
    packs = window.services.lane.call(repo.catalogue, learner_id=learner.id if learner else 0)
    if learner is None or not packs or not packs[0].modules:
        return

    def complete_first_module(db: object) -> None:
        for number, lesson in enumerate(packs[0].modules[0].lessons):
            keys = {"learner_id": learner.id, "pack_id": lesson.pack_id,
                    "lesson_id": lesson.lesson_id}
            repo.set_position(db, step_index=0, step_id="", seconds=lesson.minutes * 60,
                              **keys)  # type: ignore[arg-type]
            repo.finish_attempt(db, score=100.0 - 5 * (number % 3), passed=True,
                                **keys)  # type: ignore[arg-type]
        award_certificates(db, learner_id=learner.id,  # type: ignore[arg-type]
                           pack_id=packs[0].pack_id)

    window.services.lane.call(complete_first_module)
    window.show_catalogue()
    _settle(window)
    _save(window, outdir, "13-home-certificate", written)
    window.show_progress()
    _settle(window)
    _save(window, outdir, "14-my-progress", written)

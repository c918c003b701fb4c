"""Opening a lesson and moving through 20 steps in the real window, offscreen.

Each move is timed from Next to the moment the next step is on screen, which includes saving
the position on the storage lane (the player moves on only once it is committed). The floor,
timed right after each move in the same process: a bare ``QTextBrowser.setHtml`` of the same
step HTML (same size, same pictures folder), then the same event processing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/lesson_steps.py [--rounds 5]
        [--agency]

``--agency`` plays on a copy of the 5,000-learner data set (as ``run_all.py`` does), as a
new staff member; without it, on a new data folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from common import CACHE, Figure, agency_copy, agency_folder, report

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
STEP_MS = 16  # the target: one frame at 60 Hz


def measure_steps(data_dir: Path, *, rounds: int, steps: int = 20,
                  pack_id: str = "staff-course") -> list[Figure]:
    """``rounds`` times: open lessons of ``pack_id`` in order and move through ``steps``
    steps (answers given between moves are not timed)."""
    from PySide6.QtWidgets import QApplication, QTextBrowser

    from navigator.app import make_application
    from navigator.services import Services
    from navigator.storage import repository as repo
    from navigator.storage import staff
    from navigator.ui.lesson_text import step_html
    from navigator.ui.main_window import MainWindow

    make_application()
    services = Services.start(data_dir)
    window = MainWindow(services)
    window.resize(1024, 720)
    window.show()
    member = services.lane.call(staff.create_staff, name=f"Benchmark {time.time_ns()}",
                                language="en", role="learner", pin="2580")
    window.signed_in(member)
    lessons = [lesson.lesson_id for p in services.lane.call(repo.catalogue,
                                                            learner_id=member.id)
               if p.pack_id == pack_id for m in p.modules for lesson in m.lessons]
    floor_view = QTextBrowser()
    floor_view.resize(window.player.text.size())
    floor_view.show()

    def settle() -> None:
        while window.player.bridge.busy or window.bridge.busy:
            QApplication.processEvents()
        QApplication.processEvents()

    def floor(html: str, root: Path) -> float:
        floor_view.setSearchPaths([str(root)])
        start = time.perf_counter()
        floor_view.setHtml(f"<body>{html}</body>")
        QApplication.processEvents()
        return time.perf_counter() - start

    opens, open_floor, moves, move_floor = [], [], [], []
    try:
        for _round in range(rounds):
            done = 0
            for lesson_id in lessons:
                if done >= steps:
                    break
                start = time.perf_counter()
                window.open_lesson(pack_id, lesson_id)
                settle()
                opens.append(time.perf_counter() - start)
                session = window.player.session
                assert session is not None, "the lesson did not open"
                open_floor.append(floor(step_html(session.text, session.index),
                                        session.pack.root))
                while not session.is_last and done < steps:
                    if session.step.question is not None and session.answer_for() is None:
                        window.player.question.choose(0)
                        window.player.check_answer()
                        settle()
                    start = time.perf_counter()
                    window.player.go_next()
                    settle()
                    moves.append(time.perf_counter() - start)
                    move_floor.append(floor(step_html(session.text, session.index),
                                            session.pack.root))
                    done += 1
                window.player.close_lesson()
                services.lane.call(repo.start_new_attempt, learner_id=member.id,
                                   pack_id=pack_id, lesson_id=lesson_id)
    finally:
        floor_view.close()
        window.close()
        services.close()
    name = "QTextBrowser.setHtml of the same step HTML + processEvents"
    return [Figure("lesson: open", [s * 1000 for s in opens], name,
                   [s * 1000 for s in open_floor]),
            Figure("lesson: next step, incl. committed write", [s * 1000 for s in moves],
                   name, [s * 1000 for s in move_floor], target=STEP_MS,
                   extra={"max": round(max(moves) * 1000, 1), "steps": steps,
                          "rounds": rounds})]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--agency", action="store_true",
                        help="on a copy of the 5,000-learner data set")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        if args.agency:
            agency_copy(agency_folder(CACHE), folder)
        report(measure_steps(folder, rounds=args.rounds, steps=args.steps), "lesson_steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())

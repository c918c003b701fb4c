"""Opening a lesson and moving between its steps in the real window, offscreen.

Each move is timed from the click to the moment the next step is on screen, which includes
saving the position on the storage lane (the player moves on only once it is committed).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from navigator.app import make_application
    from navigator.services import Services
    from navigator.storage import repository as repo
    from navigator.ui.main_window import MainWindow

    make_application()

    def settle(window: MainWindow) -> None:
        while window.player.bridge.busy or window.bridge.busy:
            QApplication.processEvents()
        QApplication.processEvents()

    opens: list[float] = []
    moves: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        services = Services.start(Path(tmp))
        services.lane.call(repo.create_learner, name="Amal", language="en")
        window = MainWindow(services)
        window.resize(1024, 720)
        window.show()
        packs = services.lane.call(repo.catalogue, learner_id=1)
        lessons = [(lesson.pack_id, lesson.lesson_id) for p in packs for m in p.modules
                   for lesson in m.lessons]
        for _round in range(3):
            for pack_id, lesson_id in lessons:
                start = time.perf_counter()
                window.open_lesson(pack_id, lesson_id)
                settle(window)
                opens.append(time.perf_counter() - start)
                player = window.player
                session = player.session
                assert session is not None
                while not session.is_last:
                    if session.step.question is not None and session.answer_for() is None:
                        player.question.choose(0)
                        player.check_answer()
                        settle(window)
                    start = time.perf_counter()
                    player.go_next()
                    settle(window)
                    moves.append(time.perf_counter() - start)
                player.close_lesson()
                services.lane.call(repo.start_new_attempt, learner_id=1, pack_id=pack_id,
                                   lesson_id=lesson_id)
        window.close()
        services.close()

    def report(name: str, values: list[float]) -> None:
        values = sorted(values)
        p95 = values[int(0.95 * (len(values) - 1))]
        print(f"{name:14s} median {statistics.median(values) * 1000:6.1f} ms   "
              f"p95 {p95 * 1000:6.1f} ms   max {values[-1] * 1000:6.1f} ms   "
              f"({len(values)} samples)")

    report("open lesson", opens)
    report("next step", moves)
    return 0


if __name__ == "__main__":
    sys.exit(main())

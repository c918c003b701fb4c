"""A scripted learner for the crash test: run as a program, killed at a random moment.

    python tests/reliability/crash_child.py DATA_DIR RUN NAVIGATOR_ID CLIENT_ID

It starts Navigator's services on DATA_DIR (as the app does) and then, as fast as it can,
moves through steps, answers questions and holds coaching sessions with a note, each
through the storage lane. After each write has been committed it prints one line:

    A RUN SEQ ROW_ID           an answer (its ``chosen`` column holds [RUN, SEQ])
    S SESSION_ID               a coaching session ended, with the note "RUN-SEQ"
"""

from __future__ import annotations

import sys
from pathlib import Path

from navigator.services import Services
from navigator.storage import coaching
from navigator.storage import repository as repo

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "curriculum"


def main() -> None:
    folder, run, navigator_id, client_id = (Path(sys.argv[1]), int(sys.argv[2]),
                                            int(sys.argv[3]), int(sys.argv[4]))
    services = Services.start(folder, curriculum=SAMPLE)
    lane = services.lane
    print("ready", flush=True)
    seq = 0
    while True:
        seq += 1
        step = seq % 5
        lane.call(repo.set_position, learner_id=navigator_id, pack_id="sample",
                  lesson_id="first-lesson", step_index=step, step_id=f"step-{step}", seconds=2)
        row = lane.call(repo.record_answer, learner_id=navigator_id, pack_id="sample",
                        lesson_id="first-lesson", step_id="q-power", attempt=run,
                        chosen=[run, seq], score=1.0, correct=True, graded=True)
        print(f"A {run} {seq} {row}", flush=True)
        if seq % 7 == 0:
            session = lane.call(coaching.start_session, client_id=client_id,
                                navigator_id=navigator_id)
            lane.call(coaching.add_session_lesson, session_id=session, pack_id="sample",
                      lesson_id="first-lesson")
            lane.call(coaching.end_session, session_id=session)
            print(f"S {session} {run}-{seq}", flush=True)


if __name__ == "__main__":
    main()

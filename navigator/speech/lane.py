"""The speech engine's own thread: it alone creates and drives pyttsx3, one job at a time.

Other threads only queue jobs and get a :class:`~concurrent.futures.Future`. Futures are never
marked running, so ``future.cancel()`` works until the result is in, even while the job runs:
the caller is released at once, the job is asked to abort (``abort`` event) and its result,
when it comes, is handed to ``discard`` (to delete the file nobody wants).

A watchdog thread gives up a job that runs longer than ``timeout`` (pyttsx3 can hang in
``runAndWait``): its future fails with :class:`SpeechTimeout`, the stuck thread is left behind
(it is a daemon; if it ever returns it touches nothing more) and the queued jobs go to a new
engine thread with a new engine. After ``max_restarts`` such restarts speech is given up.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass, field
from typing import Any

from navigator.speech.errors import SpeechTimeout, SpeechUnavailable

log = logging.getLogger(__name__)

Work = Callable[[Any, threading.Event], Any]  # (backend, abort) -> result


@dataclass(eq=False)
class _Job:
    work: Work
    discard: Callable[[Any], None] | None
    future: Future[Any] = field(default_factory=Future)
    abort: threading.Event = field(default_factory=threading.Event)


class EngineLane:
    def __init__(self, make_backend: Callable[[], Any], *, timeout: float,
                 name: str = "navigator-speech", max_restarts: int = 2) -> None:
        self._make_backend = make_backend
        self._timeout = timeout
        self._name = name
        self._max_restarts = max_restarts
        self._lock = threading.Condition()
        self._queue: deque[_Job] = deque()
        self._current: _Job | None = None
        self._deadline = 0.0
        self._generation = 0
        self._restarts = 0
        self._worker: threading.Thread | None = None
        self._watchdog: threading.Thread | None = None
        self._closed = False
        self._given_up: str | None = None  # why speech is unavailable for good

    @property
    def available(self) -> bool:
        """False once the engine could not be loaded (or stopped answering for good)."""
        return self._given_up is None

    def submit(self, work: Work, *, discard: Callable[[Any], None] | None = None
               ) -> Future[Any]:
        """Queue ``work(backend, abort)`` for the engine thread; never blocks."""
        job = _Job(work, discard)
        job.future.add_done_callback(lambda f: job.abort.set() if f.cancelled() else None)
        with self._lock:
            if self._closed or self._given_up is not None:
                reason = "closed" if self._closed else self._given_up
                job.future.set_exception(SpeechUnavailable("", reason or ""))
                return job.future
            self._queue.append(job)
            if self._worker is None:
                self._start_worker()
            self._lock.notify_all()
        return job.future

    def cancel_all(self) -> None:
        """Cancel the queued jobs and the running one (which is asked to abort)."""
        with self._lock:
            jobs = list(self._queue) + ([self._current] if self._current else [])
            self._queue.clear()
        for job in jobs:
            job.future.cancel()

    def close(self, wait: float = 2.0) -> None:
        """Cancel everything and stop the threads (waits at most ``wait`` seconds)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._lock.notify_all()
            threads = [t for t in (self._worker, self._watchdog) if t is not None]
        self.cancel_all()
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(wait)

    # The engine thread ---------------------------------------------------------------------

    def _start_worker(self) -> None:
        """Start an engine thread for the current generation (called with the lock held)."""
        self._worker = threading.Thread(target=self._work, args=(self._generation,),
                                        name=f"{self._name}-{self._generation}", daemon=True)
        self._worker.start()
        if self._watchdog is None:
            self._watchdog = threading.Thread(target=self._watch, name=f"{self._name}-watchdog",
                                              daemon=True)
            self._watchdog.start()

    def _next_job(self, generation: int) -> _Job | None:
        with self._lock:
            while True:
                if self._closed or generation != self._generation:
                    return None
                while self._queue:
                    job = self._queue.popleft()
                    if not job.future.done():  # cancelled while queued
                        self._current = job
                        self._deadline = time.monotonic() + self._timeout
                        self._lock.notify_all()  # the watchdog starts timing it
                        return job
                self._lock.wait()

    def _work(self, generation: int) -> None:
        backend: Any = None
        while (job := self._next_job(generation)) is not None:
            result: Any = None
            error: BaseException | None = None
            try:
                if backend is None:
                    try:
                        backend = self._make_backend()
                    except Exception as exc:
                        log.warning("speech engine unavailable: %r", exc)
                        self._give_up(f"the speech engine cannot be loaded: {exc!r}")
                        error = SpeechUnavailable("", f"cannot load the speech engine: {exc!r}")
                if error is None:
                    result = job.work(backend, job.abort)
            except BaseException as exc:
                error = exc
                if not isinstance(exc, SpeechUnavailable) and not job.abort.is_set():
                    log.warning("speech job failed, the engine is made anew: %r", exc)
                    backend = None  # pyttsx3 may be left mid-loop: start again clean
            with self._lock:
                stale = generation != self._generation
                if not stale:
                    self._current = None
                    self._lock.notify_all()
            self._deliver(job, result, error)
            if stale or self._given_up is not None:
                return

    def _deliver(self, job: _Job, result: Any, error: BaseException | None) -> None:
        try:
            if error is not None:
                job.future.set_exception(error)
            else:
                job.future.set_result(result)
        except InvalidStateError:  # cancelled or timed out meanwhile: nobody wants it
            if error is None and job.discard is not None:
                with contextlib.suppress(Exception):
                    job.discard(result)

    def _give_up(self, reason: str) -> None:
        with self._lock:
            self._given_up = reason
            jobs = list(self._queue)
            self._queue.clear()
        for job in jobs:
            with contextlib.suppress(InvalidStateError):
                job.future.set_exception(SpeechUnavailable("", reason))

    # The watchdog --------------------------------------------------------------------------

    def _watch(self) -> None:
        while True:
            with self._lock:
                while not self._closed:
                    remaining = self._deadline - time.monotonic()
                    if self._current is not None and remaining <= 0:
                        break
                    self._lock.wait(remaining if self._current is not None else None)
                if self._closed:
                    return
                job, self._current = self._current, None
                self._generation += 1  # the stuck engine thread is left behind
                self._worker = None
                restart = self._restarts < self._max_restarts
                if restart:
                    self._restarts += 1
                    if self._queue:
                        self._start_worker()
            assert job is not None
            log.warning("speech job overran %.1f s; the engine thread is abandoned",
                        self._timeout)
            job.abort.set()
            with contextlib.suppress(InvalidStateError):
                job.future.set_exception(SpeechTimeout("", f"no answer in {self._timeout} s"))
            if not restart:
                self._give_up("the speech engine stopped answering")

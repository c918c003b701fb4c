"""Store and forward: sending queued statements to the LRS in batches, off the UI thread.

- 200/204: delivered. Statements the LRS already had (a re-send after a crash: same ids)
  count as "already present".
- 409 (an id the LRS has with other content) and 413 (too big): the batch is split; a single
  statement answered 409 counts as delivered — the LRS keeps its copy.
- 400 or 422 (Ralph answers 422 when a statement does not validate): the batch is split
  until the refused statements are found; they are kept aside as ``failed`` with the LRS's
  reason, the others are sent.
- 401/403: sending stops, everything stays queued, the status says the key or secret was
  refused.
- No network, a timeout or a server error: the batch stays queued and is tried again later,
  waiting longer each time (30 s, 1 min, 2 min… at most an hour).

Only one sync runs at a time in a process (the background sender and "Send now" take
turns), so two senders never post the same statements at once.

Nothing here prints or stores the secret.
"""

from __future__ import annotations

import base64
import http.client
import json
import random
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from navigator.i18n import _
from navigator.storage import xapi_queue as q
from navigator.storage.lane import StorageLane
from navigator.storage.repository import set_state
from navigator.xapi.lrs_config import LrsConfig
from navigator.xapi.statements import XAPI_VERSION

BATCH_SIZE = 500  # measured: 710/s at 50, 1,210/s at 100, 2,937/s at 500 (lrs_sync.py)
TIMEOUT_SECONDS = 30
FIRST_WAIT, LONGEST_WAIT = 30, 3600  # seconds between tries after a failure

Transport = Callable[[str, str, bytes | None, dict[str, str]], tuple[int, bytes]]


def urllib_transport(method: str, url: str, body: bytes | None,
                     headers: dict[str, str]) -> tuple[int, bytes]:
    """One HTTP request; the status and body (HTTP errors are answers, not exceptions)."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Unreachable(Exception):
    """The LRS could not be reached, or failed; ``reason`` says why in words."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class CredentialsRefused(Exception):
    pass


@dataclass
class SyncReport:
    sent: int = 0
    already_present: int = 0
    failed: int = 0
    queued: int = 0
    error: str = ""  # for the user; empty when everything went


def _headers(config: LrsConfig) -> dict[str, str]:
    token = base64.b64encode(f"{config.key}:{config.secret}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}", "X-Experience-API-Version": XAPI_VERSION,
            "Content-Type": "application/json"}


REFUSED = (400, 422)  # the statements themselves were refused


def _reason(body: bytes) -> str:
    """The LRS's reason in one line: ``detail`` as text, or a validation error list
    (``[{"loc": ["body", 0, "verb", "id"], "msg": "..."}]``) as ``verb.id: ...``."""
    try:
        detail = json.loads(body).get("detail", "")
    except (ValueError, AttributeError):
        detail = body.decode("utf-8", "replace")
    if isinstance(detail, list):
        parts = []
        for item in detail:
            if not isinstance(item, dict):
                continue
            where = [str(p) for p in item.get("loc", []) if not isinstance(p, int)]
            if where[:1] == ["body"]:
                where = where[1:]
            if where:  # a bare "body" error only says the list is not one statement
                parts.append(f"{'.'.join(where)}: {item.get('msg', '')}")
        detail = "; ".join(parts) or json.dumps(detail)
    return str(detail)[:300] or _("no reason given")


def _request(config: LrsConfig, transport: Transport, method: str, url: str,
             body: bytes | None) -> tuple[int, bytes]:
    try:
        return transport(method, url, body, _headers(config))
    except (OSError, http.client.HTTPException) as error:  # URLError, timeouts, cut answers
        reason = getattr(error, "reason", None) or error
        raise Unreachable(_("The Learning Record Store cannot be reached ({reason})."
                            ).format(reason=reason)) from None


class Sender:
    def __init__(self, lane: StorageLane, config: LrsConfig, transport: Transport):
        self.lane, self.config, self.transport = lane, config, transport
        self.report = SyncReport()

    def request(self, method: str, url: str, body: bytes | None) -> tuple[int, bytes]:
        return _request(self.config, self.transport, method, url, body)

    def send(self, batch: list[tuple[str, dict[str, Any]]]) -> None:
        body = json.dumps([s for _i, s in batch], ensure_ascii=False).encode("utf-8")
        status, answer = self.request("POST", self.config.statements_url, body)
        ids = [i for i, _s in batch]
        if status in (200, 204):
            stored: set[str] = set()
            if status == 200:
                try:
                    stored = set(json.loads(answer))
                except ValueError:
                    stored = set(ids)
            self.lane.call(q.mark_sent, ids=ids)
            new = sum(1 for i in ids if i in stored)
            self.report.sent += new
            self.report.already_present += len(ids) - new
        elif status in (401, 403):
            raise CredentialsRefused()
        elif status in (*REFUSED, 409, 413) and len(batch) > 1:
            middle = len(batch) // 2
            self.send(batch[:middle])
            self.send(batch[middle:])
        elif status == 409:
            self.lane.call(q.mark_sent, ids=ids)
            self.report.already_present += 1
        elif status in (*REFUSED, 413):
            self.lane.call(q.mark_failed, ids=ids, error=_reason(answer))
            self.report.failed += 1
        else:
            raise Unreachable(_("The Learning Record Store answered with an error "
                                "({status}).").format(status=status))


def wait_after(attempts: int, rng: random.Random | None = None) -> timedelta:
    """How long to wait before trying again after ``attempts`` failures (with jitter)."""
    seconds = min(LONGEST_WAIT, FIRST_WAIT * 2 ** max(0, attempts))
    return timedelta(seconds=seconds * (rng or random).uniform(0.8, 1.2))


def sync(lane: StorageLane, config: LrsConfig, *, batch_size: int = BATCH_SIZE,
         transport: Transport = urllib_transport, cancel: threading.Event | None = None,
         progress: Callable[[int, int], None] | None = None,
         now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> SyncReport:
    """Send every queued statement whose time has come; returns what happened."""
    with _one_at_a_time:
        return _sync(lane, config, batch_size=batch_size, transport=transport, cancel=cancel,
                     progress=progress, now=now)


_one_at_a_time = threading.Lock()


def _sync(lane: StorageLane, config: LrsConfig, *, batch_size: int, transport: Transport,
          cancel: threading.Event | None, progress: Callable[[int, int], None] | None,
          now: Callable[[], datetime]) -> SyncReport:
    sender = Sender(lane, config, transport)
    report = sender.report
    total = lane.call(q.counts).queued
    done = 0
    stamp = now().isoformat(timespec="seconds")
    lane.call(set_state, key="lrs_last_attempt", value=stamp)
    try:
        while cancel is None or not cancel.is_set():
            batch = lane.call(q.due_batch, now=now(), limit=batch_size)
            if not batch:
                break
            try:
                sender.send(batch)
            except Unreachable as error:
                attempts = lane.call(q.attempts_of, statement_id=batch[0][0])
                lane.call(q.mark_retry, ids=[i for i, _s in batch], error=error.reason,
                          next_try_at=now() + wait_after(attempts))
                report.error = error.reason
                break
            done += len(batch)
            if progress is not None:
                progress(done, max(total, done))
    except CredentialsRefused:
        report.error = _("The Learning Record Store refused the key or the secret. Check them "
                         "in the settings; the records stay here until they can be sent.")
    counts = lane.call(q.counts)
    report.queued = counts.queued
    lane.call(set_state, key="lrs_last_error", value=report.error)
    if not report.error:
        lane.call(set_state, key="lrs_last_success", value=stamp)
    return report


def check_connection(config: LrsConfig, *,
                     transport: Transport = urllib_transport) -> tuple[bool, str]:
    """Ask the LRS for one statement: proves the address, the network, the key and the
    secret without sending anything. Returns (it works, what to tell the administrator)."""
    try:
        status, _answer = _request(config, transport, "GET",
                                   config.statements_url + "?limit=1", None)
    except Unreachable as error:
        return False, error.reason
    if status == 200:
        return True, _("The Learning Record Store answered and accepted the key and the "
                       "secret.")
    if status == 401:
        return False, _("The Learning Record Store refused the key or the secret. Check them "
                        "in the settings; the records stay here until they can be sent.")
    if status == 403:  # some keys may send but not read: sending may still work
        return True, _("The Learning Record Store accepted the key, but it may not read "
                       "records back. Sending should still work.")
    if status == 404:
        return False, _("There is no Learning Record Store at this address. Check the "
                        "address: it usually ends with /xAPI/.")
    return False, _("The Learning Record Store answered with an error ({status}).").format(
        status=status)


class BackgroundSync:
    """Sends now and then on its own thread while the app runs (every ``interval`` seconds,
    or soon after :meth:`poke`). ``load_config`` is asked each time, so new settings are
    used at once; ``on_report`` hears each result (from this thread)."""

    def __init__(self, lane: StorageLane, load_config: Callable[[], LrsConfig | None], *,
                 interval: float = 300.0, transport: Transport = urllib_transport,
                 on_report: Callable[[SyncReport], None] | None = None):
        self.lane, self.load_config, self.interval = lane, load_config, interval
        self.transport, self.on_report = transport, on_report
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._run, name="navigator-lrs-sync",
                                        daemon=True)

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            config = self.load_config()
            if config is not None:
                try:
                    report = sync(self.lane, config, transport=self.transport,
                                  cancel=self._stop)
                except Exception:  # the lane closed under us, a full disk: try later
                    report = None
                if report is not None and self.on_report is not None:
                    self.on_report(report)
            self._wake.wait(self.interval)
            self._wake.clear()

"""The xAPI statement queue: statements recorded here wait until the LRS has them.

A statement is ``queued`` until the LRS accepts it (``sent``), or ``failed`` when the LRS
refused that statement itself (it is kept, with the reason, and never sent again unless an
administrator asks). A batch that could not be sent (offline, server error) stays queued
with ``next_try_at`` pushed back. Ids are stable, so re-sending is harmless.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

QUEUED, SENT, FAILED = "queued", "sent", "failed"


def _utc(moment: datetime | None = None) -> str:
    moment = moment or datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def actor_account(db: Database, *, learner_id: int) -> str:
    """The learner's pseudonymous xAPI account name, made on first use."""
    rows = db.execute("SELECT account FROM xapi_actors WHERE learner_id = ?",
                      [learner_id]).fetchall()
    if rows:
        return str(rows[0][0])
    account = str(uuid.uuid4())
    db.execute("INSERT INTO xapi_actors (learner_id, account) VALUES (?, ?)",
               [learner_id, account])
    return account


def enqueue(db: Database, *, statement: dict[str, Any], learner_id: int | None) -> bool:
    """Keep a statement for sending; a statement with an id already here is ignored.
    Returns True when it was new."""
    verb = str(statement["verb"]["id"]).rsplit("/", 1)[-1]
    cursor = db.execute(
        "INSERT OR IGNORE INTO xapi_statements (id, learner_id, verb, recorded_at, statement)"
        " VALUES (?, ?, ?, ?, ?)",
        [statement["id"], learner_id, verb, statement["timestamp"],
         json.dumps(statement, ensure_ascii=False, separators=(",", ":"), sort_keys=True)])
    return cursor.rowcount > 0


@dataclass(frozen=True)
class QueueCounts:
    queued: int = 0
    sent: int = 0
    failed: int = 0


def counts(db: Database) -> QueueCounts:
    found = dict(db.execute("SELECT state, count(*) FROM xapi_statements GROUP BY state")
                 .fetchall())
    return QueueCounts(found.get(QUEUED, 0), found.get(SENT, 0), found.get(FAILED, 0))


def due_batch(db: Database, *, now: datetime | None = None,
              limit: int = 100) -> list[tuple[str, dict[str, Any]]]:
    """The oldest queued statements whose retry time has come: (id, statement)."""
    rows = db.execute(
        "SELECT id, statement FROM xapi_statements WHERE state = ? AND next_try_at <= ?"
        " ORDER BY recorded_at, id LIMIT ?", [QUEUED, _utc(now), limit]).fetchall()
    return [(r[0], json.loads(r[1])) for r in rows]


def _in(ids: Sequence[str]) -> str:
    return ",".join("?" * len(ids))


def _chunks(ids: Iterable[str], size: int = 500) -> Iterable[list[str]]:
    chunk: list[str] = []
    for item in ids:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def mark_sent(db: Database, *, ids: Iterable[str], now: datetime | None = None) -> None:
    stamp = _utc(now)
    for chunk in _chunks(ids):
        db.execute(f"UPDATE xapi_statements SET state = ?, sent_at = ?, last_error = ''"
                   f" WHERE id IN ({_in(chunk)})", [SENT, stamp, *chunk])


def mark_retry(db: Database, *, ids: Iterable[str], error: str, next_try_at: datetime) -> None:
    """Sending failed for a reason that may pass (offline, busy server): try again later."""
    for chunk in _chunks(ids):
        db.execute(f"UPDATE xapi_statements SET attempts = attempts + 1, last_error = ?,"
                   f" next_try_at = ? WHERE state = ? AND id IN ({_in(chunk)})",
                   [error, _utc(next_try_at), QUEUED, *chunk])


def mark_failed(db: Database, *, ids: Iterable[str], error: str) -> None:
    """The LRS refused these statements themselves: keep them aside with the reason."""
    for chunk in _chunks(ids):
        db.execute(f"UPDATE xapi_statements SET state = ?, attempts = attempts + 1,"
                   f" last_error = ? WHERE id IN ({_in(chunk)})", [FAILED, error, *chunk])


def retry_failed(db: Database) -> int:
    """Put the refused statements back in the queue (after the LRS was fixed)."""
    cursor = db.execute("UPDATE xapi_statements SET state = ?, next_try_at = '' WHERE state = ?",
                        [QUEUED, FAILED])
    return cursor.rowcount


def retry_now(db: Database) -> None:
    """Forget the back-off: the next sync tries every queued statement."""
    db.execute("UPDATE xapi_statements SET next_try_at = '' WHERE state = ?", [QUEUED])


def recent_errors(db: Database, *, limit: int = 5) -> list[tuple[str, str, int]]:
    """The last distinct reasons a statement is waiting or was refused: (state, reason,
    how many)."""
    rows = db.execute(
        "SELECT state, last_error, count(*) FROM xapi_statements WHERE last_error != ''"
        " AND state != ? GROUP BY state, last_error ORDER BY max(recorded_at) DESC LIMIT ?",
        [SENT, limit]).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def get_statement(db: Database, *, statement_id: str) -> dict[str, Any] | None:
    rows = db.execute("SELECT statement FROM xapi_statements WHERE id = ?",
                      [statement_id]).fetchall()
    return json.loads(rows[0][0]) if rows else None


def attempts_of(db: Database, *, statement_id: str) -> int:
    rows = db.execute("SELECT attempts FROM xapi_statements WHERE id = ?",
                      [statement_id]).fetchall()
    return int(rows[0][0]) if rows else 0

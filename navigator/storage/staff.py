"""Staff profiles: roles, PINs and signing in.

Roles: a *learner* takes the staff course; a *navigator* also coaches clients; a *trainer*
also writes lesson packs; an *administrator* can do everything and manages the staff. Every
staff member signs in with a PIN, stored as a salted scrypt hash (``navigator.core.pins``).
Wrong PINs are counted in the database, so restarting the app does not reset the delay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlite_utils import Database

from navigator.core.pins import check_pin_shape, delay_after, hash_pin, verify_pin
from navigator.storage.repository import get_state, now, set_state

IDLE_LOCK_KEY = "idle_lock_minutes"  # in app_state
DEFAULT_IDLE_MINUTES = 5
LEARNER, NAVIGATOR, TRAINER, ADMIN = "learner", "navigator", "trainer", "admin"
ROLES = (LEARNER, NAVIGATOR, TRAINER, ADMIN)


class StaffRefused(ValueError):
    """A change that is not allowed; ``reason`` is a stable id the UI turns into words."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class StaffMember:
    id: int
    name: str
    language: str
    role: str
    has_pin: bool

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def can_coach(self) -> bool:
        return self.role in (NAVIGATOR, ADMIN)

    @property
    def can_author(self) -> bool:
        return self.role in (TRAINER, ADMIN)


@dataclass(frozen=True)
class PinCheck:
    """The answer to a sign-in: ``ok``, or how long to wait before the next try."""

    ok: bool
    failures: int = 0
    wait_seconds: float = 0.0


_SELECT = ("SELECT l.id, l.name, l.language, l.role, p.hash IS NOT NULL AS has_pin "
           "FROM learners l LEFT JOIN pins p ON p.learner_id = l.id WHERE l.kind = 'staff'")


def _member(row: dict) -> StaffMember:
    return StaffMember(row["id"], row["name"], row["language"], row["role"],
                       bool(row["has_pin"]))


def list_staff(db: Database) -> list[StaffMember]:
    """Every staff profile, by name."""
    return [StaffMember(i, name, language, role, bool(pin)) for i, name, language, role, pin
            in db.execute(_SELECT + " ORDER BY l.name COLLATE NOCASE, l.id")]


def get_staff(db: Database, *, learner_id: int) -> StaffMember | None:
    rows = list(db.query(_SELECT + " AND l.id = ?", [learner_id]))
    return _member(rows[0]) if rows else None


def has_administrator(db: Database) -> bool:
    return bool(db.execute("SELECT 1 FROM learners WHERE kind = 'staff' AND role = ?",
                           [ADMIN]).fetchone())


def _check_name(db: Database, name: str, *, except_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise StaffRefused("name-empty")
    taken = db.execute("SELECT id FROM learners WHERE kind = 'staff' AND name = ? "
                       "COLLATE NOCASE AND id IS NOT ?", [name, except_id]).fetchone()
    if taken:
        raise StaffRefused("name-taken")
    return name


def create_staff(db: Database, *, name: str, language: str, role: str, pin: str,
                 make_current: bool = True) -> StaffMember:
    """A new staff profile with its PIN. The first profile of all is an administrator."""
    if role not in ROLES:
        raise StaffRefused("role")
    check_pin_shape(pin)
    name = _check_name(db, name)
    if not has_administrator(db):
        role = ADMIN
    cursor = db.execute("INSERT INTO learners (name, language, created_at, kind, role) "
                        "VALUES (?, ?, ?, 'staff', ?)", [name, language, now(), role])
    learner_id = int(cursor.lastrowid or 0)
    db.execute("INSERT INTO pins (learner_id, hash, set_at) VALUES (?, ?, ?)",
               [learner_id, hash_pin(pin), now()])
    if make_current:
        set_state(db, key="current_learner", value=str(learner_id))
    return StaffMember(learner_id, name, language, role, True)


def rename_staff(db: Database, *, learner_id: int, name: str) -> None:
    db.execute("UPDATE learners SET name = ? WHERE id = ? AND kind = 'staff'",
               [_check_name(db, name, except_id=learner_id), learner_id])


def set_role(db: Database, *, admin_id: int, learner_id: int, role: str) -> None:
    """An administrator changes someone's role; the last administrator stays one."""
    _require_admin(db, admin_id)
    if role not in ROLES:
        raise StaffRefused("role")
    if role != ADMIN:
        admins = [r[0] for r in db.execute(
            "SELECT id FROM learners WHERE kind = 'staff' AND role = ?", [ADMIN])]
        if admins == [learner_id]:
            raise StaffRefused("last-admin")
    db.execute("UPDATE learners SET role = ? WHERE id = ? AND kind = 'staff'",
               [role, learner_id])


def _require_admin(db: Database, admin_id: int) -> None:
    member = get_staff(db, learner_id=admin_id)
    if member is None or not member.is_admin:
        raise StaffRefused("not-admin")


def _store_pin(db: Database, learner_id: int, pin: str) -> None:
    check_pin_shape(pin)
    db.execute("INSERT INTO pins (learner_id, hash, set_at) VALUES (?, ?, ?) "
               "ON CONFLICT(learner_id) DO UPDATE SET hash = excluded.hash, failures = 0, "
               "last_failure_at = NULL, set_at = excluded.set_at",
               [learner_id, hash_pin(pin), now()])


def reset_pin(db: Database, *, admin_id: int, learner_id: int, pin: str) -> None:
    """An administrator gives someone a new PIN (and lifts any delay)."""
    _require_admin(db, admin_id)
    if get_staff(db, learner_id=learner_id) is None:
        raise StaffRefused("unknown")
    _store_pin(db, learner_id, pin)


def change_pin(db: Database, *, learner_id: int, old_pin: str, new_pin: str,
               when: datetime | None = None) -> PinCheck:
    """Someone changes their own PIN; the old one is checked like a sign-in."""
    result = check_pin(db, learner_id=learner_id, pin=old_pin, when=when)
    if result.ok:
        _store_pin(db, learner_id, new_pin)
    return result


def set_first_pin(db: Database, *, learner_id: int, pin: str) -> None:
    """A profile from before PINs existed chooses one at its first sign-in."""
    if get_staff(db, learner_id=learner_id) is None:
        raise StaffRefused("unknown")
    if db.execute("SELECT 1 FROM pins WHERE learner_id = ?", [learner_id]).fetchone():
        raise StaffRefused("has-pin")
    _store_pin(db, learner_id, pin)


def check_pin(db: Database, *, learner_id: int, pin: str,
              when: datetime | None = None) -> PinCheck:
    """Verify a PIN, counting failures. While a delay runs, the PIN is not even tried."""
    when = when or datetime.now(timezone.utc)
    row = db.execute("SELECT hash, failures, last_failure_at FROM pins WHERE learner_id = ?",
                     [learner_id]).fetchone()
    if row is None:
        return PinCheck(False)
    stored, failures, last = row
    if last:
        ready_at = datetime.fromisoformat(last) + timedelta(seconds=delay_after(failures))
        if when < ready_at:
            return PinCheck(False, failures, (ready_at - when).total_seconds())
    # A PIN is digits only. And scrypt keys an HMAC with the PIN, which reads '2468' and
    # '2468\x00' as the same key: without this check, a NUL after the PIN would be let in.
    if pin.isascii() and pin.isdigit() and verify_pin(pin, stored):
        if failures:
            db.execute("UPDATE pins SET failures = 0, last_failure_at = NULL "
                       "WHERE learner_id = ?", [learner_id])
        return PinCheck(True)
    failures += 1
    db.execute("UPDATE pins SET failures = ?, last_failure_at = ? WHERE learner_id = ?",
               [failures, when.isoformat(timespec="milliseconds"), learner_id])
    return PinCheck(False, failures, delay_after(failures))


LockScreen = tuple[list[StaffMember], int | None, int]


def lock_screen(db: Database) -> LockScreen:
    """What the lock screen needs in one read: the staff, the last person signed in, and
    the minutes without use before the app locks itself."""
    last = get_state(db, key="current_learner")
    minutes = get_state(db, key=IDLE_LOCK_KEY)
    return (list_staff(db), int(last) if last and last.isdigit() else None,
            int(minutes) if minutes and minutes.isdigit() and int(minutes) > 0
            else DEFAULT_IDLE_MINUTES)


def set_idle_lock_minutes(db: Database, *, minutes: int) -> None:
    set_state(db, key=IDLE_LOCK_KEY, value=str(max(1, minutes)))

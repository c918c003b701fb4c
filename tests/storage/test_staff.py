"""Staff profiles, roles and sign-in on a real database."""

from datetime import datetime, timedelta, timezone

import pytest

from navigator.storage import staff
from navigator.storage.database import connect
from navigator.storage.migrations import migrate

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def db(tmp_path):
    database = connect(tmp_path / "navigator.db")
    migrate(database)
    yield database
    database.close()


def test_the_first_profile_is_an_administrator(db):
    """Whatever role is asked for, the first staff profile administers the installation."""
    first = staff.create_staff(db, name="Amal", language="en", role="learner", pin="2468")
    second = staff.create_staff(db, name="Bo", language="fr_CA", role="learner", pin="1357")
    assert first.is_admin and not second.is_admin
    assert [m.name for m in staff.list_staff(db)] == ["Amal", "Bo"]
    stored = db.execute("SELECT hash FROM pins WHERE learner_id = ?", [first.id]).fetchone()[0]
    assert stored.startswith("scrypt$") and "2468" not in stored


def test_names_are_unique_and_not_empty(db):
    """Two people called 'amal ' would be confused at sign-in: refused."""
    staff.create_staff(db, name="Amal", language="en", role="admin", pin="2468")
    for name, reason in (("  amal ", "name-taken"), ("   ", "name-empty")):
        with pytest.raises(staff.StaffRefused) as refused:
            staff.create_staff(db, name=name, language="en", role="learner", pin="2468")
        assert refused.value.reason == reason


def test_wrong_pins_are_rate_limited_with_a_growing_delay(db):
    """Three wrong PINs are free; then even the right PIN waits 5 s, then 10 s; success
    resets the count."""
    amal = staff.create_staff(db, name="Amal", language="en", role="admin", pin="2468")
    for n in range(1, 4):
        result = staff.check_pin(db, learner_id=amal.id, pin="0000", when=T0)
        assert not result.ok and result.failures == n
    assert result.wait_seconds == 5
    early = staff.check_pin(db, learner_id=amal.id, pin="2468", when=T0 + timedelta(seconds=4))
    assert not early.ok and early.wait_seconds == pytest.approx(1)
    assert early.failures == 3  # a try during the delay is not even counted
    later = T0 + timedelta(seconds=5)
    wrong = staff.check_pin(db, learner_id=amal.id, pin="1111", when=later)
    assert wrong.failures == 4 and wrong.wait_seconds == 10
    assert not staff.check_pin(db, learner_id=amal.id, pin="2468",
                               when=later + timedelta(seconds=9)).ok
    assert staff.check_pin(db, learner_id=amal.id, pin="2468",
                           when=later + timedelta(seconds=10)).ok
    assert db.execute("SELECT failures FROM pins").fetchone()[0] == 0


def test_an_administrator_resets_a_pin_and_others_cannot(db):
    """A reset lifts the delay and sets the new PIN; a non-administrator is refused."""
    admin = staff.create_staff(db, name="Amal", language="en", role="admin", pin="2468")
    bo = staff.create_staff(db, name="Bo", language="en", role="navigator", pin="1357")
    for _ in range(5):
        staff.check_pin(db, learner_id=bo.id, pin="0000", when=T0)
    with pytest.raises(staff.StaffRefused):
        staff.reset_pin(db, admin_id=bo.id, learner_id=admin.id, pin="9999")
    staff.reset_pin(db, admin_id=admin.id, learner_id=bo.id, pin="8642")
    assert staff.check_pin(db, learner_id=bo.id, pin="8642", when=T0).ok
    assert not staff.check_pin(db, learner_id=bo.id, pin="1357", when=T0).ok


def test_the_last_administrator_keeps_the_role(db):
    """Demoting the only administrator is refused; with two, one can step down."""
    admin = staff.create_staff(db, name="Amal", language="en", role="admin", pin="2468")
    bo = staff.create_staff(db, name="Bo", language="en", role="navigator", pin="1357")
    with pytest.raises(staff.StaffRefused) as refused:
        staff.set_role(db, admin_id=admin.id, learner_id=admin.id, role="navigator")
    assert refused.value.reason == "last-admin"
    staff.set_role(db, admin_id=admin.id, learner_id=bo.id, role="admin")
    staff.set_role(db, admin_id=bo.id, learner_id=admin.id, role="trainer")
    assert staff.get_staff(db, learner_id=admin.id).role == "trainer"


def test_a_profile_from_before_pins_chooses_one_once(db):
    """An upgraded profile has no PIN; it sets one, and cannot silently set another."""
    db.execute("INSERT INTO learners (name, language, created_at) VALUES ('Old', 'en', '')")
    old = staff.list_staff(db)[0]
    assert not old.has_pin
    staff.set_first_pin(db, learner_id=old.id, pin="4321")
    assert staff.check_pin(db, learner_id=old.id, pin="4321").ok
    with pytest.raises(staff.StaffRefused):
        staff.set_first_pin(db, learner_id=old.id, pin="0000")


def test_the_lock_screen_reads_staff_last_person_and_idle_minutes_at_once(db):
    """5 minutes until an administrator chooses; the last person to sign in is remembered."""
    amal = staff.create_staff(db, name="Amal", language="en", role="admin", pin="2468")
    staff.create_staff(db, name="Bo", language="en", role="learner", pin="1357",
                       make_current=False)
    members, last, minutes = staff.lock_screen(db)
    assert [m.name for m in members] == ["Amal", "Bo"] and last == amal.id and minutes == 5
    staff.set_idle_lock_minutes(db, minutes=15)
    assert staff.lock_screen(db)[2] == 15

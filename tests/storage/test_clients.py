"""Client profiles: who sees them, the exported record, and deletion for good."""

import json

import pytest

from navigator.storage import clients, coaching, staff
from navigator.storage.lane import StorageLane
from navigator.storage.migrations import migrate

NICKNAME = "Zebra-Quokka-7731"  # unusual enough to search the file's bytes for


@pytest.fixture
def lane(tmp_path):
    storage = StorageLane(tmp_path / "navigator.db")
    storage.submit_unwrapped(migrate).result()
    yield storage
    storage.close()


def people(db):
    admin = staff.create_staff(db, name="Admin", language="en", role="admin", pin="2468")
    nav = staff.create_staff(db, name="Nadia", language="en", role="navigator", pin="1357")
    other = staff.create_staff(db, name="Omar", language="en", role="navigator", pin="9753")
    learner = staff.create_staff(db, name="Lea", language="en", role="learner", pin="8642")
    return admin, nav, other, learner


def test_navigators_see_only_the_clients_they_created_or_coached(lane):
    """Nadia's client is hidden from Omar until he coaches them; the admin sees all; a
    learner sees none."""
    admin, nav, other, learner = lane.call(people)
    client = lane.call(clients.create_client, nickname="Sun 12", languages=["ar", "en"],
                       created_by=nav.id, picture="sun", colour=clients.COLOURS[0])
    assert client.language == "ar"

    def visible(viewer):
        return [c.nickname for c in lane.call(clients.visible_clients, viewer_id=viewer.id)]

    assert visible(nav) == ["Sun 12"] and visible(admin) == ["Sun 12"]
    assert visible(other) == [] and visible(learner) == []
    assert not lane.call(clients.can_see, viewer_id=other.id, client_id=client.id)
    lane.call(coaching.start_session, client_id=client.id, navigator_id=other.id)
    assert visible(other) == ["Sun 12"]
    with pytest.raises(staff.StaffRefused):
        lane.call(clients.create_client, nickname="X", languages=["en"], created_by=learner.id)


def test_a_client_profile_has_no_legal_name_and_refuses_bad_values(lane):
    """Only a nickname, languages, colour, picture and arrival year are stored; duplicates,
    empty nicknames and impossible years are refused with a reason."""
    _admin, nav, _other, _learner = lane.call(people)
    lane.call(clients.create_client, nickname="Sun 12", languages=["ar"], created_by=nav.id)
    columns = lane.call(lambda db: set(db["clients"].columns_dict))
    assert columns == {"learner_id", "languages", "colour", "picture", "arrival_year",
                       "created_by"}
    for kwargs, reason in (({"nickname": "sun 12"}, "nickname-taken"),
                           ({"nickname": "  "}, "nickname-empty"),
                           ({"nickname": "A", "arrival_year": 1066}, "arrival-year"),
                           ({"nickname": "B", "languages": []}, "no-language")):
        values = {"languages": ["ar"], "created_by": nav.id} | kwargs
        with pytest.raises(staff.StaffRefused) as refused:
            lane.call(clients.create_client, **values)
        assert refused.value.reason == reason


def fill(db, client_id, navigator_id, words=NICKNAME):
    """Every kind of row a client can have (``words`` in their free text)."""
    intake = coaching.record_intake(db, client_id=client_id, navigator_id=navigator_id,
                                    guide="intake", answers={"wifi": "not-yet"},
                                    phone_access="shared", channels=["whatsapp"])
    session = coaching.start_session(db, client_id=client_id, navigator_id=navigator_id)
    coaching.add_session_lesson(db, session_id=session, pack_id="p", lesson_id="l")
    coaching.save_session(db, session_id=session, started_at=coaching._time(
        "2026-11-24T09:00:00+00:00"), ended_at=None, mode="phone",
        note=f"{words} brought her phone", lessons=[("p", "l")])
    stamp = "2026-11-24T09:00:00+00:00"
    db.execute("INSERT INTO progress (learner_id, pack_id, lesson_id, started_at, updated_at) "
               "VALUES (?, 'p', 'l', ?, ?)", [client_id, stamp, stamp])
    db.execute("INSERT INTO answers (learner_id, pack_id, lesson_id, step_id, attempt, chosen, "
               "score, correct, graded, answered_at) VALUES (?, 'p', 'l', 's', 1, ?, 1, 1, 1, ?)",
               [client_id, json.dumps([words]), stamp])
    db.execute("INSERT INTO review_cards VALUES (?, 'p', 'l', 's', 1, 1, 2.5, 0, ?, ?)",
               [client_id, stamp, stamp])
    db.execute("INSERT INTO notes VALUES (?, 'p', 'l', ?, ?)", [client_id, words, stamp])
    db.execute("INSERT INTO certificates (learner_id, pack_id, module_id, pack_version, "
               "minutes, issued_at) VALUES (?, 'p', 'm', '1', 5, ?)", [client_id, stamp])
    db.execute("INSERT INTO learner_settings VALUES (?, 'text_scale', '2')", [client_id])
    return intake, session


CLIENT_TABLES = {  # every table that can hold a client's rows, and its client column
    "learners": "id", "clients": "learner_id", "intakes": "client_id",
    "coaching_sessions": "client_id", "progress": "learner_id", "answers": "learner_id",
    "review_cards": "learner_id", "notes": "learner_id", "certificates": "learner_id",
    "learner_settings": "learner_id", "pins": "learner_id"}


def test_the_exported_record_holds_everything_about_the_client(lane):
    """The copy for the client has the profile, intakes, sessions, lessons and answers."""
    _admin, nav, _other, _learner = lane.call(people)
    client = lane.call(clients.create_client, nickname=NICKNAME, languages=["es"],
                       created_by=nav.id, arrival_year=2024)
    lane.call(fill, client_id=client.id, navigator_id=nav.id)
    record = json.loads(json.dumps(lane.call(clients.client_record, client_id=client.id)))
    assert record["profile"]["nickname"] == NICKNAME
    assert record["profile"]["arrival_year"] == 2024
    assert record["intakes"][0]["skills"] == {"wifi": "not-yet"}
    assert record["intakes"][0]["channels"] == ["whatsapp"]
    assert record["coaching_sessions"][0]["mode"] == "phone"
    assert record["coaching_sessions"][0]["lessons"] == ["p/l"]
    assert record["lessons"][0]["lesson_id"] == "l" and len(record["answers"]) == 1


def test_deleting_a_client_removes_every_row_and_every_byte_of_the_nickname(lane, tmp_path):
    """After delete, no table holds a row of the client, and neither the database file nor
    its write-ahead log contains the nickname; another client is untouched."""
    _admin, nav, _other, _learner = lane.call(people)
    client = lane.call(clients.create_client, nickname=NICKNAME, languages=["es"],
                       created_by=nav.id)
    kept = lane.call(clients.create_client, nickname="Moon 3", languages=["fr_CA"],
                     created_by=nav.id)
    intake, session = lane.call(fill, client_id=client.id, navigator_id=nav.id)
    lane.call(fill, client_id=kept.id, navigator_id=nav.id, words="Moon 3")
    checkpoint = "PRAGMA wal_checkpoint(TRUNCATE)"
    lane.submit_unwrapped(lambda db: db.execute(checkpoint).fetchall()).result()
    assert NICKNAME.encode() in (tmp_path / "navigator.db").read_bytes()

    lane.submit_unwrapped(clients.delete_client, client_id=client.id).result()

    def count_rows(db):
        found = {table: db.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?",
                                   [client.id]).fetchone()[0]
                 for table, column in CLIENT_TABLES.items()}
        found["intake_answers"] = db.execute(
            "SELECT count(*) FROM intake_answers WHERE intake_id = ?", [intake]).fetchone()[0]
        found["session_lessons"] = db.execute(
            "SELECT count(*) FROM session_lessons WHERE session_id = ?", [session]).fetchone()[0]
        return found

    assert set(lane.call(count_rows).values()) == {0}
    assert lane.call(clients.get_client, client_id=kept.id).nickname == "Moon 3"
    assert lane.call(lambda db: db.execute("SELECT count(*) FROM answers").fetchone()[0]) == 1
    for path in tmp_path.glob("navigator.db*"):
        assert NICKNAME.encode() not in path.read_bytes(), path.name

"""Every text a person types, through the real functions on a real SQLite file.

Names, PINs, nicknames, notes, session notes, search queries: emoji, RTL marks, NUL bytes,
100 KB. Each is saved and reads back as typed (spaces tidied, as the function says), or is
refused with a reason the screen can put in words; nothing else in the database changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from navigator.core.pins import PinRefused
from navigator.storage import clients, coaching, notes, search, staff
from navigator.storage.database import connect
from navigator.storage.migrations import migrate
from navigator.ui.pin_field import refusal_text
from tests.property.strategies import KB100, ODD, hostile_text

GENERIC = "This change is not allowed."
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def tidy(text: str) -> str:
    """Names and nicknames are kept with runs of spaces made one, as the functions say."""
    return " ".join(text.split())


def snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table, to compare before and after."""
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: sorted(map(repr, db.execute(f'SELECT * FROM "{name}"').fetchall()))
            for name in names}


def changed(before: dict[str, list], after: dict[str, list]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def assert_in_words(reason: str) -> None:
    text = refusal_text(reason)
    assert text.strip() and text != GENERIC, f"no words for the refusal '{reason}'"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = connect(tmp_path / "navigator.db")
    migrate(database)
    yield database
    database.close()


@pytest.fixture
def people(db: Database) -> tuple[staff.StaffMember, staff.StaffMember]:
    admin = staff.create_staff(db, name="Amal", language="ar", role="admin", pin="2468")
    nav = staff.create_staff(db, name="Nadia", language="fr_CA", role="navigator", pin="1357",
                             make_current=False)
    return admin, nav


@given(name=hostile_text)
@example(name="  amal ")  # Amal is taken: names differing in case and spaces are the same
@example(name="Nadia\x00")
def test_a_staff_name_reads_back_as_typed_or_is_refused_in_words(db, people, name):
    """Renaming: the name is kept (spaces tidied) and listed, or refused as empty or taken;
    only that one row changes."""
    _admin, nav = people
    before = snapshot(db)
    current = staff.get_staff(db, learner_id=nav.id)
    assert current is not None
    try:
        staff.rename_staff(db, learner_id=nav.id, name=name)
    except staff.StaffRefused as refused:
        assert_in_words(refused.reason)
        assert refused.reason in ("name-empty", "name-taken")
        if refused.reason == "name-empty":
            assert tidy(name) == ""
        assert snapshot(db) == before
        return
    member = staff.get_staff(db, learner_id=nav.id)
    assert member is not None and member.name == tidy(name)
    assert tidy(name) in [m.name for m in staff.list_staff(db)]
    assert changed(before, snapshot(db)) <= {"learners"}
    staff.rename_staff(db, learner_id=nav.id, name=current.name)  # for the next example
    assert snapshot(db) == before


@settings(max_examples=12)
@given(name=hostile_text, pin=st.one_of(hostile_text, st.from_regex(r"[0-9]{1,14}",
                                                                     fullmatch=True)))
@example(name="Bo", pin="٠١٢٣")  # Arabic-Indic digits are digits to Python, not a PIN
def test_a_new_profile_is_created_as_typed_or_refused_in_words(db, people, name, pin):
    """A new profile with any name and any PIN: created, readable and able to sign in
    with that PIN, or refused with words; a refusal changes nothing."""
    before = snapshot(db)
    try:
        member = staff.create_staff(db, name=name, language="en", role="learner", pin=pin,
                                    make_current=False)
    except (staff.StaffRefused, PinRefused) as refused:
        assert_in_words(refused.reason)
        assert snapshot(db) == before
        return
    assert pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12
    assert member.name == tidy(name) and staff.get_staff(db, learner_id=member.id) == member
    assert changed(before, snapshot(db)) == {"learners", "pins"}
    assert staff.check_pin(db, learner_id=member.id, pin=pin, when=T0).ok


@settings(max_examples=15)
@given(attempt=hostile_text)
@example(attempt="2468\x00")
@example(attempt="２４６８")  # full-width digits
def test_any_text_typed_as_a_pin_is_checked_without_error(db, people, attempt):
    """Sign-in with anything typed as the PIN: right only for the PIN itself, and a wrong
    one is counted on that profile only."""
    admin, nav = people
    before = snapshot(db)
    result = staff.check_pin(db, learner_id=admin.id, pin=attempt, when=T0)
    assert result.ok == (attempt == "2468")
    assert changed(before, snapshot(db)) <= {"pins"}
    assert staff.check_pin(db, learner_id=nav.id, pin="1357", when=T0).ok
    db.execute("UPDATE pins SET failures = 0, last_failure_at = NULL")


@given(nickname=hostile_text)
@example(nickname="x" * 41)
def test_a_client_nickname_reads_back_as_typed_or_is_refused_in_words(db, people, nickname):
    """A nickname of any text: kept (spaces tidied) and shown to its navigator, or refused
    as empty, too long or taken; a refusal changes nothing, a new client adds its rows."""
    _admin, nav = people
    before = snapshot(db)
    try:
        client = clients.create_client(db, nickname=nickname, languages=["ar", "en"],
                                       created_by=nav.id)
    except staff.StaffRefused as refused:
        assert_in_words(refused.reason)
        assert refused.reason in ("nickname-empty", "nickname-long", "nickname-taken")
        assert (refused.reason == "nickname-long") == (len(tidy(nickname)) > 40)
        assert snapshot(db) == before
        return
    assert client.nickname == tidy(nickname) and 0 < len(client.nickname) <= 40
    found = clients.get_client(db, client_id=client.id)
    assert found is not None and found.nickname == tidy(nickname)
    assert tidy(nickname) in [c.nickname for c in clients.visible_clients(db, viewer_id=nav.id)]
    assert changed(before, snapshot(db)) == {"learners", "clients"}
    clients.delete_client(db, client_id=client.id)
    assert snapshot(db) == before


@settings(max_examples=40)
@given(text=hostile_text, other=st.sampled_from(["Mine.", "", "x" * 5000]))
@example(text="a" * KB100, other="Mine.")
@example(text=" " * 4999 + "ab", other="")
def test_a_note_reads_back_as_typed_or_is_refused_in_words(db, people, text, other):
    """A lesson note of any text: kept as typed (outer spaces removed), listed in My notes,
    or refused in words when too long, never cut silently; another lesson's note stays."""
    admin, _nav = people
    keys = {"learner_id": admin.id, "pack_id": "sample"}
    notes.save_note(db, lesson_id="other", text=other, **keys)
    before = snapshot(db)
    try:
        notes.save_note(db, lesson_id="first", text=text, **keys)
    except staff.StaffRefused as refused:
        assert_in_words(refused.reason)
        assert len(text.strip()) > notes.MAX_NOTE_LENGTH
        assert snapshot(db) == before
        return
    assert notes.get_note(db, lesson_id="first", **keys) == text.strip()
    assert notes.get_note(db, lesson_id="other", **keys) == other.strip()
    listed = {n.lesson_id: n.text for n in notes.list_notes(db, learner_id=admin.id)}
    assert listed.get("first", "") == text.strip()
    assert changed(before, snapshot(db)) <= {"notes"}
    notes.save_note(db, lesson_id="first", text="", **keys)


@settings(max_examples=40)
@given(note=hostile_text, topics=hostile_text)
def test_a_coaching_session_note_and_topics_read_back_as_typed(db, people, note, topics):
    """A session's note and topics of any text are kept as typed (outer spaces removed);
    only that session changes."""
    _admin, nav = people
    client = clients.create_client(db, nickname="Sun 12", languages=["ar"], created_by=nav.id)
    session_id = coaching.start_session(db, client_id=client.id, navigator_id=nav.id,
                                        started_at=T0)
    before = snapshot(db)
    coaching.save_session(db, session_id=session_id, started_at=T0, ended_at=None,
                          mode="phone", topics=topics, note=note)
    found = coaching.get_session(db, session_id=session_id)
    assert found is not None and (found.note, found.topics) == (note.strip(), topics.strip())
    assert found.client_nickname == "Sun 12" and found.navigator_name == "Nadia"
    assert changed(before, snapshot(db)) <= {"coaching_sessions"}
    clients.delete_client(db, client_id=client.id)


@pytest.fixture
def lessons(services) -> Iterator[object]:
    yield services


@settings(max_examples=40)
@given(text=hostile_text, language=st.sampled_from(["en", "fr_CA", "ar", "zz"]))
@example(text="a " * (KB100 // 2), language="en")  # 51,200 words: minutes in SQLite
@example(text=" ".join(f"w{i}" for i in range(20_000)), language="en")
@example(text='" OR * NEAR( AND -power ^', language="en")
def test_any_search_query_gives_results_from_the_lessons_and_changes_nothing(lessons, text,
                                                                             language):
    """Quotes, stars, FTS operators, NUL bytes, RTL text, 100 KB pastes: the search answers
    with hits from the lessons, and writes nothing (how fast: benchmarks/hostile_input.py)."""
    lane = lessons.lane
    before = lane.call(snapshot)
    hits = lane.call(search.search, text=text, language=language)
    known = {("sample", "first-lesson"), ("sample", "second-lesson"),
             ("sample", "question-kinds")}
    assert all((h.pack_id, h.lesson_id) in known and h.step_id for h in hits)
    assert lane.call(snapshot) == before


@given(junk=st.lists(st.sampled_from([c for c in ODD if not c.isalnum() and c.strip()]),
                     max_size=4).map("".join))
def test_symbols_typed_around_a_word_do_not_change_what_is_found(lessons, junk):
    """'power', '"power"', '(power)*' find the same steps: symbols are not words."""
    lane = lessons.lane
    plain = lane.call(search.search, text="power", language="en")
    assert plain
    hits = lane.call(search.search, text=f"{junk}power{junk[::-1]}", language="en")
    assert [(h.lesson_id, h.step_id) for h in hits] == [(h.lesson_id, h.step_id)
                                                        for h in plain]


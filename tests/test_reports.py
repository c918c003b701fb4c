"""The dashboards' tables on a small hand-made data set, their CSV files, and the
``report`` and ``sample-data`` commands."""

from __future__ import annotations

import csv
import threading
from datetime import date
from pathlib import Path

import pytest

from navigator.cli import main
from navigator.i18n import set_language
from navigator.reports import tables as t
from navigator.reports.csv_export import ExportCancelled, write_csv
from navigator.reports.dashboard import PANELS, compute_table, panels_for, skill_names
from navigator.services import Services
from navigator.storage import staff

RANGE = t.Filter(date(2026, 1, 1), date(2026, 3, 31), today=date(2026, 4, 1))


def person(db, name: str, kind: str = "staff", role: str = "learner") -> int:
    return int(db.execute("INSERT INTO learners (name, language, created_at, kind, role)"
                          " VALUES (?, 'en', '2026-01-01', ?, ?)", [name, kind, role]).lastrowid)


def progress(db, learner: int, lesson: str, started: str, updated: str,
             completed: str | None = None, score: float | None = None) -> None:
    db.execute("INSERT INTO progress (learner_id, pack_id, lesson_id, step_index, status,"
               " best_score, started_at, updated_at, completed_at) VALUES"
               " (?, 'sample', ?, 2, ?, ?, ?, ?, ?)",
               [learner, lesson, "completed" if completed else "started", score, started,
                updated, completed])


def fill_agency(db) -> None:
    """Three staff, two navigators, six clients, with known dates."""
    ana, ben, cy = (person(db, n) for n in ("Ana", "Ben", "Cy"))
    nav1 = person(db, "Nour", role="navigator")
    nav2 = person(db, "Omar", role="navigator")
    # Ana finished first-lesson in January; Ben stopped in it on Feb 1 (stuck by March 31);
    # Cy is on it and active on March 30 (not stuck). Ana also finished the module.
    progress(db, ana, "first-lesson", "2026-01-05T10:00", "2026-01-06T10:00",
             "2026-01-06T10:00", 90.0)
    progress(db, ana, "second-lesson", "2026-01-07T10:00", "2026-01-08T10:00",
             "2026-01-08T10:00", 70.0)
    progress(db, ben, "first-lesson", "2026-02-01T10:00", "2026-02-01T10:00")
    progress(db, cy, "first-lesson", "2026-03-29T10:00", "2026-03-30T10:00")
    db.execute("INSERT INTO certificates (learner_id, pack_id, module_id, pack_version,"
               " minutes, issued_at) VALUES (?, 'sample', 'basics', '1.0.0', 10,"
               " '2026-01-08T10:00')", [ana])
    for who, day, seconds in ((ana, "2026-01-05", 1800), (ana, "2026-01-06", 1800),
                              (ben, "2026-02-01", 900), (cy, "2026-03-30", 2700),
                              (cy, "2025-12-31", 9999)):  # outside the range
        db.execute("INSERT INTO learning_time VALUES (?, 'sample', 'first-lesson', ?, ?)",
                   [who, day, seconds])
    # reviews: due in February: one on time (next day), one late (3 days); one card due
    # in March still waiting.
    for due, done in (("2026-02-10T08:00", "2026-02-11T09:00"),
                      ("2026-02-10T08:00", "2026-02-13T09:00")):
        db.execute("INSERT INTO review_log (learner_id, pack_id, lesson_id, step_id, due,"
                   " reviewed_at, score) VALUES (?, 'sample', 'first-lesson', 'q', ?, ?,"
                   " 1)", [ana, due, done])
    db.execute("INSERT INTO review_cards VALUES (?, 'sample', 'first-lesson', 'q2', 1, 1,"
               " 2.5, 0, '2026-03-15T08:00', '2026-03-14')", [ben])
    clients = [person(db, f"client{i}", kind="client") for i in range(6)]
    for i, client in enumerate(clients):
        db.execute("INSERT INTO clients (learner_id, languages, created_by) VALUES"
                   " (?, '[\"ar\"]', ?)", [client, nav1 if i < 5 else nav2])
    sessions = [(clients[0], nav1, "2026-01-10T10:00", "in-person"),
                (clients[1], nav1, "2026-01-20T10:00", "phone"),
                (clients[2], nav1, "2026-02-02T10:00", "phone"),
                (clients[5], nav2, "2026-02-03T10:00", "video"),
                (clients[5], nav2, "2025-12-03T10:00", "video")]  # outside the range
    for client, nav, start, mode in sessions:
        sid = db.execute("INSERT INTO coaching_sessions (client_id, navigator_id,"
                         " started_at, ended_at, mode) VALUES (?, ?, ?, ?, ?)",
                         [client, nav, start, start[:11] + "11:00", mode]).lastrowid
        db.execute("INSERT INTO session_lessons VALUES (?, 'sample', 'second-lesson')",
                   [sid])
    # intakes: skill "wifi" for all six clients (first not-yet, latest can for three);
    # skill "email" for four clients only: not shown.
    for i, client in enumerate(clients):
        for n, (day, level) in enumerate((("2026-01-02", "not-yet"),
                                           ("2026-03-02", "can" if i < 3 else "not-yet"))):
            iid = db.execute("INSERT INTO intakes (client_id, navigator_id, taken_at,"
                             " guide) VALUES (?, ?, ?, 'intake')",
                             [client, nav1, f"{day}T10:0{n}"]).lastrowid
            db.execute("INSERT INTO intake_answers VALUES (?, 'connect-wifi', ?)", [iid, level])
            if i < 4:
                db.execute("INSERT INTO intake_answers VALUES (?, 'email', 'can')", [iid])


@pytest.fixture
def agency(services: Services) -> Services:
    services.lane.call(fill_agency)
    return services


def table(services: Services, name: str, flt: t.Filter = RANGE) -> t.Table:
    return services.lane.call(compute_table, name=name, flt=flt)


def test_staff_completion_and_who_is_stuck(agency: Services):
    lessons = table(agency, "lesson-completion")
    first = next(r for r in lessons.rows if r[2] == "Turning a phone on")
    assert first[3:] == (3, 1, 2, 1, 90.0)  # started, completed, open, stuck, score
    stuck = table(agency, "stuck-learners")
    assert [(r[0], r[2], r[4], r[5]) for r in stuck.rows] == [
        ("Ben", "Turning a phone on", "2026-02-01", 58)]
    modules = table(agency, "module-completion")
    assert modules.rows[0] == ("Sample pack", "Basics", 3, 1, 33.3)


def test_time_per_month_and_review_adherence(agency: Services):
    time = table(agency, "time-per-month")
    assert time.rows == [("2026-01", 1.0, 1), ("2026-02", 0.2, 1), ("2026-03", 0.8, 1)]
    reviews = table(agency, "review-adherence")
    assert reviews.rows == [("2026-01", 0, 0, 0, None), ("2026-02", 1, 1, 0, 50.0),
                            ("2026-03", 0, 0, 1, 0.0)]


def test_sessions_by_month_mode_and_navigator(agency: Services):
    months = table(agency, "sessions-per-month")
    assert months.rows == [("2026-01", 1, 1, 0, 2), ("2026-02", 0, 1, 1, 2),
                           ("2026-03", 0, 0, 0, 0)]
    per = table(agency, "sessions-per-navigator")
    assert per.rows == [("Nour", 1, 2, 0, 3, 3.0), ("Omar", 0, 0, 1, 1, 1.0)]
    nour = agency.lane.call(lambda db: db.execute(
        "SELECT id FROM learners WHERE name = 'Nour'").fetchone()[0])
    own = t.Filter(RANGE.start, RANGE.end, navigator_id=nour)
    assert table(agency, "sessions-per-navigator", own).rows == [("Nour", 1, 2, 0, 3, 3.0)]
    assert table(agency, "sessions-per-month", own).column("total") == [2, 1, 0]


def test_intake_change_hides_groups_under_five(agency: Services):
    names = skill_names("en")
    rows = {r[0]: r for r in table(agency, "intake-change").rows}
    assert list(rows) == [names["connect-wifi"], names["email"]]  # the guide's order
    assert rows[names["connect-wifi"]][1:] == (6, 0, 0, 6, 3, 0, 3, 3, 3, 0)
    assert rows[names["email"]][1:] == (None,) * 10  # four clients: not shown
    # Omar's view has one client: not shown either
    omar = agency.lane.call(lambda db: db.execute(
        "SELECT id FROM learners WHERE name = 'Omar'").fetchone()[0])
    own = table(agency, "intake-change", t.Filter(RANGE.start, RANGE.end, navigator_id=omar))
    assert all(r[1] is None for r in own.rows)


def test_most_used_lessons(agency: Services):
    use = table(agency, "lesson-use")
    assert use.rows[0][1] == "Reading only" and use.rows[0][4] == 4  # 4 sessions in range
    first = next(r for r in use.rows if r[1] == "Turning a phone on")
    assert first[2] == 3 and first[5] == 2.0  # 2 hours in the range


def test_csv_opens_with_translated_headers_and_no_formulas(agency: Services, tmp_path: Path):
    agency.lane.call(lambda db: db.execute("UPDATE learners SET name = '=HYPERLINK(1)'"
                                           " WHERE name = 'Ben'"))
    set_language("fr")
    out = tmp_path / "stuck.csv"
    write_csv(table(agency, "stuck-learners"), out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheet apps need
    rows = list(csv.reader(out.read_text("utf-8-sig").splitlines()))
    assert rows[0][0] == "Membre du personnel"
    assert rows[1][0] == "'=HYPERLINK(1)" and rows[1][4] == "2026-02-01"


def test_a_cancelled_export_leaves_no_file(agency: Services, tmp_path: Path):
    out = tmp_path / "lessons.csv"
    out.write_text("kept")
    stop = threading.Event()
    stop.set()
    with pytest.raises(ExportCancelled):
        write_csv(table(agency, "lesson-completion"), out, cancel=stop)
    assert out.read_text() == "kept" and list(tmp_path.glob("*.part")) == []


def test_every_panel_has_its_columns_and_roles(agency: Services):
    for panel in PANELS:
        columns = [c.key for c in table(agency, panel.table).columns]
        assert panel.category in columns and set(panel.series) <= set(columns)
    assert {p.table for p in panels_for(staff.NAVIGATOR)} == {
        "sessions-per-month", "sessions-per-navigator", "intake-change", "lesson-use"}
    assert panels_for(staff.LEARNER) == []


def test_report_command(agency: Services, data_dir: Path, tmp_path: Path, capsys):
    agency.close()
    out = tmp_path / "months.csv"
    assert main(["report", "sessions-per-month", "--from", "2026-01-01", "--to", "2026-02-28",
                 "--out", str(out), "--data-dir", str(data_dir)]) == 0
    rows = list(csv.reader(out.read_text("utf-8-sig").splitlines()))
    assert rows == [["Month", "In person", "By phone", "By video", "All sessions"],
                    ["2026-01", "1", "1", "0", "2"], ["2026-02", "0", "1", "1", "2"]]
    assert "2 rows written" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "sessions-per-month", "--from", "31/01/2026", "--out", str(out)])
    assert exit_info.value.code == 2
    assert main(["report", "time-per-month", "--from", "2026-03-01", "--to", "2026-01-01",
                 "--out", str(out), "--data-dir", str(data_dir)]) == 1


def test_sample_data_refuses_real_records_unless_forced(data_dir: Path, tmp_path: Path,
                                                        capsys):
    fresh = tmp_path / "demo"
    assert main(["sample-data", "--learners", "6", "--clients", "5", "--days", "60",
                 "--data-dir", str(fresh)]) == 0
    out = capsys.readouterr().out
    assert "6 staff, 5 clients" in out and "2580" in out
    services = Services.start(fresh)
    try:
        counts = services.lane.call(lambda db: db.execute(
            "SELECT (SELECT count(*) FROM learners WHERE kind = 'client'),"
            " (SELECT count(*) FROM xapi_statements), (SELECT count(*) FROM progress)"
        ).fetchone())
        assert counts[0] == 5 and counts[1] > 0 and counts[2] > 0
        services.lane.call(staff.create_staff, name="Real person", language="en",
                           role="admin", pin="1357")
    finally:
        services.close()
    real = tmp_path / "real"
    services = Services.start(real)
    services.lane.call(staff.create_staff, name="Real person", language="en", role="admin",
                       pin="1357")
    services.close()
    assert main(["sample-data", "--learners", "2", "--data-dir", str(real)]) == 1
    assert "real records" in capsys.readouterr().err
    assert main(["sample-data", "--learners", "2", "--clients", "0", "--force",
                 "--data-dir", str(real)]) == 0


def test_a_damaged_database_gives_a_message_not_a_traceback(tmp_path: Path, capsys):
    """report, sync and pack export on a file that is not a database: exit 1, the reason in
    words, and the file left as it was."""
    folder = tmp_path / "broken"
    folder.mkdir()
    damaged = folder / "navigator.db"
    damaged.write_bytes(b"this is not a database" * 100)
    before = damaged.read_bytes()
    out = tmp_path / "x.csv"
    assert main(["report", "time-per-month", "--out", str(out), "--data-dir", str(folder)]) == 1
    assert main(["sync", "--endpoint", "http://127.0.0.1:9/xAPI/", "--key", "k", "--secret",
                 "s", "--data-dir", str(folder)]) == 1
    assert main(["--data-dir", str(folder), "pack", "export", "sample", "-o",
                 str(tmp_path / "p.navpack")]) == 1
    err = capsys.readouterr().err
    assert err.count("database is damaged") == 3 and "Traceback" not in err
    assert damaged.read_bytes() == before and not out.exists()

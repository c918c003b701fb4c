"""The command line: pack validate / info, help for every command, the app's smoke start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from navigator.cli import build_parser, main
from tests.conftest import BROKEN, ROOT, SAMPLE_PACK


def test_validate_valid_pack_exits_zero(capsys):
    """A valid pack: exit 0 and a 'valid' line."""
    assert main(["pack", "validate", str(SAMPLE_PACK)]) == 0
    assert "valid (3 lessons)" in capsys.readouterr().out


def test_validate_broken_packs_exits_one_with_file_line_messages(capsys):
    """Any broken pack among several: exit 1, one file:line line per error on stderr."""
    code = main(["pack", "validate", str(SAMPLE_PACK), str(BROKEN / "no-correct-option"),
                 str(BROKEN / "duplicate-lesson-id")])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err == [
        f"{BROKEN / 'no-correct-option'}/lessons/intro.en.md:13: the question has no right "
        "option: mark at least one option with [x]",
        f"{BROKEN / 'duplicate-lesson-id'}/pack.yaml:20: the lesson id 'intro' is used twice "
        "(also on line 15): give each lesson its own id",
    ]


def test_info_json_describes_the_pack(capsys):
    """pack info --json prints one object with the documented fields."""
    assert main(["pack", "info", str(SAMPLE_PACK), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert {k: info[k] for k in ("id", "version", "format_version", "audience", "languages")} \
        == {"id": "sample", "version": "1.0.0", "format_version": 1, "audience": "staff",
            "languages": ["en", "fr"]}
    assert info["titles"] == {"en": "Sample pack", "fr": "Paquet d'exemple"}
    assert info["translations"] == {"fr": {"by": "Navigator tests", "reviewed": True}}
    assert info["modules"][1] == {"id": "kinds", "lessons": ["question-kinds"],
                                  "assessment": "question-kinds"}
    assert info["lessons"] == [
        {"id": "first-lesson", "module": "basics", "title": "Turning a phone on",
         "audience": "staff", "minutes": 5, "languages": ["en", "fr"], "questions": 2,
         "practice": 1, "kinds": ["multiple", "single"]},
        {"id": "second-lesson", "module": "basics", "title": "Reading only",
         "audience": "staff", "minutes": 2, "languages": ["en"], "questions": 0,
         "practice": 0, "kinds": []},
        {"id": "question-kinds", "module": "kinds", "title": "Every kind of question",
         "audience": "staff", "minutes": 4, "languages": ["en", "fr"], "questions": 4,
         "practice": 1, "kinds": ["order", "scenario", "single", "spot", "truefalse"]},
    ]


def test_info_on_a_broken_pack_exits_one(capsys):
    """pack info refuses a broken pack with its problems."""
    assert main(["pack", "info", str(BROKEN / "future-format-version"), "--json"]) == 1
    assert "format_version 2 is newer" in capsys.readouterr().err


def _all_parsers(parser):
    yield parser
    for action in parser._actions:
        if hasattr(action, "choices") and isinstance(action.choices, dict):
            for sub in action.choices.values():
                yield from _all_parsers(sub)


def test_every_command_and_option_has_help():
    """Policy: every command, sub-command and option explains itself in --help."""
    for parser in _all_parsers(build_parser()):
        assert parser.description, parser.prog
        for action in parser._actions:
            if action.dest not in ("help", "version") and action.option_strings:
                assert action.help, f"{parser.prog} {action.option_strings}"
            if not action.option_strings and action.dest not in ("command", "pack_command"):
                assert action.help, f"{parser.prog} {action.dest}"


def run_navigator(*args: str, data_dir: Path, timeout: int = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, NAVIGATOR_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "navigator", *args], capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=ROOT)


def test_quit_after_start_builds_the_window_on_real_data(data_dir):
    """python -m navigator --quit-after-start installs the curriculum and exits cleanly."""
    result = run_navigator("--quit-after-start", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    import sqlite3

    conn = sqlite3.connect(data_dir / "navigator.db")
    packs = conn.execute("SELECT id FROM packs WHERE builtin = 1").fetchall()
    lessons = conn.execute("SELECT COUNT(*) FROM lessons").fetchone()[0]
    conn.close()
    assert ("staff-course",) in packs and lessons >= 4


def test_quit_after_start_reports_packs_catalogs_and_icon_in_the_computers_language(data_dir):
    """On a French computer the first start shows the French first-run screen, with
    Qt's own French strings, and says so: what the installed-bundle test relies on."""
    env = dict(os.environ, NAVIGATOR_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen",
               LC_ALL="fr_CA.UTF-8", LANG="fr_CA.UTF-8")
    result = subprocess.run([sys.executable, "-m", "navigator", "--quit-after-start"],
                            capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    assert lines["data folder"] == str(data_dir)
    assert lines["packs installed"].startswith("2 (client-lessons ")
    assert "staff-course" in lines["packs installed"]
    assert lines["catalog"].endswith(str(Path("fr", "LC_MESSAGES", "navigator.mo")))
    assert lines["Qt translations"].endswith("qtbase_fr.qm")
    assert lines["screen"] == "FirstRunView: Bienvenue dans Navigator"
    assert lines["window icon"] == "yes"


def test_start_on_a_damaged_database_restores_the_newest_good_backup(data_dir):
    """A damaged database is set aside (unchanged) and the newest good backup put back; the
    message says from when; what was saved after the backup is not there."""
    import sqlite3

    from navigator.storage.backup import backup_file

    assert run_navigator("--quit-after-start", data_dir=data_dir).returncode == 0
    database = data_dir / "navigator.db"
    with sqlite3.connect(database) as conn:
        conn.execute("INSERT INTO app_state (key, value) VALUES ('marker', 'before')")
    conn.close()
    backup_file(database, data_dir / "backups", "daily")
    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE app_state SET value = 'after' WHERE key = 'marker'")
    conn.close()
    damaged = database.read_bytes()[:20000]  # cut short: the rest of the file is lost
    database.write_bytes(damaged)
    result = run_navigator("--quit-after-start", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "newest good backup" in result.stderr and "is not in it" in result.stderr
    kept = [p for p in data_dir.iterdir() if p.name.startswith("navigator.db.damaged-")
            and not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged and str(kept[0]) in result.stderr
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT value FROM app_state WHERE key = 'marker'").fetchone() == (
            "before",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_terminal_commands_leave_a_damaged_database_alone(data_dir):
    """Only the app repairs; a script's command says so and changes nothing."""
    data_dir.mkdir(parents=True)
    path = data_dir / "navigator.db"
    path.write_bytes(b"garbage" * 1000)
    result = run_navigator("report", "stuck-learners", "--out", str(data_dir / "x.csv"),
                           data_dir=data_dir)
    assert result.returncode == 1
    assert "damaged" in result.stderr and "navigator.db" in result.stderr
    assert path.read_bytes() == b"garbage" * 1000
    assert sorted(p.name for p in data_dir.iterdir()) == ["navigator.db"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_screenshots_renders_every_main_screen(tmp_path, lang):
    """navigator screenshots writes a non-empty PNG per screen."""
    out = tmp_path / "shots"
    result = run_navigator("screenshots", str(out), "--lang", lang, data_dir=tmp_path / "d")
    assert result.returncode == 0, result.stderr
    names = {p.name for p in out.glob("*.png")}
    expected = {"01-first-run", "02-catalogue", "03-lesson-step", "04-question",
                "05-question-feedback", "06-lesson-result", "07-order-question",
                "07-order-question-answered", "08-spot-question", "08-spot-question-answered",
                "09-scenario-question", "09-scenario-question-answered", "10-search",
                "12-my-notes"}
    assert {f"{n}.png" for n in expected} <= names, sorted(names)
    assert all(p.stat().st_size > 5000 for p in out.glob("*.png"))
    assert not (tmp_path / "d").exists()  # sample data lives in a temporary folder

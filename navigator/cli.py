"""The ``navigator`` command: one argparse front end over the same functions the GUI uses.

    navigator                          launch the app
    navigator --quit-after-start       build the main window on the real data, show it, quit
    navigator pack validate PATH...    check packs; exit 1 with file:line lines on errors
    navigator pack info PATH --json    describe a pack
    navigator pack new|build|import|export ...
                                       the trainers' pack commands (navigator/cli_pack.py)
    navigator db backup|restore|check|list
                                       the database's backups (navigator/cli_db.py)
    navigator screenshots OUTDIR       save every main screen as PNG (sample data)
    navigator speak --lang LANG --out FILE.wav TEXT...
                                       read a text aloud into a WAV file
    navigator speak --lesson PACK_ID/LESSON_ID --lang LANG --out FILE.wav
                                       read a whole built-in lesson into a WAV file
    navigator handout PACK_ID/LESSON_ID --lang LANG --out FILE.pdf
                                       a one-page, large-print cheat sheet of a built-in
                                       lesson as PDF (no text in LANG: the pack's
                                       fallback language, with a note on stderr)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from navigator import __version__
from navigator.cli_db import add_db_commands, run_db
from navigator.cli_pack import add_pack_commands, run_pack
from navigator.cli_reports import add_report_commands, run_report, run_sample_data
from navigator.cli_sync import add_sync_command, run_sync
from navigator.i18n import _, ngettext


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="navigator",
        description=_("Navigator: training and coaching for digital navigators. "
                      "Without a command, the app opens."))
    parser.add_argument("--version", action="version", version=f"navigator {__version__}")
    parser.add_argument("--quit-after-start", action="store_true",
                        help=_("build the main window on the real data, show it, and quit at "
                               "the first idle moment (smoke tests, start-up benchmarks)"))
    parser.add_argument("--data-dir", type=Path,
                        help=_("use this data folder instead of the usual one "
                               "(same as NAVIGATOR_DATA_DIR)"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    pack = commands.add_parser(
        "pack", help=_("create, check, build, import and export lesson packs"),
        description=_("Create, check, build, import and export lesson packs. Exit status: 0 "
                      "when done, 1 when refused (the reason is printed), 2 for a mistyped "
                      "command."))
    pack_commands = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    validate = pack_commands.add_parser(
        "validate", help=_("check packs; print file:line problems"),
        description=_("Check one or more pack folders. Exit status 0 when all are valid, 1 "
                      "when any has an error; each problem is printed as file:line: message."))
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                          help=_("a pack folder"))
    validate.add_argument("--quiet", action="store_true", help=_("print errors only"))
    info = pack_commands.add_parser(
        "info", help=_("describe a pack"),
        description=_("Describe a pack: id, version, languages and lessons."))
    info.add_argument("path", type=Path, metavar="PATH", help=_("a pack folder"))
    info.add_argument("--json", action="store_true", help=_("print one JSON object"))
    add_pack_commands(pack_commands)

    add_report_commands(commands)
    add_sync_command(commands)
    add_db_commands(commands)

    shots = commands.add_parser(
        "screenshots", help=_("save every main screen as a PNG picture"),
        description=_("Render every main screen offscreen, on sample data in a temporary "
                      "data folder, to PNG files in OUTDIR."))
    shots.add_argument("outdir", type=Path, metavar="OUTDIR", help=_("folder for the pictures"))
    shots.add_argument("--lang", default="en", help=_("interface and lesson language"))
    shots.add_argument("--scale", type=float, default=1.0,
                       help=_("device pixel ratio, e.g. 2 for a high-density screen"))

    speak = commands.add_parser(
        "speak", help=_("read a text or a lesson aloud into a WAV file"),
        description=_("Read TEXT, or a whole built-in lesson (its title, steps, questions and "
                      "options), aloud in LANG with the computer's offline voice, into a WAV "
                      "file. Exit status 1 when there is no voice for LANG or no such lesson "
                      "in LANG."))
    speak.add_argument("text", nargs="*", metavar="TEXT", help=_("the words to read"))
    speak.add_argument("--lesson", metavar="PACK_ID/LESSON_ID",
                       help=_("read this built-in lesson instead of TEXT, e.g. "
                              "client-lessons/charge-the-phone"))
    speak.add_argument("--lang", required=True, help=_("language of the text, e.g. fr or fr_CA"))
    speak.add_argument("--out", required=True, type=Path, metavar="FILE.wav",
                       help=_("the WAV file to write"))
    speak.add_argument("--rate", type=float, default=1.0,
                       help=_("speed, from 0.5 (half) to 2 (twice the voice's normal speed)"))

    handout = commands.add_parser(
        "handout", help=_("save a one-page cheat sheet of a lesson as PDF"),
        description=_("Save a built-in lesson as a one-page, large-print cheat sheet with "
                      "its pictures (PDF, A4), to print for a client. A lesson without text "
                      "in LANG is printed in the pack's fallback language (fr-CA, then fr, "
                      "then the pack's own language), with a note. Exit status 1 when there "
                      "is no such lesson or the file cannot be written."))
    handout.add_argument("lesson", metavar="PACK_ID/LESSON_ID",
                         help=_("the built-in lesson, e.g. client-lessons/charge-the-phone"))
    handout.add_argument("--lang", required=True,
                         help=_("the client's language, e.g. ar, es, fr or fr_CA"))
    handout.add_argument("--out", required=True, type=Path, metavar="FILE.pdf",
                         help=_("the PDF file to write"))
    return parser


def cmd_pack_validate(paths: list[Path], *, quiet: bool = False) -> int:
    from navigator.content.loader import check_pack

    failed = False
    for path in paths:
        pack, problems = check_pack(path, display_root=path)
        for problem in problems:
            if problem.warning and quiet:
                continue
            print(problem, file=sys.stdout if problem.warning else sys.stderr)
        if pack is None:
            failed = True
        elif not quiet:
            print(ngettext("{path}: valid ({count} lesson)", "{path}: valid ({count} lessons)",
                           len(pack.lessons)).format(path=path, count=len(pack.lessons)))
    return 1 if failed else 0


def pack_summary(path: Path) -> dict[str, object]:
    """The JSON object printed by ``navigator pack info --json``."""
    from navigator.content.loader import load_pack

    pack = load_pack(path)
    return {
        "id": pack.id,
        "version": pack.version,
        "format_version": pack.format_version,
        "audience": pack.audience.value,
        "languages": pack.languages,
        "titles": pack.titles,
        "translations": {lang: {"by": credit.by, "reviewed": credit.reviewed}
                         for lang, credit in pack.translations.items()},
        "modules": [{"id": m.id, "lessons": list(m.lesson_ids), "assessment": m.assessment}
                    for m in pack.modules],
        "lessons": [
            {"id": lesson.id, "module": lesson.module_id, "title": lesson.default.title,
             "audience": lesson.audience.value, "minutes": lesson.minutes,
             "languages": lesson.languages, "questions": lesson.check_questions,
             "practice": sum(1 for s in lesson.default.steps
                             if s.is_question and not s.is_graded),
             "kinds": sorted({s.question.type.value for s in lesson.default.steps
                              if s.question is not None})}
            for lesson in pack.ordered_lessons()
        ],
    }


def cmd_pack_info(path: Path, *, as_json: bool) -> int:
    from navigator.content.problems import PackError

    try:
        summary = pack_summary(path)
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    print(f"{summary['id']} {summary['version']} ({summary['audience']}), "
          f"{', '.join(summary['languages'])}")  # type: ignore[arg-type]
    for lesson in summary["lessons"]:  # type: ignore[attr-defined]
        print(f"  {lesson['module']}/{lesson['id']}: {lesson['title']} "
              f"({lesson['minutes']} min, {lesson['questions']} questions)")
    return 0


def lesson_speech_text(lesson_ref: str, language: str) -> str:
    """The text of a built-in lesson (``PACK_ID/LESSON_ID``) in ``language`` (or its base
    language: ``fr_CA`` -> ``fr``), as read aloud. Raises ``LookupError`` with a message."""
    from navigator.core.model import normalize_language
    from navigator.handout import find_builtin_lesson
    from navigator.speech.errors import language_name
    from navigator.speech.text import lesson_script

    pack, lesson_id = find_builtin_lesson(lesson_ref)
    lesson = pack.lessons[lesson_id]
    wanted = normalize_language(language)
    for code in dict.fromkeys([wanted, wanted.split("_")[0]]):
        if code in lesson.texts:
            return lesson_script(lesson.texts[code])
    raise LookupError(_("The lesson {lesson} has no text in {language}.").format(
        lesson=lesson_ref, language=language_name(wanted)))


def cmd_speak(text: list[str], *, language: str, out: Path, lesson: str | None = None,
              rate: float = 1.0) -> int:
    """``navigator speak``: one WAV file, one line ``FILE.wav: 12.3 s`` on success."""
    from navigator.formatting import format_number
    from navigator.speech import SpeechEngine, SpeechUnavailable

    if bool(text) == bool(lesson):
        print(_("Give either TEXT or --lesson PACK_ID/LESSON_ID."), file=sys.stderr)
        return 1
    if lesson:
        try:
            words = lesson_speech_text(lesson, language)
        except LookupError as exc:
            print(exc.args[0], file=sys.stderr)
            return 1
    else:
        words = " ".join(text)
    if not words.strip():
        print(_("There is nothing to read."), file=sys.stderr)
        return 1
    if not out.parent.is_dir():
        print(_("{folder}: no such folder").format(folder=out.parent), file=sys.stderr)
        return 1
    with SpeechEngine() as engine:
        try:
            synthesis = engine.synthesize(words, language, rate, path=out).result()
        except SpeechUnavailable as exc:
            print(exc.message, file=sys.stderr)
            return 1
    seconds = format_number(round(synthesis.duration_ms / 1000, 1))
    print(_("{path}: {seconds} s").format(path=out, seconds=seconds))
    return 0


def cmd_handout(lesson: str, *, language: str, out: Path) -> int:
    """``navigator handout``: one PDF, its path on stdout; exit 1 with a message on stderr."""
    from navigator.handout import build_handout, find_builtin_lesson
    from navigator.speech.errors import language_name

    try:  # checked before Qt starts: a mistyped lesson fails fast
        pack, lesson_id = find_builtin_lesson(lesson)
        handout = build_handout(pack, lesson_id, language)
    except LookupError as exc:
        print(exc.args[0], file=sys.stderr)
        return 1
    if handout.fell_back:
        print(_("The lesson {lesson} has no text in {language}: the handout is in "
                "{used}.").format(lesson=lesson, language=language_name(handout.requested_language),
                                  used=language_name(handout.language)), file=sys.stderr)
    from navigator.app import write_handout_file

    try:
        path = write_handout_file(lesson, language, out)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(_("The handout could not be saved as {path}: {reason}").format(
            path=out, reason=reason), file=sys.stderr)
        return 1
    print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "pack":
        if args.pack_command == "validate":
            return cmd_pack_validate(args.paths, quiet=args.quiet)
        if args.pack_command == "info":
            return cmd_pack_info(args.path, as_json=args.json)
        return run_pack(args)
    if args.command == "report":
        return run_report(args)
    if args.command == "sample-data":
        return run_sample_data(args)
    if args.command == "sync":
        return run_sync(args)
    if args.command == "db":
        return run_db(args)
    if args.command == "screenshots":
        from navigator.app import take_screenshots

        return take_screenshots(args.outdir, language=args.lang, scale=args.scale)
    if args.command == "speak":
        return cmd_speak(args.text, language=args.lang, out=args.out, lesson=args.lesson,
                         rate=args.rate)
    if args.command == "handout":
        return cmd_handout(args.lesson, language=args.lang, out=args.out)
    from navigator.app import run_gui

    return run_gui(data_dir=args.data_dir, quit_after_start=args.quit_after_start,
                   leave_at_once=True)


if __name__ == "__main__":
    sys.exit(main())

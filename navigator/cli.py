"""The ``navigator`` command: one argparse front end over the same functions the GUI uses.

    navigator                          launch the app
    navigator --quit-after-start       build the main window on the real data, show it, quit
    navigator pack validate PATH...    check packs; exit 1 with file:line lines on errors
    navigator pack info PATH --json    describe a pack
    navigator screenshots OUTDIR       save every main screen as PNG (sample data)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from navigator import __version__
from navigator.i18n import _


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

    pack = commands.add_parser("pack", help=_("check and describe lesson packs"),
                               description=_("Check and describe lesson packs."))
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

    shots = commands.add_parser(
        "screenshots", help=_("save every main screen as a PNG picture"),
        description=_("Render every main screen offscreen, on sample data in a temporary "
                      "data folder, to PNG files in OUTDIR."))
    shots.add_argument("outdir", type=Path, metavar="OUTDIR", help=_("folder for the pictures"))
    shots.add_argument("--lang", default="en", help=_("interface and lesson language"))
    shots.add_argument("--scale", type=float, default=1.0,
                       help=_("device pixel ratio, e.g. 2 for a high-density screen"))
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
            print(_("{path}: valid ({count} lessons)").format(path=path,
                                                                count=len(pack.lessons)))
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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "pack":
        if args.pack_command == "validate":
            return cmd_pack_validate(args.paths, quiet=args.quiet)
        return cmd_pack_info(args.path, as_json=args.json)
    if args.command == "screenshots":
        from navigator.app import take_screenshots

        return take_screenshots(args.outdir, language=args.lang, scale=args.scale)
    from navigator.app import run_gui

    return run_gui(data_dir=args.data_dir, quit_after_start=args.quit_after_start)


if __name__ == "__main__":
    sys.exit(main())

"""``navigator pack ...``: the trainers' commands, for their own scripts and pipelines.

    navigator pack new DIR [--id ID] [--title TITLE] [--lang LANG] [--audience staff|client]
    navigator pack validate PATH...   [--quiet]
    navigator pack info PATH [--json]
    navigator pack build DIR -o FILE.navpack
    navigator pack import FILE.navpack [--allow-downgrade]
    navigator pack export PACK_ID -o FILE.navpack

Exit status: 0 when the command did what it says; 1 when it was refused (an invalid pack, an
unsafe or damaged file, a downgrade, a file that cannot be written), with the reason on
stderr; 2 for a mistyped command (argparse).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from navigator.cli_common import open_services
from navigator.i18n import _


def add_pack_commands(pack_commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    new = pack_commands.add_parser(
        "new", help=_("start a new pack from a small example"),
        description=_("Create DIR with a small, valid example pack (a manifest, one module, "
                      "one lesson with a picture and a question) to change into your own."))
    new.add_argument("folder", type=Path, metavar="DIR", help=_("a new or empty folder"))
    new.add_argument("--id", dest="pack_id", help=_("the pack's id (default: from the title)"))
    new.add_argument("--title", help=_("the pack's title (default: the folder's name)"))
    new.add_argument("--lang", default="en", help=_("the language you write in (default en)"))
    new.add_argument("--audience", choices=["staff", "client"], default="staff",
                     help=_("who the lessons are for"))
    new.add_argument("--author", default="", help=_("your name or your agency's"))

    build = pack_commands.add_parser(
        "build", help=_("check a pack folder and make one .navpack file to share"),
        description=_("Check the pack in DIR and write it as one .navpack file (a zip with "
                      "the pack folder and a checksum of every file)."))
    build.add_argument("folder", type=Path, metavar="DIR", help=_("the pack folder"))
    build.add_argument("-o", "--out", required=True, type=Path, metavar="FILE.navpack",
                       help=_("the file to write"))

    imp = pack_commands.add_parser(
        "import", help=_("install a .navpack file"),
        description=_("Check a .navpack file and install it in the data folder. A newer "
                      "version of an installed pack replaces it; learners keep their "
                      "progress on lessons whose ids remain."))
    imp.add_argument("file", type=Path, metavar="FILE.navpack", help=_("the file to install"))
    imp.add_argument("--allow-downgrade", action="store_true",
                     help=_("install even when the file is older than the installed version"))

    exp = pack_commands.add_parser(
        "export", help=_("save an installed pack as one .navpack file"),
        description=_("Write the installed pack PACK_ID as one .navpack file."))
    exp.add_argument("pack_id", metavar="PACK_ID", help=_("the id of an installed pack"))
    exp.add_argument("-o", "--out", required=True, type=Path, metavar="FILE.navpack",
                     help=_("the file to write"))


def run_pack(args: argparse.Namespace) -> int:
    command = args.pack_command
    if command == "new":
        return cmd_new(args.folder, pack_id=args.pack_id, title=args.title,
                       language=args.lang, audience=args.audience, author=args.author)
    if command == "build":
        return cmd_build(args.folder, args.out)
    if command == "import":
        return cmd_import(args.file, data_dir=args.data_dir,
                          allow_downgrade=args.allow_downgrade)
    return cmd_export(args.pack_id, args.out, data_dir=args.data_dir)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def cmd_new(folder: Path, *, pack_id: str | None, title: str | None, language: str,
            audience: str, author: str) -> int:
    from navigator.content.packedit import EditRefused
    from navigator.content.scaffold import new_pack

    try:
        root = new_pack(folder, pack_id=pack_id, title=title or folder.name, language=language,
                        audience=audience, author=author)
    except (EditRefused, ValueError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(_("{path}: {reason}").format(path=folder, reason=exc.strerror or exc))
    print(_("{path}: a new pack; check it with 'navigator pack validate {path}'").format(
        path=root))
    return 0


def cmd_build(folder: Path, out: Path) -> int:
    from navigator.content.navpack import build_navpack
    from navigator.content.problems import PackError

    try:
        built = build_navpack(folder, out)
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return _fail(_("{path}: not built, the pack has errors").format(path=folder))
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        return _fail(_("{path}: not built: {reason}").format(path=out, reason=reason))
    print(_("{path}: {id} {version}, {count} files").format(
        path=built.path, id=built.pack_id, version=built.version, count=built.files))
    return 0


def cmd_import(file: Path, *, data_dir: Path | None, allow_downgrade: bool) -> int:
    from navigator import paths
    from navigator.content.navpack import NavpackRefused
    from navigator.i18n import current_language
    from navigator.pack_import import (
        ImportRefused,
        changes_summary,
        commit_import,
        prepare_import,
    )
    services = open_services(data_dir)
    if services is None:
        return 1
    try:
        packs = paths.packs_dir(services.data_dir)
        prepared = prepare_import(services.lane, packs, file, language=current_language())
        for line in changes_summary(prepared.changes,
                                    replaces_builtin=prepared.replaces_builtin):
            print(line)
        commit_import(services.lane, services.library, packs, prepared,
                      allow_downgrade=allow_downgrade)
    except NavpackRefused as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return _fail(exc.message)
    except ImportRefused as exc:
        if exc.reason == "downgrade":
            return _fail(_("This file holds an older version than the installed one. Nothing "
                           "was installed. To install it anyway, add --allow-downgrade."))
        return _fail(exc.message)
    except OSError as exc:
        return _fail(_("{path}: {reason}").format(path=file, reason=exc.strerror or exc))
    finally:
        services.close()
    print(_("Installed."))
    return 0


def cmd_export(pack_id: str, out: Path, *, data_dir: Path | None) -> int:
    from navigator.pack_import import export_pack

    services = open_services(data_dir)
    if services is None:
        return 1
    try:
        built = export_pack(services.lane, pack_id, out)
    except LookupError as exc:
        return _fail(str(exc.args[0]))
    except OSError as exc:
        return _fail(_("{path}: not written: {reason}").format(
            path=out, reason=exc.strerror or exc))
    finally:
        services.close()
    print(_("{path}: {id} {version}, {count} files").format(
        path=built.path, id=built.pack_id, version=built.version, count=built.files))
    return 0

"""The terminal's reports: ``navigator report TABLE`` and ``navigator sample-data``.

Exit status: 0 done, 1 refused (the reason is printed), 2 mistyped (argparse).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from navigator.cli_common import open_services
from navigator.i18n import _, ngettext


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a date: write it as YEAR-MONTH-DAY, e.g. 2026-01-31").format(
                text=text)) from None


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a whole number of 0 or more").format(text=text))
    return value


def add_report_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from navigator.reports.tables import TABLES

    report = commands.add_parser(
        "report", help=_("save a dashboard's table as a CSV file"),
        description=_("Save one of the tables behind the dashboards as a CSV file (UTF-8, "
                      "opens in spreadsheet apps). Dates are inclusive."))
    report.add_argument("table", choices=sorted(TABLES), metavar="TABLE",
                        help=_("one of: {names}").format(names=", ".join(sorted(TABLES))))
    report.add_argument("--from", dest="start", type=_day, metavar="DATE",
                        help=_("first day (default: a year before --to)"))
    report.add_argument("--to", dest="end", type=_day, metavar="DATE",
                        help=_("last day (default: today)"))
    report.add_argument("--out", type=Path, required=True, metavar="FILE.csv",
                        help=_("the CSV file to write"))
    report.add_argument("--navigator", type=int, metavar="ID",
                        help=_("only this navigator's sessions and clients"))
    report.add_argument("--data-dir", type=Path, help=_("the data folder to read"))

    sample = commands.add_parser(
        "sample-data", help=_("fill a data folder with made-up records for demos"),
        description=_("Fill the data folder with realistic made-up staff progress, clients, "
                      "intakes, coaching sessions and their learning records, for demos, "
                      "training and benchmarks. A folder with real records is refused "
                      "unless --force."))
    sample.add_argument("--learners", type=_count, default=25, help=_("staff members"))
    sample.add_argument("--clients", type=_count, default=60, help=_("clients"))
    sample.add_argument("--days", type=_count, default=365, help=_("days of history"))
    sample.add_argument("--seed", type=int, default=1,
                        help=_("the same seed gives the same records"))
    sample.add_argument("--no-statements", action="store_true",
                        help=_("do not record xAPI statements (faster, for benchmarks)"))
    sample.add_argument("--force", action="store_true",
                        help=_("add sample records even to a folder with real records"))
    sample.add_argument("--data-dir", type=Path, help=_("the data folder to fill"))


def run_report(args: argparse.Namespace) -> int:
    from navigator.i18n import current_language
    from navigator.reports.csv_export import write_csv
    from navigator.reports.dashboard import compute_table
    from navigator.reports.tables import Filter
    end = args.end or date.today()
    start = args.start or end - timedelta(days=365)
    if start > end:
        print(_("The first day comes after the last day."), file=sys.stderr)
        return 1
    services = open_services(args.data_dir)
    if services is None:
        return 1
    try:
        flt = Filter(start, end, navigator_id=args.navigator, language=current_language())
        table = services.lane.call(compute_table, name=args.table, flt=flt)
        write_csv(table, args.out)
    except OSError as exc:
        print(_("The CSV file could not be written: {reason}").format(reason=exc.strerror
                                                                       or exc),
              file=sys.stderr)
        return 1
    finally:
        services.close()
    print(ngettext("{count} row written to {path}", "{count} rows written to {path}",
                   len(table.rows)).format(count=len(table.rows), path=args.out))
    return 0


def run_sample_data(args: argparse.Namespace) -> int:
    from navigator.sample_data import (
        ADMIN_NAME,
        ADMIN_PIN,
        SampleRefused,
        SampleSize,
        run_with_defaults,
    )
    services = open_services(args.data_dir)
    if services is None:
        return 1
    size = SampleSize(args.learners, args.clients, args.days, args.seed,
                      statements=not args.no_statements)
    try:
        summary = run_with_defaults(services.lane, services.library, size=size,
                                    force=args.force)
    except SampleRefused as exc:
        print(exc.message, file=sys.stderr)
        return 1
    finally:
        services.close()
    print(_("Sample data added to {folder}:").format(folder=services.data_dir))
    print(_("{learners} staff, {clients} clients, {intakes} intakes, {sessions} coaching "
            "sessions, {answers} answers, {statements} learning records (xAPI).").format(
        learners=summary.learners, clients=summary.clients, intakes=summary.intakes,
        sessions=summary.sessions, answers=summary.answers, statements=summary.statements))
    print(_("Sign in as '{name}' with the PIN {pin}. These records are made up: do not "
            "send them to your agency's Learning Record Store.").format(name=ADMIN_NAME,
                                                                        pin=ADMIN_PIN))
    return 0

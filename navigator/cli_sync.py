"""``navigator sync``: send the queued learning records (xAPI statements) to the LRS.

Exit status: 0 when nothing is left to send, 1 when statements remain queued (the LRS is
unreachable or refused the key), 2 when mistyped or no LRS is configured.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from navigator.cli_common import open_services
from navigator.i18n import _, ngettext


def add_sync_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sync = commands.add_parser(
        "sync", help=_("send the learning records to the Learning Record Store"),
        description=_("Send the learning records (xAPI statements) waiting on this computer "
                      "to the Learning Record Store an administrator set up, or to the one "
                      "given here. Exit status 1 when some are still waiting."))
    sync.add_argument("--endpoint", metavar="URL", help=_("the LRS address (https)"))
    sync.add_argument("--key", help=_("the LRS key"))
    sync.add_argument("--secret", help=_("the LRS secret"))
    sync.add_argument("--batch-size", type=int, default=500, help=argparse.SUPPRESS)
    sync.add_argument("--data-dir", type=Path, help=_("the data folder to send from"))


def run_sync(args: argparse.Namespace) -> int:
    from navigator.storage import xapi_queue as q
    from navigator.xapi import lrs_config
    from navigator.xapi.sync import sync

    given = [args.endpoint, args.key, args.secret]
    if any(given) and not all(given):
        print(_("Give --endpoint, --key and --secret together."), file=sys.stderr)
        return 2
    try:
        config = (lrs_config.check(args.endpoint, args.key, args.secret) if all(given)
                  else lrs_config.load())
    except lrs_config.ConfigRefused as exc:
        print(exc.message, file=sys.stderr)
        return 2
    if config is None:
        print(_("No Learning Record Store is set up. An administrator sets it up under "
                "Reports > Learning Record Store, or give --endpoint, --key and --secret."),
              file=sys.stderr)
        return 2
    services = open_services(args.data_dir)
    if services is None:
        return 1
    try:
        report = sync(services.lane, config, batch_size=max(1, args.batch_size))
        kept_aside = services.lane.call(q.counts).failed  # this time or before
        reasons = [(reason, count) for state, reason, count
                   in services.lane.call(q.recent_errors, limit=10) if state == q.FAILED]
    finally:
        services.close()
    print(ngettext("{count} statement sent.", "{count} statements sent.",
                   report.sent).format(count=report.sent))
    print(ngettext("{count} statement was already in the LRS.",
                   "{count} statements were already in the LRS.",
                   report.already_present).format(count=report.already_present))
    if kept_aside:
        print(ngettext("{count} statement was refused by the LRS and is kept aside.",
                       "{count} statements were refused by the LRS and are kept aside.",
                       kept_aside).format(count=kept_aside))
    for reason, count in reasons:  # the LRS's own words (not translated), and how many
        print(f"  {reason} ({count})")
    print(ngettext("{count} statement still waiting.", "{count} statements still waiting.",
                   report.queued).format(count=report.queued))
    if report.error:
        print(report.error, file=sys.stderr)
    return 1 if report.queued else 0

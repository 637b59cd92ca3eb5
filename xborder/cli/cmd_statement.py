"""xborder statement ID [--lang LIST] [--format LIST]"""

from __future__ import annotations

import argparse

NAME = "statement"
ORDER = 56
HELP = "write a plain-language statement for a data subject: which countries, recipients, data, grounds"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="the assessment id")
    parser.add_argument("--lang", action="append", metavar="LIST", help="az, en; comma-separated (default: the workspace's report languages)")
    parser.add_argument("--format", action="append", metavar="LIST", help="pdf, html, md; comma-separated (default: pdf)")
    parser.add_argument("--requester", metavar="NAME", help="the data subject who asked (default: a blank line to fill in)")
    parser.add_argument("--request-date", metavar="YYYY-MM-DD", help="the date of their request (default: a blank line)")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: the workspace's reports/)")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date to state as of (default: today)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from xborder.cli.common import CLIError, out, parse_date, today, workspace_from
    from xborder.report import ReportError, statement
    from xborder.report.cli_support import show, split_list

    workspace = workspace_from(args.workspace)
    assert workspace is not None
    as_of = parse_date(args.as_of) if args.as_of else today()
    try:
        written = statement(
            workspace,
            args.id,
            formats=split_list(args.format) or ("pdf",),
            langs=split_list(args.lang),
            out_dir=Path(args.out) if args.out else None,
            as_of=as_of,
            requester=args.requester or "",
            request_date=parse_date(args.request_date) if args.request_date else None,
        )
    except ReportError as exc:
        raise CLIError(str(exc)) from None
    for path in written:
        out(show(workspace.root, path))
    return 0

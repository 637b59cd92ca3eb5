"""xborder register [--format pdf,html,md,csv,json] [--lang LIST] [--verdict LIST] [--country LIST]"""

from __future__ import annotations

import argparse

NAME = "register"
ORDER = 54
HELP = "write the register of every cross-border transfer (PDF, HTML, Markdown, CSV, JSON)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", action="append", metavar="LIST", help="pdf, html, md, csv, json; comma-separated (default: pdf)")
    parser.add_argument("--lang", action="append", metavar="LIST", help="az, en; comma-separated (default: the workspace's report languages)")
    parser.add_argument("--verdict", action="append", metavar="LIST", help="only transfers with these verdicts (permitted, pending, incomplete, blocked)")
    parser.add_argument("--country", action="append", metavar="LIST", help="only transfers to these countries (ISO codes, e.g. US,TR)")
    parser.add_argument("--jurisdiction", action="append", metavar="LIST", help="only assessments under these rulebooks (e.g. az,ru)")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: the workspace's reports/)")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date to judge as of (default: today)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from xborder.cli.common import CLIError, out, parse_date, today, workspace_from
    from xborder.report import ReportError
    from xborder.report import register as write_register
    from xborder.report.cli_support import show, split_list

    workspace = workspace_from(args.workspace)
    assert workspace is not None
    as_of = parse_date(args.as_of) if args.as_of else today()
    try:
        written = write_register(
            workspace,
            formats=split_list(args.format) or ("pdf",),
            langs=split_list(args.lang),
            out_dir=Path(args.out) if args.out else None,
            as_of=as_of,
            verdicts=split_list(args.verdict) or (),
            countries=split_list(args.country) or (),
            jurisdictions=split_list(args.jurisdiction) or (),
        )
    except ReportError as exc:
        for path in exc.written:
            out(show(workspace.root, path))
        raise CLIError(str(exc)) from None
    for path in written:
        out(show(workspace.root, path))
    return 0

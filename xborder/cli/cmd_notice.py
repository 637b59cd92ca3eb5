"""xborder notice ID [--lang az] [--format pdf] [--transfer ID] [--force] [--number N] [--date D]"""

from __future__ import annotations

import argparse

NAME = "notice"
ORDER = 52
HELP = "write the notice of intention to transfer data abroad (clause 12.1) for the authority"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="the assessment id")
    parser.add_argument("--lang", action="append", metavar="LIST", help="az, en; comma-separated (default: az, the state language)")
    parser.add_argument("--format", action="append", metavar="LIST", help="pdf, html, md; comma-separated (default: pdf)")
    parser.add_argument("--transfer", action="append", metavar="ID", help="only these transfers (default: every transfer not notified yet)")
    parser.add_argument("--force", action="store_true", help="write it even if not ready, marked DRAFT with what is missing")
    parser.add_argument("--number", metavar="NUMBER", help="the letter's outgoing number (default: the next of data/letters.toml, the register of letters)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the letter's date (default: the as-of date)")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: the workspace's reports/)")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date to judge as of (default: today)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from xborder.cli.common import (
        EXIT_BLOCKED,
        CLIError,
        err,
        out,
        parse_date,
        today,
        workspace_from,
    )
    from xborder.i18n.documents import tn
    from xborder.report import NotReadyError, ReportError, notice
    from xborder.report.cli_support import show, split_list
    from xborder.report.generate import readiness

    workspace = workspace_from(args.workspace)
    assert workspace is not None
    as_of = parse_date(args.as_of) if args.as_of else today()
    langs = split_list(args.lang) or ["az"]
    try:
        written = notice(
            workspace,
            args.id,
            formats=split_list(args.format) or ("pdf",),
            langs=langs,
            out_dir=Path(args.out) if args.out else None,
            as_of=as_of,
            transfers=split_list(args.transfer),
            force=args.force,
            number=args.number.strip() if args.number and args.number.strip() else None,
            letter_date=parse_date(args.date) if args.date else None,
        )
    except NotReadyError as exc:
        raise CLIError(str(exc), EXIT_BLOCKED) from None
    except ReportError as exc:
        raise CLIError(str(exc)) from None
    for path in written:
        out(show(workspace.root, path))
    if args.force:
        lang = "az" if langs[0].strip().lower() == "az" else "en"
        gaps = readiness(workspace, args.id, as_of, split_list(args.transfer), lang)
        if gaps:
            err(f"xborder: {tn('draft_written', len(gaps), lang)}")
    return 0

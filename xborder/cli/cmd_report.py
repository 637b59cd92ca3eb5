"""xborder report ID... | --all [--format pdf,html,md] [--lang az,en] [--out DIR] [--as-of DATE]"""

from __future__ import annotations

import argparse

NAME = "report"
ORDER = 50
HELP = "write the printable report of assessments (PDF, HTML, Markdown) to reports/"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="assessment ids (file names without .toml)")
    parser.add_argument("--all", action="store_true", help="every assessment of the workspace")
    parser.add_argument("--format", action="append", metavar="LIST", help="pdf, html, md; comma-separated (default: pdf)")
    parser.add_argument("--lang", action="append", metavar="LIST", help="az, en; comma-separated (default: the workspace's report languages)")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: the workspace's reports/)")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date to judge as of, printed in the report (default: today)")
    parser.add_argument("--jobs", type=int, metavar="N", help="parallel processes for --all (default: all cores)")


def run(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from xborder.cli.common import CLIError, err, out, parse_date, today, workspace_from
    from xborder.report import ReportError, generate
    from xborder.report.cli_support import ProgressBar, show, split_list

    workspace = workspace_from(args.workspace)
    assert workspace is not None
    if args.all and args.ids:
        raise CLIError("give assessment ids or --all, not both")
    if args.all:
        ids = [path.stem for path in workspace.assessment_files()]
        if not ids:
            raise CLIError(f"no assessments in {workspace.relative(workspace.assessments_dir)}")
    elif args.ids:
        ids = list(args.ids)
    else:
        raise CLIError("name the assessments to report on (their ids), or use --all")
    if args.jobs is not None and args.jobs < 1:
        raise CLIError("--jobs must be at least 1")
    as_of = parse_date(args.as_of) if args.as_of else today()
    bar = ProgressBar()
    started = time.monotonic()
    try:
        written = generate(
            workspace,
            ids,
            formats=split_list(args.format) or ("pdf",),
            langs=split_list(args.lang),
            out_dir=Path(args.out) if args.out else None,
            progress=bar,
            as_of=as_of,
            workers=args.jobs,
        )
    except ReportError as exc:
        bar.clear()
        for path in exc.written:
            out(show(workspace.root, path))
        raise CLIError(str(exc)) from None
    bar.clear()
    for path in written:
        out(show(workspace.root, path))
    if bar.enabled:
        err(f"{len(written)} files written in {time.monotonic() - started:.1f} s")
    return 0

"""xborder tui [--lang az|en] [--as-of DATE]: the wizard (also `xborder` with no command)."""

from __future__ import annotations

import argparse

from xborder.cli.common import fail, parse_date, workspace_from

NAME = "tui"
ORDER = 1
HELP = "open the wizard (the default when no command is given)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("az", "en"), help="interface language (default: [ui] language of xborder.toml)")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="judge the verdicts as of this date (default: today)")


def run(args: argparse.Namespace) -> int:
    import sys

    workspace = workspace_from(getattr(args, "workspace", None))
    assert workspace is not None
    as_of = parse_date(args.as_of) if getattr(args, "as_of", None) else None
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        fail("the wizard needs a terminal; for scripts use `xborder check` or `xborder list`")
    from xborder.tui.app import make_app

    make_app(workspace, lang=getattr(args, "lang", None), as_of=as_of).run()
    return 0

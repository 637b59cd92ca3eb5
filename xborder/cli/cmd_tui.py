"""xborder tui [--lang az|en] [--as-of DATE]: the wizard (also `xborder` with no command)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from xborder.cli.common import fail, parse_date, today, workspace_from

if TYPE_CHECKING:
    from xborder.store import Workspace
    from xborder.tui.portfolio import QuickStart

NAME = "tui"
ORDER = 1
HELP = "open the wizard (the default when no command is given)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("az", "en"), help="interface language (default: [ui] language of xborder.toml)")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="judge the verdicts as of this date (default: today)")


def run(args: argparse.Namespace) -> int:
    import gc
    import sys

    # No cyclic garbage collection until the first frame is drawn: the start allocates
    # many objects that live on (modules, widgets, the rows) and each collection would
    # walk them all (a quarter of the start-up time); the app resumes it after that frame.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(args, sys.stdin.isatty() and sys.stdout.isatty(), resume_gc=collecting)
    finally:
        if collecting:
            gc.enable()


def _run(args: argparse.Namespace, terminal: bool, *, resume_gc: bool) -> int:
    from pathlib import Path

    from xborder.tui.portfolio import find_root, quick_start

    option = getattr(args, "workspace", None)
    as_of = parse_date(args.as_of) if getattr(args, "as_of", None) else None
    # With a fresh row index the home screen's first frame needs nothing else: the core
    # (settings, reference data, rules) is loaded by the app after it. Otherwise the
    # workspace is opened here, and its errors reported, as any command does.
    root = Path(option).resolve() if option else find_root()
    start = quick_start(root, as_of or today()) if root is not None else None
    target: Workspace | QuickStart = start if start is not None else workspace_from(option)
    if not terminal:
        fail("the wizard needs a terminal; for scripts use `xborder check` or `xborder list`")
    from xborder.tui.app import make_app

    app = make_app(target, lang=getattr(args, "lang", None), as_of=as_of, resume_gc=resume_gc)
    app.run()
    return app.return_code or 0

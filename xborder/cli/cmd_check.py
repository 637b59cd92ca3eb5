"""xborder check [PATH ...] [--as-of DATE] [--format text|json] [--lang az|en]"""

from __future__ import annotations

import argparse

from xborder.cli.common import (
    default_workspace,
    message_lang,
    parse_date,
    today,
    workspace_from,
    workspace_of_paths,
)

NAME = "check"
ORDER = 10
HELP = "check assessment files; exit 2 if any cannot be loaded, 1 if any transfer is blocked"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="assessment files or folders; a workspace folder means its data/assessments (default: the workspace's data/assessments). Outside any workspace, the workspace holding the first PATH supplies the reference data")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date to judge as of (default: today)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--lang", choices=("az", "en", "ru"), help="language of messages (default: en for JSON, the workspace's UI language for text)")
    parser.add_argument(
        "--fail-on", choices=("blocked", "invalid"), default="blocked",
        help="blocked (default): exit 1 if any transfer is blocked; invalid: exit 0 for blocked "
        "transfers, non-zero only for files that cannot be loaded (for pre-commit hooks)",
    )


def run(args: argparse.Namespace) -> int:
    from xborder.cli import check

    workspace = workspace_from(args.workspace, required=not args.paths)
    if workspace is None:  # outside any workspace, PATHs given: theirs, else defaults
        workspace = workspace_of_paths(args.paths) or default_workspace()
    as_of = parse_date(args.as_of) if args.as_of else today()
    lang = message_lang(args, workspace, json_in_english=True)
    status = check.run(workspace, args.paths, as_of, args.format, lang)
    if getattr(args, "fail_on", "blocked") == "invalid" and status == 1:
        return 0
    return status

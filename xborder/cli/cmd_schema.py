"""xborder schema [--write]"""

from __future__ import annotations

import argparse
import sys

NAME = "schema"
ORDER = 90
HELP = "print the JSON Schema of the assessment file (for TOML editors such as taplo)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workspace-vocabulary", action="store_true", help="include the workspace's own vocabulary keys")


def run(args: argparse.Namespace) -> int:
    from xborder.cli.common import workspace_from
    from xborder.rules.schema import schema_text, shipped_schema_text

    if args.workspace_vocabulary:
        text = schema_text(workspace_from(args.workspace).reference)
    else:
        text = shipped_schema_text()
    sys.stdout.write(text)
    return 0

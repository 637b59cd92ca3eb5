"""xborder schema [--write]"""

from __future__ import annotations

import argparse
import sys

NAME = "schema"
ORDER = 90
HELP = "print the JSON Schema of the assessment file (for TOML editors such as taplo)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workspace-vocabulary", action="store_true", help="include the workspace's own vocabulary keys")
    parser.add_argument(
        "--recipient", action="store_true", help="the schema of a recipient catalogue file (data/recipients/<id>.toml)"
    )


def run(args: argparse.Namespace) -> int:
    from xborder.cli.common import workspace_from
    from xborder.rules.schema import schema_text, shipped_schema_text

    if args.recipient:
        from xborder.model.schema import recipient_schema, render_schema

        text = render_schema(recipient_schema())
    elif args.workspace_vocabulary:
        text = schema_text(workspace_from(args.workspace).reference)
    else:
        text = shipped_schema_text()
    sys.stdout.write(text)
    return 0

"""xborder migrate [ID ...|--all] [--dry-run]: upgrade files to the current schema_version."""

from __future__ import annotations

import argparse

from xborder.cli.common import EXIT_INVALID, EXIT_OK, CLIError, err, out, workspace_from
from xborder.i18n import ngettext

NAME = "migrate"
ORDER = 80
HELP = (
    "upgrade assessment files written for an older schema_version to the current one, "
    "and fill in what each recorded notification covered from the file's git history, "
    "in place (atomic, canonical); files with nothing to do are not touched"
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="assessment ids (or use --all)")
    parser.add_argument("--all", action="store_true", help="every assessment of the workspace")
    parser.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")


def run(args: argparse.Namespace) -> int:
    from xborder.cli.cmd_show import resolve
    from xborder.store.migrate import migrate_file

    if bool(args.ids) == bool(args.all):
        raise CLIError("name the assessments to migrate, or --all (not both)")
    workspace = workspace_from(args.workspace)
    assert workspace is not None
    paths = workspace.assessment_files() if args.all else [resolve(workspace, i) for i in args.ids]
    status = EXIT_OK
    changed = 0
    for path in paths:
        rel = workspace.relative(path)
        outside = workspace.escapes(path)
        if outside is not None:
            err(f"{rel}: symbolic link to a file outside the workspace ({outside}): not migrated")
            status = EXIT_INVALID
            continue
        result = migrate_file(path, workspace.reference, dry_run=args.dry_run, recipients=workspace.recipients)
        if result.errors:
            status = EXIT_INVALID
            for line in result.errors:  # named as the other messages name the file
                err(rel + line[len(str(path)):] if line.startswith(str(path)) else line)
            err(f"{rel}: not migrated")
        elif result.changed:
            changed += 1
            verb = "would migrate" if args.dry_run else "migrated"
            if result.from_version != result.to_version:
                out(f"{rel}: {verb} schema_version {result.from_version} -> {result.to_version}")
            if result.covered:
                verb = "would record" if args.dry_run else "recorded"
                out(f"{rel}: {verb} what the notice covered, from git history, for: {', '.join(result.covered)}")
        else:
            out(f"{rel}: up to date (schema_version {result.from_version})")
    out(ngettext("en", "cli.migrate.would" if args.dry_run else "cli.migrate.done", len(paths), changed=changed))
    return status

"""xborder history ID [--format text|json]: the commits that touched an assessment."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from xborder.cli.common import CLIError, Style, out, workspace_from

NAME = "history"
ORDER = 50
HELP = "the git commits that touched an assessment: date, author, message, and the verdict at each"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="the assessment id (its file name without .toml)")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def verdict_of(workspace: Any, relpath: str, data: bytes | None, as_of: Any) -> tuple[str, str | None]:
    """(verdict as of `as_of`, status) of one version of the file; "invalid" when it does
    not load, "absent" when it does not exist in that version."""
    from pathlib import Path

    from xborder.rules import evaluate
    from xborder.store.assessments import load_assessment_bytes

    if data is None:
        return "absent", None
    result = load_assessment_bytes(Path(relpath), data, workspace.reference)
    if result.assessment is None:
        return "invalid", None
    return evaluate(result.assessment, workspace.reference, as_of).verdict, result.assessment.status


def run(args: argparse.Namespace) -> int:
    from xborder.cli.cmd_show import resolve
    from xborder.cli.common import today
    from xborder.store import git

    workspace = workspace_from(args.workspace)
    assert workspace is not None
    path = resolve(workspace, args.id)
    outside = workspace.escapes(path)
    if outside is not None:
        raise CLIError(f"{workspace.relative(path)}: symbolic link to a file outside the workspace ({outside}): not read")
    try:
        root = git.repo_root(path)
        if root is None:
            raise CLIError(f"{workspace.relative(path)}: not in a git repository (or git is not installed): no history")
        log = git.file_log(path) or []
        modified = git.is_modified(path)
    except git.GitError as exc:
        raise CLIError(str(exc)) from None
    rows: list[dict[str, Any]] = []
    if modified:
        verdict, status = verdict_of(workspace, path.name, path.read_bytes() if path.exists() else None, today())
        rows.append({"commit": None, "date": None, "author": None, "message": "(uncommitted changes)",
                     "verdict": verdict, "status": status, "path": workspace.relative(path)})
    for commit in log:
        data = git.read_at(root, commit.sha, commit.path)
        verdict, status = verdict_of(workspace, commit.path, data, commit.date.date())
        rows.append({"commit": commit.sha, "date": commit.date.isoformat(), "author": commit.author,
                     "message": commit.subject, "verdict": verdict, "status": status, "path": commit.path})
    if args.format == "json":
        sys.stdout.write(json.dumps({"id": path.stem, "history": rows}, ensure_ascii=False, indent=2) + "\n")
        return 0
    style = Style(sys.stdout)
    if not rows:
        out(f"{workspace.relative(path)}: not committed yet")
        return 0
    for row in rows:
        when = row["date"][:10] if row["date"] else "—" * 10
        sha = row["commit"][:8] if row["commit"] else " " * 8
        verdict = style(f"{row['verdict']:<10}", row["verdict"])
        status = f"{row['status'] or '—':<9}"
        who = row["author"] or ""
        out(f"{when}  {style(sha, 'dim')}  {verdict} {status}  {who}: {row['message']}" if who
            else f"{when}  {sha}  {verdict} {status}  {row['message']}")
    out(style("verdicts as of each commit's date, judged with the current rules and reference data", "dim"))
    return 0

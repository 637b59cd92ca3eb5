"""xborder history ID [--format text|json]: the commits that touched an assessment."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from xborder.cli.common import CLIError, Style, message_lang, out, workspace_from, write_json
from xborder.i18n import Texts, gettext
from xborder.safe_text import for_terminal

NAME = "history"
ORDER = 50
HELP = "the git commits that touched an assessment: date, author, message, and the verdict at each"




def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="the assessment id (its file name without .toml)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--lang", choices=("az", "en"), help="language of the text (default: the workspace's)")


def verdict_of(workspace: Any, relpath: str, data: bytes | None, as_of: Any) -> tuple[str, str | None]:
    """(verdict as of `as_of`, status) of one version of the file; "invalid" when it does
    not load, "absent" when it does not exist in that version."""
    from pathlib import Path

    from xborder.rules import evaluate
    from xborder.store.assessments import load_assessment_bytes

    if data is None:
        return "absent", None
    result = load_assessment_bytes(Path(relpath), data, workspace.reference, workspace.recipients)
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
    lang = message_lang(args, workspace, speaks=("az", "en"))
    words = Texts("cli.history", lang)
    rows: list[dict[str, Any]] = []
    if modified:
        verdict, status = verdict_of(workspace, path.name, path.read_bytes() if path.exists() else None, today())
        rows.append({"commit": None, "date": None, "author": None, "message": gettext("en", "cli.history.uncommitted"),
                     "verdict": verdict, "status": status, "path": workspace.relative(path)})
    for commit in log:
        data = git.read_at(root, commit.sha, commit.path)
        verdict, status = verdict_of(workspace, commit.path, data, commit.date.date())
        rows.append({"commit": commit.sha, "date": commit.date.isoformat(), "author": commit.author,
                     "message": commit.subject, "verdict": verdict, "status": status, "path": commit.path})
    if args.format == "json":
        write_json(json.dumps({"id": path.stem, "history": rows}, ensure_ascii=False, indent=2) + "\n")
        return 0
    style = Style(sys.stdout)
    if not rows:
        out(words("not_committed", file=workspace.relative(path)))
        return 0
    ref = workspace.reference

    def name(table: str, key: str | None) -> str:
        if key is None:
            return "—"
        if key == "absent":
            return words("absent")
        return str(ref.label(table, key, lang))

    verdicts = [name("verdict", row["verdict"]) for row in rows]
    statuses = [name("status", row["status"]) for row in rows]
    v_width = max(len(v) for v in verdicts)
    s_width = max(len(s) for s in statuses)
    for row, verdict_text, status_text in zip(rows, verdicts, statuses, strict=True):
        when = row["date"][:10] if row["date"] else "—" * 10
        sha = row["commit"][:8] if row["commit"] else " " * 8
        verdict = style(verdict_text.ljust(v_width), row["verdict"])
        status = status_text.ljust(s_width)
        who = for_terminal(row["author"] or "")
        message = for_terminal(row["message"]) if row["commit"] else words("uncommitted")
        out(f"{when}  {style(sha, 'dim')}  {verdict}  {status}  {who}: {message}" if who
            else f"{when}  {sha}  {verdict}  {status}  {message}")
    out(style(words("footer"), "dim"))
    return 0

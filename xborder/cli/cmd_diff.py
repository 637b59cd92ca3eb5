"""xborder diff ID [REV [REV2]]: what changed in an assessment, as a lawyer reads it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from xborder.cli.common import CLIError, message_lang, out, parse_date, workspace_from, write_json
from xborder.i18n import Texts
from xborder.safe_text import for_terminal

NAME = "diff"
ORDER = 51
HELP = (
    "what changed in an assessment between two versions in git: fields, transfers added or "
    "removed, verdicts before -> after (default: the last committed version -> the file now, "
    "or, with no uncommitted change, the version before the last commit -> the file now)"
)




def _against_coverage(workspace: Any, path: Path, words: Texts, lang: str) -> tuple[str, list[str]] | None:
    """(latest notice date, lines): the transfers compared with what their notices
    covered as recorded in the file; None when no notice records its coverage."""
    result = workspace.load(path)
    assessment = result.assessment
    if assessment is None:
        return None
    notices = [
        t for t in assessment.transfers
        if t.notification is not None and t.notification.sent is not None and t.notification.coverage is not None
    ]
    if not notices:
        return None
    lines = []
    for transfer in notices:
        assert transfer.notification is not None and transfer.notification.sent is not None
        sent = transfer.notification.sent.isoformat()
        for what, old, new in transfer.coverage_changes(assessment.processing):
            if what == "data":
                labels = ", ".join(workspace.reference.data_label(key, lang) for key in new.split(","))
                lines.append(words("covered_data", id=transfer.id, sent=sent, new=labels))
            else:
                lines.append(words("covered_line", id=transfer.id, what=words(f"what.{what}"), sent=sent, old=old, new=new))
    latest = max(t.notification.sent for t in notices if t.notification and t.notification.sent)
    return latest.isoformat(), lines


def _print_coverage(ident: str, covered: tuple[str, list[str]], words: Texts, fmt: str) -> int:
    sent, lines = covered
    if fmt == "json":
        doc = {"id": ident, "from": words("covered_from"), "to": words("now"), "as_of": None,
               "since_notified": True, "changes": lines, "verdicts": [], "verdict_changes": []}
        write_json(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    out(words("covered", sent=sent))
    out(f"{for_terminal(ident)}: {words('covered_from')} → {words('now')}")
    for line in lines or [words("same")]:
        out(f"  {for_terminal(line)}")
    return 0


def _label(rev: str, sha: str) -> str:
    return sha[:8] if sha.startswith(rev) else f"{rev} ({sha[:8]})"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="the assessment id (its file name without .toml)")
    parser.add_argument("rev", nargs="?", help="the older version: a commit, tag or branch (HEAD~1, v2026, ...)")
    parser.add_argument("rev2", nargs="?", help="the newer version (default: the file as it is now)")
    parser.add_argument("--lang", choices=("az", "en"))
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="judge both versions' verdicts as of this day (default: today)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--since-notified", action="store_true",
        help="compare the version committed on or before the day the authority was last notified "
        "(the latest notification.sent) with the file now, leaving out the review status and approval: "
        "does the authority need to hear of something new?",
    )


def run(args: argparse.Namespace) -> int:
    from xborder.cli.cmd_history import verdict_of
    from xborder.cli.cmd_show import resolve
    from xborder.cli.common import today
    from xborder.rules import evaluate
    from xborder.store import git
    from xborder.store.assessments import load_assessment_bytes

    workspace = workspace_from(args.workspace)
    assert workspace is not None
    path = resolve(workspace, args.id)
    lang = message_lang(args, workspace)
    outside = workspace.escapes(path)
    if outside is not None:
        raise CLIError(f"{workspace.relative(path)}: symbolic link to a file outside the workspace ({outside}): not read")
    try:
        root = git.repo_root(path)
        if root is None:
            raise CLIError(f"{workspace.relative(path)}: not in a git repository (or git is not installed): nothing to compare with")
        log = git.file_log(path) or []
        modified = git.is_modified(path)
    except git.GitError as exc:
        raise CLIError(str(exc)) from None

    here = git.relative_path(root, path)

    def version(rev: str) -> tuple[str, bytes | None, str]:
        """(label, bytes or None if the file did not exist there, its path there)."""
        sha = git.resolve_rev(root, rev)
        if sha is None:
            raise CLIError(f"{rev!r}: no such commit, tag or branch")
        # the file's path at that commit: its path now, or an earlier name (renames)
        for relpath in dict.fromkeys([here, *(c.path for c in log)]):
            data = git.read_at(root, sha, relpath)
            if data is not None:
                return _label(rev, sha), data, relpath
        return _label(rev, sha), None, here

    words = Texts("cli.diff", lang)
    current = (words("now"), path.read_bytes() if path.exists() else None, path.name)
    skip: tuple[str, ...] = ()
    heading = None
    if args.since_notified:
        if args.rev:
            raise CLIError("--since-notified chooses the older version itself: give no REV")
        baseline = git.notified_baseline(path)
        if baseline is None:
            covered = _against_coverage(workspace, path, words, lang)
            if covered is None:
                raise CLIError(words("no_baseline", file=workspace.relative(path)))
            return _print_coverage(path.stem, covered, words, args.format)
        commit = baseline.commit
        old = (commit.short, git.read_at(root, commit.sha, commit.path), commit.path)
        new = current
        skip = git.LIFECYCLE_KEYS
        heading = words("since", sent=baseline.sent, date=f"{commit.date:%Y-%m-%d}", author=commit.author)
    elif args.rev and args.rev2:
        old, new = version(args.rev), version(args.rev2)
    elif args.rev:
        old, new = version(args.rev), current
    elif modified or not log:
        if not log:
            raise CLIError(f"{workspace.relative(path)}: not committed yet: nothing to compare with")
        old, new = version(log[0].sha), current
    elif len(log) > 1:
        old, new = version(log[1].sha), current
    else:
        out(f"{workspace.relative(path)}: one committed version ({log[0].short}, {log[0].date:%Y-%m-%d}) and no change since")
        return 0

    as_of = parse_date(args.as_of) if args.as_of else today()
    documents = [git.parse_version(old[1]), git.parse_version(new[1])]
    unreadable = [f"{label}: {verdict_of(workspace, relpath, data, as_of)[0]} (cannot be read as TOML)"
                  for (label, data, relpath), doc in zip((old, new), documents, strict=True)
                  if data is not None and doc is None]
    changes = unreadable or git.document_changes(documents[0], documents[1], lang, skip=skip)
    evaluations = []
    for _name, data, relpath in (old, new):
        result = load_assessment_bytes(Path(relpath), data, workspace.reference, workspace.recipients) if data is not None else None
        loaded = result.assessment if result is not None else None
        evaluations.append(evaluate(loaded, workspace.reference, as_of) if loaded is not None else None)
    if args.format == "json":
        diff = git.verdict_diff(evaluations[0], evaluations[1]) if any(evaluations) else []
        doc = {
            "id": path.stem, "from": old[0], "to": new[0], "as_of": as_of.isoformat(),
            "since_notified": bool(args.since_notified),
            "changes": changes,
            "verdicts": git.verdict_changes(evaluations[0], evaluations[1], lang) if any(evaluations) else [],
            "verdict_changes": [{"transfer": tid, "before": before, "after": after} for tid, before, after in diff],
        }
        write_json(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0

    def label(verdict: str) -> str:
        return str(workspace.reference.label("verdict", verdict, lang))

    verdicts = git.verdict_changes(evaluations[0], evaluations[1], lang, label) if any(evaluations) else []
    if heading:
        out(for_terminal(heading))
    out(f"{path.stem}: {old[0]} → {new[0]}")
    if not changes and not verdicts:
        out(f"  {words('same')}")
    for line in changes:
        out(f"  {for_terminal(line)}")
    if verdicts:
        out(f"  — {words('as_of', date=as_of)}:")
        for line in verdicts:
            out(f"  {for_terminal(line)}")
    return 0

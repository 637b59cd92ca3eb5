"""xborder status ID [--set draft|in_review|rejected|withdrawn] [--by NAME] [--reason TEXT]"""

from __future__ import annotations

import argparse
from typing import Any

from xborder.cli.common import (
    CLIError,
    load_errors,
    message_lang,
    out,
    parse_date,
    today,
    workspace_from,
)
from xborder.i18n import Texts

NAME = "status"
ORDER = 41
HELP = (
    "show or change an assessment's review status: draft -> in_review -> approved | rejected; "
    "withdrawn at any time (approve with `xborder approve`)"
)

EXIT_REFUSED = 1



def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="the assessment id (its file name without .toml)")
    parser.add_argument(
        "--set", dest="target", choices=("draft", "in_review", "approved", "rejected", "withdrawn"),
        help="the new status (without it: show the status and the allowed next steps); "
        "approving is `xborder approve`",
    )
    parser.add_argument("--by", metavar="NAME", help="in_review: who prepared it; rejected: the reviewer")
    parser.add_argument("--reason", metavar="TEXT", help="rejected: why (recorded in the file)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="rejected: date of the decision (default: today)")
    parser.add_argument("--lang", choices=("az", "en"), help="language of messages (default: the workspace's)")


def status_label(workspace: Any, status: str, lang: str) -> str:
    """The status for a person: the key in English (as typed after --set); in
    Azerbaijani, its label with the key in brackets."""
    if lang != "az":
        return status
    return f"{workspace.reference.label('status', status, lang)} ({status})"


def decision_date(text: str | None) -> Any:
    """The date of a review decision: --date (not in the future) or today."""
    if not text:
        return today()
    on = parse_date(text)
    if on > today():
        raise CLIError(f"--date {on}: a decision cannot be dated in the future (today is {today()})")
    return on


def run(args: argparse.Namespace) -> int:
    from xborder.cli.cmd_show import resolve
    from xborder.lifecycle import TRANSITIONS, LifecycleError, transition
    from xborder.store.assessments import ConflictError, save_assessment

    workspace = workspace_from(args.workspace)
    assert workspace is not None
    lang = message_lang(args, workspace, speaks=("az", "en"))
    words = Texts("cli.status", lang)
    path = resolve(workspace, args.id)
    result = workspace.load(path)
    if result.assessment is None:
        raise CLIError(load_errors(workspace, path, result.errors))
    assessment = result.assessment
    if args.target is None:
        nexts = ", ".join(TRANSITIONS[assessment.status]) or "—"
        line = f"{assessment.id}: {status_label(workspace, assessment.status, lang)} ({words('next', nexts=nexts)})"
        if assessment.approval is not None:
            a = assessment.approval
            line += "; " + words("decision", reviewer=a.reviewer, date=a.date) + (f": {a.reason}" if a.reason else "")
        out(line)
        return 0
    on = decision_date(args.date)
    try:
        changed = transition(assessment, args.target, by=args.by, on=on, reason=args.reason)
    except LifecycleError as exc:
        raise CLIError(exc.message(lang, workspace.reference.label), EXIT_REFUSED) from None
    try:
        save_assessment(path, changed, expected_sha256=result.sha256)
    except ConflictError as exc:
        raise CLIError(str(exc)) from None
    except OSError as exc:
        raise CLIError(f"{workspace.relative(path)}: cannot save: {exc.strerror or exc}") from None
    out(words(
        "moved",
        id=assessment.id,
        old=status_label(workspace, assessment.status, lang),
        new=status_label(workspace, changed.status, lang),
    ))
    return 0

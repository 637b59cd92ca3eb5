"""xborder approve ID --by NAME [--reason TEXT] [--date YYYY-MM-DD]"""

from __future__ import annotations

import argparse

from xborder.cli.common import CLIError, err, message_lang, out, workspace_from
from xborder.i18n import Texts

NAME = "approve"
ORDER = 40
HELP = (
    "approve an assessment in review: records the reviewer, the date, the adequacy list and "
    "each transfer's verdict, and sets the next review; refused unless permitted or --reason"
)

EXIT_REFUSED = 1
EXIT_INVALID_USE = 2


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="the assessment id (its file name without .toml)")
    parser.add_argument("--by", required=True, metavar="NAME", help="the reviewer who approves it")
    parser.add_argument(
        "--reason", metavar="TEXT",
        help="why it is approved although its verdict is not `permitted` (recorded in the file)",
    )
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD",
        help="the date of the decision; the verdict is judged as of this day (default: today)",
    )
    parser.add_argument(
        "--again", action="store_true",
        help="approve an assessment that is approved already (its periodic review, or after a "
        "change); the earlier approval is kept in the file",
    )
    parser.add_argument("--lang", choices=("az", "en"), help="language of messages (default: the workspace's)")




def run(args: argparse.Namespace) -> int:
    from xborder.cli.cmd_show import resolve
    from xborder.cli.cmd_status import decision_date
    from xborder.cli.common import load_errors
    from xborder.lifecycle import LifecycleError, approve
    from xborder.rules import evaluate
    from xborder.store.assessments import ConflictError, save_assessment

    workspace = workspace_from(args.workspace)
    assert workspace is not None
    lang = message_lang(args, workspace, speaks=("az", "en"))
    words = Texts("cli.approve", lang)
    path = resolve(workspace, args.id)
    result = workspace.load(path)
    if result.assessment is None:
        raise CLIError(load_errors(workspace, path, result.errors))
    assessment = result.assessment
    on = decision_date(args.date)
    evaluation = evaluate(assessment, workspace.reference, on)
    try:
        approved = approve(
            assessment,
            evaluation,
            args.by,
            on,
            period_months=workspace.settings.review.period_months,
            reason=args.reason,
            again=args.again,
            self_approval=workspace.settings.review.self_approval,
        )
    except LifecycleError as exc:
        # who may decide and when is not a matter of the verdict: refused, exit 2
        code = EXIT_INVALID_USE if exc.key in ("self_approval", "before_created") else EXIT_REFUSED
        raise CLIError(exc.message(lang, workspace.reference.label), code) from None
    approval = approved.approval
    assert approval is not None
    if assessment.assessor and assessment.assessor.casefold() == approval.reviewer.casefold():
        err(words("self", reviewer=approval.reviewer, id=assessment.id))  # allowed by xborder.toml
    try:
        save_assessment(path, approved, expected_sha256=result.sha256)
    except ConflictError as exc:
        raise CLIError(str(exc)) from None
    except OSError as exc:
        raise CLIError(f"{workspace.relative(path)}: cannot save: {exc.strerror or exc}") from None
    verdict = evaluation.verdict if lang == "en" else workspace.reference.label("verdict", evaluation.verdict, lang)
    out(words(
        "done",
        id=assessment.id, reviewer=approval.reviewer, date=on, verdict=verdict,
        version=evaluation.adequacy_version, next=approved.next_review,
    ))
    return 0

"""xborder copy ID NEW-ID --jurisdiction RULEBOOK

Start an assessment of the same transfers under another rulebook (e.g. the Russian law
for a transfer already assessed under the Azerbaijani one): a new draft file with the same
operator, processing, recipients and the information obtained from them. What belongs to
the other law does not carry over, and each thing left behind is named: a notice to the
other authority (and its decision or request), a ground the new rulebook does not have,
a transfer to the new rulebook's home country, the approval.
"""

from __future__ import annotations

import argparse

from xborder.cli.common import CLIError, load_errors, message_lang, out, today, workspace_from
from xborder.i18n import Texts

NAME = "copy"
ORDER = 42
HELP = "copy an assessment as a new draft under another rulebook (e.g. --jurisdiction ru)"


def register(parser: argparse.ArgumentParser) -> None:
    from xborder.rules.registry import rulebook_ids

    parser.add_argument("id", help="the assessment to copy (its id)")
    parser.add_argument("new_id", metavar="NEW-ID", help="the id of the new assessment")
    parser.add_argument("--jurisdiction", required=True, choices=rulebook_ids(), help="the rulebook of the copy")
    parser.add_argument("--lang", choices=("az", "en", "ru"), help="language of messages (default: the workspace's)")


def run(args: argparse.Namespace) -> int:
    from xborder.cli.cmd_show import resolve
    from xborder.lifecycle import copy_notes, copy_under
    from xborder.rules.registry import get_rulebook
    from xborder.store.assessments import save_assessment

    workspace = workspace_from(args.workspace)
    assert workspace is not None
    lang = message_lang(args, workspace)
    words = Texts("cli.copy", lang)
    path = resolve(workspace, args.id)
    result = workspace.load(path)
    if result.assessment is None:
        raise CLIError(load_errors(workspace, path, result.errors))
    source = result.assessment
    try:
        target = workspace.assessment_path(args.new_id)
    except ValueError as exc:
        raise CLIError(str(exc)) from None
    if target.exists():
        raise CLIError(words("exists", file=workspace.relative(target)))
    book = get_rulebook(args.jurisdiction)
    grounds = workspace.reference.for_book(book.data).grounds
    copy, notes = copy_under(source, book.id, args.new_id, today(), grounds)
    try:
        save_assessment(target, copy)
    except OSError as exc:
        raise CLIError(f"{workspace.relative(target)}: cannot save: {exc.strerror or exc}") from None
    out(words("wrote", file=workspace.relative(target), rulebook=book.id, source=source.id))
    for line in copy_notes(notes, workspace.reference.label, lang):
        out("  " + line)
    return 0

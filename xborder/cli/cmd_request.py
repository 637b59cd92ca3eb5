"""xborder request RECIPIENT [--lang LIST] [--format LIST] | xborder request import FILE"""

from __future__ import annotations

import argparse
import datetime as dt

NAME = "request"
ORDER = 57
HELP = (
    "write the clause 12.2 information request to a recipient of the catalogue (letter and reply form); "
    "`request import FILE` records its reply"
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", metavar="RECIPIENT|import", help="the recipient's id in the catalogue, or `import`")
    parser.add_argument("file", metavar="FILE", nargs="?", help="import: the filled-in reply form (TOML or JSON)")
    parser.add_argument("--lang", action="append", metavar="LIST", help="az, en, ru; comma-separated (default: the workspace's report languages)")
    parser.add_argument("--format", action="append", metavar="LIST", help="pdf, html, md; comma-separated (default: pdf,md)")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: the workspace's reports/)")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the letter's date; import: today (default: today)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from xborder.cli.common import (
        EXIT_INVALID,
        CLIError,
        err,
        message_lang,
        out,
        parse_date,
        today,
        workspace_from,
    )
    from xborder.i18n import gettext
    from xborder.report.cli_support import show, split_list

    workspace = workspace_from(args.workspace)
    as_of = parse_date(args.as_of) if args.as_of else today()
    if args.target == "import":
        from xborder.store.requests import ReplyRejected, import_reply

        if not args.file:
            raise CLIError("xborder request import FILE: name the filled-in reply form")
        langs = split_list(args.lang)
        lang = langs[0] if langs else message_lang(argparse.Namespace(lang=None), workspace)
        entry_id = _reply_recipient(Path(args.file))
        before = _verdicts(workspace, entry_id, as_of) if entry_id else {}
        try:
            done = import_reply(workspace, Path(args.file), as_of, shown=args.file)
        except ReplyRejected as exc:
            for error in exc.errors:
                err(error.located(lang))
            return EXIT_INVALID
        after = _verdicts(workspace, done.entry.id, as_of)
        out(gettext(lang, "cli.request.imported", ref=done.entry.id, file=show(workspace.root, done.entry_path),
                    date=done.entry.recipient_info.obtained.isoformat() if done.entry.recipient_info and done.entry.recipient_info.obtained else "—"))
        for item in done.evidence:
            out(f"  {item}")
        ref = workspace.reference
        for key, verdict in after.items():
            if before.get(key, verdict) != verdict:
                out(gettext(lang, "cli.request.verdict_changed", transfer=key,
                            before=ref.label("verdict", before[key], lang), after=ref.label("verdict", verdict, lang)))
        return 0
    from xborder.report import ReportError
    from xborder.report.generate import FORMATS
    from xborder.report.request import LANGS, write_request

    chosen_langs: tuple[str, ...] = tuple(split_list(args.lang) or workspace.settings.reports.languages)
    formats: tuple[str, ...] = tuple(split_list(args.format) or ("pdf", "md"))
    for value, allowed, what in ((chosen_langs, LANGS, "language"), (formats, FORMATS, "format")):
        unknown = [v for v in value if v not in allowed]
        if unknown:
            raise CLIError(f"unknown {what} {', '.join(map(repr, unknown))} (expected: {', '.join(allowed)})")
    try:
        written = write_request(workspace, args.target, formats, chosen_langs, Path(args.out) if args.out else None, as_of)
    except ReportError as exc:
        raise CLIError(str(exc)) from None
    for path in written:
        out(show(workspace.root, path))
    return 0


def _reply_recipient(path: object) -> str | None:
    """The recipient a reply names, if it can be read (for the verdicts before)."""
    import json
    from pathlib import Path

    from xborder.tomlio import TomlError, parse_toml

    try:
        text = Path(str(path)).read_text(encoding="utf-8")
        raw = json.loads(text) if str(path).lower().endswith(".json") else parse_toml(text)
    except (OSError, UnicodeDecodeError, ValueError, TomlError):
        return None
    value = raw.get("recipient") if isinstance(raw, dict) else None
    return value if isinstance(value, str) else None


def _verdicts(workspace: object, entry_id: str, as_of: dt.date) -> dict[str, str]:
    """assessment/transfer -> verdict, for every transfer using the recipient."""
    from typing import Any

    from xborder.rules import evaluate
    from xborder.store.recipients import usages

    ws: Any = workspace
    found: dict[str, str] = {}
    for name in sorted({u["assessment"] for u in usages(ws).get(entry_id, [])}):
        result = ws.load(ws.assessments_dir / f"{name}.toml")
        if result.assessment is None:
            continue
        evaluation = evaluate(result.assessment, ws.reference, as_of)
        for transfer, res in zip(result.assessment.transfers, evaluation.transfers, strict=True):
            if transfer.recipient.ref == entry_id:
                found[f"{name}/{res.id}"] = res.verdict
    return found

"""xborder show ID [--as-of DATE] [--lang az|en] [--format text|json]"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from xborder.cli.common import (
    CLIError,
    Style,
    message_lang,
    out,
    parse_date,
    today,
    workspace_from,
    write_json,
)
from xborder.i18n import Texts
from xborder.safe_text import for_terminal as s

NAME = "show"
ORDER = 30
HELP = "show everything recorded in one assessment, with its findings"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="the assessment id (its file name without .toml), or a path")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD")
    parser.add_argument("--lang", choices=("az", "en", "ru"))
    parser.add_argument("--format", choices=("text", "json"), default="text")


def resolve(workspace: Any, ident: str) -> Any:
    from pathlib import Path

    path = Path(ident)
    if path.suffix == ".toml" and path.exists():
        return path
    found = workspace.find(ident)
    if found is None:
        known = ", ".join(p.stem for p in workspace.assessment_files()[:8])
        folder = workspace.relative(workspace.assessments_dir)
        raise CLIError(f"no assessment {ident!r} in {folder}" + (f" (known: {known})" if known else ""))
    return found


def load_or_fail(workspace: Any, ident: str) -> Any:
    path = resolve(workspace, ident)
    result = workspace.load(path)
    if result.assessment is None:
        raise CLIError("\n".join(str(e) for e in result.errors))
    return result


def run(args: argparse.Namespace) -> int:
    from xborder.model.assessment import changed_since_approval
    from xborder.rules import evaluate
    from xborder.store.assessments import to_document

    workspace = workspace_from(args.workspace)
    result = load_or_fail(workspace, args.id)
    a = result.assessment
    as_of = parse_date(args.as_of) if args.as_of else today()
    lang = message_lang(args, workspace)
    ref = workspace.reference
    ev = evaluate(a, ref, as_of)
    if args.format == "json":
        doc = json.loads(json.dumps(to_document(a), default=str))
        doc["_evaluation"] = {
            "as_of": as_of.isoformat(),
            "verdict": ev.verdict,
            "changed_since_approval": bool(changed_since_approval(a)),
            "rulebook_version": ev.rulebook_version,
            "adequacy_version": ev.adequacy_version,
            "findings": [f.to_json(lang) for f in ev.findings],
            "transfers": [
                {"id": t.id, "verdict": t.verdict, "adequate": t.adequate, "adequacy_source": t.adequacy.source,
                 "findings": [f.to_json(lang) for f in t.findings]}
                for t in ev.transfers
            ],
        }
        write_json(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    style = Style(sys.stdout)
    L = Texts("cli.show", lang)  # noqa: N806 - short on purpose: used on every line

    def yn(value: bool | None) -> str:
        if value is None:
            return L("not_recorded")
        return L("yes") if value else L("no")

    out(style(f"{s(a.id)} — {s(a.title)}", "bold"))
    out(f"{L('file')}: {s(workspace.relative(result.path))}")
    out(f"{L('status')}: {ref.label('status', a.status, lang)}   {L('verdict')}: {style(ref.label('verdict', ev.verdict, lang), ev.verdict)}   {L('as_of')} {as_of}")
    out(f"{L('created')}: {a.created}   {L('next_review')}: {a.next_review or '—'}")
    out(f"{L('rulebook')}: {ev.rulebook} {ev.rulebook_version}   {L('adequacy_list')}: {ev.adequacy_version}")
    if a.assessor:
        out(f"{L('assessor')}: {s(a.assessor)}")
    if a.approval:
        out(f"{L('approval')}: {s(a.approval.reviewer)}, {a.approval.date}" + (f" — {s(a.approval.reason)}" if a.approval.reason else ""))
        if changed_since_approval(a):
            out(style(L("changed_since_approval"), "pending"))
        for earlier in a.approval.earlier:
            out(f"  {L('earlier')}: {s(earlier.reviewer)}, {earlier.date}" + (f" ({ref.label('status', earlier.decision, lang)})" if earlier.decision else ""))
    op = a.operator
    out(f"{L('operator')}: {s(op.name)}" + "".join(f", {s(v)}" for v in (op.tin, op.address, op.contact) if v))
    p = a.processing
    out(f"{L('purposes')}: " + "; ".join(map(s, p.purposes)))
    out(f"{L('subjects')}: " + "; ".join(map(s, p.subjects)))
    out(f"{L('data')}: " + ", ".join(ref.data_label(k, lang) for k in p.data))
    if p.special:
        out(f"{L('special')}: " + ", ".join(ref.data_label(k, lang) for k in p.special))
    out(f"{L('az_citizens')}: {L('yes') if p.az_citizens else L('no')}" + (f"   {L('primary_storage')}: {ref.country_name(p.primary_storage, lang)}" if p.primary_storage else ""))
    if a.notes:
        out(f"{L('notes')}: {_lines(a.notes)}")
    for f in ev.findings:
        out(f"  {style('[' + ref.label('severity', f.severity, lang) + ']', f.severity)} {f.rule} ({s(f.citation(lang))}): {s(f.message(lang))}")
    for t, r in zip(a.transfers, ev.transfers, strict=True):
        out("")
        out(style(f"▸ {s(t.id)}: {ref.country_name(t.country, lang)} ({t.country}) → {s(t.recipient.name)}", "bold") + f"   {style(ref.label('verdict', r.verdict, lang), r.verdict)}")
        rec = t.recipient
        out(f"    {L('recipient')}: {ref.label('kind', rec.kind, lang)}" + (f", {ref.label('role', rec.role, lang)}" if rec.role else "") + "".join(f", {s(v)}" for v in (rec.address, rec.contact) if v))
        if rec.agreement:
            out(f"    {L('agreement')}: {s(rec.agreement)}")
        out(f"    {L('adequacy')}: {yn(r.adequate)} — {s(ref.describe_adequacy(r.adequacy, lang))}")
        out(f"    {L('ground')}: {ref.label('ground', t.ground, lang) if t.ground else '—'}   {L('start')}: {t.start or '—'}")
        out(f"    {L('data')}: " + ", ".join(ref.data_label(k, lang) for k in t.data_keys(p)))
        if t.consent:
            out(f"    {L('consent')}: {yn(t.consent.written)}; {s(t.consent.reference or '—')}")
        if t.contract:
            out(f"    {L('contract')}: {yn(t.contract.subject_is_party)}; {s(t.contract.reference or '—')}")
        ri = t.recipient_info
        out(f"    {L('recipient_info')}: {ri.obtained if ri and ri.obtained else '—'}" + (f"; {s(ri.measures)}" if ri and ri.measures else ""))
        n = t.notification
        out(f"    {L('notification')}: {n.sent if n and n.sent else '—'}" + (f", {s(n.reference)}" if n and n.reference else "") + (f"; {L('sent_separately')}: {yn(n.separate)}" if n and n.sent else ""))
        if n and n.sent and n.coverage:
            c = n.coverage
            out(f"    {L('coverage')}: {ref.country_name(c.country, lang)} ({c.country}), {s(c.recipient)}; " + ", ".join(ref.data_label(k, lang) for k in c.data))
        if t.national_security_risk:
            out(f"    {L('security_risk')}: {L('yes')}")
        if t.notes:
            out(f"    {L('notes')}: {_lines(t.notes, '      ')}")
        for f in r.findings:
            cite = f" ({f.citation(lang)})" if f.citation(lang) else ""
            out(f"      {style('[' + ref.label('severity', f.severity, lang) + ']', f.severity)} {f.rule}{s(cite)}: {s(f.message(lang))}")
    return 0


def _lines(text: str, indent: str = "  ") -> str:
    """Free text of several lines shown as lines (each made safe), not as one line of
    escapes."""
    return ("\n" + indent).join(s(line) for line in text.split("\n"))

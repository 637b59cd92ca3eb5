"""xborder show ID [--as-of DATE] [--lang az|en] [--format text|json]"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from xborder.cli.common import CLIError, Style, message_lang, out, parse_date, today, workspace_from

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
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    style = Style(sys.stdout)
    def L(en: str, az: str) -> str:  # noqa: N802 - short on purpose: used on every line
        return az if lang == "az" else en

    def yn(value: bool | None) -> str:
        if value is None:
            return L("not recorded", "qeyd edilməyib")
        return L("yes", "bəli") if value else L("no", "xeyr")

    out(style(f"{a.id} — {a.title}", "bold"))
    out(f"{L('File', 'Fayl')}: {workspace.relative(result.path)}")
    out(f"{L('Status', 'Status')}: {ref.label('status', a.status, lang)}   {L('Verdict', 'Nəticə')}: {style(ref.label('verdict', ev.verdict, lang), ev.verdict)}   {L('as of', 'tarix')} {as_of}")
    out(f"{L('Created', 'Yaradılıb')}: {a.created}   {L('Next review', 'Növbəti baxış')}: {a.next_review or '—'}")
    out(f"{L('Rulebook', 'Qaydalar')}: az {ev.rulebook_version}   {L('Adequacy list', 'Adekvatlıq siyahısı')}: {ev.adequacy_version}")
    if a.assessor:
        out(f"{L('Assessor', 'Qiymətləndirən')}: {a.assessor}")
    if a.approval:
        out(f"{L('Approval', 'Təsdiq')}: {a.approval.reviewer}, {a.approval.date}" + (f" — {a.approval.reason}" if a.approval.reason else ""))
        if changed_since_approval(a):
            out(style(L("Changed since approval: what is now recorded has not been approved",
                        "Təsdiqdən sonra dəyişib: hazırda qeyd edilənlər təsdiqlənməyib"), "pending"))
        for earlier in a.approval.earlier:
            out(f"  {L('earlier', 'əvvəlki')}: {earlier.reviewer}, {earlier.date}" + (f" ({ref.label('status', earlier.decision, lang)})" if earlier.decision else ""))
    op = a.operator
    out(f"{L('Operator', 'Operator')}: {op.name}" + "".join(f", {v}" for v in (op.tin, op.address, op.contact) if v))
    p = a.processing
    out(f"{L('Purposes', 'Məqsədlər')}: " + "; ".join(p.purposes))
    out(f"{L('Subjects', 'Subyektlər')}: " + "; ".join(p.subjects))
    out(f"{L('Data', 'Məlumatlar')}: " + ", ".join(ref.data_label(k, lang) for k in p.data))
    if p.special:
        out(f"{L('Special categories', 'Xüsusi kateqoriyalar')}: " + ", ".join(ref.data_label(k, lang) for k in p.special))
    out(f"{L('Azerbaijani citizens', 'Azərbaycan vətəndaşları')}: {L('yes', 'bəli') if p.az_citizens else L('no', 'xeyr')}" + (f"   {L('Primary storage', 'Əsas saxlama')}: {ref.country_name(p.primary_storage, lang)}" if p.primary_storage else ""))
    if a.notes:
        out(f"{L('Notes', 'Qeydlər')}: {a.notes}")
    for f in ev.findings:
        out(f"  {style('[' + ref.label('severity', f.severity, lang) + ']', f.severity)} {f.rule} ({f.citation(lang)}): {f.message(lang)}")
    for t, r in zip(a.transfers, ev.transfers, strict=True):
        out("")
        out(style(f"▸ {t.id}: {ref.country_name(t.country, lang)} ({t.country}) → {t.recipient.name}", "bold") + f"   {style(ref.label('verdict', r.verdict, lang), r.verdict)}")
        rec = t.recipient
        out(f"    {L('Recipient', 'Alan')}: {ref.label('kind', rec.kind, lang)}" + (f", {ref.label('role', rec.role, lang)}" if rec.role else "") + "".join(f", {v}" for v in (rec.address, rec.contact) if v))
        if rec.agreement:
            out(f"    {L('Processing contract', 'Emal müqaviləsi')}: {rec.agreement}")
        out(f"    {L('Adequacy', 'Adekvatlıq')}: {yn(r.adequate)} — {ref.describe_adequacy(r.adequacy, lang)}")
        out(f"    {L('Ground', 'Əsas')}: {ref.label('ground', t.ground, lang) if t.ground else '—'}   {L('Start', 'Başlanğıc')}: {t.start or '—'}")
        out(f"    {L('Data', 'Məlumatlar')}: " + ", ".join(ref.data_label(k, lang) for k in t.data_keys(p)))
        if t.consent:
            out(f"    {L('Consent in writing', 'Yazılı razılıq')}: {yn(t.consent.written)}; {t.consent.reference or '—'}")
        if t.contract:
            out(f"    {L('Contract; subject is party', 'Müqavilə; subyekt tərəfdir')}: {yn(t.contract.subject_is_party)}; {t.contract.reference or '—'}")
        ri = t.recipient_info
        out(f"    {L('Recipient information (12.2)', 'Alandan məlumat (12.2)')}: {ri.obtained if ri and ri.obtained else '—'}" + (f"; {ri.measures}" if ri and ri.measures else ""))
        n = t.notification
        out(f"    {L('Notification (12.1)', 'Bildiriş (12.1)')}: {n.sent if n and n.sent else '—'}" + (f", {n.reference}" if n and n.reference else "") + (f"; {L('sent separately', 'ayrıca göndərilib')}: {yn(n.separate)}" if n and n.sent else ""))
        if n and n.sent and n.coverage:
            c = n.coverage
            out(f"    {L('The notice covered', 'Bildirişin əhatə etdiyi')}: {ref.country_name(c.country, lang)} ({c.country}), {c.recipient}; " + ", ".join(ref.data_label(k, lang) for k in c.data))
        if t.national_security_risk:
            out(f"    {L('National security risk', 'Milli təhlükəsizlik riski')}: {L('yes', 'bəli')}")
        if t.notes:
            out(f"    {L('Notes', 'Qeydlər')}: {t.notes}")
        for f in r.findings:
            cite = f" ({f.citation(lang)})" if f.citation(lang) else ""
            out(f"      {style('[' + ref.label('severity', f.severity, lang) + ']', f.severity)} {f.rule}{cite}: {f.message(lang)}")
    return 0

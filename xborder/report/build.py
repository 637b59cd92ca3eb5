"""Builders: (assessment, evaluation, settings, reference, provenance) -> Document.

Pure functions: no I/O, no clock (the as-of date is the evaluation's), no absolute paths.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from xborder.report.model import (
    Block,
    Bullets,
    Callout,
    Document,
    Fields,
    FindingItem,
    Findings,
    Heading,
    Paragraph,
    Signatures,
    SinceNotified,
    Table,
)
from xborder.report.provenance import Provenance
from xborder.report.readiness import Gap, amended_notice, responsible_person
from xborder.report.strings import t

if TYPE_CHECKING:
    from xborder.model.assessment import Assessment, Transfer
    from xborder.model.workspace import Settings
    from xborder.reference import Reference
    from xborder.rules.engine import Evaluation, Finding, TransferResult

DASH = "—"


# -- small helpers -----------------------------------------------------------------------
def _d(value: dt.date | None) -> str:
    return value.isoformat() if value else DASH


def _v(value: str | None) -> str:
    value = (value or "").strip()
    return value or DASH


def _yn(value: bool | None, lang: str) -> str:
    if value is None:
        return t("not_recorded", lang)
    return t("yes" if value else "no", lang)


def _labels(reference: Reference, lang: str) -> dict[str, str]:
    return {
        key: reference.label("verdict", key, lang)
        for key in ("permitted", "pending", "incomplete", "blocked", "invalid")
    }


def country(reference: Reference, code: str, lang: str) -> str:
    return f"{reference.country_name(code, lang)} ({code})"


def data_labels(reference: Reference, keys: Iterable[str], special: Iterable[str], lang: str) -> list[str]:
    """Labels of data keys; special categories marked."""
    special_set = set(special)
    out = []
    for key in keys:
        label = reference.data_label(key, lang)
        if key in special_set or key in reference.special_keys:
            label = f"{label} ({t('special_mark', lang)})"
        out.append(label)
    return out


def adequacy_text(result: TransferResult, reference: Reference, lang: str) -> str:
    """The adequacy's source in the document's language."""
    info = result.adequacy
    if info.overridden:
        return f"{info.source} ({t('adequacy_override', lang)})"
    meta = reference.adequacy.meta
    listed = t("adq_list", lang, version=meta.version, date=meta.as_of.isoformat())
    entry = reference.adequacy.countries.get(result.country)
    if entry is None:
        return f"{t('adq_not_listed', lang)}; {listed}"
    basis = t("adq_coe108", lang) if entry.basis == "coe108" else (entry.basis or t("adq_listed", lang))
    since = " " + t("adq_since", lang, date=entry.in_force.isoformat()) if entry.in_force else ""
    doubt = f" ({t('unverified', lang)})" if not entry.verified else ""
    return f"{basis}{since}{doubt}; {listed}"


def ground_text(transfer: Transfer, reference: Reference, lang: str) -> str:
    if transfer.ground is None:
        return t("not_recorded", lang)
    return reference.label("ground", transfer.ground, lang)


def _finding_items(findings: Iterable[Finding], reference: Reference, lang: str) -> tuple[FindingItem, ...]:
    return tuple(
        FindingItem(
            severity=f.severity,
            severity_label=reference.label("severity", f.severity, lang),
            rule=f.rule,
            citation=f.citation(lang),
            message=f.message(lang),
            fix="" if f.severity == "advice" else f.fix(lang),
        )
        for f in findings
    )


def _findings_block(findings: Iterable[Finding], reference: Reference, lang: str) -> Findings:
    return Findings(
        _finding_items(findings, reference, lang),
        fix_label=t("what_to_do", lang),
        empty=t("no_findings", lang),
    )


def _recipient_line(transfer: Transfer, reference: Reference, lang: str) -> str:
    rec = transfer.recipient
    kind = reference.label("kind", rec.kind, lang)
    if rec.role:
        kind += ", " + reference.label("role", rec.role, lang)
    return f"{rec.name}\n{kind}"


def _notice_cell(transfer: Transfer) -> str:
    n = transfer.notification
    if n is None or n.sent is None:
        return DASH
    return n.sent.isoformat() + (f"\n№ {n.reference}" if n.reference else "")


def _info_cell(transfer: Transfer) -> str:
    info = transfer.recipient_info
    return _d(info.obtained if info else None)


def _version() -> str:
    from xborder import __version__

    return __version__


# -- the assessment report ---------------------------------------------------------------
def build_report(
    assessment: Assessment,
    evaluation: Evaluation,
    settings: Settings,
    reference: Reference,
    provenance: Provenance,
    lang: str,
    since_notified: SinceNotified | None = None,
) -> Document:
    """The assessment report. `since_notified` (from git, see
    `xborder.report.generate.since_notified`) adds the section of what changed since the
    authority was last notified; None leaves it out (no git, nothing notified yet)."""
    a, ev, ref = assessment, evaluation, reference
    op = a.operator
    blocks: list[Block] = []
    git_state = t(f"git_{provenance.git}", lang)
    rulebook = ref.rulebook.meta
    adequacy_meta = ref.adequacy.meta
    cover: list[tuple[str, str]] = [
        (t("operator_name", lang), op.name),
        (t("tin", lang), _v(op.tin)),
        (t("address", lang), _v(op.address)),
        (t("contact", lang), _v(op.contact)),
        (t("id", lang), a.id),
        (t("status", lang), ref.label("status", a.status, lang)),
        (t("verdict", lang), ref.label("verdict", ev.verdict, lang)),
        (t("as_of", lang), ev.as_of.isoformat()),
        (t("created", lang), a.created.isoformat()),
        (t("next_review", lang), _d(a.next_review)),
        (t("assessor", lang), _v(a.assessor)),
        (
            t("rulebook", lang),
            f"{rulebook.id or a.jurisdiction} {ev.rulebook_version} ({rulebook.as_of.isoformat()}): "
            + (rulebook.title.get(lang) or rulebook.title.get("en", "")),
        ),
        (
            t("adequacy_list", lang),
            f"{ev.adequacy_version} ({adequacy_meta.as_of.isoformat()}): "
            + (adequacy_meta.title.get(lang) or adequacy_meta.title.get("en", "")),
        ),
        (t("vocabulary", lang), f"{ref.vocabulary.meta.version} ({ref.vocabulary.meta.as_of.isoformat()})"),
    ]
    if ref.overrides:
        cover.append((t("overrides", lang), ", ".join(f"data/{p.name}" for p in ref.overrides)))
    own_list = ref.adequacy_list()["override"]
    if isinstance(own_list, dict):  # the workspace's own adequacy list: its version and source
        parts = [str(own_list["file"])] + [str(own_list[k]) for k in ("version", "source") if own_list.get(k)]
        cover.append((t("adequacy_own_list", lang), " — ".join(parts)))
    cover += [
        (t("file", lang), provenance.file),
        (t("sha256", lang), provenance.sha256),
        (t("git_commit", lang), provenance.commit or DASH),
        (t("git_state", lang), git_state),
    ]
    blocks.append(Fields(tuple(cover)))

    # summary table
    blocks.append(Heading(t("summary", lang), 1))
    if a.transfers:
        rows = []
        tones = []
        for n, (tr, res) in enumerate(zip(a.transfers, ev.transfers, strict=True), start=1):
            adequate = t("yes" if res.adequate else "no", lang)
            rows.append(
                (
                    str(n),
                    country(ref, tr.country, lang),
                    _recipient_line(tr, ref, lang),
                    ground_text(tr, ref, lang),
                    f"{adequate}\n{adequacy_text(res, ref, lang)}",
                    _info_cell(tr),
                    _notice_cell(tr),
                    _d(tr.start),
                    ref.label("verdict", res.verdict, lang),
                )
            )
            tones.append(res.verdict)
        blocks.append(
            Table(
                columns=tuple(
                    t(k, lang)
                    for k in (
                        "col_no", "col_destination", "col_recipient", "col_ground", "col_adequacy",
                        "col_info", "col_notice", "col_start", "col_verdict",
                    )
                ),
                rows=tuple(rows),
                widths=(0.4, 1.3, 1.8, 1.1, 1.8, 1.15, 1.3, 1.15, 1.4),
                tone_column=8,
                tones=tuple(tones),
                small=True,
            )
        )
    else:
        blocks.append(Paragraph(t("no_transfers", lang)))
    if ev.findings:
        blocks.append(Heading(t("general_findings", lang), 2))
        blocks.append(_findings_block(ev.findings, ref, lang))

    # what changed since the authority was last notified (clause 12.1)
    if since_notified is not None:
        sn = since_notified
        blocks.append(Heading(t("since_notified", lang), 1))
        blocks.append(
            Paragraph(
                t(
                    "since_notified_lead",
                    lang,
                    sent=sn.sent.isoformat(),
                    commit=sn.commit,
                    date=sn.commit_date.isoformat(),
                )
            )
        )
        if sn.changes:
            blocks.append(Bullets(sn.changes))
        else:
            blocks.append(Paragraph(t("since_notified_none", lang)))

    # processing context
    p = a.processing
    blocks.append(Heading(t("processing", lang), 1))
    proc: list[tuple[str, str]] = [
        (t("purposes", lang), "\n".join(p.purposes)),
        (t("subjects", lang), "\n".join(p.subjects)),
        (t("data", lang), "\n".join(data_labels(ref, p.data, (), lang))),
        (t("special", lang), "\n".join(data_labels(ref, p.special, p.special, lang)) or DASH),
        (t("az_citizens", lang), _yn(p.az_citizens, lang)),
        (t("primary_storage", lang), country(ref, p.primary_storage, lang) if p.primary_storage else DASH),
    ]
    if a.notes:
        proc.append((t("notes", lang), a.notes))
    blocks.append(Fields(tuple(proc)))

    # one section per transfer
    if a.transfers:
        blocks.append(Heading(t("transfers", lang), 1))
    for n, (tr, res) in enumerate(zip(a.transfers, ev.transfers, strict=True), start=1):
        blocks.append(
            Heading(
                f"{n}. {country(ref, tr.country, lang)} — {tr.recipient.name}",
                2,
                badge=ref.label("verdict", res.verdict, lang),
                tone=res.verdict,
            )
        )
        blocks.append(Fields(tuple(_transfer_rows(a, tr, res, ref, lang))))
        blocks.append(Heading(t("findings", lang), 3))
        blocks.append(_findings_block(res.findings, ref, lang))

    # the decision and the signatures
    if a.approval is not None:
        ap = a.approval
        blocks.append(Heading(t("approval", lang), 1))
        rows2 = [
            (t("status", lang), ref.label("status", a.status, lang)),
            (t("reviewer", lang), ap.reviewer),
            (t("decision_date", lang), ap.date.isoformat()),
        ]
        if ap.decision:
            rows2.insert(2, (t("decision", lang), ref.label("status", ap.decision, lang)))
        if ap.reason:
            rows2.append((t("reason", lang), ap.reason))
        if ap.adequacy_version:
            rows2.append((t("approved_list", lang), ap.adequacy_version))
        blocks.append(Fields(tuple(rows2)))
    blocks.append(Heading(t("signatures", lang), 1))
    blocks.append(
        Signatures(
            people=(
                (t("assessor", lang), a.assessor or ""),
                (t("reviewer", lang), a.approval.reviewer if a.approval else ""),
            ),
            date_label=t("date", lang),
            signature_label=t("signature", lang),
            name_label=t("name", lang),
            note=t("generated", lang, version=_version()),
        )
    )
    return Document(
        kind="report",
        lang=lang,
        title=a.title,
        subtitle=t("report_kind", lang),
        header_left=op.name,
        header_right=a.id,
        date=ev.as_of,
        author=op.name,
        keywords=(a.id, t("report_kind", lang)),
        blocks=tuple(blocks),
        page_label=t("page", lang),
        of_label=t("of", lang),
        labels=_labels(ref, lang),
    )


def _transfer_rows(
    a: Assessment, tr: Transfer, res: TransferResult, ref: Reference, lang: str
) -> list[tuple[str, str]]:
    rec = tr.recipient
    rows: list[tuple[str, str]] = [
        (t("transfer_id", lang), tr.id),
        (t("destination", lang), country(ref, tr.country, lang)),
        (t("recipient", lang), rec.name),
        (t("kind", lang), ref.label("kind", rec.kind, lang)),
        (t("role", lang), ref.label("role", rec.role, lang) if rec.role else DASH),
        (t("address", lang), _v(rec.address)),
        (t("contact", lang), _v(rec.contact)),
    ]
    if rec.agreement:
        rows.append((t("agreement", lang), rec.agreement))
    rows += [
        (t("transfer_data", lang), "\n".join(data_labels(ref, tr.data_keys(a.processing), a.processing.special, lang))),
        (t("ground", lang), ground_text(tr, ref, lang)),
    ]
    if tr.ground == "consent" or tr.consent is not None:
        c = tr.consent
        rows.append((t("consent_written", lang), _yn(c.written if c else None, lang)))
        rows.append((t("consent_ref", lang), _v(c.reference if c else None)))
    if tr.ground == "contract" or tr.contract is not None:
        k = tr.contract
        rows.append((t("contract_party", lang), _yn(k.subject_is_party if k else None, lang)))
        rows.append((t("contract_ref", lang), _v(k.reference if k else None)))
    rows += [
        (t("adequacy", lang), t("yes" if res.adequate else "no", lang)),
        (t("adequacy_source", lang), adequacy_text(res, ref, lang)),
        (t("security", lang), _yn(tr.national_security_risk, lang)),
        (t("start", lang), _d(tr.start)),
    ]
    info = tr.recipient_info
    rows += [
        (t("info_obtained", lang), _d(info.obtained if info else None)),
        (t("info_measures", lang), _v(info.measures if info else None)),
        (t("info_termination", lang), _v(info.termination if info else None)),
    ]
    if info and info.evidence:
        rows.append((t("info_evidence", lang), "\n".join(info.evidence)))
    n = tr.notification
    rows += [
        (t("notice_sent", lang), _d(n.sent if n else None)),
        (t("notice_ref", lang), _v(n.reference if n else None)),
        (t("notice_separate", lang), _yn(n.separate if n else None, lang)),
        (t("notice_ack", lang), _d(n.acknowledged if n else None)),
    ]
    if tr.notes:
        rows.append((t("notes", lang), tr.notes))
    return rows


# -- the notice to the authority ---------------------------------------------------------
def _date_text(iso: str, lang: str) -> str:
    """A date in a letter: 05.11.2026 in Azerbaijani (GLOSSARY-az.md), ISO in English."""
    if lang != "az":
        return iso
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def _coverage_words(tr: Transfer, a: Assessment, ref: Reference, lang: str) -> str:
    """What changed since the earlier notice, for the letter: countries by name, data by label."""
    parts = []
    for what, old, new in tr.coverage_changes(a.processing):
        if what == "country":
            parts.append(t("notice_changed_country", lang, old=country(ref, old, lang), new=country(ref, new, lang)))
        elif what == "recipient":
            parts.append(t("notice_changed_recipient", lang, old=old, new=new))
        else:
            labels = ", ".join(ref.data_label(key, lang) for key in new.split(",") if key)
            parts.append(t("notice_changed_data", lang, new=labels))
    return "; ".join(parts)


def build_notice(
    assessment: Assessment,
    evaluation: Evaluation,
    settings: Settings,
    reference: Reference,
    provenance: Provenance,
    lang: str,
    transfers: Sequence[Transfer],
    gaps: Sequence[Gap] = (),
) -> Document:
    """The prior notice of intention (clause 12.1) for `transfers`. With `gaps`, the
    document is a visibly marked DRAFT listing them."""
    a, ref = assessment, reference
    op = a.operator
    auth = settings.authority
    blocks: list[Block] = []
    if gaps:
        blocks.append(Callout(t("notice_not_ready", lang), tuple(g.message(lang) for g in gaps)))
    blocks.append(Fields(((t("notice_to", lang), f"{auth.name}\n{auth.address}".strip()),
                          (t("notice_from", lang), f"{op.name}\n{_v(op.address)}"))))
    blocks.append(Paragraph(t("notice_intro", lang), "lead"))
    for tr in transfers:  # a new notice for a transfer changed since its notice amends that one
        earlier = amended_notice(tr, a)
        if earlier is not None:
            date, number = earlier
            key = "notice_amends_ref" if number else "notice_amends"
            changes = _coverage_words(tr, a, ref, lang)
            blocks.append(Paragraph(t(key, lang, date=_date_text(date, lang), ref=number,
                                      who=f"{tr.recipient.name}, {country(ref, tr.country, lang)}",
                                      changes=changes)))

    blocks.append(Heading(t("notice_operator", lang), 1))
    blocks.append(
        Fields(
            (
                (t("operator_name", lang), op.name),
                (t("tin", lang), _v(op.tin)),
                (t("address", lang), _v(op.address)),
                (t("contact", lang), _v(op.contact)),
                (t("responsible", lang), _v(responsible_person(a, settings))),
            )
        )
    )

    p = a.processing
    sent_keys: list[str] = []
    for tr in transfers:
        for key in tr.data_keys(p):
            if key not in sent_keys:
                sent_keys.append(key)
    blocks.append(Heading(t("notice_processing", lang), 1))
    blocks.append(
        Fields(
            (
                (t("purposes", lang), "\n".join(p.purposes)),
                (t("subjects", lang), "\n".join(p.subjects)),
                (t("data", lang), "\n".join(data_labels(ref, sent_keys, p.special, lang)) or DASH),
            )
        )
    )

    blocks.append(Heading(t("notice_destinations", lang), 1))
    by_country: dict[str, list[Transfer]] = {}
    for tr in transfers:
        by_country.setdefault(tr.country, []).append(tr)
    for code, group in by_country.items():
        blocks.append(Heading(t("notice_state", lang, country=country(ref, code, lang)), 2))
        for tr in group:
            rec = tr.recipient
            info = tr.recipient_info
            obtained = info.obtained if info else None
            summary = [
                t("notice_info_on", lang, date=obtained.isoformat()) if obtained else t("not_yet", lang)
            ]
            if info and info.measures:
                summary.append(f"{t('info_measures', lang)}: {info.measures}")
            if info and info.termination:
                summary.append(f"{t('info_termination', lang)}: {info.termination}")
            kind = ref.label("kind", rec.kind, lang) + (
                ", " + ref.label("role", rec.role, lang) if rec.role else ""
            )
            blocks.append(
                Fields(
                    (
                        (t("recipient", lang), rec.name),
                        (t("kind", lang), kind),
                        (t("address", lang), _v(rec.address)),
                        (t("contact", lang), _v(rec.contact)),
                        (t("transfer_data", lang), "\n".join(data_labels(ref, tr.data_keys(p), p.special, lang))),
                        (t("notice_ground_of", lang), _notice_ground(tr, evaluation, ref, lang)),
                        (t("notice_planned", lang), _d(tr.start)),
                        (t("notice_info", lang), "\n".join(summary)),
                    )
                )
            )

    section = 4
    if len(by_country) > 1:  # with one destination state, section 3 says it all
        blocks.append(Heading(t("notice_summary", lang, n=str(section)), 1))
        section += 1
        rows = []
        for code, group in by_country.items():
            rows.append(
                (
                    country(ref, code, lang),
                    "\n".join(tr.recipient.name for tr in group),
                    "\n".join(ground_text(tr, ref, lang) for tr in group),
                    "\n".join(_d(tr.start) for tr in group),
                    "\n".join(_info_cell(tr) for tr in group),
                )
            )
        blocks.append(
            Table(
                columns=(
                    t("col_destination", lang),
                    t("col_recipient", lang),
                    t("col_ground", lang),
                    t("notice_planned", lang),
                    t("col_info", lang),
                ),
                rows=tuple(rows),
                widths=(1.4, 2.0, 1.6, 1.1, 1.3),
                small=True,
            )
        )

    blocks.append(Heading(t("notice_sign", lang, n=str(section)), 1))
    blocks.append(
        Signatures(
            people=((t("notice_signed_by", lang), responsible_person(a, settings)),),
            date_label=t("date", lang),
            signature_label=t("signature", lang),
            name_label=t("name", lang),
            note=t("notice_reference", lang, id=a.id, sha=provenance.sha256),
        )
    )
    return Document(
        kind="notice",
        lang=lang,
        title=t("notice_title", lang),
        subtitle="",
        header_left=op.name,
        header_right=a.id,
        date=evaluation.as_of,
        author=op.name,
        keywords=(a.id, t("notice_kind", lang)),
        blocks=tuple(blocks),
        draft=t("draft", lang) if gaps else "",
        page_label=t("page", lang),
        of_label=t("of", lang),
        labels=_labels(ref, lang),
    )


def _notice_ground(tr: Transfer, evaluation: Evaluation, ref: Reference, lang: str) -> str:
    text = ground_text(tr, ref, lang)
    if tr.ground == "consent" and tr.consent and tr.consent.reference:
        text += f" ({tr.consent.reference})"
    elif tr.ground == "contract" and tr.contract and tr.contract.reference:
        text += f" ({tr.contract.reference})"
    elif tr.ground == "adequacy":
        res = evaluation.transfer(tr.id)
        if res is not None:
            text += f" ({adequacy_text(res, ref, lang)})"
    return text


# -- the register ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """One transfer of one assessment, as the register lists it."""

    assessment: Assessment
    transfer: Transfer
    result: TransferResult


def register_entries(
    pairs: Iterable[tuple[Assessment, Evaluation]],
    verdicts: Iterable[str] = (),
    countries: Iterable[str] = (),
) -> list[RegisterEntry]:
    """Every transfer of every assessment, in file order, filtered by transfer verdict
    and destination country (empty filter = everything)."""
    want_v = set(verdicts)
    want_c = {c.upper() for c in countries}
    out = []
    for a, ev in pairs:
        for tr, res in zip(a.transfers, ev.transfers, strict=True):
            if want_v and res.verdict not in want_v:
                continue
            if want_c and tr.country not in want_c:
                continue
            out.append(RegisterEntry(a, tr, res))
    return out


def register_record(entry: RegisterEntry) -> dict[str, Any]:
    """One register row for other systems (CSV and JSON): keys and codes, no labels."""
    a, tr, res = entry.assessment, entry.transfer, entry.result
    info, n = tr.recipient_info, tr.notification
    return {
        "assessment": a.id,
        "title": a.title,
        "status": a.status,
        "operator": a.operator.name,
        "transfer": tr.id,
        "country": tr.country,
        "recipient": tr.recipient.name,
        "recipient_kind": tr.recipient.kind,
        "recipient_role": tr.recipient.role,
        "data": tr.data_keys(a.processing),
        "ground": tr.ground,
        "adequate": res.adequate,
        "recipient_info_obtained": info.obtained.isoformat() if info and info.obtained else None,
        "notification_sent": n.sent.isoformat() if n and n.sent else None,
        "notification_reference": n.reference if n and n.reference else None,
        "start": tr.start.isoformat() if tr.start else None,
        "verdict": res.verdict,
        "next_review": a.next_review.isoformat() if a.next_review else None,
    }


def build_register(
    entries: Sequence[RegisterEntry],
    invalid: Sequence[tuple[str, str]],
    settings: Settings,
    reference: Reference,
    as_of: dt.date,
    lang: str,
    verdicts: Sequence[str] = (),
    countries: Sequence[str] = (),
) -> Document:
    ref = reference
    blocks: list[Block] = [Paragraph(t("register_intro", lang, date=as_of.isoformat()), "lead")]
    filters = []
    if verdicts:
        filters.append(f"{t('verdicts', lang)}: " + ", ".join(ref.label("verdict", v, lang) for v in verdicts))
    if countries:
        filters.append(f"{t('countries', lang)}: " + ", ".join(country(ref, c.upper(), lang) for c in countries))
    n_assessments = len({e.assessment.id for e in entries})
    blocks.append(
        Fields(
            (
                (t("register_filter", lang), "; ".join(filters) if filters else t("register_all", lang)),
                (t("as_of", lang), as_of.isoformat()),
                (t("rulebook", lang), f"{ref.rulebook.meta.id or 'az'} {ref.rulebook.meta.version}"),
                (t("adequacy_list", lang), ref.adequacy_version),
                ("", t("register_count", lang, n=str(len(entries)), m=str(n_assessments))),
            )
        )
    )
    if entries:
        rows = []
        for e in entries:
            a, tr = e.assessment, e.transfer
            rows.append(
                (
                    f"{a.id}\n{tr.id}",
                    country(ref, tr.country, lang),
                    _recipient_line(tr, ref, lang),
                    ", ".join(data_labels(ref, tr.data_keys(a.processing), a.processing.special, lang)),
                    ground_text(tr, ref, lang),
                    _notice_cell(tr),
                    _d(tr.start),
                    ref.label("verdict", e.result.verdict, lang),
                    _d(a.next_review),
                )
            )
        blocks.append(
            Table(
                columns=tuple(
                    t(k, lang)
                    for k in (
                        "col_assessment", "col_destination", "col_recipient", "col_data", "col_ground",
                        "col_notice", "col_start", "col_verdict", "col_review",
                    )
                ),
                rows=tuple(rows),
                widths=(1.6, 1.2, 1.7, 2.6, 1.1, 1.1, 0.9, 1.0, 0.9),
                tone_column=7,
                tones=tuple(e.result.verdict for e in entries),
                small=True,
            )
        )
    else:
        blocks.append(Paragraph(t("register_empty", lang)))
    if invalid:
        blocks.append(Heading(t("register_invalid", lang), 2))
        blocks.append(Bullets(tuple(f"{name}: {message}" for name, message in invalid)))
    operator = settings.operator.name or ""
    return Document(
        kind="register",
        lang=lang,
        title=t("register_title", lang),
        subtitle=operator,
        header_left=operator,
        header_right=t("register_kind", lang),
        date=as_of,
        author=operator,
        keywords=(t("register_kind", lang),),
        blocks=tuple(blocks),
        landscape=True,
        page_label=t("page", lang),
        of_label=t("of", lang),
        labels=_labels(ref, lang),
    )


# -- the subject statement ---------------------------------------------------------------
def build_statement(
    assessment: Assessment,
    evaluation: Evaluation,
    settings: Settings,
    reference: Reference,
    lang: str,
) -> Document:
    """A plain-language answer to a data subject (001 §8.1): which countries, which
    recipients, which data, on what ground."""
    a, ref = assessment, reference
    op = a.operator
    blocks: list[Block] = [
        Paragraph(t("statement_intro", lang, operator=op.name, title=a.title), "lead"),
    ]
    if a.status in ("rejected", "withdrawn"):
        blocks.append(Paragraph(t("statement_inactive", lang, status=ref.label("status", a.status, lang))))
    blocks.append(Heading(t("statement_purposes", lang), 2))
    blocks.append(Bullets(tuple(a.processing.purposes)))
    blocks.append(Heading(t("statement_where", lang), 2))
    if a.transfers:
        rows = []
        for tr, res in zip(a.transfers, evaluation.transfers, strict=True):
            rec = tr.recipient
            who = rec.name
            if rec.role:
                who += "\n" + t(f"plain_{rec.role}", lang)
            if tr.start is None:
                since = t("statement_no_date", lang)
            elif tr.start <= evaluation.as_of:
                since = t("statement_started", lang, date=tr.start.isoformat())
            else:
                since = t("statement_planned", lang, date=tr.start.isoformat())
            rows.append(
                (
                    ref.country_name(tr.country, lang),
                    who,
                    ", ".join(data_labels(ref, tr.data_keys(a.processing), a.processing.special, lang)),
                    _plain_ground(tr, res, ref, lang),
                    since,
                )
            )
        blocks.append(
            Table(
                columns=tuple(
                    t(k, lang)
                    for k in ("statement_country", "statement_recipient", "statement_data", "statement_ground", "statement_since")
                ),
                rows=tuple(rows),
                widths=(1.1, 1.9, 2.0, 2.2, 1.2),
            )
        )
    else:
        blocks.append(Paragraph(t("statement_none", lang)))
    contact = ", ".join(x for x in (op.contact, op.address) if x) or op.name
    blocks.append(Paragraph(t("statement_questions", lang, contact=contact)))
    blocks.append(Fields(((t("date", lang), evaluation.as_of.isoformat()), (t("operator", lang), op.name))))
    return Document(
        kind="statement",
        lang=lang,
        title=t("statement_title", lang),
        subtitle=op.name,
        header_left=op.name,
        header_right=t("statement_kind", lang),
        date=evaluation.as_of,
        author=op.name,
        keywords=(a.id, t("statement_kind", lang)),
        blocks=tuple(blocks),
        page_label=t("page", lang),
        of_label=t("of", lang),
        labels=_labels(ref, lang),
    )


def _plain_ground(tr: Transfer, res: TransferResult, ref: Reference, lang: str) -> str:
    if tr.ground == "adequacy" and res.adequate:
        entry = ref.adequacy.countries.get(tr.country)
        if res.adequacy.overridden:
            basis = res.adequacy.source
        elif entry is not None and entry.basis == "coe108":
            basis = t("adq_coe108", lang)
        else:
            basis = t("adq_listed", lang)
        return t("plain_adequacy", lang, country=ref.country_name(tr.country, lang), basis=basis)
    if tr.ground == "adequacy":
        return t("plain_adequacy_unconfirmed", lang)
    if tr.ground in ("consent", "contract"):
        return t(f"plain_{tr.ground}", lang)
    if tr.ground is None:
        return t("plain_no_ground", lang)
    return ref.label("ground", tr.ground, lang)

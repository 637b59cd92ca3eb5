"""Builders: (assessment, evaluation, settings, reference, provenance) -> Document.

Pure functions: no I/O, no clock (the as-of date is the evaluation's), no absolute paths.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from xborder.i18n import ordinal
from xborder.i18n.documents import t, tn
from xborder.model.document import (
    Block,
    Bullets,
    Closing,
    Document,
    Fields,
    Heading,
    Paragraph,
    Signatures,
    SinceNotified,
    Table,
)
from xborder.report.provenance import Provenance
from xborder.rules.present import (
    DASH,
    adequacy_text,
    country,
    data_labels,
    date_or_dash,
    findings_block,
    ground_text,
    info_cell,
    notice_cell,
    recipient_line,
    value_or_dash,
    verdict_labels,
    yes_no,
)

if TYPE_CHECKING:
    from xborder.model.assessment import Assessment, Transfer
    from xborder.model.workspace import Settings
    from xborder.reference import Reference
    from xborder.rules.engine import Evaluation, Finding, TransferResult

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
        (t("tin", lang), value_or_dash(op.tin)),
        (t("address", lang), value_or_dash(op.address)),
        (t("contact", lang), value_or_dash(op.contact)),
        (t("id", lang), a.id),
        (t("status", lang), ref.label("status", a.status, lang)),
        (t("verdict", lang), ref.label("verdict", ev.verdict, lang)),
        (t("as_of", lang), ev.as_of.isoformat()),
        (t("created", lang), a.created.isoformat()),
        (t("next_review", lang), date_or_dash(a.next_review)),
        (t("assessor", lang), value_or_dash(a.assessor)),
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

    # the executive summary: what stands in the way, what to do, who, by when
    blocks.extend(_executive_summary(a, ev, ref, settings, lang))

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
                    recipient_line(tr, ref, lang),
                    ground_text(tr, ref, lang),
                    f"{adequate}\n{adequacy_text(res, ref, lang)}",
                    info_cell(tr),
                    notice_cell(tr),
                    date_or_dash(tr.start),
                    ref.label("verdict", res.verdict, lang),
                    _reason(res.findings, res.verdict, lang),
                )
            )
            tones.append(res.verdict)
        blocks.append(
            Table(
                columns=tuple(
                    t(k, lang)
                    for k in (
                        "col_no", "col_destination", "col_recipient", "col_ground", "col_adequacy",
                        "col_info", "col_notice", "col_start", "col_verdict", "col_reason",
                    )
                ),
                rows=tuple(rows),
                widths=(0.35, 1.15, 1.6, 1.0, 1.6, 1.0, 1.15, 1.0, 1.3, 1.6),
                tone_column=8,
                tones=tuple(tones),
                small=True,
            )
        )
    else:
        blocks.append(Paragraph(t("no_transfers", lang)))
    if ev.findings:
        blocks.append(Heading(t("general_findings", lang), 2))
        blocks.append(findings_block(ev.findings, ref, lang))

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
        (t("az_citizens", lang), yes_no(p.az_citizens, lang)),
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
        blocks.append(findings_block(res.findings, ref, lang))

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
    # annex: the adequacy list the verdicts rely on: its source and its own caveat, in full
    blocks.append(Heading(t("adequacy_list", lang), 1))
    meta = ref.adequacy.meta
    blocks.append(
        Fields(
            (
                (t("adequacy_list", lang), f"{ev.adequacy_version} ({meta.as_of.isoformat()})\n"
                 + (meta.title.get(lang) or meta.title.get("en", ""))),
                (t("adequacy_list_source", lang), meta.source or DASH),
                (t("adequacy_list_caveat", lang), meta.note.get(lang) or meta.note.get("en", "") or DASH),
            )
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
        # anything not approved is a draft (GLOSSARY-az: LAYİHƏ), drawn outside the text layer
        draft=t("draft", lang) if a.status != "approved" else "",
        page_label=t("page", lang),
        of_label=t("of", lang),
        labels=verdict_labels(ref, lang),
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
        (t("address", lang), value_or_dash(rec.address)),
        (t("contact", lang), value_or_dash(rec.contact)),
    ]
    if rec.agreement:
        rows.append((t("agreement", lang), rec.agreement))
    if rec.ref:  # the values above and below not stated in the assessment come from the catalogue
        rows.append((t("recipient_record", lang), t("recipient_record_value", lang, ref=rec.ref)))
    rows += [
        (t("transfer_data", lang), "\n".join(data_labels(ref, tr.data_keys(a.processing), a.processing.special, lang))),
        (t("ground", lang), ground_text(tr, ref, lang)),
    ]
    if tr.ground == "consent" or tr.consent is not None:
        c = tr.consent
        rows.append((t("consent_written", lang), yes_no(c.written if c else None, lang)))
        rows.append((t("consent_ref", lang), value_or_dash(c.reference if c else None)))
    if tr.ground == "contract" or tr.contract is not None:
        k = tr.contract
        rows.append((t("contract_party", lang), yes_no(k.subject_is_party if k else None, lang)))
        rows.append((t("contract_ref", lang), value_or_dash(k.reference if k else None)))
    rows += [
        (t("adequacy", lang), t("yes" if res.adequate else "no", lang)),
        (t("adequacy_source", lang), adequacy_text(res, ref, lang)),
        (t("security", lang), yes_no(tr.national_security_risk, lang)),
        (t("start", lang), date_or_dash(tr.start)),
    ]
    info = tr.recipient_info
    rows += [
        (t("info_obtained", lang), date_or_dash(info.obtained if info else None)),
        (t("info_measures", lang), value_or_dash(info.measures if info else None)),
        (t("info_termination", lang), value_or_dash(info.termination if info else None)),
    ]
    if info and info.evidence:
        rows.append((t("info_evidence", lang), "\n".join(info.evidence)))
    if info and info.source:
        rows.append((t("info_source", lang), info.source))
    n = tr.notification
    rows += [
        (t("notice_sent", lang), date_or_dash(n.sent if n else None)),
        (t("notice_ref", lang), value_or_dash(n.reference if n else None)),
        (t("notice_separate", lang), yes_no(n.separate if n else None, lang)),
        (t("notice_ack", lang), date_or_dash(n.acknowledged if n else None)),
    ]
    if tr.notes:
        rows.append((t("notes", lang), tr.notes))
    return rows


# -- the notice to the authority ---------------------------------------------------------
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
    jurisdictions: Sequence[str] = (),
) -> Document:
    ref = reference
    blocks: list[Block] = [Paragraph(t("register_intro", lang, date=as_of.isoformat()), "lead")]
    filters = []
    if verdicts:
        filters.append(f"{t('verdicts', lang)}: " + ", ".join(ref.label("verdict", v, lang) for v in verdicts))
    if countries:
        filters.append(f"{t('countries', lang)}: " + ", ".join(country(ref, c.upper(), lang) for c in countries))
    if jurisdictions:
        filters.append(f"{t('rulebooks', lang)}: " + ", ".join(jurisdictions))
    n_assessments = len({e.assessment.id for e in entries})
    blocks.append(
        Fields(
            (
                (t("register_filter", lang), "; ".join(filters) if filters else t("register_all", lang)),
                (t("as_of", lang), as_of.isoformat()),
                (t("rulebook", lang), f"{ref.rulebook.meta.id or 'az'} {ref.rulebook.meta.version}"),
                (t("adequacy_list", lang), ref.adequacy_version),
                ("", tn("register_count", len(entries), lang, where=tn("register_count_where", n_assessments, lang))),
            )
        )
    )
    if entries:
        rows = []
        tones = []
        for e in entries:
            a, tr = e.assessment, e.transfer
            live = a.status not in ("rejected", "withdrawn")
            verdict = ref.label("verdict", e.result.verdict, lang)
            rows.append(
                (
                    a.operator.name,
                    f"{a.id}\n{tr.id}",
                    country(ref, tr.country, lang),
                    recipient_line(tr, ref, lang),
                    ", ".join(data_labels(ref, tr.data_keys(a.processing), a.processing.special, lang)),
                    _register_ground(tr, e.result, ref, lang),
                    notice_cell(tr),
                    date_or_dash(tr.start),
                    ref.label("status", a.status, lang) + ("" if live else "\n" + t("register_not_live", lang)),
                    verdict if live else f"({verdict})",
                    date_or_dash(a.next_review),
                )
            )
            # a rejected or withdrawn assessment's rows are not live: not coloured as verdicts
            tones.append(e.result.verdict if live else "")
        blocks.append(
            Table(
                columns=tuple(
                    t(k, lang)
                    for k in (
                        "col_operator", "col_assessment", "col_destination", "col_recipient", "col_data",
                        "col_ground", "col_notice", "col_start", "col_status", "col_verdict", "col_review",
                    )
                ),
                rows=tuple(rows),
                widths=(1.2, 1.4, 1.1, 1.5, 2.1, 1.2, 1.0, 0.85, 1.0, 1.0, 0.85),
                tone_column=9,
                tones=tuple(tones),
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
        labels=verdict_labels(ref, lang),
    )


# -- the subject statement ---------------------------------------------------------------
def _access_right(assessment: Assessment, reference: Reference, lang: str) -> str:
    """The subject's right the statement answers: the operator's own clause on it where
    its policy profile maps one, else the right named without a clause (no other
    company's clause number is ever presented as the operator's)."""
    profile = reference.profile(assessment.operator.policy)
    clause = profile.clauses.get("subject_information") if profile is not None else None
    if clause is None:
        return t("statement_right", lang)
    return t("statement_right_policy", lang, clause=ordinal(lang, clause))


def build_statement(
    assessment: Assessment,
    evaluation: Evaluation,
    settings: Settings,
    reference: Reference,
    lang: str,
    requester: str = "",
    request_date: dt.date | None = None,
) -> Document:
    """A plain-language answer to a data subject (001 §8.1), in the first person plural:
    to whom, in reply to which request, which countries, which recipients, which data,
    on what ground -- a ground only where it holds -- and who signs it. `requester` and
    `request_date` left out print blank lines to fill in by hand."""
    from xborder.rules.present import letter_date
    from xborder.rules.readiness import signatory

    a, ref = assessment, reference
    op = a.operator
    blank = "________"
    blocks: list[Block] = [
        Fields(
            (
                (t("statement_to", lang), requester.strip() or blank),
                (t("statement_request", lang), letter_date(request_date) if request_date else blank),
                (t("statement_reply", lang), letter_date(evaluation.as_of)),
            )
        ),
        Paragraph(t("statement_intro", lang, title=a.title, right=_access_right(a, ref, lang)), "lead"),
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
            holds = _ground_holds(tr, res, ref)
            if not holds:
                # never presented as lawful: no ground, no "since", the state it is in
                since = t("statement_not_permitted", lang)
            elif tr.start is None:
                since = t("statement_no_date", lang)
            elif tr.start <= evaluation.as_of:
                since = t("statement_started", lang, date=letter_date(tr.start))
            else:
                since = t("statement_planned", lang, date=letter_date(tr.start))
            rows.append(
                (
                    ref.country_name(tr.country, lang),
                    who,
                    ", ".join(data_labels(ref, tr.data_keys(a.processing), a.processing.special, lang)),
                    _plain_ground(tr, res, ref, lang) if holds else t("plain_not_established", lang),
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
    contact = "; ".join(x for x in (op.contact, op.address) if x)
    position, name = signatory(a, settings)
    blocks.append(
        Closing(
            text=t("statement_questions", lang, contact=contact),
            enclosures_label="",
            enclosures=(),
            regards=t("notice_regards", lang),
            position=f"{position or blank}\n{op.name}",
            name=name or blank,
            signature_label=t("signature", lang),
            seal="",
        )
    )
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
        labels=verdict_labels(ref, lang),
    )


_DECISIVE = {"blocked": "blocker", "invalid": "blocker", "incomplete": "missing", "pending": "pending"}


def _reason(findings: Sequence[Finding], verdict: str, lang: str) -> str:
    """Why the verdict is what it is: the titles of the findings that decide it."""
    severity = _DECISIVE.get(verdict)
    titles = list(dict.fromkeys(f.title(lang) for f in findings if f.severity == severity))
    return "\n".join(titles) or DASH


def _executive_summary(a: Assessment, ev: Evaluation, ref: Reference, settings: Settings, lang: str) -> list[Block]:
    """Page 1: each finding that stands in the way (blocked, missing, pending) with what
    to do, who is responsible and by when the transfer is due to start."""
    from xborder.rules.readiness import responsible_person

    items: list[str] = []
    for f in ev.findings:
        if f.severity in ("blocker", "missing", "pending"):
            items.append(f"{f.title(lang)}: {f.fix(lang)}")
    for tr, res in zip(a.transfers, ev.transfers, strict=True):
        for f in res.findings:
            if f.severity not in ("blocker", "missing", "pending"):
                continue
            when = f" ({t('exec_by', lang, date=tr.start.isoformat())})" if tr.start and f.severity != "blocker" else ""
            items.append(f"{country(ref, tr.country, lang)}, {tr.recipient.name} — {f.title(lang)}{when}: {f.fix(lang)}")
    blocks: list[Block] = [Heading(t("exec_summary", lang), 1)]
    if not items:
        blocks.append(Paragraph(t("exec_nothing", lang, verdict=ref.label("verdict", ev.verdict, lang))))
        return blocks
    who = responsible_person(a, settings) or a.assessor or DASH
    blocks.append(Paragraph(t("exec_lead", lang, verdict=ref.label("verdict", ev.verdict, lang), who=who)))
    blocks.append(Bullets(tuple(items)))
    return blocks


def _register_ground(tr: Transfer, res: TransferResult, ref: Reference, lang: str) -> str:
    """The ground as it holds: its name, and where the record shows it does not hold
    (consent not in writing, a contract the subject is not party to, adequacy not found),
    that it is not established."""
    text = ground_text(tr, ref, lang)
    if tr.ground is None:
        return text
    failed = (
        (tr.ground == "consent" and not (tr.consent is not None and tr.consent.written is True))
        or (tr.ground == "contract" and not (tr.contract is not None and tr.contract.subject_is_party is True))
        or (tr.ground == "adequacy" and not res.adequate)
    )
    return f"{text}\n({t('ground_not_established', lang)})" if failed else text


def _sentence_country(ref: Reference, code: str, lang: str) -> str:
    """A state's name opening a sentence: "The United States", "Ireland"."""
    from xborder.rules.engine import the_country

    name = the_country(ref.country_name(code, lang), code, lang)
    return name[:1].upper() + name[1:]


def _ground_holds(tr: Transfer, res: TransferResult, ref: Reference) -> bool:
    """Whether the statement may name the transfer's ground: the transfer is not blocked,
    incomplete or invalid, and its ground is established as recorded (consent recorded as
    written; a contract the subject is party to; adequacy found by the rules)."""
    if res.verdict not in ("permitted", "pending"):
        return False
    if tr.ground == "consent":
        return tr.consent is not None and tr.consent.written is True
    if tr.ground == "contract":
        return tr.contract is not None and tr.contract.subject_is_party is True
    if tr.ground == "adequacy":
        return res.adequate
    return False


def _plain_ground(tr: Transfer, res: TransferResult, ref: Reference, lang: str) -> str:
    if tr.ground == "adequacy" and res.adequate:
        entry = ref.adequacy.countries.get(tr.country)
        if entry is not None and not entry.verified and not res.adequacy.overridden:
            meta = ref.adequacy.meta
            return t(
                "plain_adequacy_unverified",
                lang,
                country=_sentence_country(ref, tr.country, lang),
                basis=t("adq_coe108", lang) if entry.basis == "coe108" else (entry.basis or t("adq_listed", lang)),
                date=meta.as_of.strftime("%d.%m.%Y"),
            )
        entry = ref.adequacy.countries.get(tr.country)
        if res.adequacy.overridden:
            basis = res.adequacy.source
        elif entry is not None and entry.basis == "coe108":
            basis = t("adq_coe108", lang)
        else:
            basis = t("adq_listed", lang)
        return t("plain_adequacy", lang, country=_sentence_country(ref, tr.country, lang), basis=basis)
    if tr.ground == "adequacy":
        return t("plain_adequacy_unconfirmed", lang)
    if tr.ground in ("consent", "contract"):
        return t(f"plain_{tr.ground}", lang)
    if tr.ground is None:
        return t("plain_no_ground", lang)
    return ref.label("ground", tr.ground, lang)

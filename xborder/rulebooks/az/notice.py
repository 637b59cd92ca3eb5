"""The az rulebook's notice to the authority: the prior notice of intention to carry out
cross-border transfers (the commitment `notify_authority`), with the information obtained
from each recipient before it (`recipient_information`). A pure function of the
assessment, its evaluation and the workspace's settings, building the document model that
the report layer renders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from xborder.i18n import ordinal
from xborder.i18n.documents import t
from xborder.model.document import (
    Block,
    Callout,
    Closing,
    Document,
    Fields,
    Heading,
    Letterhead,
    Paragraph,
    Table,
)
from xborder.rules.present import (
    DASH,
    adequacy_text,
    country,
    data_labels,
    ground_text,
    letter_date,
    value_or_dash,
    verdict_labels,
)
from xborder.rules.readiness import (
    Gap,
    Letter,
    amended_notice,
    intent_notice,
    responsible_person,
    signatory,
)

if TYPE_CHECKING:
    from xborder.model.assessment import Assessment, Transfer
    from xborder.model.workspace import Authority, Settings
    from xborder.reference import Reference
    from xborder.rules.engine import Evaluation


def authority(settings: Settings, reference: Reference, lang: str) -> Authority:
    """The addressee: the workspace's [authority] where it names one, else the authority
    of the rulebook's data ([meta.authority] of rulebook_az.toml)."""
    from xborder.model.workspace import Authority

    own = settings.authority
    default = reference.rulebook.meta.authority
    name = own.name or (default.name.get(lang) or default.name.get("az", "") if default else "")
    address = own.address or (default.address.get(lang) or default.address.get("az", "") if default else "")
    if own.dative:
        dative = own.dative
    elif default is not None and (not own.name or own.name.strip() in default.name.values()):
        dative = default.dative.get(lang) or default.dative.get("az", "")
    else:
        dative = ""
    return Authority(name=name, address=address, dative=dative or name)


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


def _basis(assessment: Assessment, reference: Reference, lang: str) -> dict[str, str]:
    """What the notice says it is sent under: the operator's own policy clause for the
    commitment where its profile maps one, else the Law; and the clause on the
    recipients' information, only where the operator's policy has one."""
    profile = reference.profile(assessment.operator.policy)
    clauses = profile.clauses if profile is not None else {}
    notify = clauses.get("notify_authority")
    if notify is not None:
        basis = t("notice_basis_policy", lang, clause=ordinal(lang, notify))
    else:
        law = reference.rulebook.meta.law
        basis = (law.dative.get(lang) or law.dative.get("en", "")) if law is not None else ""
    info = clauses.get("recipient_information")
    info_basis = t("notice_info_basis", lang, clause=ordinal(lang, info)) if info is not None else ""
    return {"basis": basis, "info_basis": info_basis}


def _enclosures(transfers: Sequence[Transfer], lang: str) -> tuple[str, ...]:
    """The recorded evidence of the information obtained from each recipient, one line
    per file (its name, not its path in the workspace)."""
    out: list[str] = []
    for tr in transfers:
        info = tr.recipient_info
        for path in info.evidence if info and info.evidence else ():
            name = path.replace("\\", "/").rsplit("/", 1)[-1]
            line = t("notice_enclosure", lang, recipient=tr.recipient.name, file=name)
            if line not in out:
                out.append(line)
    return tuple(f"{i}. {line}" for i, line in enumerate(out, 1))


def build_notice(
    assessment: Assessment,
    evaluation: Evaluation,
    settings: Settings,
    reference: Reference,
    sha256: str,
    lang: str,
    transfers: Sequence[Transfer],
    gaps: Sequence[Gap] = (),
    letter: Letter | None = None,
) -> Document:
    """The prior notice of intention to the authority for `transfers`, as an official
    letter (GLOSSARY-az: letterhead, outgoing number and date, the addressee in the
    dative, subject, body, enclosures, "Hörmətlə,", signatory, M.Y.). With `gaps`, the
    document is a visibly marked draft listing them. It cites the operator's own policy
    clause where its profile maps one, else the Law (FORMAT.md: letters to the authority)."""
    a, ref = assessment, reference
    op = a.operator
    auth = authority(settings, ref, lang)
    blank = "________"
    number = letter.number if letter and letter.number else ""
    date = letter.date if letter else None
    details = [f"{t('tin', lang)}: {op.tin}" if op.tin else "", value_or_dash(op.address)]
    if op.contact:
        details.append(op.contact)
    blocks: list[Block] = [
        Letterhead(
            sender=op.name,
            details=tuple(d for d in details if d),
            number=f"№ {number or blank}",
            date=letter_date(date) if date else blank,
            addressee=auth.dative or auth.name,
            address=auth.address,
            subject=t("notice_subject", lang),
            salutation=settings.authority.salutation,
        )
    ]
    if gaps:
        blocks.append(Callout(t("notice_not_ready", lang), tuple(g.message(lang) for g in gaps)))
    intent_number, intent_date = intent_notice(a, settings)
    blocks.append(
        Paragraph(
            t(
                "notice_intro",
                lang,
                intent_number=intent_number or blank,
                intent_date=letter_date(intent_date) if intent_date else blank,
                **_basis(a, ref, lang),
            )
        )
    )
    for tr in transfers:  # a new notice for a transfer changed since its notice amends that one
        earlier = amended_notice(tr, a)
        if earlier is not None:
            earlier_date, earlier_number = earlier
            key = "notice_amends_ref" if earlier_number else "notice_amends"
            changes = _coverage_words(tr, a, ref, lang)
            blocks.append(Paragraph(t(key, lang, date=_date_text(earlier_date, lang), ref=earlier_number,
                                      who=f"{tr.recipient.name}, {country(ref, tr.country, lang)}",
                                      changes=changes)))

    blocks.append(Heading(t("notice_operator", lang), 2))
    blocks.append(
        Fields(
            (
                (t("operator_name", lang), op.name),
                (t("tin", lang), value_or_dash(op.tin)),
                (t("address", lang), value_or_dash(op.address)),
                (t("contact", lang), value_or_dash(op.contact)),
                (t("responsible", lang), value_or_dash(responsible_person(a, settings))),
            )
        )
    )

    p = a.processing
    sent_keys: list[str] = []
    for tr in transfers:
        for key in tr.data_keys(p):
            if key not in sent_keys:
                sent_keys.append(key)
    blocks.append(Heading(t("notice_processing", lang), 2))
    blocks.append(
        Fields(
            (
                (t("purposes", lang), "\n".join(p.purposes)),
                (t("subjects", lang), "\n".join(p.subjects)),
                (t("data", lang), "\n".join(data_labels(ref, sent_keys, p.special, lang)) or DASH),
            )
        )
    )

    blocks.append(Heading(t("notice_destinations", lang), 2))
    by_country: dict[str, list[Transfer]] = {}
    for tr in transfers:
        by_country.setdefault(tr.country, []).append(tr)
    for code, group in by_country.items():
        blocks.append(Heading(t("notice_state", lang, country=country(ref, code, lang)), 3))
        for tr in group:
            rec = tr.recipient
            info = tr.recipient_info
            obtained = info.obtained if info else None
            summary = [
                t("notice_info_on", lang, date=letter_date(obtained)) if obtained else t("not_yet", lang)
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
                        (t("address", lang), value_or_dash(rec.address)),
                        (t("contact", lang), value_or_dash(rec.contact)),
                        (t("transfer_data", lang), "\n".join(data_labels(ref, tr.data_keys(p), p.special, lang))),
                        (t("notice_ground_of", lang), _notice_ground(tr, evaluation, ref, lang)),
                        (t("notice_planned", lang), letter_date(tr.start)),
                        (t("notice_info", lang), "\n".join(summary)),
                    )
                )
            )

    if len(by_country) > 1:  # with one destination state, section 3 says it all
        blocks.append(Heading(t("notice_summary", lang, n="4"), 2))
        rows = []
        for code, group in by_country.items():
            rows.append(
                (
                    country(ref, code, lang),
                    "\n".join(tr.recipient.name for tr in group),
                    "\n".join(ground_text(tr, ref, lang) for tr in group),
                    "\n".join(letter_date(tr.start) for tr in group),
                    "\n".join(letter_date(tr.recipient_info.obtained if tr.recipient_info else None) for tr in group),
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

    position, name = signatory(a, settings)
    blocks.append(
        Closing(
            text=t("notice_closing", lang),
            enclosures_label=t("notice_enclosures", lang),
            enclosures=_enclosures(transfers, lang),
            regards=t("notice_regards", lang),
            position=position or blank,
            name=name or blank,
            signature_label=t("signature", lang),
            seal=t("notice_seal", lang),
        )
    )
    return Document(
        kind="notice",
        lang=lang,
        title=t("notice_title", lang),
        subtitle="",
        header_left="",
        header_right="",
        date=date or evaluation.as_of,
        author=op.name,
        keywords=(t("notice_kind", lang), f"{number}" if number else "", f"{a.id}", f"SHA-256 {sha256}"),
        blocks=tuple(blocks),
        draft=t("draft", lang) if gaps else "",
        page_label=t("page", lang),
        of_label=t("of", lang),
        labels=verdict_labels(ref, lang),
        letter=True,
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

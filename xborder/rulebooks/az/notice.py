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
    Document,
    Fields,
    Heading,
    Paragraph,
    Signatures,
    Table,
)
from xborder.rules.present import (
    DASH,
    adequacy_text,
    country,
    data_labels,
    date_or_dash,
    ground_text,
    info_cell,
    value_or_dash,
    verdict_labels,
)
from xborder.rules.readiness import Gap, amended_notice, responsible_person

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
    return Authority(name=name, address=address)


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


def build_notice(
    assessment: Assessment,
    evaluation: Evaluation,
    settings: Settings,
    reference: Reference,
    sha256: str,
    lang: str,
    transfers: Sequence[Transfer],
    gaps: Sequence[Gap] = (),
) -> Document:
    """The prior notice of intention to the authority for `transfers`. With `gaps`, the
    document is a visibly marked draft listing them. It cites the operator's own policy
    clause where its profile maps one, else the Law (FORMAT.md: letters to the authority)."""
    a, ref = assessment, reference
    op = a.operator
    auth = authority(settings, ref, lang)
    blocks: list[Block] = []
    if gaps:
        blocks.append(Callout(t("notice_not_ready", lang), tuple(g.message(lang) for g in gaps)))
    blocks.append(Fields(((t("notice_to", lang), f"{auth.name}\n{auth.address}".strip()),
                          (t("notice_from", lang), f"{op.name}\n{value_or_dash(op.address)}"))))
    blocks.append(Paragraph(t("notice_intro", lang, **_basis(a, ref, lang)), "lead"))
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
                        (t("address", lang), value_or_dash(rec.address)),
                        (t("contact", lang), value_or_dash(rec.contact)),
                        (t("transfer_data", lang), "\n".join(data_labels(ref, tr.data_keys(p), p.special, lang))),
                        (t("notice_ground_of", lang), _notice_ground(tr, evaluation, ref, lang)),
                        (t("notice_planned", lang), date_or_dash(tr.start)),
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
                    "\n".join(date_or_dash(tr.start) for tr in group),
                    "\n".join(info_cell(tr) for tr in group),
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
            note=t("notice_reference", lang, id=a.id, sha=sha256),
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
        labels=verdict_labels(ref, lang),
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

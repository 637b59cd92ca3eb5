"""The notice to Roskomnadzor of the intention to carry out cross-border transfers
(152-FZ Art. 12 part 3), stating what part 4 lists: (1) the operator's name and address
and the date and number of its Art. 22 notification; (2) the person responsible for
organising the processing and contacts; (3) the legal basis and purpose of the transfer
and further processing; (4) the categories and list of data; (5) the categories of
subjects; (6) the list of foreign states; (7) the date of the operator's assessment of the
recipients' measures. (The list of part 4 is known from secondary paraphrases:
research/legal.md §2.2.) Written in Russian: it goes to a Russian authority.
A pure function building the document model the report layer renders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

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
    country,
    data_labels,
    ground_text,
    letter_date,
    value_or_dash,
    verdict_labels,
)
from xborder.rules.readiness import Gap, intent_notice, notice_transfers, responsible_person

if TYPE_CHECKING:
    from xborder.model.assessment import Assessment, Transfer
    from xborder.model.workspace import Settings
    from xborder.reference import Reference
    from xborder.rules.engine import Evaluation

LANG = "ru"


def part4_gaps(assessment: Assessment, chosen: Sequence[str] | None = None) -> list[Gap]:
    """What part 4 makes the notice state beyond the common gaps (which include the
    operator's notice of intent to process: for "ru" its Art. 22 notification, number and
    date): the operator's contacts, and each transfer's legal basis."""
    op = assessment.operator
    gaps: list[Gap] = []
    if not (op.contact or "").strip():
        gaps.append(Gap("rkn_contact", field=("operator", "contact")))
    return gaps


def _authority(reference: Reference) -> tuple[str, str]:
    """Roskomnadzor, from the rulebook's data (a workspace's [authority] is the "az" one)."""
    meta = reference.rulebook.meta.authority
    if meta is None:
        return "", ""
    return meta.name.get(LANG, ""), meta.address.get(LANG, "")


def build_notice(
    assessment: Assessment,
    evaluation: Evaluation,
    settings: Settings,
    reference: Reference,
    sha256: str,
    transfers: Sequence[Transfer],
    gaps: Sequence[Gap] = (),
) -> Document:
    a, ref, lang = assessment, reference, LANG
    op = a.operator
    p = a.processing
    transfers = list(transfers) or notice_transfers(a)
    name, address = _authority(ref)
    blocks: list[Block] = []
    if gaps:
        blocks.append(Callout(t("rkn_not_ready", lang), tuple(g.message(lang) for g in gaps)))
    blocks.append(
        Fields(((t("rkn_to", lang), f"{name}\n{address}".strip()), (t("rkn_from", lang), f"{op.name}\n{value_or_dash(op.address)}")))
    )
    blocks.append(Paragraph(t("rkn_intro", lang), "lead"))

    # (1) and (2): the operator
    blocks.append(Heading(t("rkn_operator", lang), 1))
    blocks.append(
        Fields(
            (
                (t("rkn_operator_name", lang), op.name),
                (t("rkn_tin", lang), value_or_dash(op.tin)),
                (t("rkn_address", lang), value_or_dash(op.address)),
                (t("rkn_registry", lang), _registry(a, settings)),
                (t("rkn_responsible", lang), value_or_dash(responsible_person(a, settings))),
                (t("rkn_contact", lang), value_or_dash(op.contact)),
            )
        )
    )

    # (3)-(5): basis and purpose, data, subjects
    sent_keys: list[str] = []
    for tr in transfers:
        for key in tr.data_keys(p):
            if key not in sent_keys:
                sent_keys.append(key)
    grounds = list(dict.fromkeys(ground_text(tr, ref, lang) for tr in transfers))
    blocks.append(Heading(t("rkn_processing", lang), 1))
    blocks.append(
        Fields(
            (
                (t("rkn_basis", lang), "\n".join(grounds) or DASH),
                (t("rkn_purposes", lang), "\n".join(p.purposes)),
                (t("rkn_data", lang), "\n".join(data_labels(ref, sent_keys, p.special, lang)) or DASH),
                (t("rkn_subjects", lang), "\n".join(p.subjects)),
            )
        )
    )

    # (6) and (7): the states, the recipients and the date of the assessment of their measures
    blocks.append(Heading(t("rkn_states", lang), 1))
    states = list(dict.fromkeys(tr.country for tr in transfers))
    blocks.append(Paragraph("\n".join(country(ref, code, lang) for code in states) or DASH))
    rows = []
    for tr in transfers:
        rec = tr.recipient
        info = tr.recipient_info
        contacts = "\n".join(
            x for x in (value_or_dash(rec.postal_address or rec.address), rec.phone or "", rec.email or "") if x
        )
        rows.append(
            (
                country(ref, tr.country, lang),
                rec.name,
                contacts,
                ground_text(tr, ref, lang),
                letter_date(tr.start),
                letter_date(info.obtained if info else None),
            )
        )
    blocks.append(
        Table(
            columns=(
                t("rkn_col_state", lang),
                t("rkn_col_recipient", lang),
                t("rkn_col_contacts", lang),
                t("rkn_col_basis", lang),
                t("rkn_col_start", lang),
                t("rkn_col_assessed", lang),
            ),
            rows=tuple(rows),
            widths=(1.2, 1.5, 1.9, 1.4, 1.0, 1.1),
            small=True,
        )
    )

    blocks.append(Heading(t("rkn_sign", lang), 1))
    blocks.append(
        Signatures(
            people=((t("rkn_signed_by", lang), responsible_person(a, settings)),),
            date_label=t("rkn_date", lang),
            signature_label=t("rkn_signature", lang),
            name_label=t("rkn_name", lang),
            note=t("rkn_reference", lang, id=a.id, sha=sha256),
        )
    )
    return Document(
        kind="notice",
        lang=lang,
        title=t("rkn_title", lang),
        subtitle="",
        header_left=op.name,
        header_right=a.id,
        date=evaluation.as_of,
        author=op.name,
        keywords=(a.id, t("rkn_kind", lang)),
        blocks=tuple(blocks),
        draft=t("rkn_draft", lang) if gaps else "",
        page_label=t("rkn_page", lang),
        of_label=t("rkn_of", lang),
        labels=verdict_labels(ref, lang),
    )


def _registry(a: Assessment, settings: Settings) -> str:
    """The operator's Art. 22 notification (its notice of intent to process): number, date."""
    number, date = intent_notice(a, settings)
    if not number and date is None:
        return DASH
    return t("rkn_registry_value", LANG, number=number or DASH, date=letter_date(date))

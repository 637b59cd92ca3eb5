"""How the documents and the notices of every rulebook present the facts: dates, yes/no,
country and data labels, the adequacy's source, the ground, findings. Pure functions over
the reference data and the evaluation, shared by the report layer and the rulebooks'
notice builders (which sit below it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from xborder.i18n.documents import t
from xborder.model.document import FindingItem, Findings

if TYPE_CHECKING:
    from xborder.model.assessment import Transfer
    from xborder.reference import Reference
    from xborder.rules.engine import Finding, TransferResult

DASH = "—"


# -- small helpers -----------------------------------------------------------------------
def date_or_dash(value: dt.date | None) -> str:
    return value.isoformat() if value else DASH


def letter_date(value: dt.date | None) -> str:
    """A date as official letters print it: 05.11.2026 (GLOSSARY-az, Dates)."""
    return value.strftime("%d.%m.%Y") if value else DASH


def value_or_dash(value: str | None) -> str:
    value = (value or "").strip()
    return value or DASH


def yes_no(value: bool | None, lang: str) -> str:
    if value is None:
        return t("not_recorded", lang)
    return t("yes" if value else "no", lang)


def verdict_labels(reference: Reference, lang: str) -> dict[str, str]:
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


def finding_items(findings: Iterable[Finding], reference: Reference, lang: str) -> tuple[FindingItem, ...]:
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


def findings_block(findings: Iterable[Finding], reference: Reference, lang: str) -> Findings:
    return Findings(
        finding_items(findings, reference, lang),
        fix_label=t("what_to_do", lang),
        empty=t("no_findings", lang),
    )


def recipient_line(transfer: Transfer, reference: Reference, lang: str) -> str:
    rec = transfer.recipient
    kind = reference.label("kind", rec.kind, lang)
    if rec.role:
        kind += ", " + reference.label("role", rec.role, lang)
    return f"{rec.name}\n{kind}"


def notice_cell(transfer: Transfer) -> str:
    n = transfer.notification
    if n is None or n.sent is None:
        return DASH
    return n.sent.isoformat() + (f"\n№ {n.reference}" if n.reference else "")


def info_cell(transfer: Transfer) -> str:
    info = transfer.recipient_info
    return date_or_dash(info.obtained if info else None)

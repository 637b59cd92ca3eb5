"""Is an assessment ready to be notified to the authority? A pure function.

Ready means the notice can state every fact it must, truthfully:

- the assessment is not rejected or withdrawn;
- the operator's address and the person responsible for organising the processing are
  known (the responsible person from the assessment, or from xborder.toml when that file
  names the same operator), and so are the letter's signatory (name and position) and the
  number and date of the operator's notice of intent to process, which the letter names;
- there is at least one transfer to notify: by default every transfer not notified yet,
  or changed since it was notified (the new notice amends the earlier one); transfers
  named explicitly must not have been notified already for what they now are;
- for each transfer notified: the recipient's address and a summary of the information
  obtained from it (its protection measures) are recorded, and the rules find nothing
  blocked, missing or pending, except the pending notification itself (the rulebook's
  NoticeRules.itself) -- so the ground is satisfied, the start date is known and in the
  future, and the information from the recipient was obtained.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import TYPE_CHECKING

from xborder.i18n.documents import t
from xborder.rules.registry import get_rulebook

if TYPE_CHECKING:
    from xborder.model.assessment import Assessment, Transfer
    from xborder.model.workspace import Settings
    from xborder.rules.engine import Evaluation

_COUNTING = ("blocker", "missing", "pending")


@dataclass(frozen=True, slots=True)
class Gap:
    """One thing that stops the notice."""

    code: str
    transfer: str | None = None
    field: tuple[str | int, ...] = ()
    """Key path of the field that closes the gap (as in Finding.field)."""
    params: dict[str, str] = dc_field(default_factory=dict)
    rule: str = ""
    """The rule id, for gaps that are findings."""

    def message(self, lang: str) -> str:
        params = dict(self.params)
        if self.transfer is not None:
            params.setdefault("transfer", self.transfer)
        return t(f"gap_{self.code}", lang, **params)


@dataclass(frozen=True, slots=True)
class Letter:
    """The outgoing number and date of a letter to the authority."""

    number: str
    date: dt.date


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def responsible_person(assessment: Assessment, settings: Settings) -> str:
    """The person responsible for organising the processing, or ""."""
    own = (assessment.operator.responsible or "").strip()
    if own:
        return own
    defaults = settings.operator
    if defaults.responsible.strip() and defaults.name and _same(defaults.name, assessment.operator.name):
        return defaults.responsible.strip()
    return ""


def needs_notice(transfer: Transfer, assessment: Assessment) -> bool:
    """Not notified yet, or changed since its notice (another country or recipient, or
    data the notice did not cover): a notice for it is due (the new one amends the old)."""
    sent = transfer.notification.sent if transfer.notification else None
    return sent is None or bool(transfer.coverage_changes(assessment.processing))


def amended_notice(transfer: Transfer, assessment: Assessment) -> tuple[str, str] | None:
    """(date, reference) of the earlier notice a new notice for `transfer` amends, or
    None when the transfer was not notified or has not changed since."""
    notification = transfer.notification
    if notification is None or notification.sent is None or not transfer.coverage_changes(assessment.processing):
        return None
    return notification.sent.isoformat(), notification.reference or ""


def _own_or_default(assessment: Assessment, settings: Settings, key: str) -> str:
    own = getattr(assessment.operator, key, None)
    if isinstance(own, str) and own.strip():
        return own.strip()
    defaults = settings.operator
    value = getattr(defaults, key)
    if isinstance(value, str) and value.strip() and defaults.name and _same(defaults.name, assessment.operator.name):
        return value.strip()
    return ""


def signatory(assessment: Assessment, settings: Settings) -> tuple[str, str]:
    """Who signs the operator's letter to the authority: (position, name), each "" when
    unknown. The assessment's own, else xborder.toml's [operator] when it names the same
    operator. Never the responsible person by default (GLOSSARY-az: the head or a person
    authorised to sign)."""
    return (
        _own_or_default(assessment, settings, "signatory_position"),
        _own_or_default(assessment, settings, "signatory_name"),
    )


def intent_notice(assessment: Assessment, settings: Settings) -> tuple[str, dt.date | None]:
    """The number and date of the operator's notice of intent to process personal data,
    from which the notice of cross-border transfers is separate."""
    number = _own_or_default(assessment, settings, "intent_notice_number")
    date = assessment.operator.intent_notice_date
    defaults = settings.operator
    if date is None and defaults.name and _same(defaults.name, assessment.operator.name):
        date = defaults.intent_notice_date
    return number, date


def notice_transfers(assessment: Assessment, chosen: Sequence[str] | None = None) -> list[Transfer]:
    """The transfers a notice covers: those named (in file order), or by default every
    transfer not notified yet or changed since it was notified."""
    if chosen:
        wanted = set(chosen)
        return [tr for tr in assessment.transfers if tr.id in wanted]
    return [tr for tr in assessment.transfers if needs_notice(tr, assessment)]


def notice_gaps(
    assessment: Assessment,
    evaluation: Evaluation,
    settings: Settings,
    chosen: Sequence[str] | None = None,
    lang: str = "en",
) -> list[Gap]:
    """Everything that stops the notice; empty when it is ready. `lang` is the language
    in which finding texts are captured."""
    gaps: list[Gap] = []
    if assessment.status in ("rejected", "withdrawn"):
        gaps.append(Gap("status", field=("status",), params={"status": assessment.status}))
    if not (assessment.operator.address or "").strip():
        gaps.append(Gap("address", field=("operator", "address")))
    if not responsible_person(assessment, settings):
        gaps.append(Gap("responsible", field=("operator", "responsible")))
    position, name = signatory(assessment, settings)
    if not name:
        gaps.append(Gap("signatory", field=("operator", "signatory_name")))
    elif not position:
        gaps.append(Gap("signatory_position", field=("operator", "signatory_position")))
    number, date = intent_notice(assessment, settings)
    if not number or date is None:
        gaps.append(Gap("intent_notice", field=("operator", "intent_notice_number" if not number else "intent_notice_date")))
    notice = get_rulebook(assessment.jurisdiction).notice
    transfers = notice_transfers(assessment, chosen)
    if not transfers:
        if assessment.transfers and not chosen:
            gaps.append(Gap("all_notified", field=("transfers",)))
        else:
            gaps.append(Gap("no_transfers", field=("transfers",)))
    index = {tr.id: i for i, tr in enumerate(assessment.transfers)}
    for transfer in transfers:
        i = index[transfer.id]
        sent = None if needs_notice(transfer, assessment) else transfer.notification.sent if transfer.notification else None
        if sent is not None:
            gaps.append(
                Gap("notified", transfer.id, ("transfers", i, "notification", "sent"), {"date": sent.isoformat()})
            )
        if not (transfer.recipient.address or "").strip():
            gaps.append(Gap("recipient_address", transfer.id, ("transfers", i, "recipient", "address")))
        info = transfer.recipient_info
        if info is not None and info.obtained is not None and not (info.measures or "").strip():
            gaps.append(Gap("info_summary", transfer.id, ("transfers", i, "recipient_info", "measures")))
        result = evaluation.transfer(transfer.id)
        for finding in result.findings if result else ():
            if finding.severity not in _COUNTING or finding.rule in notice.itself:
                continue
            if sent is not None and finding.rule in notice.about_notice:
                continue  # already reported as "notified"
            gaps.append(
                Gap(
                    "finding",
                    transfer.id,
                    finding.field,
                    {
                        "message": finding.message(lang),
                        "rule": finding.rule,
                        "citation": finding.citation(lang),
                    },
                    rule=finding.rule,
                )
            )
    return gaps

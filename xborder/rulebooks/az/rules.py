"""The "az" rulebook: FORMAT.md rules 1-10 plus advice.

Every rule is one function that yields findings; its id, severity, sources and texts
are in `data/rulebook_az.toml` beside this module. The severity used here is read from
that file, so the text and the behaviour cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from xborder.model.assessment import Assessment, Transfer
from xborder.rules.engine import (
    Evaluation,
    Finding,
    Loc,
    TransferResult,
    adequacy_param,
    verdict_of,
    worst_verdict,
)

if TYPE_CHECKING:
    from xborder.model.policy import PolicyProfile
    from xborder.reference import AdequacyInfo, Reference


class _Ctx:
    """What a transfer rule sees."""

    __slots__ = ("adequacy", "as_of", "assessment", "index", "profile", "reference", "transfer")

    def __init__(
        self,
        assessment: Assessment,
        index: int,
        transfer: Transfer,
        adequacy: AdequacyInfo,
        reference: Reference,
        as_of: dt.date,
    ):
        self.assessment = assessment
        self.index = index
        self.transfer = transfer
        self.adequacy = adequacy
        self.reference = reference
        self.as_of = as_of
        self.profile = reference.profile(assessment.operator.policy)

    def finding(self, rule: str, field: tuple[str | int, ...], **params: str) -> Finding:
        t = self.transfer
        base = {"recipient": t.recipient.name, "country": t.country}
        base.update(params)
        return Finding(
            rule=rule,
            severity=self.reference.rule(rule).severity,
            transfer=t.id,
            field=("transfers", self.index, *field),
            params=base,
            reference=self.reference,
            profile=self.profile,
        )


TransferRule = Callable[[_Ctx], Iterator[Finding]]


def adequacy_for(transfer: Transfer, reference: Reference) -> AdequacyInfo:
    """The transfer's [adequacy] override if present, else the reference list."""
    from xborder.reference import AdequacyInfo

    if transfer.adequacy is not None:
        return AdequacyInfo(
            country=transfer.country,
            adequate=transfer.adequacy.adequate,
            source=transfer.adequacy.reason,
            verified=True,
            overridden=True,
        )
    return reference.adequacy_of(transfer.country)


# -- rules 1-9 (rule 10 is a load error: xborder.model.checks) ---------------------------
def rule_1_ground(c: _Ctx) -> Iterator[Finding]:
    """1. No ground -> missing."""
    if c.transfer.ground is None:
        yield c.finding("AZ-GROUND-1", ("ground",))


def rule_2_adequacy(c: _Ctx) -> Iterator[Finding]:
    """2. `adequacy` to a country that is not adequate -> blocker (7.1-7.2)."""
    if c.transfer.ground == "adequacy" and not c.adequacy.adequate:
        yield c.finding("AZ-ADEQ-1", ("ground",), adequacy_source=adequacy_param(c.adequacy))


def rule_3_consent(c: _Ctx) -> Iterator[Finding]:
    """3. consent: written = false -> blocker; written absent or no reference -> missing."""
    if c.transfer.ground != "consent":
        return
    consent = c.transfer.consent
    written = consent.written if consent else None
    if written is False:
        yield c.finding("AZ-CONSENT-1", ("consent", "written"))
    elif written is None:
        yield c.finding("AZ-CONSENT-2", ("consent", "written"))
    if consent is None or not consent.reference:
        yield c.finding("AZ-CONSENT-3", ("consent", "reference"))


def rule_4_contract(c: _Ctx) -> Iterator[Finding]:
    """4. contract: subject_is_party = false -> blocker; absent or no reference -> missing."""
    if c.transfer.ground != "contract":
        return
    contract = c.transfer.contract
    party = contract.subject_is_party if contract else None
    if party is False:
        yield c.finding("AZ-CONTRACT-1", ("contract", "subject_is_party"))
    elif party is None:
        yield c.finding("AZ-CONTRACT-2", ("contract", "subject_is_party"))
    if contract is None or not contract.reference:
        yield c.finding("AZ-CONTRACT-3", ("contract", "reference"))


def rule_5_security(c: _Ctx) -> Iterator[Finding]:
    """5. national_security_risk = true -> blocker."""
    if c.transfer.national_security_risk:
        yield c.finding("AZ-SECURITY-1", ("national_security_risk",))


def rule_6_start(c: _Ctx) -> Iterator[Finding]:
    """6. No start -> missing."""
    if c.transfer.start is None:
        yield c.finding("AZ-START-1", ("start",))


def _sent(t: Transfer) -> dt.date | None:
    return t.notification.sent if t.notification else None


def _obtained(t: Transfer) -> dt.date | None:
    return t.recipient_info.obtained if t.recipient_info else None


def _began_unnotified(c: _Ctx) -> bool:
    start = c.transfer.start
    return _sent(c.transfer) is None and start is not None and start <= c.as_of


def rule_7_recipient_info(c: _Ctx) -> Iterator[Finding]:
    """7. Recipient information (12.2) obtained on or before the day the notice is sent:
    obtained after sent -> blocker; sent but nothing obtained -> blocker; neither yet ->
    pending (unless rule 9 already blocks the transfer)."""
    sent, obtained = _sent(c.transfer), _obtained(c.transfer)
    if sent is not None and obtained is not None and obtained > sent:
        yield c.finding(
            "AZ-INFO-1",
            ("recipient_info", "obtained"),
            obtained=obtained.isoformat(),
            sent=sent.isoformat(),
        )
    elif sent is not None and obtained is None:
        yield c.finding("AZ-INFO-2", ("recipient_info", "obtained"), sent=sent.isoformat())
    elif sent is None and obtained is None and not _began_unnotified(c):
        yield c.finding("AZ-INFO-3", ("recipient_info", "obtained"))


def rule_8_notification(c: _Ctx) -> Iterator[Finding]:
    """8. The notice (12.1) strictly before start, separately from the notice of intent
    to process: sent on/after start -> blocker; separate = false -> blocker; separate
    absent while sent present -> missing."""
    notification = c.transfer.notification
    if notification is None or notification.sent is None:
        if notification is not None and notification.separate is False:
            yield c.finding("AZ-NOTIFY-4", ("notification", "separate"))
        return
    start = c.transfer.start
    if start is not None and notification.sent >= start:
        yield c.finding(
            "AZ-NOTIFY-3",
            ("notification", "sent"),
            sent=notification.sent.isoformat(),
            start=start.isoformat(),
        )
    if notification.separate is False:
        yield c.finding("AZ-NOTIFY-4", ("notification", "separate"))
    elif notification.separate is None:
        yield c.finding("AZ-NOTIFY-5", ("notification", "separate"))


def rule_9_not_notified(c: _Ctx) -> Iterator[Finding]:
    """9. Not yet notified: start on or before the as-of date -> blocker (began without
    prior notification); start later -> pending."""
    start = c.transfer.start
    if _sent(c.transfer) is not None or start is None:
        return
    if start <= c.as_of:
        yield c.finding("AZ-NOTIFY-2", ("notification", "sent"), start=start.isoformat())
    else:
        yield c.finding("AZ-NOTIFY-1", ("notification", "sent"), start=start.isoformat())


# -- advice (never changes a verdict) ---------------------------------------------------
def advice_special(c: _Ctx) -> Iterator[Finding]:
    """Special categories sent abroad: prefer explicit written consent (000 §6.3, 001 §4.3)."""
    special = set(c.assessment.processing.special)
    sent = [key for key in c.transfer.data_keys(c.assessment.processing) if key in special]
    if sent:
        yield c.finding("AZ-ADV-SPECIAL", ("data",), categories=",".join(sent))


def advice_processor(c: _Ctx) -> Iterator[Finding]:
    """A processor with no contract reference (001 §6.1)."""
    recipient = c.transfer.recipient
    if recipient.role == "processor" and not recipient.agreement:
        yield c.finding("AZ-ADV-PROCESSOR", ("recipient", "agreement"))


def advice_unverified(c: _Ctx) -> Iterator[Finding]:
    """Adequacy resting on an unverified reference-list entry: show the doubt."""
    if c.transfer.ground == "adequacy" and c.adequacy.adequate and not c.adequacy.verified:
        yield c.finding("AZ-ADV-UNVERIFIED", ("ground",), adequacy_source=adequacy_param(c.adequacy))


def advice_future_dates(c: _Ctx) -> Iterator[Finding]:
    """A notice sent or information obtained after the as-of date: rules 7-9 count
    what is recorded, so a planned date entered as done would hide a pending step."""
    sent, obtained = _sent(c.transfer), _obtained(c.transfer)
    if sent is not None and sent > c.as_of:
        yield c.finding(
            "AZ-ADV-FUTURE-1", ("notification", "sent"), sent=sent.isoformat(), date=c.as_of.isoformat()
        )
    if obtained is not None and obtained > c.as_of:
        yield c.finding(
            "AZ-ADV-FUTURE-2",
            ("recipient_info", "obtained"),
            obtained=obtained.isoformat(),
            date=c.as_of.isoformat(),
        )


TRANSFER_RULES: tuple[TransferRule, ...] = (
    rule_1_ground,
    rule_2_adequacy,
    rule_3_consent,
    rule_4_contract,
    rule_5_security,
    rule_6_start,
    rule_7_recipient_info,
    rule_8_notification,
    rule_9_not_notified,
    advice_special,
    advice_processor,
    advice_unverified,
    advice_future_dates,
)


def _assessment_finding(
    reference: Reference, profile: PolicyProfile | None, rule: str, field: Loc, **params: str
) -> Finding:
    return Finding(
        rule=rule,
        severity=reference.rule(rule).severity,
        transfer=None,
        field=field,
        params=params,
        reference=reference,
        profile=profile,
    )


def evaluate(assessment: Assessment, reference: Reference, as_of: dt.date) -> Evaluation:
    results: list[TransferResult] = []
    for index, transfer in enumerate(assessment.transfers):
        adequacy = adequacy_for(transfer, reference)
        ctx = _Ctx(assessment, index, transfer, adequacy, reference, as_of)
        found = [finding for rule in TRANSFER_RULES for finding in rule(ctx)]
        results.append(
            TransferResult(
                id=transfer.id,
                country=transfer.country,
                adequacy=adequacy,
                verdict=verdict_of(found),
                findings=tuple(found),
            )
        )
    verdict = worst_verdict(result.verdict for result in results)
    profile = reference.profile(assessment.operator.policy)
    findings: list[Finding] = []
    if not assessment.transfers:
        findings.append(_assessment_finding(reference, profile, "AZ-NONE-1", ("transfers",)))
    processing = assessment.processing
    if (
        processing.az_citizens
        and processing.primary_storage is not None
        and processing.primary_storage != "AZ"
    ):
        findings.append(
            _assessment_finding(
                reference,
                profile,
                "AZ-ADV-STORAGE",
                ("processing", "primary_storage"),
                country=processing.primary_storage,
            )
        )
    if (
        assessment.next_review is not None
        and assessment.next_review < as_of
        and assessment.status not in ("withdrawn", "rejected")
    ):
        findings.append(
            _assessment_finding(
                reference,
                profile,
                "AZ-ADV-REVIEW",
                ("next_review",),
                date=assessment.next_review.isoformat(),
            )
        )
    if assessment.status == "approved" and verdict != "permitted":
        findings.append(
            _assessment_finding(reference, profile, "AZ-ADV-APPROVED", ("status",), verdict=verdict)
        )
    results = _list_changes(assessment, reference, results)
    return Evaluation(
        assessment_id=assessment.id,
        as_of=as_of,
        verdict=verdict,
        findings=tuple(findings),
        transfers=tuple(results),
        rulebook_version=reference.rulebook.meta.version,
        adequacy_version=reference.adequacy_version,
        rulebook="az",
        reference_of=(reference, profile),
    )


def _verdict_with(
    assessment: Assessment, index: int, adequacy: AdequacyInfo, reference: Reference, as_of: dt.date
) -> str:
    """The verdict of one transfer with the given adequacy of its destination."""
    ctx = _Ctx(assessment, index, assessment.transfers[index], adequacy, reference, as_of)
    return verdict_of(finding for rule in TRANSFER_RULES for finding in rule(ctx))


def _list_explains(
    assessment: Assessment, index: int, result: TransferResult, recorded: str, reference: Reference
) -> bool:
    """Whether the adequacy list, and not the passing of time or an edit, explains why
    `recorded` (the verdict at approval) differs from the verdict now: judged as of the
    approval date, the recorded verdict is what the other answer of the list for this
    destination gives, and not what the current answer gives. The older list itself is
    not available, only its version, so this is the test that can be made."""
    approval = assessment.approval
    if approval is None or result.adequacy.overridden:
        return False  # an [adequacy] override does not depend on the list
    on = approval.date
    now = _verdict_with(assessment, index, result.adequacy, reference, on)
    other = replace(result.adequacy, adequate=not result.adequacy.adequate)
    return now != recorded and _verdict_with(assessment, index, other, reference, on) == recorded


def _list_changes(
    assessment: Assessment, reference: Reference, results: list[TransferResult]
) -> list[TransferResult]:
    """Advice where a transfer's verdict differs from the one recorded at approval
    under another version of the adequacy list, because of that list."""
    approval = assessment.approval
    if (
        approval is None
        or not approval.verdicts
        or not approval.adequacy_version
        or approval.adequacy_version == reference.adequacy_version
    ):
        return results
    out = []
    for index, result in enumerate(results):
        recorded = approval.verdicts.get(result.id)
        if (
            recorded is not None
            and recorded != result.verdict
            and _list_explains(assessment, index, result, recorded, reference)
        ):
            finding = Finding(
                rule="AZ-ADV-LISTCHANGE",
                severity=reference.rule("AZ-ADV-LISTCHANGE").severity,
                transfer=result.id,
                field=("transfers", index, "ground"),
                params={
                    "country": result.country,
                    "current": reference.adequacy_version,
                    "recorded": approval.adequacy_version,
                    "recipient": assessment.transfers[index].recipient.name,
                },
                reference=reference,
                profile=reference.profile(assessment.operator.policy),
            )
            result = TransferResult(
                id=result.id,
                country=result.country,
                adequacy=result.adequacy,
                verdict=result.verdict,
                findings=(*result.findings, finding),
            )
        out.append(result)
    return out

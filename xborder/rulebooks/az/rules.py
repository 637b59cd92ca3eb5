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
    transfer_finding,
    verdict_of,
    worst_verdict,
)

if TYPE_CHECKING:
    from xborder.model.policy import PolicyProfile
    from xborder.reference import AdequacyInfo, Reference


class _Ctx:
    """What a transfer rule sees."""

    __slots__ = (
        "adequacy",
        "as_of",
        "assessment",
        "changes",
        "index",
        "obtained",
        "profile",
        "reference",
        "sent",
        "transfer",
    )

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
        self.changes = coverage_changes(transfer, assessment)
        # The facts of the as-of day (FORMAT.md amendments): a date after it has not
        # happened yet, and a notice does not cover what changed after it was sent.
        sent = _sent(transfer)
        self.sent = None if sent is None or sent > as_of or self.changes else sent
        obtained = _obtained(transfer)
        self.obtained = None if obtained is None or obtained > as_of else obtained

    def finding(self, rule: str, field: tuple[str | int, ...], **params: str) -> Finding:
        return transfer_finding(self.reference, self.profile, rule, self.transfer, self.index, field, **params)


TransferRule = Callable[[_Ctx], Iterator[Finding]]


def adequacy_for(transfer: Transfer, reference: Reference, as_of: dt.date | None = None) -> AdequacyInfo:
    """The transfer's [adequacy] override if present, else the reference list, judged
    (with `as_of`) on the transfer's start and, once it has started, on `as_of` too;
    without a start, on `as_of` (FORMAT.md amendments: a list entry counts from its
    `in_force` date and until its `ends` date)."""
    from xborder.reference import AdequacyInfo

    if transfer.adequacy is not None:
        return AdequacyInfo(
            country=transfer.country,
            adequate=transfer.adequacy.adequate,
            source=transfer.adequacy.reason,
            verified=True,
            overridden=True,
        )
    info = reference.adequacy_of(transfer.country)
    if as_of is None:
        return info
    start = transfer.start
    if start is None:
        return info.on(as_of)
    return info.on(start, as_of) if start <= as_of else info.on(start)


# -- what a notification covered ---------------------------------------------------------
Change = tuple[str, str, str]
"""(what, as notified, now): what = "country" | "recipient" | "data"."""


def coverage_changes(transfer: Transfer, assessment: Assessment) -> tuple[Change, ...]:
    """How the transfer differs from what its notification covered (Transfer.coverage_changes)."""
    return transfer.coverage_changes(assessment.processing)


_CHANGE_WORDS = {
    "en": {
        "country": "destination {old} → {new}",
        "recipient": "recipient “{old}” → “{new}”",
        "data": "data not covered by the notice: {new}",
        "ref": " (No. {ref})",
    },
    "az": {
        "country": "təyinat dövləti {old} → {new}",
        "recipient": "alan tərəf «{old}» → «{new}»",
        "data": "bildirişin əhatə etmədiyi məlumatlar: {new}",
        "ref": " (№ {ref})",
    },
    "ru": {
        "country": "государство назначения {old} → {new}",
        "recipient": "получатель «{old}» → «{new}»",
        "data": "данные, не охваченные уведомлением: {new}",
        "ref": " (№ {ref})",
    },
}


def describe_changes(changes: tuple[Change, ...], reference: Reference, lang: str) -> str:
    """The changes in words, in `lang` (countries by name, data categories by label)."""
    words = _CHANGE_WORDS.get(lang, _CHANGE_WORDS["en"])
    parts = []
    for what, old, new in changes:
        if what == "country":
            old = f"{reference.country_name(old, lang)} ({old})"
            new = f"{reference.country_name(new, lang)} ({new})"
        elif what == "data":
            new = ", ".join(reference.data_label(key, lang) for key in new.split(",") if key)
        parts.append(words[what].format(old=old, new=new))
    return "; ".join(parts)


def _change_params(c: _Ctx) -> dict[str, str]:
    """The changes and the earlier notice, worded in each language (the rule's
    message in each language names its own: {changes_az}, {notice_ref_az}, ...)."""
    notification = c.transfer.notification
    assert notification is not None and notification.sent is not None
    params = {"sent": notification.sent.isoformat()}
    for lang, words in _CHANGE_WORDS.items():
        params[f"changes_{lang}"] = describe_changes(c.changes, c.reference, lang)
        ref = notification.reference
        params[f"notice_ref_{lang}"] = words["ref"].format(ref=ref) if ref else ""
    return params


_BOUND_WORDS = {
    "en": ("from {start}", "until {end}", "from {start} until {end}"),
    "az": ("{start} tarixindən", "{end} tarixinədək", "{start} tarixindən {end} tarixinədək"),
    "ru": ("с {start}", "до {end}", "с {start} до {end}"),
}


def _bounds(info: AdequacyInfo) -> dict[str, str]:
    """When a list entry counts, worded in each language ({bound_en}, {bound_az}, ...)."""
    start = info.in_force.isoformat() if info.in_force else ""
    end = info.ends.isoformat() if info.ends else ""
    which = 2 if start and end else (0 if start else 1)
    return {f"bound_{lang}": words[which].format(start=start, end=end) for lang, words in _BOUND_WORDS.items()}


# -- rules 1-9 (rule 10 is a load error: xborder.model.checks) ---------------------------
def rule_1_ground(c: _Ctx) -> Iterator[Finding]:
    """1. No ground -> missing."""
    if c.transfer.ground is None:
        yield c.finding("AZ-GROUND-1", ("ground",))


def rule_2_adequacy(c: _Ctx) -> Iterator[Finding]:
    """2. `adequacy` to a country that is not adequate -> blocker (7.1-7.2)."""
    if c.transfer.ground == "adequacy" and not c.adequacy.adequate:
        info = c.adequacy
        if info.judged_on is not None:  # listed, but the entry did not count on that day
            yield c.finding(
                "AZ-ADEQ-2",
                ("ground",),
                date=info.judged_on.isoformat(),
                adequacy_source=adequacy_param(info),
                **_bounds(info),
            )
        else:
            yield c.finding("AZ-ADEQ-1", ("ground",), adequacy_source=adequacy_param(info))


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
    return c.sent is None and start is not None and start <= c.as_of


def rule_7_recipient_info(c: _Ctx) -> Iterator[Finding]:
    """7. Recipient information (12.2) obtained on or before the day the notice is sent:
    obtained after sent -> blocker; sent but nothing obtained -> blocker; neither yet ->
    pending (unless rule 9 already blocks the transfer)."""
    sent, obtained = c.sent, c.obtained
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
    if notification is None or c.sent is None:
        if notification is not None and notification.separate is False and not c.changes:
            yield c.finding("AZ-NOTIFY-4", ("notification", "separate"))
        return
    start = c.transfer.start
    if start is not None and c.sent >= start:
        yield c.finding(
            "AZ-NOTIFY-3",
            ("notification", "sent"),
            sent=c.sent.isoformat(),
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
    if c.changes:  # notified, but not for the transfer as it now stands
        params = _change_params(c)
        if start is not None and start <= c.as_of:
            yield c.finding("AZ-NOTIFY-7", ("notification", "sent"), start=start.isoformat(), **params)
        else:
            when = start.isoformat() if start is not None else ""
            yield c.finding("AZ-NOTIFY-6", ("notification", "sent"), start=when, **params)
        return
    if c.sent is not None or start is None:
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
    if sent is not None and sent > c.as_of and not c.changes:
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


def advice_coverage(c: _Ctx) -> Iterator[Finding]:
    """A notification recorded without what it covered (files older than the coverage
    key): taken to cover the transfer as it stands, and said so."""
    notification = c.transfer.notification
    if (
        notification is not None
        and notification.sent is not None
        and notification.sent <= c.as_of
        and notification.coverage is None
    ):
        yield c.finding("AZ-ADV-COVERAGE", ("notification", "sent"), sent=notification.sent.isoformat())


def rule_data_recorded(c: _Ctx) -> Iterator[Finding]:
    """No data category goes to the recipient as recorded (`data = []`, or nothing
    processed yet): work in progress, missing (FORMAT.md amendments)."""
    if not c.transfer.data_keys(c.assessment.processing):
        yield c.finding("AZ-DATA-1", ("data",))


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
    rule_data_recorded,
    advice_special,
    advice_processor,
    advice_unverified,
    advice_future_dates,
    advice_coverage,
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
        adequacy = adequacy_for(transfer, reference, as_of)
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
    profile = reference.profile(assessment.operator.policy)
    findings: list[Finding] = []
    if not assessment.transfers:
        findings.append(_assessment_finding(reference, profile, "AZ-NONE-1", ("transfers",)))
    processing = assessment.processing
    for rule, key in (("AZ-PROC-1", "purposes"), ("AZ-PROC-2", "subjects"), ("AZ-PROC-3", "data")):
        if not getattr(processing, key):
            findings.append(_assessment_finding(reference, profile, rule, ("processing", key)))
    findings.extend(_requests(assessment, reference, profile, as_of))
    verdict = worst_verdict(
        [*(result.verdict for result in results), *([verdict_of(findings)] if findings else [])]
    )
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
    # an approval dated after the as-of day has not happened yet (FORMAT.md amendments)
    approval = assessment.approval
    approved = (
        assessment.status == "approved" and (approval is None or approval.date <= as_of)
    )
    if approved and verdict != "permitted":
        findings.append(
            _assessment_finding(reference, profile, "AZ-ADV-APPROVED", ("status",), verdict=verdict)
        )
    if approved and approval is not None and approval.approved is not None:
        changed = approval_changes(assessment)
        if changed:
            findings.append(
                _assessment_finding(
                    reference,
                    profile,
                    "AZ-ADV-CHANGED",
                    ("status",),
                    date=approval.date.isoformat(),
                    reviewer=approval.reviewer,
                    **{f"changes_{lang}": _approval_words(changed, assessment, lang) for lang in _CHANGE_WORDS},
                )
            )
    if approval is not None and approval.date > as_of:
        return _evaluation(assessment, reference, profile, as_of, verdict, findings, results)
    results = _list_changes(assessment, reference, results)
    return _evaluation(assessment, reference, profile, as_of, verdict, findings, results)


REQUEST_DAYS = 30
"""001 §6.2: the authority's request is answered within 30 days of the request."""


def request_due(received: dt.date) -> dt.date:
    """The last day to answer a request received on `received`."""
    return received + dt.timedelta(days=REQUEST_DAYS)


def _requests(
    assessment: Assessment, reference: Reference, profile: PolicyProfile | None, as_of: dt.date
) -> Iterator[Finding]:
    """The authority's requests for information not answered as of `as_of`: pending
    while there is time, a blocker once the 30 days have passed."""
    for index, request in enumerate(assessment.requests):
        if request.received > as_of:
            continue  # not received yet as of that day
        if request.answered is not None and request.answered <= as_of:
            continue
        due = request_due(request.received)
        yield _assessment_finding(
            reference,
            profile,
            "AZ-REQUEST-2" if due < as_of else "AZ-REQUEST-1",
            ("requests", index, "answered"),
            received=request.received.isoformat(),
            due=due.isoformat(),
            request=request.reference or "—",
            asked=request.asked or "—",
        )


_APPROVAL_WORDS = {
    "en": {"general": "the general part", "processing": "the processing", "transfer": "the transfer to {who}",
           "added": "a new transfer to {who}", "removed": "the transfer “{id}” (removed)"},
    "az": {"general": "ümumi hissə", "processing": "işlənilmə", "transfer": "alan tərəfə ({who}) ötürmə",
           "added": "alan tərəfə ({who}) yeni ötürmə", "removed": "«{id}» ötürməsi (silinib)"},
    "ru": {"general": "общая часть", "processing": "обработка", "transfer": "передача получателю {who}",
           "added": "новая передача получателю {who}", "removed": "передача «{id}» (удалена)"},
}


def approval_changes(assessment: Assessment) -> list[tuple[str, str]]:
    """What differs from what the approval approved (see changed_since_approval)."""
    from xborder.model.assessment import changed_since_approval

    return changed_since_approval(assessment)


def _approval_words(changes: list[tuple[str, str]], assessment: Assessment, lang: str) -> str:
    words = _APPROVAL_WORDS[lang]
    parts = []
    for what, tid in changes:
        transfer = assessment.transfer(tid) if tid else None
        who = f"{transfer.recipient.name}, {transfer.country}" if transfer is not None else tid
        parts.append(words[what].format(who=who, id=tid))
    return "; ".join(parts)


def _evaluation(
    assessment: Assessment,
    reference: Reference,
    profile: PolicyProfile | None,
    as_of: dt.date,
    verdict: str,
    findings: list[Finding],
    results: list[TransferResult],
) -> Evaluation:
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

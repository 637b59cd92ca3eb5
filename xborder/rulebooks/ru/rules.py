"""The "ru" rulebook's rules: 152-FZ Art. 12 (2023 version). One function per rule;
ids, severities, sources and texts are in `data/rulebook_ru.toml` beside this module.

A fact dated after the as-of date has not happened as of that date (FORMAT.md,
amendments): the rules see it as absent, and RU-ADV-FUTURE says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from xborder.model.assessment import Assessment, Transfer
from xborder.rulebooks.ru.workdays import Calendar, add_working_days, first_day_after, load_calendar
from xborder.rules.engine import (
    Evaluation,
    Finding,
    TransferResult,
    adequacy_param,
    transfer_finding,
    verdict_of,
    worst_verdict,
)

if TYPE_CHECKING:
    from xborder.reference import AdequacyInfo, Reference

REVIEW_DAYS = 10
"""RKN reviews a notice for a non-adequate state for 10 working days (press release of 10.02.2023)."""
ANSWER_DAYS = 10
"""Part 6: the recipient information is given to RKN within 10 working days of its request."""
VITAL = "vital_interests"


class _Ctx:
    __slots__ = ("adequacy", "as_of", "assessment", "calendar", "index", "reference", "transfer")

    def __init__(
        self,
        assessment: Assessment,
        index: int,
        transfer: Transfer,
        adequacy: AdequacyInfo,
        reference: Reference,
        as_of: dt.date,
        calendar: Calendar,
    ):
        self.assessment = assessment
        self.index = index
        self.transfer = transfer
        self.adequacy = adequacy
        self.reference = reference
        self.as_of = as_of
        self.calendar = calendar

    def finding(self, rule: str, field: tuple[str | int, ...], **params: str) -> Finding:
        # a "ru" finding cites the statute, not a policy clause: no profile
        return transfer_finding(self.reference, None, rule, self.transfer, self.index, field, **params)

    # the facts as of the check's date
    def sent(self) -> dt.date | None:
        n = self.transfer.notification
        return n.sent if n and n.sent and n.sent <= self.as_of else None

    def obtained(self) -> dt.date | None:
        i = self.transfer.recipient_info
        return i.obtained if i and i.obtained and i.obtained <= self.as_of else None


Rule = Callable[[_Ctx], Iterator[Finding]]


def adequacy_for(transfer: Transfer, reference: Reference, as_of: dt.date) -> AdequacyInfo:
    """The transfer's [adequacy] override, else the list; a list entry counts from its
    `in_force` date, judged on the start and, once started, on the as-of date too."""
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
    if info.adequate and info.in_force is not None:
        start = transfer.start
        days = [as_of] if start is None else ([start, as_of] if start <= as_of else [start])
        if any(day < info.in_force for day in days):
            return replace(info, adequate=False)
    return info


def first_permitted(sent: dt.date, acknowledged: dt.date | None, calendar: Calendar) -> dt.date:
    """The first day a transfer to a non-adequate state may start: after 10 working days
    counted from the day after the notice (from its receipt where that is recorded later)."""
    origin = acknowledged if acknowledged is not None and acknowledged > sent else sent
    return first_day_after(origin, REVIEW_DAYS, calendar)


def _waits(c: _Ctx) -> bool:
    return not c.adequacy.adequate and c.transfer.ground != VITAL


def rule_ground(c: _Ctx) -> Iterator[Finding]:
    if c.transfer.ground is None:
        yield c.finding("RU-GROUND-1", ("ground",))


def rule_start(c: _Ctx) -> Iterator[Finding]:
    if c.transfer.start is None:
        yield c.finding("RU-START-1", ("start",))


def rule_info(c: _Ctx) -> Iterator[Finding]:
    sent, obtained = c.sent(), c.obtained()
    if sent is not None and obtained is not None and obtained > sent:
        yield c.finding("RU-INFO-1", ("recipient_info", "obtained"), obtained=obtained.isoformat(), sent=sent.isoformat())
    elif sent is not None and obtained is None:
        yield c.finding("RU-INFO-2", ("recipient_info", "obtained"), sent=sent.isoformat())
    elif sent is None and obtained is None:
        start = c.transfer.start
        if not (start is not None and start <= c.as_of):
            yield c.finding("RU-INFO-3", ("recipient_info", "obtained"))


def rule_info_items(c: _Ctx) -> Iterator[Finding]:
    """Once the information is recorded as obtained (or the notice as sent), each item of
    part 5 must be there: a missing one is reported by name."""
    if c.obtained() is None and c.sent() is None:
        return
    info = c.transfer.recipient_info
    rec = c.transfer.recipient
    if info is None or not (info.measures or "").strip():
        yield c.finding("RU-INFO-MEASURES", ("recipient_info", "measures"))
    if info is None or not (info.termination or "").strip():
        yield c.finding("RU-INFO-TERMINATION", ("recipient_info", "termination"))
    if not c.adequacy.adequate and (info is None or not (info.legal_regulation or "").strip()):
        yield c.finding("RU-INFO-LEGAL", ("recipient_info", "legal_regulation"))
    if not (rec.phone or "").strip():
        yield c.finding("RU-DETAILS-PHONE", ("recipient", "phone"))
    if not (rec.email or "").strip():
        yield c.finding("RU-DETAILS-EMAIL", ("recipient", "email"))
    if not (rec.postal_address or "").strip():
        yield c.finding("RU-DETAILS-POSTAL", ("recipient", "postal_address"))


def rule_notify(c: _Ctx) -> Iterator[Finding]:
    n = c.transfer.notification
    start = c.transfer.start
    sent = c.sent()
    if n is not None and n.separate is False:
        yield c.finding("RU-NOTIFY-4", ("notification", "separate"))
    if sent is None:
        if start is None:
            return
        if start <= c.as_of:
            yield c.finding("RU-NOTIFY-2", ("notification", "sent"), start=start.isoformat())
        else:
            yield c.finding("RU-NOTIFY-1", ("notification", "sent"), start=start.isoformat())
        return
    if start is not None and sent >= start:
        yield c.finding("RU-NOTIFY-3", ("notification", "sent"), sent=sent.isoformat(), start=start.isoformat())


def rule_wait(c: _Ctx) -> Iterator[Finding]:
    sent = c.sent()
    if sent is None or not _waits(c):
        return
    n = c.transfer.notification
    ack = n.acknowledged if n and n.acknowledged and n.acknowledged <= c.as_of else None
    first = first_permitted(sent, ack, c.calendar)
    start = c.transfer.start
    params = {"sent": sent.isoformat(), "first": first.isoformat()}
    if start is not None and sent < start < first:
        yield c.finding("RU-WAIT-1", ("start",), start=start.isoformat(), **params)
    elif c.as_of < first:
        yield c.finding("RU-WAIT-2", ("notification", "sent"), **params)


def rule_decision(c: _Ctx) -> Iterator[Finding]:
    d = c.transfer.authority_decision
    if d is None or d.date > c.as_of:
        return
    rule = "RU-DECISION-1" if d.kind == "prohibit" else "RU-DECISION-2"
    yield c.finding(rule, ("authority_decision",), date=d.date.isoformat(), reference=d.reference or "—")


def advice_vital(c: _Ctx) -> Iterator[Finding]:
    if c.transfer.ground == VITAL and not c.adequacy.adequate:
        yield c.finding("RU-VITAL-1", ("ground",))


def advice_request(c: _Ctx) -> Iterator[Finding]:
    r = c.transfer.information_request
    if r is None or r.requested > c.as_of:
        return
    if r.answered is not None and r.answered <= c.as_of:
        return
    due = add_working_days(r.requested, ANSWER_DAYS, c.calendar)
    yield c.finding("RU-REQUEST-1", ("information_request", "answered"), requested=r.requested.isoformat(), due=due.isoformat())


def advice_unverified(c: _Ctx) -> Iterator[Finding]:
    if c.adequacy.adequate and not c.adequacy.verified:
        yield c.finding("RU-ADV-UNVERIFIED", ("country",), adequacy_source=adequacy_param(c.adequacy))


def advice_future(c: _Ctx) -> Iterator[Finding]:
    t = c.transfer
    dated: list[tuple[str, tuple[str, ...], dt.date | None]] = [
        ("notification.sent", ("notification", "sent"), t.notification.sent if t.notification else None),
        ("recipient_info.obtained", ("recipient_info", "obtained"), t.recipient_info.obtained if t.recipient_info else None),
        ("authority_decision.date", ("authority_decision", "date"), t.authority_decision.date if t.authority_decision else None),
        ("information_request.requested", ("information_request", "requested"),
         t.information_request.requested if t.information_request else None),
    ]
    for key, field, day in dated:
        if day is not None and day > c.as_of:
            yield c.finding("RU-ADV-FUTURE", field, key=key, date=day.isoformat(), as_of=c.as_of.isoformat())


TRANSFER_RULES: tuple[Rule, ...] = (
    rule_ground,
    rule_start,
    rule_info,
    rule_info_items,
    rule_notify,
    rule_wait,
    rule_decision,
    advice_vital,
    advice_request,
    advice_unverified,
    advice_future,
)


def evaluate(assessment: Assessment, reference: Reference, as_of: dt.date) -> Evaluation:
    calendar = load_calendar(reference.workspace_data)
    results: list[TransferResult] = []
    for index, transfer in enumerate(assessment.transfers):
        adequacy = adequacy_for(transfer, reference, as_of)
        ctx = _Ctx(assessment, index, transfer, adequacy, reference, as_of, calendar)
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
    findings: list[Finding] = []
    if not assessment.transfers:
        findings.append(
            Finding(
                rule="RU-NONE-1",
                severity=reference.rule("RU-NONE-1").severity,
                transfer=None,
                field=("transfers",),
                params={},
                reference=reference,
                profile=None,
            )
        )
    return Evaluation(
        assessment_id=assessment.id,
        as_of=as_of,
        verdict=worst_verdict(r.verdict for r in results),
        findings=tuple(findings),
        transfers=tuple(results),
        rulebook_version=reference.rulebook.meta.version,
        adequacy_version=reference.adequacy_version,
        rulebook="ru",
        reference_of=(reference, None),
    )

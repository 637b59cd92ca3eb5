"""The life of an assessment: review states, approval, and what falls due when.

Pure functions (no I/O, no clock: "today" is always passed in), shared by the CLI
(`xborder approve`, `status`, `due`) and the wizard's home-screen badges.

    due_items(assessment, evaluation, as_of, within_days) -> list[DueItem]
    transition(assessment, target, ...) -> Assessment      (draft/in_review/withdrawn/...)
    approve(assessment, evaluation, reviewer, on, ...) -> Assessment

States (FORMAT.md `status`): draft -> in_review -> approved | rejected; withdrawn at any
time. An approved assessment goes back to in_review for a re-assessment and may be
approved again at its periodic review; a rejected one goes back to draft to be reworked;
a withdrawn one may be reopened as a draft.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from xborder.model.assessment import Approval, Assessment, PastDecision, content_digests
from xborder.rules.engine import VERDICTS
from xborder.rules.registry import get_rulebook

if TYPE_CHECKING:
    from xborder.rules.engine import Evaluation

DueKind = Literal["review", "notification", "recipient_info", "authority_request"]
DUE_KINDS: tuple[DueKind, ...] = ("review", "notification", "recipient_info", "authority_request")
"""What can fall due: the periodic review (next_review), and the prior steps of the
assessment's rulebook (the notice to the authority; the information to obtain from the
recipient before it; the answer to the authority's request for information), with the
last days the rulebook sets (Rulebook.deadlines)."""

DEFAULT_WITHIN_DAYS = 30

INACTIVE = ("rejected", "withdrawn")
"""Statuses under which nothing falls due: the transfers will not happen as recorded."""

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("in_review", "withdrawn"),
    "in_review": ("approved", "rejected", "draft", "withdrawn"),
    "approved": ("approved", "in_review", "withdrawn"),
    "rejected": ("draft", "withdrawn"),
    "withdrawn": ("draft",),
}
"""status -> the statuses it may move to. approved -> approved is the periodic review
(approving again records the new decision and moves next_review on)."""

DECISIONS = ("approved", "rejected")
"""Statuses reached only through a reviewer's decision (`approve`, `reject`)."""


class LifecycleError(ValueError):
    """A transition that is not allowed; the message says what to do instead.

    `str(error)` is the English message; `error.message(lang, label)` gives it in
    Azerbaijani ("az") or English, with `label(table, key, lang)` naming statuses and
    verdicts for people (e.g. Reference.label)."""

    def __init__(self, key: str, **params: str) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en", label: Callable[[str, str, str], str] | None = None) -> str:
        lang = "az" if lang == "az" else "en"
        params = dict(self.params)
        if label is not None and lang == "az":
            for name, table in (("current", "status"), ("target", "status"), ("verdict", "verdict")):
                if name in params and params[name] in _KNOWN[table]:
                    params[name] = label(table, params[name], lang)
        text = _ERRORS[lang][self.key].format(**params)
        if self.params.get("hint") == "submit":
            text += _ERRORS[lang]["hint_submit"].format(**params)
        return text


_KNOWN = {"status": tuple(TRANSITIONS), "verdict": VERDICTS}
"""Keys that `label` may name (a parameter holding anything else is shown as it is)."""

_ERRORS: dict[str, dict[str, str]] = {
    "en": {
        "use_approve": "approving records the reviewer and the verdicts: use `xborder approve {id} --by NAME`",
        "unknown": "unknown status {target!r} (expected one of {expected})",
        "already": "{id} is already {current}",
        "refused": "{id} is {current}: it cannot become {target} (from {current}: {nexts})",
        "hint_submit": "; submit it for review first (`xborder status {id} --set in_review`)",
        "reject_by": "rejecting needs the reviewer's name (--by NAME)",
        "reject_reason": "rejecting needs a recorded reason (--reason TEXT)",
        "reject_date": "rejecting needs the date of the decision",
        "approve_by": "approving needs the reviewer's name (--by NAME)",
        "not_permitted": "{id} is {verdict}, not permitted, as of {as_of}: approve it only with a recorded reason (--reason TEXT)",
        "self_approval": "{reviewer} prepared {id} and may not approve it too: a second person approves (or allow it with `self_approval = true` under [review] in xborder.toml)",
        "again": "{id} is already approved (by {reviewer} on {date}): to approve it again, say so with --again (the earlier approval is kept in the file)",
        "before_created": "the decision date {date} is before the assessment was created ({created})",
    },
    "az": {
        "use_approve": "təsdiq rəyçini və nəticələri qeydə alır: `xborder approve {id} --by NAME` əmrindən istifadə edin",
        "unknown": "naməlum status {target!r} (mümkün olanlar: {expected})",
        "already": "{id} artıq «{current}» statusundadır",
        "refused": "{id} «{current}» statusundadır: «{target}» statusuna keçirilə bilməz (mümkün keçidlər: {nexts})",
        "hint_submit": "; əvvəlcə baxışa təqdim edin (`xborder status {id} --set in_review`)",
        "reject_by": "rədd etmək üçün rəyçinin adı göstərilməlidir (--by NAME)",
        "reject_reason": "rədd etmək üçün səbəb qeyd edilməlidir (--reason TEXT)",
        "reject_date": "rədd etmək üçün qərarın tarixi göstərilməlidir",
        "approve_by": "təsdiq üçün rəyçinin adı göstərilməlidir (--by NAME)",
        "not_permitted": "{id} {as_of} tarixinə «{verdict}» nəticəsindədir, «Yol verilir» deyil: yalnız səbəb qeyd edilməklə təsdiqlənə bilər (--reason TEXT)",
        "self_approval": "{id} qiymətləndirməsini {reviewer} hazırlayıb və onu özü təsdiqləyə bilməz: təsdiqi başqa şəxs verir (və ya xborder.toml faylında [review] bölməsində `self_approval = true` ilə buna icazə verin)",
        "again": "{id} artıq təsdiqlənib ({date} tarixində, {reviewer}): yenidən təsdiqləmək üçün bunu --again ilə bildirin (əvvəlki təsdiq faylda saxlanılır)",
        "before_created": "qərarın tarixi ({date}) qiymətləndirmənin yaradıldığı tarixdən ({created}) əvvəldir",
    },
}


# -- what falls due ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DueItem:
    """One thing that falls due (or is overdue) for one assessment or transfer."""

    kind: DueKind
    assessment_id: str
    transfer_id: str | None
    """The transfer it concerns; None for the assessment as a whole (the review)."""
    date: dt.date
    """The last day to act: next_review; the day before the transfer starts (the
    notification must precede it); for recipient information, that same day, or the
    day the notification was sent when it was sent without it."""
    overdue: bool
    """`date` is already past (as of the day asked for)."""
    as_of: dt.date | None = None
    title: str = ""
    """The assessment's title."""
    recipient: str = ""
    country: str = ""
    start: dt.date | None = None
    """The transfer's start (for notification and recipient information)."""
    sent: dt.date | None = None
    """The notification's date when it was sent without the recipient information; the
    date of the authority's request."""
    reference: str = ""
    """The authority's reference of its request."""
    verdict: str | None = None
    """The transfer's (or, for a review, the assessment's) verdict when evaluated."""
    clause: str = ""
    """The operator's own policy clause for the step, where its policy profile maps one."""

    @property
    def days(self) -> int | None:
        """Days from as_of to the date: negative when overdue, 0 on the day."""
        return None if self.as_of is None else (self.date - self.as_of).days

    def message(self, lang: str, *, relative: bool = True) -> str:
        """One line for a person, in Azerbaijani ("az") or English (anything else);
        with `relative`, how many days are left or late as of `as_of`."""
        texts = _TEXTS["az" if lang == "az" else "en"]
        who = f"{self.recipient} ({self.country})" if self.recipient else self.country
        if self.kind == "review":
            key = "review_overdue" if self.overdue else "review_due"
        elif self.kind == "authority_request":
            key = "request_overdue" if self.overdue else "request_due"
        elif self.kind == "notification":
            key = "notify_overdue" if self.overdue else "notify_due"
        elif self.sent is not None:
            key = "info_after_sent"
        else:
            key = "info_overdue" if self.overdue else "info_due"
        text = texts[key].format(
            date=self.date.isoformat(),
            start=self.start.isoformat() if self.start else "",
            sent=self.sent.isoformat() if self.sent else "",
            who=who,
            ref=self.reference or "—",
        )
        if self.clause:
            text += texts["clause"].format(clause=self.clause)
        days = self.days
        if relative and days is not None:
            if days < 0:
                text += texts["late"].format(n=-days)
            elif days == 0:
                text += texts["today"]
            else:
                text += texts["left"].format(n=days)
        return text

    def to_json(self, lang: str = "en") -> dict[str, object]:
        return {
            "kind": self.kind,
            "assessment": self.assessment_id,
            "transfer": self.transfer_id,
            "date": self.date.isoformat(),
            "overdue": self.overdue,
            "days": self.days,
            "message": self.message(lang),
        }


_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "review_due": "periodic review due by {date}",
        "review_overdue": "periodic review was due on {date}",
        "notify_due": "notify the authority of the transfer to {who} by {date}: it starts on {start}",
        "notify_overdue": "the transfer to {who} started (or was to start) on {start} without prior notification of the authority",
        "info_due": "obtain the information from {who} by {date}, before notifying the authority",
        "info_overdue": "the information from {who} was not obtained before the transfer's start on {start}",
        "info_after_sent": "the notification was sent on {sent} but the information from {who} is still not recorded as obtained",
        "request_due": "answer the authority's request of {sent} (No. {ref}) by {date}: within 30 days of the request",
        "request_overdue": "the authority's request of {sent} (No. {ref}) was due to be answered by {date}",
        "clause": " (policy clause {clause})",
        "late": " ({n} days overdue)",
        "today": " (today)",
        "left": " ({n} days left)",
    },
    "az": {
        "review_due": "təkrar baxış {date} tarixinədək keçirilməlidir",
        "review_overdue": "təkrar baxış {date} tarixində keçirilməli idi",
        "notify_due": "alan tərəfə ({who}) ötürmə barədə səlahiyyətli orqana bildiriş {date} tarixinədək göndərilməlidir: ötürmə {start} tarixində başlayır",
        "notify_overdue": "alan tərəfə ({who}) ötürmə səlahiyyətli orqana əvvəlcədən bildiriş göndərilmədən {start} tarixində başlayıb (və ya başlamalı idi)",
        "info_due": "alan tərəfdən ({who}) məlumat bildirişdən əvvəl, {date} tarixinədək alınmalıdır",
        "info_overdue": "alan tərəfdən ({who}) məlumat ötürmənin {start} tarixində başlamasından əvvəl alınmayıb",
        "info_after_sent": "bildiriş {sent} tarixində göndərilib, lakin alan tərəfdən ({who}) məlumatın alınması hələ qeyd edilməyib",
        "request_due": "səlahiyyətli orqanın {sent} tarixli sorğusu (№ {ref}) {date} tarixinədək cavablandırılmalıdır: sorğudan sonra 30 gün ərzində",
        "request_overdue": "səlahiyyətli orqanın {sent} tarixli sorğusu (№ {ref}) {date} tarixinədək cavablandırılmalı idi",
        "clause": " (siyasətin {clause} bəndi)",
        "late": " ({n} gün gecikir)",
        "today": " (bu gün)",
        "left": " ({n} gün qalıb)",
    },
}


def due_items(
    assessment: Assessment,
    evaluation: Evaluation | None,
    as_of: dt.date,
    within_days: int = DEFAULT_WITHIN_DAYS,
) -> list[DueItem]:
    """What falls due for `assessment` on or before `as_of + within_days`, overdue items
    included, sorted by date. Nothing falls due for a rejected or withdrawn assessment.

    A transfer with no `start` has no deadline yet (`check` reports the missing date);
    a transfer already notified has nothing due, unless the notice went out without
    the recipient information (then that was due on the day it was sent).
    `evaluation` (of this assessment, any as-of) only adds verdicts to the items."""
    if within_days < 0:
        raise ValueError("within_days must not be negative")
    if evaluation is not None and evaluation.assessment_id != assessment.id:
        raise ValueError(
            f"evaluation of {evaluation.assessment_id!r} given for assessment {assessment.id!r}"
        )
    if assessment.status in INACTIVE:
        return []
    horizon = as_of + dt.timedelta(days=within_days)
    items: list[DueItem] = []

    def add(item: DueItem) -> None:
        if item.overdue or item.date <= horizon:
            items.append(item)

    if assessment.next_review is not None:
        add(
            DueItem(
                kind="review",
                assessment_id=assessment.id,
                transfer_id=None,
                date=assessment.next_review,
                overdue=assessment.next_review < as_of,
                as_of=as_of,
                title=assessment.title,
                verdict=evaluation.verdict if evaluation is not None else None,
            )
        )
    rulebook = get_rulebook(assessment.jurisdiction)
    for step in rulebook.deadlines(assessment, as_of):
        transfer = step.transfer
        if transfer is None:
            add(
                DueItem(
                    kind=step.kind,
                    assessment_id=assessment.id,
                    transfer_id=None,
                    date=step.date,
                    overdue=step.date < as_of,
                    as_of=as_of,
                    title=assessment.title,
                    sent=step.sent,
                    reference=step.reference,
                    verdict=evaluation.verdict if evaluation is not None else None,
                    clause=_own_clause(evaluation, step.rule),
                )
            )
            continue
        result = evaluation.transfer(transfer.id) if evaluation is not None else None
        add(
            DueItem(
                kind=step.kind,
                assessment_id=assessment.id,
                transfer_id=transfer.id,
                date=step.date,
                overdue=step.date < as_of,
                as_of=as_of,
                title=assessment.title,
                recipient=transfer.recipient.name,
                country=transfer.country,
                start=transfer.start,
                sent=step.sent,
                verdict=result.verdict if result is not None else None,
                clause=_own_clause(evaluation, step.rule),
            )
        )
    items.sort(key=_order)
    return items


def _own_clause(evaluation: Evaluation | None, rule: str) -> str:
    """The operator's own clause for `rule`'s commitment, from the evaluation's
    findings' reference and profile ("" when unknown or unmapped)."""
    if evaluation is None or not evaluation.reference_of:
        return ""
    reference, profile = evaluation.reference_of
    return reference.own_clause(rule, profile) or ""


_KIND_ORDER = {kind: i for i, kind in enumerate(DUE_KINDS)}


def _order(item: DueItem) -> tuple[object, ...]:
    return (item.date, item.assessment_id, item.transfer_id or "", _KIND_ORDER[item.kind])


def sort_items(items: list[DueItem]) -> list[DueItem]:
    """Items of several assessments in one order: by date, assessment, transfer, kind."""
    return sorted(items, key=_order)


# -- states -----------------------------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved `months` calendar months ahead, clamped to the month's last day
    (2026-01-31 + 1 month = 2026-02-28)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def allowed(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, ())


def transition(
    assessment: Assessment,
    target: str,
    *,
    by: str | None = None,
    on: dt.date | None = None,
    reason: str | None = None,
) -> Assessment:
    """Move to `target` (draft, in_review, withdrawn, or rejected with a reviewer, a
    date and a reason); approval goes through `approve`. Returns a new Assessment.

    Moving to in_review records `by` as the assessor when given."""
    current = assessment.status
    if target == "approved":
        raise LifecycleError("use_approve", id=assessment.id)
    if target not in TRANSITIONS:
        raise LifecycleError("unknown", target=target, expected=", ".join(TRANSITIONS))
    if target == current:
        raise LifecycleError("already", id=assessment.id, current=current)
    if not allowed(current, target):
        raise _refusal(assessment.id, current, target)
    changes: dict[str, object] = {"status": target}
    if target == "rejected":
        if not by or not by.strip():
            raise LifecycleError("reject_by")
        if not reason or not reason.strip():
            raise LifecycleError("reject_reason")
        if on is None:
            raise LifecycleError("reject_date")
        if on < assessment.created:
            raise LifecycleError("before_created", date=on.isoformat(), created=assessment.created.isoformat())
        changes["approval"] = Approval(
            reviewer=by.strip(),
            date=on,
            decision="rejected",
            reason=reason.strip(),
            earlier=_earlier(assessment.approval),
        )
    elif target == "in_review" and by and by.strip():
        changes["assessor"] = by.strip()
    return _updated(assessment, changes)


def _refusal(ident: str, current: str, target: str) -> LifecycleError:
    nexts = ", ".join(TRANSITIONS.get(current, ())) or "—"
    hint = "submit" if target in DECISIONS and current == "draft" else ""
    return LifecycleError("refused", id=ident, current=current, target=target, nexts=nexts, hint=hint)


def approve(
    assessment: Assessment,
    evaluation: Evaluation,
    reviewer: str,
    on: dt.date,
    *,
    period_months: int,
    reason: str | None = None,
    again: bool = False,
    self_approval: bool = False,
) -> Assessment:
    """Approve `assessment` (in review, or approved and now re-reviewed) as judged by
    `evaluation`: record the reviewer, date, reason, adequacy-list version, each
    transfer's verdict and what was approved (content digests), keep the earlier
    decision in `approval.earlier`, and set next_review `period_months` after `on`.

    Refused when the verdict is not `permitted` unless a reason is recorded; when the
    reviewer prepared the assessment (its assessor) unless `self_approval`; when it is
    approved already unless `again`; when `on` is before the assessment was created."""
    if evaluation.assessment_id != assessment.id:
        raise ValueError("the evaluation is of another assessment")
    reviewer = reviewer.strip()
    if not reviewer:
        raise LifecycleError("approve_by")
    if not allowed(assessment.status, "approved"):
        raise _refusal(assessment.id, assessment.status, "approved")
    if on < assessment.created:
        raise LifecycleError("before_created", date=on.isoformat(), created=assessment.created.isoformat())
    assessor = (assessment.assessor or "").strip()
    if not self_approval and assessor and " ".join(assessor.casefold().split()) == " ".join(reviewer.casefold().split()):
        raise LifecycleError("self_approval", reviewer=reviewer, id=assessment.id)
    previous = assessment.approval
    if assessment.status == "approved" and not again:
        raise LifecycleError(
            "again",
            id=assessment.id,
            reviewer=previous.reviewer if previous else "—",
            date=previous.date.isoformat() if previous else "—",
        )
    reason = reason.strip() if reason else None
    if evaluation.verdict != "permitted" and not reason:
        raise LifecycleError(
            "not_permitted", id=assessment.id, verdict=evaluation.verdict, as_of=evaluation.as_of.isoformat()
        )
    approval = Approval(
        reviewer=reviewer,
        date=on,
        decision="approved",
        reason=reason,
        adequacy_version=evaluation.adequacy_version,
        verdicts={t.id: t.verdict for t in evaluation.transfers},
        approved=content_digests(assessment),
        earlier=_earlier(previous),
    )
    return _updated(
        assessment,
        {"status": "approved", "approval": approval, "next_review": add_months(on, period_months)},
    )


def _earlier(previous: Approval | None) -> list[PastDecision]:
    """The decisions before a new one: the last one first, then those it kept."""
    if previous is None:
        return []
    last = PastDecision(
        reviewer=previous.reviewer, date=previous.date, decision=previous.decision, reason=previous.reason
    )
    return [last, *previous.earlier]


def _updated(assessment: Assessment, changes: dict[str, object]) -> Assessment:
    """A validated copy with `changes` (model_copy would skip validation)."""
    data = assessment.model_dump()
    for key, value in changes.items():
        data[key] = value.model_dump() if isinstance(value, Approval) else value
    return Assessment.model_validate(data)

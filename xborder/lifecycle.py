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

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from xborder.dates import add_months
from xborder.i18n import gettext, ngettext
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
    `lang` (from the message catalogue), with `label(table, key, lang)` naming statuses and
    verdicts for people (e.g. Reference.label)."""

    def __init__(self, key: str, **params: str) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en", label: Callable[[str, str, str], str] | None = None) -> str:
        params = dict(self.params)
        if label is not None and lang != "en":
            for name, table in (("current", "status"), ("target", "status"), ("verdict", "verdict")):
                if name in params and params[name] in _KNOWN[table]:
                    params[name] = label(table, params[name], lang)
        text = gettext(lang, f"lifecycle.{self.key}", **params)
        if self.params.get("hint") == "submit":
            text += gettext(lang, "lifecycle.hint_submit", **params)
        return text


_KNOWN = {"status": tuple(TRANSITIONS), "verdict": VERDICTS}
"""Keys that `label` may name (a parameter holding anything else is shown as it is)."""



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
        """One line for a person, in `lang` (from the message catalogue);
        with `relative`, how many days are left or late as of `as_of`."""
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
        text = gettext(lang, f"due.{key}",
            date=self.date.isoformat(),
            start=self.start.isoformat() if self.start else "",
            sent=self.sent.isoformat() if self.sent else "",
            who=who,
            ref=self.reference or "—",
        )
        if self.clause:
            text += gettext(lang, "due.clause", clause=self.clause)
        days = self.days
        if relative and days is not None:
            if days < 0:
                text += ngettext(lang, "due.late", -days)
            elif days == 0:
                text += gettext(lang, "due.today")
            else:
                text += ngettext(lang, "due.left", days)
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
    bound = evaluation.reference_of[0] if evaluation is not None and evaluation.reference_of else None
    for step in rulebook.deadlines(assessment, as_of, bound):
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
    updated = Assessment.model_validate(data)
    for before, after in zip(assessment.transfers, updated.transfers, strict=True):
        after._inherited = before._inherited  # what the recipient catalogue filled in
    return updated


# -- a copy under another rulebook --------------------------------------------------------
def copy_notes(
    notes: list[tuple[str, dict[str, str]]], label: Callable[[str, str, str], str], lang: str
) -> list[str]:
    """`copy_under`'s notes as sentences in `lang`, a ground by its label
    (`label(table, key, lang)`, e.g. Reference.label), never by its key."""
    out = []
    for key, params in notes:
        shown = dict(params)
        if "ground" in shown:
            shown["ground"] = label("ground", shown["ground"], lang)
        out.append(gettext(lang, f"cli.copy.{key}", **shown))
    return out


def copy_under(
    assessment: Assessment, jurisdiction: str, new_id: str, today: dt.date, grounds: tuple[str, ...]
) -> tuple[Assessment, list[tuple[str, dict[str, str]]]]:
    """A new draft of `assessment`'s transfers under the rulebook `jurisdiction` (issue 9:
    one rulebook per file, a copy under the other), and what does not carry over, as
    (message key under cli.copy., its parameters): transfers to that rulebook's home
    country, grounds it lacks (`grounds`: its grounds), the other authority's notices and
    decisions. The CLI (`xborder copy`) and the wizard make the same copy."""
    book = get_rulebook(jurisdiction)
    notes: list[tuple[str, dict[str, str]]] = []
    transfers = []
    for transfer in assessment.transfers:
        if transfer.country == book.home_country:
            notes.append(("dropped_home", {"transfer": transfer.id, "country": transfer.country, "rulebook": book.id}))
            continue
        changes: dict[str, object] = {}
        if transfer.ground is not None and transfer.ground not in grounds:
            notes.append(("ground", {"transfer": transfer.id, "ground": transfer.ground, "rulebook": book.id}))
            changes["ground"] = None
        if transfer.notification is not None:
            notes.append(("notification", {"transfer": transfer.id}))
            changes["notification"] = None
        if transfer.authority_decision is not None or transfer.information_request is not None:
            changes.update(authority_decision=None, information_request=None)
        transfers.append(transfer.model_copy(update=changes))
    copy = assessment.model_copy(
        update={
            "id": new_id,
            "jurisdiction": book.id,
            "status": "draft",
            "created": today,
            "approval": None,
            "transfers": transfers,
        }
    )
    return copy, notes

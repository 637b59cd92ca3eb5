"""Checks of an assessment that need reference data (vocabularies, the rulebook's
grounds). Their failures are load errors (FORMAT.md), like schema errors; they are
returned as (key path, message) so storage can give them a line and column."""

from __future__ import annotations

from collections.abc import Collection

from xborder.model.assessment import Assessment
from xborder.model.text import Msg, alternatives

Loc = tuple[str | int, ...]

def check_assessment(
    assessment: Assessment,
    *,
    data_keys: Collection[str],
    special_keys: Collection[str],
    grounds: Collection[str],
    stem: str | None = None,
    jurisdictions: Collection[str] = ("az",),
    home_country: str | None = None,
    home_error: str = "",
    policies: Collection[str] | None = None,
) -> list[tuple[Loc, str]]:
    """Load errors needing reference data. The caller (xborder.rules.checks) passes what
    the assessment's rulebook knows: its grounds, its home country (a transfer there is
    not cross-border: `home_error`), the jurisdictions installed, the policy profiles."""
    problems: list[tuple[Loc, str]] = []
    if stem is not None and assessment.id != stem:
        problems.append(
            (
                ("id",),
                Msg("error.id_not_file_name", id=assessment.id, stem=stem),
            )
        )
    if assessment.jurisdiction not in jurisdictions:
        problems.append(
            (
                ("jurisdiction",),
                Msg("error.unknown_jurisdiction", value=assessment.jurisdiction, known=", ".join(jurisdictions)),
            )
        )
    policy = assessment.operator.policy
    if policies is not None and policy is not None and policy not in policies:
        problems.append(
            (
                ("operator", "policy"),
                Msg("error.unknown_policy", value=policy, known=", ".join(sorted(policies))),
            )
        )
    problems.extend(_impossible_dates(assessment))
    processing = assessment.processing
    for index, key in enumerate(processing.data):
        if key not in data_keys:
            msgid = "error.unknown_data_special" if key in special_keys else "error.unknown_data"
            problems.append(
                (
                    ("processing", "data", index),
                    Msg(msgid, key=key),
                )
            )
    for index, key in enumerate(processing.special):
        if key not in special_keys:
            problems.append(
                (
                    ("processing", "special", index),
                    Msg("error.unknown_special", key=key),
                )
            )
    for field in ("data", "special"):
        values = getattr(processing, field)
        earlier: set[str] = set()
        for index, key in enumerate(values):
            if key in earlier:
                problems.append(
                    (("processing", field, index), _twice(key))
                )
            earlier.add(key)
    processed = set(processing.data) | set(processing.special)
    seen: set[str] = set()
    for t_index, transfer in enumerate(assessment.transfers):
        if transfer.id in seen:
            problems.append(
                (
                    ("transfers", t_index, "id"),
                    Msg("error.duplicate_transfer_id", id=transfer.id),
                )
            )
        seen.add(transfer.id)
        if home_country is not None and transfer.country == home_country:
            problems.append((("transfers", t_index, "country"), home_error or f"{home_country}"))
        if transfer.ground is not None and transfer.ground not in grounds:
            problems.append(
                (
                    ("transfers", t_index, "ground"),
                    Msg("error.unknown_ground", ground=transfer.ground, expected=alternatives(list(grounds))),
                )
            )
        listed = transfer.data or []
        before: set[str] = set()
        for d_index, key in enumerate(listed):
            seen_before = key in before
            before.add(key)
            if key not in processed:
                problems.append(
                    (
                        ("transfers", t_index, "data", d_index),
                        Msg("error.not_processed", key=key),
                    )
                )
            elif seen_before:
                problems.append((("transfers", t_index, "data", d_index), _twice(key)))
    return problems


def _impossible_dates(assessment: Assessment) -> list[tuple[Loc, str]]:
    """Dates that cannot be true (FORMAT.md amendments): acknowledged before sent, an
    approval dated before the assessment was created, approved with a rejection."""
    problems: list[tuple[Loc, str]] = []
    for index, transfer in enumerate(assessment.transfers):
        notification = transfer.notification
        if notification is None or notification.acknowledged is None:
            continue
        sent, acknowledged = notification.sent, notification.acknowledged
        key = f"transfers[{index}].notification"
        if sent is None:
            problems.append(
                (
                    ("transfers", index, "notification", "acknowledged"),
                    Msg("error.acknowledged_unsent", date=str(acknowledged), key=key),
                )
            )
        elif acknowledged < sent:
            problems.append(
                (
                    ("transfers", index, "notification", "acknowledged"),
                    Msg("error.acknowledged_before_sent", date=str(acknowledged), key=key, sent=str(sent)),
                )
            )
    approval = assessment.approval
    if approval is not None:
        if approval.date < assessment.created:
            problems.append(
                (
                    ("approval", "date"),
                    Msg("error.approval_before_created", date=str(approval.date), created=str(assessment.created)),
                )
            )
        if assessment.status == "approved" and approval.decision == "rejected":
            problems.append(
                (
                    ("approval", "decision"),
                    Msg("error.approved_but_rejected"),
                )
            )
    return problems


def _twice(key: str) -> Msg:
    return Msg("error.listed_twice", key=key)


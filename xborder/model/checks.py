"""Checks of an assessment that need reference data (vocabularies, the rulebook's
grounds). Their failures are load errors (FORMAT.md), like schema errors; they are
returned as (key path, message) so storage can give them a line and column."""

from __future__ import annotations

from collections.abc import Collection

from xborder.model.assessment import Assessment
from xborder.model.text import Msg

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
                Msg(
                    f"{assessment.id!r} differs from the file name {stem}.toml: they must be equal",
                    az=f"{assessment.id!r} fayl adından ({stem}.toml) fərqlənir: onlar eyni olmalıdır",
                ),
            )
        )
    if assessment.jurisdiction not in jurisdictions:
        problems.append(
            (
                ("jurisdiction",),
                Msg(
                    f"unknown jurisdiction {assessment.jurisdiction!r} "
                    f"(known: {', '.join(jurisdictions)})",
                    az=f"naməlum yurisdiksiya {assessment.jurisdiction!r} "
                    f"(məlum olanlar: {', '.join(jurisdictions)})",
                ),
            )
        )
    policy = assessment.operator.policy
    if policies is not None and policy is not None and policy not in policies:
        problems.append(
            (
                ("operator", "policy"),
                Msg(
                    f"unknown policy profile {policy!r} (known: {', '.join(sorted(policies))}; "
                    "a workspace defines its own under [policies] in xborder.toml)",
                    az=f"naməlum siyasət profili {policy!r} (məlum olanlar: {', '.join(sorted(policies))}; "
                    "iş qovluğu özününküləri xborder.toml faylında [policies] bölməsində müəyyən edir)",
                ),
            )
        )
    problems.extend(_impossible_dates(assessment))
    processing = assessment.processing
    for index, key in enumerate(processing.data):
        if key not in data_keys:
            special = key in special_keys
            hint = " (a special category: list it under special)" if special else ""
            hint_az = " (xüsusi kateqoriyadır: onu special siyahısında göstərin)" if special else ""
            problems.append(
                (
                    ("processing", "data", index),
                    Msg(f"unknown data category {key!r}{hint}", az=f"naməlum məlumat kateqoriyası {key!r}{hint_az}"),
                )
            )
    for index, key in enumerate(processing.special):
        if key not in special_keys:
            problems.append(
                (
                    ("processing", "special", index),
                    Msg(f"unknown special category {key!r}", az=f"naməlum xüsusi kateqoriya {key!r}"),
                )
            )
    for field in ("data", "special"):
        values = getattr(processing, field)
        for index, key in enumerate(values):
            if key in values[:index]:
                problems.append(
                    (("processing", field, index), _twice(key))
                )
    processed = set(processing.data) | set(processing.special)
    seen: set[str] = set()
    for t_index, transfer in enumerate(assessment.transfers):
        if transfer.id in seen:
            problems.append(
                (
                    ("transfers", t_index, "id"),
                    Msg(
                        f"two transfers have the id {transfer.id!r}",
                        az=f"iki ötürmənin ID-si eynidir: {transfer.id!r}",
                    ),
                )
            )
        seen.add(transfer.id)
        if home_country is not None and transfer.country == home_country:
            problems.append((("transfers", t_index, "country"), home_error or f"{home_country}"))
        if transfer.ground is not None and transfer.ground not in grounds:
            problems.append(
                (
                    ("transfers", t_index, "ground"),
                    Msg(
                        f"unknown ground {transfer.ground!r} (expected {_alternatives(grounds)})",
                        az=f"naməlum əsas {transfer.ground!r} (gözlənilən: {_alternatives(grounds, 'və ya')})",
                    ),
                )
            )
        listed = transfer.data or []
        for d_index, key in enumerate(listed):
            if key not in processed:
                problems.append(
                    (
                        ("transfers", t_index, "data", d_index),
                        Msg(
                            f"{key!r} is not among processing.data or processing.special",
                            az=f"{key!r} processing.data və ya processing.special siyahısında yoxdur",
                        ),
                    )
                )
            elif key in listed[:d_index]:
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
                    Msg(
                        f"{acknowledged} is recorded but {key}.sent is not: "
                        "the authority cannot acknowledge a notice that was not sent",
                        az=f"{acknowledged} qeyd edilib, {key}.sent (göndərilmə tarixi) isə yox: "
                        "səlahiyyətli orqan göndərilməmiş bildirişi qəbul edə bilməz",
                    ),
                )
            )
        elif acknowledged < sent:
            problems.append(
                (
                    ("transfers", index, "notification", "acknowledged"),
                    Msg(
                        f"{acknowledged} is before {key}.sent ({sent}): "
                        "a notice cannot be received before it was sent",
                        az=f"{acknowledged} {key}.sent ({sent}) tarixindən əvvəldir: "
                        "bildiriş göndərilməzdən əvvəl daxil ola bilməz",
                    ),
                )
            )
    approval = assessment.approval
    if approval is not None:
        if approval.date < assessment.created:
            problems.append(
                (
                    ("approval", "date"),
                    Msg(
                        f"{approval.date} is before created ({assessment.created}): "
                        "an assessment cannot be decided on before it exists",
                        az=f"{approval.date} created ({assessment.created}) tarixindən əvvəldir: "
                        "qiymətləndirmə yaradılmazdan əvvəl onun barədə qərar verilə bilməz",
                    ),
                )
            )
        if assessment.status == "approved" and approval.decision == "rejected":
            problems.append(
                (
                    ("approval", "decision"),
                    Msg(
                        '"rejected" while status = "approved": '
                        "the recorded decision rejected the assessment",
                        az='"rejected", status isə "approved": '
                        "qeyd edilmiş qərar qiymətləndirməni rədd edib",
                    ),
                )
            )
    return problems


def _twice(key: str) -> Msg:
    return Msg(f"{key!r} is listed twice", az=f"{key!r} iki dəfə göstərilib")


def _alternatives(values: Collection[str], word: str = "or") -> str:
    items = list(values)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]

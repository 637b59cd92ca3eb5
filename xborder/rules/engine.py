"""Findings, verdicts and the dispatch to a jurisdiction's rulebook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import TYPE_CHECKING

from xborder.model.assessment import Assessment, Transfer

if TYPE_CHECKING:
    from xborder.model.policy import PolicyProfile
    from xborder.reference import AdequacyInfo, Basis, Reference

SEVERITIES = ("blocker", "missing", "pending", "advice")
"""Finding severities, most serious first."""

VERDICTS = ("permitted", "pending", "incomplete", "blocked", "invalid")
"""Verdicts, least serious first (the summary's order in FORMAT.md)."""

_SEVERITY_VERDICT = {"blocker": "blocked", "missing": "incomplete", "pending": "pending"}
_RANK = {"permitted": 0, "pending": 1, "incomplete": 2, "blocked": 3, "invalid": 4}

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's finding. Texts are rendered on demand in the language asked for."""

    rule: str
    severity: str
    transfer: str | None
    """The transfer id, or None for the assessment as a whole."""
    field: Loc
    """Key path in the assessment file of the field that fixes it (for the wizard)."""
    params: Mapping[str, str]
    reference: Reference = dc_field(repr=False, compare=False)
    profile: PolicyProfile | None = dc_field(default=None, repr=False, compare=False)
    """The operator's policy profile: the finding cites the operator's own clause where
    it maps the rule's commitment."""

    def message(self, lang: str) -> str:
        text = self.reference.rule(self.rule).message
        template = text.get(lang) or text.get("en", self.rule)
        return template.format_map(_Params(self.params, self.reference, lang))

    def title(self, lang: str) -> str:
        text = self.reference.rule(self.rule).title
        return text.get(lang) or text.get("en", self.rule)

    def fix(self, lang: str) -> str:
        text = self.reference.rule(self.rule).fix
        return text.get(lang) or text.get("en", "")

    def citation(self, lang: str) -> str:
        """Readable, naming the document it cites (FORMAT.md: the operator's own clause
        where its profile has one, else the law and the model clause named as such)."""
        return self.reference.cite(self.rule, self.profile, lang)

    def basis(self, lang: str = "en") -> list[Basis]:
        """The sources the finding rests on: law, model policy, the operator's policy."""
        return self.reference.basis(self.rule, self.profile, lang)

    @property
    def sources(self) -> list[str]:
        return list(self.reference.rule(self.rule).sources)

    @property
    def verified(self) -> bool:
        return self.reference.rule(self.rule).verified

    def to_json(self, lang: str) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "citation": self.citation(lang),
            "message": self.message(lang),
            "basis": self.reference.basis_json(self.rule, self.profile, lang),
        }


# States whose English short name takes the definite article in running text.
_THE = frozenset({"US", "GB", "NL", "RU", "AE", "CZ", "PH", "DO", "BS", "GM", "CF", "KM", "MV", "MH", "SB", "SC", "VA", "CD", "CG", "KY", "FO", "SY"})


def the_country(name: str, code: str, lang: str) -> str:
    """A state's name as a noun in a sentence: in English "the United States", "the
    Russian Federation"; unchanged in other languages."""
    if lang == "en" and code.upper() in _THE and not name.lower().startswith("the "):
        return "the " + name
    return name


class _Params(dict[str, str]):
    """Renders placeholders: countries by name, data keys and verdicts by label."""

    def __init__(self, params: Mapping[str, str], reference: Reference, lang: str):
        super().__init__(params)
        self.reference = reference
        self.lang = lang

    def __getitem__(self, key: str) -> str:
        if key == "the_country" and "country" in self:  # as a noun in an English sentence
            value = super().__getitem__("country")
            return f"{the_country(self.reference.country_name(value, self.lang), value, self.lang)} ({value})"
        value = super().__getitem__(key)
        if key == "country":
            return f"{self.reference.country_name(value, self.lang)} ({value})"
        if key == "categories":
            return ", ".join(
                self.reference.data_label(item, self.lang) for item in value.split(",") if item
            )
        if key == "adequacy_source":
            return self.reference.describe_adequacy(_adequacy_from_param(value), self.lang)
        if key == "verdict" and value in _RANK:
            return self.reference.label("verdict", value, self.lang)
        return value

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def transfer_finding(
    reference: Reference,
    profile: PolicyProfile | None,
    rule: str,
    transfer: Transfer,
    index: int,
    field: Loc,
    /,
    **params: str,
) -> Finding:
    """A finding of `rule` on the transfer at `index`: its recipient and country as
    parameters (the message names them), `field` under the transfer, the severity the
    rulebook's data gives the rule. Every rulebook's transfer rules make theirs here.
    (Positional-only: a message may have a parameter of any name, `reference` included.)"""
    base = {"recipient": transfer.recipient.name, "country": transfer.country}
    base.update(params)
    return Finding(
        rule=rule,
        severity=reference.rule(rule).severity,
        transfer=transfer.id,
        field=("transfers", index, *field),
        params=base,
        reference=reference,
        profile=profile,
    )


def adequacy_param(info: AdequacyInfo) -> str:
    """AdequacyInfo as a finding parameter, rendered per language by `_Params`."""
    return ("override:" if info.overridden else "list:") + (
        info.source if info.overridden else info.country
    )


def _adequacy_from_param(value: str) -> AdequacyInfo:
    from xborder.reference import AdequacyInfo

    kind, _, rest = value.partition(":")
    if kind == "override":
        return AdequacyInfo(country="", adequate=False, source=rest, verified=True, overridden=True)
    return AdequacyInfo(country=rest, adequate=False, source="", verified=True)


@dataclass(frozen=True, slots=True)
class TransferResult:
    id: str
    country: str
    adequacy: AdequacyInfo
    verdict: str
    findings: tuple[Finding, ...]

    @property
    def adequate(self) -> bool:
        return self.adequacy.adequate


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The verdict on one assessment, as of a date, with what it relied on."""

    assessment_id: str
    as_of: dt.date
    verdict: str
    findings: tuple[Finding, ...]
    """Assessment-level findings (not tied to one transfer)."""
    transfers: tuple[TransferResult, ...]
    rulebook_version: str
    adequacy_version: str
    rulebook: str = ""
    """The id of the rulebook that judged it (the assessment's jurisdiction)."""
    reference_of: tuple[Reference, PolicyProfile | None] | None = dc_field(
        default=None, repr=False, compare=False
    )
    """The reference data it was judged with and the operator's policy profile."""

    def all_findings(self) -> list[Finding]:
        out = list(self.findings)
        for transfer in self.transfers:
            out.extend(transfer.findings)
        return out

    def transfer(self, transfer_id: str) -> TransferResult | None:
        for result in self.transfers:
            if result.id == transfer_id:
                return result
        return None


def verdict_of(findings: Iterable[Finding]) -> str:
    """A transfer's verdict: blocked if any blocker, else incomplete if anything is
    missing, else pending if anything is pending, else permitted. Advice never counts."""
    worst = "permitted"
    for finding in findings:
        verdict = _SEVERITY_VERDICT.get(finding.severity)
        if verdict and _RANK[verdict] > _RANK[worst]:
            worst = verdict
    return worst


def worst_verdict(verdicts: Iterable[str]) -> str:
    worst = None
    for verdict in verdicts:
        if worst is None or _RANK[verdict] > _RANK[worst]:
            worst = verdict
    return worst or "incomplete"


def verdict_rank(verdict: str) -> int:
    return _RANK[verdict]


def evaluate(assessment: Assessment, reference: Reference, as_of: dt.date) -> Evaluation:
    """Evaluate `assessment` under its jurisdiction's rulebook as of `as_of`.
    `reference` may be bound to any rulebook: it is rebound to the assessment's."""
    from xborder.rules.registry import get_rulebook

    try:
        rulebook = get_rulebook(assessment.jurisdiction)
    except KeyError:
        raise ValueError(f"no rulebook for jurisdiction {assessment.jurisdiction!r}") from None
    return rulebook.evaluate(assessment, reference.for_book(rulebook.data), as_of)

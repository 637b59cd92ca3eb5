"""Rules that explain themselves: what each rule checks, why (the clause it rests on,
quoted), what it does to the verdict, and two assessment fragments, one that triggers
it and one that does not.

Pure: no I/O beyond reading the shipped data (the rulebook through the reference
loader, and the examples file beside it); no Textual, no typst. `xborder rules` lays
out what this module builds; the README's rule table is rendered here too
(`readme_table`, written by scripts/readme_rules.py), so neither can drift from the
rulebook. The examples are data (`rulebook_az_examples.toml`), judged by the rules
engine every time they are shown and in the test suite.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from xborder.reference import Reference, RuleText
from xborder.reference.loader import Clause, Meta
from xborder.rules import (
    VERDICTS,
    Finding,
    get_rulebook,
    load_reference,
    reference_for,
    rulebook_ids,
)
from xborder.tomlio import parse_toml

# -- the rulebooks' data: read only here --------------------------------------------------
# Everything below reaches the rulebooks through these functions.
BasisKind = Literal["policy", "law", "other"]


def books(rulebook: str | None) -> tuple[str, ...]:
    """The rulebooks installed (registry), or just `rulebook`."""
    return rulebook_ids() if rulebook is None else (rulebook,)


def _examples_path(rulebook: str) -> Path:
    """The examples are data beside the rule texts, in the rulebook's package."""
    data = get_rulebook(rulebook).data
    return data.shipped_dir / f"rulebook_{rulebook}_examples.toml"


def _rule_ids(reference: Reference, rulebook: str) -> list[str]:
    """The rulebook's rule ids: the verdict's rules in the rulebook's order, then advice."""
    rules = reference_for(reference, rulebook).rulebook.rules
    ids = list(rules)
    return sorted(ids, key=lambda rule_id: rules[rule_id].severity == "advice")


def _rule(reference: Reference, rule_id: str) -> RuleText:
    return reference.rule(rule_id)


def _citation(reference: Reference, rule_id: str, lang: str) -> str:
    return reference.citation(rule_id, lang)


def _meta(reference: Reference, rulebook: str) -> Meta:
    return reference_for(reference, rulebook).rulebook.meta


def _clause(reference: Reference, number: str) -> Clause | None:
    return reference.rulebook.clauses.get(number)


def _basis_kind(rule: RuleText) -> BasisKind:
    """What the rule rests on: clauses of the operators' policies the rulebook draws on
    (its model clauses), the law alone, or something else (good practice)."""
    if rule.model:
        return "policy"
    if rule.law:
        return "law"
    return "other"


# -- the examples file --------------------------------------------------------------------
class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ExampleEntry(_Model):
    triggers: str | None = None
    passes: str | None = None
    as_of: dt.date | None = None
    unavailable: dict[str, str] = Field(default_factory=dict)
    """Why no fragment can show the rule, by language (instead of triggers/passes)."""


class ExamplesMeta(_Model):
    rulebook: str
    as_of: dt.date


class ExamplesFile(_Model):
    meta: ExamplesMeta
    base: dict[str, Any]
    """A complete assessment document, permitted with no finding, that fragments merge over."""
    examples: dict[str, ExampleEntry] = Field(default_factory=dict)


@cache
def examples_file(rulebook: str = "az") -> ExamplesFile:
    """The shipped examples of `rulebook`'s rules."""
    text = _examples_path(rulebook).read_text(encoding="utf-8")
    return ExamplesFile.model_validate(parse_toml(text))


def merge(base: Mapping[str, Any], fragment: Mapping[str, Any]) -> dict[str, Any]:
    """`fragment` over `base`: tables merged key by key, any other value (an array of
    tables included) replaces the base's."""
    out = copy.deepcopy(dict(base))
    for key, value in fragment.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


class ExampleError(ValueError):
    """An example fragment that does not make a loadable assessment (a bug in the data)."""


ExampleKind = Literal["triggers", "passes"]


@dataclass(frozen=True)
class Judged:
    """One example fragment and what the rules engine makes of it."""

    kind: ExampleKind
    fragment: str
    as_of: dt.date
    verdict: str
    rules: tuple[str, ...]
    """Ids of every finding, the assessment's and its transfers', in order."""
    findings: tuple[Finding, ...] = field(default=(), compare=False, repr=False)


def judge_example(
    rule_id: str, kind: ExampleKind, reference: Reference | None = None, rulebook: str = "az"
) -> Judged | None:
    """Judge the `kind` fragment of `rule_id`, merged over the base assessment (None when
    the rule has no such fragment). The reference data defaults to the shipped data, which
    the examples are written for. Raises ExampleError when the merged document does not
    load."""
    from xborder.rules import evaluate
    from xborder.store.assessments import validate_document

    data = examples_file(rulebook)
    entry = data.examples.get(rule_id)
    fragment = getattr(entry, kind) if entry else None
    if fragment is None or entry is None:
        return None
    reference = reference if reference is not None else load_reference(None)
    try:
        document = merge(data.base, parse_toml(fragment))
    except ValueError as exc:
        raise ExampleError(f"{rule_id} {kind}: {exc}") from None
    name = Path(f"{document.get('id', 'example')}.toml")
    result = validate_document(name, document, None, reference)
    if result.assessment is None:
        problems = "; ".join(str(error) for error in result.errors)
        raise ExampleError(f"{rule_id} {kind}: the fragment does not make a loadable assessment: {problems}")
    as_of = entry.as_of or data.meta.as_of
    evaluation = evaluate(result.assessment, reference, as_of)
    return Judged(
        kind=kind,
        fragment=fragment.strip("\n"),
        as_of=as_of,
        verdict=evaluation.verdict,
        rules=tuple(finding.rule for finding in evaluation.all_findings()),
        findings=tuple(evaluation.all_findings()),
    )


def missing_examples(reference: Reference, rulebook: str = "az") -> list[str]:
    """Rule ids of `rulebook` with neither both fragments nor a reason why none can be
    shown (in English and Azerbaijani at least)."""
    examples = examples_file(rulebook).examples
    out = []
    for rule_id in _rule_ids(reference, rulebook):
        entry = examples.get(rule_id)
        if entry is None:
            out.append(rule_id)
        elif entry.unavailable:
            if not (entry.unavailable.get("en", "").strip() and entry.unavailable.get("az", "").strip()):
                out.append(rule_id)
        elif not (entry.triggers and entry.triggers.strip() and entry.passes and entry.passes.strip()):
            out.append(rule_id)
    return out


# -- words --------------------------------------------------------------------------------
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "what": "What it checks",
        "message": "Its message on the first example below:",
        "fix": "What to do",
        "why": "Why",
        "severity": "Severity",
        "verdict": "Verdict",
        "sources": "Sources",
        "effect.blocker": "{verdict}",
        "effect.missing": "{verdict} (unless a blocker is also found)",
        "effect.pending": "{verdict} (unless a blocker or missing information is also found)",
        "effect.advice": "not changed",
        "quoted_from": "Quoted from the published operators' policies the rulebook draws on ({sources}), not from your own policy.",
        "law_unverified": "This rule rests on the law itself: {citation}. The text of that article could not be verified, so no clause is quoted.",
        "law_read": "This rule rests on the law itself: {citation}. The wording of that part was read (see the rulebook's sources below).",
        "other_basis": "No clause is quoted. The rule rests on: {citation}.",
        "rulebook": "Rulebook {id} {version}, as of {as_of}: {title}",
        "rulebook_source": "The rulebook's source: {source}",
        "examples": "Each fragment is judged as part of an otherwise complete assessment.",
        "triggers": "This triggers it:",
        "passes": "This does not:",
        "result": "Result as of {date}: {verdict}",
        "no_findings": "no findings",
        "unavailable": "No example: {reason}",
        "unknown": "no rule {id!r} in rulebook {rulebook}",
        "suggest": "; did you mean {matches}?",
        "see_list": " (`xborder rules` lists them)",
        "col.rule": "RULE",
        "col.severity": "SEVERITY",
        "col.basis": "BASIS",
        "col.sources": "SOURCES",
        "col.title": "TITLE",
    },
    "az": {
        "what": "Nəyi yoxlayır",
        "message": "Aşağıdakı birinci nümunədə qaydanın mesajı:",
        "fix": "Nə etməli",
        "why": "Nəyə əsaslanır",
        "severity": "Ciddilik dərəcəsi",
        "verdict": "Nəticə",
        "sources": "Mənbələr",
        "effect.blocker": "{verdict}",
        "effect.missing": "{verdict} (maneə də aşkar edilmədikdə)",
        "effect.pending": "{verdict} (maneə və ya çatışmayan məlumat da aşkar edilmədikdə)",
        "effect.advice": "dəyişmir",
        "quoted_from": "Sitat qaydalar toplusunun əsaslandığı, operatorların dərc edilmiş fərdi məlumatların işlənilməsi siyasətlərindən ({sources}) gətirilib, sizin öz siyasətinizdən deyil.",
        "law_unverified": "Bu qayda bilavasitə qanuna əsaslanır: {citation}. Həmin maddənin mətnini yoxlamaq mümkün olmayıb, buna görə heç bir bənd sitat gətirilmir.",
        "law_read": "Bu qayda bilavasitə qanuna əsaslanır: {citation}. Həmin hissənin mətni oxunub (aşağıda qaydalar toplusunun mənbələrinə baxın).",
        "other_basis": "Heç bir bənd sitat gətirilmir. Qaydanın əsası: {citation}.",
        "rulebook": "Qaydalar toplusu {id} {version}, {as_of} tarixinə: {title}",
        "rulebook_source": "Qaydalar toplusunun mənbəyi (ingilis dilində): {source}",
        "examples": "Hər fraqment qalan hissələri tam olan qiymətləndirmənin tərkibində yoxlanılır.",
        "triggers": "Bu halda qayda işə düşür:",
        "passes": "Bu halda isə qayda işə düşmür:",
        "result": "{date} tarixinə nəticə: {verdict}",
        "no_findings": "uyğunsuzluq aşkar edilməyib",
        "unavailable": "Nümunə yoxdur: {reason}",
        "unknown": "{rulebook} qaydalar toplusunda {id!r} qaydası yoxdur",
        "suggest": "; bəlkə {matches} nəzərdə tutulub?",
        "see_list": " (siyahı: `xborder rules`)",
        "col.rule": "QAYDA",
        "col.severity": "CİDDİLİK",
        "col.basis": "İSTİNAD",
        "col.sources": "MƏNBƏLƏR",
        "col.title": "ADI",
    },
    "ru": {
        "what": "Что проверяется",
        "message": "Его сообщение на первом примере ниже:",
        "fix": "Что делать",
        "why": "Основание",
        "severity": "Серьёзность",
        "verdict": "Результат проверки",
        "sources": "Источники",
        "effect.blocker": "{verdict}",
        "effect.missing": "{verdict} (если не выявлено также препятствие)",
        "effect.pending": "{verdict} (если не выявлены также препятствие или недостающие сведения)",
        "effect.advice": "не меняется",
        "quoted_from": "Цитата из опубликованных политик операторов, на которых основан свод правил ({sources}), а не из вашей собственной политики.",
        "law_unverified": "Это правило основано непосредственно на законе: {citation}. Текст этой статьи проверить не удалось, поэтому пункт не цитируется.",
        "law_read": "Это правило основано непосредственно на законе: {citation}. Текст этой части прочитан (см. источники свода правил ниже).",
        "other_basis": "Пункт не цитируется. Основание правила: {citation}.",
        "rulebook": "Свод правил {id} {version} на {as_of}: {title}",
        "rulebook_source": "Источник свода правил (на английском): {source}",
        "examples": "Каждый фрагмент проверяется в составе оценки, полной во всём остальном.",
        "triggers": "Здесь правило срабатывает:",
        "passes": "А здесь нет:",
        "result": "Результат на {date}: {verdict}",
        "no_findings": "замечаний нет",
        "unavailable": "Примера нет: {reason}",
        "unknown": "в своде правил {rulebook} нет правила {id!r}",
        "suggest": "; возможно, имелось в виду {matches}?",
        "see_list": " (список: `xborder rules`)",
        "col.rule": "ПРАВИЛО",
        "col.severity": "СЕРЬЁЗНОСТЬ",
        "col.basis": "ОСНОВАНИЕ",
        "col.sources": "ИСТОЧНИКИ",
        "col.title": "НАЗВАНИЕ",
    },
}


def words(lang: str) -> Mapping[str, str]:
    """The sentences and labels of an explanation in `lang` (English for any other)."""
    return _WORDS.get(lang, _WORDS["en"])


def _pick(texts: Mapping[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("en", "")


# -- the list -----------------------------------------------------------------------------
@dataclass(frozen=True)
class RulebookInfo:
    id: str
    version: str
    as_of: dt.date
    title: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "version": self.version, "as_of": self.as_of.isoformat(), "title": self.title}


def rulebook_info(reference: Reference, rulebook: str, lang: str) -> RulebookInfo:
    """The rulebook's id, version, as-of date and title in `lang`."""
    meta = _meta(reference, rulebook)
    return RulebookInfo(rulebook, meta.version, meta.as_of, _pick(meta.title, lang))


@dataclass(frozen=True)
class RuleSummary:
    """One rule as `xborder rules` lists it, its texts in one language."""

    rulebook: str
    id: str
    severity: str
    severity_label: str
    title: str
    citation: str
    clause: str
    sources: tuple[str, ...]
    verified: bool
    basis: tuple[dict[str, object], ...] = ()
    """What the rule rests on (law, model policies), as check's JSON names it."""

    def to_json(self) -> dict[str, object]:
        return {
            "rulebook": self.rulebook,
            "id": self.id,
            "severity": self.severity,
            "severity_label": self.severity_label,
            "title": self.title,
            "citation": self.citation,
            "clause": self.clause,
            "sources": list(self.sources),
            "verified": self.verified,
            "basis": list(self.basis),
        }


def rules(reference: Reference, lang: str, rulebook: str | None = None) -> list[RuleSummary]:
    """Every rule of each rulebook (or of `rulebook`), the verdict's rules before advice."""
    out = []
    for book in books(rulebook):
        for rule_id in _rule_ids(reference, book):
            out.append(_summary(reference_for(reference, book), book, rule_id, lang))
    return out


def _summary(reference: Reference, rulebook: str, rule_id: str, lang: str) -> RuleSummary:
    rule = _rule(reference, rule_id)
    return RuleSummary(
        rulebook=rulebook,
        id=rule_id,
        severity=rule.severity,
        severity_label=reference.label("severity", rule.severity, lang),
        title=_pick(rule.title, lang) or rule_id,
        citation=_citation(reference, rule_id, lang),
        clause=rule.clause,
        sources=tuple(rule.sources),
        verified=rule.verified,
        basis=tuple(item.to_json() for item in reference.basis(rule_id, None, lang)),
    )


def find_rule(reference: Reference, ident: str, rulebook: str | None = None) -> tuple[str, str] | None:
    """(rulebook, rule id) of `ident`, matched case-insensitively; None if unknown."""
    wanted = ident.strip().upper()
    for book in books(rulebook):
        for rule_id in _rule_ids(reference, book):
            if rule_id.upper() == wanted:
                return book, rule_id
    return None


def unknown_rule_message(reference: Reference, ident: str, lang: str, rulebook: str | None = None) -> str:
    """One line: `ident` is no rule, with the closest rule ids if any."""
    chosen = books(rulebook)
    ids = [rule_id for book in chosen for rule_id in _rule_ids(reference, book)]
    matches = difflib.get_close_matches(ident.strip().upper(), ids, n=3, cutoff=0.6)
    w = words(lang)
    line = w["unknown"].format(id=ident, rulebook=", ".join(chosen))
    return line + (w["suggest"].format(matches=", ".join(matches)) if matches else w["see_list"])


# -- one rule explained -------------------------------------------------------------------
@dataclass(frozen=True)
class Quote:
    """A clause quoted in the rule's "why"."""

    number: str
    citation: str
    title: str
    text: str


@dataclass(frozen=True)
class Explanation:
    """One rule explained in one language; `xborder rules ID` lays it out."""

    lang: str
    rule: RuleSummary
    message: str
    """The rule's message on its `triggers` example ("" without one)."""
    fix: str
    severity_help: str
    verdict: str
    """What the rule does to the verdict, e.g. "Blocked" or "not changed"."""
    basis: BasisKind
    quotes: tuple[Quote, ...]
    notes: tuple[str, ...]
    """Sentences on the basis: whose clauses are quoted, or why none is."""
    examples: tuple[Judged, ...]
    unavailable: str
    """Why no example can be shown ("" when there are examples)."""
    verdict_labels: Mapping[str, str]
    """Verdict -> its label in `lang` (for the examples' results)."""

    def verdict_label(self, verdict: str) -> str:
        return self.verdict_labels.get(verdict, verdict)

    def to_json(self) -> dict[str, object]:
        return {
            **self.rule.to_json(),
            "lang": self.lang,
            "message": self.message,
            "fix": self.fix,
            "severity_help": self.severity_help,
            "verdict_effect": self.verdict,
            "basis_kind": self.basis,
            "quotes": [
                {"clause": q.number, "citation": q.citation, "title": q.title, "text": q.text}
                for q in self.quotes
            ],
            "notes": list(self.notes),
            "examples": {
                example.kind: {
                    "fragment": example.fragment,
                    "as_of": example.as_of.isoformat(),
                    "verdict": example.verdict,
                    "verdict_label": self.verdict_label(example.verdict),
                    "rules": list(example.rules),
                }
                for example in self.examples
            },
            "unavailable": self.unavailable or None,
        }


def clause_numbers(clause: str) -> list[str]:
    """The clause numbers a rule's `clause` names: "12.1" -> ["12.1"], a range
    "7.1–7.2" -> its two ends."""
    if not clause:
        return []
    for dash in ("–", "-"):
        if dash in clause:
            return [part.strip() for part in clause.split(dash) if part.strip()]
    return [clause.strip()]


def explain(reference: Reference, rule_id: str, lang: str, rulebook: str = "az") -> Explanation:
    """Everything `xborder rules ID` says about one rule, in `lang`. Texts come from
    `reference` (a workspace may reword them); the examples are judged with the shipped
    reference data they are written for."""
    w = words(lang)
    reference = reference_for(reference, rulebook)
    rule = _rule(reference, rule_id)
    summary = _summary(reference, rulebook, rule_id, lang)
    verdict_of_severity = {"blocker": "blocked", "missing": "incomplete", "pending": "pending"}
    effect = verdict_of_severity.get(rule.severity)
    verdict = (
        w[f"effect.{rule.severity}"].format(verdict=reference.label("verdict", effect, lang))
        if effect
        else w["effect.advice"]
    )
    term = reference.term("severity", rule.severity)
    severity_help = _pick(term.help, lang) if term else ""
    basis = _basis_kind(rule)
    quotes = []
    word = _pick(_meta(reference, rulebook).clause_word, lang) or "clause"
    bound = reference_for(reference, rulebook)
    for number in clause_numbers(rule.clause):
        clause = _clause(reference, number)
        if clause is not None:
            # name whose policy the clause belongs to: a clause number is one company's
            owners = [
                bound.policy_document(bound.policies[source.policy], lang)
                for source in rule.model
                if source.policy in bound.policies and number in clause_numbers(source.clause)
            ]
            cited = f"{'; '.join(owners)}, {word} {number}" if owners else f"{word} {number}"
            quotes.append(Quote(number, cited, _pick(clause.title, lang), _pick(clause.text, lang).strip()))
    notes: list[str] = []
    citation = summary.citation
    if basis == "policy" and quotes:
        notes.append(w["quoted_from"].format(sources=", ".join(rule.sources)))
    elif basis == "law":
        meta = _meta(reference, rulebook)
        read = meta.law is not None and meta.law.verified and rule.verified and bool(rule.article)
        notes.append(w["law_read" if read else "law_unverified"].format(citation=citation))
        notes.append(
            w["rulebook"].format(
                id=rulebook, version=meta.version, as_of=meta.as_of.isoformat(), title=_pick(meta.title, lang)
            )
        )
        if meta.source:
            notes.append(w["rulebook_source"].format(source=meta.source))
    elif not quotes:
        notes.append(w["other_basis"].format(citation=citation or ", ".join(rule.sources)))
    entry = examples_file(rulebook).examples.get(rule_id)
    examples: list[Judged] = []
    kinds: tuple[ExampleKind, ...] = ("triggers", "passes")
    for kind in kinds:
        judged = judge_example(rule_id, kind, rulebook=rulebook)
        if judged is not None:
            examples.append(judged)
    unavailable = _pick(entry.unavailable, lang) if entry and entry.unavailable else ""
    message = ""
    for example in examples:
        own = [finding for finding in example.findings if finding.rule == rule_id]
        if example.kind == "triggers" and own:
            message = replace(own[0], reference=reference).message(lang)
    return Explanation(
        lang=lang,
        rule=summary,
        message=message,
        fix=_pick(rule.fix, lang),
        severity_help=severity_help,
        verdict=verdict,
        basis=basis,
        quotes=tuple(quotes),
        notes=tuple(notes),
        examples=tuple(examples),
        unavailable=unavailable,
        verdict_labels={key: reference.label("verdict", key, lang) for key in VERDICTS},
    )


# -- the README's table ---------------------------------------------------------------------
README_BEGIN = "<!-- rules:begin -->"
README_END = "<!-- rules:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def readme_table(reference: Reference | None = None) -> str:
    """The README's rule table (Markdown), from the shipped rulebook: each rule with the
    law it rests on and the seed policies' clauses it was drawn from, named by company
    (a clause number belongs to its company alone)."""
    reference = reference if reference is not None else load_reference(None)
    lines = [
        "| Rule | Severity | Finding | Law | Drawn from (model clauses) |",
        "|---|---|---|---|---|",
    ]
    for rule in rules(reference, "en"):
        law = [b for b in rule.basis if b["kind"] == "law"]
        models = [f"{b['document']} §{b['clause']}" for b in rule.basis if b["kind"] == "model"]
        statute = reference_for(reference, rule.rulebook).rulebook.meta.law
        short = (statute.short.get("en") if statute else None) or (str(law[0]["document"]) if law else "")
        text = reference_for(reference, rule.rulebook).rule(rule.id)
        if law and law[0]["clause"] and text.article:
            law_text = f"{short} {law[0]['clause']}"  # the part of the article, read
        elif law and (text.article or text.citation):
            law_text = rule.citation  # its own part, cited with the doubt it carries
        else:
            law_text = (
                short + ("" if law[0]["verified"] else " (article not verified)")
                if law
                else rule.citation  # good practice, not the statute: the rule's own citation
            )
        lines.append(
            "| "
            + " | ".join(
                _cell(str(text))
                for text in (rule.id, rule.severity_label, rule.title, law_text, "; ".join(models) or "—")
            )
            + " |"
        )
    return "\n".join(lines)


def splice_readme(readme: str, table: str) -> str:
    """`readme` with the text between the rule-table markers replaced by `table`."""
    begin = readme.find(README_BEGIN)
    end = readme.find(README_END)
    if begin < 0 or end < begin:
        raise ValueError(f"the README has no {README_BEGIN} ... {README_END} markers")
    head = readme[: begin + len(README_BEGIN)]
    return f"{head}\n{table}\n{readme[end:]}"

"""Loading and merging reference data (shipped + workspace overrides)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from xborder.i18n import Texts
from xborder.model.policy import Commitment, PolicyProfile
from xborder.tomlio import TomlError, byte_position, locate, parse_toml

SHIPPED_DIR = Path(__file__).parent / "data"
"""The reference data every rulebook shares: vocabularies, country names, policy profiles."""
SHARED_FILES = ("vocabulary.toml", "countries.toml", "policies.toml")
LANGS = ("az", "en", "ru")

@dataclass(frozen=True)
class BookData:
    """Where a rulebook's own reference data lives: its rule texts and its adequacy
    list, shipped in `shipped_dir` and overridden by files of the same names in a
    workspace's `data/` folder. A rulebook package declares one (xborder.rules.Rulebook)."""

    id: str
    shipped_dir: Path
    rulebook_file: str
    """e.g. "rulebook_az.toml"."""
    adequacy_file: str
    """e.g. "adequacy.toml"."""

    @property
    def files(self) -> tuple[str, str]:
        return (self.rulebook_file, self.adequacy_file)

Labels = dict[str, str]


class ReferenceError(Exception):
    """A reference-data file (shipped or a workspace override) is unusable."""

    def __init__(self, path: Path, message: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        where = f"{path}:{line or 0}:{column or 0}" if line else str(path)
        super().__init__(f"{where}: {message}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Law(_Model):
    """The statute a rulebook applies, as a finding's `basis` names it."""

    document: Labels
    """Its full name, e.g. "Law No. 998-IIIQ of 11 May 2010 “On Personal Data”"."""
    short: Labels = Field(default_factory=dict)
    """Its short name for citations, e.g. "Law No. 998-IIIQ"."""
    verified: bool = False
    """Whether the text of its article on cross-border transfer was read."""
    article: Labels = Field(default_factory=dict)
    """The article, shown only when verified (e.g. "Art. 12")."""
    dative: Labels = Field(default_factory=dict)
    """How a letter cites it: "in accordance with <dative>" (az: "… Qanununa")."""


class AuthorityText(_Model):
    """The data-protection authority a rulebook's notices are addressed to."""

    name: Labels
    address: Labels = Field(default_factory=dict)
    dative: Labels = Field(default_factory=dict)
    """The name in the dative, as a letter's addressee (az: "… Xidmətinə")."""


class Meta(_Model):
    version: str
    as_of: dt.date
    title: Labels = Field(default_factory=dict)
    source: str = ""
    note: Labels = Field(default_factory=dict)
    id: str | None = None
    clause_word: Labels = Field(default_factory=dict)
    law: Law | None = None
    """The statute the rulebook applies (a rulebook file's meta only)."""
    authority: AuthorityText | None = None
    """The authority of the rulebook's law (a rulebook file's meta only); a workspace's
    [authority] in xborder.toml wins."""
    home_error: Labels = Field(default_factory=dict)
    not_adequate: Labels = Field(default_factory=dict)
    """What it means under the rulebook's law that a destination is not adequate (shown
    beside the adequacy; a rulebook file's meta only)."""
    """The load error for a transfer to the rulebook's home country (a rulebook file's meta only)."""


class AdequacyEntry(_Model):
    adequate: bool
    basis: str = ""
    in_force: dt.date | None = None
    """The first day the entry counts (e.g. the Convention's entry into force for the state)."""
    ends: dt.date | None = None
    """The first day it no longer counts (e.g. a denunciation taking effect), where known."""
    verified: bool = True
    note: Labels = Field(default_factory=dict)


class AdequacyFile(_Model):
    meta: Meta
    countries: dict[str, AdequacyEntry] = Field(default_factory=dict)


class Term(_Model):
    en: str
    az: str
    ru: str = ""
    help: Labels = Field(default_factory=dict)


class VocabularyFile(_Model):
    meta: Meta
    data: dict[str, Term]
    special: dict[str, Term]
    status: dict[str, Term] = Field(default_factory=dict)
    kind: dict[str, Term] = Field(default_factory=dict)
    role: dict[str, Term] = Field(default_factory=dict)
    ground: dict[str, Term] = Field(default_factory=dict)
    verdict: dict[str, Term] = Field(default_factory=dict)
    severity: dict[str, Term] = Field(default_factory=dict)
    language: dict[str, Term] = Field(default_factory=dict)


class ModelClause(_Model):
    """A clause of a seed policy a rule was drawn from."""

    policy: str
    """A shipped policy profile id (policies.toml)."""
    clause: str


class RuleText(_Model):
    severity: Literal["blocker", "missing", "pending", "advice"]
    clause: str = ""
    """The clause whose text the help panel quotes ([clauses."N"])."""
    sources: list[str] = Field(default_factory=list)
    verified: bool = True
    commitments: list[Commitment] = Field(default_factory=list)
    """What in an operator's policy the rule enforces; with the operator's policy
    profile, this gives the operator's own clause."""
    model: list[ModelClause] = Field(default_factory=list)
    """The seed policies' clauses the rule was drawn from."""
    law: bool = True
    """Whether the rule rests on the statute (the rulebook's meta.law)."""
    title: Labels
    message: Labels
    fix: Labels = Field(default_factory=dict)
    citation: Labels = Field(default_factory=dict)
    article: Labels = Field(default_factory=dict)
    """The article and part of the statute this rule rests on (e.g. "art. 12 part 3"),
    shown where the statute is verified; with `verified = false` it is cited as a part
    whose wording was read only in secondary sources."""


class Clause(_Model):
    """A clause quoted in the wizard's help panel and by `xborder rules`."""

    sources: list[str] = Field(default_factory=list)
    commitment: Commitment | None = None
    """What it commits the operator to (its own clause for it comes from its profile)."""
    model: list[ModelClause] = Field(default_factory=list)
    """Whose clause it is: the seed policies it is quoted from."""
    title: Labels
    text: Labels


class Grounds(_Model):
    values: list[str]


class RulebookFile(_Model):
    meta: Meta
    grounds: Grounds
    rules: dict[str, RuleText]
    clauses: dict[str, Clause] = Field(default_factory=dict)
    steps: dict[str, list[str]] = Field(default_factory=dict)


class PoliciesFile(_Model):
    meta: Meta
    policies: dict[str, PolicyProfile] = Field(default_factory=dict)


class CountriesFile(_Model):
    """Country names that take precedence over pycountry's translations."""

    meta: Meta
    names: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Language -> ISO 3166-1 alpha-2 code -> name."""
    aliases: dict[str, list[str]] = Field(default_factory=dict)
    """ISO 3166-1 alpha-2 code -> other names people type for it (searched, never shown)."""


@dataclass(frozen=True)
class AdequacyInfo:
    """The adequacy of one destination as the rules see it."""

    country: str
    adequate: bool
    source: str
    """Short human text: the list version and basis, or the override's reason."""
    verified: bool
    overridden: bool = False
    in_force: dt.date | None = None
    """The first day the list's entry counts."""
    ends: dt.date | None = None
    """The first day the list's entry no longer counts."""
    judged_on: dt.date | None = None
    """The day on which the entry did not count, when that made the destination not
    adequate for a transfer (its start, or the as-of day once it started)."""

    def on(self, *days: dt.date) -> AdequacyInfo:
        """This entry as it stands on each of `days`: not adequate if it does not count
        on one of them (before `in_force`, or from `ends`)."""
        if self.overridden or not self.adequate or (self.in_force is None and self.ends is None):
            return self
        for day in days:
            if (self.in_force is not None and day < self.in_force) or (
                self.ends is not None and day >= self.ends
            ):
                return replace(self, adequate=False, judged_on=day)
        return self


_BASIS = {"coe108": "Council of Europe Convention 108 party"}



class SharedJSON(list[Any]):
    """A JSON value computed once and shared by many findings (never changed): a
    serialiser may remember its text (cli.check.dumps_indented does)."""


@dataclass(frozen=True)
class Basis:
    """One source a finding rests on (FORMAT.md, "Every finding names its sources
    truthfully"): the statute, the seed policy the rule was drawn from, or the
    operator's own policy."""

    kind: Literal["law", "model", "policy"]
    document: str
    clause: str | None
    """None for the statute where its article is not verified."""
    verified: bool

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "document": self.document, "clause": self.clause, "verified": self.verified}


_CITE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "policy": "{title}, clause {clause}",
        "model": "model: {title}, clause {clause}",
        "own": "the operator's own policy: {title}, clause {clause}",
        "doc_dated": "{company} policy of {date}",
        "doc": "{company} policy",
        "unverified": "article not verified",
        "secondary": "wording read in secondary sources only",
    },
    "az": {
        "policy": "{title}, bənd {clause}",
        "model": "nümunə: {title}, bənd {clause}",
        "own": "operatorun öz siyasəti: {title}, bənd {clause}",
        "doc_dated": "{company} fərdi məlumatların işlənilməsi siyasəti ({date})",
        "doc": "{company} fərdi məlumatların işlənilməsi siyasəti",
        "unverified": "maddə yoxlanılmayıb",
        "secondary": "mətni yalnız ikinci dərəcəli mənbələrdə oxunub",
    },
    "ru": {
        "policy": "{title}, пункт {clause}",
        "model": "образец: {title}, пункт {clause}",
        "own": "собственная политика оператора: {title}, пункт {clause}",
        "doc_dated": "политика {company} от {date}",
        "doc": "политика {company}",
        "unverified": "статья не проверена",
        "secondary": "текст прочитан только во вторичных источниках",
    },
}


@dataclass
class Reference:
    """All reference data one evaluation relies on: the shared vocabularies, country
    names and policy profiles, and one rulebook's rule texts and adequacy list (the
    rulebook of `book`; `for_book` gives the same workspace's data for another)."""

    adequacy: AdequacyFile
    vocabulary: VocabularyFile
    rulebook: RulebookFile
    overrides: list[Path] = field(default_factory=list)
    """Workspace files merged over the shipped data."""
    countries: CountriesFile | None = None
    """Country names over pycountry's (shipped data/countries.toml + the workspace's)."""
    book: BookData | None = None
    """Whose rule texts and adequacy list these are."""
    policies: dict[str, PolicyProfile] = field(default_factory=dict)
    """Policy profiles by id: the shipped ones and the workspace's ([policies] in xborder.toml)."""
    default_policy: str | None = None
    """The workspace's profile ([operator] policy in xborder.toml), for assessments naming none."""
    workspace_data: str | None = None
    """The workspace's data/ folder these were loaded with (None: shipped data only)."""
    adequacy_override_meta: dict[str, Any] = field(default_factory=dict)
    """The [meta] table of the workspace's own adequacy list, as written there."""
    _adequacy_cache: dict[str, AdequacyInfo] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _books: dict[str, Reference] = field(default_factory=dict, init=False, repr=False, compare=False)
    _cited: dict[tuple[str, int, str, str], Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """(rule, profile, language, what) -> its citation or basis: the same for every
    finding of a rule (thousands per `check`), computed once."""

    def for_book(self, book: BookData) -> Reference:
        """The same workspace's reference data with `book`'s rule texts and adequacy list."""
        if self.book == book:
            return self
        other = self._books.get(book.id)
        if other is None:
            loaded = _load_cached(self.workspace_data, _override_stamps(self.workspace_data, book), book)
            other = self._books[book.id] = replace(
                loaded, policies=self.policies, default_policy=self.default_policy
            )
        return other

    def with_policies(self, policies: dict[str, PolicyProfile], default: str | None) -> Reference:
        """A copy knowing the workspace's own profiles (they win over shipped ones of the
        same id) and its default profile."""
        return replace(self, policies={**self.policies, **policies}, default_policy=default or None)

    # -- policy profiles and the sources of a finding -------------------------------------
    def profile(self, policy_id: str | None) -> PolicyProfile | None:
        """The profile named (or the workspace default when None); None when unknown."""
        key = policy_id or self.default_policy
        return self.policies.get(key) if key else None

    def policy_document(self, profile: PolicyProfile, lang: str) -> str:
        words = _CITE_WORDS.get(lang, _CITE_WORDS["en"])
        company = profile.company or profile.title
        if profile.date is not None:
            return words["doc_dated"].format(company=company, date=profile.date.isoformat())
        return words["doc"].format(company=company)

    def law_document(self, lang: str) -> str:
        law = self.rulebook.meta.law
        if law is None:
            return ""
        return law.document.get(lang) or law.document.get("en", "")

    def own_clause(self, rule_id: str, profile: PolicyProfile | None) -> str | None:
        """The operator's own clause(s) for the rule's commitments, e.g. "7.1, 7.2"."""
        if profile is None:
            return None
        clauses = [profile.clauses[c] for c in self.rule(rule_id).commitments if c in profile.clauses]
        unique = list(dict.fromkeys(clauses))
        return ", ".join(unique) if unique else None

    def basis(self, rule_id: str, profile: PolicyProfile | None, lang: str = "en") -> list[Basis]:
        key = (rule_id, id(profile), lang, "basis")
        found = self._cited.get(key)
        if found is None:
            found = self._cited[key] = tuple(self._basis(rule_id, profile, lang))
        return list(found)

    def basis_json(self, rule_id: str, profile: PolicyProfile | None, lang: str = "en") -> list[dict[str, object]]:
        """`basis` as check's JSON gives it (computed once per rule, profile and language;
        callers must not change it)."""
        key = (rule_id, id(profile), lang, "json")
        found = self._cited.get(key)
        if found is None:
            found = self._cited[key] = SharedJSON(item.to_json() for item in self.basis(rule_id, profile, lang))
        return found

    def _basis(self, rule_id: str, profile: PolicyProfile | None, lang: str) -> list[Basis]:
        """What the rule rests on, truthfully: the statute (its article only where
        verified), the seed policies it was drawn from, and the operator's own clause
        where its profile maps one."""
        text = self.rule(rule_id)
        out: list[Basis] = []
        law = self.rulebook.meta.law
        if text.law and law is not None:
            verified = law.verified and (text.verified or not text.article)
            labels = text.article or law.article
            article = (labels.get(lang) or labels.get("en")) if verified else None
            out.append(Basis("law", self.law_document(lang), article or None, verified))
        for source in text.model:
            model = self.policies.get(source.policy)
            if model is not None:
                out.append(Basis("model", self.policy_document(model, lang), source.clause, True))
        own = self.own_clause(rule_id, profile)
        if own is not None and profile is not None:
            out.append(Basis("policy", self.policy_document(profile, lang), own, True))
        return out

    def clause_owners(self, number: str, profile: PolicyProfile | None, lang: str) -> list[str]:
        """Whose clause a quoted clause is, one line each: the seed policies it is quoted
        from (named as model clauses), then the operator's own clause for the same
        commitment where its profile maps one."""
        clause = self.rulebook.clauses.get(number)
        if clause is None:
            return []
        words = _CITE_WORDS.get(lang, _CITE_WORDS["en"])
        lines = [
            words["model"].format(title=self.policy_document(self.policies[m.policy], lang), clause=m.clause)
            for m in clause.model
            if m.policy in self.policies
        ]
        own = profile.clauses.get(clause.commitment) if profile and clause.commitment else None
        if own is not None and profile is not None:
            lines.append(words["own"].format(title=self.policy_document(profile, lang), clause=own))
        return lines

    def cite(self, rule_id: str, profile: PolicyProfile | None, lang: str) -> str:
        """The citation a person reads: the operator's own clause where its profile
        maps one; else the statute and the model clause, named as such. Never a clause
        number of one company's policy presented as the operator's own."""
        key = (rule_id, id(profile), lang, "cite")
        found = self._cited.get(key)
        if found is None:
            found = self._cited[key] = self._cite(rule_id, profile, lang)
        return found

    def _cite(self, rule_id: str, profile: PolicyProfile | None, lang: str) -> str:
        text = self.rule(rule_id)
        words = _CITE_WORDS.get(lang, _CITE_WORDS["en"])
        own = self.own_clause(rule_id, profile)
        if own is not None and profile is not None:
            return words["policy"].format(title=self.policy_document(profile, lang), clause=own)
        if text.citation:  # a rule resting on the statute alone words its own citation
            return text.citation.get(lang) or text.citation.get("en", "")
        parts: list[str] = []
        law = self.rulebook.meta.law
        if text.law and law is not None:
            name = law.short.get(lang) or law.short.get("en") or self.law_document(lang)
            if law.verified and text.article:
                article = text.article.get(lang) or text.article.get("en", "")
                parts.append(f"{name} {article}" if text.verified else f"{name} {article} ({words['secondary']})")
            elif law.verified and law.article:
                parts.append(f"{name}, {law.article.get(lang) or law.article.get('en', '')}")
            else:
                parts.append(f"{name} ({words['unverified']})")
        for source in text.model:
            model = self.policies.get(source.policy)
            if model is not None:
                parts.append(words["model"].format(title=self.policy_document(model, lang), clause=source.clause))
        return "; ".join(parts)

    # -- vocabularies -----------------------------------------------------------------
    # computed once: every file loaded checks its keys against them
    @cached_property
    def data_keys(self) -> frozenset[str]:
        return frozenset(self.vocabulary.data)

    @cached_property
    def special_keys(self) -> frozenset[str]:
        return frozenset(self.vocabulary.special)

    @cached_property
    def grounds(self) -> tuple[str, ...]:
        return tuple(self.rulebook.grounds.values)

    def term(self, table: str, key: str) -> Term | None:
        terms: dict[str, Term] = getattr(self.vocabulary, table, {})
        return terms.get(key)

    def label(self, table: str, key: str, lang: str) -> str:
        """The label of an enumeration value or vocabulary key in `lang`."""
        term = self.term(table, key)
        if term is None:
            return key
        return getattr(term, lang, "") or term.en or key

    def data_label(self, key: str, lang: str) -> str:
        table = "special" if key in self.vocabulary.special else "data"
        return self.label(table, key, lang)

    # -- adequacy ---------------------------------------------------------------------
    @property
    def adequacy_version(self) -> str:
        return self.adequacy.meta.version

    def adequacy_of(self, country: str) -> AdequacyInfo:
        """Adequacy per the reference list (not looking at per-transfer overrides)."""
        info = self._adequacy_cache.get(country)
        if info is None:
            info = self._adequacy_cache[country] = self._adequacy_of(country)
        return info

    def _adequacy_of(self, country: str) -> AdequacyInfo:
        meta = self.adequacy.meta
        entry = self.adequacy.countries.get(country)
        if entry is None:
            return AdequacyInfo(
                country=country,
                adequate=False,
                source=f"not listed; list {meta.version} as of {meta.as_of.isoformat()}",
                verified=True,
            )
        basis = _BASIS.get(entry.basis, entry.basis) or "listed"
        since = f" since {entry.in_force.isoformat()}" if entry.in_force else ""
        doubt = "" if entry.verified else " (not verified)"
        return AdequacyInfo(
            country=country,
            adequate=entry.adequate,
            source=f"{basis}{since}{doubt}; list {meta.version} as of {meta.as_of.isoformat()}",
            verified=entry.verified,
            in_force=entry.in_force,
            ends=entry.ends,
        )

    def describe_adequacy(self, info: AdequacyInfo, lang: str) -> str:
        """Where a destination's adequacy comes from, in `lang` (the doubt included)."""
        words = Texts("adequacy", lang)
        if info.overridden:
            return words("override", reason=info.source)
        meta = self.adequacy.meta
        listed = words("list", version=meta.version, date=meta.as_of.isoformat())
        entry = self.adequacy.countries.get(info.country)
        if entry is None:
            return f"{words('not_listed')}; {listed}"
        basis = words("coe108") if entry.basis == "coe108" else (entry.basis or words("listed"))
        since = " " + words("since", date=entry.in_force.isoformat()) if entry.in_force else ""
        if entry.ends is not None:
            since += " " + words("ends", date=entry.ends.isoformat())
        doubt = f" ({words('unverified')})" if not entry.verified else ""
        return f"{basis}{since}{doubt}; {listed}"

    def adequacy_list(self) -> dict[str, object]:
        """The adequacy list actually used, for JSON and reports: its version, date,
        title and source, and the workspace's override file with its own version and
        source when there is one (FORMAT.md amendments)."""
        meta = self.adequacy.meta
        book = self.book
        override = next(
            (p for p in self.overrides if book is not None and p.name == book.adequacy_file), None
        )
        out: dict[str, object] = {
            "version": meta.version,
            "as_of": meta.as_of.isoformat(),
            "title": meta.title.get("en", ""),
            "source": meta.source,
            "override": None,
        }
        if override is not None:
            own = self.adequacy_override_meta
            out["override"] = {
                "file": f"data/{override.name}",
                "version": str(own.get("version", "")) or None,
                "source": str(own.get("source", "")) or None,
            }
        return out


    # -- rulebook ---------------------------------------------------------------------
    def rule(self, rule_id: str) -> RuleText:
        return self.rulebook.rules[rule_id]

    def citation(self, rule_id: str, lang: str, profile: PolicyProfile | None = None) -> str:
        """The rule's citation in `lang` for an operator with `profile` (see `cite`)."""
        return self.cite(rule_id, profile, lang)

    # -- countries --------------------------------------------------------------------
    def country_name(self, code: str, lang: str) -> str:
        """The country's name in `lang`: the workspace's or shipped countries.toml,
        else pycountry's translation, else its English name, else the code."""
        if self.countries is not None:
            name = self.countries.names.get(lang, {}).get(code.upper())
            if name:
                return name
        return country_name(code, lang)


# -- country names (pycountry and its translations) -------------------------------------
@cache
def _translation(lang: str) -> Any:
    import gettext

    import pycountry

    if lang == "en":
        return None
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return None


@cache
def _shipped_names() -> dict[str, dict[str, str]]:
    names = _shipped("countries.toml").get("names", {})
    return {lang: dict(table) for lang, table in names.items()}


def country_aliases(code: str) -> tuple[str, ...]:
    """Other names people type for the country (shipped countries.toml [aliases])."""
    return _shipped_aliases().get(code.upper(), ())


@cache
def _shipped_aliases() -> dict[str, tuple[str, ...]]:
    aliases = _shipped("countries.toml").get("aliases", {})
    return {code: tuple(names) for code, names in aliases.items()}


@cache
def country_name(code: str, lang: str) -> str:
    """The country's name in `lang` from the shipped reference data (countries.toml
    first, then pycountry's translations); a workspace's own names need
    `Reference.country_name`."""
    import pycountry

    code = code.upper()
    shipped = _shipped_names().get(lang, {}).get(code)
    if shipped:
        return shipped
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = str(country.name)
    translation = _translation(lang)
    if translation is not None:
        translated = str(translation.gettext(name))
        if translated:
            return translated
    return str(getattr(country, "common_name", None) or name)


# -- loading -----------------------------------------------------------------------------
_SHARED_MODELS: dict[str, type[BaseModel]] = {
    "vocabulary.toml": VocabularyFile,
    "countries.toml": CountriesFile,
    "policies.toml": PoliciesFile,
}


def _kind(name: str, book: BookData) -> str:
    """Which model a file of `book`'s data is read with: "rulebook", "adequacy" or its shared name."""
    if name == book.rulebook_file:
        return "rulebook"
    if name == book.adequacy_file:
        return "adequacy"
    return name


_BOOK_MODELS: dict[str, type[BaseModel]] = {"rulebook": RulebookFile, "adequacy": AdequacyFile}


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _check_severities(
    kind: str, shipped: dict[str, Any], over: dict[str, Any], path: Path, text: str, book: str
) -> None:
    """A workspace may reword the rulebook, not change what a shipped rule does: the
    severities are FORMAT.md's verdict logic (an advice must never change a verdict, a
    missing ground must not become advice), and a ground needs rules behind it (the
    workspace may leave grounds out, not add any)."""
    if kind != "rulebook":
        return
    grounds = over.get("grounds", {}).get("values") if isinstance(over.get("grounds"), dict) else None
    if isinstance(grounds, list):
        implemented = shipped.get("grounds", {}).get("values", [])
        for index, ground in enumerate(grounds):
            if ground not in implemented:
                line, column = locate(text, ("grounds", "values", index))
                raise ReferenceError(
                    path,
                    f"grounds.values: {ground!r} is not a ground the {book} rulebook implements "
                    f"({', '.join(implemented)}): a transfer on it would pass rules 2-4 unchecked",
                    line,
                    column,
                )
    if not isinstance(over.get("rules"), dict):
        return
    for rule_id, entry in over["rules"].items():
        fixed = shipped.get("rules", {}).get(rule_id, {}).get("severity")
        if fixed is not None and isinstance(entry, dict) and entry.get("severity", fixed) != fixed:
            line, column = locate(text, ("rules", rule_id, "severity"))
            raise ReferenceError(
                path,
                f"rules.{rule_id}.severity: the severity of a shipped rule is fixed ({fixed}); "
                "a workspace may change the rule's texts only",
                line,
                column,
            )


def _merge_override(kind: str, shipped: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """A workspace file deep-merged over the shipped one, except that a country of the
    adequacy list whose `adequate` or `basis` the workspace sets is replaced whole: the
    shipped date and verification belong to the shipped basis (an override saying
    `adequate = false` must not keep the Convention's entry-into-force date). An entry
    that only adds a date or `verified = true` is merged."""
    merged = _deep_merge(shipped, over)
    countries = over.get("countries")
    if kind == "adequacy" and isinstance(countries, dict):
        for code, entry in countries.items():
            if isinstance(entry, dict) and ({"adequate", "basis"} & set(entry)):
                merged["countries"][code] = entry
    return merged


def _read(path: Path) -> tuple[dict[str, Any], str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReferenceError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = byte_position(data, exc.start)
        raise ReferenceError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x}): save it as UTF-8", line, column) from None
    try:
        return parse_toml(text), text
    except TomlError as exc:
        raise ReferenceError(path, exc.message, exc.line, exc.column) from None


@cache
def _shipped(name: str, folder: Path = SHIPPED_DIR) -> dict[str, Any]:
    return _read(folder / name)[0]


def load_reference(workspace_data: Path | None, book: BookData) -> Reference:
    """Shipped reference data for `book`'s rulebook, with the overrides in
    `workspace_data` (a workspace's `data/` folder) merged over it. Raises
    ReferenceError naming the bad file. (`xborder.rules.load_reference` finds the book
    of a jurisdiction.)"""
    folder = str(workspace_data.resolve()) if workspace_data else None
    return _load_cached(folder, _override_stamps(folder, book), book)


def _override_stamps(workspace_data: str | None, book: BookData) -> tuple[tuple[str, float], ...]:
    if workspace_data is None:
        return ()
    out = []
    for name in (*SHARED_FILES, *book.files):
        path = Path(workspace_data) / name
        try:
            out.append((name, path.stat().st_mtime))
        except OSError:
            continue
    return tuple(out)


@cache
def _load_cached(
    workspace_data: str | None, stamps: tuple[tuple[str, float], ...], book: BookData
) -> Reference:
    parts: dict[str, Any] = {}
    overrides: list[Path] = []
    adequacy_meta: dict[str, Any] = {}
    for name in (*SHARED_FILES, *book.files):
        kind = _kind(name, book)
        folder = SHIPPED_DIR if kind in _SHARED_MODELS else book.shipped_dir
        raw = _shipped(name, folder)
        source_path = folder / name
        source_text: str | None = None
        if workspace_data is not None and any(n == name for n, _ in stamps):
            path = Path(workspace_data) / name
            over, source_text = _read(path)
            _check_severities(kind, raw, over, path, source_text, book.id)
            raw = _merge_override(kind, raw, over)
            if kind == "adequacy" and isinstance(over.get("meta"), dict):
                adequacy_meta = dict(over["meta"])
            overrides.append(path)
            source_path = path
        model = _SHARED_MODELS.get(kind) or _BOOK_MODELS[kind]
        try:
            parts[kind] = model.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = tuple(err["loc"])
            line, column = locate(source_text, loc) if source_text else (None, None)
            path_text = ".".join(str(p) for p in loc)
            raise ReferenceError(source_path, f"{path_text}: {err['msg']}", line, column) from None
    reference = Reference(
        adequacy=cast(AdequacyFile, parts["adequacy"]),
        vocabulary=cast(VocabularyFile, parts["vocabulary.toml"]),
        rulebook=cast(RulebookFile, parts["rulebook"]),
        overrides=overrides,
        countries=cast(CountriesFile, parts["countries.toml"]),
        book=book,
        policies=dict(cast(PoliciesFile, parts["policies.toml"]).policies),
        workspace_data=workspace_data,
        adequacy_override_meta=adequacy_meta,
    )
    _check_reference(reference)
    return reference


def _check_reference(reference: Reference) -> None:
    from xborder.model.countries import is_country_code

    for code in reference.adequacy.countries:
        if not is_country_code(code):
            book = reference.book
            assert book is not None
            path = next(
                (p for p in reference.overrides if p.name == book.adequacy_file),
                book.shipped_dir / book.adequacy_file,
            )
            raise ReferenceError(
                path, f"countries.{code}: not an ISO 3166-1 alpha-2 code", *_position(path, ("countries", code))
            )
    if reference.countries is not None:
        path = next(
            (p for p in reference.overrides if p.name == "countries.toml"),
            SHIPPED_DIR / "countries.toml",
        )
        for code in reference.countries.aliases:
            if not is_country_code(code):
                raise ReferenceError(
                    path, f"aliases.{code}: not an ISO 3166-1 alpha-2 code", *_position(path, ("aliases", code))
                )
        for lang, names in reference.countries.names.items():
            if lang not in LANGS:
                raise ReferenceError(
                    path, f"names.{lang}: unknown language (known: {', '.join(LANGS)})", *_position(path, ("names", lang))
                )
            for code, name in names.items():
                if not is_country_code(code):
                    raise ReferenceError(
                        path, f"names.{lang}.{code}: not an ISO 3166-1 alpha-2 code", *_position(path, ("names", lang, code))
                    )
                if not name.strip():
                    raise ReferenceError(path, f"names.{lang}.{code}: the name is empty", *_position(path, ("names", lang, code)))


def _position(path: Path, loc: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    """Line and column of `loc` in the file at `path` (None, None when unreadable)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, None
    return locate(text, loc)

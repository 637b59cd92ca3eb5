"""Loading and merging reference data (shipped + workspace overrides)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from xborder.i18n import Texts
from xborder.tomlio import TomlError, byte_position, locate, parse_toml

SHIPPED_DIR = Path(__file__).parent / "data"
FILES = ("adequacy.toml", "vocabulary.toml", "rulebook_az.toml", "countries.toml")
LANGS = ("az", "en", "ru")

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


class Meta(_Model):
    version: str
    as_of: dt.date
    title: Labels = Field(default_factory=dict)
    source: str = ""
    note: Labels = Field(default_factory=dict)
    id: str | None = None
    clause_word: Labels = Field(default_factory=dict)


class AdequacyEntry(_Model):
    adequate: bool
    basis: str = ""
    in_force: dt.date | None = None
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


class RuleText(_Model):
    severity: Literal["blocker", "missing", "pending", "advice"]
    clause: str = ""
    sources: list[str] = Field(default_factory=list)
    verified: bool = True
    title: Labels
    message: Labels
    fix: Labels = Field(default_factory=dict)
    citation: Labels = Field(default_factory=dict)


class Clause(_Model):
    sources: list[str] = Field(default_factory=list)
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


_BASIS = {"coe108": "Council of Europe Convention 108 party"}



@dataclass
class Reference:
    """All reference data one evaluation relies on."""

    adequacy: AdequacyFile
    vocabulary: VocabularyFile
    rulebook: RulebookFile
    overrides: list[Path] = field(default_factory=list)
    """Workspace files merged over the shipped data."""
    countries: CountriesFile | None = None
    """Country names over pycountry's (shipped data/countries.toml + the workspace's)."""
    _adequacy_cache: dict[str, AdequacyInfo] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

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
        doubt = f" ({words('unverified')})" if not entry.verified else ""
        return f"{basis}{since}{doubt}; {listed}"

    # -- rulebook ---------------------------------------------------------------------
    def rule(self, rule_id: str) -> RuleText:
        return self.rulebook.rules[rule_id]

    def citation(self, rule_id: str, lang: str) -> str:
        """The rule's citation in `lang`, e.g. "clause 12.1" / "bənd 12.1"."""
        text = self.rule(rule_id)
        if text.citation:
            return text.citation.get(lang) or text.citation.get("en", "")
        if not text.clause:
            return ""
        word = self.rulebook.meta.clause_word
        return f"{word.get(lang) or word.get('en', 'clause')} {text.clause}"

    # -- countries --------------------------------------------------------------------
    def country_name(self, code: str, lang: str) -> str:
        """The country's name in `lang`: the workspace's or shipped countries.toml,
        else pycountry's translation, else its English name, else the code."""
        if self.countries is not None:
            name = self.countries.names.get(lang, {}).get(code.upper())
            if name:
                return name
        return country_name(code, lang)


def upper(text: str, lang: str) -> str:
    """Upper case as the language writes it: Azerbaijani (like Turkish) has dotted İ
    for i, which str.upper() would turn into a dotless I ("verilir" -> "VERİLİR")."""
    if lang in ("az", "tr"):
        text = text.replace("i", "İ")
    return text.upper()


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
_MODELS: dict[str, type[BaseModel]] = {
    "adequacy.toml": AdequacyFile,
    "vocabulary.toml": VocabularyFile,
    "rulebook_az.toml": RulebookFile,
    "countries.toml": CountriesFile,
}


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _check_severities(
    name: str, shipped: dict[str, Any], over: dict[str, Any], path: Path, text: str
) -> None:
    """A workspace may reword the rulebook, not change what a shipped rule does: the
    severities are FORMAT.md's verdict logic (an advice must never change a verdict, a
    missing ground must not become advice), and a ground needs rules behind it (the
    workspace may leave grounds out, not add any)."""
    if name != "rulebook_az.toml":
        return
    grounds = over.get("grounds", {}).get("values") if isinstance(over.get("grounds"), dict) else None
    if isinstance(grounds, list):
        implemented = shipped.get("grounds", {}).get("values", [])
        for index, ground in enumerate(grounds):
            if ground not in implemented:
                line, column = locate(text, ("grounds", "values", index))
                raise ReferenceError(
                    path,
                    f"grounds.values: {ground!r} is not a ground the az rulebook implements "
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


def _merge_override(name: str, shipped: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """A workspace file deep-merged over the shipped one, except that a country of the
    adequacy list whose `adequate` or `basis` the workspace sets is replaced whole: the
    shipped date and verification belong to the shipped basis (an override saying
    `adequate = false` must not keep the Convention's entry-into-force date). An entry
    that only adds a date or `verified = true` is merged."""
    merged = _deep_merge(shipped, over)
    countries = over.get("countries")
    if name == "adequacy.toml" and isinstance(countries, dict):
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
def _shipped(name: str) -> dict[str, Any]:
    return _read(SHIPPED_DIR / name)[0]


def load_reference(workspace_data: Path | None = None) -> Reference:
    """Shipped reference data, with the overrides in `workspace_data` (a workspace's
    `data/` folder) merged over it. Raises ReferenceError naming the bad file."""
    key = (str(workspace_data.resolve()) if workspace_data else None,)
    stamps = _override_stamps(workspace_data)
    return _load_cached(key[0], stamps)


def _override_stamps(workspace_data: Path | None) -> tuple[tuple[str, float], ...]:
    if workspace_data is None:
        return ()
    out = []
    for name in FILES:
        path = workspace_data / name
        try:
            out.append((name, path.stat().st_mtime))
        except OSError:
            continue
    return tuple(out)


@cache
def _load_cached(workspace_data: str | None, stamps: tuple[tuple[str, float], ...]) -> Reference:
    parts: dict[str, Any] = {}
    overrides: list[Path] = []
    for name in FILES:
        raw = _shipped(name)
        source_path = SHIPPED_DIR / name
        source_text: str | None = None
        if workspace_data is not None and any(n == name for n, _ in stamps):
            path = Path(workspace_data) / name
            over, source_text = _read(path)
            _check_severities(name, raw, over, path, source_text)
            raw = _merge_override(name, raw, over)
            overrides.append(path)
            source_path = path
        try:
            parts[name] = _MODELS[name].model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = tuple(err["loc"])
            line, column = locate(source_text, loc) if source_text else (None, None)
            path_text = ".".join(str(p) for p in loc)
            raise ReferenceError(source_path, f"{path_text}: {err['msg']}", line, column) from None
    reference = Reference(
        adequacy=cast(AdequacyFile, parts["adequacy.toml"]),
        vocabulary=cast(VocabularyFile, parts["vocabulary.toml"]),
        rulebook=cast(RulebookFile, parts["rulebook_az.toml"]),
        overrides=overrides,
        countries=cast(CountriesFile, parts["countries.toml"]),
    )
    _check_reference(reference)
    return reference


def _check_reference(reference: Reference) -> None:
    from xborder.model.countries import is_country_code

    for code in reference.adequacy.countries:
        if not is_country_code(code):
            path = next(
                (p for p in reference.overrides if p.name == "adequacy.toml"),
                SHIPPED_DIR / "adequacy.toml",
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

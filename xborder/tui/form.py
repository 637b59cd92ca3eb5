"""The wizard's form, without Textual: fields, the document they edit, validation.

The form edits a plain dict shaped like the assessment file (the "document"). Each field
is declared once as a FieldSpec (key path, kind, step, required); widgets are built from
the specs by one factory per kind, read back into the document, and the document is
validated by the core models. Errors come back keyed by their key path (pydantic's
`loc`), so the wizard can show each one next to its widget, and findings carry the key
path of the field that fixes them. Keys the form does not show (approval, extensions
added later) stay in the document untouched, so a hand-edited file saves back whole.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from xborder.dates import add_months
from xborder.model.assessment import ID_PATTERN, Assessment
from xborder.model.text import unprefixed
from xborder.rules.checks import load_problems
from xborder.rules.registry import DEFAULT, get_rulebook
from xborder.rules.rulebook import FormProfile
from xborder.store.assessments import describe_error, to_document

if TYPE_CHECKING:
    from xborder.model.workspace import Settings
    from xborder.reference import Reference
    from xborder.rules import Evaluation, Finding

Loc = tuple[str | int, ...]
Kind = Literal[
    "text", "textarea", "lines", "date", "select", "tristate", "bool", "checklist", "country", "recipient"
]
Step = Literal["general", "processing", "destinations", "review", "save"]
STEPS: tuple[Step, ...] = ("general", "processing", "destinations", "review", "save")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    path: tuple[str, ...]
    """Key path: from the document root, or from the transfer for transfer fields."""
    kind: Kind
    required: bool = False
    options: str = ""
    """For select: the vocabulary table of its values (status, kind, role, ground);
    for checklist: "data", "special" or "processed" (the assessment's data)."""
    transfer: bool = False

    @property
    def widget_id(self) -> str:
        return ("t-" if self.transfer else "f-") + "-".join(self.path)

    @property
    def label_key(self) -> str:
        if self.transfer and self.path == ("id",):
            return "field.id.transfer"
        return "field." + ".".join(self.path)

    def loc(self, transfer_index: int | None = None) -> Loc:
        if self.transfer:
            return ("transfers", transfer_index if transfer_index is not None else 0, *self.path)
        return self.path


def _f(path: str, kind: Kind, required: bool = False, options: str = "") -> FieldSpec:
    return FieldSpec(tuple(path.split(".")), kind, required, options)


def _t(path: str, kind: Kind, required: bool = False, options: str = "") -> FieldSpec:
    return FieldSpec(tuple(path.split(".")), kind, required, options, transfer=True)


GENERAL_FIELDS = (
    _f("title", "text", True),
    _f("id", "text", True),
    _f("status", "select", True, "status"),
    _f("jurisdiction", "select", True, "jurisdiction"),
    _f("created", "date", True),
    _f("next_review", "date"),
    _f("assessor", "text"),
    _f("operator.name", "text", True),
    _f("operator.tin", "text"),
    _f("operator.address", "text"),
    _f("operator.contact", "text"),
    _f("operator.responsible", "text"),
    _f("operator.policy", "select", False, "policy"),
    _f("notes", "textarea"),
)

PROCESSING_FIELDS = (
    _f("processing.purposes", "lines", True),
    _f("processing.subjects", "lines", True),
    _f("processing.data", "checklist", True, "data"),
    _f("processing.special", "checklist", False, "special"),
    _f("processing.az_citizens", "bool"),
    _f("processing.primary_storage", "country"),
)

TRANSFER_FIELDS = (
    _t("id", "text", True),
    _t("country", "country", True),
    _t("start", "date"),
    _t("recipient.ref", "recipient"),
    _t("recipient.name", "text", True),
    _t("recipient.kind", "select", True, "kind"),
    _t("recipient.role", "select", False, "role"),
    _t("recipient.address", "text"),
    _t("recipient.contact", "text"),
    _t("recipient.phone", "text"),
    _t("recipient.email", "text"),
    _t("recipient.postal_address", "text"),
    _t("recipient.agreement", "text"),
    _t("data", "checklist", False, "processed"),
    _t("ground", "select", False, "ground"),
    _t("consent.written", "tristate"),
    _t("consent.reference", "text"),
    _t("contract.subject_is_party", "tristate"),
    _t("contract.reference", "text"),
    _t("adequacy.adequate", "tristate"),
    _t("adequacy.reason", "text"),
    _t("recipient_info.obtained", "date"),
    _t("recipient_info.measures", "text"),
    _t("recipient_info.termination", "text"),
    _t("recipient_info.legal_regulation", "text"),
    _t("recipient_info.evidence", "lines"),
    _t("notification.sent", "date"),
    _t("notification.reference", "text"),
    _t("notification.separate", "tristate"),
    _t("notification.acknowledged", "date"),
    _t("national_security_risk", "bool"),
    _t("notes", "textarea"),
)

ALL_FIELDS = GENERAL_FIELDS + PROCESSING_FIELDS + TRANSFER_FIELDS
BY_WIDGET_ID = {spec.widget_id: spec for spec in ALL_FIELDS}


# -- the document ---------------------------------------------------------------------
def get_in(document: dict[str, Any], path: Iterable[str | int]) -> Any:
    node: Any = document
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
            node = node[part]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        if node is None:
            return None
    return node


def set_in(document: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    """Set the value at `path`; None or "" removes the key (and tables left empty)."""
    parents: list[tuple[Any, str | int]] = []
    node: Any = document
    for part in path[:-1]:
        parents.append((node, part))
        if isinstance(part, int):
            node = node[part]
        else:
            if not isinstance(node.get(part), dict | list):
                if value is None or value == "":
                    return
                node[part] = {}
            node = node[part]
    last = path[-1]
    if value is None or value == "":
        if isinstance(node, dict):
            node.pop(last, None)
        # drop sub-tables left empty (never the document's operator/processing or a transfer)
        for parent, key in reversed(parents):
            child = parent[key]
            keep = parent is document and key in ("operator", "processing")
            if isinstance(key, str) and isinstance(child, dict) and not child and not keep:
                parent.pop(key)
            else:
                break
    else:
        node[last] = value


def new_document(settings: Settings, today: dt.date) -> dict[str, Any]:
    """A new assessment: today's date, the workspace's operator, nothing else."""
    operator = {
        key: value
        for key, value in settings.operator.model_dump().items()
        if isinstance(value, str) and value.strip()
    }
    review = add_months(today, settings.review.period_months)
    return {
        "schema_version": 1,
        "id": "",
        "title": "",
        "status": "draft",
        "jurisdiction": "az",
        "created": today,
        "next_review": review,
        "operator": operator,
        "processing": {
            "purposes": [],
            "subjects": [],
            "data": [],
            "special": [],
            "az_citizens": True,
        },
        "transfers": [],
    }


def document_of(assessment: Assessment) -> dict[str, Any]:
    """The editable document of a loaded assessment (every key it holds)."""
    return copy.deepcopy(to_document(assessment))


def new_transfer(document: dict[str, Any]) -> dict[str, Any]:
    taken = {t.get("id") for t in transfers_of(document)}
    number = len(taken) + 1
    while f"transfer-{number}" in taken:
        number += 1
    return {
        "id": f"transfer-{number}",
        "recipient": {"kind": "legal_entity"},
    }


def duplicate_transfer(document: dict[str, Any], index: int) -> dict[str, Any]:
    source = copy.deepcopy(transfers_of(document)[index])
    taken = {t.get("id") for t in transfers_of(document)}
    base = str(source.get("id") or "transfer")
    number = 2
    while f"{base}-{number}"[:64] in taken:
        number += 1
    source["id"] = f"{base}-{number}"[:64]
    # what was done for the original was not done for the copy
    source.pop("notification", None)
    return source


def transfers_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    transfers = document.get("transfers")
    if not isinstance(transfers, list):
        transfers = []
        document["transfers"] = transfers
    return transfers


# -- dates --------------------------------------------------------------------------
_SHIFT = re.compile(r"^([+-])\s*(\d{1,4})\s*([dwmy]?)$")


def parse_date_text(text: str, today: dt.date) -> dt.date | None:
    """YYYY-MM-DD, or a shortcut: "today"/"t"/"bu gün", "+30" (days), "+2w", "+6m", "+1y".
    Returns None when the text is not a date."""
    value = text.strip().lower()
    if not value:
        return None
    if value in ("today", "t", "bu gün", "bugün", "bu gun", "."):
        return today
    match = _SHIFT.match(value)
    if match:
        sign = 1 if match.group(1) == "+" else -1
        amount = int(match.group(2)) * sign
        unit = match.group(3) or "d"
        try:
            if unit == "d":
                return today + dt.timedelta(days=amount)
            if unit == "w":
                return today + dt.timedelta(weeks=amount)
            if unit == "m":
                return add_months(today, amount)
            return add_months(today, amount * 12)
        except OverflowError:
            return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


# -- ids -----------------------------------------------------------------------------
_TRANSLIT = str.maketrans(
    {
        "ə": "e", "Ə": "e", "ı": "i", "İ": "i", "ş": "s", "Ş": "s", "ç": "c", "Ç": "c",
        "ğ": "g", "Ğ": "g", "ö": "o", "Ö": "o", "ü": "u", "Ü": "u",
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
    }
)
_ID_RE = re.compile(ID_PATTERN)


def slugify(title: str, taken: Collection[str] = ()) -> str:
    """An id for `title`: Azerbaijani and Russian letters transliterated, a-z, 0-9 and
    '-', at most 64 characters, not among `taken` (a number is appended if needed)."""
    text = title.lower().translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    slug = re.sub(r"-{2,}", "-", slug)[:48].strip("-") or "assessment"
    candidate = slug
    number = 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def is_valid_id(value: str) -> bool:
    return bool(_ID_RE.fullmatch(value))


# -- validation ----------------------------------------------------------------------
def prepared(document: dict[str, Any]) -> dict[str, Any]:
    """The document as the model reads it: empty strings and None dropped."""

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                item = clean(item)
                if item is None or item == "":
                    continue
                out[key] = item
            return out
        if isinstance(value, list):
            return [clean(item) for item in value if item is not None and item != ""]
        return value

    result: dict[str, Any] = clean(document)
    return result


@dataclass
class Check:
    """The result of validating and evaluating the form's document."""

    assessment: Assessment | None
    errors: dict[Loc, str] = field(default_factory=dict)
    """Key path -> one-line message (the form cannot be saved while any remain)."""
    evaluation: Evaluation | None = None

    @property
    def verdict(self) -> str:
        if self.assessment is None or self.evaluation is None:
            return "invalid"
        return self.evaluation.verdict

    def findings(self) -> list[Finding]:
        return self.evaluation.all_findings() if self.evaluation else []


ERROR_KEYS = {
    "missing": "error.required",
    "string_too_short": "error.required",
    "too_short": "error.required",
}


def validate(
    document: dict[str, Any],
    reference: Reference,
    as_of: dt.date,
    *,
    taken_ids: Collection[str] = (),
    translate: Any = None,
    recipients: Any = None,
) -> Check:
    """Validate the document with the core models and checks, then evaluate it.

    `taken_ids` are the ids of the workspace's other files (a new id must be unique);
    `translate(key, **params)` renders the UI's own messages (required, duplicate id)."""
    from xborder.model.recipients import attach, resolve
    from xborder.rules import evaluate

    tr = translate or (lambda key, **params: key)
    raw = prepared(document)
    errors: dict[Loc, str] = {}
    resolution = resolve(raw, recipients)  # the recipient catalogue fills in what a transfer does not state
    for loc, message in resolution.problems:
        errors.setdefault(tuple(loc), message)
    if errors:
        _check_id(raw, taken_ids, errors, tr)
        return Check(None, errors)
    try:
        assessment = Assessment.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc, message = describe_error(dict(error))
            key = ERROR_KEYS.get(error["type"])
            errors.setdefault(tuple(loc), tr(key) if key else _strip_key(message, loc))
        _check_id(raw, taken_ids, errors, tr)
        return Check(None, errors)
    attach(assessment.transfers, resolution)
    problems = load_problems(assessment, reference)
    for loc, message in problems:
        errors.setdefault(tuple(loc), message)
    _check_id(raw, taken_ids, errors, tr)
    if errors:
        return Check(None, errors)
    evaluation = evaluate(assessment, reference, as_of)
    return Check(assessment, {}, evaluation)


def with_coverage(assessment: Assessment, before: Assessment | None) -> Assessment:
    """Record what a notification covers when its date is recorded (FORMAT.md
    amendments): for each transfer whose `notification.sent` is new or changed since
    `before` (the file as last saved; None for a new file), its country, recipient and
    data as they now stand. A notification already recorded keeps its coverage (a later
    change of the transfer must show), and one recorded without coverage before (an
    older file) is left for `xborder migrate` to fill from git."""
    changed = False
    copy_ = assessment.model_copy(deep=True)
    for transfer in copy_.transfers:
        notification = transfer.notification
        if notification is None or notification.sent is None:
            continue
        old = before.transfer(transfer.id) if before is not None else None
        old_sent = old.notification.sent if old is not None and old.notification else None
        if old_sent == notification.sent:
            kept = old.notification.coverage if old is not None and old.notification else None
            if notification.coverage is None and kept is not None:
                notification.coverage = kept  # saved before in this session: keep it
                changed = True
            continue
        notification.coverage = transfer.coverage_now(copy_.processing)
        changed = True
    return copy_ if changed else assessment


def _check_id(raw: dict[str, Any], taken: Collection[str], errors: dict[Loc, str], tr: Any) -> None:
    value = raw.get("id")
    if isinstance(value, str) and value in taken:
        errors.setdefault(("id",), tr("error.id_taken", id=value))


def _strip_key(message: str, loc: Loc) -> str:
    """The core's message names the key ("transfers[0].start: ..."); next to the widget
    the key is obvious, so keep only the reason (in every language)."""
    return unprefixed(message, str(loc[-1])) if loc else message


def step_of(loc: Loc) -> Step:
    if not loc:
        return "general"
    if loc[0] == "processing":
        return "processing"
    if loc[0] == "transfers":
        return "destinations"
    return "general"


def spec_for(loc: Loc) -> tuple[FieldSpec | None, int | None]:
    """The field a key path belongs to (list items map to their list), and the
    transfer index for transfer fields."""
    if loc and loc[0] == "transfers" and len(loc) >= 3 and isinstance(loc[1], int):
        rest = tuple(str(p) for p in loc[2:] if isinstance(p, str))
        index = loc[1]
        while rest:
            for spec in TRANSFER_FIELDS:
                if spec.path == rest:
                    return spec, index
            rest = rest[:-1]
        return None, index
    path = tuple(str(p) for p in loc if isinstance(p, str))
    while path:
        for spec in GENERAL_FIELDS + PROCESSING_FIELDS:
            if spec.path == path:
                return spec, None
        path = path[:-1]
    return None, None


def form_profile(document: dict[str, Any]) -> FormProfile:
    """The form profile of the document's rulebook (the default one while its
    jurisdiction is unknown: the load check reports that)."""
    jurisdiction = document.get("jurisdiction")
    try:
        return get_rulebook(jurisdiction if isinstance(jurisdiction, str) else DEFAULT).form
    except KeyError:
        return get_rulebook(DEFAULT).form


def rulebook_fields() -> frozenset[str]:
    """Transfer fields some installed rulebook asks for and others do not (FormProfile.transfer_fields)."""
    from xborder.rules.registry import rulebook_ids

    return frozenset(key for book in rulebook_ids() for key in get_rulebook(book).form.transfer_fields)


def follow_up_groups(profile: FormProfile) -> dict[str, str]:
    """Table of the transfer -> the ground whose follow-up fields it holds (e.g.
    "consent" -> "consent"): the rulebook's profile says which fields each ground needs."""
    return {
        path.split(".")[0]: ground
        for ground, paths in profile.grounds_fields.items()
        for path in paths
    }


def problem_counts(check: Check) -> dict[Step, int]:
    """Per step: load errors plus blocker and missing findings."""
    counts: dict[Step, int] = dict.fromkeys(STEPS, 0)
    for loc in check.errors:
        counts[step_of(loc)] += 1
    for finding in check.findings():
        if finding.severity in ("blocker", "missing"):
            counts[step_of(finding.field)] += 1
    counts["review"] = sum(counts[s] for s in ("general", "processing", "destinations"))
    return counts


def transfer_problems(check: Check, index: int) -> int:
    count = sum(1 for loc in check.errors if len(loc) > 1 and loc[0] == "transfers" and loc[1] == index)
    for finding in check.findings():
        f = finding.field
        if len(f) > 1 and f[0] == "transfers" and f[1] == index and finding.severity in ("blocker", "missing"):
            count += 1
    return count

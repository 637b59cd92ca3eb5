"""Property-based tests (issue 5, item 8): any valid assessment round-trips through TOML
unchanged, and `check` never raises on arbitrary bytes or arbitrary TOML."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xborder.model import Assessment
from xborder.model.countries import is_country_code
from xborder.rules import load_reference
from xborder.store.assessments import dump_assessment, load_assessment_bytes, load_assessment_text

REFERENCE = load_reference(None)
DATA = sorted(REFERENCE.data_keys)
SPECIAL = sorted(REFERENCE.special_keys)
COUNTRIES = sorted(
    a + b for a in string.ascii_uppercase for b in string.ascii_uppercase if is_country_code(a + b) and a + b != "AZ"
)
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
free = st.text(max_size=40)  # any Unicode but surrogates: quotes, newlines, CR, markers...
words = st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != "")
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


def optional(strategy):
    return st.none() | strategy


def table(required=None, **keys):
    """An optional sub-table with at least one key: an empty table is written as absent
    (see test_empty_sub_tables_mean_the_same_as_absent_ones)."""
    return optional(st.fixed_dictionaries(required or {}, optional=keys).filter(bool))


@st.composite
def transfers(draw, data_keys: list[str], tid: str) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": tid,
        "country": draw(st.sampled_from(COUNTRIES)),
        "start": draw(optional(dates)),
        "data": draw(optional(st.lists(st.sampled_from(data_keys), unique=True, max_size=3))),
        "ground": draw(optional(st.sampled_from(sorted(REFERENCE.grounds)))),
        "national_security_risk": draw(st.booleans()),
        "notes": draw(free),
        "recipient": {
            "name": draw(words),
            "kind": draw(st.sampled_from(["state_authority", "legal_entity", "individual"])),
            "role": draw(optional(st.sampled_from(["controller", "processor"]))),
            "address": draw(optional(free)),
            "contact": draw(optional(free)),
            "agreement": draw(optional(free)),
        },
        "consent": draw(table(written=st.booleans(), reference=free)),
        "contract": draw(table(subject_is_party=st.booleans(), reference=free)),
        "recipient_info": draw(table(obtained=dates, measures=free, termination=free,
                                     evidence=st.lists(free, min_size=1, max_size=2))),
        "notification": draw(table(sent=dates, reference=free, separate=st.booleans(), acknowledged=dates)),
        "adequacy": draw(optional(st.fixed_dictionaries({"adequate": st.booleans(), "reason": words}))),
    }
    return doc


@st.composite
def assessments(draw) -> Assessment:
    data = draw(st.lists(st.sampled_from(DATA), min_size=1, max_size=4, unique=True))
    special = draw(st.lists(st.sampled_from(SPECIAL), max_size=2, unique=True))
    tids = draw(st.lists(ids, max_size=3, unique=True))
    doc = {
        "schema_version": 1,
        "id": "x",
        "title": draw(words),
        "status": draw(st.sampled_from(["draft", "in_review", "approved", "rejected", "withdrawn"])),
        "created": draw(dates),
        "next_review": draw(optional(dates)),
        "assessor": draw(optional(free)),
        "notes": draw(free),
        "operator": {"name": draw(words), "tin": draw(optional(free)), "address": draw(optional(free)),
                     "contact": draw(optional(free)), "responsible": draw(optional(free))},
        "processing": {
            "purposes": draw(st.lists(words, min_size=1, max_size=3)),
            "subjects": draw(st.lists(words, min_size=1, max_size=3)),
            "data": data,
            "special": special,
            "az_citizens": draw(st.booleans()),
            "primary_storage": draw(optional(st.sampled_from(COUNTRIES))),
        },
        "approval": draw(optional(st.fixed_dictionaries(
            {"reviewer": words, "date": dates},
            optional={"decision": st.sampled_from(["approved", "rejected"]), "reason": free, "adequacy_version": free,
                      "verdicts": st.dictionaries(ids, st.sampled_from(["permitted", "blocked"]), max_size=2)}))),
        "transfers": [draw(transfers(data + special, tid)) for tid in tids],
    }
    return Assessment.model_validate(_possible_dates(_drop_none(doc)))


def _possible_dates(doc: dict[str, Any]) -> dict[str, Any]:
    """Dates that can be true (else a load error, FORMAT.md amendments)."""
    for transfer in doc.get("transfers", []):
        notification = transfer.get("notification") or {}
        acknowledged = notification.get("acknowledged")
        if acknowledged is not None and (notification.get("sent") is None or acknowledged < notification["sent"]):
            del notification["acknowledged"]
            if not notification:
                del transfer["notification"]
    approval = doc.get("approval")
    if approval is not None:
        approval["date"] = max(approval["date"], doc["created"])
        if doc.get("status") == "approved" and approval.get("decision") == "rejected":
            approval["decision"] = "approved"
    return doc


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


@FAST
@given(assessments())
def test_any_valid_assessment_round_trips_unchanged(assessment: Assessment) -> None:
    text = dump_assessment(assessment)
    result = load_assessment_text(Path("x.toml"), text, REFERENCE)
    assert result.ok, [str(e) for e in result.errors]
    assert result.assessment == assessment
    assert dump_assessment(result.assessment) == text  # same model, same bytes


def test_empty_sub_tables_mean_the_same_as_absent_ones(build, reference, make_transfer) -> None:
    """The one thing the writer does not keep: a sub-table with no keys (it means
    nothing, the same as no table). The text and the verdict survive."""
    from xborder.rules import evaluate

    empty = build(make_transfer(notification={}, recipient_info={}, consent={}))
    text = dump_assessment(empty)
    assert "[transfers.notification]" not in text
    back = load_assessment_text(Path("x.toml"), text, reference).assessment
    assert back.transfers[0].notification is None and empty.transfers[0].notification is not None
    as_of = dt.date(2026, 11, 22)
    before, after = evaluate(empty, reference, as_of), evaluate(back, reference, as_of)
    assert before.verdict == after.verdict == "pending"
    assert [f.rule for f in before.all_findings()] == [f.rule for f in after.all_findings()]


# -- check never raises ---------------------------------------------------------------------
def check_file(tmp: Path, data: bytes) -> dict[str, Any]:
    from xborder.cli.check import check_one
    from xborder.model.workspace import Settings
    from xborder.store.workspace import Workspace

    path = tmp / "data" / "assessments" / "x.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return check_one(Workspace(tmp, Settings(), REFERENCE), path, dt.date(2026, 11, 22), "en")


def assert_sane(entry: dict[str, Any]) -> None:
    assert entry["verdict"] in ("permitted", "pending", "incomplete", "blocked", "invalid")
    if entry["verdict"] == "invalid":
        assert entry["errors"] and entry["transfers"] == []
        for error in entry["errors"]:
            assert "\n" not in error["message"] and error["message"]
            assert error["line"] is None or error["line"] >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_check_never_raises_on_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    assert_sane(check_file(tmp_path, data))


KEYS = ["schema_version", "id", "title", "status", "created", "operator", "processing", "transfers", "name",
        "data", "country", "start", "recipient", "notification", "sent", "approval", "verdicts", "x"]
scalars = (st.integers(-(2**63), 2**63 - 1) | st.booleans() | st.text(max_size=12) | dates
           | st.floats(allow_nan=False) | st.sampled_from(["x", "az", "DE", "AZ", "draft", "2026-02-30"]))
toml_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)
toml_docs = st.dictionaries(st.sampled_from(KEYS), toml_values, max_size=8)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=toml_docs)
def test_check_never_raises_on_arbitrary_toml(tmp_path: Path, doc: dict[str, Any]) -> None:
    assert_sane(check_file(tmp_path, tomli_w.dumps(doc).encode()))


@settings(max_examples=100, deadline=None)
@given(assessments(), st.data())
def test_check_never_raises_on_valid_files_with_one_value_replaced(assessment: Assessment, data) -> None:
    """Near misses: a valid document with one value swapped for an arbitrary one."""
    from xborder.store.assessments import to_document

    doc = to_document(assessment)
    key = data.draw(st.sampled_from(sorted(doc)))
    doc[key] = data.draw(toml_values)
    result = load_assessment_bytes(Path("x.toml"), tomli_w.dumps(doc).encode(), REFERENCE)
    assert result.ok or (result.errors and all("\n" not in str(e) for e in result.errors))

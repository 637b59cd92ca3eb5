"""The canonical writer: same model, same bytes; what is written reads back to the same
document and the same verdict; saving is atomic and refuses to overwrite changes."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xborder.model import Assessment
from xborder.model.countries import country_codes
from xborder.rules import evaluate, load_reference
from xborder.store import dump_assessment, load_assessment, load_assessment_text, save_assessment
from xborder.store.assessments import ConflictError, to_document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "data" / "assessments").glob("*.toml"))
AS_OF = dt.date(2026, 11, 22)
REFERENCE = load_reference(None)


# -- the example workspace is canonical ---------------------------------------------------------
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_files_are_canonical(path):
    """Each example file is exactly what the writer produces for it (a fixed point)."""
    result = load_assessment(path, REFERENCE)
    assert result.ok, [str(e) for e in result.errors]
    assert dump_assessment(result.assessment) == path.read_text(encoding="utf-8")


def test_canonical_layout(build, make_transfer):
    """Key order is the models' field order, scalars before tables, every transfer a
    [[transfers]] block, dates unquoted, empty optional text left out."""
    transfer = make_transfer(consent={"written": True, "reference": "CF-1"}, notes="")
    text = dump_assessment(build(transfer, next_review=dt.date(2027, 11, 1)))
    assert text == """\
schema_version = 1
id = "x"
title = "Test assessment"
status = "draft"
jurisdiction = "az"
created = 2026-11-01
next_review = 2027-11-01

[operator]
name = "Operator LLC"

[processing]
purposes = [
    "Purpose",
]
subjects = [
    "Customers",
]
data = [
    "identity",
    "contact",
]
special = []
az_citizens = true

[[transfers]]
id = "t1"
country = "DE"
start = 2027-01-01
ground = "adequacy"
national_security_risk = false

[transfers.recipient]
name = "Recipient GmbH"
kind = "legal_entity"

[transfers.consent]
written = true
reference = "CF-1"

[transfers.recipient_info]
obtained = 2026-10-01

[transfers.notification]
sent = 2026-10-05
separate = true

[transfers.notification.coverage]
country = "DE"
recipient = "Recipient GmbH"
data = [
    "identity",
    "contact",
]
"""


def test_quoted_dates_are_written_unquoted(tmp_path):
    source = (ROOT / "data" / "assessments" / "charge-web-analytics.toml").read_text(encoding="utf-8")
    quoted = source.replace("created = 2026-07-14", 'created = "2026-07-14"')
    assert quoted != source
    result = load_assessment_text(tmp_path / "charge-web-analytics.toml", quoted, REFERENCE)
    assert result.ok
    assert dump_assessment(result.assessment) == source


def test_empty_sub_tables_are_dropped_without_changing_the_verdict(build, make_transfer):
    assessment = build(make_transfer(country="US", ground="consent", consent={}, notification={}))
    text = dump_assessment(assessment)
    assert "[transfers.consent]" not in text and "[transfers.notification]" not in text
    reloaded = load_assessment_text(Path("x.toml"), text, REFERENCE).assessment
    assert reloaded.transfers[0].consent is None
    assert evaluate(reloaded, REFERENCE, AS_OF) == evaluate(assessment, REFERENCE, AS_OF)


# -- property: any valid assessment round-trips -------------------------------------------------
DATA_KEYS = sorted(REFERENCE.data_keys)
SPECIAL_KEYS = sorted(REFERENCE.special_keys)
COUNTRIES = sorted(country_codes() - {"AZ"})

ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
# Any text a lawyer can type: every character but lone surrogates (not encodable).
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=24)
non_empty = text.filter(lambda value: value.strip() != "")
dates = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))
flags = st.none() | st.booleans()


def optional(strategy):
    return st.none() | strategy


def table(**fields):
    """A dict strategy whose None values are left out (absent keys)."""
    return st.fixed_dictionaries({k: optional(v) for k, v in fields.items()}).map(
        lambda d: {k: v for k, v in d.items() if v is not None}
    )


@st.composite
def transfers(draw, processed: list[str], transfer_id: str):
    doc = {
        "id": transfer_id,
        "country": draw(st.sampled_from(COUNTRIES).map(lambda c: c if draw(st.booleans()) else c.lower())),
        "start": draw(optional(dates)),
        "data": draw(optional(st.lists(st.sampled_from(processed), unique=True))),
        "ground": draw(optional(st.sampled_from(list(REFERENCE.grounds)))),
        "national_security_risk": draw(optional(st.booleans())),
        "notes": draw(optional(text)),
        "recipient": draw(
            table(address=text, contact=text, agreement=text, role=st.sampled_from(["controller", "processor"]))
        ),
        "consent": draw(optional(table(written=st.booleans(), reference=text))),
        "contract": draw(optional(table(subject_is_party=st.booleans(), reference=text))),
        "recipient_info": draw(
            optional(table(obtained=dates, measures=text, termination=text, evidence=st.lists(text, max_size=3)))
        ),
        "notification": draw(
            optional(table(sent=dates, reference=text, separate=st.booleans(), acknowledged=dates))
        ),
        "adequacy": draw(optional(st.fixed_dictionaries({"adequate": st.booleans(), "reason": non_empty}))),
    }
    doc["recipient"].update(
        name=draw(non_empty),
        kind=draw(st.sampled_from(["state_authority", "legal_entity", "individual"])),
    )
    return {k: v for k, v in doc.items() if v is not None}


@st.composite
def assessments(draw):
    data = draw(st.lists(st.sampled_from(DATA_KEYS), min_size=1, max_size=5, unique=True))
    special = draw(st.lists(st.sampled_from(SPECIAL_KEYS), max_size=3, unique=True))
    transfer_ids = draw(st.lists(ids, max_size=3, unique=True))
    doc = {
        "schema_version": 1,
        "id": draw(ids),
        "title": draw(non_empty),
        "status": draw(st.sampled_from(["draft", "in_review", "approved", "rejected", "withdrawn"])),
        "created": draw(dates),
        "next_review": draw(optional(dates)),
        "assessor": draw(optional(text)),
        "notes": draw(optional(text)),
        "operator": draw(table(tin=text, address=text, contact=text, responsible=text)),
        "processing": {
            "purposes": draw(st.lists(non_empty, min_size=1, max_size=3)),
            "subjects": draw(st.lists(non_empty, min_size=1, max_size=3)),
            "data": data,
            "special": special,
        },
        "transfers": [draw(transfers(data + special, tid)) for tid in transfer_ids],
    }
    doc["operator"]["name"] = draw(non_empty)
    if draw(st.booleans()):
        doc["processing"]["az_citizens"] = draw(st.booleans())
    if draw(st.booleans()):
        doc["processing"]["primary_storage"] = draw(st.sampled_from(sorted(country_codes())))
    if draw(st.booleans()):
        doc["approval"] = {
            "reviewer": draw(non_empty),
            "date": draw(dates),
            "adequacy_version": draw(text),
            "verdicts": {tid: draw(st.sampled_from(["permitted", "blocked"])) for tid in transfer_ids},
        }
    for transfer in doc["transfers"]:  # what the notice covered (sometimes not recorded)
        notification = transfer.get("notification")
        if notification and "sent" in notification and draw(st.booleans()):
            notification["coverage"] = {
                "country": draw(st.sampled_from(sorted(country_codes() - {"AZ"}))),
                "recipient": draw(non_empty),
                "data": draw(st.lists(st.sampled_from(data + special), max_size=3, unique=True)),
            }
    if draw(st.booleans()):
        doc["requests"] = [{"received": draw(dates), "reference": draw(non_empty), "asked": draw(non_empty)}]
    return Assessment.model_validate(possible_dates({k: v for k, v in doc.items() if v is not None}))


def possible_dates(doc: dict) -> dict:
    """Dates that can be true (else a load error, FORMAT.md amendments): acknowledged
    not before sent, an approval not before created, approved not with a rejection."""
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


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessment=assessments())
def test_round_trip_property(assessment):
    text = dump_assessment(assessment)
    # Same model, same bytes.
    assert dump_assessment(assessment) == text
    result = load_assessment_text(Path(f"{assessment.id}.toml"), text, REFERENCE)
    assert result.ok, [str(e) for e in result.errors]
    reloaded = result.assessment
    # The same document and the same bytes again (the canonical text is a fixed point).
    assert to_document(reloaded) == to_document(assessment)
    assert dump_assessment(reloaded) == text
    # And the same verdict, finding for finding.
    assert evaluate(reloaded, REFERENCE, AS_OF) == evaluate(assessment, REFERENCE, AS_OF)


@settings(max_examples=100, deadline=None)
@given(value=text)
def test_any_text_survives_a_round_trip(value):
    """Free text (notes, references) comes back exactly as typed, less outer spaces."""
    doc = to_document(Assessment.model_validate({
        "id": "x", "title": "T", "created": dt.date(2026, 1, 1), "notes": value,
        "operator": {"name": "Op", "address": value},
        "processing": {"purposes": ["p"], "subjects": ["s"], "data": ["identity"]},
    }))
    reloaded = load_assessment_text(Path("x.toml"), dump_assessment(Assessment.model_validate(doc)), REFERENCE)
    assert reloaded.ok, [str(e) for e in reloaded.errors]
    assert reloaded.assessment.notes == value.strip()
    assert reloaded.assessment.operator.address == value.strip()


# -- saving -------------------------------------------------------------------------------------
def test_save_writes_the_canonical_text_and_returns_its_digest(tmp_path, build):
    import hashlib

    path = tmp_path / "x.toml"
    digest = save_assessment(path, build())
    data = path.read_bytes()
    assert data == dump_assessment(build()).encode("utf-8")
    assert digest == hashlib.sha256(data).hexdigest()
    assert load_assessment(path, REFERENCE).assessment == build()


def test_save_leaves_no_temporary_file_and_keeps_the_mode(tmp_path, build):
    path = tmp_path / "x.toml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o600)
    save_assessment(path, build())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.toml"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_save_is_atomic_when_the_write_fails(tmp_path, build, monkeypatch):
    path = tmp_path / "x.toml"
    path.write_text("old content", encoding="utf-8")

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="No space left"):
        save_assessment(path, build())
    assert path.read_text(encoding="utf-8") == "old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.toml"]


def test_save_refuses_to_overwrite_a_file_changed_on_disk(tmp_path, build):
    path = tmp_path / "x.toml"
    digest = save_assessment(path, build())
    save_assessment(path, build(title="Second"), expected_sha256=digest)  # unchanged: saves
    with pytest.raises(ConflictError, match="changed on disk"):
        save_assessment(path, build(title="Third"), expected_sha256=digest)
    assert "Second" in path.read_text(encoding="utf-8")


def test_save_of_a_new_file_refuses_an_existing_one(tmp_path, build):
    path = tmp_path / "x.toml"
    save_assessment(path, build(), expected_sha256="")
    with pytest.raises(ConflictError):
        save_assessment(path, build(), expected_sha256="")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessment=assessments(), as_of=st.dates(dt.date(2025, 1, 1), dt.date(2028, 12, 31)))
def test_advice_never_changes_a_verdict(assessment, as_of, monkeypatch_session):
    """Judged with every advice rule switched off, every transfer and the assessment get
    the same verdicts: advice only informs."""
    from xborder.rulebooks.az import rules as az

    full = evaluate(assessment, REFERENCE, as_of)
    without = tuple(rule for rule in az.TRANSFER_RULES if not rule.__name__.startswith("advice_"))
    assert len(without) == 10  # FORMAT.md's rules 1-9 and the amendments' data rule
    with monkeypatch_session.context() as patch:
        patch.setattr(az, "TRANSFER_RULES", without)
        bare = evaluate(assessment, REFERENCE, as_of)
    assert [t.verdict for t in bare.transfers] == [t.verdict for t in full.transfers]
    assert bare.verdict == full.verdict
    for finding in full.all_findings():
        if finding.rule.startswith("AZ-ADV-"):
            assert finding.severity == "advice"


@pytest.fixture(scope="module")
def monkeypatch_session():
    """A MonkeyPatch usable under hypothesis (function-scoped fixtures are not reset
    between generated examples)."""
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()

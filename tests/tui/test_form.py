"""The wizard's form logic without Textual: ids, dates, the document, validation."""

from __future__ import annotations

import datetime as dt

import pytest

from xborder.model.workspace import Settings
from xborder.rules import load_reference
from xborder.tui import form

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Veb-sayt statistikası", "veb-sayt-statistikasi"),
        ("Şəxsiyyət və əlaqə: İşçilər", "sexsiyyet-ve-elaqe-isciler"),
        ("Передача в Грузию", "peredacha-v-gruziyu"),
        ("  !!!  ", "assessment"),
    ],
)
def test_slugify_transliterates_and_matches_the_id_pattern(title: str, expected: str) -> None:
    slug = form.slugify(title)
    assert slug == expected
    assert form.is_valid_id(slug)


def test_slugify_avoids_taken_ids() -> None:
    assert form.slugify("CRM", {"crm", "crm-2"}) == "crm-3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("today", TODAY),
        ("t", TODAY),
        ("+30", dt.date(2026, 12, 22)),
        ("-1", dt.date(2026, 11, 21)),
        ("+2w", dt.date(2026, 12, 6)),
        ("+3m", dt.date(2027, 2, 22)),
        ("+1y", dt.date(2027, 11, 22)),
        ("", None),
        ("2026-02-30", None),
        ("1/12/2026", None),
        ("2026-1-5", None),
    ],
)
def test_dates_and_shortcuts(text: str, expected: dt.date | None) -> None:
    assert form.parse_date_text(text, TODAY) == expected


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert form.parse_date_text("+1m", dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)


def test_set_in_removes_empty_values_and_tables_left_empty() -> None:
    doc: dict = {"transfers": [{"id": "x", "consent": {"written": True}}], "operator": {"name": "A"}}
    form.set_in(doc, ("transfers", 0, "consent", "reference"), "RF-3")
    assert doc["transfers"][0]["consent"] == {"written": True, "reference": "RF-3"}
    form.set_in(doc, ("transfers", 0, "consent", "reference"), "")
    form.set_in(doc, ("transfers", 0, "consent", "written"), None)
    assert "consent" not in doc["transfers"][0]
    assert doc["transfers"][0] == {"id": "x"}
    form.set_in(doc, ("operator", "name"), None)
    assert doc["operator"] == {}  # the document's own tables stay
    form.set_in(doc, ("transfers", 0, "notification", "sent"), None)
    assert "notification" not in doc["transfers"][0]


def test_new_document_takes_the_operator_and_review_period_from_the_workspace() -> None:
    settings = Settings.model_validate({"operator": {"name": "Nümunə MMC", "tin": ""}, "review": {"period_months": 6}})
    doc = form.new_document(settings, TODAY)
    assert doc["operator"] == {"name": "Nümunə MMC"}
    assert doc["created"] == TODAY
    assert doc["next_review"] == dt.date(2027, 5, 22)
    assert doc["status"] == "draft"


def _valid_doc() -> dict:
    return {
        "schema_version": 1,
        "id": "web",
        "title": "Web",
        "created": TODAY,
        "operator": {"name": "A"},
        "processing": {"purposes": ["p"], "subjects": ["s"], "data": ["identity", "usage"]},
        "transfers": [
            {"id": "ga", "country": "US", "start": dt.date(2027, 1, 1), "ground": "consent",
             "recipient": {"name": "G", "kind": "legal_entity"},
             "consent": {"written": True, "reference": "RF"}},
        ],
    }


def test_validate_maps_errors_to_their_fields() -> None:
    reference = load_reference(None)
    doc = _valid_doc()
    doc["title"] = ""
    doc["transfers"][0]["start"] = "2027-13-01"
    doc["transfers"][0]["country"] = "Germ"
    doc["processing"]["purposes"] = []  # work in progress: a missing finding, not an error
    check = form.validate(doc, reference, TODAY, translate=lambda key, **_: key)
    assert check.assessment is None and check.verdict == "invalid"
    fields = {form.spec_for(loc)[0].widget_id: form.spec_for(loc)[1] for loc in check.errors}
    assert fields == {
        "f-title": None,
        "t-start": 0,
        "t-country": 0,
    }
    assert check.errors[("title",)] == "error.required"
    assert form.problem_counts(check)["destinations"] == 2


def test_core_messages_next_to_a_field_keep_their_translation() -> None:
    from xborder.model.text import in_lang

    reference = load_reference(None)
    doc = _valid_doc()
    doc["transfers"][0]["country"] = "AZ"
    check = form.validate(doc, reference, TODAY, translate=lambda key, **_: key)
    message = check.errors[("transfers", 0, "country")]
    assert message == "a cross-border transfer cannot go to Azerbaijan (AZ)"  # the key is left out
    assert in_lang(message, "az") == "transsərhəd ötürmə Azərbaycana (AZ) ola bilməz"


def test_validate_refuses_a_taken_id_and_data_not_processed() -> None:
    reference = load_reference(None)
    doc = _valid_doc()
    doc["transfers"][0]["data"] = ["health"]
    check = form.validate(doc, reference, TODAY, taken_ids={"web"}, translate=lambda key, **p: f"{key}:{p}")
    assert check.errors[("id",)] == "error.id_taken:{'id': 'web'}"
    assert ("transfers", 0, "data", 0) in check.errors
    assert form.spec_for(("transfers", 0, "data", 0))[0].widget_id == "t-data"


def test_validate_evaluates_a_valid_document_with_the_rules() -> None:
    reference = load_reference(None)
    check = form.validate(_valid_doc(), reference, TODAY)
    assert check.errors == {}
    assert check.verdict == "pending"  # not notified yet, start in the future (rule 9)
    rules = {f.rule for f in check.findings()}
    assert "AZ-NOTIFY-1" in rules or any(r.startswith("AZ-INFO") for r in rules)
    counts = form.problem_counts(check)
    assert counts["destinations"] == 0  # pending is not a problem to fix


def test_duplicate_transfer_gets_a_fresh_id_and_no_notification() -> None:
    doc = _valid_doc()
    doc["transfers"][0]["notification"] = {"sent": TODAY}
    copy = form.duplicate_transfer(doc, 0)
    assert copy["id"] == "ga-2"
    assert "notification" not in copy
    assert doc["transfers"][0]["notification"] == {"sent": TODAY}


# -- a notification records what it covered (issue 15, item 2) ----------------------------
def test_with_coverage_records_a_new_notice_and_keeps_an_old_one() -> None:
    from xborder.model import Assessment

    reference = load_reference(None)
    doc = _valid_doc()
    check = form.validate(doc, reference, TODAY)
    assert check.assessment is not None
    base = check.assessment
    data = base.model_dump()
    data["transfers"][0]["notification"] = {"sent": dt.date(2026, 10, 5), "separate": True}
    notified = Assessment.model_validate(data)
    # a newly recorded notice: coverage is the transfer as it stands
    saved = form.with_coverage(notified, base)
    coverage = saved.transfers[0].notification.coverage
    assert coverage is not None and coverage.country == notified.transfers[0].country
    assert coverage.recipient == notified.transfers[0].recipient.name
    # later the country changes; the recorded coverage is kept, so the change shows
    data = saved.model_dump()
    data["transfers"][0]["country"] = "FR"
    moved = Assessment.model_validate(data)
    again = form.with_coverage(moved, saved)
    assert again.transfers[0].notification.coverage == coverage
    # an old file's notice without coverage is not filled in by saving
    assert form.with_coverage(notified, notified).transfers[0].notification.coverage is None

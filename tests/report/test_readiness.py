"""The notice's readiness check (a pure function): ready when everything is recorded,
and one gap per missing or unresolved item, naming the field that closes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from xborder.model.workspace import Settings
from xborder.rules import evaluate
from xborder.rules.readiness import notice_gaps, notice_transfers, responsible_person

from .helpers import AS_OF, ready_doc

Doc = dict[str, Any]


@pytest.fixture
def gaps(make_doc: Callable[..., Doc], make_transfer: Callable[..., Doc], reference: Any) -> Callable[..., list[Any]]:
    """gaps(change=None, settings=None, chosen=None) -> the gaps of the ready document
    after `change(doc)` has edited it."""
    from xborder.model import Assessment

    def run(change: Callable[[Doc], None] | None = None, settings: Settings | None = None, chosen: list[str] | None = None) -> list[Any]:
        doc = ready_doc(make_doc, make_transfer)
        if change is not None:
            change(doc)
        assessment = Assessment.model_validate(doc)
        ev = evaluate(assessment, reference, AS_OF)
        return notice_gaps(assessment, ev, settings or Settings(), chosen)

    return run


def codes(found: list[Any]) -> list[tuple[str, str]]:
    return [(g.code, g.rule) for g in found]


def test_ready_document_has_no_gaps(gaps: Callable[..., list[Any]]) -> None:
    assert gaps() == []


@pytest.mark.parametrize("status", ["rejected", "withdrawn"])
def test_rejected_or_withdrawn_assessment_is_not_ready(gaps: Callable[..., list[Any]], status: str) -> None:
    found = gaps(lambda d: d.update(status=status))
    assert codes(found) == [("status", "")]
    assert found[0].field == ("status",)


def test_draft_and_in_review_assessments_may_be_notified(gaps: Callable[..., list[Any]]) -> None:
    assert gaps(lambda d: d.update(status="in_review")) == []


def test_operator_address_is_required(gaps: Callable[..., list[Any]]) -> None:
    found = gaps(lambda d: d["operator"].pop("address"))
    assert codes(found) == [("address", "")]
    assert found[0].field == ("operator", "address")
    assert "operator.address" in found[0].message("en")


def test_responsible_person_is_required(gaps: Callable[..., list[Any]]) -> None:
    found = gaps(lambda d: d["operator"].pop("responsible"))
    assert codes(found) == [("responsible", "")]
    assert "məsul şəxs" in found[0].message("az")


def test_signatory_and_the_notice_of_intent_to_process_are_required(gaps: Callable[..., list[Any]]) -> None:
    """The letter is signed by the head or an authorised person (never the responsible
    person by default) and names the notice of intent to process it is separate from."""
    assert codes(gaps(lambda d: d["operator"].pop("signatory_name"))) == [("signatory", "")]
    assert codes(gaps(lambda d: d["operator"].pop("signatory_position"))) == [("signatory_position", "")]
    found = gaps(lambda d: d["operator"].pop("intent_notice_date"))
    assert codes(found) == [("intent_notice", "")]
    assert "işlənilməsi niyyəti barədə bildirişinin nömrəsi və tarixi" in found[0].message("az")


def test_signatory_and_intent_notice_from_settings_only_for_the_same_operator(gaps: Callable[..., list[Any]]) -> None:
    import datetime as dt

    keys = {"signatory_name": "Rauf", "signatory_position": "Direktor", "intent_notice_number": "1/2025"}

    def drop(d: Doc) -> None:
        for key in (*keys, "intent_notice_date"):
            d["operator"].pop(key)

    same = Settings.model_validate({"operator": {"name": "Şəki İpək ASC", **keys, "intent_notice_date": dt.date(2025, 1, 9)}})
    other = Settings.model_validate({"operator": {"name": "Other MMC", **keys, "intent_notice_date": dt.date(2025, 1, 9)}})
    assert gaps(drop, settings=same) == []
    assert codes(gaps(drop, settings=other)) == [("signatory", ""), ("intent_notice", "")]


def test_responsible_person_from_settings_only_for_the_same_operator(gaps: Callable[..., list[Any]], make_doc: Callable[..., Doc], make_transfer: Callable[..., Doc]) -> None:
    from xborder.model import Assessment

    same = Settings.model_validate({"operator": {"name": "  şəki İPƏK  asc", "responsible": "Leyla"}})
    other = Settings.model_validate({"operator": {"name": "Other MMC", "responsible": "Leyla"}})
    drop = lambda d: d["operator"].pop("responsible")  # noqa: E731
    assert gaps(drop, settings=same) == []
    assert codes(gaps(drop, settings=other)) == [("responsible", "")]
    doc = ready_doc(make_doc, make_transfer)
    drop(doc)
    assert responsible_person(Assessment.model_validate(doc), same) == "Leyla"


def test_recipient_address_is_required(gaps: Callable[..., list[Any]]) -> None:
    found = gaps(lambda d: d["transfers"][0]["recipient"].pop("address"))
    assert codes(found) == [("recipient_address", "")]
    assert found[0].field == ("transfers", 0, "recipient", "address")
    assert found[0].message("en").startswith("hosting: ")


def test_summary_of_recipient_information_is_required(gaps: Callable[..., list[Any]]) -> None:
    found = gaps(lambda d: d["transfers"][0]["recipient_info"].pop("measures"))
    assert codes(found) == [("info_summary", "")]


def test_recipient_information_not_obtained_is_a_gap(gaps: Callable[..., list[Any]]) -> None:
    found = gaps(lambda d: d["transfers"][0].pop("recipient_info"))
    assert codes(found) == [("finding", "AZ-INFO-3")]
    assert found[0].field == ("transfers", 0, "recipient_info", "obtained")
    assert "[AZ-INFO-3, Law No. 998-IIIQ (article not verified); model: i.M.S. Engineering MMC policy of 2024-05-20, clause 12.2]" in found[0].message("en")


def test_missing_ground_is_a_gap(gaps: Callable[..., list[Any]]) -> None:
    assert codes(gaps(lambda d: d["transfers"][0].pop("ground"))) == [("finding", "AZ-GROUND-1")]


def test_unsatisfied_ground_is_a_gap(gaps: Callable[..., list[Any]]) -> None:
    def change(d: Doc) -> None:
        d["transfers"][0].update(country="US")  # adequacy to a non-adequate state

    assert codes(gaps(change)) == [("finding", "AZ-ADEQ-1")]


def test_consent_not_in_writing_is_a_gap(gaps: Callable[..., list[Any]]) -> None:
    def change(d: Doc) -> None:
        d["transfers"][0].update(ground="consent", consent={"written": False, "reference": "CF-1"})

    assert codes(gaps(change)) == [("finding", "AZ-CONSENT-1")]


def test_missing_start_is_a_gap(gaps: Callable[..., list[Any]]) -> None:
    assert codes(gaps(lambda d: d["transfers"][0].pop("start"))) == [("finding", "AZ-START-1")]


def test_transfer_already_started_cannot_be_notified_beforehand(gaps: Callable[..., list[Any]]) -> None:
    found = gaps(lambda d: d["transfers"][0].update(start=dt.date(2026, 11, 1)))
    assert codes(found) == [("finding", "AZ-NOTIFY-2")]


def test_national_security_risk_is_a_gap(gaps: Callable[..., list[Any]]) -> None:
    assert codes(gaps(lambda d: d["transfers"][0].update(national_security_risk=True))) == [("finding", "AZ-SECURITY-1")]


def test_pending_notification_itself_is_not_a_gap(gaps: Callable[..., list[Any]], make_doc: Callable[..., Doc], make_transfer: Callable[..., Doc], reference: Any) -> None:
    from xborder.model import Assessment

    a = Assessment.model_validate(ready_doc(make_doc, make_transfer))
    rules = [f.rule for f in evaluate(a, reference, AS_OF).all_findings()]
    assert "AZ-NOTIFY-1" in rules
    assert gaps() == []


def test_every_transfer_already_notified(gaps: Callable[..., list[Any]]) -> None:
    notified = {"sent": dt.date(2026, 11, 10), "separate": True}
    found = gaps(lambda d: d["transfers"][0].update(notification=notified))
    assert codes(found) == [("all_notified", "")]


def test_naming_an_already_notified_transfer_is_a_gap(gaps: Callable[..., list[Any]]) -> None:
    notified = {"sent": dt.date(2026, 11, 10), "separate": True}
    found = gaps(lambda d: d["transfers"][0].update(notification=notified), chosen=["hosting"])
    assert codes(found) == [("notified", "")]
    assert "2026-11-10" in found[0].message("en")


def test_no_transfers_at_all(gaps: Callable[..., list[Any]]) -> None:
    found = gaps(lambda d: d.update(transfers=[]))
    assert ("no_transfers", "") in codes(found)


def test_default_selection_is_the_transfers_not_notified_yet(make_doc: Callable[..., Doc], make_transfer: Callable[..., Doc]) -> None:
    from xborder.model import Assessment

    doc = ready_doc(make_doc, make_transfer)
    done = make_transfer(id="old", notification={"sent": dt.date(2026, 1, 1), "separate": True})
    doc["transfers"].insert(0, done)
    a = Assessment.model_validate(doc)
    assert [t.id for t in notice_transfers(a)] == ["hosting"]
    assert [t.id for t in notice_transfers(a, ["hosting", "old"])] == ["old", "hosting"]


def test_gaps_of_other_transfers_do_not_count_when_they_are_not_notified(gaps: Callable[..., list[Any]], make_transfer: Callable[..., Doc]) -> None:
    def change(d: Doc) -> None:
        d["transfers"].append(make_transfer(id="later", ground=None, notification=None))

    assert codes(gaps(change)) == [("recipient_address", ""), ("info_summary", ""), ("finding", "AZ-GROUND-1")]
    assert gaps(change, chosen=["hosting"]) == []


# -- a transfer changed since its notice needs a new one (issue 15, item 2) -------------------
def _notified_then(country: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        transfer = doc["transfers"][0]
        transfer["country"] = country
        transfer["notification"] = {
            "sent": dt.date(2026, 11, 10),
            "reference": "2026/77",
            "separate": True,
            "coverage": {"country": "DE", "recipient": "Hetzner Online GmbH", "data": ["identity", "contact"]},
        }

    return change


def test_a_transfer_changed_since_its_notice_is_to_be_notified_again(gaps: Callable[..., list[Any]]) -> None:
    assert codes(gaps(_notified_then("FR"))) == []  # ready: the new notice is what is missing
    assert codes(gaps(_notified_then("FR"), chosen=["hosting"])) == []
    # unchanged: nothing to notify, and naming it says it was notified
    assert codes(gaps(_notified_then("DE"))) == [("all_notified", "")]
    assert codes(gaps(_notified_then("DE"), chosen=["hosting"])) == [("notified", "")]


def test_the_new_notice_names_the_notice_it_amends(make_doc: Callable[..., Doc], make_transfer: Callable[..., Doc], reference: Any) -> None:
    from xborder.model import Assessment
    from xborder.report.markdown import render
    from xborder.rulebooks.az.notice import build_notice

    doc = ready_doc(make_doc, make_transfer)
    _notified_then("FR")(doc)
    assessment = Assessment.model_validate(doc)
    assert [t.id for t in notice_transfers(assessment)] == ["hosting"]
    ev = evaluate(assessment, reference, AS_OF)
    for lang, words in (
        ("en", "amends the operator's notice No. 2026/77 of 2026-11-10"),
        ("az", "10.11.2026 tarixli № 2026/77 bildirişinə dəyişiklik edir"),
    ):
        text = render(build_notice(assessment, ev, Settings(), reference, "0" * 64, lang, notice_transfers(assessment)))
        text = text.replace("\\", "")  # markdown escapes
        assert words in text, text[:2000]

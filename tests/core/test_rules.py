"""The "az" rulebook, rule by rule, on both sides of each line (FORMAT.md, "The rules of
the az rulebook"). Every test starts from a transfer that is permitted with no finding at
all and changes one thing, so each assertion names exactly what that one change causes."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from xborder.model import Assessment
from xborder.rules import evaluate

AS_OF = dt.date(2026, 11, 22)
D = dt.date.fromisoformat


def rules_of(evaluation, index: int = 0) -> set[str]:
    return {f.rule for f in evaluation.transfers[index].findings}


@pytest.fixture
def judge(build, make_transfer, reference):
    """judge(as_of=AS_OF, **transfer changes) -> (transfer verdict, set of rule ids)."""

    def _judge(as_of: dt.date = AS_OF, **changes):
        evaluation = evaluate(build(make_transfer(**changes)), reference, as_of)
        result = evaluation.transfers[0]
        return result.verdict, {f.rule for f in result.findings}

    return _judge


# -- the baseline -------------------------------------------------------------------------
def test_baseline_transfer_is_permitted_with_no_finding(build, reference):
    evaluation = evaluate(build(), reference, AS_OF)
    assert evaluation.verdict == "permitted"
    assert evaluation.findings == ()
    assert evaluation.transfers[0].findings == ()
    assert evaluation.transfers[0].adequate is True


# -- rule 1: ground -------------------------------------------------------------------------
def test_rule1_no_ground_is_missing(judge):
    assert judge(ground=None) == ("incomplete", {"AZ-GROUND-1"})


@pytest.mark.parametrize("ground", ["adequacy", "consent", "contract"])
def test_rule1_any_ground_satisfies_it(judge, ground):
    changes = {
        "consent": {"written": True, "reference": "Form CF-1"},
        "contract": {"subject_is_party": True, "reference": "Offer §4"},
    }
    _, rules = judge(ground=ground, **changes)
    assert "AZ-GROUND-1" not in rules
    assert rules == set()


# -- rule 2: adequacy -----------------------------------------------------------------------
def test_rule2_adequacy_to_listed_country_passes(judge):
    assert judge(country="DE", ground="adequacy") == ("permitted", set())


def test_rule2_adequacy_to_unlisted_country_is_blocker(judge):
    assert judge(country="US", ground="adequacy") == ("blocked", {"AZ-ADEQ-1"})


def test_rule2_override_makes_unlisted_country_adequate(judge):
    verdict, rules = judge(
        country="US", adequacy={"adequate": True, "reason": "Authority letter 2026/77"}
    )
    assert (verdict, rules) == ("permitted", set())


def test_rule2_override_makes_listed_country_not_adequate(judge):
    verdict, rules = judge(country="DE", adequacy={"adequate": False, "reason": "Letter 2026/78"})
    assert (verdict, rules) == ("blocked", {"AZ-ADEQ-1"})


@pytest.mark.parametrize(
    ("ground", "table"),
    [
        ("consent", {"consent": {"written": True, "reference": "Form CF-1"}}),
        ("contract", {"contract": {"subject_is_party": True, "reference": "Offer §4"}}),
    ],
)
def test_rule2_other_grounds_do_not_need_adequacy(judge, ground, table):
    assert judge(country="US", ground=ground, **table) == ("permitted", set())


def test_rule2_reports_the_source_of_the_adequacy_decision(build, make_transfer, reference):
    evaluation = evaluate(build(make_transfer(country="US")), reference, AS_OF)
    (finding,) = evaluation.transfers[0].findings
    assert "not on the list" in finding.message("en")
    assert "siyahıda yoxdur" in finding.message("az")
    assert reference.adequacy_version in finding.message("en")
    assert evaluation.transfers[0].adequacy.overridden is False


# -- rule 3: consent ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("consent", "verdict", "rules"),
    [
        ({"written": True, "reference": "Form CF-1"}, "permitted", set()),
        ({"written": False, "reference": "Form CF-1"}, "blocked", {"AZ-CONSENT-1"}),
        ({"reference": "Form CF-1"}, "incomplete", {"AZ-CONSENT-2"}),
        ({"written": True}, "incomplete", {"AZ-CONSENT-3"}),
        ({"written": True, "reference": "   "}, "incomplete", {"AZ-CONSENT-3"}),
        ({"written": False}, "blocked", {"AZ-CONSENT-1", "AZ-CONSENT-3"}),
        (None, "incomplete", {"AZ-CONSENT-2", "AZ-CONSENT-3"}),
    ],
    ids=["written", "not-written", "written-absent", "no-reference", "blank-reference",
         "not-written-no-reference", "no-consent-table"],
)
def test_rule3_consent(judge, consent, verdict, rules):
    assert judge(country="US", ground="consent", consent=consent) == (verdict, rules)


def test_rule3_ignores_consent_table_under_another_ground(judge):
    assert judge(ground="adequacy", consent={"written": False}) == ("permitted", set())


# -- rule 4: contract -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("contract", "verdict", "rules"),
    [
        ({"subject_is_party": True, "reference": "Offer §4"}, "permitted", set()),
        ({"subject_is_party": False, "reference": "Offer §4"}, "blocked", {"AZ-CONTRACT-1"}),
        ({"reference": "Offer §4"}, "incomplete", {"AZ-CONTRACT-2"}),
        ({"subject_is_party": True}, "incomplete", {"AZ-CONTRACT-3"}),
        (None, "incomplete", {"AZ-CONTRACT-2", "AZ-CONTRACT-3"}),
    ],
    ids=["party", "not-party", "party-absent", "no-reference", "no-contract-table"],
)
def test_rule4_contract(judge, contract, verdict, rules):
    assert judge(country="US", ground="contract", contract=contract) == (verdict, rules)


def test_rule4_ignores_contract_table_under_another_ground(judge):
    assert judge(ground="adequacy", contract={"subject_is_party": False}) == ("permitted", set())


# -- rule 5: national security ----------------------------------------------------------------
def test_rule5_national_security_risk_is_blocker(judge):
    assert judge(national_security_risk=True) == ("blocked", {"AZ-SECURITY-1"})


def test_rule5_no_risk_passes(judge):
    assert judge(national_security_risk=False) == ("permitted", set())


# -- rule 6: start ----------------------------------------------------------------------------
def test_rule6_no_start_is_missing(judge):
    assert judge(start=None) == ("incomplete", {"AZ-START-1"})


def test_rule6_no_start_and_not_notified_is_missing_and_pending(judge):
    # Without a start neither rule 8 nor rule 9 can place the notice in time.
    verdict, rules = judge(start=None, notification=None, recipient_info=None)
    assert (verdict, rules) == ("incomplete", {"AZ-START-1", "AZ-INFO-3"})


# -- rule 7: recipient information (12.2) ------------------------------------------------------
@pytest.mark.parametrize(
    ("obtained", "verdict", "rules"),
    [
        (D("2026-10-04"), "permitted", set()),
        (D("2026-10-05"), "permitted", set()),  # the same day as the notice: on time
        (D("2026-10-06"), "blocked", {"AZ-INFO-1"}),  # one day after the notice
    ],
    ids=["day-before", "same-day", "day-after"],
)
def test_rule7_information_obtained_on_or_before_the_notice(judge, obtained, verdict, rules):
    assert judge(recipient_info={"obtained": obtained}) == (verdict, rules)


@pytest.mark.parametrize("info", [None, {"measures": "ISO 27001"}], ids=["no-table", "no-date"])
def test_rule7_notice_sent_without_information_is_blocker(judge, info):
    assert judge(recipient_info=info) == ("blocked", {"AZ-INFO-2"})


def test_rule7_neither_yet_is_pending(judge):
    verdict, rules = judge(recipient_info=None, notification=None)
    assert (verdict, rules) == ("pending", {"AZ-INFO-3", "AZ-NOTIFY-1"})


def test_rule7_neither_yet_defers_to_rule9_once_started(judge):
    verdict, rules = judge(recipient_info=None, notification=None, start=AS_OF)
    assert (verdict, rules) == ("blocked", {"AZ-NOTIFY-2"})


def test_rule7_information_obtained_but_not_notified_is_only_rule9(judge):
    assert judge(notification=None) == ("pending", {"AZ-NOTIFY-1"})


def test_rule7_messages_name_both_dates(build, make_transfer, reference):
    transfer = make_transfer(recipient_info={"obtained": D("2026-10-06")})
    (finding,) = evaluate(build(transfer), reference, AS_OF).transfers[0].findings
    assert "2026-10-06" in finding.message("en") and "2026-10-05" in finding.message("en")
    assert finding.field == ("transfers", 0, "recipient_info", "obtained")


# -- rule 8: the notification (12.1) -------------------------------------------------------------
@pytest.mark.parametrize(
    ("sent", "verdict", "rules"),
    [
        (D("2026-12-31"), "permitted", set()),  # the day before the start
        (D("2027-01-01"), "blocked", {"AZ-NOTIFY-3"}),  # the same day: not strictly before
        (D("2027-01-02"), "blocked", {"AZ-NOTIFY-3"}),
    ],
    ids=["day-before-start", "start-day", "after-start"],
)
def test_rule8_notice_strictly_before_start(judge, sent, verdict, rules):
    changes = {
        "start": D("2027-01-01"),
        "recipient_info": {"obtained": D("2026-10-01")},
        "notification": {"sent": sent, "separate": True},
    }
    # judged after all these dates (a notice dated after as-of also draws AZ-ADV-FUTURE-1)
    assert judge(as_of=D("2027-06-01"), **changes) == (verdict, rules)


def test_rule8_not_separate_is_blocker(judge):
    notification = {"sent": D("2026-10-05"), "separate": False}
    assert judge(notification=notification) == ("blocked", {"AZ-NOTIFY-4"})


def test_rule8_not_separate_is_blocker_even_before_sending(judge):
    """FORMAT.md: `separate = false` -> blocker, whether or not the notice is sent yet."""
    verdict, rules = judge(notification={"separate": False, "reference": "draft"})
    assert (verdict, rules) == ("blocked", {"AZ-NOTIFY-1", "AZ-NOTIFY-4"})


def test_rule8_separate_absent_while_sent_is_missing(judge):
    notification = {"sent": D("2026-10-05"), "reference": "2026/1"}
    assert judge(notification=notification) == ("incomplete", {"AZ-NOTIFY-5"})


def test_rule8_separate_absent_before_sending_is_not_asked_yet(judge):
    verdict, rules = judge(notification={"reference": "draft"})
    assert "AZ-NOTIFY-5" not in rules
    assert (verdict, rules) == ("pending", {"AZ-NOTIFY-1"})


def test_rule8_sent_with_no_start_cannot_be_late(judge):
    assert judge(start=None) == ("incomplete", {"AZ-START-1"})


# -- rule 9: not yet notified ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "verdict", "rules"),
    [
        (AS_OF - dt.timedelta(days=1), "blocked", {"AZ-NOTIFY-2"}),
        (AS_OF, "blocked", {"AZ-NOTIFY-2"}),  # starts today without notice: began unnotified
        (AS_OF + dt.timedelta(days=1), "pending", {"AZ-NOTIFY-1"}),
    ],
    ids=["started-yesterday", "starts-on-as-of", "starts-tomorrow"],
)
def test_rule9_as_of_boundary(judge, start, verdict, rules):
    assert judge(start=start, notification=None) == (verdict, rules)


def test_rule9_the_as_of_date_decides_not_the_clock(judge):
    start = D("2027-01-01")
    assert judge(start=start, notification=None, as_of=D("2026-12-31"))[0] == "pending"
    assert judge(start=start, notification=None, as_of=D("2027-01-01"))[0] == "blocked"


def test_rule9_empty_notification_table_counts_as_not_sent(judge):
    verdict, rules = judge(notification={"reference": "draft"}, start=AS_OF)
    assert (verdict, rules) == ("blocked", {"AZ-NOTIFY-2"})


# -- verdicts ----------------------------------------------------------------------------------
def test_blocker_outranks_missing_and_pending(judge):
    verdict, rules = judge(ground=None, national_security_risk=True, notification=None)
    assert rules == {"AZ-GROUND-1", "AZ-SECURITY-1", "AZ-NOTIFY-1"}
    assert verdict == "blocked"


def test_missing_outranks_pending(judge):
    verdict, rules = judge(ground=None, notification=None)
    assert (verdict, rules) == ("incomplete", {"AZ-GROUND-1", "AZ-NOTIFY-1"})


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        (["permitted", "permitted"], "permitted"),
        (["permitted", "pending"], "pending"),
        (["pending", "incomplete", "permitted"], "incomplete"),
        (["permitted", "blocked", "incomplete"], "blocked"),
    ],
)
def test_assessment_verdict_is_the_worst_transfer(build, make_transfer, reference, verdicts, expected):
    makers = {
        "permitted": {},
        "pending": {"notification": None},
        "incomplete": {"ground": None},
        "blocked": {"national_security_risk": True},
    }
    transfers = [make_transfer(id=f"t{i}", **makers[v]) for i, v in enumerate(verdicts)]
    evaluation = evaluate(build(*transfers), reference, AS_OF)
    assert [t.verdict for t in evaluation.transfers] == verdicts
    assert evaluation.verdict == expected
    reordered = evaluate(build(*reversed(transfers)), reference, AS_OF)
    assert reordered.verdict == expected


def test_assessment_without_transfers_is_incomplete(build, reference):
    assessment = Assessment.model_validate({**build().model_dump(), "transfers": []})
    evaluation = evaluate(assessment, reference, AS_OF)
    assert evaluation.verdict == "incomplete"
    assert [f.rule for f in evaluation.findings] == ["AZ-NONE-1"]
    assert evaluation.findings[0].severity == "missing"


# -- advice never changes a verdict ---------------------------------------------------------------
def test_advice_special_categories(build, make_transfer, make_doc, reference):
    doc = make_doc(make_transfer())
    doc["processing"]["special"] = ["health"]
    doc["transfers"][0]["notification"]["coverage"]["data"].append("health")
    evaluation = evaluate(Assessment.model_validate(doc), reference, AS_OF)
    assert rules_of(evaluation) == {"AZ-ADV-SPECIAL"}
    assert evaluation.verdict == "permitted"
    assert "Health" in evaluation.transfers[0].findings[0].message("en")
    # The same special category not sent to this recipient: no advice.
    doc["transfers"][0]["data"] = ["identity"]
    assert rules_of(evaluate(Assessment.model_validate(doc), reference, AS_OF)) == set()


@pytest.mark.parametrize(
    ("recipient", "advised"),
    [
        ({"name": "P", "kind": "legal_entity", "role": "processor"}, True),
        ({"name": "P", "kind": "legal_entity", "role": "processor", "agreement": "DPA 2026"}, False),
        ({"name": "P", "kind": "legal_entity", "role": "controller"}, False),
    ],
    ids=["processor-without-contract", "processor-with-contract", "controller"],
)
def test_advice_processor_contract(judge, recipient, advised):
    verdict, rules = judge(recipient=recipient)
    assert verdict == "permitted"
    assert rules == ({"AZ-ADV-PROCESSOR"} if advised else set())


def test_advice_unverified_adequacy_entry(build, make_transfer, reference):
    unverified = sorted(
        code
        for code, entry in reference.adequacy.countries.items()
        if entry.adequate and not entry.verified and code != "AZ"
    )
    assert unverified, "the shipped list marks some entries unverified"
    evaluation = evaluate(build(make_transfer(country=unverified[0])), reference, AS_OF)
    assert rules_of(evaluation) == {"AZ-ADV-UNVERIFIED"}
    assert evaluation.verdict == "permitted"
    # An override with a reason is a verified decision: no doubt shown.
    overridden = make_transfer(country=unverified[0], adequacy={"adequate": True, "reason": "Letter"})
    assert rules_of(evaluate(build(overridden), reference, AS_OF)) == set()


@pytest.mark.parametrize(
    ("processing", "advised"),
    [
        ({"primary_storage": "DE"}, True),
        ({"primary_storage": "DE", "az_citizens": False}, False),
        ({"primary_storage": "AZ"}, False),
        ({}, False),
    ],
)
def test_advice_primary_storage_abroad(make_doc, reference, processing, advised):
    doc = make_doc()
    doc["processing"].update(processing)
    evaluation = evaluate(Assessment.model_validate(doc), reference, AS_OF)
    assert [f.rule for f in evaluation.findings] == (["AZ-ADV-STORAGE"] if advised else [])
    assert evaluation.verdict == "permitted"


@pytest.mark.parametrize(
    ("next_review", "status", "advised"),
    [
        (AS_OF - dt.timedelta(days=1), "approved", True),
        (AS_OF, "approved", False),  # due today: not yet overdue
        (AS_OF - dt.timedelta(days=1), "withdrawn", False),
        (AS_OF - dt.timedelta(days=1), "rejected", False),
    ],
)
def test_advice_review_overdue(build, reference, next_review, status, advised):
    evaluation = evaluate(build(next_review=next_review, status=status), reference, AS_OF)
    assert [f.rule for f in evaluation.findings] == (["AZ-ADV-REVIEW"] if advised else [])
    assert evaluation.verdict == "permitted"


def test_advice_approved_but_not_permitted(build, make_transfer, reference):
    evaluation = evaluate(build(make_transfer(ground=None), status="approved"), reference, AS_OF)
    assert [f.rule for f in evaluation.findings] == ["AZ-ADV-APPROVED"]
    assert evaluation.verdict == "incomplete"
    assert evaluate(build(status="approved"), reference, AS_OF).findings == ()


@pytest.mark.parametrize(
    ("as_of", "advised"),
    [
        # both dates after as-of: neither has happened, the transfer waits for both
        (D("2026-09-30"), ("pending", {"AZ-ADV-FUTURE-1", "AZ-ADV-FUTURE-2", "AZ-INFO-3", "AZ-NOTIFY-1"})),
        # obtained on the as-of day: a fact; the notice is not yet one
        (D("2026-10-01"), ("pending", {"AZ-ADV-FUTURE-1", "AZ-NOTIFY-1"})),
        (D("2026-10-04"), ("pending", {"AZ-ADV-FUTURE-1", "AZ-NOTIFY-1"})),
        (D("2026-10-05"), ("permitted", set())),  # sent exactly on the as-of day: done
    ],
)
def test_advice_dates_after_the_as_of_date(judge, as_of, advised):
    """The baseline: obtained 2026-10-01, sent 2026-10-05, start 2027-01-01. A date after
    the as-of day is not yet a fact (FORMAT.md amendments)."""
    assert judge(as_of=as_of) == advised


def test_advice_future_date_message_names_both_dates(build, reference):
    evaluation = evaluate(build(), reference, D("2026-10-03"))
    (finding,) = [f for f in evaluation.transfers[0].findings if f.rule == "AZ-ADV-FUTURE-1"]
    assert "2026-10-05" in finding.message("en") and "2026-10-03" in finding.message("en")
    assert finding.field == ("transfers", 0, "notification", "sent")


def test_advice_adequacy_list_changed_since_approval(build, make_transfer, reference):
    approval = {
        "reviewer": "L. M.",
        "date": D("2026-01-10"),
        "adequacy_version": "old-list",
        "verdicts": {"t1": "blocked"},
    }
    evaluation = evaluate(build(approval=approval), reference, AS_OF)
    assert rules_of(evaluation) == {"AZ-ADV-LISTCHANGE"}
    assert evaluation.verdict == "permitted"
    same_list = {**approval, "adequacy_version": reference.adequacy_version}
    assert rules_of(evaluate(build(approval=same_list), reference, AS_OF)) == set()
    same_verdict = {**approval, "verdicts": {"t1": "permitted"}}
    assert rules_of(evaluate(build(approval=same_verdict), reference, AS_OF)) == set()


# -- what every finding carries ----------------------------------------------------------------
FORMAT_SEVERITIES = {
    "AZ-GROUND-1": "missing",
    "AZ-ADEQ-1": "blocker",
    "AZ-CONSENT-1": "blocker",
    "AZ-CONSENT-2": "missing",
    "AZ-CONSENT-3": "missing",
    "AZ-CONTRACT-1": "blocker",
    "AZ-CONTRACT-2": "missing",
    "AZ-CONTRACT-3": "missing",
    "AZ-SECURITY-1": "blocker",
    "AZ-START-1": "missing",
    "AZ-INFO-1": "blocker",
    "AZ-INFO-2": "blocker",
    "AZ-INFO-3": "pending",
    "AZ-NOTIFY-1": "pending",
    "AZ-NOTIFY-2": "blocker",
    "AZ-NOTIFY-3": "blocker",
    "AZ-NOTIFY-4": "blocker",
    "AZ-NOTIFY-5": "missing",
}
"""FORMAT.md's rules 1-9 as the rulebook's ids: the severity each must have."""


def test_rulebook_severities_follow_format(reference):
    actual = {rule: reference.rule(rule).severity for rule in FORMAT_SEVERITIES}
    assert actual == FORMAT_SEVERITIES
    advice = {r for r in reference.rulebook.rules if r.startswith("AZ-ADV-")}
    assert advice and all(reference.rule(r).severity == "advice" for r in advice)


def _every_finding(build, make_transfer, reference):
    """One assessment whose transfers between them raise every transfer rule."""
    transfers = [
        make_transfer(id="a", ground=None, start=None),
        make_transfer(id="b", country="US"),
        make_transfer(id="c", country="US", ground="consent", consent={"written": False}),
        make_transfer(id="d", country="US", ground="consent", consent=None),
        make_transfer(id="e", country="US", ground="contract", contract={"subject_is_party": False}),
        make_transfer(id="f", country="US", ground="contract", contract=None),
        make_transfer(id="g", national_security_risk=True),
        make_transfer(id="h", recipient_info={"obtained": D("2026-10-06")}),
        make_transfer(id="i", recipient_info=None),
        make_transfer(id="j", recipient_info=None, notification=None),
        make_transfer(id="k", notification=None, start=AS_OF),
        make_transfer(id="l", start=D("2026-10-05"), notification={"sent": D("2026-10-05"), "separate": False}),
        make_transfer(id="m", notification={"sent": D("2026-10-05")}),
    ]
    return evaluate(build(*transfers), reference, AS_OF)


def test_every_rule_is_reachable_and_cites_its_clause(build, make_transfer, reference):
    evaluation = _every_finding(build, make_transfer, reference)
    findings = evaluation.all_findings()
    assert {f.rule for f in findings} >= set(FORMAT_SEVERITIES)
    for finding in findings:
        assert finding.severity == reference.rule(finding.rule).severity
        for lang in ("az", "en", "ru"):
            message = finding.message(lang)
            assert message and not re.search(r"\{\w+\}", message), (finding.rule, lang, message)
            assert finding.title(lang)
        # without a policy profile, a citation names the law and each model policy,
        # never a bare clause number that would read as the operator's own
        text = reference.rule(finding.rule)
        citation = finding.citation("en")
        assert citation and not citation.startswith("clause"), (finding.rule, citation)
        for source in text.model:
            assert f"{reference.policies[source.policy].company} " in citation
            assert f"clause {source.clause}" in citation
        kinds = [item.kind for item in finding.basis()]
        assert kinds == ["law"] * text.law + ["model"] * len(text.model)
        for item in finding.basis():
            if item.kind == "law":  # the article of Law No. 998-IIIQ was not read
                assert (item.clause, item.verified) == (None, False)


def test_every_finding_points_at_a_field_of_its_transfer(build, make_transfer, reference):
    evaluation = _every_finding(build, make_transfer, reference)
    for index, result in enumerate(evaluation.transfers):
        for finding in result.findings:
            assert finding.transfer == result.id
            assert finding.field[:2] == ("transfers", index)
            assert len(finding.field) >= 3


def test_messages_render_country_names_per_language(build, make_transfer, reference):
    evaluation = evaluate(build(make_transfer(country="US")), reference, AS_OF)
    (finding,) = evaluation.transfers[0].findings
    assert "United States (US)" in finding.message("en")
    az_name = reference.country_name("US", "az")
    assert az_name != "United States"
    assert f"{az_name} (US)" in finding.message("az")
    assert finding.citation("az") == (
        "998-IIIQ nömrəli Qanun (maddə yoxlanılmayıb); "
        "nümunə: Pro BPM Consalt MMC fərdi məlumatların işlənilməsi siyasəti, bənd 7.1–7.2; "
        "nümunə: Alqoritmika MMC fərdi məlumatların işlənilməsi siyasəti, bənd 7.1–7.2"
    )


def test_evaluate_is_pure_and_repeatable(build, make_transfer, reference):
    assessment = build(make_transfer(ground=None), make_transfer(id="t2", country="US"))
    before = assessment.model_dump()
    first = evaluate(assessment, reference, AS_OF)
    second = evaluate(assessment, reference, AS_OF)
    assert assessment.model_dump() == before
    assert first == second
    assert first.rulebook_version == reference.rulebook.meta.version
    assert first.adequacy_version == reference.adequacy_version

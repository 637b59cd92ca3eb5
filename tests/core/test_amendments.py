"""FORMAT.md "Amendments to contract v1" (issue 15): a check sees the facts of its day; a
notification covers what it was sent for; work in progress is saved; the authority's
requests for information. Both sides of every line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from xborder.cli.main import main
from xborder.lifecycle import due_items
from xborder.model import Assessment
from xborder.rules import evaluate, load_reference

D = dt.date.fromisoformat
AS_OF = D("2026-11-22")


@pytest.fixture
def xborder(capsys, monkeypatch):
    def _run(*args: str, cwd: Path) -> tuple[int, str, str]:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        status = main(list(args))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return _run


def _notified(country: str = "IE", recipient: str = "WhatsApp Ireland Limited", data=("identity", "contact"), **more):
    return {
        "sent": D("2026-02-20"),
        "reference": "2026/0412",
        "separate": True,
        "coverage": {"country": country, "recipient": recipient, "data": list(data)},
        **more,
    }


def _chats(make_transfer, **changes):
    base = {
        "id": "whatsapp",
        "country": "IE",
        "start": D("2026-03-01"),
        "recipient": {"name": "WhatsApp Ireland Limited", "kind": "legal_entity"},
        "recipient_info": {"obtained": D("2026-02-01")},
        "notification": _notified(),
    }
    base.update(changes)
    return make_transfer(**base)


# -- a notification covers what it was sent for ------------------------------------------------
def test_the_issue_scenario_country_and_ground_changed_after_notification(build, make_transfer, reference):
    """ims-support-chats: notified for WhatsApp Ireland, then moved to China on consent."""
    changed = _chats(
        make_transfer,
        country="CN",
        ground="consent",
        consent={"written": True, "reference": "Chat consent v3"},
    )
    evaluation = evaluate(build(changed), reference, AS_OF)
    result = evaluation.transfers[0]
    assert result.verdict == "blocked"
    (finding,) = [f for f in result.findings if f.rule == "AZ-NOTIFY-7"]
    message = finding.message("en")
    assert "Ireland (IE) → China (CN)" in message
    assert "2026-02-20 (No. 2026/0412)" in message
    assert "new notice" in message
    az = finding.message("az")
    assert "İrlandiya (IE) → Çin (CN)" in az and "yeni bildiriş" in az and "alan tərəf" in az
    assert "AZ-ADV-COVERAGE" not in {f.rule for f in result.findings}
    # The same transfer unchanged: permitted (the other side of the line).
    same = _chats(make_transfer, ground="adequacy")
    assert evaluate(build(same), reference, AS_OF).transfers[0].verdict == "permitted"


def test_a_changed_transfer_not_yet_started_waits_for_a_new_notice(build, make_transfer, reference):
    changed = _chats(make_transfer, country="FR", start=D("2027-01-10"))
    result = evaluate(build(changed), reference, AS_OF).transfers[0]
    assert result.verdict == "pending"
    assert {f.rule for f in result.findings} == {"AZ-NOTIFY-6"}


def test_a_change_of_only_the_data_categories(build, make_transfer, reference):
    # the notice covered identity only; contact is sent too now
    changed = _chats(make_transfer, start=D("2027-01-10"), notification=_notified(data=("identity",)))
    result = evaluate(build(changed), reference, AS_OF).transfers[0]
    assert result.verdict == "pending"
    (finding,) = result.findings
    assert finding.rule == "AZ-NOTIFY-6"
    contact = reference.data_label("contact", "en")
    assert f"data not covered by the notice: {contact}" in finding.message("en")
    # sending fewer categories than notified is not a change
    fewer = _chats(make_transfer, data=["identity"])
    assert evaluate(build(fewer), reference, AS_OF).transfers[0].verdict == "permitted"


@pytest.mark.parametrize(
    ("name", "changed"),
    [
        ("WhatsApp Ireland Limited", False),
        ("  whatsapp ireland   LIMITED ", False),  # case and spaces: the same recipient
        ("Meta Platforms Ireland Limited", True),  # renamed: not what was notified
    ],
)
def test_a_recipient_renamed(build, make_transfer, reference, name, changed):
    transfer = _chats(make_transfer, recipient={"name": name, "kind": "legal_entity"})
    result = evaluate(build(transfer), reference, AS_OF).transfers[0]
    assert (result.verdict == "blocked") is changed
    assert ("AZ-NOTIFY-7" in {f.rule for f in result.findings}) is changed


def test_old_files_without_coverage_are_taken_to_cover_the_transfer(build, make_transfer, reference):
    notification = {"sent": D("2026-02-20"), "separate": True, "coverage": None}
    transfer = _chats(
        make_transfer,
        country="CN",
        ground="consent",
        consent={"written": True, "reference": "Chat consent v3"},
        notification=notification,
    )
    result = evaluate(build(transfer), reference, AS_OF).transfers[0]
    assert {f.rule for f in result.findings} == {"AZ-ADV-COVERAGE"}
    assert result.verdict == "permitted"  # advice never changes a verdict


def test_the_deadline_of_a_new_notice(build, make_transfer):
    changed = _chats(make_transfer, country="FR", start=D("2027-01-10"))
    assessment = build(changed)
    (item,) = [i for i in due_items(assessment, None, AS_OF, 60) if i.kind == "notification"]
    assert item.date == D("2027-01-09") and not item.overdue


# -- a check sees the facts of its day ---------------------------------------------------------
@pytest.mark.parametrize(
    ("as_of", "verdict"),
    [
        (D("2026-10-04"), "pending"),  # the day before the notice: not yet a fact
        (D("2026-10-05"), "permitted"),  # a notice dated exactly on the as-of day counts
    ],
)
def test_a_notice_dated_on_the_as_of_day(judge_on, as_of, verdict):
    assert judge_on(as_of) == verdict


@pytest.fixture
def judge_on(build, reference):
    def _judge(as_of):
        return evaluate(build(), reference, as_of).transfers[0].verdict

    return _judge


def test_the_issue_as_of_example_a_notice_of_october_counted_in_september(build, make_transfer, reference):
    transfer = make_transfer(
        start=D("2026-12-01"), recipient_info={"obtained": D("2026-08-01")}, notification={"sent": D("2026-10-05"), "separate": True}
    )
    result = evaluate(build(transfer), reference, D("2026-09-01")).transfers[0]
    assert result.verdict == "pending"
    assert {"AZ-NOTIFY-1", "AZ-ADV-FUTURE-1"} <= {f.rule for f in result.findings}


def test_a_future_approval_has_not_happened(build, make_transfer, reference):
    approval = {"reviewer": "Anar", "date": D("2026-12-01"), "decision": "approved"}
    pending = make_transfer(notification=None)
    before = evaluate(build(pending, status="approved", approval=approval), reference, AS_OF)
    assert "AZ-ADV-APPROVED" not in {f.rule for f in before.findings}
    after = evaluate(build(pending, status="approved", approval=approval), reference, D("2026-12-02"))
    assert "AZ-ADV-APPROVED" in {f.rule for f in after.findings}


@pytest.mark.parametrize(
    ("start", "as_of", "verdict", "rule"),
    [
        (D("2019-01-15"), D("2019-01-01"), "blocked", "AZ-ADEQ-2"),  # starts before entry into force
        (D("2019-06-01"), D("2019-01-01"), "pending", None),  # starts on the day it enters into force
        (D("2019-01-15"), D("2026-11-22"), "blocked", "AZ-ADEQ-2"),  # started before: still not adequate then
        (D("2019-07-01"), D("2026-11-22"), "blocked", "AZ-NOTIFY-2"),  # adequate; not notified
    ],
)
def test_adequacy_on_the_start_date_and_entry_into_force(build, make_transfer, reference, start, as_of, verdict, rule):
    """Argentina: Convention 108 in force for it from 2019-06-01 (FORMAT.md's example)."""
    transfer = make_transfer(country="AR", start=start, notification=None, recipient_info=None)
    result = evaluate(build(transfer), reference, as_of).transfers[0]
    assert result.verdict == verdict
    rules = {f.rule for f in result.findings}
    if rule:
        assert rule in rules
    assert ("AZ-ADEQ-2" in rules) is (rule == "AZ-ADEQ-2")
    if rule == "AZ-ADEQ-2":
        (finding,) = [f for f in result.findings if f.rule == "AZ-ADEQ-2"]
        assert "2019-06-01" in finding.message("en") and start.isoformat() in finding.message("en")
        assert result.adequate is False


def _override(workspace: Path, text: str) -> None:
    (workspace / "data" / "adequacy.toml").write_text(text, encoding="utf-8")


OVERRIDE = """
[meta]
version = "our-list-2026"
as_of = 2026-11-01
source = "Letter of the authority 2026/77"

[countries.US]
adequate = true
basis = "authority letter"
in_force = 2030-01-01
"""


def test_an_override_entry_counts_from_its_in_force_date(xborder, workspace, make_doc, make_transfer, write):
    write(workspace, make_doc(make_transfer(country="US")))
    _override(workspace, OVERRIDE)
    status, out, _ = xborder("check", "--format", "json", "--as-of", "2026-11-22", cwd=workspace)
    report = json.loads(out)
    transfer = report["assessments"][0]["transfers"][0]
    assert (status, transfer["verdict"], transfer["adequate"]) == (1, "blocked", False)
    assert [f["rule"] for f in transfer["findings"]] == ["AZ-ADEQ-2"]
    # the list actually used, the override's own version and source named
    assert report["adequacy"]["version"] == "our-list-2026"
    assert report["adequacy"]["override"] == {
        "file": "data/adequacy.toml",
        "version": "our-list-2026",
        "source": "Letter of the authority 2026/77",
    }
    # a transfer starting after the entry into force, judged then: adequate
    write(workspace, make_doc(make_transfer(country="US", start=D("2030-02-01"))))
    status, out, _ = xborder("check", "--format", "json", "--as-of", "2026-11-22", cwd=workspace)
    transfer = json.loads(out)["assessments"][0]["transfers"][0]
    assert (status, transfer["verdict"], transfer["adequate"]) == (0, "permitted", True)


def test_the_json_names_the_shipped_list_without_override(xborder, workspace, make_doc, write):
    write(workspace, make_doc())
    _, out, _ = xborder("check", "--format", "json", "--as-of", "2026-11-22", cwd=workspace)
    adequacy = json.loads(out)["adequacy"]
    assert adequacy["override"] is None
    assert adequacy["version"] == load_reference(None).adequacy_version
    assert "Convention 108" in adequacy["source"] or "108" in adequacy["title"]


# -- work in progress is saved, never refused ------------------------------------------------------
def test_work_in_progress_is_incomplete_and_check_exits_by_the_contract(xborder, workspace, make_doc, make_transfer, write):
    doc = make_doc(make_transfer(data=[]))
    doc["processing"]["purposes"] = []
    doc["processing"]["subjects"] = []
    write(workspace, doc)
    status, out, _ = xborder("check", "--format", "json", "--as-of", "2026-11-22", cwd=workspace)
    entry = json.loads(out)["assessments"][0]
    assert status == 0  # incomplete: not blocked, not invalid
    assert entry["verdict"] == "incomplete"
    assert {f["rule"] for f in entry["findings"]} == {"AZ-PROC-1", "AZ-PROC-2"}
    assert "AZ-DATA-1" in {f["rule"] for f in entry["transfers"][0]["findings"]}


def test_no_data_processed_and_no_transfers(build, reference):
    doc = build().model_dump()
    doc["processing"]["data"] = []
    doc["transfers"] = []
    evaluation = evaluate(Assessment.model_validate(doc), reference, AS_OF)
    assert evaluation.verdict == "incomplete"
    assert {f.rule for f in evaluation.findings} == {"AZ-NONE-1", "AZ-PROC-3"}


# -- the authority's request for information (001 §6.2) --------------------------------------------
@pytest.mark.parametrize(
    ("as_of", "answered", "rule", "verdict"),
    [
        (D("2026-11-09"), None, None, "permitted"),  # not received yet on that day
        (D("2026-11-10"), None, "AZ-REQUEST-1", "pending"),
        (D("2026-12-10"), None, "AZ-REQUEST-1", "pending"),  # the 30th day: still in time
        (D("2026-12-11"), None, "AZ-REQUEST-2", "blocked"),  # overdue
        (D("2026-12-11"), D("2026-12-01"), None, "permitted"),  # answered: closed
        (D("2026-11-30"), D("2026-12-01"), "AZ-REQUEST-1", "pending"),  # the answer is not yet a fact
    ],
)
def test_authority_request(build, make_transfer, reference, as_of, answered, rule, verdict):
    request = {"received": D("2026-11-10"), "reference": "ETX-2026/55", "asked": "The DPA with the recipient"}
    if answered:
        request["answered"] = answered
    transfer = make_transfer(start=D("2027-06-01"))
    evaluation = evaluate(build(transfer, requests=[request]), reference, as_of)
    rules = [f.rule for f in evaluation.findings]
    assert rules == ([rule] if rule else [])
    assert evaluation.verdict == verdict
    if rule:
        finding = evaluation.findings[0]
        assert "2026-12-10" in finding.message("en") and "ETX-2026/55" in finding.message("en")
        assert finding.field == ("requests", 0, "answered")


def test_authority_request_cites_the_model_clause_and_the_operators_own(build, reference):
    request = {"received": D("2026-11-10"), "reference": "ETX-2026/55"}
    plain = evaluate(build(requests=[request]), reference, AS_OF).findings[0]
    assert "CHARGE.AZ LLC policy, clause 6.2" in plain.citation("en")
    assert [b.kind for b in plain.basis()] == ["law", "model"]
    charge = evaluate(build(requests=[request], operator={"name": "CHARGE.AZ LLC", "policy": "charge-az"}), reference, AS_OF)
    finding = charge.findings[0]
    assert finding.citation("en") == "CHARGE.AZ LLC policy, clause 6.2"
    assert [b.kind for b in finding.basis()] == ["law", "model", "policy"]


def test_authority_request_falls_due(build, xborder, workspace, make_doc, write):
    doc = make_doc(requests=[{"received": D("2026-11-10"), "reference": "ETX-2026/55", "asked": "DPA"}])
    write(workspace, doc)
    status, out, _ = xborder("due", "--as-of", "2026-11-22", "--lang", "en", cwd=workspace)
    assert status == 0
    assert "[authority's request]" in out and "by 2026-12-10" in out and "ETX-2026/55" in out
    status, out, _ = xborder("due", "--as-of", "2026-12-11", "--lang", "en", cwd=workspace)
    assert status == 1 and "OVERDUE" in out
    status, out, _ = xborder("due", "--as-of", "2026-11-22", "--format", "ics", cwd=workspace)
    assert "DTSTART;VALUE=DATE:20261210" in out
    doc["requests"][0]["answered"] = D("2026-11-20")
    write(workspace, doc)
    status, out, _ = xborder("due", "--as-of", "2026-12-11", "--lang", "en", cwd=workspace)
    assert status == 0 and "authority" not in out


def test_due_sees_the_facts_of_its_day(build, make_transfer):
    """A notice dated after the as-of day has not been sent then: it is still due."""
    transfer = make_transfer(
        start=D("2026-10-01"),
        recipient_info={"obtained": D("2026-08-01")},
        notification={"sent": D("2026-09-03"), "separate": True},
    )
    assessment = build(transfer)
    before = [(i.kind, i.date) for i in due_items(assessment, None, D("2026-09-01"), 60)]
    assert before == [("notification", D("2026-09-30"))]
    assert due_items(assessment, None, D("2026-09-03"), 60) == []  # sent that day


def test_an_overdue_request_fails_check(xborder, workspace, make_doc, write):
    doc = make_doc(requests=[{"received": D("2026-10-01"), "reference": "ETX-2026/41"}])
    write(workspace, doc)
    status, out, _ = xborder("check", "--format", "json", "--as-of", "2026-10-31", cwd=workspace)
    assert (status, json.loads(out)["assessments"][0]["verdict"]) == (0, "pending")  # the 30th day
    status, out, _ = xborder("check", "--format", "json", "--as-of", "2026-11-01", cwd=workspace)
    assert (status, json.loads(out)["assessments"][0]["verdict"]) == (1, "blocked")


def test_cli_approve_date_before_created_is_refused(xborder, workspace, make_doc, write):
    path = write(workspace, make_doc(status="in_review"))  # created 2026-11-01
    before = path.read_bytes()
    status, _, err = xborder("approve", "x", "--by", "Anar", "--date", "2026-10-31", "--lang", "en", cwd=workspace)
    assert status == 2 and len(err.strip().splitlines()) == 1
    assert "before the assessment was created (2026-11-01)" in err
    assert path.read_bytes() == before
    assert xborder("approve", "x", "--by", "Anar", "--date", "2026-11-01", cwd=workspace)[0] == 0

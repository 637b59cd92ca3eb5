"""Review states, approval and deadlines (issue 5, items 1, 2 and 4)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from xborder.cli.main import main
from xborder.lifecycle import (
    LifecycleError,
    add_months,
    approve,
    due_items,
    transition,
)
from xborder.rules import evaluate

D = dt.date
AS_OF = D(2026, 11, 22)


# -- due_items ----------------------------------------------------------------------------
def items(build, reference, *transfers, as_of=AS_OF, within=30, **changes):
    a = build(*transfers, **changes)
    return due_items(a, evaluate(a, reference, as_of), as_of, within)


def test_notified_transfer_has_nothing_due(build, reference):
    assert items(build, reference) == []


def test_notification_due_the_day_before_start(build, reference, make_transfer):
    t = make_transfer(start=D(2026, 12, 10), notification=None, recipient_info={"obtained": D(2026, 11, 1)})
    (item,) = items(build, reference, t)
    assert (item.kind, item.transfer_id, item.date, item.overdue, item.days) == ("notification", "t1", D(2026, 12, 9), False, 17)
    assert item.verdict == "pending"
    assert item.message("en") == (
        "notify the authority of the transfer to Recipient GmbH (DE) by 2026-12-09: "
        "it starts on 2026-12-10 (17 days left)"
    )
    assert "2026-12-09 tarixinədək göndərilməlidir" in item.message("az")
    assert item.message("az").endswith("(17 gün qalıb)")


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (D(2026, 12, 23), [("notification", D(2026, 12, 22), False)]),  # deadline exactly on the horizon
        (D(2026, 12, 24), []),  # one day beyond it
        (D(2026, 11, 23), [("notification", D(2026, 11, 22), False)]),  # last day: today
        (D(2026, 11, 22), [("notification", D(2026, 11, 21), True)]),  # starts today: too late
    ],
)
def test_notification_window_edges(build, reference, make_transfer, start, expected):
    t = make_transfer(start=start, notification=None)
    got = [(i.kind, i.date, i.overdue) for i in items(build, reference, t)]
    assert got == expected


def test_missing_recipient_information_is_due_with_the_notification(build, reference, make_transfer):
    t = make_transfer(start=D(2026, 12, 1), notification=None, recipient_info=None)
    got = [(i.kind, i.date, i.overdue) for i in items(build, reference, t)]
    assert got == [("notification", D(2026, 11, 30), False), ("recipient_info", D(2026, 11, 30), False)]


def test_notified_without_recipient_information_is_overdue_since_sending(build, reference, make_transfer):
    t = make_transfer(recipient_info=None)  # sent 2026-10-05, start 2027-01-01
    (item,) = items(build, reference, t, within=0)
    assert (item.kind, item.date, item.overdue, item.sent) == ("recipient_info", D(2026, 10, 5), True, D(2026, 10, 5))
    assert "48 days overdue" in item.message("en")


def test_transfer_without_start_has_no_deadline(build, reference, make_transfer):
    assert items(build, reference, make_transfer(start=None, notification=None)) == []


def test_review_due_and_overdue(build, reference):
    (due,) = items(build, reference, next_review=D(2026, 12, 1))
    assert (due.kind, due.transfer_id, due.overdue, due.verdict) == ("review", None, False, "permitted")
    (late,) = items(build, reference, next_review=D(2026, 11, 21))
    assert late.overdue and late.message("en") == "periodic review was due on 2026-11-21 (1 day overdue)"
    (today,) = items(build, reference, next_review=AS_OF)
    assert not today.overdue and today.message("en").endswith("(today)")
    assert items(build, reference, next_review=D(2027, 6, 1)) == []


@pytest.mark.parametrize("status", ["rejected", "withdrawn"])
def test_nothing_falls_due_for_inactive_assessments(build, reference, make_transfer, status):
    t = make_transfer(start=D(2026, 11, 1), notification=None)
    assert items(build, reference, t, status=status, next_review=D(2026, 1, 1)) == []


def test_items_are_sorted_and_evaluation_is_optional(build, reference, make_transfer):
    a = build(
        make_transfer(id="late", start=D(2026, 12, 20), notification=None),
        make_transfer(id="early", start=D(2026, 12, 5), notification=None),
        next_review=D(2026, 12, 10),
    )
    got = due_items(a, None, AS_OF, 60)
    assert [(i.kind, i.transfer_id) for i in got] == [("notification", "early"), ("review", None), ("notification", "late")]
    assert all(i.verdict is None for i in got)


def test_due_items_rejects_a_foreign_evaluation_and_negative_window(build, reference):
    a = build()
    other = build(id="y")
    with pytest.raises(ValueError):
        due_items(a, evaluate(other, reference, AS_OF), AS_OF, 30)
    with pytest.raises(ValueError):
        due_items(a, None, AS_OF, -1)


# -- transitions and approval --------------------------------------------------------------
def test_add_months_clamps_to_month_end():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2028, 2, 29), 12) == D(2029, 2, 28)
    assert add_months(D(2026, 11, 22), 14) == D(2028, 1, 22)


@pytest.mark.parametrize(
    ("start", "target", "ok"),
    [
        ("draft", "in_review", True), ("draft", "withdrawn", True), ("draft", "rejected", False),
        ("in_review", "draft", True), ("in_review", "rejected", True), ("approved", "in_review", True),
        ("approved", "draft", False), ("rejected", "draft", True), ("withdrawn", "draft", True),
        ("withdrawn", "in_review", False),
    ],
)
def test_transitions(build, start, target, ok):
    a = build(status=start)
    if ok:
        changed = transition(a, target, by="Anar", on=AS_OF, reason="Because")
        assert changed.status == target and a.status == start
    else:
        with pytest.raises(LifecycleError, match=f"cannot become {target}"):
            transition(a, target, by="Anar", on=AS_OF, reason="Because")


def test_reject_needs_reviewer_and_reason(build):
    a = build(status="in_review")
    with pytest.raises(LifecycleError, match="reason"):
        transition(a, "rejected", by="Anar", on=AS_OF)
    with pytest.raises(LifecycleError, match="reviewer"):
        transition(a, "rejected", reason="No", on=AS_OF)
    rejected = transition(a, "rejected", by="Anar", on=AS_OF, reason="Consent form missing")
    assert (rejected.approval.reviewer, rejected.approval.reason) == ("Anar", "Consent form missing")
    assert rejected.approval.decision == "rejected"  # the record says what was decided


def test_approve_records_everything(build, reference):
    a = build(status="in_review")
    approved = approve(a, evaluate(a, reference, AS_OF), " Anar ", AS_OF, period_months=12)
    assert approved.status == "approved"
    assert approved.next_review == D(2027, 11, 22)
    from xborder.model.assessment import content_digests

    assert approved.approval.model_dump() == {
        "reviewer": "Anar", "date": AS_OF, "decision": "approved", "reason": None,
        "adequacy_version": reference.adequacy_version, "verdicts": {"t1": "permitted"},
        "approved": content_digests(a).model_dump(), "earlier": [],
    }


# -- four eyes, approving again, the decision's date (issue 15, items 3-4) -----------------
def test_the_assessor_may_not_approve_unless_the_workspace_allows_it(build, reference):
    a = build(status="in_review", assessor="Leyla Məmmədova")
    ev = evaluate(a, reference, AS_OF)
    with pytest.raises(LifecycleError, match="prepared x and may not approve it too") as info:
        approve(a, ev, " leyla  məmmədova ", AS_OF, period_months=12)
    assert info.value.key == "self_approval"
    assert "özü təsdiqləyə bilməz" in info.value.message("az")
    assert approve(a, ev, "Leyla Məmmədova", AS_OF, period_months=12, self_approval=True).status == "approved"
    assert approve(a, ev, "Anar Əliyev", AS_OF, period_months=12).status == "approved"


def test_approving_again_needs_the_flag_and_keeps_the_earlier_approval(build, reference):
    a = build(status="in_review")
    first = approve(a, evaluate(a, reference, AS_OF), "Anar", AS_OF, period_months=12)
    later = AS_OF + dt.timedelta(days=30)
    with pytest.raises(LifecycleError, match="already approved.*--again"):
        approve(first, evaluate(first, reference, later), "Rəna", later, period_months=12)
    second = approve(first, evaluate(first, reference, later), "Rəna", later, period_months=12, again=True)
    assert (second.approval.reviewer, second.approval.date) == ("Rəna", later)
    assert [(d.reviewer, d.date, d.decision) for d in second.approval.earlier] == [("Anar", AS_OF, "approved")]
    third = approve(second, evaluate(second, reference, later), "Anar", later, period_months=12, again=True)
    assert [d.reviewer for d in third.approval.earlier] == ["Rəna", "Anar"]
    # kept on disk
    from xborder.store.assessments import dump_assessment

    assert "[[approval.earlier]]" in dump_assessment(third)


def test_a_decision_may_not_precede_creation(build, reference):
    a = build(status="in_review")  # created 2026-11-01
    before = D(2026, 10, 31)
    with pytest.raises(LifecycleError, match="before the assessment was created"):
        approve(a, evaluate(a, reference, before), "Anar", before, period_months=12)
    assert approve(a, evaluate(a, reference, D(2026, 11, 1)), "Anar", D(2026, 11, 1), period_months=12)
    with pytest.raises(LifecycleError, match="before the assessment was created"):
        transition(a, "rejected", by="Anar", on=before, reason="No")


def test_a_change_after_approval_is_named_until_approved_again(build, make_transfer, reference):
    a = build(status="in_review")
    approved = approve(a, evaluate(a, reference, AS_OF), "Anar", AS_OF, period_months=12)
    assert [f.rule for f in evaluate(approved, reference, AS_OF).findings] == []
    changed = approved.model_copy(deep=True)
    changed.transfers[0].national_security_risk = False
    changed.transfers[0].notes = "Hosting moved to another data centre"
    findings = evaluate(changed, reference, AS_OF).findings
    (finding,) = [f for f in findings if f.rule == "AZ-ADV-CHANGED"]
    assert "the transfer to Recipient GmbH, DE" in finding.message("en")
    assert "Anar" in finding.message("en") and AS_OF.isoformat() in finding.message("en")
    assert finding.severity == "advice"
    # recording the notice's steps after approval is not a change of what was approved
    stepped = approved.model_copy(deep=True)
    stepped.transfers[0].recipient_info = None
    assert "AZ-ADV-CHANGED" not in {f.rule for f in evaluate(stepped, reference, AS_OF).findings}
    # approved again: the advice goes
    again = approve(changed, evaluate(changed, reference, AS_OF), "Rəna", AS_OF, period_months=12, again=True)
    assert "AZ-ADV-CHANGED" not in {f.rule for f in evaluate(again, reference, AS_OF).findings}


def test_approve_refuses_a_verdict_other_than_permitted_without_reason(build, reference, make_transfer):
    a = build(make_transfer(notification=None), status="in_review")
    ev = evaluate(a, reference, AS_OF)
    assert ev.verdict == "pending"
    with pytest.raises(LifecycleError, match="pending, not permitted.*--reason"):
        approve(a, ev, "Anar", AS_OF, period_months=12)
    approved = approve(a, ev, "Anar", AS_OF, period_months=12, reason="Notice goes out Monday")
    assert approved.approval.reason == "Notice goes out Monday"
    assert approved.approval.verdicts == {"t1": "pending"}


def test_approve_needs_review_first(build, reference):
    a = build(status="draft")
    with pytest.raises(LifecycleError, match="submit it for review first"):
        approve(a, evaluate(a, reference, AS_OF), "Anar", AS_OF, period_months=12)


def test_listchange_advice_after_the_adequacy_list_changes(build, reference):
    """Approved under list v-old with verdict permitted; under the current list the
    destination is no longer adequate: check gives AZ-ADV-LISTCHANGE advice."""
    a = build(status="in_review")
    approved = approve(a, evaluate(a, reference, AS_OF), "Anar", AS_OF, period_months=12)
    ev = evaluate(approved, reference, AS_OF)
    assert "AZ-ADV-LISTCHANGE" not in [f.rule for f in ev.all_findings()]
    older = approved.model_copy(update={"approval": approved.approval.model_copy(update={
        "adequacy_version": "coe108-2020-01-01", "verdicts": {"t1": "blocked"}})})
    rules = [f.rule for f in evaluate(older, reference, AS_OF).all_findings()]
    assert "AZ-ADV-LISTCHANGE" in rules
    assert evaluate(older, reference, AS_OF).verdict == "permitted"  # advice never changes a verdict



def _list(tmp_path: Path, version: str, **adequate: bool):
    """The shipped adequacy list under another version, with some countries changed."""
    import xborder.reference
    from xborder.rules import load_reference

    shipped = Path(xborder.rulebooks.az.__file__).parent / "data" / "adequacy.toml"
    text = shipped.read_text(encoding="utf-8").replace('version = "coe108-2026-11-22"', f'version = "{version}"')
    for country, value in adequate.items():
        start = text.index(f"[countries.{country}]")
        end = text.index("\n\n", start)
        block = text[start:end]
        text = text[:start] + block.replace(f"adequate = {str(not value).lower()}", f"adequate = {str(value).lower()}") + text[end:]
    folder = tmp_path / version / "data"
    folder.mkdir(parents=True)
    (folder / "adequacy.toml").write_text(text, encoding="utf-8")
    return load_reference(folder)


def test_listchange_is_not_advised_when_time_not_the_list_changed_the_verdict(build, make_transfer, reference, tmp_path):
    """Approved while pending (not yet notified); a new list, identical for the
    destination, comes out; the start passes unnotified, so the verdict is now blocked.
    The list did not cause that: no AZ-ADV-LISTCHANGE (the rule must not blame the list
    for the passing of time)."""
    t = make_transfer(start=D(2027, 1, 10), notification=None)
    a = build(t, status="in_review")
    approved = approve(a, evaluate(a, reference, AS_OF), "Anar", AS_OF, period_months=12, reason="notice under way")
    assert approved.approval.verdicts == {"t1": "pending"}
    same_for_de = _list(tmp_path, "coe108-2027-01-01")
    later = evaluate(approved, same_for_de, D(2027, 1, 20))
    assert later.transfers[0].verdict == "blocked"
    assert "AZ-ADV-LISTCHANGE" not in [f.rule for f in later.all_findings()]
    # the same situation when the new list drops the destination: now the list is to blame
    de_dropped = _list(tmp_path, "coe108-2027-01-02", DE=False)
    assert not de_dropped.adequacy_of("DE").adequate
    for day in (AS_OF, D(2027, 1, 20)):  # before and after the start
        now = evaluate(approved, de_dropped, day)
        assert now.transfers[0].verdict == "blocked"
        assert "AZ-ADV-LISTCHANGE" in [f.rule for f in now.all_findings()], day


def test_listchange_is_not_advised_for_an_edit_or_an_override(build, make_transfer, reference, tmp_path):
    """A verdict changed by an edit after approval (the notice recorded as sent), or a
    transfer whose adequacy is an [adequacy] override, is not the list's doing."""
    t = make_transfer(notification=None)
    a = build(t, status="in_review")
    approved = approve(a, evaluate(a, reference, AS_OF), "Anar", AS_OF, period_months=12, reason="notice under way")
    assert approved.approval.verdicts == {"t1": "pending"}
    newer = _list(tmp_path, "coe108-2027-01-01")
    notified = approved.model_copy(update={"transfers": [build().transfers[0]]})
    ev = evaluate(notified, newer, AS_OF)
    assert ev.verdict == "permitted"
    assert "AZ-ADV-LISTCHANGE" not in [f.rule for f in ev.all_findings()]
    override = make_transfer(adequacy={"adequate": False, "reason": "Authority letter 2026/9"})
    b = build(override, status="approved", approval={
        "reviewer": "Anar", "date": AS_OF, "adequacy_version": "coe108-2020-01-01", "verdicts": {"t1": "permitted"}})
    ev = evaluate(b, newer, AS_OF)
    assert ev.transfers[0].verdict == "blocked"
    assert "AZ-ADV-LISTCHANGE" not in [f.rule for f in ev.all_findings()]


# -- the commands --------------------------------------------------------------------------
def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_approve_then_status(example_workspace: Path, capsys):
    ws = str(example_workspace)
    en = ("--lang", "en", "-w", ws)
    path = example_workspace / "data" / "assessments" / "alqoritmika-licensees.toml"
    status, out, err = run(capsys, "approve", "alqoritmika-licensees", "--by", "Anar", "--date", "2026-11-22", *en)
    assert status == 1 and "pending, not permitted" in err and out == ""
    assert "[approval]" not in path.read_text(encoding="utf-8")
    status, out, err = run(capsys, "approve", "alqoritmika-licensees", "--by", "Anar", "--date", "2026-11-22",
                           "--reason", "KZ and TR notices are being sent this week", *en)
    assert status == 0, err
    assert out.strip() == ("alqoritmika-licensees: approved by Anar on 2026-11-22 (verdict pending, "
                           "adequacy list coe108-2026-11-22); next review 2027-11-22")
    text = path.read_text(encoding="utf-8")
    assert 'status = "approved"' in text and "next_review = 2027-11-22" in text
    assert ('[approval]\nreviewer = "Anar"\ndate = 2026-11-22\ndecision = "approved"\n'
            'reason = "KZ and TR notices are being sent this week"') in text
    assert 'licensee-kz = "pending"' in text
    status, out, _ = run(capsys, "status", "alqoritmika-licensees", *en)
    assert out.startswith("alqoritmika-licensees: approved (next: approved, in_review, withdrawn); last decision by Anar")
    status, out, err = run(capsys, "status", "alqoritmika-licensees", "--set", "draft", *en)
    assert status == 1 and "cannot become draft" in err
    status, out, _ = run(capsys, "status", "alqoritmika-licensees", "--set", "withdrawn", *en)
    assert status == 0 and out.strip() == "alqoritmika-licensees: approved -> withdrawn"


def test_cli_status_and_approve_speak_azerbaijani(example_workspace: Path, capsys):
    """The example workspace's language is az: statuses, verdicts and refusals are
    named in Azerbaijani (with the key to type after --set in brackets)."""
    ws = str(example_workspace)
    status, out, _ = run(capsys, "status", "probpm-crm", "-w", ws)
    assert out.startswith("probpm-crm: Layihə (draft) (növbəti mümkün statuslar: in_review, withdrawn)")
    status, _, err = run(capsys, "approve", "probpm-crm", "--by", "Anar", "-w", ws)
    assert status == 1
    assert err.strip() == (
        "xborder: probpm-crm «Layihə» statusundadır: «Təsdiqlənib» statusuna keçirilə bilməz "
        "(mümkün keçidlər: in_review, withdrawn); əvvəlcə baxışa təqdim edin "
        "(`xborder status probpm-crm --set in_review`)"
    )
    status, out, _ = run(capsys, "status", "probpm-crm", "--set", "in_review", "--by", "Leyla", "-w", ws)
    assert status == 0 and out.strip() == "probpm-crm: Layihə (draft) → Baxılmaqdadır (in_review)"
    status, _, err = run(capsys, "approve", "probpm-crm", "--by", "Anar", "--date", "2026-11-22", "-w", ws)
    assert status == 1 and "«Natamam» nəticəsindədir, «Yol verilir» deyil" in err and "--reason" in err
    status, out, err = run(capsys, "approve", "probpm-crm", "--by", "Anar", "--reason", "r", "--date", "2026-11-22", "-w", ws)
    assert status == 0 and err == ""
    assert out.strip() == (
        "probpm-crm: 2026-11-22 tarixində təsdiqləndi, rəyçi Anar (nəticə: Natamam, "
        "adekvatlıq siyahısı coe108-2026-11-22); növbəti baxış: 2027-11-22"
    )


def test_cli_status_set_approved_points_to_approve(example_workspace: Path, capsys):
    status, _, err = run(capsys, "status", "probpm-crm", "--set", "approved", "--lang", "en", "-w", str(example_workspace))
    assert status == 1
    assert err.strip() == (
        "xborder: approving records the reviewer and the verdicts: use `xborder approve probpm-crm --by NAME`"
    )


def test_cli_approve_by_the_assessor_is_refused_unless_allowed(example_workspace: Path, capsys):
    ws = str(example_workspace)
    run(capsys, "status", "probpm-crm", "--set", "in_review", "--by", "Leyla", "-w", ws)
    args = ("approve", "probpm-crm", "--by", "leyla", "--reason", "r", "--date", "2026-11-22", "--lang", "en", "-w", ws)
    before = (example_workspace / "data" / "assessments" / "probpm-crm.toml").read_bytes()
    status, _, err = run(capsys, *args)
    assert status == 2 and len(err.strip().splitlines()) == 1
    assert "prepared probpm-crm and may not approve it too" in err
    assert (example_workspace / "data" / "assessments" / "probpm-crm.toml").read_bytes() == before
    settings = example_workspace / "xborder.toml"
    text = settings.read_text(encoding="utf-8").replace("[review]\n", "[review]\nself_approval = true\n")
    settings.write_text(text, encoding="utf-8")
    status, _, err = run(capsys, *args)
    assert status == 0 and "a second person should review it" in err


def test_cli_approve_again_needs_the_flag(example_workspace: Path, capsys):
    ws = str(example_workspace)
    run(capsys, "status", "probpm-crm", "--set", "in_review", "--by", "Leyla", "-w", ws)
    base = ("approve", "probpm-crm", "--reason", "r", "--lang", "en", "-w", ws)
    assert run(capsys, *base, "--by", "Anar", "--date", "2026-11-22")[0] == 0
    status, _, err = run(capsys, *base, "--by", "Rəna", "--date", "2026-11-23")
    assert status == 1 and "--again" in err
    assert run(capsys, *base, "--by", "Rəna", "--date", "2026-11-23", "--again")[0] == 0
    text = (example_workspace / "data" / "assessments" / "probpm-crm.toml").read_text(encoding="utf-8")
    assert "[[approval.earlier]]" in text and 'reviewer = "Anar"' in text


def test_cli_due_text_json_and_exit_status(example_workspace: Path, capsys):
    ws = str(example_workspace)
    status, out, _ = run(capsys, "due", "--as-of", "2026-11-22", "--lang", "en", "-w", ws)
    assert status == 1
    lines = out.splitlines()
    assert lines[-1] == "as of 2026-11-22, within 30 days: 3 overdue, 0 due"
    assert lines[0].startswith("OVERDUE  2026-06-01  alqoritmika-crm-telephony  [review]")
    status, out, _ = run(capsys, "due", "--as-of", "2026-11-22", "--within", "60", "--format", "json", "-w", ws)
    doc = json.loads(out)
    assert doc["summary"] == {"overdue": 3, "due": 3, "invalid": 0}
    assert [(i["assessment"], i["transfer"], i["kind"]) for i in doc["items"] if not i["overdue"]] == [
        # the "ru" notice: 10 working days before 2027-01-20, across the New Year holidays
        ("severnyi-support-us-ru", "ip-telephony", "notification"),
        ("elegal-lawyers", "web-analytics", "notification"), ("probpm-crm", "ip-telephony", "notification"),
    ]
    # nothing overdue: exit 0 (the cron job stays quiet)
    status, out, _ = run(capsys, "due", "--as-of", "2026-01-01", "--within", "5", "--lang", "en", "-w", ws)
    assert status == 0, out


def test_cli_due_exit_2_when_a_file_cannot_be_loaded(example_workspace: Path, capsys):
    (example_workspace / "data" / "assessments" / "broken.toml").write_text("id = \n", encoding="utf-8")
    status, out, _ = run(capsys, "due", "--as-of", "2026-11-22", "--lang", "en", "-w", str(example_workspace))
    assert status == 2 and "data/assessments/broken.toml: cannot be loaded" in out


def test_cli_due_ics_is_valid_and_deterministic(example_workspace: Path, capfdbinary):
    ws = str(example_workspace)
    main(["due", "--as-of", "2026-11-22", "--format", "ics", "--lang", "en", "-w", ws])
    first = capfdbinary.readouterr().out
    main(["due", "--as-of", "2026-11-22", "--format", "ics", "--lang", "en", "-w", ws])
    assert capfdbinary.readouterr().out == first
    lines = first.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in first.replace(b"\r\n", b"")
    unfolded = first.replace(b"\r\n ", b"").decode()
    main(["due", "--as-of", "2026-11-22", "--format", "json", "--within", "366", "-w", ws])
    listed = json.loads(capfdbinary.readouterr().out)["items"]
    assert unfolded.count("BEGIN:VEVENT") == len(listed) == 17  # a year ahead by default
    assert unfolded.count("BEGIN:VALARM") == 2 * sum(not i["overdue"] for i in listed)
    assert "UID:notification.probpm-crm.ip-telephony.20270109@xborder" in unfolded
    assert "DTSTART;VALUE=DATE:20270109\r\nDTEND;VALUE=DATE:20270110" in unfolded
    assert "SUMMARY:notification — probpm-crm/ip-telephony" in unfolded
    assert "TRIGGER;RELATED=START:-P7D" in unfolded
    assert "days left" not in unfolded  # no text that goes stale in a calendar
    assert "Sarah Whitfield\\, solicitor" in unfolded  # commas escaped


def test_check_flags_a_changed_adequacy_list_after_cli_approval(example_workspace: Path, capsys):
    """Approve under the shipped list; then the workspace's own list (a new version)
    no longer counts Georgia as adequate: `check` advises that licensee-ge's verdict
    differs from the one recorded at approval; other transfers are not flagged."""
    ws = str(example_workspace)
    status, _, err = run(capsys, "approve", "alqoritmika-licensees", "--by", "Anar", "--reason", "r", "--date", "2026-11-22", "-w", ws)
    assert status == 0, err
    import xborder.reference

    shipped = Path(xborder.rulebooks.az.__file__).parent / "data" / "adequacy.toml"
    text = shipped.read_text(encoding="utf-8").replace('version = "coe108-2026-11-22"', 'version = "local-2027-01"')
    start = text.index("[countries.GE]")
    text = text[:start] + text[start:].replace("adequate = true", "adequate = false", 1)
    (example_workspace / "data" / "adequacy.toml").write_text(text, encoding="utf-8")

    def flagged() -> dict[str, bool]:
        status, out, _ = run(capsys, "check", "--as-of", "2026-11-22", "--format", "json", "-w", ws,
                             str(example_workspace / "data" / "assessments" / "alqoritmika-licensees.toml"))
        (entry,) = json.loads(out)["assessments"]
        return {t["id"]: any(f["rule"] == "AZ-ADV-LISTCHANGE" for f in t["findings"]) for t in entry["transfers"]}

    assert flagged() == {"licensee-ge": True, "licensee-kz": False, "licensee-tr": False, "licensee-uz": False}
    status, out, _ = run(capsys, "show", "alqoritmika-licensees", "--lang", "en", "--as-of", "2026-11-22", "-w", ws)
    assert "Adequacy list: local-2027-01" in out


# -- pre-commit hooks -----------------------------------------------------------------------
def hook_entries() -> dict[str, str]:
    """id -> entry, read from .pre-commit-hooks.yaml (flat YAML: no parser needed)."""
    import re

    text = (Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"^- id: (\S+)$", text, re.MULTILINE)
    entries = re.findall(r"^  entry: (.+)$", text, re.MULTILINE)
    assert len(ids) == len(entries) == 3
    return dict(zip(ids, entries, strict=True))


@pytest.mark.parametrize(("hook", "clean", "blocked"), [
    ("xborder-check", 0, 0), ("xborder-check-strict", 0, 1), ("xborder-check-workspace", 0, 0),
])
def test_pre_commit_hooks_run_as_documented(hook, clean, blocked, example_workspace: Path, monkeypatch, capsys):
    """Each hook's entry, run as pre-commit would (from the repository root, with the
    changed files): exit status for a permitted file, a blocked one, a broken one."""
    argv = hook_entries()[hook].split()
    assert argv[0] == "xborder"
    monkeypatch.chdir(example_workspace)
    files = {"clean": "data/assessments/ims-support-chats.toml", "blocked": "data/assessments/charge-hr-group.toml"}
    pass_files = hook != "xborder-check-workspace"
    if pass_files:
        assert main([*argv[1:], files["clean"]]) == clean
        assert main([*argv[1:], files["blocked"]]) == blocked
    else:
        assert main(argv[1:]) == 0
    (example_workspace / "data" / "assessments" / "broken.toml").write_text("<<<<<<< HEAD\n>>>>>>> x\n", encoding="utf-8")
    assert main([*argv[1:], "data/assessments/broken.toml"] if pass_files else argv[1:]) == 2
    assert "həll edilməmiş git birləşmə konflikti" in capsys.readouterr().out  # the workspace speaks az


@pytest.mark.parametrize("argv", [("status", "probpm-crm"), ("status", "probpm-crm", "--set", "withdrawn"),
                                  ("approve", "probpm-crm", "--by", "Anar", "--reason", "r")])
def test_cli_lifecycle_commands_refuse_a_file_that_does_not_load(argv, example_workspace: Path, capsys):
    """One line naming the file relative to the workspace, its line and key; exit 2;
    the file is not touched."""
    path = example_workspace / "data" / "assessments" / "probpm-crm.toml"
    path.write_text(path.read_text(encoding="utf-8") + "title = 5\n", encoding="utf-8")
    before = path.read_bytes()
    status, out, err = run(capsys, *argv, "-w", str(example_workspace))
    assert status == 2 and out == ""
    (line,) = err.strip().splitlines()
    assert line.startswith("xborder: data/assessments/probpm-crm.toml:") and "'transfers[2].recipient.title'" in line
    assert path.read_bytes() == before


@pytest.mark.parametrize("argv", [("approve", "alqoritmika-licensees", "--by", "Anar", "--reason", "r"),
                                  ("status", "alqoritmika-licensees", "--set", "rejected", "--by", "Anar", "--reason", "r")])
def test_cli_a_decision_cannot_be_dated_in_the_future(argv, example_workspace: Path, capsys):
    from xborder.cli.common import today

    path = example_workspace / "data" / "assessments" / "alqoritmika-licensees.toml"
    before = path.read_bytes()
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    status, out, err = run(capsys, *argv, "--date", tomorrow, "-w", str(example_workspace))
    assert status == 2 and out == "" and "cannot be dated in the future" in err
    assert path.read_bytes() == before


def test_list_and_show_say_changed_since_approval(example_workspace: Path, capsys):
    ws = str(example_workspace)
    path = example_workspace / "data" / "assessments" / "probpm-crm.toml"
    run(capsys, "status", "probpm-crm", "--set", "in_review", "--by", "Leyla", "-w", ws)
    assert run(capsys, "approve", "probpm-crm", "--by", "Anar", "--reason", "r", "--date", "2026-11-22", "-w", ws)[0] == 0

    def listed() -> dict:
        _, out, _ = run(capsys, "list", "--format", "json", "--as-of", "2026-11-22", "-w", ws)
        return {row["id"]: row for row in json.loads(out)["assessments"]}["probpm-crm"]

    assert listed()["changed_since_approval"] is False
    text = path.read_text(encoding="utf-8").replace('title = "', 'title = "Revised: ', 1)
    path.write_text(text, encoding="utf-8")
    assert listed()["changed_since_approval"] is True
    _, out, _ = run(capsys, "list", "--lang", "en", "--as-of", "2026-11-22", "-w", ws)
    assert "Approved (changed since approval)" in out
    _, out, _ = run(capsys, "show", "probpm-crm", "--lang", "en", "--as-of", "2026-11-22", "-w", ws)
    assert "Changed since approval" in out and "AZ-ADV-CHANGED" in out and "the general part" in out
    assert run(capsys, "approve", "probpm-crm", "--by", "Rəna", "--reason", "r", "--date", "2026-11-22", "--again", "-w", ws)[0] == 0
    assert listed()["changed_since_approval"] is False


def test_what_was_approved_does_not_depend_on_defaults_written_or_not(build, make_transfer):
    """A key written with its default value (or added later with one) is no change."""
    from xborder.model.assessment import content_digests

    plain = build(make_transfer())
    explicit = build(make_transfer(national_security_risk=False, notes=""), jurisdiction="az")
    assert content_digests(plain) == content_digests(explicit)
    assert content_digests(build(make_transfer(national_security_risk=True))) != content_digests(plain)

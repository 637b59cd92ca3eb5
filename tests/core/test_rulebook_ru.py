"""The "ru" rulebook (152-FZ Art. 12): working days on the Russian production calendar,
each rule on both sides of its line, citations that show what was not verified, the
adequacy list, the deadlines and the notice to Roskomnadzor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from xborder import explain
from xborder.rulebooks.ru.workdays import (
    SHIPPED,
    Calendar,
    add_working_days,
    first_day_after,
    latest_start,
    load_calendar,
)
from xborder.rules import evaluate, get_rulebook, load_reference

D = dt.date
RU = load_reference(None, "ru")
RULE_IDS = list(RU.rulebook.rules)


# -- the production calendar ---------------------------------------------------------------
# Source of the expected days: the `holidays` package's RU calendar (>= 0.109), which cites
# consultant.ru's production calendars for 2026 and 2027 and the decrees moving days off:
# 2026-12-31 is a day off (moved from 2026-01-04), 1-8 January 2027 are the New Year
# holidays, Saturday 2027-02-20 is a working day (its day off moved to Monday 2027-02-22).
def test_new_year_holidays_2027_are_not_working_days():
    for day in [D(2026, 12, 31), *(D(2027, 1, n) for n in range(1, 11))]:
        assert not SHIPPED.is_working_day(day), day
    assert SHIPPED.is_working_day(D(2026, 12, 30))
    assert SHIPPED.is_working_day(D(2027, 1, 11))


def test_a_transferred_working_saturday_counts():
    assert SHIPPED.is_working_day(D(2027, 2, 20))  # a Saturday
    assert not SHIPPED.is_working_day(D(2027, 2, 22))  # a Monday, day off
    assert not SHIPPED.is_working_day(D(2027, 2, 27))  # an ordinary Saturday
    assert add_working_days(D(2027, 2, 18), 2) == D(2027, 2, 20)


def test_a_notice_sent_on_2026_12_25_waits_out_the_new_year_holidays():
    # 28, 29, 30 December; 11-15 and 18, 19 January 2027: the 10th working day is the 19th
    assert add_working_days(D(2026, 12, 25), 10) == D(2027, 1, 19)
    assert add_working_days(D(2026, 12, 25), 9) == D(2027, 1, 18)
    assert first_day_after(D(2026, 12, 25), 10) == D(2027, 1, 20)
    # 10 calendar days would have ended on 4 January: the wrong answer
    assert first_day_after(D(2026, 12, 25), 10) != D(2027, 1, 5)


def test_the_latest_day_to_notify_for_a_start():
    last = latest_start(D(2027, 1, 20), 10)
    assert first_day_after(last, 10) <= D(2027, 1, 20)
    assert first_day_after(last + dt.timedelta(days=1), 10) > D(2027, 1, 20)


def test_a_workspace_corrects_a_year_of_the_calendar(tmp_path: Path):
    (tmp_path / "calendar_ru.toml").write_text(
        '[years.2027]\nholidays = [2027-01-11]\nworkdays = [2027-01-09]\nsource = "Decree (test)"\n', encoding="utf-8"
    )
    calendar = load_calendar(str(tmp_path))
    assert calendar.is_working_day(D(2027, 1, 9)) and not calendar.is_working_day(D(2027, 1, 11))
    assert calendar.sources == ("2027: Decree (test)",)
    assert add_working_days(D(2026, 12, 25), 10, calendar) == D(2027, 1, 19)  # one in, one out
    assert load_calendar(None) is SHIPPED


def test_a_broken_calendar_override_names_the_file_and_key(tmp_path: Path):
    from xborder.reference import ReferenceError

    (tmp_path / "calendar_ru.toml").write_text("[years.2027]\nholidays = [2028-01-01]\n", encoding="utf-8")
    with pytest.raises(ReferenceError, match=r"years\.2027\.holidays\[0\]: expected a date in 2027") as info:
        load_calendar(str(tmp_path))
    assert info.value.line == 2


def test_the_calendar_is_pure():
    calendar = Calendar(extra_holidays=frozenset({D(2026, 12, 28)}))
    assert add_working_days(D(2026, 12, 25), 1, calendar) == D(2026, 12, 29)


# -- every rule on both sides of its line (the examples file) -------------------------------
def test_every_ru_rule_has_examples():
    assert explain.missing_examples(RU, "ru") == []


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_the_triggers_example_triggers_the_rule(rule_id):
    judged = explain.judge_example(rule_id, "triggers", RU, "ru")
    assert judged is not None and rule_id in judged.rules


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_the_passes_example_does_not_trigger_the_rule(rule_id):
    judged = explain.judge_example(rule_id, "passes", RU, "ru")
    assert judged is not None and rule_id not in judged.rules


def test_the_base_ru_assessment_is_permitted_with_no_finding():
    judged = explain.judge_example("RU-GROUND-1", "passes", RU, "ru")
    assert judged is not None and judged.verdict == "permitted" and judged.rules == ()


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_its_texts_in_three_languages(rule_id):
    text = RU.rule(rule_id)
    for field in (text.title, text.message):
        assert all(field.get(lang, "").strip() for lang in ("az", "en", "ru")), rule_id


# -- the waiting period, at its edges ------------------------------------------------------
def _ru(build, make_transfer, **changes):
    info = {"obtained": D(2026, 12, 1), "measures": "ISO 27001", "termination": "30 days",
            "legal_regulation": "Sectoral laws"}
    recipient = {"name": "Cloud Inc.", "kind": "legal_entity", "phone": "+1 555 0100",
                 "email": "dpo@cloud.example", "postal_address": "1 Main St, Springfield"}
    base = dict(country="US", ground="consent", recipient=recipient, recipient_info=info,
                notification={"sent": D(2026, 12, 25), "separate": True}, start=D(2027, 1, 20))
    base.update(changes)
    return build(make_transfer(**base), jurisdiction="ru")


def _rules(evaluation):
    return [f.rule for f in evaluation.all_findings()]


def test_a_start_on_the_first_permitted_day_is_permitted(build, make_transfer):
    ev = evaluate(_ru(build, make_transfer), RU, D(2027, 1, 20))
    assert ev.verdict == "permitted", _rules(ev)


def test_a_start_the_day_before_is_blocked_and_names_the_first_permitted_day(build, make_transfer):
    ev = evaluate(_ru(build, make_transfer, start=D(2027, 1, 19)), RU, D(2027, 1, 20))
    assert ev.verdict == "blocked"
    (finding,) = [f for f in ev.all_findings() if f.rule == "RU-WAIT-1"]
    assert "2027-01-20" in finding.message("en") and "2027-01-20" in finding.message("ru")


def test_while_the_period_runs_the_transfer_is_pending(build, make_transfer):
    ev = evaluate(_ru(build, make_transfer, start=D(2027, 2, 1)), RU, D(2027, 1, 19))
    assert ev.verdict == "pending" and _rules(ev) == ["RU-WAIT-2"]
    assert evaluate(_ru(build, make_transfer, start=D(2027, 2, 1)), RU, D(2027, 1, 20)).verdict == "permitted"


def test_the_period_counts_from_a_later_receipt(build, make_transfer):
    notification = {"sent": D(2026, 12, 25), "separate": True, "acknowledged": D(2026, 12, 28)}
    ev = evaluate(_ru(build, make_transfer, notification=notification), RU, D(2027, 1, 20))
    assert ev.verdict == "blocked"  # counted from the 28th, the first permitted day is the 21st
    assert "2027-01-21" in next(f for f in ev.all_findings() if f.rule == "RU-WAIT-1").message("en")


def test_an_adequate_state_need_not_wait(build, make_transfer):
    ev = evaluate(_ru(build, make_transfer, country="AZ", start=D(2026, 12, 26)), RU, D(2026, 12, 26))
    assert ev.verdict == "permitted", _rules(ev)


def test_vital_interests_need_not_wait_but_say_so(build, make_transfer):
    ev = evaluate(_ru(build, make_transfer, ground="vital_interests", start=D(2026, 12, 26)), RU, D(2026, 12, 26))
    assert ev.verdict == "permitted" and _rules(ev) == ["RU-VITAL-1"]


def test_a_listed_state_counts_only_from_its_in_force_date(build, make_transfer):
    # Kyrgyzstan: on RKN's list (draft) from 2023-03-01
    before = _ru(build, make_transfer, country="KG", start=D(2023, 2, 20),
                 notification={"sent": D(2023, 2, 10), "separate": True},
                 recipient_info={"obtained": D(2023, 2, 1), "measures": "m", "termination": "t"})
    ev = evaluate(before, RU, D(2023, 2, 20))
    assert not ev.transfers[0].adequate and "RU-WAIT-1" in _rules(ev)


def test_a_future_notice_is_not_yet_sent(build, make_transfer):
    ev = evaluate(_ru(build, make_transfer, start=D(2027, 3, 1)), RU, D(2026, 12, 20))
    assert "RU-NOTIFY-1" in _rules(ev) and "RU-ADV-FUTURE" in _rules(ev)


def test_a_decision_in_the_future_does_not_block_yet(build, make_transfer):
    decision = {"date": D(2027, 2, 1), "kind": "prohibit", "reference": "08-1"}
    assert "RU-DECISION-1" not in _rules(evaluate(_ru(build, make_transfer, authority_decision=decision), RU, D(2027, 1, 25)))
    assert "RU-DECISION-1" in _rules(evaluate(_ru(build, make_transfer, authority_decision=decision), RU, D(2027, 2, 1)))


def test_the_request_deadline_is_counted_in_working_days(build, make_transfer):
    request = {"requested": D(2026, 12, 25)}
    ev = evaluate(_ru(build, make_transfer, information_request=request), RU, D(2027, 1, 20))
    (finding,) = [f for f in ev.all_findings() if f.rule == "RU-REQUEST-1"]
    assert "2027-01-19" in finding.message("en")


def test_a_missing_recipient_detail_is_reported_by_name(build, make_transfer):
    recipient = {"name": "Cloud Inc.", "kind": "legal_entity", "phone": "+1", "email": "a@b.c"}
    ev = evaluate(_ru(build, make_transfer, recipient=recipient), RU, D(2027, 1, 20))
    (finding,) = [f for f in ev.all_findings() if f.rule.startswith("RU-DETAILS")]
    assert finding.rule == "RU-DETAILS-POSTAL" and finding.field[-1] == "postal_address"


# -- citations and their doubt -----------------------------------------------------------------
def test_a_part_that_was_read_is_cited_with_its_number():
    finding_rule = "RU-NOTIFY-1"
    assert RU.cite(finding_rule, None, "en") == "152-FZ art. 12 part 3"
    assert RU.cite(finding_rule, None, "ru") == "152-ФЗ ч. 3 ст. 12"
    (law,) = RU.basis(finding_rule, None, "en")
    assert law.kind == "law" and law.clause == "art. 12 part 3" and law.verified


def test_a_part_read_only_in_paraphrase_says_so():
    assert RU.cite("RU-DETAILS-PHONE", None, "en") == "152-FZ art. 12 part 5 item 3 (wording read in secondary sources only)"
    (law,) = RU.basis("RU-DETAILS-PHONE", None, "en")
    assert law.clause is None and not law.verified
    assert "not verified" in RU.cite("RU-WAIT-1", None, "en") and "10.02.2023" in RU.cite("RU-WAIT-1", None, "en")


def test_the_az_citations_are_unchanged():
    az = load_reference(None, "az")
    assert az.basis("AZ-NOTIFY-1", None, "en")[0].clause is None


# -- the adequacy list --------------------------------------------------------------------------
def test_the_ru_list_is_separate_and_shows_its_doubt():
    assert RU.adequacy_version != load_reference(None, "az").adequacy_version
    assert RU.adequacy_of("AZ").adequate and "RU" not in RU.adequacy.countries
    china = RU.adequacy_of("CN")
    assert china.adequate and not china.verified
    assert not RU.adequacy_of("US").adequate
    note = RU.adequacy.meta.note["en"]
    assert "265-FZ" in note and "Council of Europe" in note and "NOT listed" in note
    for code, entry in RU.adequacy.countries.items():
        assert entry.basis, code


def test_the_workspace_may_override_the_ru_list(tmp_path: Path):
    (tmp_path / "adequacy_ru.toml").write_text(
        '[countries.KZ]\nadequate = true\nbasis = "RKN Order No. 128 (read by counsel)"\nverified = true\n', encoding="utf-8"
    )
    ref = load_reference(tmp_path, "ru")
    assert ref.adequacy_of("KZ").adequate
    assert not load_reference(tmp_path, "az").adequacy_of("KZ").adequate


# -- loading and deadlines ----------------------------------------------------------------------
def test_a_ru_file_loads_and_refuses_russia_as_a_destination(tmp_path, make_doc, make_transfer, write):
    from xborder.store import load_assessment

    ok = write(tmp_path, make_doc(make_transfer(country="AZ", ground="vital_interests"), jurisdiction="ru"))
    assert load_assessment(ok, RU).errors == []
    bad = write(tmp_path, make_doc(make_transfer(country="RU", ground="consent"), jurisdiction="ru"), "y")
    messages = [str(e) for e in load_assessment(bad, RU).errors]
    assert any("cannot go to Russia (RU)" in m for m in messages)
    az_ground = write(tmp_path, make_doc(make_transfer(country="DE", ground="vital_interests")), "z")
    assert any("vital_interests" in str(e) for e in load_assessment(az_ground, RU).errors)


def test_the_deadline_to_notify_a_non_adequate_state_counts_working_days(build, make_transfer):
    assessment = _ru(build, make_transfer, notification=None, recipient_info=None)
    deadlines = {d.kind: d.date for d in get_rulebook("ru").deadlines(assessment)}
    assert deadlines["notification"] == latest_start(D(2027, 1, 20), 10)
    assert first_day_after(deadlines["notification"], 10) <= D(2027, 1, 20)
    adequate = _ru(build, make_transfer, notification=None, country="DE")
    assert {d.kind: d.date for d in get_rulebook("ru").deadlines(adequate)}["notification"] == D(2027, 1, 19)


# -- the notice to Roskomnadzor ----------------------------------------------------------------
def _notice_ws(workspace, make_doc, make_transfer, write, **operator):
    info = {"obtained": D(2026, 12, 1), "measures": "ISO 27001", "termination": "30 days", "legal_regulation": "Sectoral laws"}
    recipient = {"name": "Cloud Inc.", "kind": "legal_entity", "address": "Springfield", "phone": "+1 555 0100",
                 "email": "dpo@cloud.example", "postal_address": "1 Main St, Springfield"}
    doc = make_doc(make_transfer(id="crm", country="US", ground="consent", recipient=recipient, recipient_info=info,
                                 notification=None, start=D(2027, 2, 1)), jurisdiction="ru")
    doc["operator"].update(address="Baku, Nizami 1", responsible="Leyla Aliyeva", contact="dpo@op.az",
                           signatory_name="Anar Mammadov", signatory_position="Director", **operator)
    write(workspace, doc)
    return doc


def test_the_notice_is_refused_listing_what_part_4_needs(workspace, make_doc, make_transfer, write, capsys):
    from xborder.cli.main import main

    _notice_ws(workspace, make_doc, make_transfer, write)
    status = main(["notice", "x", "-w", str(workspace), "--format", "md", "--as-of", "2026-12-03"])
    assert status != 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert "operator.intent_notice_number" in text and "operator.intent_notice_date" in text
    assert not list((workspace / "reports").glob("*")) if (workspace / "reports").exists() else True


def test_the_ready_notice_is_in_russian_with_the_part_4_fields(workspace, make_doc, make_transfer, write):
    from xborder.cli.main import main

    _notice_ws(workspace, make_doc, make_transfer, write, intent_notice_number="77-26-012345", intent_notice_date=D(2025, 3, 14))
    status = main(["notice", "x", "-w", str(workspace), "--format", "md", "--as-of", "2026-12-03", "--lang", "en"])
    assert status == 0
    (written,) = (workspace / "reports").glob("*.md")
    assert written.name == "x.notice.ru.md"
    text = written.read_text(encoding="utf-8").replace("\\", "")  # Markdown escapes
    for expected in ("Роскомнадзор", "Уведомление о намерении осуществлять трансграничную передачу",
                     "№ 77-26-012345 от 14.03.2025", "Leyla Aliyeva", "dpo@op.az", "Письменное согласие субъекта",
                     "Категории субъектов", "01.12.2026", "+1 555 0100", "1 Main St, Springfield", "частью 3 статьи 12"):
        assert expected in text, expected


# -- a copy under the other rulebook ------------------------------------------------------------
def test_copy_under_the_other_rulebook_names_what_does_not_carry_over(workspace, make_doc, make_transfer, write, capsys):
    from xborder.cli.main import main
    from xborder.rules import load_reference as load
    from xborder.store import load_assessment

    doc = make_doc(make_transfer(id="de", country="DE"), make_transfer(id="yandex", country="RU", ground="consent",
                                                                        consent={"written": True, "reference": "F1"}))
    doc["status"] = "in_review"
    write(workspace, doc)
    assert main(["copy", "x", "x-ru", "--jurisdiction", "ru", "-w", str(workspace), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "x-ru.toml" in out and '"ru" rulebook' in out
    assert "yandex: left out: RU is the home country" in out
    assert "de: the ground “Adequate protection in the destination state” is not a ground" in out and "de: the notice to the other authority" in out
    copy = load_assessment(workspace / "data" / "assessments" / "x-ru.toml", load(None, "ru"))
    assert copy.errors == [] and copy.assessment is not None
    a = copy.assessment
    assert (a.jurisdiction, a.status, [t.id for t in a.transfers]) == ("ru", "draft", ["de"])
    assert a.transfers[0].ground is None and a.transfers[0].notification is None
    assert a.transfers[0].recipient_info is not None  # the information obtained carries over
    assert main(["copy", "x", "x-ru", "--jurisdiction", "ru", "-w", str(workspace), "--lang", "en"]) != 0


def test_due_follows_the_workspaces_own_ru_list(tmp_path, make_doc, make_transfer, write):
    """`due` judges the wait with the workspace's override of the ru list (and calendar),
    as `check` does: a state the workspace lists as adequate has no 10-working-day wait."""
    from xborder.lifecycle import due_items
    from xborder.rules import evaluate
    from xborder.store import open_workspace

    (tmp_path / "xborder.toml").write_text('[operator]\nname = "Operator LLC"\n', encoding="utf-8")
    doc = make_doc(make_transfer(country="US", ground="consent", notification=None, start=D(2027, 1, 20),
                                 consent={"written": True, "reference": "F1"}), jurisdiction="ru")
    path = write(tmp_path, doc)

    def notification_due() -> dt.date:
        ws = open_workspace(tmp_path, search=False)
        a = ws.load(path).assessment
        items = due_items(a, evaluate(a, ws.reference, D(2026, 12, 1)), D(2026, 12, 1), 400)
        (item,) = [i for i in items if i.kind == "notification"]
        return item.date

    assert notification_due() == latest_start(D(2027, 1, 20), 10)  # the US is not on the shipped list
    (tmp_path / "data" / "adequacy_ru.toml").write_text(
        '[meta]\nversion = "ours"\nas_of = 2026-11-01\n\n[countries.US]\nadequate = true\nbasis = "authority letter"\n',
        encoding="utf-8",
    )
    assert notification_due() == D(2027, 1, 19)  # listed by the workspace: the day before the start


def test_the_draft_notice_lists_what_is_missing_in_russian(workspace, make_doc, make_transfer, write):
    from xborder.cli.main import main

    doc = _notice_ws(workspace, make_doc, make_transfer, write)
    doc["operator"].pop("signatory_name")
    write(workspace, doc)
    assert main(["notice", "x", "-w", str(workspace), "--format", "md", "--as-of", "2026-12-03", "--force"]) == 0
    (written,) = (workspace / "reports").glob("*.md")
    text = written.read_text(encoding="utf-8").replace("\\", "")
    assert "кто подписывает письмо" in text
    assert "номер и дата уведомления оператора о намерении осуществлять обработку" in text
    assert "who signs the letter" not in text


def test_the_copys_notes_name_a_ground_by_its_label_never_its_key():
    from xborder.lifecycle import copy_notes
    from xborder.rules import load_reference as load

    (line,) = copy_notes([("ground", {"transfer": "crm", "ground": "adequacy", "rulebook": "ru"})], load(None).label, "en")
    assert "Adequate protection in the destination state" in line and " adequacy " not in f" {line} "

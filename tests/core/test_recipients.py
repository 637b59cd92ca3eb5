"""The recipient catalogue (issue 10): data/recipients/<id>.toml, `recipient.ref` in a
transfer resolved when loading (the transfer's own values win), where each value came
from, and the unhappy paths: dangling, duplicate and conflicting references, a broken
catalogue file."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tests.conftest import AS_OF
from xborder.cli.main import main

GOOGLE = """\
schema_version = 1
id = "google-llc"
countries = ["US", "IE"]

[recipient]
name = "Google LLC"
kind = "legal_entity"
role = "processor"
address = "Mountain View, CA, USA"
agreement = "Google Ads Data Processing Terms"

[recipient_info]
obtained = 2026-10-01
measures = "ISO/IEC 27001; encryption at rest"
termination = "Deletion within 180 days of contract end"
evidence = ["evidence/google-dpa.pdf"]
source = "Data Processing Terms"
"""


@pytest.fixture
def xborder(capsys, monkeypatch):
    """xborder(*args, cwd=folder) -> (exit status, stdout, stderr), run in-process."""

    def _run(*args: str, cwd: Path) -> tuple[int, str, str]:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        status = main(list(args))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return _run


def catalogue(root: Path, text: str = GOOGLE, name: str = "google-llc") -> Path:
    path = root / "data" / "recipients" / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def referring(make_transfer, **changes):
    base = dict(id="ga", country="US", ground="consent",
                consent={"written": True, "reference": "CF-3"},
                recipient={"ref": "google-llc"}, recipient_info=None)
    base.update(changes)
    return make_transfer(**base)


def load(root: Path, name: str = "x"):
    from xborder.store import open_workspace

    ws = open_workspace(root, search=False)
    return ws, ws.load(ws.assessment_path(name))


def test_a_reference_takes_the_catalogue_values(workspace, write, make_doc, make_transfer):
    catalogue(workspace)
    write(workspace, make_doc(referring(make_transfer)))
    _, result = load(workspace)
    assert result.errors == []
    transfer = result.assessment.transfers[0]
    assert (transfer.recipient.name, transfer.recipient.kind, transfer.recipient.role) == (
        "Google LLC", "legal_entity", "processor",
    )
    assert transfer.recipient_info.obtained == dt.date(2026, 10, 1)
    assert transfer.recipient_info.evidence == ["evidence/google-dpa.pdf"]


def test_what_the_transfer_states_wins_and_sources_say_so(workspace, write, make_doc, make_transfer):
    from xborder.model.recipients import sources

    catalogue(workspace)
    own = referring(make_transfer, recipient={"ref": "google-llc", "address": "Dublin, Ireland"},
                    recipient_info={"measures": "Our own audit of 2026-09"})
    write(workspace, make_doc(own))
    _, result = load(workspace)
    transfer = result.assessment.transfers[0]
    assert transfer.recipient.address == "Dublin, Ireland"
    assert transfer.recipient_info.measures == "Our own audit of 2026-09"
    assert transfer.recipient_info.termination == "Deletion within 180 days of contract end"
    origin = sources(transfer)
    assert origin["recipient.address"] == "file"
    assert origin["recipient_info.measures"] == "file"
    assert origin["recipient.name"] == "catalogue:google-llc"
    assert origin["recipient_info.obtained"] == "catalogue:google-llc"


def test_saving_writes_back_only_what_the_file_states(workspace, write, make_doc, make_transfer):
    from xborder.lifecycle import transition
    from xborder.store import dump_assessment

    catalogue(workspace)
    path = write(workspace, make_doc(referring(make_transfer, recipient={"ref": "google-llc", "contact": "dpo@x"})))
    _, result = load(workspace)
    path.write_text(dump_assessment(result.assessment), encoding="utf-8")  # canonical
    _, result = load(workspace)
    text = path.read_text(encoding="utf-8")
    assert dump_assessment(result.assessment) == text  # untouched: the same bytes
    assert "Google LLC" not in text
    changed = transition(result.assessment, "in_review", by="Leyla")
    dumped = dump_assessment(changed)
    assert "Google LLC" not in dumped and "ISO/IEC 27001" not in dumped
    assert 'ref = "google-llc"' in dumped and 'contact = "dpo@x"' in dumped


def test_an_edited_value_is_written_as_the_files_own(workspace, write, make_doc, make_transfer):
    from xborder.store import dump_assessment

    catalogue(workspace)
    write(workspace, make_doc(referring(make_transfer)))
    _, result = load(workspace)
    result.assessment.transfers[0].recipient.address = "Dublin"
    dumped = dump_assessment(result.assessment)
    assert 'address = "Dublin"' in dumped and "Mountain View" not in dumped


def test_old_files_load_unchanged(example_workspace):
    from xborder.store import dump_assessment, open_workspace

    ws = open_workspace(example_workspace, search=False)
    for result in ws.load_all():
        assert result.errors == [] and dump_assessment(result.assessment) == result.text


def test_a_dangling_reference_is_a_load_error_with_line_and_key(workspace, write, make_doc, make_transfer):
    catalogue(workspace)
    path = write(workspace, make_doc(referring(make_transfer, recipient={"ref": "googel-llc"})))
    _, result = load(workspace)
    assert result.assessment is None
    (error,) = result.errors
    line = path.read_text(encoding="utf-8").splitlines().index('ref = "googel-llc"') + 1
    assert (error.line, error.column) == (line, 1)
    assert error.text("en").startswith("transfers[0].recipient.ref: no recipient 'googel-llc' in the catalogue")
    assert "alan tərəfi yoxdur" in error.text("az")


def test_a_ref_that_is_not_an_id_is_refused(workspace, write, make_doc, make_transfer):
    write(workspace, make_doc(referring(make_transfer, recipient={"ref": "../etc/passwd"})))
    _, result = load(workspace)
    assert result.assessment is None
    assert any("invalid recipient id" in e.text() for e in result.errors)


def test_a_broken_catalogue_file_makes_its_users_invalid_and_no_others(
    workspace, write, make_doc, make_transfer, xborder
):
    catalogue(workspace, GOOGLE.replace('name = "Google LLC"', 'nmae = "Google LLC"'))
    write(workspace, make_doc(referring(make_transfer), id="uses"))
    write(workspace, make_doc(id="other"))
    status, out, _ = xborder("check", "--format", "json", "--as-of", AS_OF.isoformat(), cwd=workspace)
    report = json.loads(out)
    by_id = {a["id"]: a for a in report["assessments"]}
    assert status == 2
    assert by_id["other"]["verdict"] == "permitted"
    assert by_id["uses"]["verdict"] == "invalid"
    (error,) = by_id["uses"]["errors"]
    assert "data/recipients/google-llc.toml:5:1: required key 'recipient.name' is missing" in error["message"]


def test_a_transfer_to_a_country_the_recipient_does_not_process_in(workspace, write, make_doc, make_transfer):
    catalogue(workspace)
    write(workspace, make_doc(referring(make_transfer, country="RU", ground="adequacy")))
    _, result = load(workspace)
    (error,) = result.errors
    assert error.text().startswith("transfers[0].country: RU is not among the countries")


def test_two_transfers_to_one_entry_and_country_are_a_duplicate(workspace, write, make_doc, make_transfer):
    catalogue(workspace)
    write(workspace, make_doc(referring(make_transfer), referring(make_transfer, id="ga2")))
    _, result = load(workspace)
    (error,) = result.errors
    assert error.text().startswith("transfers[1].recipient.ref: transfers[0] already goes to recipient 'google-llc'")
    # to another country the entry processes in: two transfers, no duplicate
    write(workspace, make_doc(referring(make_transfer), referring(make_transfer, id="ga2", country="IE",
                                                                  ground="adequacy")))
    assert load(workspace)[1].errors == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOGLE.replace('id = "google-llc"', 'id = "google"'), "id"),
        (GOOGLE.replace('kind = "legal_entity"', 'kind = "company"'), "recipient.kind"),
        (GOOGLE.replace("[recipient]\n", '[recipient]\nref = "other"\n'), "ref"),
        (GOOGLE.replace('countries = ["US", "IE"]', 'countries = ["XX"]'), "countries"),
        (GOOGLE + "colour = 1\n", "colour"),
        ("[recipient\n", "line"),
    ],
)
def test_a_catalogue_file_is_strict(tmp_path, text, expected):
    from xborder.store.recipients import load_entry

    path = tmp_path / "google-llc.toml"
    path.write_text(text, encoding="utf-8")
    result = load_entry(path)
    assert result.entry is None and result.errors
    assert result.errors[0].line is not None
    assert expected in result.errors[0].message or expected == "line"


def test_each_catalogue_file_is_read_once_per_workspace(workspace, write, make_doc, make_transfer, monkeypatch):
    import xborder.store.recipients as recipients
    from xborder.store import open_workspace

    catalogue(workspace)
    for number in range(5):
        write(workspace, make_doc(referring(make_transfer), id=f"a{number}"))
    reads = []
    real = recipients.load_entry
    monkeypatch.setattr(recipients, "load_entry", lambda path: reads.append(path) or real(path))
    ws = open_workspace(workspace, search=False)
    assert all(result.ok for result in ws.load_all())
    assert len(reads) == 1


def test_a_catalogue_change_shows_in_the_verdicts_of_its_users(workspace, write, make_doc, make_transfer, xborder):
    path = catalogue(workspace)
    write(workspace, make_doc(referring(make_transfer)))
    as_of = ("--as-of", AS_OF.isoformat(), "--format", "json")
    assert json.loads(xborder("check", *as_of, cwd=workspace)[1])["assessments"][0]["verdict"] == "permitted"
    path.write_text(GOOGLE.replace("obtained = 2026-10-01\n", "obtained = 2026-10-20\n"), encoding="utf-8")
    after = json.loads(xborder("check", *as_of, cwd=workspace)[1])["assessments"][0]
    assert after["verdict"] == "blocked"
    assert [f["rule"] for f in after["transfers"][0]["findings"] if f["severity"] != "advice"] == ["AZ-INFO-1"]


def test_check_json_and_text_say_where_a_value_came_from(workspace, write, make_doc, make_transfer, xborder):
    catalogue(workspace)
    write(workspace, make_doc(referring(make_transfer, recipient_info={"measures": "Own audit"}),
                              make_transfer(id="plain")))
    _, out, _ = xborder("check", "--format", "json", "--as-of", AS_OF.isoformat(), cwd=workspace)
    ga, plain = json.loads(out)["assessments"][0]["transfers"]
    assert ga["recipient_ref"] == "google-llc"
    assert ga["recipient_sources"]["recipient.name"] == "catalogue:google-llc"
    assert ga["recipient_sources"]["recipient_info.measures"] == "file"
    assert plain["recipient_ref"] is None and "recipient_sources" not in plain  # all its own
    _, text, _ = xborder("check", "--lang", "en", "--as-of", AS_OF.isoformat(), cwd=workspace)
    assert "Google LLC [catalogue: google-llc; stated in the file: measures]" in text


def test_the_schemas_accept_a_reference_and_a_catalogue_file(workspace):
    from jsonschema import Draft202012Validator

    from xborder.model.schema import recipient_schema
    from xborder.rules.schema import shipped_schema_text
    from xborder.tomlio import parse_toml

    entry = parse_toml(GOOGLE)
    entry["recipient_info"]["obtained"] = "2026-10-01"
    assert not list(Draft202012Validator(recipient_schema()).iter_errors(entry))
    schema = json.loads(shipped_schema_text())
    recipient = schema["$defs"]["Recipient"]
    validator = Draft202012Validator({**recipient, "$defs": schema["$defs"]})
    assert not list(validator.iter_errors({"ref": "google-llc"}))
    assert list(validator.iter_errors({"role": "processor"}))


# -- item 2: where used -------------------------------------------------------------------
def test_recipients_lists_each_entry_with_the_transfers_using_it(workspace, write, make_doc, make_transfer, xborder):
    catalogue(workspace)
    catalogue(workspace, GOOGLE.replace("google-llc", "ovh").replace("Google LLC", "OVH SAS"), name="ovh")
    write(workspace, make_doc(referring(make_transfer), id="a1"))
    write(workspace, make_doc(referring(make_transfer, id="ie", country="IE", ground="adequacy"), id="a2"))
    write(workspace, make_doc(referring(make_transfer, recipient={"ref": "gone"}), id="a3"))
    status, out, _ = xborder("recipients", "--lang", "en", cwd=workspace)
    assert status == 2  # a reference to a recipient not in the catalogue
    lines = out.splitlines()
    assert lines[0] == "google-llc  Google LLC  (US, IE)  used by 2 transfers"
    assert lines[1:3] == ["    a1: ga (US)", "    a2: ie (IE)"]
    assert lines[3] == "ovh  OVH SAS  (US, IE)  not used by any transfer"
    assert "a3: transfer ga refers to 'gone', which is not in the catalogue" in lines[-1]
    status, out, _ = xborder("recipients", "--format", "json", cwd=workspace)
    doc = json.loads(out)
    assert [u["assessment"] for u in doc["recipients"][0]["used_by"]] == ["a1", "a2"]
    assert doc["dangling"][0]["ref"] == "gone"


def test_recipients_show_gives_the_entry_and_the_verdicts_of_its_users(workspace, write, make_doc, make_transfer, xborder):
    catalogue(workspace)
    write(workspace, make_doc(referring(make_transfer), id="a1"))
    status, out, _ = xborder("recipients", "show", "google-llc", "--lang", "en", "--as-of", AS_OF.isoformat(), cwd=workspace)
    assert status == 0
    assert "  Countries it processes the data in: US, IE" in out
    assert "Google LLC" in out and "Deletion within 180 days of contract end" in out
    assert out.rstrip().endswith("a1: ga (US)  → Permitted")
    status, _, err = xborder("recipients", "show", "nobody", "--lang", "en", cwd=workspace)
    assert status == 2 and "no recipient 'nobody' in the catalogue" in err


def test_recipients_shows_a_broken_file_with_its_error(workspace, xborder):
    catalogue(workspace, GOOGLE.replace('kind = "legal_entity"', 'kind = "company"'))
    status, out, _ = xborder("recipients", "--lang", "en", cwd=workspace)
    assert status == 2
    assert out.splitlines()[0].startswith("INVALID FILE  google-llc")
    assert "data/recipients/google-llc.toml:7:" in out


def test_the_wizard_form_resolves_and_saves_only_the_files_values(workspace, write, make_doc, make_transfer):
    from xborder.store import dump_assessment
    from xborder.tui import form

    catalogue(workspace)
    path = write(workspace, make_doc(referring(make_transfer)))
    ws, result = load(workspace)
    path.write_text(dump_assessment(result.assessment), encoding="utf-8")
    ws, result = load(workspace)
    document = form.document_of(result.assessment)
    assert document["transfers"][0]["recipient"] == {"ref": "google-llc"}
    check = form.validate(document, ws.reference, AS_OF, recipients=ws.recipients)
    assert check.errors == {} and check.verdict == "permitted"
    assert check.assessment.transfers[0].recipient.name == "Google LLC"
    assert dump_assessment(check.assessment) == path.read_text(encoding="utf-8")
    document["transfers"][0]["recipient"]["ref"] = "nobody"
    assert ("transfers", 0, "recipient", "ref") in form.validate(document, ws.reference, AS_OF, recipients=ws.recipients).errors


# -- item 3: extract --------------------------------------------------------------------------
def test_extract_proposes_then_applies_without_changing_a_verdict(example_workspace, xborder):
    as_of = ("--as-of", AS_OF.isoformat(), "--format", "json")

    def verdicts() -> list:
        report = json.loads(xborder("check", *as_of, cwd=example_workspace)[1])
        return [(a["id"], a["verdict"], [(t["id"], t["verdict"], t["recipient"], t["findings"]) for t in a["transfers"]])
                for a in report["assessments"]]

    before = verdicts()
    files = {p: p.read_text(encoding="utf-8") for p in (example_workspace / "data" / "assessments").glob("*.toml")}
    status, out, _ = xborder("recipients", "extract", "--lang", "en", cwd=example_workspace)
    assert status == 0 and "Nothing written" in out
    assert not (example_workspace / "data" / "recipients").exists()
    assert {p: p.read_text(encoding="utf-8") for p in files} == files
    status, out, _ = xborder("recipients", "extract", "--apply", "--lang", "en", cwd=example_workspace)
    assert status == 0
    assert (example_workspace / "data" / "recipients" / "google-llc.toml").is_file()
    assert 'ref = "google-llc"' in (example_workspace / "data" / "assessments" / "charge-web-analytics.toml").read_text(encoding="utf-8")
    assert verdicts() == before
    status, out, _ = xborder("recipients", "extract", "--lang", "en", cwd=example_workspace)
    assert "nothing to extract" in out


# -- item 6: the documents show the transfer as resolved ------------------------------------
def test_report_notice_and_register_show_the_catalogue_values(workspace, write, make_doc, make_transfer, xborder):
    catalogue(workspace)
    write(workspace, make_doc(referring(make_transfer, start=dt.date(2027, 3, 1), notification=None,
                                        recipient={"ref": "google-llc", "contact": "dpo@google.example"}),
                              operator={"name": "Operator LLC", "tin": "1700123451", "address": "Baku",
                                        "responsible": "Günay Əliyeva", "signatory_name": "Elvin Rzayev",
                                        "signatory_position": "Direktor", "intent_notice_number": "2024/1183",
                                        "intent_notice_date": "2024-09-16"}))
    out_dir = workspace / "out"
    as_of = ("--as-of", AS_OF.isoformat(), "--out", str(out_dir))
    assert xborder("report", "x", "--format", "md", "--lang", "en", *as_of, cwd=workspace)[0] == 0
    report = (out_dir / "x.en.md").read_text(encoding="utf-8")
    for value in ("Google LLC", "Mountain View, CA, USA", "dpo@google.example", "Google Ads Data Processing Terms",
                  "ISO/IEC 27001; encryption at rest", "Deletion within 180 days of contract end",
                  "evidence/google-dpa.pdf", "Data Processing Terms", "google-llc \\(what this assessment does not state"):
        assert value in report, value
    status, _, err = xborder("notice", "x", "--format", "md", "--lang", "en", *as_of, cwd=workspace)
    assert status == 0, err
    notice = next(out_dir.glob("x.notice*.md")).read_text(encoding="utf-8")
    for value in ("Google LLC", "ISO/IEC 27001; encryption at rest", "Deletion within 180 days of contract end"):
        assert value in notice, value
    assert xborder("register", "--format", "json", *as_of, cwd=workspace)[0] in (0, 1)
    register = json.loads(next(out_dir.glob("register*.json")).read_text(encoding="utf-8"))
    (row,) = [r for r in register["transfers"] if r["assessment"] == "x"]
    assert (row["recipient"], row["recipient_role"], row["recipient_info_obtained"]) == ("Google LLC", "processor", "2026-10-01")


# -- item 4: the information request ------------------------------------------------------
def test_the_rulebook_says_what_a_recipient_must_give(workspace):
    from xborder.rules.registry import get_rulebook
    from xborder.store import open_workspace
    from xborder.store.requests import asks_for

    assert get_rulebook("az").form.recipient_asks == ("measures", "termination")
    catalogue(workspace)
    assert asks_for(open_workspace(workspace, search=False), "google-llc") == ("measures", "termination")


def _request(workspace, xborder, *langs: str) -> Path:
    status, out, err = xborder("request", "google-llc", "--lang", ",".join(langs), "--format", "md",
                               "--as-of", "2026-12-03", cwd=workspace)
    assert status == 0, err
    return workspace / "reports" / "google-llc.request-reply.toml"


def test_request_writes_the_letter_and_the_reply_form_in_three_languages(workspace, write, make_doc, make_transfer, xborder):
    catalogue(workspace)
    write(workspace, make_doc(referring(make_transfer)))
    form = _request(workspace, xborder, "az", "en", "ru")
    en = (workspace / "reports" / "google-llc.request.en.md").read_text(encoding="utf-8")
    assert "Request for information on the protection of personal data" in en
    assert "the technical and organisational measures you take" in en
    assert "the conditions on which the processing ends" in en
    assert "United States" in en and "google-llc.request-reply.toml" in en
    az = (workspace / "reports" / "google-llc.request.az.md").read_text(encoding="utf-8")
    assert "Fərdi məlumatların mühafizəsi barədə məlumat sorğusu" in az and "alan tərəf" in az
    ru = (workspace / "reports" / "google-llc.request.ru.md").read_text(encoding="utf-8")
    assert "Запрос сведений о защите персональных данных" in ru
    from xborder.tomlio import parse_toml

    template = parse_toml(form.read_text(encoding="utf-8"))
    assert list(template) == ["recipient", "request_date", "answered", "answered_by", "measures", "termination", "evidence"]
    assert template["recipient"] == "google-llc" and template["request_date"] == dt.date(2026, 12, 3)


def _filled(form: Path, target: Path, **answers: str) -> Path:
    text = form.read_text(encoding="utf-8")
    for key, value in answers.items():
        text = re.sub(rf"^{key} = .*$", f"{key} = {value}", text, flags=re.M)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _check_json(xborder, workspace):
    status, out, _ = xborder("check", "--format", "json", "--as-of", "2026-12-03", cwd=workspace)
    return status, json.loads(out)


def test_import_records_the_reply_and_keeps_the_evidence(workspace, write, make_doc, make_transfer, xborder, tmp_path):
    catalogue(workspace)
    write(workspace, make_doc(referring(make_transfer)))
    form = _request(workspace, xborder, "en")
    (tmp_path / "in" / "dpa.pdf").parent.mkdir(parents=True)
    (tmp_path / "in" / "dpa.pdf").write_bytes(b"%PDF-1.7 dpa")
    reply = _filled(form, tmp_path / "in" / "reply.toml", answered="2026-12-02", measures='"SOC 2 Type II"',
                    termination='"Deleted within 30 days"', evidence='["dpa.pdf"]')
    status, out, err = xborder("request", "import", str(reply), "--lang", "en", "--as-of", "2026-12-03", cwd=workspace)
    assert status == 0, err
    from xborder.store.recipients import load_entry

    info = load_entry(workspace / "data" / "recipients" / "google-llc.toml").entry.recipient_info
    assert (info.obtained, info.measures, info.termination) == (dt.date(2026, 12, 2), "SOC 2 Type II", "Deleted within 30 days")
    assert info.evidence == ["evidence/recipients/google-llc/reply-2026-12-02.toml", "evidence/recipients/google-llc/dpa.pdf"]
    assert (workspace / info.evidence[1]).read_bytes() == b"%PDF-1.7 dpa"
    assert (workspace / info.evidence[0]).read_text(encoding="utf-8") == reply.read_text(encoding="utf-8")
    assert "2026-12-03" in info.source
    # the earlier reply's date is kept: the transfer notified on 2026-10-05 relied on the
    # information of 2026-10-01, obtained before its notice, and stays permitted (the newer
    # reply must not read as "information obtained after notifying")
    entry = load_entry(workspace / "data" / "recipients" / "google-llc.toml").entry
    assert entry.earlier_obtained == [dt.date(2026, 10, 1)]
    assert "Permitted → Blocked" not in out
    status, data = _check_json(xborder, workspace)
    (transfer,) = data["assessments"][0]["transfers"]
    assert transfer["verdict"] == "permitted"
    assert "AZ-INFO-1" not in [f["rule"] for f in transfer["findings"]]


def test_a_transfer_notified_after_the_newest_reply_relies_on_it(workspace, write, make_doc, make_transfer):
    from xborder.model.recipients import _obtained_for

    earlier = [dt.date(2026, 10, 1)]
    newest = dt.date(2026, 12, 2)
    assert _obtained_for({"notification": {"sent": dt.date(2026, 12, 10)}}, newest, earlier) == newest
    assert _obtained_for({"notification": {"sent": dt.date(2026, 10, 5)}}, newest, earlier) == dt.date(2026, 10, 1)
    assert _obtained_for({"notification": {"sent": dt.date(2026, 9, 1)}}, newest, earlier) == newest  # none before: the newest (rule 7 says so)
    assert _obtained_for({}, newest, earlier) == newest  # not notified yet


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"termination": '""'}, ":16:1: not answered: the rulebook needs 'termination' from the recipient"),
        ({"answered": '"2026-13-01"'}, "answered"),
        ({"answered": "2026-12-09"}, "the reply is dated 2026-12-09, after today (2026-12-03)"),
        ({"evidence": '["missing.pdf"]'}, "no file 'missing.pdf' beside the reply"),
        ({"evidence": '["../../etc/passwd"]'}, "beside the reply"),
        ({"recipient": '"nobody"'}, "no recipient 'nobody' in the catalogue"),
        ({"measures": "1"}, "measures"),
    ],
)
def test_import_refuses_a_bad_reply_in_one_line_each(workspace, xborder, tmp_path, answers, expected):
    catalogue(workspace)
    before = (workspace / "data" / "recipients" / "google-llc.toml").read_text(encoding="utf-8")
    form = _request(workspace, xborder, "en")
    full = {"answered": "2026-12-02", "measures": '"SOC 2"', "termination": '"30 days"', **answers}
    reply = _filled(form, tmp_path / "reply.toml", **full)
    status, out, err = xborder("request", "import", str(reply), "--lang", "en", "--as-of", "2026-12-03", cwd=workspace)
    assert status == 2
    assert expected in err
    assert all(line.startswith(f"{reply}:") for line in err.splitlines())
    assert (workspace / "data" / "recipients" / "google-llc.toml").read_text(encoding="utf-8") == before
    assert not (workspace / "evidence").exists()


def test_import_refuses_unknown_keys_and_reads_json(workspace, xborder, tmp_path):
    catalogue(workspace)
    reply = tmp_path / "reply.toml"
    reply.write_text('recipient = "google-llc"\nanswered = 2026-12-01\nmeasures = "a"\ntermination = "b"\ncolour = "red"\n',
                     encoding="utf-8")
    status, _, err = xborder("request", "import", str(reply), "--lang", "az", "--as-of", "2026-12-03", cwd=workspace)
    assert status == 2 and err == f"{reply}:5:1: naməlum açar 'colour' (yazılışını yoxlayın)\n"
    answer = tmp_path / "reply.json"
    answer.write_text(json.dumps({"recipient": "google-llc", "answered": "2026-12-01", "measures": "a", "termination": "b"}),
                      encoding="utf-8")
    status, _, err = xborder("request", "import", str(answer), "--as-of", "2026-12-03", cwd=workspace)
    assert status == 0, err
    assert (workspace / "evidence" / "recipients" / "google-llc" / "reply-2026-12-01.json").is_file()


def test_request_pdf_is_typeset(workspace, xborder):
    from pypdf import PdfReader

    catalogue(workspace)
    status, _, err = xborder("request", "google-llc", "--lang", "az", "--format", "pdf", "--as-of", "2026-12-03", cwd=workspace)
    assert status == 0, err
    text = "".join(page.extract_text() for page in PdfReader(workspace / "reports" / "google-llc.request.az.pdf").pages)
    assert "məlumat sorğusu" in text and "Google LLC" in text


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git is not installed")
def test_recipients_history_shows_each_change_of_the_file(workspace, write, make_doc, make_transfer, xborder):
    import os
    import subprocess

    def commit(message: str, date: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_NAME": "Leyla", "GIT_AUTHOR_EMAIL": "l@example.az",
               "GIT_COMMITTER_NAME": "Leyla", "GIT_COMMITTER_EMAIL": "l@example.az",
               "GIT_AUTHOR_DATE": f"{date}T10:00:00+04:00", "GIT_COMMITTER_DATE": f"{date}T10:00:00+04:00"}
        subprocess.run(["git", "add", "-A"], cwd=workspace, check=True, env=env)
        subprocess.run(["git", "commit", "-q", "-m", message], cwd=workspace, check=True, env=env)

    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=workspace, check=True)
    path = catalogue(workspace)
    write(workspace, make_doc(referring(make_transfer)))
    commit("Google LLC in the catalogue", "2026-10-02")
    path.write_text(GOOGLE.replace("Google Ads Data Processing Terms", "Google Cloud DPA v3"), encoding="utf-8")
    commit("Google: new DPA", "2026-11-02")
    path.write_text(GOOGLE.replace('countries = ["US", "IE"]', 'countries = ["US"]'), encoding="utf-8")
    status, out, _ = xborder("recipients", "history", "google-llc", "--lang", "en", cwd=workspace)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].endswith("uncommitted changes") or "uncommitted" in lines[0]
    assert 'recipient.agreement: “Google Cloud DPA v3” → “Google Ads Data Processing Terms”' in out
    assert "countries: removed “IE”" in out
    assert "2026-11-02" in out and "Leyla: Google: new DPA" in out
    assert 'recipient.agreement: “Google Ads Data Processing Terms” → “Google Cloud DPA v3”' in out
    assert out.rstrip().endswith("x: ga (US)")


def test_a_catalogue_file_over_its_limit_is_refused_with_its_own_limit(tmp_path):
    from xborder.store.recipients import MAX_FILE_BYTES, load_entry

    path = tmp_path / "google-llc.toml"
    path.write_text(GOOGLE + "#" * MAX_FILE_BYTES, encoding="utf-8")
    result = load_entry(path)
    assert result.entry is None
    assert result.errors[0].message == f"file is too large (1.0 MB; the limit for this file is {MAX_FILE_BYTES // 1_048_576} MB)"

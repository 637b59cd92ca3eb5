"""`xborder check` (FORMAT.md): verdicts of the example workspace, exit codes, the JSON
shape, paths, the as-of date, one-line errors and deterministic output."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.cli import check as check_module
from xborder.cli.main import main
from xborder.rules import SEVERITIES

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-22"
VERDICTS = ("permitted", "pending", "incomplete", "blocked", "invalid")

# The example workspace as of 2026-11-22: assessment verdict, and per transfer its verdict
# and the rules it raises (advice included). A change here is a change of legal outcome.
EXPECTED = {
    "alqoritmika-crm-telephony": ("permitted", {
        "crm": ("permitted", []),
        "ip-telephony": ("permitted", []),
    }),
    "alqoritmika-licensees": ("pending", {
        "licensee-ge": ("permitted", []),
        "licensee-kz": ("pending", ["AZ-NOTIFY-1"]),
        "licensee-tr": ("pending", ["AZ-ADV-UNVERIFIED", "AZ-INFO-3", "AZ-NOTIFY-1"]),
        "licensee-uz": ("pending", ["AZ-INFO-3", "AZ-NOTIFY-1"]),
    }),
    "charge-hr-group": ("blocked", {
        "hris": ("blocked", ["AZ-ADV-SPECIAL", "AZ-NOTIFY-4"]),
        "payroll": ("blocked", ["AZ-CONSENT-1", "AZ-NOTIFY-1"]),
        "group-reporting": ("blocked", ["AZ-CONTRACT-1", "AZ-NOTIFY-1", "AZ-SECURITY-1"]),
    }),
    "charge-web-analytics": ("blocked", {
        "google-analytics": ("permitted", []),
        "amplitude": ("blocked", ["AZ-NOTIFY-3"]),
        "yandex-metrika": ("blocked", ["AZ-ADV-UNVERIFIED", "AZ-INFO-2"]),
    }),
    "elegal-lawyers": ("blocked", {
        "lawyer-tr": ("permitted", []),
        "lawyer-gb": ("blocked", ["AZ-NOTIFY-2"]),
        "web-analytics": ("blocked", ["AZ-ADEQ-1", "AZ-NOTIFY-1"]),
        "portal-backups": ("blocked", ["AZ-INFO-1"]),
    }),
    "ims-support-chats": ("permitted", {
        "telegram": ("permitted", []),
        "whatsapp": ("permitted", []),
    }),
    "ims-web-analytics": ("incomplete", {
        "yandex-metrika": ("incomplete", ["AZ-CONSENT-3", "AZ-NOTIFY-5"]),
        "google-analytics": ("incomplete", ["AZ-CONSENT-2", "AZ-INFO-3", "AZ-START-1"]),
    }),
    "probpm-crm": ("incomplete", {
        "crm-hosting": ("permitted", []),
        "ip-telephony": ("incomplete", ["AZ-CONTRACT-3", "AZ-NOTIFY-1"]),
        "email-newsletters": ("incomplete", ["AZ-ADV-PROCESSOR", "AZ-GROUND-1", "AZ-INFO-3", "AZ-START-1"]),
    }),
    # the "ru" rulebook (152-FZ): a Russian client of Pro BPM, hosting in Baku and telephony in the US
    "severnyi-crm-ru": ("permitted", {"crm-baku": ("permitted", [])}),
    "severnyi-support-us-ru": ("pending", {"ip-telephony": ("pending", ["RU-NOTIFY-1"])}),
}


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


def check_json(xborder, cwd: Path, *args: str) -> tuple[int, dict]:
    status, out, err = xborder("check", "--format", "json", "--as-of", AS_OF, *args, cwd=cwd)
    assert err == ""
    return status, json.loads(out)


# -- the example workspace ---------------------------------------------------------------------
def test_example_workspace_verdicts(xborder, example_workspace):
    status, report = check_json(xborder, example_workspace)
    assert status == 1
    actual = {
        a["id"]: (
            a["verdict"],
            {t["id"]: (t["verdict"], sorted(f["rule"] for f in t["findings"])) for t in a["transfers"]},
        )
        for a in report["assessments"]
    }
    assert actual == EXPECTED
    assert report["summary"] == {"permitted": 3, "pending": 2, "incomplete": 2, "blocked": 3, "invalid": 0}
    assert set(report["summary"]) == set(VERDICTS)


def test_example_workspace_covers_every_verdict_but_invalid():
    assert {verdict for verdict, _ in EXPECTED.values()} == set(VERDICTS) - {"invalid"}


# -- the JSON shape ------------------------------------------------------------------------------
def _assert_finding(finding: dict) -> None:
    assert {"rule", "severity", "citation", "message"} <= set(finding)
    assert finding["severity"] in SEVERITIES
    assert isinstance(finding["rule"], str) and finding["rule"].startswith(("AZ-", "RU-"))
    assert isinstance(finding["citation"], str) and isinstance(finding["message"], str)
    assert finding["message"]


def test_json_shape(xborder, example_workspace, make_doc, write):
    write(example_workspace, make_doc(id="zz-broken", status="done"))
    status, report = check_json(xborder, example_workspace)
    assert status == 2
    assert {"as_of", "assessments", "summary"} <= set(report)
    loaded = [entry for entry in report["assessments"] if entry["verdict"] != "invalid"]
    assert {entry["jurisdiction"] for entry in loaded} == {"az", "ru"}
    assert all(entry["adequacy_version"].startswith("ru-") == (entry["jurisdiction"] == "ru") for entry in loaded)
    assert report["as_of"] == AS_OF
    assert list(report["summary"]) == list(VERDICTS)
    assert sum(report["summary"].values()) == len(report["assessments"]) == 11
    for entry in report["assessments"]:
        assert {"file", "id", "verdict", "errors", "findings", "transfers"} <= set(entry)
        assert entry["file"] == f"data/assessments/{entry['id']}.toml"
        assert entry["verdict"] in VERDICTS
        for finding in entry["findings"]:
            _assert_finding(finding)
        for transfer in entry["transfers"]:
            assert {"id", "country", "adequate", "verdict", "findings"} <= set(transfer)
            assert isinstance(transfer["adequate"], bool)
            assert len(transfer["country"]) == 2 and transfer["country"].isupper()
            assert transfer["verdict"] in VERDICTS[:-1]
            for finding in transfer["findings"]:
                _assert_finding(finding)
    (invalid,) = [a for a in report["assessments"] if a["verdict"] == "invalid"]
    assert invalid["id"] == "zz-broken"
    assert invalid["transfers"] == [] and invalid["findings"] == []
    (error,) = invalid["errors"]
    assert set(error) == {"message", "line", "column"}
    assert error["line"] == 5 and error["column"] == 1  # status comes after created
    assert "status: unknown value 'done'" in error["message"]


def test_json_errors_of_missing_top_level_keys_point_at_the_document(xborder, workspace):
    (workspace / "data" / "assessments" / "bare.toml").write_text('title = "T"\n', encoding="utf-8")
    status, report = check_json(xborder, workspace)
    assert status == 2
    errors = report["assessments"][0]["errors"]
    assert {e["message"] for e in errors} >= {"required key 'id' is missing", "required key 'created' is missing"}
    assert all((e["line"], e["column"]) == (1, 1) for e in errors)


def test_json_errors_without_position_have_null_line(xborder, workspace):
    """A file that cannot be read has no line to point at: line and column are null."""
    status, report = check_json(xborder, workspace, "data/assessments/absent.toml")
    assert status == 2
    (error,) = report["assessments"][0]["errors"]
    assert (error["line"], error["column"]) == (None, None) and "cannot read" in error["message"]


def test_json_messages_follow_lang(xborder, workspace, make_doc, make_transfer, write):
    write(workspace, make_doc(make_transfer(ground=None)))
    _, en = check_json(xborder, workspace)
    _, az = check_json(xborder, workspace, "--lang", "az")
    (f_en,) = en["assessments"][0]["transfers"][0]["findings"]
    (f_az,) = az["assessments"][0]["transfers"][0]["findings"]
    assert (f_en["rule"], f_en["severity"]) == (f_az["rule"], f_az["severity"])
    assert f_en["citation"].startswith("Law No. 998-IIIQ (article not verified); model: Pro BPM Consalt MMC policy, clause 7.1–7.2")
    assert f_az["citation"].startswith("998-IIIQ nömrəli Qanun (maddə yoxlanılmayıb); nümunə: Pro BPM")
    assert f_en["message"] != f_az["message"]


def test_json_of_an_empty_workspace(xborder, workspace):
    status, report = check_json(xborder, workspace)
    assert status == 0
    assert report["assessments"] == []
    assert report["summary"] == dict.fromkeys(VERDICTS, 0)


# -- exit status ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({}, 0),  # permitted
        ({"notification": None}, 0),  # pending
        ({"ground": None}, 0),  # incomplete
        ({"national_security_risk": True}, 1),  # blocked
    ],
    ids=["permitted", "pending", "incomplete", "blocked"],
)
def test_exit_status_by_verdict(xborder, workspace, make_doc, make_transfer, write, changes, status):
    write(workspace, make_doc(make_transfer(**changes)))
    assert xborder("check", "--as-of", AS_OF, cwd=workspace)[0] == status


def test_exit_status_invalid_outranks_blocked(xborder, workspace, make_doc, make_transfer, write):
    write(workspace, make_doc(make_transfer(national_security_risk=True), id="a-blocked"))
    write(workspace, make_doc(id="b-invalid", title=""))
    assert xborder("check", "--as-of", AS_OF, cwd=workspace)[0] == 2


def test_exit_status_from_a_real_process(example_workspace):
    """The status reaches the shell (CI scripts rely on it), with nothing on stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "xborder", "check", "--as-of", AS_OF, "--format", "json"],
        cwd=example_workspace, capture_output=True, text=True, check=False,
    )
    assert (proc.returncode, proc.stderr) == (1, "")
    assert json.loads(proc.stdout)["summary"]["blocked"] == 3
    broken = subprocess.run(
        [sys.executable, "-m", "xborder", "check", "--as-of", AS_OF],
        cwd=ROOT / "examples" / "broken", capture_output=True, text=True, check=False,
    )
    assert (broken.returncode, broken.stderr) == (2, "")
    # the workspace's language (az): the message in Azerbaijani, the key as in the file
    assert "typo-key.toml:24:1: naməlum açar 'transfers[0].grond'" in broken.stdout


# -- one bad file never stops the others ----------------------------------------------------------
def test_one_bad_file_does_not_stop_the_others(xborder, workspace, make_doc, write):
    write(workspace, make_doc(id="a"))
    (workspace / "data" / "assessments" / "b.toml").write_bytes(b"\xff\xfe garbage")
    write(workspace, make_doc(id="c"))
    status, report = check_json(xborder, workspace)
    assert status == 2
    assert [(a["id"], a["verdict"]) for a in report["assessments"]] == [
        ("a", "permitted"), ("b", "invalid"), ("c", "permitted"),
    ]


def test_hidden_and_non_toml_files_are_skipped(xborder, workspace, make_doc, write):
    write(workspace, make_doc(id="a"))
    folder = workspace / "data" / "assessments"
    (folder / ".a.toml.1234.tmp").write_text("junk", encoding="utf-8")
    (folder / ".hidden.toml").write_text("junk", encoding="utf-8")
    (folder / "README.md").write_text("junk", encoding="utf-8")
    status, report = check_json(xborder, workspace)
    assert status == 0
    assert [a["id"] for a in report["assessments"]] == ["a"]


# -- paths ------------------------------------------------------------------------------------------
def test_path_to_one_file(xborder, example_workspace):
    status, report = check_json(xborder, example_workspace, "data/assessments/ims-support-chats.toml")
    assert status == 0
    assert [a["id"] for a in report["assessments"]] == ["ims-support-chats"]


def test_path_to_a_folder_and_files_in_order_given(xborder, example_workspace, tmp_path, make_doc, write):
    other = tmp_path / "elsewhere"
    write(other, make_doc(id="outside"))
    folder = other / "data" / "assessments"
    status, report = check_json(
        xborder, example_workspace, str(folder), "data/assessments/charge-web-analytics.toml"
    )
    assert status == 1
    assert [a["id"] for a in report["assessments"]] == ["outside", "charge-web-analytics"]
    assert report["assessments"][0]["file"] == "../elsewhere/data/assessments/outside.toml"


def test_path_to_a_workspace_folder_means_its_assessments(xborder, example_workspace, tmp_path):
    """`xborder check .` at the root, or a workspace named from elsewhere: its
    data/assessments, not xborder.toml judged as an assessment."""
    _, expected = check_json(xborder, example_workspace)
    for cwd, path in ((example_workspace, "."), (tmp_path, str(example_workspace))):
        status, report = check_json(xborder, cwd, path)
        assert status == 1
        assert report["assessments"] == expected["assessments"]


def test_paths_outside_any_workspace_use_the_shipped_reference(xborder, tmp_path, make_doc, write):
    write(tmp_path, make_doc(id="loose"))
    status, report = check_json(xborder, tmp_path / "data", "assessments/loose.toml")
    assert status == 0
    assert report["assessments"][0]["verdict"] == "permitted"


def test_paths_of_a_workspace_checked_from_outside_use_its_reference_data(xborder, workspace, tmp_path, make_doc, write):
    """Run from a folder outside any workspace on a workspace's files, the verdict is
    the one given inside it: the workspace's data/ overrides apply."""
    write(workspace, make_doc())  # DE, ground adequacy: permitted with the shipped list
    (workspace / "data" / "adequacy.toml").write_text(
        '[countries.DE]\nadequate = false\nbasis = "Local decision"\n', encoding="utf-8"
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    _, inside = check_json(xborder, workspace)
    for path in (workspace / "data" / "assessments" / "x.toml", workspace / "data" / "assessments"):
        status, report = check_json(xborder, outside, str(path))
        assert status == 1 and report["assessments"] == inside["assessments"]
        assert report["assessments"][0]["verdict"] == "blocked"


def test_named_workspace_must_exist_even_with_paths(xborder, workspace, tmp_path, make_doc, write):
    """--workspace DIR is never ignored: without xborder.toml there it is an error."""
    write(workspace, make_doc())
    path = str(workspace / "data" / "assessments" / "x.toml")
    status, out, err = xborder("check", "--workspace", str(tmp_path / "nowhere"), path, cwd=tmp_path)
    assert (status, out) == (2, "")
    assert err.startswith("xborder: no xborder.toml in ") and err.count("\n") == 1


def test_missing_toml_path_is_an_invalid_file(xborder, workspace):
    status, report = check_json(xborder, workspace, "nope.toml")
    assert status == 2
    (entry,) = report["assessments"]
    assert entry["verdict"] == "invalid"
    assert "cannot read" in entry["errors"][0]["message"]


def test_missing_other_path_is_a_one_line_error(xborder, workspace):
    status, out, err = xborder("check", "nowhere", cwd=workspace)
    assert (status, out) == (2, "")
    assert err == "xborder: nowhere: no such file or folder\n"


def test_no_workspace_is_a_one_line_error(xborder, tmp_path):
    status, out, err = xborder("check", cwd=tmp_path)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and "xborder init" in err


def test_workspace_option(xborder, example_workspace, tmp_path):
    status, out, _ = xborder("check", "--as-of", AS_OF, "--workspace", str(example_workspace), cwd=tmp_path)
    assert status == 1 and "charge-web-analytics" in out
    status, _, err = xborder("check", "--workspace", str(tmp_path), cwd=tmp_path)
    assert status == 2 and err.startswith("xborder: no xborder.toml in ")


def test_workspace_is_found_from_a_subfolder(xborder, example_workspace):
    status, report = check_json(xborder, example_workspace / "data" / "assessments")
    assert status == 1 and len(report["assessments"]) == 10


# -- the as-of date -----------------------------------------------------------------------------
def test_as_of_boundary_through_the_cli(xborder, workspace, make_doc, make_transfer, write):
    write(workspace, make_doc(make_transfer(start=dt.date(2026, 11, 22), notification=None)))
    status, report = check_json(xborder, workspace)
    assert status == 1 and report["assessments"][0]["verdict"] == "blocked"
    status, out, _ = xborder("check", "--format", "json", "--as-of", "2026-11-21", cwd=workspace)
    assert status == 0 and json.loads(out)["assessments"][0]["verdict"] == "pending"


def test_as_of_defaults_to_today(xborder, workspace, monkeypatch):
    monkeypatch.setattr("xborder.cli.cmd_check.today", lambda: dt.date(2031, 5, 6))
    status, out, _ = xborder("check", "--format", "json", cwd=workspace)
    assert json.loads(out)["as_of"] == "2031-05-06"


@pytest.mark.parametrize("value", ["22.11.2026", "2026-02-30", "tomorrow"])
def test_invalid_as_of_is_a_one_line_error(xborder, workspace, value):
    status, out, err = xborder("check", "--as-of", value, cwd=workspace)
    assert (status, out) == (2, "")
    assert err == f"xborder: invalid date {value!r}: expected YYYY-MM-DD\n"


# -- text output ------------------------------------------------------------------------------------
def test_text_output_names_file_line_and_key(xborder, workspace, make_doc, write):
    write(workspace, make_doc(id="a"))
    text = (workspace / "data" / "assessments" / "a.toml").read_text(encoding="utf-8")
    (workspace / "data" / "assessments" / "a.toml").write_text(
        text.replace('kind = "legal_entity"', 'kind = "company"'), encoding="utf-8"
    )
    status, out, err = xborder("check", "--as-of", AS_OF, "--lang", "en", cwd=workspace)
    assert (status, err) == (2, "")
    line = next(line for line in out.splitlines() if "company" in line)
    assert line.strip().startswith("✗ data/assessments/a.toml:")
    assert "transfers[0].recipient.kind: unknown value 'company'" in line
    assert out.splitlines()[-1] == "as of 2026-11-22: 1 assessment: Invalid file 1"


def test_text_output_in_azerbaijani_uses_dotted_capital_i(xborder, example_workspace):
    status, out, _ = xborder("check", "--as-of", AS_OF, "--lang", "az", cwd=example_workspace)
    assert status == 1
    assert "YOL VERİLİR  alqoritmika-crm-telephony  [az]" in out
    assert "VERILIR" not in out
    assert out.splitlines()[-1].startswith("tarix 2026-11-22: 10 qiymətləndirmə: ")


def test_text_output_in_russian(xborder, example_workspace):
    status, out, _ = xborder("check", "--as-of", AS_OF, "--lang", "ru", cwd=example_workspace)
    assert status == 1
    assert "US Соединённые Штаты Америки" in out  # countries.toml over pycountry's "Соединённые штаты"
    assert out.splitlines()[-1].startswith("на 2026-11-22: 10 оценок: ")


def test_text_output_has_no_colour_when_piped(xborder, example_workspace):
    _, out, _ = xborder("check", "--as-of", AS_OF, cwd=example_workspace)
    assert "\033[" not in out


# -- deterministic output ---------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_output_is_deterministic(xborder, example_workspace, fmt):
    first = xborder("check", "--as-of", AS_OF, "--format", fmt, cwd=example_workspace)
    second = xborder("check", "--as-of", AS_OF, "--format", fmt, cwd=example_workspace)
    assert first == second


def test_parallel_path_gives_the_same_bytes(xborder, example_workspace, monkeypatch):
    """Large sets are checked on all cores; the output must not depend on it."""
    serial = xborder("check", "--as-of", AS_OF, "--format", "json", cwd=example_workspace)
    monkeypatch.setattr(check_module, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    parallel = xborder("check", "--as-of", AS_OF, "--format", "json", cwd=example_workspace)
    assert parallel == serial


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_parallel_workers_judge_with_the_parent_reference(xborder, tmp_path, make_doc, write, monkeypatch, method):
    """Outside any workspace the shipped data apply; a data/ folder that happens to be
    in the current folder must not reach the workers either."""
    folder = tmp_path / "loose"
    for name in ("a", "b", "c"):
        write(folder, make_doc(id=name))  # DE, adequacy: permitted with the shipped list
    (folder / "data" / "adequacy.toml").write_text(
        '[countries.DE]\nadequate = false\nbasis = "not a workspace"\n', encoding="utf-8"
    )
    args = ("check", "--format", "json", "--as-of", AS_OF, "data/assessments")
    serial = xborder(*args, cwd=folder)
    monkeypatch.setattr(check_module, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("multiprocessing.get_all_start_methods", lambda: [method])
    parallel = xborder(*args, cwd=folder)
    assert parallel == serial
    assert json.loads(serial[1])["summary"]["permitted"] == 3


def test_unencodable_output_is_escaped_not_a_traceback(example_workspace):
    """A console that cannot show "ə" still gets valid JSON (\\uXXXX escapes)."""
    proc = subprocess.run(
        [sys.executable, "-m", "xborder", "check", "--as-of", AS_OF, "--format", "json", "--lang", "az"],
        cwd=example_workspace, capture_output=True, check=False,
        env={"PYTHONIOENCODING": "ascii", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout.decode("ascii"))
    assert "ə" in report["assessments"][0]["title"]


# -- the JSON writer and FORMAT.md's key order ------------------------------------------------------
_json_leaves = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False)
_json_values = st.recursive(
    _json_leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(value=_json_values, indent=st.sampled_from(["", "    "]))
def test_fast_json_writer_gives_the_bytes_of_json_dumps(value, indent):
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
    assert check_module.dumps_indented(value, indent) == expected


def test_json_keys_are_in_format_md_order(xborder, example_workspace, make_doc, write):
    """FORMAT.md names the keys and their order; added fields come only after them."""
    write(example_workspace, make_doc(id="zz-broken", status="done"))
    _, out, _ = xborder("check", "--format", "json", "--as-of", AS_OF, cwd=example_workspace)
    report = json.loads(out)
    assert list(report)[:3] == ["as_of", "assessments", "summary"]
    assert list(report["summary"]) == list(VERDICTS)
    seen_finding = False
    for entry in report["assessments"]:
        assert list(entry)[:6] == ["file", "id", "verdict", "errors", "findings", "transfers"]
        for error in entry["errors"]:
            assert list(error) == ["message", "line", "column"]
        for transfer in entry["transfers"]:
            assert list(transfer)[:5] == ["id", "country", "adequate", "verdict", "findings"]
            for finding in transfer["findings"]:
                assert list(finding)[:4] == ["rule", "severity", "citation", "message"]
                seen_finding = True
    assert seen_finding


# -- policy profiles: whose clause a finding cites ------------------------------------------
def _notify_finding(data: dict) -> dict:
    (finding,) = [f for f in data["assessments"][0]["transfers"][0]["findings"] if f["rule"] == "AZ-NOTIFY-1"]
    return finding


def test_an_assessment_naming_a_shipped_profile_cites_the_operators_own_clause(xborder, workspace, make_doc, make_transfer, write):
    doc = make_doc(make_transfer(notification=None))
    doc["operator"]["policy"] = "ims-engineering"
    write(workspace, doc)
    _, data = check_json(xborder, workspace)
    finding = _notify_finding(data)
    assert finding["citation"] == "i.M.S. Engineering MMC policy of 2024-05-20, clause 12.1"
    assert [b["kind"] for b in finding["basis"]] == ["law", "model", "policy"]
    assert finding["basis"][-1] == {
        "kind": "policy", "document": "i.M.S. Engineering MMC policy of 2024-05-20", "clause": "12.1", "verified": True,
    }


def test_a_profile_without_the_clause_cites_the_law_and_the_model_named_as_such(xborder, workspace, make_doc, make_transfer, write):
    doc = make_doc(make_transfer(notification=None))
    doc["operator"]["policy"] = "alqoritmika"  # its cross-border clauses are in §7; its §12 is a definition
    write(workspace, doc)
    _, data = check_json(xborder, workspace)
    finding = _notify_finding(data)
    assert finding["citation"] == (
        "Law No. 998-IIIQ (article not verified); model: i.M.S. Engineering MMC policy of 2024-05-20, clause 12.1"
    )
    assert "policy" not in [b["kind"] for b in finding["basis"]]
    assert finding["basis"][0] == {
        "kind": "law",
        "document": "Law of the Republic of Azerbaijan No. 998-IIIQ of 11 May 2010 “On Personal Data”",
        "clause": None,
        "verified": False,
    }


def test_a_workspace_defines_its_own_profile_and_default(xborder, workspace, make_doc, make_transfer, write):
    (workspace / "xborder.toml").write_text(
        '[operator]\nname = "Our Company MMC"\npolicy = "ours"\n\n'
        '[policies.ours]\ntitle = "Our policy"\ncompany = "Our Company MMC"\ndate = 2025-03-01\n'
        'clauses = { notify_authority = "9.1" }\n',
        encoding="utf-8",
    )
    write(workspace, make_doc(make_transfer(notification=None)))  # names no profile: the default applies
    _, data = check_json(xborder, workspace)
    finding = _notify_finding(data)
    assert finding["citation"] == "Our Company MMC policy of 2025-03-01, clause 9.1"
    # in Azerbaijani too
    _, data = check_json(xborder, workspace, "--lang", "az")
    assert _notify_finding(data)["citation"] == "Our Company MMC fərdi məlumatların işlənilməsi siyasəti (2025-03-01), bənd 9.1"


def test_an_unknown_profile_in_an_assessment_is_a_load_error(xborder, workspace, make_doc, make_transfer, write):
    doc = make_doc(make_transfer())
    doc["operator"]["policy"] = "our-policy"
    write(workspace, doc)
    status, data = check_json(xborder, workspace)
    assert status == 2
    (error,) = data["assessments"][0]["errors"]
    assert error["message"].startswith("operator.policy: unknown policy profile 'our-policy'")
    assert error["line"] is not None


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ('[operator]\npolicy = "nope"\n', ":2:1: operator.policy: unknown policy profile 'nope'"),
        ('[policies.Our_Policy]\ntitle = "x"\n', ":1:1: policies.Our_Policy: a profile id is lower-case"),
        ('[policies.ours]\ntitle = "x"\nclauses = { notify = "1.1" }\n', ":3:"),
    ],
    ids=["unknown-default", "bad-id", "unknown-commitment"],
)
def test_broken_profiles_in_the_settings_are_one_line_errors(xborder, tmp_path, settings, expected):
    (tmp_path / "xborder.toml").write_text(settings, encoding="utf-8")
    status, out, err = xborder("check", cwd=tmp_path)
    assert (status, out) == (2, "")
    assert expected in err and err.count("\n") == 1, err

"""Workspaces: `xborder init`, settings defaults and errors, and the `list` and `show`
commands (text and JSON)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from xborder.cli.main import main
from xborder.model import Settings
from xborder.rules.schema import shipped_schema_text
from xborder.store import open_workspace
from xborder.tomlio import parse_toml

AS_OF = "2026-11-22"


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


# -- init ------------------------------------------------------------------------------------------
def test_init_makes_a_workspace_that_check_accepts(xborder, tmp_path):
    root = tmp_path / "legal" / "transfers"
    status, out, err = xborder("init", str(root), cwd=tmp_path)
    assert (status, err) == (0, "")
    assert f"Created an xborder workspace in {root}" in out
    for name in ("xborder.toml", ".gitignore", ".gitattributes", ".taplo.toml",
                 ".xborder/assessment.schema.json", "reports/.gitkeep"):
        assert (root / name).is_file(), name
    assert (root / "data" / "assessments").is_dir()
    assert open_workspace(root).settings == Settings()  # the template states the defaults
    status, out, err = xborder("check", "--format", "json", "--as-of", AS_OF, cwd=root)
    assert (status, err) == (0, "")
    assert json.loads(out)["assessments"] == []


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_init_gitignore_keeps_drafts_and_interrupted_saves_out_of_git(xborder, tmp_path):
    root = tmp_path / "ws"
    xborder("init", str(root), cwd=tmp_path)
    (root / ".xborder-drafts").mkdir()
    (root / ".xborder-drafts" / "x.toml").write_text("title = 'draft'\n")
    # what a save killed between writing its temporary file and renaming it leaves behind
    (root / "data" / "assessments" / ".x.toml.k3j2l1.tmp").write_text("partial")
    (root / "data" / "assessments" / "x.toml").write_text("")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    listed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=root,
                            check=True, capture_output=True, text=True).stdout
    assert "data/assessments/x.toml" in listed
    assert ".tmp" not in listed
    assert ".xborder-drafts" not in listed


def test_init_workspace_accepts_a_new_assessment(xborder, tmp_path, make_doc, write):
    xborder("init", str(tmp_path / "ws"), cwd=tmp_path)
    write(tmp_path / "ws", make_doc(id="first"))
    status, out, _ = xborder("check", "--format", "json", "--as-of", AS_OF, cwd=tmp_path / "ws")
    assert status == 0 and json.loads(out)["summary"]["permitted"] == 1


def test_init_gives_editors_the_schema(xborder, tmp_path):
    xborder("init", str(tmp_path), cwd=tmp_path)
    assert (tmp_path / ".xborder" / "assessment.schema.json").read_text(encoding="utf-8") == shipped_schema_text()
    rule, recipients = parse_toml((tmp_path / ".taplo.toml").read_text(encoding="utf-8"))["rule"]
    assert rule["include"] == ["data/assessments/*.toml"]
    assert (tmp_path / rule["schema"]["path"]).is_file()
    assert recipients["include"] == ["data/recipients/*.toml"]
    assert (tmp_path / recipients["schema"]["path"]).is_file()


def test_init_refuses_an_existing_workspace(xborder, workspace):
    before = (workspace / "xborder.toml").read_text(encoding="utf-8")
    status, out, err = xborder("init", str(workspace), cwd=workspace)
    assert (status, out) == (2, "")
    assert err == f"xborder: {workspace / 'xborder.toml'} already exists: this folder is a workspace already\n"
    assert (workspace / "xborder.toml").read_text(encoding="utf-8") == before


def test_init_keeps_existing_git_files(xborder, tmp_path):
    (tmp_path / ".gitignore").write_text("node_modules/\n", encoding="utf-8")
    assert xborder("init", str(tmp_path), cwd=tmp_path)[0] == 0
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "node_modules/\n"


def test_init_refuses_a_file(xborder, tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    status, _, err = xborder("init", str(tmp_path / "notes.txt"), cwd=tmp_path)
    assert status == 2 and err.count("\n") == 1 and "is not a folder" in err


# -- settings ------------------------------------------------------------------------------------
def test_empty_settings_file_is_a_complete_workspace(xborder, tmp_path):
    (tmp_path / "xborder.toml").write_text("", encoding="utf-8")
    assert open_workspace(tmp_path).settings == Settings()
    assert xborder("check", "--as-of", AS_OF, cwd=tmp_path)[0] == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[operator\nname = 'x'\n", ":1:"),
        ("[ui]\nlanguage = \"fr\"\n", ":2:1: ui.language: unknown value 'fr'"),
        ("[review]\nperiod_month = 6\n", ":2:1: unknown key 'review.period_month'"),
        ("[review]\nperiod_months = 0\n", ":2:1: review.period_months: "),
        ('[review]\nperiod_months = "12"\n', ":2:1: review.period_months: expected an integer, got a string"),
        ("[operator]\nname = 5\n", ":2:1: operator.name: expected a string, got an integer"),
    ],
    ids=["syntax", "unknown-language", "typo", "out-of-range", "quoted-number", "wrong-type"],
)
def test_broken_settings_are_a_one_line_error(xborder, tmp_path, text, expected):
    (tmp_path / "xborder.toml").write_text(text, encoding="utf-8")
    status, out, err = xborder("check", cwd=tmp_path)
    assert (status, out) == (2, "")
    assert err.startswith(f"xborder: {tmp_path / 'xborder.toml'}:")
    assert expected in err and err.count("\n") == 1, err


# -- list ------------------------------------------------------------------------------------------
def test_list_json(xborder, example_workspace, make_doc, write):
    write(example_workspace, make_doc(id="zz-broken", status="done"))
    status, out, err = xborder("list", "--format", "json", "--as-of", AS_OF, cwd=example_workspace)
    assert (status, err) == (0, "")
    report = json.loads(out)
    assert report["as_of"] == AS_OF
    rows = {row["id"]: row for row in report["assessments"]}
    assert len(rows) == 11
    web = rows["charge-web-analytics"]
    assert (web["verdict"], web["status"], web["transfers"], web["countries"], web["next_review"]) == (
        "blocked", "in_review", 3, ["RU", "US"], "2027-07-14",
    )
    assert web["file"] == "data/assessments/charge-web-analytics.toml"
    broken = rows["zz-broken"]
    assert broken["verdict"] == "invalid" and broken["transfers"] == 0
    assert "zz-broken.toml:5:1: status: unknown value 'done'" in broken["error"]


def test_list_text(xborder, example_workspace):
    status, out, _ = xborder("list", "--as-of", AS_OF, "--lang", "en", cwd=example_workspace)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "STATUS", "VERDICT", "TRANSFERS", "NEXT", "REVIEW"]
    assert len(lines) == 11
    row = next(line for line in lines if line.startswith("ims-support-chats "))
    assert "Permitted" in row and " 2 " in row


def test_list_needs_a_workspace(xborder, tmp_path):
    status, _, err = xborder("list", cwd=tmp_path)
    assert status == 2 and err.count("\n") == 1 and "xborder init" in err


# -- show ------------------------------------------------------------------------------------------
def test_show_text(xborder, example_workspace):
    status, out, err = xborder("show", "elegal-lawyers", "--as-of", AS_OF, "--lang", "en", cwd=example_workspace)
    assert (status, err) == (0, "")
    assert out.startswith("elegal-lawyers — ")
    assert "Verdict: Blocked" in out
    assert "▸ portal-backups: France (FR) → OVH SAS   Blocked" in out
    # E-LEGAL's policy has no clause on cross-border transfer: the law and the model clause, named as such
    assert (
        "[Blocker] AZ-INFO-1 (Law No. 998-IIIQ (article not verified); "
        "model: i.M.S. Engineering MMC policy of 2024-05-20, clause 12.2): "
        "The information from OVH SAS (France (FR)) was obtained on 2026-05-08"
    ) in out


def test_show_json(xborder, example_workspace):
    status, out, _ = xborder("show", "charge-web-analytics", "--as-of", AS_OF, "--format", "json", cwd=example_workspace)
    assert status == 0
    doc = json.loads(out)
    assert doc["id"] == "charge-web-analytics" and doc["created"] == "2026-07-14"
    evaluation = doc["_evaluation"]
    assert (evaluation["as_of"], evaluation["verdict"]) == (AS_OF, "blocked")
    assert [t["verdict"] for t in evaluation["transfers"]] == ["permitted", "blocked", "blocked"]
    assert evaluation["transfers"][1]["findings"][0]["rule"] == "AZ-NOTIFY-3"


def test_show_by_path(xborder, example_workspace):
    path = example_workspace / "data" / "assessments" / "probpm-crm.toml"
    status, out, _ = xborder("show", str(path), "--as-of", AS_OF, "--lang", "en", cwd=example_workspace)
    assert status == 0 and out.startswith("probpm-crm — ")


def test_show_unknown_id_is_a_one_line_error(xborder, example_workspace):
    status, out, err = xborder("show", "nope", cwd=example_workspace)
    assert (status, out) == (2, "")
    assert err.startswith("xborder: no assessment 'nope' in ") and err.count("\n") == 1
    assert "in data/assessments (known: " in err  # named as the user sees the folder


def test_show_invalid_file_names_file_and_line(xborder, workspace, make_doc, write):
    write(workspace, make_doc(id="bad", status="done"))
    status, out, err = xborder("show", "bad", cwd=workspace)
    assert (status, out) == (2, "")
    assert err == (
        f"xborder: {workspace / 'data' / 'assessments' / 'bad.toml'}:5:1: status: unknown value 'done' "
        "(expected 'draft', 'in_review', 'approved', 'rejected' or 'withdrawn')\n"
    )

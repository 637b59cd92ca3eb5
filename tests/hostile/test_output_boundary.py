"""Issue 16, items 2 and 3: hostile content never reaches the terminal and never
crashes a command. Each bullet of the issue is reproduced here as a regression test."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from xborder.safe_text import for_csv, for_ics, for_json, for_terminal, for_terminal_lines

from .conftest import OSC52, assert_safe_text, write_doc

AS_OF = "2026-11-22"


# -- the sanitiser ----------------------------------------------------------------------
def test_for_terminal_shows_controls_visibly():
    assert for_terminal(OSC52) == "T \\x1b]52;c;ZWNobyBwd25lZCA+IH4vLmJhc2hyYw==\\x07"
    assert for_terminal("a\nb\tc\x7f\x9b") == "a\\nb\\tc\\x7f\\x9b"
    assert for_terminal("abc\u202edef\u2066") == "abcU+202EdefU+2066"
    assert for_terminal("x\udcffy") == "x\\xffy"  # a byte that was not UTF-8
    assert for_terminal("Ölkə — ş ğ ı İ") == "Ölkə — ş ğ ı İ"


def test_for_terminal_lines_keeps_line_feeds_and_only_colour_sequences():
    assert for_terminal_lines("\x1b[31;1mX\x1b[0m\n") == "\x1b[31;1mX\x1b[0m\n"
    assert for_terminal_lines("\x1b[2J\x1b]0;t\x07\n") == "\\x1b[2J\\x1b]0;t\\x07\n"


def test_for_json_escapes_what_json_dumps_leaves_raw_and_reads_back_the_same():
    value = {"t": "a\x9bb\u202ec\x7f\x1b\udcff"}
    text = for_json(json.dumps(value, ensure_ascii=False))
    assert "\x9b" not in text and "\u202e" not in text and "\x7f" not in text
    text.encode("utf-8")  # valid UTF-8
    assert json.loads(text) == value


def test_for_ics_carries_no_control_character():
    assert for_ics("a\x1b\x07b\r\nc") == "a\\x1b\\x07b\nc"


@pytest.mark.parametrize(
    ("cell", "neutralised"),
    [
        ("=1+1", True), ("+1", True), ("-1", True), ("@SUM(A1)", True), ("\t=1", True), ("\r=1", True),
        ("\u200b=1+1", True), ("\ufeff=1", True), ("\uff1d1+1", True), (" =1", True), ("\u200b\uff0b1", True),
        ("Google LLC", False), ("a=1", False), ("", False), ("\u200b", False), ("ISO 27001, AES", False),
    ],
)
def test_for_csv_neutralises_formulas_whatever_the_prefix_trick(cell, neutralised):
    assert for_csv(cell).startswith("'" + cell[:1]) is neutralised
    if not neutralised:
        assert for_csv(cell) == cell


def test_for_csv_neutralises_every_cell_another_separator_would_start():
    assert for_csv("a;=1+1") == "a;'=1+1"
    assert for_csv("a,\u200b@x\n+1") == "a,'\u200b@x\n'+1"


# -- the commands -----------------------------------------------------------------------
@pytest.fixture
def hostile(workspace: Path, make_doc) -> Path:
    """A workspace of one assessment with an escape sequence in every string field."""
    evil = OSC52 + " \x1b[2J\x1b]0;owned\x07 \x1b[31mred \x9b31m \u202eevil [bold]x[/bold]\n2nd line"
    doc = make_doc(title=evil, notes=evil, operator={"name": evil, "address": evil})
    doc["processing"]["purposes"] = [evil]
    doc["processing"]["subjects"] = [evil]
    doc["transfers"][0]["recipient"] = {"name": evil, "kind": "legal_entity", "address": evil}
    doc["transfers"][0]["notification"]["reference"] = evil
    doc["transfers"][0]["notes"] = evil
    write_doc(workspace, doc)
    bad = make_doc(id="broken")
    bad["title"] = 5
    write_doc(workspace, bad)
    (workspace / "data" / "assessments" / "\x1b[31mred.toml").write_text("x = 1\n", encoding="utf-8")
    return workspace


@pytest.mark.parametrize(
    "argv",
    [
        ("check",), ("check", "--lang", "en"), ("list",), ("show", "x"), ("show", "x", "--lang", "az"),
        ("due", "--within", "3000"), ("status", "x"),
    ],
)
def test_no_control_character_reaches_the_terminal(hostile: Path, run_cli, argv):
    status, out, err = run_cli(*argv, "-w", str(hostile), *(["--as-of", AS_OF] if argv[0] != "status" else []))
    assert status in (0, 1, 2)
    text = assert_safe_text(out)
    assert_safe_text(err)
    if argv[0] in ("check", "list", "show"):
        assert "\\x1b]52;c;" in text  # shown, visibly


@pytest.mark.parametrize("argv", [("check", "--format", "json"), ("list", "--format", "json"), ("show", "x", "--format", "json"), ("due", "--format", "json", "--within", "3000")])
def test_json_is_exact_and_valid_utf8(hostile: Path, run_cli, argv):
    _status, out, _err = run_cli(*argv, "-w", str(hostile), "--as-of", AS_OF)
    text = out.decode("utf-8")
    assert "\x9b" not in text and "\u202e" not in text and "\x1b" not in text
    doc = json.loads(text)
    if argv[0] != "due":  # due items name ids and dates, not titles
        assert any(OSC52 in value for value in _strings(doc))  # the values themselves are exact


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_ics_has_no_control_character(hostile: Path, run_cli):
    _status, out, _err = run_cli("due", "--format", "ics", "-w", str(hostile), "--as-of", AS_OF)
    text = out.decode("utf-8").replace("\r\n", "")
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text)


def test_csv_register_neutralises_formulas_whatever_the_separator(workspace: Path, make_doc, run_cli, tmp_path):
    doc = make_doc(title="a;=1+1")
    doc["operator"] = {"name": "\u200b=HYPERLINK(\"http://x\")"}
    doc["transfers"][0]["recipient"] = {"name": "\uff1dcmd|' /C calc'!A0", "kind": "legal_entity"}
    write_doc(workspace, doc)
    status, _out, _err = run_cli("register", "--format", "csv", "--out", str(tmp_path), "-w", str(workspace), "--as-of", AS_OF)
    assert status == 0
    line = (tmp_path / "register.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert ',"a;\'=1+1",' in line
    assert ",'\u200b=HYPERLINK(\"\"http://x\"\")," not in line  # quoted, as it holds a quote
    assert '"\'\u200b=HYPERLINK(""http://x"")"' in line
    assert ",'\uff1dcmd|' /C calc'!A0," in line
    # read with ; as the separator (az and ru Windows settings), no cell starts a formula
    import csv

    for cell in next(csv.reader([line], delimiter=";")):
        assert not cell.startswith(("=", "+", "-", "@"))


# -- crashes on plausible content -------------------------------------------------------
def test_a_start_date_of_year_one_is_a_load_error_not_a_crash(workspace: Path, make_doc, make_transfer, run_cli):
    write_doc(workspace, make_doc(make_transfer(start=dt.date(1, 1, 1))))
    status, out, err = run_cli("due", "-w", str(workspace), "--as-of", AS_OF)
    assert status == 2, (out, err)
    assert b"transfers[0].start" in out and b"Traceback" not in err


def test_an_internal_error_is_never_exit_1(workspace: Path, run_cli, monkeypatch):
    import xborder.cli.cmd_list as cmd_list

    def broken(*_args):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(cmd_list, "rows", broken)
    status, _out, err = run_cli("list", "-w", str(workspace))
    assert status == 70
    assert b"internal error" in err and b"Traceback" not in err


def test_a_file_name_that_is_not_utf8_is_an_unreadable_file(workspace: Path, make_doc, run_cli, tmp_path):
    write_doc(workspace, make_doc())
    folder = os.fsencode(workspace / "data" / "assessments")
    with open(folder + b"/bad\xff.toml", "wb") as handle:
        handle.write(b"schema_version = 1\n")
    status, out, _err = run_cli("check", "-w", str(workspace), "--as-of", AS_OF, "--lang", "en")
    text = assert_safe_text(out)
    assert status == 2 and "bad\\xff.toml" in text and "not UTF-8" in text
    for argv in (("list",), ("due",)):
        _status, out, _err = run_cli(*argv, "--format", "json", "-w", str(workspace), "--as-of", AS_OF)
        json.loads(out.decode("utf-8"))
    _status, out, _err = run_cli("check", "--format", "json", "-w", str(workspace), "--as-of", AS_OF)
    assert json.loads(out.decode("utf-8"))["summary"]["invalid"] == 1
    status, _out, err = run_cli("register", "--format", "csv,json", "--out", str(tmp_path / "r"), "-w", str(workspace), "--as-of", AS_OF)
    assert status == 2, err  # written, and failed as `report` fails: a file cannot be read
    register = json.loads((tmp_path / "r" / "register.json").read_text(encoding="utf-8"))
    assert register["invalid"][0]["file"] == "data/assessments/bad\udcff.toml"


def test_init_on_a_full_disk_leaves_nothing_behind_and_says_why(tmp_path: Path, run_cli, monkeypatch):
    import errno

    import xborder.store.atomic as atomic

    calls = []
    real = atomic.write_atomic_chunks

    def full(path, chunks, **kwargs):
        calls.append(path)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, chunks, **kwargs)

    monkeypatch.setattr(atomic, "write_atomic_chunks", full)
    target = tmp_path / "new" / "ws"
    status, out, err = run_cli("init", str(target))
    assert status == 2
    assert b"No space left on device" in err and b"nothing was left behind" in err
    assert not (tmp_path / "new").exists()


def test_init_into_a_read_only_folder_says_why(tmp_path: Path, run_cli, monkeypatch):
    import errno

    import xborder.store.atomic as atomic

    def read_only(path, chunks, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(atomic, "write_atomic_chunks", read_only)
    (tmp_path / "keep.txt").write_text("mine")
    status, _out, err = run_cli("init", str(tmp_path))
    assert status == 2 and b"Read-only file system" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


# -- contract gaps at the command line --------------------------------------------------
def test_a_folder_without_assessment_files_is_an_error(tmp_path: Path, workspace: Path, run_cli):
    folder = tmp_path / "empty-folder"
    folder.mkdir()
    status, out, err = run_cli("check", str(folder), "-w", str(workspace))
    assert status == 2 and out == b""
    assert err.count(b"\n") == 1 and b"without assessment files" in err


def test_a_workspace_root_still_means_its_assessments(workspace: Path, make_doc, run_cli):
    write_doc(workspace, make_doc())
    status, out, _err = run_cli("check", str(workspace), "--as-of", AS_OF, "--lang", "en")
    assert status == 0 and b"x" in out


def test_skipped_files_are_reported(workspace: Path, make_doc, run_cli):
    write_doc(workspace, make_doc())
    folder = workspace / "data" / "assessments"
    (folder / "Other.TOML").write_text("x = 1\n")
    (folder / ".hidden.toml").write_text("x = 1\n")
    status, out, _err = run_cli("check", "-w", str(workspace), "--as-of", AS_OF, "--lang", "en")
    text = out.decode()
    assert status == 0
    assert "SKIPPED  data/assessments/.hidden.toml: hidden file" in text
    assert "SKIPPED  data/assessments/Other.TOML: not read" in text
    _status, out, _err = run_cli("check", "--format", "json", "-w", str(workspace), "--as-of", AS_OF)
    assert [s["file"] for s in json.loads(out)["skipped"]] == ["data/assessments/.hidden.toml", "data/assessments/Other.TOML"]


@pytest.mark.parametrize("value", ["2026-W01-1", "20261101", "0001-01-01"])
def test_as_of_takes_only_yyyy_mm_dd_within_range(workspace: Path, run_cli, value):
    status, _out, err = run_cli("check", "-w", str(workspace), "--as-of", value)
    assert status == 2 and b"Traceback" not in err


# -- git --------------------------------------------------------------------------------
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str, author: str = "A U Thor") -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME=author, GIT_AUTHOR_EMAIL="a@x", GIT_COMMITTER_NAME="c",
               GIT_COMMITTER_EMAIL="c@x", GIT_AUTHOR_DATE="2026-10-01T10:00:00+04:00",
               GIT_COMMITTER_DATE="2026-10-01T10:00:00+04:00")
    subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)


@needs_git
def test_git_subjects_and_authors_are_shown_safely_and_parse(workspace: Path, make_doc, run_cli, tmp_path):
    path = write_doc(workspace, make_doc())
    _git(workspace, "init", "-q", "-b", "main")
    _git(workspace, "add", "-A")
    _git(workspace, "commit", "-q", "-m", "first \x1e record\x1f unit " + OSC52, author="Eve \x1b]0;pwned\x07 X")
    path.write_text(path.read_text().replace("Test assessment", "Changed"))
    _git(workspace, "commit", "-q", "-am", "second\x1e\n\nbody \x1e 2026-01-01", author="Bob")
    for argv in (("history", "x"), ("diff", "x"), ("history", "x", "--format", "json")):
        status, out, err = run_cli(*argv, "-w", str(workspace), *(["--as-of", AS_OF] if argv[0] == "diff" else []))
        assert status == 0, err
        assert_safe_text(out)
    _status, out, _err = run_cli("history", "x", "-w", str(workspace), "--format", "json")
    rows = json.loads(out)["history"]
    assert [r["author"] for r in rows] == ["Bob", "Eve \x1b]0;pwned\x07 X"]
    assert rows[1]["message"].startswith("first \x1e record\x1f unit T ")
    status, _out, err = run_cli("report", "x", "--format", "md", "--out", str(tmp_path / "r"), "-w", str(workspace), "--as-of", AS_OF)
    assert status == 0, err


@pytest.mark.parametrize("argv", [("check",), ("list",), ("show", "x"), ("due", "--within", "3000")])
def test_on_a_terminal_only_xborders_own_colours_are_sent(hostile: Path, run_cli, monkeypatch, argv):
    import re

    from xborder.cli import common

    def enabled(self, stream):
        self.enabled = True

    monkeypatch.setattr(common.Style, "__init__", enabled)
    _status, out, _err = run_cli(*argv, "-w", str(hostile), "--as-of", AS_OF)
    text = out.decode("utf-8")
    own = {f"\x1b[{code}m" for code in (*common.Style.CODES.values(), "0")}
    sequences = re.findall(r"\x1b\[[0-9;]*m", text)
    assert sequences and set(sequences) <= own
    assert "\x1b" not in re.sub(r"\x1b\[[0-9;]*m", "", text)
    if argv[0] in ("check", "list"):
        assert "\\x1b[31mred" in text  # the file name's escape, shown
    if argv[0] in ("check", "show"):
        assert "\\x1b[2J" in text


def test_list_reports_skipped_files_too(workspace: Path, make_doc, run_cli):
    write_doc(workspace, make_doc())
    (workspace / "data" / "assessments" / "Other.TOML").write_text("x = 1\n")
    _status, out, _err = run_cli("list", "-w", str(workspace), "--lang", "en")
    assert "SKIPPED  data/assessments/Other.TOML" in out.decode()
    _status, out, _err = run_cli("list", "--format", "json", "-w", str(workspace))
    assert json.loads(out)["skipped"][0]["file"] == "data/assessments/Other.TOML"


def test_an_id_with_a_newline_writes_no_report(workspace: Path, make_doc, run_cli, tmp_path):
    write_doc(workspace, make_doc(id="h-nl\n"), name="h-nl")
    status, _out, err = run_cli("report", "h-nl", "--format", "md", "--out", str(tmp_path / "r"), "-w", str(workspace), "--as-of", AS_OF)
    assert status == 2 and b"Traceback" not in err
    assert not (tmp_path / "r").exists() or not any("\n" in p.name for p in (tmp_path / "r").iterdir())
    status, out, _err = run_cli("check", "-w", str(workspace), "--as-of", AS_OF, "--lang", "en")
    assert status == 2 and b"invalid id 'h-nl\\n'" in out

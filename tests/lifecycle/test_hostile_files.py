"""A catalogue of hostile assessment files (issue 5, item 5).

Each file is checked beside a good one with `xborder check`: it gives ONE one-line
error naming the file, the line (where a line exists) and the key (where a key is
involved), the exit status is 2, nothing looks like a traceback, and the good file
beside it is still judged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import assessment_doc, transfer_doc
from xborder.cli.main import main
from xborder.tomlio import dump_toml

GOOD = dump_toml(assessment_doc(id="good"))


def base(ident: str) -> str:
    return dump_toml(assessment_doc(id=ident))


def swap(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


@dataclass
class Case:
    name: str
    make: Callable[[Path], Path]
    """Creates the hostile file in the assessments folder; returns its path."""
    line: int | None
    fragments: tuple[str, ...]
    """Each must occur in the error message: what went wrong and the key."""


def text_case(name: str, text: str, needle: str | None, *fragments: str, stem: str = "x") -> Case:
    def make(folder: Path) -> Path:
        path = folder / f"{stem}.toml"
        path.write_bytes(text.encode("utf-8"))
        return path

    return Case(name, make, line_of(text, needle) if needle else None, fragments)


def bytes_case(name: str, data: bytes, line: int | None, *fragments: str, stem: str = "x") -> Case:
    def make(folder: Path) -> Path:
        path = folder / f"{stem}.toml"
        path.write_bytes(data)
        return path

    return Case(name, make, line, fragments)


X = base("x")
TITLE = 'title = "Test assessment"'
DUPLICATE_TRANSFER = dump_toml(assessment_doc(transfer_doc(), transfer_doc(country="FR")))


def _conflict() -> str:
    return swap(X, TITLE, '<<<<<<< HEAD\ntitle = "Ours"\n=======\ntitle = "Theirs"\n>>>>>>> feature/x')


def _big(folder: Path) -> Path:
    path = folder / "x.toml"
    with open(path, "wb") as handle:  # sparse: 50 MB that cost no disk
        handle.write(X.encode())
        handle.truncate(50 * 1024 * 1024)
    return path


def _symlink_outside(folder: Path) -> Path:
    secret = folder.parents[2] / "outside-secret.toml"
    secret.write_text(X, encoding="utf-8")
    path = folder / "x.toml"
    path.symlink_to(secret)
    return path


def _symlink_broken(folder: Path) -> Path:
    path = folder / "x.toml"
    path.symlink_to("gone.toml")
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "x.toml"
    os.mkfifo(path)
    return path


def _folder(folder: Path) -> Path:
    path = folder / "x.toml"
    path.mkdir()
    return path


def _file_name_with_space(folder: Path) -> Path:
    path = folder / "my file.toml"
    path.write_text(base("my-file"), encoding="utf-8")
    return path


CASES = [
    # TOML syntax
    text_case("syntax-unclosed-string", swap(X, TITLE, 'title = "Test assessment'), "title =", "Illegal character", "'title'"),
    text_case("syntax-missing-value", swap(X, TITLE, "title ="), "title =", "Invalid value", "'title'"),
    text_case("syntax-unclosed-header", swap(X, "[operator]", "[operator"), "[operator", "'operator'"),
    text_case("syntax-bare-word", swap(X, TITLE, TITLE + "\nstatus = draft"), "status = draft", "Invalid value", "'status'"),
    text_case("nul-byte", swap(X, TITLE, 'title = "Test\x00"'), "title =", "Illegal character", "'title'"),
    text_case("nested-too-deeply", X + "\n[extra]\nx = " + "[" * 2000 + "]" * 2000 + "\n", "x = [[", "nested too deeply", "'extra.x'"),
    # wrong types
    text_case("type-title-integer", swap(X, TITLE, "title = 5"), "title = 5", "title: expected a string, got an integer"),
    text_case("type-created-word", swap(X, "created = 2026-11-01", 'created = "yesterday"'), "created =", "created: invalid date 'yesterday'"),
    text_case("type-start-integer", swap(X, "start = 2027-01-01", "start = 20270101"), "start =", "transfers[0].start: expected a date"),
    text_case("type-data-string", swap(X, 'data = [\n    "identity",\n    "contact",\n]', 'data = "identity"'), 'data = "identity"', "processing.data: expected an array, got a string"),
    text_case("type-bool-string", swap(X, "separate = true", 'separate = "yes"'), "separate =", "transfers[0].notification.separate: expected true or false"),
    text_case("type-datetime", swap(X, "created = 2026-11-01", "created = 2026-11-01T09:30:00"), "created =", "created: expected a date (YYYY-MM-DD), not a date and time"),
    text_case("type-transfers-table", X.replace("[[transfers]]", "[transfers]", 1).split("\n[transfers.recipient]")[0] + "\n", "[transfers]", "transfers: expected an array, got a table"),
    # unknown keys and values
    text_case("unknown-key-top", swap(X, TITLE, TITLE + '\ntitel = "Typo"'), "titel", "unknown key 'titel'"),
    text_case("unknown-key-nested", swap(X, 'kind = "legal_entity"', 'kind = "legal_entity"\nnmae = "Typo"'), "nmae", "unknown key 'transfers[0].recipient.nmae'"),
    text_case("unknown-status", swap(X, TITLE, TITLE + '\nstatus = "done"'), 'status = "done"', "status: unknown value 'done'"),
    text_case("unknown-data-key", swap(X, '"contact"', '"contacts"'), '"contacts"', "processing.data[1]: unknown data category 'contacts'"),
    text_case("country-az", swap(X, 'country = "DE"', 'country = "AZ"'), "country =", "transfers[0].country", "Azerbaijan"),
    text_case("country-not-iso", swap(X, 'country = "DE"', 'country = "Germany"'), "country =", "transfers[0].country", "not an ISO 3166-1 alpha-2"),
    # duplicates
    text_case("duplicate-key", swap(X, TITLE, TITLE + '\ntitle = "Again"'), 'title = "Again"', "duplicate key", "'title'"),
    bytes_case("duplicate-table", (X + '\n[operator]\nname = "Again"\n').encode(), X.count("\n") + 2, "duplicate table [operator]"),
    bytes_case("duplicate-transfer-id", DUPLICATE_TRANSFER.encode(), line_of(DUPLICATE_TRANSFER, 'country = "FR"') - 1, "transfers[1].id: two transfers have the id 't1'"),
    # git, encodings, line endings
    text_case("git-conflict-markers", _conflict(), "<<<<<<<", "unresolved git merge conflict", "'title'"),
    bytes_case("bom", b"\xef\xbb\xbf" + X.encode(), 1, "byte-order mark (BOM)"),
    bytes_case("crlf-with-unknown-key", swap(X, TITLE, TITLE + '\ntitel = "Typo"').replace("\n", "\r\n").encode(), line_of(swap(X, TITLE, TITLE + '\ntitel = "Typo"'), "titel"), "unknown key 'titel'"),
    bytes_case("lone-cr", swap(X, TITLE, TITLE + "\rstatus = 1").encode(), line_of(X, "title ="), "carriage return (CR) without a line feed", "'title'"),
    bytes_case("latin-1", swap(X, TITLE, 'title = "Müqavilə Bakı"').encode("utf-8").replace("ü".encode(), b"\xfc"), line_of(X, "title ="), "not UTF-8 text (byte 0xfc", "'title'"),
    bytes_case("empty", b"", 1, "the file is empty"),
    bytes_case("only-comments", b"# nothing here yet\n\n   \n", 1, "the file is empty"),
    bytes_case("not-an-assessment", b'[tool.black]\nline-length = 100\n', 1, "not an xborder assessment"),
    Case("50-mb", _big, None, ("too large", "50.0 MB")),
    # the file system
    Case("symlink-outside-workspace", _symlink_outside, None, ("symbolic link to a file outside the workspace",)),
    Case("symlink-broken", _symlink_broken, None, ("broken symbolic link", "gone.toml")),
    Case("fifo", _fifo, None, ("not a regular file",)),
    Case("folder", _folder, None, ("is a folder",)),
    # ids
    text_case("id-with-slash", swap(X, 'id = "x"', 'id = "a/b"'), 'id = "a/b"', "id: invalid id 'a/b'"),
    text_case("id-with-dotdot", swap(X, 'id = "x"', 'id = "../x"'), 'id = "../x"', "id: invalid id '../x'"),
    text_case("id-with-space", swap(X, 'id = "x"', 'id = "my x"'), 'id = "my x"', "id: invalid id 'my x'"),
    text_case("id-differs-from-file", swap(X, 'id = "x"', 'id = "y"'), 'id = "y"', "id: 'y' differs from the file name x.toml"),
    Case("file-name-with-space", _file_name_with_space, 2, ("id: the file name 'my file.toml' is not a valid assessment id", "my-file.toml")),
    text_case("transfer-id-with-slash", swap(X, 'id = "t1"', 'id = "t/1"'), 'id = "t/1"', "transfers[0].id: invalid transfer id 't/1'"),
    text_case("transfer-id-with-dotdot", swap(X, 'id = "t1"', 'id = "../t1"'), 'id = "../t1"', "transfers[0].id: invalid transfer id '../t1'"),
    text_case("transfer-id-with-space", swap(X, 'id = "t1"', 'id = "t 1"'), 'id = "t 1"', "transfers[0].id: invalid transfer id 't 1'"),
    # dates and versions
    text_case("date-feb-30", swap(X, "created = 2026-11-01", "created = 2026-02-30"), "created =", "Invalid date", "'created'"),
    text_case("date-feb-30-quoted", swap(X, "start = 2027-01-01", 'start = "2027-02-30"'), "start =", "transfers[0].start: invalid date '2027-02-30'"),
    text_case("schema-version-future", swap(X, "schema_version = 1", "schema_version = 2"), "schema_version", "schema_version 2 is newer than this xborder supports (1): upgrade xborder"),
    text_case("schema-version-string", swap(X, "schema_version = 1", 'schema_version = "1"'), "schema_version", "schema_version: expected an integer"),
    text_case("schema-version-huge", swap(X, "schema_version = 1", "schema_version = 99999999999999999999999"), "schema_version", "upgrade xborder"),
]


@pytest.fixture
def folder(workspace: Path) -> Path:
    folder = workspace / "data" / "assessments"
    (folder / "good.toml").write_text(GOOD, encoding="utf-8")
    return folder


def run_check(workspace: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["check", "--workspace", str(workspace), "--as-of", "2026-11-22", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_catalogue_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file(case: Case, workspace: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = case.make(folder)
    status, stdout, stderr = run_check(workspace, capsys, "--format", "json")
    assert status == 2, stdout + stderr
    assert "Traceback" not in stdout + stderr
    report = json.loads(stdout)
    entries = {e["file"]: e for e in report["assessments"]}
    assert entries["data/assessments/good.toml"]["verdict"] == "permitted"  # still checked
    entry = entries[f"data/assessments/{path.name}"]
    assert entry["verdict"] == "invalid"
    (error,) = entry["errors"]  # one error, not a cascade
    for fragment in case.fragments:
        assert fragment in error["message"], error
    assert error["line"] == case.line, error
    if case.line is not None:
        assert error["column"] is not None and error["column"] >= 1
    # the text report: that error on one line, as file:line:col: message
    status, stdout, stderr = run_check(workspace, capsys, "--lang", "en")
    assert status == 2
    where = f"data/assessments/{path.name}" + (f":{case.line}:" if case.line else ": ")
    lines = [line for line in stdout.splitlines() if where in line]
    assert len(lines) == 1, stdout
    assert error["message"] in lines[0]
    assert "Traceback" not in stdout + stderr


def test_whole_catalogue_in_one_real_process(workspace: Path, folder: Path, tmp_path: Path) -> None:
    """All hostile files at once, in a real process: exit 2, no traceback, every file
    reported, the good one judged."""
    for index, case in enumerate(CASES):
        sub = folder / f"case{index}"
        sub.mkdir()
        case.make(sub)
        for item in sub.iterdir():  # move it beside the good file under a unique name
            target = folder / (f"c{index}-{item.name}" if item.name != "my file.toml" else item.name)
            item.rename(target)
        sub.rmdir()
    proc = subprocess.run(
        [sys.executable, "-m", "xborder", "check", "--format", "json", "--as-of", "2026-11-22",
         "--workspace", str(workspace)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    verdicts = {e["file"]: e["verdict"] for e in report["assessments"]}
    assert verdicts.pop("data/assessments/good.toml") == "permitted"
    assert len(verdicts) == len(CASES)
    assert set(verdicts.values()) == {"invalid"}


# -- the workspace file ---------------------------------------------------------------------
BROKEN_SETTINGS = [
    ("syntax", '[operator]\nname = "Test LLC\n', 2, "'operator.name'"),
    ("unknown-key", '[operator]\nname = "Test LLC"\n\n[review]\nperiod = 12\n', 5, "unknown key 'review.period'"),
    ("out-of-range", '[review]\nperiod_months = 0\n', 2, "review.period_months"),
    ("conflict", '[operator]\n<<<<<<< HEAD\nname = "A"\n=======\nname = "B"\n>>>>>>> x\n', 2, "unresolved git merge conflict"),
    ("bom", '\ufeff[operator]\nname = "Test LLC"\n', 1, "byte-order mark (BOM)"),
    ("wrong-type", '[reports]\nlanguages = "az"\n', 2, "reports.languages"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), [c[1:] for c in BROKEN_SETTINGS], ids=[c[0] for c in BROKEN_SETTINGS])
def test_broken_workspace_file(text: str, line: int, fragment: str, workspace: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "xborder.toml").write_text(text, encoding="utf-8")
    status, stdout, stderr = run_check(workspace, capsys)
    assert status == 2
    assert stdout == ""
    (message,) = stderr.splitlines()
    assert message.startswith(f"xborder: {workspace / 'xborder.toml'}:{line}:")
    assert fragment in message
    assert "Traceback" not in stderr


def test_latin1_workspace_file_names_line_and_key(workspace: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "xborder.toml").write_bytes('[operator]\nname = "Nümunə MMC"\n'.encode().replace("ü".encode(), b"\xfc"))
    status, stdout, stderr = run_check(workspace, capsys)
    assert (status, stdout) == (2, "")
    (message,) = stderr.splitlines()
    assert message.startswith(f"xborder: {workspace / 'xborder.toml'}:2:10: not UTF-8 text (byte 0xfc in key 'operator.name')")


def test_latin1_reference_override_names_its_line(workspace: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "data" / "countries.toml").write_bytes(b'[names.az]\nGB = "Birl\xe6"\n')
    status, stdout, stderr = run_check(workspace, capsys)
    assert (status, stdout) == (2, "")
    (message,) = stderr.splitlines()
    assert f"{workspace / 'data' / 'countries.toml'}:2:11: not UTF-8 text (byte 0xe6)" in message


# -- what is NOT an error -------------------------------------------------------------------
def test_crlf_file_loads(workspace: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Windows line endings (git's core.autocrlf) are valid TOML and must keep working."""
    (folder / "x.toml").write_bytes(X.replace("\n", "\r\n").encode())
    status, stdout, _ = run_check(workspace, capsys, "--format", "json")
    assert status == 0
    assert {e["verdict"] for e in json.loads(stdout)["assessments"]} == {"permitted"}


def test_symlink_inside_workspace_is_read(workspace: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "shared").mkdir()
    (workspace / "shared" / "x.toml").write_text(X, encoding="utf-8")
    (folder / "x.toml").symlink_to(workspace / "shared" / "x.toml")
    status, stdout, _ = run_check(workspace, capsys, "--format", "json")
    assert status == 0, stdout


def test_equals_line_inside_a_string_is_not_a_conflict(workspace: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = swap(X, TITLE, TITLE + '\nnotes = """\n=======\n"""')
    (folder / "x.toml").write_text(text, encoding="utf-8")
    status, stdout, _ = run_check(workspace, capsys, "--format", "json")
    assert status == 0, stdout


def test_ids_cannot_name_paths(workspace: Path, folder: Path) -> None:
    from xborder.store import open_workspace

    ws = open_workspace(workspace, search=False)
    for bad in ("../x", "a/b", "x y", "", "X"):
        assert ws.find(bad) is None
        with pytest.raises(ValueError, match="invalid assessment id"):
            ws.assessment_path(bad)
    assert ws.find("good") == folder / "good.toml"

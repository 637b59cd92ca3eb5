"""Issue 16: arbitrary strings in every field and arbitrary bytes as a file, through
check, list, show, due, register, history and the home screen's rows: never a
traceback, never a raw control character on a terminal, JSON always valid UTF-8."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xborder.tomlio import dump_toml

from .conftest import assert_safe_text

AS_OF = "2026-11-22"
# any character TOML can hold in a string (every code point but surrogates)
TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
DATES = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def _doc(texts: list[str], dates: list[dt.date]) -> dict[str, Any]:
    """A valid-shaped assessment with arbitrary text in every free-text field and
    arbitrary dates in every date field."""

    def text(i: int) -> str:
        return texts[i % len(texts)]

    def date(i: int) -> dt.date:
        return dates[i % len(dates)]

    return {
        "schema_version": 1, "id": "x", "title": text(0), "status": "draft", "created": date(0),
        "next_review": date(1), "assessor": text(1), "notes": text(2),
        "operator": {"name": text(3), "tin": text(4), "address": text(5), "contact": text(6), "responsible": text(7)},
        "processing": {"purposes": [text(8)], "subjects": [text(9)], "data": ["identity"], "primary_storage": "AZ"},
        "transfers": [{
            "id": "t1", "country": "TR", "start": date(2), "ground": "consent", "notes": text(10),
            "recipient": {"name": text(11), "kind": "legal_entity", "address": text(12), "contact": text(13),
                          "agreement": text(14)},
            "consent": {"written": True, "reference": text(15)},
            "recipient_info": {"obtained": date(3), "measures": text(16), "termination": text(17),
                               "evidence": [text(18)]},
            "notification": {"sent": date(4), "reference": text(19), "separate": True, "acknowledged": date(5)},
        }],
    }


COMMANDS = (
    ("check",), ("check", "--format", "json"), ("list",), ("list", "--format", "json"),
    ("show", "x"), ("show", "x", "--format", "json"), ("due", "--within", "3660"),
    ("due", "--format", "json"), ("due", "--format", "ics"),
)


def _through_every_command(root: Path, run_cli, tmp_path: Path) -> None:
    for argv in COMMANDS:
        status, out, err = run_cli(*argv, "-w", str(root), "--as-of", AS_OF)
        assert status in (0, 1, 2), (argv, err)
        assert b"Traceback" not in err and b"internal error" not in err, (argv, err)
        assert_safe_text(err)
        if "json" in argv:
            if out or argv[0] != "show":  # show of an invalid file: one line on stderr
                json.loads(out.decode("utf-8"))
        elif "ics" in argv:
            text = out.decode("utf-8").replace("\r\n", "")
            assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text)
        else:
            assert_safe_text(out)
    status, _out, err = run_cli("register", "--format", "csv,json", "--out", str(tmp_path / "reg"), "-w", str(root), "--as-of", AS_OF)
    register = json.loads((tmp_path / "reg" / "register.json").read_text(encoding="utf-8"))
    assert status == (2 if register["invalid"] else 0), err  # an unreadable file fails it, as `report`


@SETTINGS
@given(texts=st.lists(TEXT, min_size=1, max_size=20), dates=st.lists(DATES, min_size=1, max_size=6))
def test_arbitrary_strings_and_dates_in_every_field(workspace: Path, run_cli, tmp_path: Path, texts, dates):
    path = workspace / "data" / "assessments" / "x.toml"
    path.write_text(dump_toml(_doc(texts, dates)), encoding="utf-8")
    _through_every_command(workspace, run_cli, tmp_path)


@SETTINGS
@given(data=st.binary(max_size=400), name=st.binary(min_size=1, max_size=12))
def test_arbitrary_bytes_as_a_file_and_its_name(workspace: Path, run_cli, tmp_path: Path, data, name):
    folder = workspace / "data" / "assessments"
    for old in folder.iterdir():
        old.unlink()
    clean = name.replace(b"/", b"_").replace(b"\0", b"_")
    if clean in (b".", b".."):
        clean = b"_"
    with open(os.fsencode(folder) + b"/" + clean + b".toml", "wb") as handle:
        handle.write(data)
    for argv in (("check",), ("check", "--format", "json"), ("list",), ("list", "--format", "json"), ("due",), ("due", "--format", "json")):
        status, out, err = run_cli(*argv, "-w", str(workspace), "--as-of", AS_OF)
        assert status in (0, 1, 2), (argv, err)
        assert b"Traceback" not in err and b"internal error" not in err
        if "json" in argv:
            json.loads(out.decode("utf-8"))
        else:
            assert_safe_text(out)
    status, _out, err = run_cli("register", "--format", "csv,json", "--out", str(tmp_path / "reg"), "-w", str(workspace), "--as-of", AS_OF)
    register = json.loads((tmp_path / "reg" / "register.json").read_text(encoding="utf-8"))
    assert status == (2 if register["invalid"] else 0), err  # an unreadable file fails it, as `report`


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(author=st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\0\n<>"), min_size=1, max_size=20).filter(str.strip),
       message=st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\0"), min_size=1, max_size=40).filter(str.strip))
def test_arbitrary_git_authors_and_messages_through_history(tmp_path_factory, run_cli, make_doc, author, message):
    root = tmp_path_factory.mktemp("git")
    (root / "data" / "assessments").mkdir(parents=True)
    (root / "xborder.toml").write_text('[operator]\nname = "T"\n', encoding="utf-8")
    path = root / "data" / "assessments" / "x.toml"
    path.write_text(dump_toml(make_doc()), encoding="utf-8")
    env = dict(os.environ, GIT_AUTHOR_NAME=author, GIT_AUTHOR_EMAIL="a@x", GIT_COMMITTER_NAME="c", GIT_COMMITTER_EMAIL="c@x")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--allow-empty-message", "-m", message]):
        proc = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, check=False)
        if proc.returncode != 0:  # an author name git itself refuses
            return
    for argv in (("history", "x"), ("history", "x", "--format", "json")):
        status, out, err = run_cli(*argv, "-w", str(root))
        assert status == 0, err
        if "json" in argv:
            json.loads(out.decode("utf-8"))
        else:
            assert_safe_text(out)


@SETTINGS
@given(texts=st.lists(TEXT, min_size=1, max_size=20), dates=st.lists(DATES, min_size=1, max_size=6))
def test_the_home_screens_rows_of_arbitrary_files(workspace: Path, texts, dates):
    from xborder.store import open_workspace
    from xborder.tui.portfolio import load_row
    from xborder.tui.safe import plain
    from xborder.tui.screens.home import HomeScreen

    from .conftest import RAW_CONTROL

    path = workspace / "data" / "assessments" / "x.toml"
    path.write_text(dump_toml(_doc(texts, dates)), encoding="utf-8")
    ws = open_workspace(workspace, search=False)
    row = load_row(ws, path, dt.date(2026, 11, 22))
    widths = {"id": 20, "title": 60, "status": 10, "verdict": 12, "transfers": 4, "countries": 10, "review": 10}
    for lang in ("en", "az"):
        cells = HomeScreen._cell_texts(row, widths, ws.reference, lang, dt.date(2026, 11, 22))
        for cell in cells:
            assert RAW_CONTROL.search(str(cell).replace("\n", "\\n")) is None
            assert "\n" not in str(cell)
    assert RAW_CONTROL.search(plain(row.title)) is None

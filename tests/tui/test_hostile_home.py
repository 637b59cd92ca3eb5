"""Issue 16: the home screen with hostile files in the folder. It shows every row, no
escape sequence or markup from a file reaches the screen, and one file that xborder
cannot judge shows as invalid while the rest work."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from textual.widgets import DataTable

from xborder.tomlio import dump_toml
from xborder.tui.screens.home import HomeScreen

from .helpers import wait_home

RAW = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
EVIL = "[bold red]x[/] T \x1b]52;c;ZWNobyBwd25lZCA+IH4vLmJhc2hyYw==\x07 \x1b[2J\x1b]0;owned\x07 \u202e \n2"


def _doc(ident: str, **changes: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "schema_version": 1, "id": ident, "title": "Ordinary", "created": dt.date(2026, 11, 1),
        "operator": {"name": "Operator LLC"},
        "processing": {"purposes": ["P"], "subjects": ["S"], "data": ["identity"]},
        "transfers": [{"id": "t1", "country": "DE", "start": dt.date(2027, 1, 1), "ground": "adequacy",
                       "recipient": {"name": "R", "kind": "legal_entity"}}],
    }
    doc.update(changes)
    return doc


def _write(root: Path, name: str, doc: dict[str, object]) -> None:
    (root / "data" / "assessments" / f"{name}.toml").write_text(dump_toml(doc), encoding="utf-8")


async def test_hostile_files_show_as_rows_and_nothing_raw_reaches_the_screen(empty_root: Path, make) -> None:
    (empty_root / "data" / "assessments").mkdir(parents=True)
    _write(empty_root, "evil", _doc("evil", title=EVIL))
    _write(empty_root, "year-one", _doc("year-one", transfers=[{**_doc("x")["transfers"][0], "start": dt.date(1, 1, 1)}]))  # type: ignore[index]
    _write(empty_root, "fine", _doc("fine"))
    (empty_root / "data" / "assessments" / "\x1b[31mred.toml").write_text("x = 1\n", encoding="utf-8")
    with open(os.fsencode(empty_root / "data" / "assessments") + b"/bad\xff.toml", "wb") as handle:
        handle.write(b"schema_version = 1\n")
    app = make(empty_root)
    async with app.run_test(size=(140, 30)) as pilot:
        await wait_home(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 5
        cells = [str(cell) for i in range(table.row_count) for cell in table.get_row_at(i)]
        assert not [cell for cell in cells if RAW.search(cell)]
        assert any("\\x1b]52;c;" in cell for cell in cells)  # shown, visibly
        assert any("[bold red]x[/]" in cell for cell in cells)  # as text, not as markup
        ids = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert "fine" in ids and "bad\\xff" in ids
        assert app.is_running


async def test_a_file_the_core_cannot_judge_shows_as_invalid(empty_root: Path, make, monkeypatch) -> None:
    import xborder.rules as rules  # the home screen's rows import evaluate from here when they need it

    (empty_root / "data" / "assessments").mkdir(parents=True)
    _write(empty_root, "boom", _doc("boom"))
    _write(empty_root, "fine", _doc("fine", title="Fine"))
    real = rules.evaluate

    def evaluate(assessment, *args, **kwargs):
        if assessment.id == "boom":
            raise OverflowError("date value out of range")
        return real(assessment, *args, **kwargs)

    monkeypatch.setattr(rules, "evaluate", evaluate)
    app = make(empty_root)
    async with app.run_test(size=(140, 30)) as pilot:
        await wait_home(pilot)
        table = app.screen.query_one(DataTable)
        rows = {str(table.get_row_at(i)[0]): [str(c) for c in table.get_row_at(i)] for i in range(table.row_count)}
        assert set(rows) == {"boom", "fine"}
        assert rows["boom"][1].startswith("could not be judged")
        assert "Fine" in rows["fine"][1]


async def test_the_wizard_shows_a_hostile_file_without_sending_its_controls(empty_root: Path, make) -> None:
    from textual.widgets import Input, TextArea

    from .helpers import wait_wizard

    (empty_root / "data" / "assessments").mkdir(parents=True)
    path = empty_root / "data" / "assessments" / "evil.toml"
    _write(empty_root, "evil", _doc("evil", title=EVIL, notes="line one \x1b[2J\nline two \x1b]0;x\x07 \u202e"))
    before = path.read_bytes()
    app = make(empty_root)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_home(pilot)
        app.open_file(path)
        wizard = await wait_wizard(pilot)
        await pilot.pause()
        screenshot = app.export_screenshot()
        assert not RAW.search(screenshot.replace("\n", "")), RAW.search(screenshot.replace("\n", ""))
        inputs = [w for w in wizard.query(Input) if w.value] + list(wizard.query(TextArea))
        assert any(isinstance(w, Input) and w.value == EVIL.strip() for w in inputs)  # the value itself is exact
        assert any(isinstance(w, TextArea) and "\x1b[2J" in w.text for w in inputs)
    assert path.read_bytes() == before  # nothing was changed by showing it

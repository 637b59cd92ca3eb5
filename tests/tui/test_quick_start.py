"""Home from the index, core later (issue 11 item 1): with a fresh row index the home
screen's first frame is drawn from it alone -- no pydantic, no rules, no reference data,
no typst -- and the core checks the rows in a worker after that frame, updating a row in
place when its file changed. A stale or missing index is no quick start (the app then opens
the workspace first, as before)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import DataTable

from xborder.tui.app import XBorderApp
from xborder.tui.portfolio import CHECKING, RowIndex, quick_start
from xborder.tui.screens.home import HomeScreen

from .conftest import AS_OF
from .helpers import wait_for, wait_home

ASSESSMENTS = Path("data") / "assessments"


async def _index(root: Path, make) -> None:  # type: ignore[no-untyped-def]
    """Open the app once the usual way: it writes the row index."""
    app = make(root, offer_drafts=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_home(pilot)
        await app.workers.wait_for_complete()


def _cells(app: XBorderApp) -> dict[str, tuple[str, str, str]]:
    table = app.screen.query_one(DataTable)
    rows = (table.get_row_at(i) for i in range(table.row_count))
    return {str(r[0]): (str(r[1]), str(r[2]), str(r[3])) for r in rows}


FIRST_FRAME = """
import asyncio, datetime as dt, json, sys
from pathlib import Path

from xborder.tui import app as tui
from xborder.tui.portfolio import quick_start

CORE = ("pydantic", "typst", "xborder.rules", "xborder.rulebooks", "xborder.reference",
        "xborder.model", "xborder.store", "xborder.lifecycle")

def core_modules():
    return sorted(m for m in sys.modules if m.startswith(CORE))

seen = {}
loaded, verified = tui.XBorderApp.home_loaded, tui.XBorderApp.home_verified

def home_loaded(self):
    loaded(self)
    def first_frame():  # the documented hook, then the first refresh after it
        seen["first_frame"] = core_modules()
        seen["rows"] = self.loaded_rows
    self.call_after_refresh(first_frame)

def home_verified(self):
    verified(self)
    seen["verified"] = core_modules()

tui.XBorderApp.home_loaded, tui.XBorderApp.home_verified = home_loaded, home_verified

async def main():
    start = quick_start(Path(sys.argv[1]), dt.date(2026, 11, 22))
    seen["quick"] = start is not None
    app = tui.make_app(start, lang="en", as_of=dt.date(2026, 11, 22), offer_drafts=False)
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(500):
            if "verified" in seen:
                break
            await pilot.pause(0.02)

asyncio.run(main())
print(json.dumps(seen))
"""


async def test_the_first_frame_needs_no_core(example_root: Path, make) -> None:
    """In a fresh interpreter, the real app driven to its first frame (from the index)
    has imported neither pydantic nor the rules, reference data, store or typst; once the
    worker has checked the rows the core is there (so the probe can see it)."""
    await _index(example_root, make)
    proc = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(example_root)],
        capture_output=True, text=True, check=False, env=os.environ.copy(), timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["quick"] is True
    assert seen["rows"] == 10
    assert seen["first_frame"] == []
    assert "pydantic" in seen["verified"] and "xborder.rules" in seen["verified"]


async def test_a_stale_or_missing_index_is_no_quick_start(example_root: Path, make) -> None:
    assert quick_start(example_root, AS_OF) is None  # no index yet
    await _index(example_root, make)
    start = quick_start(example_root, AS_OF)
    assert start is not None and len(start.rows) == 10 and start.view.language == "az"
    assert start.view.label("verdict", "blocked", "en").casefold() == "blocked"
    assert quick_start(example_root, AS_OF.replace(day=23)) is None  # another as-of date
    settings = example_root / "xborder.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert quick_start(example_root, AS_OF) is None  # settings changed: the core must judge


async def test_from_the_index_a_changed_file_updates_in_place(example_root: Path, make) -> None:
    await _index(example_root, make)
    changed = example_root / ASSESSMENTS / "probpm-crm.toml"
    changed.write_text(changed.read_text(encoding="utf-8").replace('status = "draft"', 'status = "in_review"'), encoding="utf-8")
    new = example_root / ASSESSMENTS / "zz-new.toml"
    new.write_text((example_root / ASSESSMENTS / "ims-support-chats.toml").read_text(encoding="utf-8")
                   .replace('id = "ims-support-chats"', 'id = "zz-new"'), encoding="utf-8")
    start = quick_start(example_root, AS_OF)
    assert start is not None
    first: dict[str, tuple[str, str, str]] = {}
    checked = []
    loaded, verified = XBorderApp.home_loaded, XBorderApp.home_verified

    class Probe(XBorderApp):
        def home_loaded(self) -> None:
            loaded(self)
            first.update(_cells(self))
            assert not self.core_ready  # the first frame came before the core

        def home_verified(self) -> None:
            verified(self)
            checked.append(_cells(self))

    app = Probe(start, lang="en", as_of=AS_OF, theme="textual-dark", offer_drafts=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: bool(checked), "the core's check")
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        # first frame: the index's rows as they were; the file it does not know, by name
        assert first["probpm-crm"][1] == "Draft"
        assert first["zz-new"] == ("", "", "…")
        assert screen.rows[new].verdict != CHECKING
        after = checked[0]
        assert after["probpm-crm"][1] == "In review"
        assert after["zz-new"][2] == "PERMITTED"
        assert {k: v for k, v in after.items() if k not in ("probpm-crm", "zz-new")} == {
            k: v for k, v in first.items() if k not in ("probpm-crm", "zz-new")
        }
        assert app.core_ready
    # the check wrote the index again: the next start shows the new rows at once
    again = quick_start(example_root, AS_OF)
    assert again is not None and again.rows[new].verdict == "permitted"


async def test_the_index_keeps_the_home_screens_words(example_root: Path, make) -> None:
    await _index(example_root, make)
    index = RowIndex(example_root, AS_OF)
    assert index.fresh and index.view is not None and index.core is not None
    view = index.view
    assert view.verdicts[0] == "permitted" and view.verdicts[-1] == "invalid"
    assert view.statuses[0] == "draft"
    assert view.label("status", "in_review", "en") == "In review"
    assert view.country("US", "en") and view.country("US", "az") != "US"
    assert view.label("verdict", "no-such", "en") == "no-such"


CLI = """
import json, sys
from xborder.cli import main
assert main._names_no_command(["-w", "ws", "--lang", "en", "--as-of=2026-11-22"])
assert not main._names_no_command(["check"]) and not main._names_no_command(["--help"])
args = main._top_parser().parse_args(["--lang", "en"])
import xborder.cli.cmd_tui, xborder.tui.app, xborder.tui.screens.home
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("pydantic", "typst", "xborder.rules",
      "xborder.reference", "xborder.model", "xborder.store")))))
"""


def test_the_command_line_to_the_wizard_imports_no_core() -> None:
    """`xborder` with no command parses its options without loading the commands, and
    what it imports to open the app holds no core (it comes after the first frame)."""
    proc = subprocess.run([sys.executable, "-c", CLI], capture_output=True, text=True, check=False, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def test_the_home_screens_default_jurisdiction_is_the_registrys() -> None:
    """portfolio keeps its own copy (importing the registry would load the core)."""
    from xborder.rules.registry import DEFAULT
    from xborder.tui.portfolio import DEFAULT_JURISDICTION

    assert DEFAULT_JURISDICTION == DEFAULT

"""Regenerate the README's screenshots (SVG saved by Textual) from the example workspace.

    .venv/bin/python scripts/screenshots.py

Writes docs/screenshots/home.svg and docs/screenshots/destination.svg, at 120x32, in
English, judged as of 2026-11-22 (so the verdicts match the README), with a fixed theme.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from xborder.store import open_workspace
from xborder.tui.app import make_app
from xborder.tui.screens.wizard import WizardScreen

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SIZE = (120, 32)  # wide enough for every column of the list


async def shoot(workspace_root: Path) -> None:
    workspace = open_workspace(workspace_root, search=False)
    app = make_app(workspace, lang="en", as_of=dt.date(2026, 11, 22), theme="textual-dark", offer_drafts=False)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        while app.loaded_rows < 0:
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        app.save_screenshot(filename="home.svg", path=str(OUT))
        app.open_file(workspace.assessment_path("charge-web-analytics"))
        while not (isinstance(app.screen, WizardScreen) and app.screen.ready):
            await pilot.pause(0.05)
        app.screen._show_step("destinations")
        while app.screen.step != "destinations":  # its page is built when first shown
            await pilot.pause(0.05)
        await pilot.pause(0.3)
        app.save_screenshot(filename="destination.svg", path=str(OUT))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "xborder"
        (root / "data").mkdir(parents=True)
        shutil.copy(ROOT / "xborder.toml", root / "xborder.toml")
        shutil.copytree(ROOT / "data" / "assessments", root / "data" / "assessments")
        asyncio.run(shoot(root))
    for name in ("home.svg", "destination.svg"):
        print(OUT / name)


if __name__ == "__main__":
    main()

"""How the wizard looks (SVG snapshots; update with --snapshot-update after a deliberate
change, and look at snapshot_report.html when one fails)."""

from __future__ import annotations

from pathlib import Path

from .helpers import show_step, wait_home, wait_wizard

SIZE = (100, 32)
FILE = "data/assessments/charge-web-analytics.toml"


def test_home_screen(example_root: Path, make, snap_compare) -> None:
    async def loaded(pilot) -> None:
        await wait_home(pilot)

    assert snap_compare(make(example_root), terminal_size=SIZE, run_before=loaded)


def test_destination_step(example_root: Path, make, snap_compare) -> None:
    async def destinations(pilot) -> None:
        await wait_home(pilot)
        pilot.app.open_file(example_root / FILE)
        wizard = await wait_wizard(pilot)
        await show_step(pilot, wizard, "destinations")

    assert snap_compare(make(example_root), terminal_size=SIZE, run_before=destinations)


def test_review_step(example_root: Path, make, snap_compare) -> None:
    async def review(pilot) -> None:
        await wait_home(pilot)
        pilot.app.open_file(example_root / FILE)
        wizard = await wait_wizard(pilot)
        await show_step(pilot, wizard, "review")

    assert snap_compare(make(example_root), terminal_size=SIZE, run_before=review)

"""Waiting helpers of the wizard's pilot tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


async def wait_home(pilot: Any) -> None:
    """Wait until the home screen has loaded every row."""
    from xborder.tui.screens.home import HomeScreen

    for _ in range(200):
        await pilot.pause(0.02)
        screen = pilot.app.screen
        if isinstance(screen, HomeScreen) and screen.loaded:
            await pilot.pause()
            return
        home = pilot.app.home
        if home is not None and home.loaded:
            await pilot.pause()
            return
    raise AssertionError("the home screen did not finish loading")


async def wait_wizard(pilot: Any) -> Any:
    from xborder.tui.screens.wizard import WizardScreen

    for _ in range(200):
        await pilot.pause(0.02)
        screen = pilot.app.screen
        if isinstance(screen, WizardScreen) and screen.ready:
            await pilot.pause()
            return screen
    raise AssertionError(f"no wizard: {pilot.app.screen}")


async def wait_for(pilot: Any, predicate: Callable[[], bool], what: str) -> None:
    for _ in range(200):
        if predicate():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def show_step(pilot: Any, wizard: Any, step: str) -> None:
    """Show `step` in `wizard` and wait until it is shown (a page is built the first
    time its step is shown)."""
    wizard._show_step(step)
    await wait_for(pilot, lambda: wizard.step == step, f"the {step} step")
    await pilot.pause()


async def open_wizard(pilot: Any, path: Any, step: str | None = None) -> Any:
    """Open the file at `path` in the wizard (as Enter on its row does), at `step`."""
    pilot.app.open_file(path)
    wizard = await wait_wizard(pilot)
    if step is not None:
        await show_step(pilot, wizard, step)
    return wizard

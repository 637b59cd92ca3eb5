"""The footer is rebuilt once per frame, however many binding changes arrive in it, and
still shows the screen's keys afterwards."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from xborder.tui.widgets.footer import CoalescingFooter

from .helpers import wait_home


async def test_binding_changes_in_one_frame_rebuild_the_footer_once(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_home(pilot)
        await pilot.pause()
        footer = app.screen.query_one(CoalescingFooter)
        rebuilds = 0
        original = footer.recompose

        async def counting() -> None:
            nonlocal rebuilds
            rebuilds += 1
            await original()

        footer.recompose = counting  # type: ignore[method-assign]
        for _ in range(5):
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert rebuilds == 1
        labels = [key.description for key in footer.query(FooterKey)]
        assert "New" in labels and "Quit" in labels
        # a later change is not swallowed
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert rebuilds == 2

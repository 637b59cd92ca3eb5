"""The wizard opens at once (issue 11 item 2): only the first step's page is built when
it opens; the others, the transfer form among them, the first time they are shown. The
first step has the focus and keys work as soon as it is ready."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from xborder.tui.screens.wizard import WizardScreen

from .helpers import show_step, wait_home, wait_wizard

FILE = "data/assessments/charge-web-analytics.toml"


async def test_an_opened_wizard_is_usable_at_once_and_builds_the_other_steps_when_shown(
    example_root: Path, make
) -> None:
    app = make(example_root)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_home(pilot)
        app.open_file(example_root / FILE)
        wizard = await wait_wizard(pilot)
        assert isinstance(wizard, WizardScreen)
        # the first step is focused (an existing file: the step list) and only its page is built
        assert app.focused is wizard.query_one("#steps", OptionList)
        assert wizard.built("general") and not wizard.built("destinations")
        assert not wizard.query("#transfer-form") and not wizard.query("#t-country")
        title = wizard.query_one("#f-title-control", Input)
        assert title.value  # the document is shown
        # keys work: down the step list to Processing (built when shown), Enter focuses it
        await pilot.press("down")
        await pilot.pause()
        assert wizard._wanted == "processing"
        await show_step(pilot, wizard, "processing")
        assert wizard.built("processing")
        assert wizard.query_one("#f-processing-purposes").value
        # the transfer form comes with the destinations step, showing the first transfer
        await show_step(pilot, wizard, "destinations")
        assert wizard.built("destinations") and wizard.query("#t-country")
        assert wizard.query_one("#transfer-list", OptionList).option_count == len(wizard.doc["transfers"])
        assert wizard.query_one("#t-id").value == wizard.doc["transfers"][0]["id"]


async def test_a_key_typed_in_a_new_wizard_goes_to_its_title(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_home(pilot)
        app.open_new()
        wizard = await wait_wizard(pilot)
        assert app.focused is wizard.query_one("#f-title-control", Input)
        await pilot.press("X")
        await pilot.pause()
        assert wizard.query_one("#f-title-control", Input).value == "X"
        assert wizard.doc["title"] == "X"
        # a transfer added from another step builds the destinations page first
        wizard.action_add_transfer()
        await pilot.pause()
        for _ in range(100):
            if wizard.step == "destinations":
                break
            await pilot.pause(0.02)
        assert wizard.step == "destinations" and len(wizard.doc["transfers"]) == 1

"""What a new user meets first: keys that work and show at 80x24 in both languages, the
command palette, quitting from the list, the country type-ahead in az/en/ru, only the
chosen ground's fields, the clause text, and the mouse (clicks through Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Button, DataTable, Input, OptionList, Static
from textual.widgets._footer import FooterKey

from xborder.store import open_workspace
from xborder.tui.screens.choice import ChoiceScreen
from xborder.tui.screens.help import HelpScreen
from xborder.tui.screens.home import HomeScreen
from xborder.tui.widgets.country import resolve, search

from .helpers import open_wizard, show_step, wait_for, wait_home, wait_wizard

FILE = "data/assessments/charge-web-analytics.toml"


def _footer_keys(screen) -> list[FooterKey]:
    return list(screen.query(FooterKey))


@pytest.mark.parametrize("lang", ["az", "en"])
async def test_every_footer_key_fits_at_80x24(example_root: Path, make, lang: str) -> None:
    app = make(example_root, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        for screen_name in ("home", "wizard"):
            if screen_name == "wizard":
                app.open_file(example_root / FILE)
                await wait_wizard(pilot)
            await pilot.pause(0.1)
            keys = _footer_keys(app.screen)
            shown = {key.key for key in keys}
            assert {"f1", "f2", "ctrl+p"} <= shown, shown
            if screen_name == "home":  # the keys: new, open, duplicate, delete, report, help, quit
                assert {"n", "o", "c", "delete", "p", "q"} <= shown, shown
            else:
                assert {"ctrl+s", "escape", "f3"} <= shown, shown
            for key in keys:
                assert key.region.right <= 80, (screen_name, key.key, key.region)
                assert key.region.width > 0, (screen_name, key.key)


async def test_q_on_the_list_quits(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        await pilot.press("q")
        await pilot.pause(0.1)
        assert app._exit  # noqa: SLF001 - the app is leaving, with no error
    assert app.return_code == 0


async def test_ctrl_p_opens_the_command_palette_in_the_users_language(example_root: Path, make) -> None:
    app = make(example_root, lang="az")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        assert app.screen.query_one(Input).placeholder == "Əmr axtarın…"
        await pilot.press(*"yeni")
        await pilot.pause(0.3)
        await pilot.press("enter")
        wizard = await wait_wizard(pilot)
        assert wizard.is_new


async def test_palette_lists_the_wizard_commands(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_home(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"New", "Open", "Copy", "Delete", "PDF", "Search", "Help", "Quit", "Language", "Theme"} <= titles
        wizard = await open_wizard(pilot, example_root / FILE)
        titles = {c.title for c in app.get_system_commands(wizard)}
        assert {"Save", "Add a transfer", "Remove the transfer", "Clause text", "Go to step: Review"} <= titles


def test_the_country_type_ahead_knows_az_en_ru_names_codes_and_common_names() -> None:
    assert search("Alma", "az")[0] == "DE"
    assert search("Герм", "en")[0] == "DE"
    assert search("germ", "en")[0] == "DE"
    assert search("de", "en")[0] == "DE"  # the ISO code first
    assert search("ABŞ", "az")[0] == "US"  # before "ABŞ Virgin adaları"
    assert resolve("ABŞ") == "US" and resolve("BƏƏ") == "AE" and resolve("Россия") == "RU"
    assert resolve("UK") == "GB" and resolve("Türkiyə") == "TR"
    assert resolve("Azərbaycan", exclude="AZ") is None


async def test_escape_in_the_country_field_closes_its_list_then_leaves(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        wizard = await open_wizard(pilot, example_root / FILE, "destinations")
        field = wizard.query_one("#t-country-control-input", Input)
        field.focus()
        field.value = ""
        await pilot.press(*"Герм")
        await pilot.pause()
        picker = wizard.query_one("#t-country-control")
        assert picker.has_class("-open")
        await pilot.press("escape")  # closes the list of matches
        await pilot.pause()
        assert not picker.has_class("-open") and app.screen is wizard
        await pilot.press("escape")  # then means "back": unsaved, so it asks
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the question")


async def test_the_ground_shows_only_its_own_fields(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_home(pilot)
        wizard = await open_wizard(pilot, example_root / FILE, "destinations")
        shown = {}
        for ground in ("consent", "contract", "adequacy", None):
            wizard.query_one("#t-ground").set_value(ground)
            wizard.query_one("#t-adequacy-adequate").set_value(None)
            transfer = wizard._transfer()
            transfer["ground"] = ground
            transfer.pop("adequacy", None)
            wizard._show_ground(ground)
            await pilot.pause()
            shown[ground] = {g for g in ("grp-consent", "grp-contract", "grp-override") if wizard.query_one(f"#{g}").display}
        assert shown == {
            "consent": {"grp-consent"},
            "contract": {"grp-contract"},
            "adequacy": {"grp-override"},
            None: set(),
        }


async def test_adequacy_and_its_source_in_the_interface_language(example_root: Path, make) -> None:
    app = make(example_root, lang="az")
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_home(pilot)
        wizard = await open_wizard(pilot, example_root / FILE, "destinations")
        text = str(wizard.query_one("#adequacy", Static).content)
        assert "Adekvat mühafizə: yoxdur" in text
        assert "siyahıda yoxdur" in text and "not listed" not in text


async def test_f3_shows_the_clause_text_of_the_step_in_the_interface_language(example_root: Path, make) -> None:
    app = make(example_root, lang="az")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        wizard = await open_wizard(pilot, example_root / FILE)
        panel = wizard.query_one("#help-panel")
        assert not panel.display  # hidden below 120 columns until asked for
        await pilot.press("f3")
        await pilot.pause()
        assert panel.display and panel.region.width >= 36
        assert not wizard.query_one("#steps").display  # at 80 columns it takes the step list's place
        await show_step(pilot, wizard, "destinations")
        text = str(wizard.query_one("#help-text", Static).content)
        assert "Transsərhəd" in text
        # whose clause 12.1 is: i.M.S. Engineering's, as a model; this operator's policy
        # (its profile) has no such clause, so none is presented as its own
        assert "nümunə: i.M.S. Engineering MMC fərdi məlumatların işlənilməsi siyasəti (2024-05-20), bənd 12.1" in text
        assert "operatorun öz siyasəti" not in text  # CHARGE.AZ's policy has none of this step's clauses
        await pilot.press("f3")
        await pilot.pause()
        assert not panel.display and wizard.query_one("#steps").display


async def test_f3_names_the_operators_own_clause_where_its_profile_maps_it(example_root: Path, make) -> None:
    app = make(example_root, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_home(pilot)
        wizard = await open_wizard(pilot, example_root / "data/assessments/ims-support-chats.toml")
        wizard._show_step("destinations")
        await pilot.pause()
        text = str(wizard.query_one("#help-text", Static).content)
        # i.M.S. Engineering's own policy has 12.1 and 12.2, but no clause on adequacy (7.1)
        assert "the operator's own policy: i.M.S. Engineering MMC policy of 2024-05-20, clause 12.1" in text
        assert "the operator's own policy: i.M.S. Engineering MMC policy of 2024-05-20, clause 12.2" in text
        assert "model: Pro BPM Consalt MMC policy, clause 7.1" in text
        assert "own policy: i.M.S. Engineering MMC policy of 2024-05-20, clause 7.1" not in text


async def test_f1_help_lists_the_keys(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_long_title_never_hides_the_verdict(example_root: Path, make) -> None:
    app = make(example_root, lang="az")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        app.open_file(example_root / "data/assessments/charge-hr-group.toml")
        wizard = await wait_wizard(pilot)
        bar = str(wizard.query_one("#wiz-bar", Static).content)
        assert "YOL VERİLMİR" in bar and "…" in bar and len(bar) <= 78


async def test_statuses_sort_in_their_workflow_order(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_home(pilot)
        screen = app.screen
        screen._sort_by("status")
        await pilot.pause()
        order = list(open_workspace(example_root, search=False).reference.vocabulary.status)
        statuses = [row.status for row in screen._visible()]
        assert statuses == sorted(statuses, key=order.index)
        assert statuses[0] == "draft"


async def test_the_whole_path_with_the_mouse(example_root: Path, make) -> None:
    """Clicks only: a row, a step, the Add button, a country in the list of matches, the
    Save step's button, a column's title, and the dialog's buttons."""
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_home(pilot)
        home = app.screen
        table = home.query_one(DataTable)
        # a column's title sorts
        x = sum(table.columns[key].get_render_width(table) for key in ("id", "title", "status")) + 2
        await pilot.click("#table", offset=(x, 0))  # Verdict
        await pilot.pause()
        assert home.sort_column == "verdict"
        await pilot.click("#table", offset=(2, 0))  # ID
        await pilot.pause()
        assert home.sort_column == "id"
        # a row: click it twice (select, then open)
        await pilot.click("#table", offset=(5, 4))
        await pilot.click("#table", offset=(5, 4))
        wizard = await wait_wizard(pilot)
        assert wizard.path is not None and wizard.path.stem == "charge-web-analytics"
        # a step in the list
        steps = wizard.query_one("#steps", OptionList)
        await pilot.click("#steps", offset=(2, 2))  # the third step: Destinations
        await pilot.pause()
        assert wizard.step == "destinations" and steps.highlighted == 2
        before = len(wizard.doc["transfers"])
        await pilot.click("#add-transfer")
        await pilot.pause()
        assert len(wizard.doc["transfers"]) == before + 1
        await pilot.press(*"Alma")
        await pilot.pause()
        await pilot.click("#t-country-control OptionList", offset=(2, 0))  # the first match
        await pilot.pause()
        assert wizard.doc["transfers"][-1]["country"] == "DE"
        # Remove it again with the button and the dialog
        await pilot.click("#remove-transfer")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the question")
        await pilot.click("#choice-remove")
        await pilot.pause()
        assert len(wizard.doc["transfers"]) == before
        # General by a click, a field by a click (typing is the keyboard's job)
        await pilot.click("#steps", offset=(2, 0))
        await pilot.pause()
        assert wizard.step == "general"
        await pilot.click("#f-assessor-control")
        await pilot.press(*"Mouse")
        await pilot.pause()
        # the Save step, by a click on it, then its button
        await pilot.click("#steps", offset=(2, 4))
        await pilot.pause()
        assert wizard.step == "save"
        await pilot.click("#save-button")
        await wait_for(pilot, lambda: not wizard.dirty, "the save")
        report = wizard.query_one("#save-report-button", Button)
        assert str(report.label) == "Generate the PDF report" and app.focused is report
    assert 'assessor = "Mouse"' in (example_root / FILE).read_text(encoding="utf-8")


async def test_form_mistakes_are_explained_in_the_interface_language(example_root: Path, make) -> None:
    app = make(example_root, lang="az")
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_home(pilot)
        await pilot.press("n")
        wizard = await wait_wizard(pilot)
        box = wizard.query_one("#f-id-control", Input)
        box.focus()
        box.value = "Bad Id"
        await pilot.pause()
        assert wizard.query_one("#f-id").error == "Yalnız a-z, 0-9 və '-' (ən çoxu 64 simvol)"
        # a transfer's data dropped from Processing: shown, explained, can be unticked
        wizard.doc.update(id="ok-id", title="T")
        wizard.doc["processing"].update(purposes=["p"], subjects=["s"], data=["identity", "contact"])
        wizard.doc["transfers"] = [
            {"id": "a", "country": "DE", "recipient": {"name": "R", "kind": "legal_entity"}, "data": ["contact"]}
        ]
        wizard.doc["processing"]["data"] = ["identity"]
        wizard._after_structure_change(0)
        await show_step(pilot, wizard, "destinations")
        checklist = wizard.query_one("#t-data")
        assert "İşlənilmə addımında artıq olmayan" in checklist.error
        assert [key for _, key in checklist.options] == ["identity", "contact"]


async def test_f2_in_the_wizard_keeps_the_work_and_the_layout(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        wizard = await open_wizard(pilot, example_root / FILE)
        wizard.query_one("#f-assessor-control").focus()
        await pilot.press("Z")
        await pilot.press("f2")
        await pilot.pause(0.3)
        assert app.lang == "az" and wizard.dirty
        assert wizard.query_one("#f-assessor-control", Input).value == "Z"
        assert app.focused is not None and app.focused.id == "f-assessor-control"
        assert not wizard.query_one("#help-panel").display  # still hidden at 80 columns
        await pilot.press("f3", "f2")
        await pilot.pause(0.3)
        assert wizard.query_one("#help-panel").display and not wizard.query_one("#steps").display


async def test_a_title_typed_right_after_n_is_not_lost(example_root: Path, make) -> None:
    from textual import events

    app = make(example_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        for key in "nWeb s":  # as fast as a typist: all queued before the wizard is shown
            app.post_message(events.Key("space" if key == " " else key, key))
        wizard = await wait_wizard(pilot)
        await pilot.pause()
        assert wizard.doc["title"] == "Web s" and wizard.doc["id"] == "web-s"
        assert app.focused is not None and app.focused.id == "f-title-control"
        assert app.home.sort_column == "id"  # the s went into the title, not to the list

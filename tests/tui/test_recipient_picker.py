"""The recipient catalogue in the wizard (issue 10, item 5): in a destination, the
recipient is chosen from data/recipients/ by type-ahead (name or id); the file gets only
the reference, the verdicts see the catalogue's values."""

from __future__ import annotations

from pathlib import Path

from xborder.tui.widgets.recipient import search

from .helpers import wait_for, wait_home, wait_wizard
from .test_wizard_create import type_text

ENTRY = """\
schema_version = 1
id = "hetzner"
countries = ["DE"]

[recipient]
name = "Hetzner Online GmbH"
kind = "legal_entity"
role = "processor"

[recipient_info]
obtained = 2026-11-01
measures = "ISO/IEC 27001"
termination = "Deletion within 30 days"
"""


def test_search_by_name_or_id() -> None:
    entries = {"hetzner": "Hetzner Online GmbH", "google-llc": "Google LLC", "ovh": "OVH SAS"}
    assert search(entries, "goo") == ["google-llc"]
    assert search(entries, "online") == ["hetzner"]
    assert search(entries, "ovh") == ["ovh"]
    assert search(entries, "") == []


async def test_a_destination_takes_its_recipient_from_the_catalogue(example_root: Path, make) -> None:
    (example_root / "data" / "recipients").mkdir()
    (example_root / "data" / "recipients" / "hetzner.toml").write_text(ENTRY, encoding="utf-8")
    path = example_root / "data" / "assessments" / "charge-web-analytics.toml"
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_home(pilot)
        app.open_file(path)
        wizard = await wait_wizard(pilot)
        await pilot.press("alt+right", "alt+right")
        assert wizard.step == "destinations"
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Alma")
        await pilot.press("enter", "tab")
        await type_text(pilot, "2027-03-01")
        await pilot.press("tab")
        assert app.focused.id == "t-recipient-ref-control-input"
        await type_text(pilot, "hetz")
        await pilot.press("enter")
        await pilot.pause()
        transfer = wizard.doc["transfers"][wizard.transfer_index]
        assert transfer["recipient"]["ref"] == "hetzner"
        assert transfer["id"] == "hetzner"  # the transfer is named after it
        assert app.focused.value == "Hetzner Online GmbH (hetzner)"
        await wait_for(pilot, lambda: wizard.check.assessment is not None, "the check")
        resolved = wizard.check.assessment.transfers[wizard.transfer_index]
        assert resolved.recipient.name == "Hetzner Online GmbH"
        assert resolved.recipient_info.measures == "ISO/IEC 27001"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not wizard.dirty, "the save")
    text = path.read_text(encoding="utf-8")
    assert 'ref = "hetzner"' in text
    assert "Hetzner Online GmbH" not in text and "ISO/IEC 27001\"" not in text


async def test_a_typed_in_recipient_is_saved_to_the_catalogue(example_root: Path, make) -> None:
    from xborder.store import open_workspace

    path = example_root / "data" / "assessments" / "charge-web-analytics.toml"
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_home(pilot)
        app.open_file(path)
        wizard = await wait_wizard(pilot)
        await pilot.press("alt+right", "alt+right")
        await wait_for(pilot, lambda: wizard.transfer_index == 0, "the first transfer")
        verdict = wizard.check.evaluation.transfers[0].verdict
        wizard.query_one("#save-recipient").press()
        await wait_for(pilot, lambda: wizard.doc["transfers"][0]["recipient"] == {"ref": "google-llc"}, "the entry")
        await wait_for(pilot, lambda: wizard.check.evaluation is not None, "the check")
        assert wizard.check.evaluation.transfers[0].verdict == verdict
        assert "Google LLC" in wizard.query_one("#t-recipient-name-control").placeholder
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not wizard.dirty, "the save")
    entry = (example_root / "data" / "recipients" / "google-llc.toml").read_text(encoding="utf-8")
    assert 'name = "Google LLC"' in entry and '"US"' in entry
    ws = open_workspace(example_root, search=False)
    result = ws.load(path)
    assert result.ok and result.assessment.transfers[0].recipient.name == "Google LLC"


async def test_the_home_screen_has_a_recipients_view(example_root: Path, make) -> None:
    from textual.widgets import OptionList

    from xborder.tui.screens.recipients import RecipientsScreen
    from xborder.tui.screens.wizard import WizardScreen

    (example_root / "data" / "recipients").mkdir()
    (example_root / "data" / "recipients" / "hetzner.toml").write_text(ENTRY, encoding="utf-8")
    (example_root / "data" / "recipients" / "broken.toml").write_text("id = 1\n", encoding="utf-8")
    path = example_root / "data" / "assessments" / "probpm-crm.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('name = "Hetzner Online GmbH"')
    end = text.index("\n\n", start)
    path.write_text(text[:start] + 'ref = "hetzner"' + text[end:], encoding="utf-8")
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_home(pilot)
        await pilot.press("R")
        await wait_for(pilot, lambda: isinstance(app.screen, RecipientsScreen), "the recipients view")
        await pilot.pause()
        screen = app.screen
        entries = screen.query_one("#rec-list", OptionList)
        labels = [str(entries.get_option_at_index(i).prompt) for i in range(entries.option_count)]
        assert labels[0].startswith("broken  the file cannot be read")
        assert labels[1] == "Hetzner Online GmbH  hetzner · DE · used by 1 transfer"
        await pilot.press("down", "enter")
        uses = screen.query_one("#rec-uses", OptionList)
        assert str(uses.get_option_at_index(0).prompt).startswith("probpm-crm: ")
        await pilot.press("enter")
        await wait_wizard(pilot)
        assert isinstance(app.screen, WizardScreen) and app.screen.path == path

"""The whole path from the keyboard: a new assessment with two destinations, saved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from xborder.store import open_workspace
from xborder.store.drafts import list_drafts
from xborder.tui.screens.home import HomeScreen
from xborder.tui.screens.wizard import WizardScreen

from .helpers import wait_for, wait_home, wait_wizard


async def tab_to(pilot: Any, widget_id: str, limit: int = 60) -> None:
    """Press Tab until the widget `widget_id` has the focus (keyboard only)."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{widget_id} (at {pilot.app.focused})")


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*[("space" if c == " " else c) for c in text])


async def choose(pilot: Any, widget_id: str, downs: int) -> None:
    """Open the Select `widget_id` with Enter, move down `downs` times, pick with Enter."""
    await tab_to(pilot, widget_id)
    await pilot.press("enter")
    await pilot.press(*["down"] * downs)
    await pilot.press("enter")


async def test_create_an_assessment_with_two_destinations(empty_root: Path, make) -> None:
    app = make(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:  # the smallest supported terminal
        await wait_home(pilot)
        await pilot.press("n")
        wizard = await wait_wizard(pilot)
        assert isinstance(wizard, WizardScreen)
        # General: the title proposes the id; the operator comes from xborder.toml
        assert app.focused.id == "f-title-control"
        await type_text(pilot, "Web CRM")
        assert wizard.doc["id"] == "web-crm"
        assert wizard.doc["operator"] == {"name": "Nümunə MMC", "tin": "1234567890"}
        # Processing
        await pilot.press("alt+right")
        assert wizard.step == "processing"
        await type_text(pilot, "Support")
        await pilot.press("tab")
        await type_text(pilot, "Clients")
        await pilot.press("tab")  # the data checklist: identity, contact
        await pilot.press("space", "down", "space")
        await pilot.pause()
        assert wizard.doc["processing"]["data"] == ["identity", "contact"]
        # Destinations: the first transfer
        await pilot.press("alt+right")
        assert wizard.step == "destinations"
        await pilot.press("a")
        await pilot.pause()
        assert app.focused.id == "t-country-control-input"
        await type_text(pilot, "Alma")  # the Azerbaijani name of Germany: Almaniya
        await pilot.press("enter")
        await pilot.pause()
        assert wizard.doc["transfers"][0]["country"] == "DE"
        assert "adequate protection: yes" in str(wizard.query_one("#adequacy").content).lower()
        await pilot.press("tab")
        await type_text(pilot, "2027-03-01")
        await pilot.press("tab", "tab")  # past the recipient catalogue's type-ahead
        await type_text(pilot, "Hetzner")
        assert wizard.doc["transfers"][0]["id"] == "hetzner"
        await choose(pilot, "t-ground-control", 1)  # adequacy
        await tab_to(pilot, "t-recipient_info-obtained-control")
        await type_text(pilot, "-21")  # 2026-11-01
        await tab_to(pilot, "t-notification-sent-control")
        await type_text(pilot, "-12")  # 2026-11-10
        await choose(pilot, "t-notification-separate-control", 1)  # yes
        await pilot.pause()
        assert wizard.check.evaluation is not None
        assert wizard.check.evaluation.transfers[0].verdict == "permitted"
        # the second transfer: added with the button, reached by Tab
        await tab_to(pilot, "add-transfer")
        await pilot.press("enter")
        await pilot.pause()
        assert wizard.transfer_index == 1
        await type_text(pilot, "us")  # an ISO code works too
        await pilot.press("enter")
        await pilot.press("tab")
        await type_text(pilot, "+130")  # a shortcut: 130 days after "today" (2026-11-22)
        await pilot.press("tab", "tab")
        await type_text(pilot, "Zendesk")
        await choose(pilot, "t-ground-control", 2)  # consent
        await choose(pilot, "t-consent-written-control", 1)  # yes
        await pilot.press("tab")
        await type_text(pilot, "CF-2")
        await pilot.pause()
        # moving between steps loses nothing
        await pilot.press("alt+left", "alt+left", "alt+right", "alt+right")
        assert wizard.doc["processing"]["purposes"] == ["Support"]
        assert wizard.query_one("#t-recipient-name").value == "Zendesk"
        # Review: live verdicts, nothing to fix
        await pilot.press("alt+right")
        assert wizard.step == "review"
        assert wizard.check.errors == {}
        assert wizard.check.verdict == "pending"
        await pilot.press("ctrl+s")
        target = empty_root / "data" / "assessments" / "web-crm.toml"
        await wait_for(pilot, lambda: target.exists(), "the saved file")
        await wait_for(pilot, lambda: not wizard.dirty, "the save")
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert [row.id for row in home.rows.values()] == ["web-crm"]
    text = target.read_text(encoding="utf-8")
    assert 'country = "DE"' in text and 'country = "US"' in text
    assert "start = 2027-04-01\n" in text  # +130 days, written as a TOML date
    workspace = open_workspace(empty_root, search=False)
    result = workspace.load(target)
    assert result.ok, result.errors
    a = result.assessment
    assert a.title == "Web CRM" and a.operator.name == "Nümunə MMC"
    assert [t.id for t in a.transfers] == ["hetzner", "zendesk"]
    assert a.transfers[0].notification.separate is True
    assert a.transfers[0].notification.sent == dt.date(2026, 11, 10)
    assert a.transfers[0].recipient_info.obtained == dt.date(2026, 11, 1)
    assert a.transfers[1].consent.written is True
    assert a.transfers[1].consent.reference == "CF-2"
    assert a.transfers[0].data is None  # all the processed data: the default, left out
    from xborder.rules import evaluate

    evaluation = evaluate(a, workspace.reference, dt.date(2026, 11, 22))
    assert [(r.id, r.verdict) for r in evaluation.transfers] == [
        ("hetzner", "permitted"),
        ("zendesk", "pending"),
    ]
    assert list_drafts(empty_root) == ([], [])  # saved: no draft left behind


async def test_half_an_assessment_is_saved_and_the_verdict_says_what_is_missing(empty_root: Path, make) -> None:
    """Issue 15, item 5: a title and nothing else saves; the verdict is incomplete and
    the findings name what is missing (no purposes, subjects, data, transfers)."""
    app = make(empty_root)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_home(pilot)
        await pilot.press("n")
        wizard = await wait_wizard(pilot)
        await type_text(pilot, "Half done")
        await pilot.pause()
        assert wizard.check.errors == {}
        assert wizard.check.verdict == "incomplete"
        assert {f.rule for f in wizard.check.findings()} == {"AZ-NONE-1", "AZ-PROC-1", "AZ-PROC-2", "AZ-PROC-3"}
        await pilot.press("ctrl+s")
        target = empty_root / "data" / "assessments" / "half-done.toml"
        await wait_for(pilot, lambda: target.exists(), "the saved file")
    result = open_workspace(empty_root).load(target)
    assert result.ok and result.assessment is not None
    assert result.assessment.processing.purposes == []

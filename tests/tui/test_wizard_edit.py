"""Editing existing files: faithful round trip, changes on disk, drafts after a crash,
unsaved changes on leaving, Review's jump to the field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import OptionList

from xborder.store.drafts import list_drafts
from xborder.tui.screens.choice import ChoiceScreen
from xborder.tui.screens.wizard import WizardScreen

from .helpers import show_step, wait_for, wait_home, wait_wizard

FILE = "data/assessments/charge-web-analytics.toml"


async def _open(pilot, app, path: Path) -> WizardScreen:
    await wait_home(pilot)
    app.open_file(path)
    return await wait_wizard(pilot)


async def test_open_and_save_changes_nothing_but_the_edit(example_root: Path, make) -> None:
    path = example_root / FILE
    original = path.read_text(encoding="utf-8")
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        wizard = await _open(pilot, app, path)
        assert not wizard.dirty
        await pilot.press("ctrl+s")  # unchanged: the same bytes
        await wait_for(pilot, lambda: wizard.base_sha256 != "" and not wizard.dirty, "the save")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == original
        wizard.query_one("#f-assessor-control").focus()
        await pilot.press("A", "l", "i")
        assert wizard.dirty
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not wizard.dirty, "the save")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert 'assessor = "Ali"' in lines
    assert [line for line in lines if line != 'assessor = "Ali"'] == original.splitlines()


async def test_a_hand_edited_file_keeps_every_field(example_root: Path, make) -> None:
    path = example_root / "data" / "assessments" / "hand.toml"
    path.write_text(
        """# written by hand
schema_version = 1
title = "Hand"
id = "hand"
created = "2026-10-01"
assessor = "Leyla"
[operator]
name = "A"
responsible = "B"
[processing]
purposes = ["p"]
subjects = ["s"]
data = ["identity"]
[approval]
reviewer = "R"
date = 2026-10-02
verdicts = {x = "pending"}
[[transfers]]
id = "x"
country = "tr"
[transfers.recipient]
name = "Y"
kind = "individual"
agreement = "DPA-1"
[transfers.adequacy]
adequate = false
reason = "letter 5"
""",
        encoding="utf-8",
    )
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        await _open(pilot, app, path)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "# written" not in path.read_text(encoding="utf-8"), "the save")
    saved = path.read_text(encoding="utf-8")
    for piece in ('assessor = "Leyla"', 'responsible = "B"', 'reviewer = "R"', "date = 2026-10-02",
                  'x = "pending"', 'country = "TR"', 'agreement = "DPA-1"', 'reason = "letter 5"',
                  "created = 2026-10-01"):
        assert piece in saved, piece


async def test_saving_over_a_file_changed_on_disk_asks_first(example_root: Path, make) -> None:
    path = example_root / FILE
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        wizard = await _open(pilot, app, path)
        wizard.query_one("#f-assessor-control").focus()
        await pilot.press("X")
        pulled = path.read_text(encoding="utf-8").replace("title = ", 'notes = "from git"\ntitle = ', 1)
        path.write_text(pulled, encoding="utf-8")  # a git pull while editing
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the warning")
        assert "changed on disk" in str(app.screen.message)
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == pulled  # not overwritten
        assert wizard.dirty
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the warning")
        await pilot.click("#choice-overwrite")
        await wait_for(pilot, lambda: not wizard.dirty, "the save")
    assert 'assessor = "X"' in path.read_text(encoding="utf-8")


async def test_a_draft_survives_a_crash_and_is_offered_back(example_root: Path, make) -> None:
    path = example_root / FILE
    original = path.read_bytes()
    app = make(example_root, draft_delay=0.05)
    async with app.run_test(size=(100, 32)) as pilot:
        wizard = await _open(pilot, app, path)
        wizard.query_one("#f-assessor-control").focus()
        await pilot.press("Z", "u")
        await wait_for(pilot, lambda: bool(list_drafts(example_root)[0]), "the autosaved draft")
        app.exit()  # no question asked: as if the terminal was closed
    assert path.read_bytes() == original  # the draft never goes over the file
    drafts, _ = list_drafts(example_root)
    assert [d.target for d in drafts] == [FILE]
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the recovery question")
        assert "Unsaved work found" in app.screen.title_text
        await pilot.press("enter")  # the first answer, Recover, has the focus
        wizard = await wait_wizard(pilot)
        assert wizard.doc["assessor"] == "Zu" and wizard.dirty
        assert wizard.path == path
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not wizard.dirty, "the save")
    assert 'assessor = "Zu"' in path.read_text(encoding="utf-8")
    assert list_drafts(example_root) == ([], [])


async def test_leaving_with_unsaved_changes_asks(example_root: Path, make) -> None:
    path = example_root / FILE
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        wizard = await _open(pilot, app, path)
        wizard.query_one("#f-assessor-control").focus()
        await pilot.press("Q")
        wizard.write_draft()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the question")
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert app.screen is wizard
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the question")
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert not wizard.dirty
    assert 'assessor' not in path.read_text(encoding="utf-8")
    assert list_drafts(example_root) == ([], [])


async def test_review_takes_the_user_to_the_field_that_fixes_a_finding(example_root: Path, make) -> None:
    path = example_root / FILE
    app = make(example_root)
    async with app.run_test(size=(100, 32)) as pilot:
        wizard = await _open(pilot, app, path)
        await show_step(pilot, wizard, "review")
        review = wizard.query_one("#review-list", OptionList)
        blockers = [f for f in wizard.check.findings() if f.severity == "blocker"]
        assert blockers
        target = blockers[0]
        key = next(k for k, loc in wizard._review_locs.items() if loc == tuple(target.field))
        review.highlighted = review.get_option_index(key)
        await pilot.press("enter")
        await pilot.pause()
        assert wizard.step == "destinations"
        assert wizard.transfer_index == target.field[1]
        focused = app.focused
        assert focused is not None
        box_id = "t-" + "-".join(str(p) for p in target.field[2:])
        assert focused.id.startswith(box_id) or focused.id == "t-ground-control", (focused.id, target.field)


async def test_a_new_id_must_be_unique(example_root: Path, make) -> None:
    app = make(example_root, as_of=dt.date(2026, 11, 22))
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_home(pilot)
        await pilot.press("c")  # duplicate the selected assessment: a new, unsaved copy
        wizard = await wait_wizard(pilot)
        assert wizard.is_new and wizard.doc["id"] != "alqoritmika-crm-telephony"
        assert wizard.doc["status"] == "draft" and "approval" not in wizard.doc
        assert wizard.doc["created"] == dt.date(2026, 11, 22)
        assert wizard.doc["next_review"] == dt.date(2027, 11, 22)  # from today, not the original's
        # the original's notices are not the copy's: its transfers wait for their own (12.1)
        assert wizard.doc["transfers"] and all("notification" not in t for t in wizard.doc["transfers"])
        assert wizard.check.evaluation.verdict != "permitted"
        id_box = wizard.query_one("#f-id-control")
        id_box.focus()
        id_box.value = "probpm-crm"
        await pilot.pause()
        assert "already used" in wizard.query_one("#f-id").error
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert wizard.step == "review"  # cannot save; shown what to fix


async def test_core_messages_at_a_field_are_in_the_interface_language(example_root: Path, make) -> None:
    app = make(example_root, lang="az", as_of=dt.date(2026, 11, 22))
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_home(pilot)
        await pilot.press("enter")
        wizard = await wait_wizard(pilot)
        await pilot.press("alt+right", "alt+right")
        await pilot.pause()
        assert wizard.step == "destinations"
        wizard.doc["transfers"][0]["country"] = "AZ"  # as a hand edit would bring it
        wizard._validate_now()
        await pilot.pause()
        box = wizard.query_one("#t-country")
        assert box.error == "transsərhəd ötürmə Azərbaycana (AZ) ola bilməz"


async def test_the_policy_profile_is_chosen_in_general_and_changes_whose_clause_findings_cite(example_root: Path, make) -> None:
    from textual.widgets import Select

    path = example_root / "data/assessments/ims-web-analytics.toml"
    app = make(example_root, lang="en", as_of=dt.date(2026, 11, 22))
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await _open(pilot, app, path)
        select = wizard.query_one("#f-operator-policy-control", Select)
        assert select.value == "ims-engineering"  # as the file names it
        labels = [str(prompt) for prompt, _ in select._options]
        assert "i.M.S. Engineering MMC policy of 2024-05-20 (ims-engineering)" in labels
        assert any("(e-legal)" in label for label in labels)

        def citations() -> set[str]:
            return {f.citation("en") for f in wizard.check.findings() if f.rule.startswith("AZ-NOTIFY")}

        assert citations() and all(c.startswith("i.M.S. Engineering MMC policy of 2024-05-20, clause 12.1") for c in citations())
        select.value = "e-legal"  # E-LEGAL's policy has no clause on cross-border transfer
        await pilot.pause()
        assert wizard.doc["operator"]["policy"] == "e-legal"
        assert all(c.startswith("Law No. 998-IIIQ (article not verified); model:") for c in citations())


async def test_the_rulebook_is_chosen_in_general_and_the_destination_card_follows_it(example_root: Path, make) -> None:
    from textual.widgets import Select

    from xborder.tui.widgets.fields import FieldBox

    ru_path = example_root / "data/assessments/severnyi-support-us-ru.toml"
    app = make(example_root, lang="en", as_of=dt.date(2026, 12, 3))
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await _open(pilot, app, ru_path)
        select = wizard.query_one("#f-jurisdiction-control", Select)
        assert select.value == "ru"
        assert [str(prompt) for prompt, _ in select._options] == ["Law No. 998-IIIQ (az)", "152-FZ (ru)"]
        await show_step(pilot, wizard, "destinations")
        assert wizard.query_one("#t-recipient-phone", FieldBox).display
        assert wizard.query_one("#t-recipient_info-legal_regulation", FieldBox).display
        grounds = [value for _, value in wizard.query_one("#t-ground-control", Select)._options]
        assert "vital_interests" in grounds and "adequacy" not in grounds
        assert {f.rule for f in wizard.check.findings()} == {"RU-NOTIFY-1"}

    az_path = example_root / "data/assessments/probpm-crm.toml"
    app = make(example_root, lang="en", as_of=dt.date(2026, 12, 3))
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await _open(pilot, app, az_path)
        await show_step(pilot, wizard, "destinations")
        assert not wizard.query_one("#t-recipient-phone", FieldBox).display  # not asked under "az"
        grounds = [value for _, value in wizard.query_one("#t-ground-control", Select)._options]
        assert "adequacy" in grounds and "vital_interests" not in grounds
        wizard.query_one("#f-jurisdiction-control", Select).value = "ru"
        await wait_for(
            pilot,
            lambda: wizard.doc.get("jurisdiction") == "ru" and wizard.query_one("#t-recipient-phone", FieldBox).display,
            "the destination card under the ru rulebook",
        )
        assert wizard.doc["jurisdiction"] == "ru"
        assert wizard.query_one("#t-recipient-phone", FieldBox).display
        grounds = [value for _, value in wizard.query_one("#t-ground-control", Select)._options]
        assert "vital_interests" in grounds and "adequacy" not in grounds
        await pilot.pause(0.5)
        # adequacy is no ground under 152-FZ: cleared in every transfer (and said), not left to fail
        assert [tr.get("ground") for tr in wizard.doc["transfers"]] == [None, "contract", None]
        assert wizard.check.errors == {}
        assert any(f.rule.startswith("RU-") for f in wizard.check.findings())


async def test_the_adequacy_line_says_what_non_adequacy_means_under_the_files_law(example_root: Path, make) -> None:
    """A destination that is not adequate means written consent or a contract under the
    az rulebook, and the 10-working-day wait under 152-FZ: each rulebook says it."""
    from textual.widgets import Static

    cases = (
        ("severnyi-support-us-ru.toml", "10 working days after the notice to Roskomnadzor", "written consent"),
        ("charge-web-analytics.toml", "written consent or a contract with the subject is needed", "Roskomnadzor"),
    )
    for name, says, never in cases:
        app = make(example_root, lang="en", as_of=dt.date(2026, 12, 3))
        async with app.run_test(size=(120, 40)) as pilot:
            wizard = await _open(pilot, app, example_root / "data" / "assessments" / name)
            await show_step(pilot, wizard, "destinations")
            text = str(wizard.query_one("#adequacy", Static).content)
            assert "Adequate protection: no" in text, (name, text)
            assert says in text and never not in text, (name, text)

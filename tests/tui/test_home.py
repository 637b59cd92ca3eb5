"""The home screen: the portfolio, its filters and search, broken files, deletion."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Select, Static

from xborder.tui.screens.choice import ChoiceScreen
from xborder.tui.screens.file_errors import FileErrorsScreen
from xborder.tui.screens.home import HomeScreen

from .helpers import wait_for, wait_home

EXAMPLE_VERDICTS = {
    "alqoritmika-crm-telephony": "permitted",
    "alqoritmika-licensees": "pending",
    "charge-hr-group": "blocked",
    "charge-web-analytics": "blocked",
    "elegal-lawyers": "blocked",
    "ims-support-chats": "permitted",
    "ims-web-analytics": "incomplete",
    "probpm-crm": "incomplete",
    "severnyi-crm-ru": "permitted",  # the "ru" rulebook
    "severnyi-support-us-ru": "pending",
}


def _ids(screen: HomeScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def _status(screen: HomeScreen) -> str:
    return str(screen.query_one("#home-status", Static).content)


async def test_lists_every_assessment_with_its_verdict(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_home(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert _ids(screen) == sorted(EXAMPLE_VERDICTS)
        assert {row.id: row.verdict for row in screen.rows.values()} == EXAMPLE_VERDICTS
        table = screen.query_one(DataTable)
        verdicts = [str(table.get_row_at(i)[3]) for i in range(table.row_count)]
        assert verdicts[0] == "PERMITTED" and verdicts[2] == "BLOCKED"
        assert _status(screen).startswith("10 of 10 assessments")


async def test_a_broken_file_is_listed_with_its_error_and_never_opened(example_root: Path, make) -> None:
    bad = example_root / "data" / "assessments" / "aaa-broken.toml"
    bad.write_text('schema_version = 1\nid = "aaa-broken"\ntitle = "X"\nstatus = "drafted"\n', encoding="utf-8")
    before = bad.read_bytes()
    app = make(example_root)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_home(pilot)
        screen = app.screen
        table = screen.query_one(DataTable)
        first = table.get_row_at(0)
        assert str(first[0]) == "aaa-broken"
        assert str(first[3]) == "INVALID FILE"
        assert str(first[1]).startswith("4: status: unknown")  # line and key of the error
        assert "1 file could not be loaded" in _status(screen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FileErrorsScreen), "the errors screen")
        text = " ".join(str(s.content) for s in app.screen.query(".file-error"))
        assert "data/assessments/aaa-broken.toml:4:1" in text
        await pilot.press("escape")
        await pilot.press("c")  # duplicating a broken file shows its errors too
        await wait_for(pilot, lambda: isinstance(app.screen, FileErrorsScreen), "the errors screen")
        await pilot.press("escape")
    assert bad.read_bytes() == before


async def test_a_broken_file_is_explained_in_azerbaijani(example_root: Path, make) -> None:
    bad = example_root / "data" / "assessments" / "aaa-broken.toml"
    bad.write_text('schema_version = 1\nid = "aaa-broken"\ntitle = "X"\nstatus = "drafted"\n', encoding="utf-8")
    app = make(example_root, lang="az")
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_home(pilot)
        first = app.screen.query_one(DataTable).get_row_at(0)
        assert str(first[1]).startswith("4: status: naməlum d")  # cut to the column
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FileErrorsScreen), "the errors screen")
        text = " ".join(str(s.content) for s in app.screen.query(".file-error"))
        assert "data/assessments/aaa-broken.toml:4:1: status: naməlum dəyər 'drafted'" in text
        assert "məcburi açar 'created' yoxdur" in text


async def test_filters_and_incremental_search(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_home(pilot)
        screen = app.screen
        screen.query_one("#filter-verdict", Select).value = "blocked"
        await pilot.pause()
        assert _ids(screen) == ["charge-hr-group", "charge-web-analytics", "elegal-lawyers"]
        screen.query_one("#filter-country", Select).value = "RU"
        await pilot.pause()
        assert _ids(screen) == ["charge-web-analytics"]
        screen.query_one("#filter-verdict", Select).clear()
        await pilot.pause()
        assert _ids(screen) == ["charge-web-analytics", "ims-web-analytics"]
        screen.query_one("#filter-country", Select).clear()
        screen.query_one("#filter-status", Select).value = "approved"
        await pilot.pause()
        assert _ids(screen) == ["alqoritmika-crm-telephony", "ims-support-chats"]
        screen.query_one("#filter-status", Select).clear()
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        for key in "Gürcüstan":  # a country's Azerbaijani name finds its code (GE)
            await pilot.press(key)
        assert _ids(screen) == ["alqoritmika-licensees", "charge-hr-group"]
        assert _status(screen).startswith("2 of 10")


async def test_sorting_by_verdict_puts_the_worst_first(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_home(pilot)
        screen = app.screen
        screen._sort_by("verdict")
        await pilot.pause()
        verdicts = [EXAMPLE_VERDICTS[i] for i in _ids(screen)]
        assert verdicts == ["blocked"] * 3 + ["incomplete"] * 2 + ["pending"] * 2 + ["permitted"] * 3


async def test_an_empty_workspace_greets_a_first_time_user(empty_root: Path, make) -> None:
    app = make(empty_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        screen = app.screen
        assert screen.query_one("#home-body").current == "welcome"
        body = str(screen.query_one("#welcome-body", Static).content)
        assert "Press  n  to create your first assessment" in body
        # nothing to open, copy, delete or report: those keys are shown dimmed
        assert screen.check_action("open", ()) is None and screen.check_action("new", ()) is True


async def test_delete_asks_first(example_root: Path, make) -> None:
    target = example_root / "data" / "assessments" / "alqoritmika-crm-telephony.toml"
    app = make(example_root)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_home(pilot)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the confirmation")
        await pilot.press("enter")  # Enter alone answers Cancel
        await pilot.pause()
        assert target.exists() and isinstance(app.screen, HomeScreen)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the confirmation")
        await pilot.press("escape")
        await pilot.pause()
        assert target.exists()
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the confirmation")
        await pilot.click("#choice-delete")
        await wait_for(pilot, lambda: not target.exists(), "the file to go")
        assert "alqoritmika-crm-telephony" not in _ids(app.screen)
        assert _status(app.screen).startswith("9 of 9")


async def test_the_arrows_move_between_a_questions_answers(example_root: Path, make) -> None:
    target = example_root / "data" / "assessments" / "alqoritmika-crm-telephony.toml"
    app = make(example_root)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_home(pilot)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the confirmation")
        assert app.focused.id == "choice-cancel"
        await pilot.press("up")
        assert app.focused.id == "choice-delete"
        await pilot.press("down")
        assert app.focused.id == "choice-cancel"
        await pilot.press("up", "enter")
        await wait_for(pilot, lambda: not target.exists(), "the file to go")


async def test_f2_switches_the_language(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_home(pilot)
        app.screen.query_one("#search", Input).value = "crm"
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "az"
        assert app.screen.query_one("#search", Input).value == "crm"  # kept
        assert _status(app.screen).startswith("10 qiymətləndirmədən 3")
        app.screen.query_one("#search", Input).value = ""
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[:2] == ["ID ▼", "Adı"]
        assert str(table.get_row_at(0)[3]) == "YOL VERİLİR"
        assert _status(app.screen).startswith("10 qiymətləndirmədən 10")


async def test_an_assessment_under_another_rulebook_says_so(example_root: Path, make) -> None:
    app = make(example_root)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_home(pilot)
        screen = app.screen
        table = screen.query_one(DataTable)
        titles = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert titles["severnyi-crm-ru"].startswith("[ru] CRM")
        assert not titles["probpm-crm"].startswith("[")  # the default rulebook, "az"
        screen.query_one("#search", Input).value = "ru"
        await pilot.pause()
        assert {"severnyi-crm-ru", "severnyi-support-us-ru"} <= set(_ids(screen))


async def test_j_copies_an_assessment_under_the_other_rulebook(example_root: Path, make) -> None:
    """Issue 9: one rulebook per file, and the wizard offers a copy under the other. The
    first row (az) becomes an unsaved ru draft: same transfers, grounds 152-FZ lacks
    cleared, the Azerbaijani authority's notices left behind."""
    from xborder.tui.screens.wizard import WizardScreen

    from .helpers import wait_wizard

    source = example_root / "data" / "assessments" / "alqoritmika-crm-telephony.toml"
    app = make(example_root)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_home(pilot)
        await pilot.press("j")
        wizard = await wait_wizard(pilot)
        assert isinstance(wizard, WizardScreen) and wizard.is_new
        doc = wizard.doc
        assert doc["jurisdiction"] == "ru" and doc["status"] == "draft"
        assert doc["id"] == "alqoritmika-crm-telephony-ru"
        transfers = doc["transfers"]
        assert transfers and all(tr.get("ground") != "adequacy" for tr in transfers)
        assert all("notification" not in tr for tr in transfers)
        assert not (example_root / "data" / "assessments" / "alqoritmika-crm-telephony-ru.toml").exists()
        assert "adequacy" in source.read_text(encoding="utf-8")  # the original is untouched

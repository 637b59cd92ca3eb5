"""Textual's own texts in the interface language: the command palette's placeholder and
its "No matches found", the theme picker, and the hint Ctrl+C gives about quitting;
F2 switches them live like the rest."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandInput, CommandList, CommandPalette

from xborder.tui.palette import Palette

from .helpers import wait_for, wait_home


def _no_matches_text(palette: CommandPalette) -> str | None:
    found = list(palette.query(CommandList))
    if not found or not found[0].option_count:
        return None
    first = found[0].get_option_at_index(0)
    if first.id != palette._NO_MATCHES:  # noqa: SLF001 - Textual's id of that option
        return None
    return str(first.prompt.renderable)  # type: ignore[union-attr]


async def test_the_palette_says_no_matches_in_azerbaijani_and_f2_switches_it(example_root: Path, make) -> None:
    app = make(example_root, lang="az")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, Palette), "the palette")
        palette = app.screen
        assert palette.query_one(CommandInput).placeholder == "Əmr axtarın…"
        await pilot.press(*"qqqzzz")
        await wait_for(pilot, lambda: _no_matches_text(palette) is not None, "no matches")
        assert _no_matches_text(palette) == "Uyğun nəticə tapılmadı"
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.lang == "en", "the switch to English")
        await pilot.pause()
        assert palette.query_one(CommandInput).placeholder == "Search for commands…"
        assert _no_matches_text(palette) == "No matches found"


async def test_the_theme_picker_speaks_azerbaijani(example_root: Path, make) -> None:
    app = make(example_root, lang="az")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        app.action_change_theme()
        await wait_for(pilot, lambda: isinstance(app.screen, Palette), "the theme picker")
        picker = app.screen
        await wait_for(pilot, lambda: any(c.option_count for c in picker.query(CommandList)), "the themes")
        assert picker.query_one(CommandInput).placeholder == "Görünüş axtarın…"


async def test_ctrl_c_says_how_to_quit_in_azerbaijani(example_root: Path, make) -> None:
    app = make(example_root, lang="az")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: bool(list(app._notifications)), "a notification")  # noqa: SLF001
        (note,) = [n for n in app._notifications if n.title == "Çıxmaq istəyirsiniz?"]  # noqa: SLF001
        assert note.message.startswith("Proqramdan çıxmaq üçün [b]") and "düyməsini basın" in note.message


async def test_the_screenshot_notice_speaks_azerbaijani(example_root: Path, make, tmp_path: Path) -> None:
    app = make(example_root, lang="az")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_home(pilot)
        app.action_screenshot("shot.svg", str(tmp_path))
        await wait_for(pilot, lambda: any(n.title == "Ekran şəkli" for n in app._notifications), "the notice")  # noqa: SLF001
        (note,) = [n for n in app._notifications if n.title == "Ekran şəkli"]  # noqa: SLF001
        assert note.message.startswith("Ekran şəkli saxlanıldı: ")
        assert not any("Saved screenshot" in n.message for n in app._notifications)  # noqa: SLF001
    assert (tmp_path / "shot.svg").is_file()

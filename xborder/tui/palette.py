"""Textual's own texts in the interface language: the command palette (its placeholder
and its "No matches found"), the theme picker, and the hint shown when Ctrl+C is pressed
to quit (XBorderApp.action_help_quit, with the screenshot notices beside it). Each
follows F2 like the rest of the interface (the app calls `relabel`).

Textual 8.2 takes the palette's placeholder as an argument, but writes "No matches found"
in a private method (`CommandPalette._start_no_matches_countdown`); `Palette` overrides it
with the same behaviour and our text. textual is pinned to 8.2.x in pyproject.toml, and
tests/tui/test_palette.py fails if a release moves that text elsewhere.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.align import Align
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets.option_list import Option

from xborder.tui.strings import t


class Palette(CommandPalette):
    """The command palette, or the theme picker, in `lang`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # a modal screen hides the app's bindings: F2 switches the language here too
        Binding("f2", "app.switch_lang", show=False),
    ]

    def __init__(self, lang: str, *, placeholder_key: str = "palette.search", **kwargs: Any) -> None:
        super().__init__(placeholder=t(placeholder_key, lang), **kwargs)
        self.lang = lang
        self.placeholder_key = placeholder_key

    async def relabel(self) -> None:
        """Called by the app after F2: the placeholder and "No matches" in the new language."""
        self.lang = str(getattr(self.app, "lang", self.lang))
        self._placeholder = t(self.placeholder_key, self.lang)
        for field in self.query(CommandInput):
            field.placeholder = self._placeholder
        command_list = self.query_one(CommandList)
        if command_list.option_count and command_list.get_option_at_index(0).id == self._NO_MATCHES:
            command_list.replace_option_prompt(self._NO_MATCHES, self._no_matches())

    def _no_matches(self) -> Align:
        return Align.center(Text(t("palette.no_matches", self.lang), style="not bold"))

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2's method, with the text in the user's language.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(self._no_matches(), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

"""CountryPicker: type-ahead over country names in Azerbaijani, English and Russian and
over ISO 3166-1 alpha-2 codes; the file only ever gets the code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from xborder.reference.loader import country_aliases, country_name
from xborder.tui.safe import plain
from xborder.tui.widgets.safe_inputs import SafeInput

_CODE_AT_END = re.compile(r"\(([A-Za-z]{2})\)\s*$")


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str
    names: tuple[str, ...]
    """Names in az, en, ru (casefolded) and the code."""


@cache
def _index() -> tuple[_Entry, ...]:
    import pycountry

    entries = []
    for country in pycountry.countries:
        code = str(country.alpha_2)
        names = {country_name(code, lang).casefold() for lang in ("az", "en", "ru")}
        names.add(str(country.name).casefold())
        official = getattr(country, "official_name", None)
        if official:
            names.add(str(official).casefold())
        common = getattr(country, "common_name", None)
        if common:
            names.add(str(common).casefold())
        names.update(alias.casefold() for alias in country_aliases(code))
        entries.append(_Entry(code, tuple(sorted(names))))
    return tuple(entries)


def display(code: str, lang: str) -> str:
    return f"{country_name(code, lang)} ({code})"


def search(text: str, lang: str, *, exclude: str = "", limit: int = 8) -> list[str]:
    """Codes matching `text`: exact code first, then names starting with it, then names
    containing it (sorted by the name in `lang`)."""
    needle = text.strip().casefold()
    if not needle:
        return []
    exact: list[str] = []
    named: list[str] = []
    prefix: list[str] = []
    inside: list[str] = []
    for entry in _index():
        if entry.code == exclude:
            continue
        if needle == entry.code.casefold():
            exact.append(entry.code)
        elif needle in entry.names:
            named.append(entry.code)  # "ABŞ" is the US before "ABŞ Virgin adaları"
        elif any(name.startswith(needle) or f" {needle}" in name for name in entry.names):
            prefix.append(entry.code)
        elif len(needle) >= 3 and any(needle in name for name in entry.names):
            inside.append(entry.code)
    key = lambda code: country_name(code, lang).casefold()  # noqa: E731
    return (exact + named + sorted(prefix, key=key) + sorted(inside, key=key))[:limit]


def resolve(text: str, *, exclude: str = "") -> str | None:
    """The code `text` stands for: "DE", "Germany (DE)", or an exact name in az/en/ru."""
    value = text.strip()
    if not value:
        return None
    match = _CODE_AT_END.search(value)
    candidate = match.group(1) if match else value
    codes = {entry.code for entry in _index()}
    if candidate.upper() in codes and len(candidate) == 2:
        code = candidate.upper()
        return None if code == exclude else code
    folded = value.casefold()
    for entry in _index():
        if folded in entry.names and entry.code != exclude:
            return entry.code
    return None


class _Matches(OptionList, can_focus=False):
    """The list of matches: clicked or driven by the input's arrow keys."""


class CountryPicker(Vertical):
    """An input with a list of matching countries under it."""

    DEFAULT_CSS = """
    CountryPicker { height: auto; }
    CountryPicker > Input { background: $boost; }
    CountryPicker > Input:focus { background: $primary 20%; }
    CountryPicker > OptionList { max-height: 8; display: none; border: none; padding: 0; }
    CountryPicker.-open > OptionList { display: block; }
    """

    BINDINGS = [Binding("escape", "close", show=False)]
    """Escape closes the list of matches; when it is closed, Escape goes on to the screen."""

    class Changed(Message):
        """The value changed: a code, the raw text when it names no country, or None."""

        def __init__(self, picker: CountryPicker, value: str | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> CountryPicker:
            return self.picker

    def __init__(self, *, lang: str, exclude: str = "", placeholder: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.exclude = exclude
        """A country never offered (the rulebook's home country, for a destination)."""
        self._placeholder = placeholder
        self.value: str | None = None

    # what is picked (a subclass picks something else: RecipientPicker)
    def _resolve(self, text: str) -> str | None:
        return resolve(text, exclude=self.exclude)

    def _search(self, text: str) -> list[str]:
        return search(text, self.lang, exclude=self.exclude)

    def _display(self, value: str) -> str:
        return display(value, self.lang)

    def compose(self) -> ComposeResult:
        yield SafeInput(placeholder=self._placeholder, id=f"{self.id}-input" if self.id else None, compact=True)
        yield _Matches()

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def set_value(self, code: str | None) -> None:
        """Show `code` (or raw text that names no country) without posting Changed."""
        self.value = code
        text = ""
        if code:
            text = self._display(code) if self._resolve(code) == code else code
        with self.input.prevent(Input.Changed):
            self.input.value = text
        self.remove_class("-open")

    def focus(self, scroll_visible: bool = True) -> CountryPicker:
        self.input.focus(scroll_visible)
        return self

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value
        code = self._resolve(text)
        options = self.query_one(OptionList)
        options.clear_options()
        if code is None or self._display(code) != text:
            matches = self._search(text)
            options.add_options([Option(Text(plain(self._display(c))), id=c) for c in matches])
            if matches:
                options.highlighted = 0
            self.set_class(bool(matches), "-open")
        else:
            self.remove_class("-open")
        new = code if code else (text.strip() or None)
        if new != self.value:
            self.value = new
            self.post_message(self.Changed(self, new))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self.has_class("-open"):
            event.stop()
            self._pick_highlighted()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self._choose(event.option.id)

    def on_key(self, event: Key) -> None:
        if not self.has_class("-open") or not self.input.has_focus:
            return
        options = self.query_one(OptionList)
        if event.key == "down":
            event.stop()
            event.prevent_default()
            options.action_cursor_down()
        elif event.key == "up":
            event.stop()
            event.prevent_default()
            options.action_cursor_up()

    def _pick_highlighted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            option = options.get_option_at_index(options.highlighted)
            if option.id:
                self._choose(option.id)

    def _choose(self, code: str) -> None:
        self.set_value(code)
        self.input.focus()
        self.input.cursor_position = len(self.input.value)
        self.post_message(self.Changed(self, code))

    def action_close(self) -> None:
        if not self.has_class("-open"):
            raise SkipAction()  # nothing to close: the screen's Escape (back) applies
        self.remove_class("-open")

    def on_descendant_blur(self) -> None:
        self.set_timer(0.3, self._close_unless_focused)

    def _close_unless_focused(self) -> None:
        if self.has_class("-open") and self.query_one(_Matches).is_mouse_over:
            # a click on a match under way (the press took the focus): keep the list
            self.set_timer(0.3, self._close_unless_focused)
            return
        if not self.input.has_focus:
            self.remove_class("-open")
            # "de" or "Germany" typed and left: show it as the list does, "Germany (DE)"
            if self.value and self._resolve(self.value) == self.value:
                shown = self._display(self.value)
                if self.input.value != shown:
                    with self.input.prevent(Input.Changed):
                        self.input.value = shown

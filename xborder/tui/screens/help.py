"""HelpScreen: every key and how the wizard works, in the interface language."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from xborder.tui.strings import t


def render_help(body: str) -> RenderableType:
    """The help text as key tables under their headings: rows are "keys<TAB>what"; a line
    without a tab is a heading (upper case) or a paragraph. Wraps at any width."""
    parts: list[RenderableType] = []
    table: Table | None = None
    for line in body.splitlines():
        keys, tab, what = line.partition("\t")
        if tab:
            if table is None:
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold", no_wrap=True)
                table.add_column()
                parts.append(table)
            table.add_row(keys, what)
            continue
        table = None
        if line.isupper():
            parts.append(Text("\n" + line, style="bold underline"))
        else:
            parts.append(Text("\n" + line))
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 100; max-width: 98%; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen #help-title { text-style: bold; }
    HelpScreen #help-close { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape,q,f1", "dismiss", "Close", show=False),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(t("help.title", self.lang), id="help-title")
            yield Static(render_help(t("help.body", self.lang)), id="help-body")
            yield Static("\n" + t("help.close", self.lang), id="help-close")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)

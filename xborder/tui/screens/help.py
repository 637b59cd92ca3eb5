"""HelpScreen: every key and how the wizard works, in the interface language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from xborder.tui.strings import t


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 110; max-width: 98%; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen #help-title { text-style: bold; margin-bottom: 1; }
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
            yield Static(t("help.body", self.lang), id="help-body", markup=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)

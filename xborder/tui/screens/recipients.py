"""RecipientsScreen: the workspace's recipient catalogue (data/recipients/), each entry
with the assessments and transfers that use it; Enter on a use opens that assessment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from xborder.tui.safe import plain
from xborder.tui.strings import t, tn

if TYPE_CHECKING:
    from xborder.tui.app import XBorderApp


class RecipientsScreen(Screen[None]):
    DEFAULT_CSS = """
    RecipientsScreen > Static#rec-title { text-style: bold; padding: 0 1; }
    RecipientsScreen Horizontal { height: 1fr; }
    RecipientsScreen #rec-list { width: 1fr; }
    RecipientsScreen #rec-side { width: 1fr; padding: 0 1; }
    RecipientsScreen #rec-detail { height: auto; }
    RecipientsScreen #rec-uses { height: 1fr; }
    RecipientsScreen #rec-keys { color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "close", "Back", show=False)]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.results: list[Any] = []
        self.uses: dict[str, list[dict[str, Any]]] = {}

    @property
    def xapp(self) -> XBorderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(t("recipients.title", self.lang), id="rec-title")
        with Horizontal():
            yield OptionList(id="rec-list")
            with Vertical(id="rec-side"):
                yield Static("", id="rec-detail")
                yield OptionList(id="rec-uses")
        yield Static(t("recipients.keys", self.lang), id="rec-keys")

    def on_mount(self) -> None:
        from xborder.store.recipients import usages

        workspace = self.xapp.workspace
        self.results = workspace.recipients.all()
        self.uses = usages(workspace)
        entries = self.query_one("#rec-list", OptionList)
        for result in self.results:
            entry = result.entry
            used = len(self.uses.get(result.id, []))
            if entry is None:
                label = Text(f"{plain(result.id)}  ", style="bold") + Text(t("recipients.invalid", self.lang), style="red")
            else:
                label = Text(f"{plain(entry.recipient.name)}  ", style="bold") + Text(
                    f"{plain(result.id)} · {', '.join(entry.countries) or '—'} · "
                    + (tn("recipients.used", used, self.lang) if used else t("recipients.unused", self.lang))
                )
            entries.add_option(Option(label, id=result.id))
        if not self.results:
            self.query_one("#rec-detail", Static).update(t("recipients.none", self.lang))
        else:
            entries.highlighted = 0
        entries.focus()

    @on(OptionList.OptionHighlighted, "#rec-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry_id = event.option.id or ""
        result = next((r for r in self.results if r.id == entry_id), None)
        if result is None:
            return
        catalogue = self.xapp.workspace.recipients
        name = catalogue.relative(result.path)
        if result.entry is None:
            lines = [name, *(e.located(name, self.lang) for e in result.errors)]
        else:
            rec, info = result.entry.recipient, result.entry.recipient_info
            lines = [name, rec.name, *(x for x in (rec.address, rec.contact, rec.agreement) if x)]
            if info is not None:
                lines.append(t("recipients.obtained", self.lang, date=info.obtained.isoformat() if info.obtained else "—"))
        self.query_one("#rec-detail", Static).update(Text(plain("\n".join(lines))))
        uses = self.query_one("#rec-uses", OptionList)
        uses.clear_options()
        for index, use in enumerate(self.uses.get(entry_id, [])):
            uses.add_option(Option(Text(plain(f"{use['assessment']}: {use['transfer']} ({use['country']})")), id=str(index)))

    @on(OptionList.OptionSelected, "#rec-list")
    def _selected(self) -> None:
        uses = self.query_one("#rec-uses", OptionList)
        if uses.option_count:
            uses.highlighted = 0
            uses.focus()

    @on(OptionList.OptionSelected, "#rec-uses")
    def _open_use(self, event: OptionList.OptionSelected) -> None:
        entries = self.query_one("#rec-list", OptionList)
        if entries.highlighted is None:
            return
        entry_id = entries.get_option_at_index(entries.highlighted).id or ""
        use = self.uses.get(entry_id, [])[int(event.option.id or 0)]
        self.xapp.open_file(self.xapp.workspace.assessments_dir / f"{use['assessment']}.toml")

    def action_close(self) -> None:
        self.dismiss(None)

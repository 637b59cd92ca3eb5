"""ChoiceScreen: a modal question with a few answers; dismisses with the answer's value
(None when cancelled with Escape)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ChoiceScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > #dialog {
        width: 70; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ChoiceScreen.-warning > #dialog { border: thick $warning; }
    ChoiceScreen.-danger > #dialog { border: thick $error; }
    ChoiceScreen #dialog-title { text-style: bold; margin-bottom: 1; }
    ChoiceScreen #dialog-message { margin-bottom: 1; }
    ChoiceScreen Button { width: 100%; margin-top: 0; }
    """
    BINDINGS = [
        Binding("escape", "cancel", show=False),
        # the answers stand one under the other: the arrows move between them too
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        choices: Sequence[tuple[str, str, str]],
        *,
        tone: str = "",
        focus: str | None = None,
    ) -> None:
        """`choices`: (value, label, variant) with variant default/primary/warning/error;
        `focus`: the answer Enter gives at first (default: the first; a destructive
        question should name its safe answer)."""
        super().__init__(classes=f"-{tone}" if tone else "")
        self.title_text = title
        self.message = message
        self.choices = list(choices)
        self.initial = focus

    def on_mount(self) -> None:
        if self.initial is not None:
            self.query_one(f"#choice-{self.initial}", Button).focus()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, id="dialog-title")
            yield Static(self.message, id="dialog-message")
            for value, label, variant in self.choices:
                yield Button(label, id=f"choice-{value}", variant=variant)  # type: ignore[arg-type]

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        value = (event.button.id or "").removeprefix("choice-")
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)

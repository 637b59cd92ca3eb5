"""FileErrorsScreen: why a file could not be loaded, line by line. The wizard never
opens or overwrites such a file; the user fixes it in their editor."""

from __future__ import annotations

import os
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from xborder.tui.safe import markup, plain
from xborder.tui.strings import t

if TYPE_CHECKING:
    from xborder.store import LoadError


class FileErrorsScreen(ModalScreen[str | None]):
    """Dismisses with "reload" after the file was edited, else None."""

    DEFAULT_CSS = """
    FileErrorsScreen { align: center middle; }
    FileErrorsScreen > Vertical {
        width: 100; max-width: 98%; height: auto; max-height: 95%;
        border: thick $error; background: $surface; padding: 0 1;
    }
    FileErrorsScreen #errors-title { text-style: bold; color: $error; }
    FileErrorsScreen #errors-list { height: auto; max-height: 14; margin: 1 0; }
    FileErrorsScreen .file-error { color: $text; }
    FileErrorsScreen #errors-hint { color: $text-muted; }
    FileErrorsScreen Horizontal { height: auto; }
    FileErrorsScreen Button { margin-right: 1; }
    """
    BINDINGS = [
        Binding("escape", "close", show=False),
        Binding("e", "edit", show=False),
        Binding("r", "reload", show=False),
    ]

    def __init__(self, path: Path, relative: str, errors: Sequence[LoadError], lang: str) -> None:
        super().__init__()
        self.path = path
        self.relative = relative
        self.errors = list(errors)
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical():
            yield Static(t("errors.title", lang, file=markup(self.relative)), id="errors-title")
            with VerticalScroll(id="errors-list"):
                for error in self.errors:
                    yield Static(plain(error.located(self.relative, lang)), classes="file-error", markup=False)
            yield Static(t("errors.hint", lang), id="errors-hint")
            with Horizontal():
                yield Button(t("errors.edit", lang), id="edit", variant="primary")
                yield Button(t("errors.reload", lang), id="reload")
                yield Button(t("key.close", lang), id="close")

    @on(Button.Pressed, "#edit")
    def _edit_pressed(self) -> None:
        self.action_edit()

    @on(Button.Pressed, "#reload")
    def _reload_pressed(self) -> None:
        self.action_reload()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_reload(self) -> None:
        self.dismiss("reload")

    def action_edit(self) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify(t("errors.no_editor", self.lang), severity="warning")
            return
        import subprocess

        line = self.errors[0].line if self.errors and self.errors[0].line else None
        command = [*shlex.split(editor)]
        if line and os.path.basename(command[0]) in ("vi", "vim", "nvim", "nano", "emacs", "micro", "hx"):
            command.append(f"+{line}")
        command.append(str(self.path))
        with self.app.suspend():
            subprocess.call(command)
        self.dismiss("reload")

"""ReportScreen: generates the printable reports of some assessments in a worker thread
and shows where they were written (the reports API is `xborder.report.generate`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, ProgressBar, Static

from xborder.tui.safe import plain
from xborder.tui.strings import t

if TYPE_CHECKING:
    from xborder.tui.app import XBorderApp


class ReportScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ReportScreen { align: center middle; }
    ReportScreen > Vertical {
        width: 76; max-width: 95%; height: auto; border: thick $primary;
        background: $surface; padding: 1 2;
    }
    ReportScreen #report-title { text-style: bold; margin-bottom: 1; }
    ReportScreen #report-status { margin: 1 0; }
    ReportScreen Button { width: 100%; }
    """
    BINDINGS = [Binding("escape", "close", show=False)]

    def __init__(self, ids: list[str], lang: str) -> None:
        super().__init__()
        self.ids = ids
        self.lang = lang
        self.result: str = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("report.title", self.lang) + ": " + ", ".join(self.ids), id="report-title")
            yield ProgressBar(total=None, show_eta=False, id="report-progress")
            yield Static("", id="report-status", markup=False)
            yield Button(t("key.close", self.lang), id="report-close", disabled=True)

    def on_mount(self) -> None:
        self.run_report()

    @work(thread=True, exclusive=True, group="report")
    def run_report(self) -> None:
        app: XBorderApp = self.app  # type: ignore[assignment]
        try:
            from xborder.report import generate  # noqa: PLC0415 - heavy (typst), and optional
        except ImportError:
            app.call_from_thread(self._finish, t("report.unavailable", self.lang), False)
            return

        def progress(*args: Any, **kwargs: Any) -> None:
            # the reports API calls progress(done, total, path) after each file
            if len(args) == 3 and isinstance(args[0], int) and isinstance(args[1], int):
                done, total, path = args
                name = app.workspace.relative(Path(str(path)))
                app.call_from_thread(self._progress, t("report.progress", self.lang, done=done, total=total, file=name), done, total)
                return
            message = " ".join(str(a) for a in args if a is not None)
            if message:
                app.call_from_thread(self._progress, message)

        try:
            written = generate(app.workspace, self.ids, formats=("pdf",), langs=None, out_dir=None, progress=progress, as_of=app.as_of)
        except Exception as exc:  # noqa: BLE001 - shown to the user, one line
            app.call_from_thread(self._finish, t("report.failed", self.lang, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__), False)
            return
        files = ", ".join(_names(app, written))
        app.call_from_thread(self._finish, t("report.done", self.lang, files=files or "reports/"), True)

    def _progress(self, message: str, done: int | None = None, total: int | None = None) -> None:
        self.query_one("#report-status", Static).update(plain(message))
        if done is not None and total:
            self.query_one(ProgressBar).update(total=total, progress=done)

    def _finish(self, message: str, ok: bool) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=1, progress=1)
        status = self.query_one("#report-status", Static)
        status.update(plain(message))
        status.styles.color = "green" if ok else "red"
        close = self.query_one("#report-close", Button)
        close.disabled = False
        close.focus()
        self.result = message

    @on(Button.Pressed, "#report-close")
    def _close(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        if not self.query_one("#report-close", Button).disabled:
            self.dismiss(None)


def _names(app: XBorderApp, written: Any) -> list[str]:
    items: Iterable[Any]
    if written is None:
        return []
    if isinstance(written, dict):
        items = [p for v in written.values() for p in (v if isinstance(v, list | tuple) else [v])]
    elif isinstance(written, list | tuple):
        items = written
    else:
        items = getattr(written, "files", None) or getattr(written, "paths", None) or []
    out = []
    for item in items:
        path = item if isinstance(item, Path) else getattr(item, "path", item)
        out.append(app.workspace.relative(Path(str(path))))
    return out

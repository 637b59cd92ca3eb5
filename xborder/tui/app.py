"""The wizard application and its composition root.

    make_app(workspace, lang=None, as_of=None) -> XBorderApp

is shared by `xborder` (cli/cmd_tui.py), the tests, the screenshots script and the
benchmark, so all of them run the same app. `workspace` is an open Workspace, or a
QuickStart (xborder.tui.portfolio.quick_start): the home screen's first frame from the
row index alone, the workspace being opened by the core in a worker after it.

Hooks (the benchmark and the tests patch them): `home_loaded` once every row is on the
home screen, `home_verified` once the core has checked them too.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import threading
from collections.abc import Iterable
from functools import cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from xborder.dates import local_today
from xborder.tui.commands import apply_bindings
from xborder.tui.portfolio import HomeView, QuickStart
from xborder.tui.safe import markup
from xborder.tui.screens.choice import ChoiceScreen
from xborder.tui.screens.file_errors import FileErrorsScreen
from xborder.tui.screens.help import HelpScreen
from xborder.tui.screens.home import HomeScreen
from xborder.tui.strings import LANGS, t

if TYPE_CHECKING:
    from xborder.store import Workspace
    from xborder.store.drafts import Draft
    from xborder.tui.screens.wizard import WizardScreen


class XBorderApp(App[None]):
    """Assessments of cross-border transfers: the portfolio and the wizard."""

    TITLE = "xborder"
    ENABLE_COMMAND_PALETTE = True
    CSS_PATH = Path(__file__).parent / "screens" / "home.tcss"
    """The home screen's, read with the app's: it is the app's default screen (Textual
    reads a pushed screen's CSS_PATH when it is pushed, a default screen's never)."""

    def __init__(
        self,
        workspace: Workspace | QuickStart,
        *,
        lang: str | None = None,
        as_of: dt.date | None = None,
        today: dt.date | None = None,
        theme: str | None = None,
        validate_delay: float = 0.15,
        draft_delay: float = 1.0,
        exit_when_loaded: bool = False,
        offer_drafts: bool = True,
        use_index: bool = True,
        resume_gc: bool = False,
    ) -> None:
        super().__init__()
        self._workspace: Workspace | None = None
        self._opening = threading.Lock()
        self.start: QuickStart | None = None
        """The first frame's rows from the index (taken by the home screen)."""
        if isinstance(workspace, QuickStart):
            self.start, self.root, self.view = workspace, workspace.root, workspace.view
        else:
            self._workspace, self.root, self.view = workspace, workspace.root, HomeView.of(workspace)
        self.lang = lang if lang in LANGS else self.view.language
        self.as_of_fixed = as_of is not None
        self.today = today or as_of or local_today()
        self.as_of = as_of or self.today
        self.validate_delay = validate_delay
        self.draft_delay = draft_delay
        self.exit_when_loaded = exit_when_loaded
        self.offer_drafts = offer_drafts
        self.use_index = use_index
        self.resume_gc = resume_gc
        """The caller stopped the cyclic garbage collector for the start (cmd_tui): start
        it again once the first frame is drawn, the start's objects frozen (never walked)."""
        """Remember the list's rows between runs (xborder.tui.portfolio.RowIndex)."""
        self.early_text = ""
        """Text typed after n before the new wizard had the focus (the wizard takes it)."""
        self._theme_name = theme or self.view.theme
        self.loaded_rows = -1
        """Rows on the home screen once loaded (-1 before; the benchmark checks it)."""
        self.title = t("app.title", self.lang)

    # -- start ----------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        """The home screen is the app's first screen (not pushed over a blank one: its
        first frame is then the first frame the terminal receives)."""
        if self._theme_name and self._theme_name in self.available_themes:
            self.theme = self._theme_name
        self._relabel_app_bindings()
        return HomeScreen()

    # -- the core ---------------------------------------------------------------------
    @property
    def workspace(self) -> Workspace:
        """The open workspace; on a quick start, opened (the core imported) the first
        time it is needed: normally by the home screen's worker after the first frame."""
        if self._workspace is None:
            with self._opening:
                if self._workspace is None:
                    from xborder.store import open_workspace

                    self._workspace = open_workspace(self.root, search=False)
        return self._workspace

    @property
    def core_ready(self) -> bool:
        return self._workspace is not None

    def home_mounted(self) -> None:
        """Called by the home screen once mounted (its first frame comes next)."""
        if self.resume_gc:
            self.resume_gc = False
            self.call_after_refresh(_resume_gc)

    def home_loaded(self) -> None:
        """Called by the home screen once every row is in the table (on a quick start,
        at its first frame, from the index)."""
        home = self.home
        self.loaded_rows = len(home.rows) if home is not None else 0
        if self.exit_when_loaded:
            self.call_after_refresh(self.exit)

    def home_verified(self) -> None:
        """Called by the home screen once the core has loaded or checked every row."""
        if self.exit_when_loaded:
            return
        if self.offer_drafts:
            self.offer_drafts = False
            self.recover_drafts()
        self._warm_up()

    @work(thread=True, exclusive=True, group="warm-up")
    def _warm_up(self) -> None:
        """Import the wizard while the user reads the list, so n opens it sooner: its
        modules, the rulebook's rules and the models' validators (a new assessment
        judged once, thrown away), then its stylesheet (see _read_wizard_css)."""
        form, _ = _wizard()
        workspace = self.workspace
        form.validate(form.new_document(workspace.settings, self.today), workspace.reference, self.as_of)
        self.call_from_thread(self._read_wizard_css)

    def _read_wizard_css(self) -> None:
        """Parse the wizard's stylesheet now, not when it first opens (Textual parses a
        screen's CSS_PATH and restyles the app when the screen is first pushed)."""
        _, WizardScreen = _wizard()  # noqa: N806
        css = WizardScreen.CSS_PATH
        names = [css] if isinstance(css, str | PurePath) else list(css or ())
        paths = [Path(__file__).parent / "screens" / name for name in names]
        fresh = [path for path in paths if not self.stylesheet.has_source(str(path), "")]
        for path in fresh:
            self.stylesheet.read(path)
        if fresh:
            self.stylesheet.reparse()
            self.stylesheet.update(self)

    @property
    def home(self) -> HomeScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                return screen
        return None

    # -- language -------------------------------------------------------------------
    def _relabel_app_bindings(self) -> None:
        apply_bindings(
            self,
            (),
            self.lang,
            extra=[
                Binding("f1", "help", t("key.help", self.lang), key_display="F1"),
                Binding("f2", "switch_lang", t("key.lang_other", self.lang), key_display="F2"),
                # the class's bindings are rebuilt here, so the palette's key must be too
                Binding(
                    self.COMMAND_PALETTE_BINDING,
                    "command_palette",
                    t("key.palette", self.lang),
                    show=False,
                    key_display=self.COMMAND_PALETTE_DISPLAY,
                    priority=True,
                ),
            ],
        )

    async def action_switch_lang(self) -> None:
        await self.set_lang("en" if self.lang == "az" else "az")

    async def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.title = t("app.title", lang)
        self._relabel_app_bindings()
        for screen in list(self.screen_stack):
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                await relabel()
        self.notify(t("lang.switched", lang), timeout=2)

    @cache  # noqa: B019 - one app per process; the names per language never change
    def _country_names(self, lang: str) -> dict[str, str]:
        import pycountry

        from xborder.reference.loader import country_aliases, country_name

        return {
            str(c.alpha_2): " ".join(
                {country_name(c.alpha_2, x) for x in ("az", "en", "ru")} | set(country_aliases(str(c.alpha_2)))
            )
            for c in pycountry.countries
        }

    def country_names(self) -> dict[str, str]:
        return self._country_names(self.lang)

    # -- help and palette -------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from xborder.tui.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(self.lang, id="--command-palette"))

    def search_themes(self) -> None:
        """Textual's theme picker, in the interface language."""
        from textual.theme import ThemeProvider

        from xborder.tui.palette import Palette

        self.push_screen(Palette(self.lang, placeholder_key="palette.themes", providers=[ThemeProvider]))

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies): say which key does, as Textual does, in the
        interface language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("quit.hint", self.lang, binding=key), title=t("quit.title", self.lang))
                return

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        """Textual's "Saved screenshot" notice, in the interface language (prevent_default
        keeps Textual's English handler from running too)."""
        if event.name == "screenshot":
            event.prevent_default()
            lang = self.lang
            text = (t("screenshot.saved", lang) if event.path is None
                    else t("screenshot.saved_to", lang, path=str(event.path)))
            self.notify(text, title=t("key.screenshot", lang))

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "screenshot":
            event.prevent_default()
            self.notify(t("screenshot.failed", self.lang), title=t("key.screenshot", self.lang), severity="error")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        palette = getattr(screen, "palette", None)
        if palette is not None:
            for title, help_text, callback in palette():
                yield SystemCommand(title, help_text, callback)
        lang = self.lang
        yield SystemCommand(t("key.lang", lang), t("cmd.lang", lang), self.action_switch_lang)
        yield SystemCommand(t("key.help", lang), t("cmd.help", lang), self.action_help)
        yield SystemCommand(t("key.quit", lang), t("cmd.quit", lang), self.action_quit)
        for command in super().get_system_commands(screen):
            if command.title in ("Keys", "Quit"):
                continue  # ours: F1 shows the keys in the user's language; q / Ctrl+Q quit
            key = _SYSTEM_COMMANDS.get(command.title)
            if key is None:
                yield command
            else:
                yield SystemCommand(t(f"key.{key}", lang), t(f"cmd.{key}", lang), command.callback, command.discover)

    # -- the workspace's ids ------------------------------------------------------------
    def taken_ids(self) -> set[str]:
        from xborder.tui.portfolio import assessment_files

        return {path.stem for path in assessment_files(self.root)}

    # -- opening ---------------------------------------------------------------------
    def open_new(self, document: dict[str, Any] | None = None) -> None:
        form, WizardScreen = _wizard()  # noqa: N806
        doc = document or form.new_document(self.workspace.settings, self.today)
        self.push_screen(WizardScreen(doc, path=None, base_sha256="", draft_key=_new_draft_key(), dirty=document is not None))

    def open_file(self, path: Path) -> None:
        result = self.workspace.load(path)
        if result.assessment is None:
            self.show_errors(path, result.errors)
            return
        form, WizardScreen = _wizard()  # noqa: N806
        self.push_screen(
            WizardScreen(
                form.document_of(result.assessment),
                path=path,
                base_sha256=result.sha256,
                draft_key=f"edit-{path.stem}",
            )
        )

    def open_duplicate(self, path: Path) -> None:
        result = self.workspace.load(path)
        if result.assessment is None:
            self.show_errors(path, result.errors)
            return
        form, _ = _wizard()
        doc = form.document_of(result.assessment)
        doc["title"] = f"{doc.get('title', '')}{t('home.copy_suffix', self.lang)}"
        doc["id"] = form.slugify(str(doc["title"]), self.taken_ids())
        doc["status"] = "draft"
        doc["created"] = self.today
        # a new draft: its next review counts from today, like any new assessment's
        doc["next_review"] = form.new_document(self.workspace.settings, self.today)["next_review"]
        doc.pop("approval", None)
        # the authority was notified of the original's transfers, not of the copy's
        for transfer in doc.get("transfers", []):
            transfer.pop("notification", None)
        self.open_new(doc)

    def open_copy_under(self, path: Path, jurisdiction: str) -> None:
        """A new draft of the file's transfers under the rulebook `jurisdiction` (the same
        copy as `xborder copy`), opened in the wizard unsaved; what does not carry over
        (a ground the rulebook lacks, the other authority's notices) is said."""
        from xborder.lifecycle import copy_notes, copy_under
        from xborder.rules.registry import get_rulebook

        result = self.workspace.load(path)
        if result.assessment is None:
            self.show_errors(path, result.errors)
            return
        form, _ = _wizard()
        source = result.assessment
        book = get_rulebook(jurisdiction)
        new_id = form.slugify(f"{source.id}-{book.id}", self.taken_ids())
        grounds = self.workspace.reference.for_book(book.data).grounds
        copy, notes = copy_under(source, book.id, new_id, self.today, grounds)
        doc = form.document_of(copy)
        doc["next_review"] = form.new_document(self.workspace.settings, self.today)["next_review"]
        self.open_new(doc)
        lines = copy_notes(notes, self.workspace.reference.label, self.lang)
        self.notify("\n".join(markup(line) for line in [t("home.copy_under.done", self.lang, rulebook=book.id), *lines]), timeout=10)

    @work(exclusive=True, group="errors")
    async def show_errors(self, path: Path, errors: Any = None) -> None:
        if errors is None:
            errors = self.workspace.load(path).errors
        answer = await self.push_screen_wait(
            FileErrorsScreen(path, self.workspace.relative(path), errors, self.lang)
        )
        if answer == "reload" and self.home is not None:
            self.home.refresh_row(path)

    def file_saved(self, path: Path) -> None:
        if self.home is not None:
            self.home.refresh_row(path)

    # -- drafts --------------------------------------------------------------------------
    @work(exclusive=True, group="drafts")
    async def recover_drafts(self) -> None:
        from xborder.store.drafts import discard_draft, list_drafts

        drafts, errors = list_drafts(self.root)
        for error in errors:
            self.notify(t("draft.unreadable", self.lang, error=markup(error)), severity="warning", timeout=10)
        for draft in drafts:
            lang = self.lang
            answer = await self.push_screen_wait(
                ChoiceScreen(
                    t("draft.title", lang),
                    t(
                        "draft.body",
                        lang,
                        title=draft.title or t("draft.untitled", lang),
                        target=draft.target or t("draft.new_file", lang),
                        saved=draft.saved.replace("T", " ")[:16],
                    ),
                    [
                        ("recover", t("draft.recover", lang), "primary"),
                        ("discard", t("draft.discard", lang), "error"),
                        ("later", t("draft.later", lang), "default"),
                    ],
                    tone="warning",
                )
            )
            if answer == "discard":
                discard_draft(self.workspace.root, draft.key)
            elif answer == "recover":
                self.open_draft(draft)
                return

    def open_draft(self, draft: Draft) -> None:
        path = self.workspace.root / draft.target if draft.target else None
        _, WizardScreen = _wizard()  # noqa: N806
        self.push_screen(
            WizardScreen(
                _restore_dates(draft.document),
                path=path,
                base_sha256=draft.base_sha256,
                draft_key=draft.key,
                dirty=True,
            )
        )

    # -- reports ----------------------------------------------------------------------------
    def generate_report(self, ids: list[str]) -> None:
        from xborder.tui.screens.report import ReportScreen

        self.push_screen(ReportScreen(ids, self.lang))

    # -- quitting --------------------------------------------------------------------------
    @work(exclusive=True, group="quit")
    async def action_quit(self) -> None:  # type: ignore[override]  # a worker: it may wait for an answer
        for screen in reversed(self.screen_stack):
            confirm_leave = getattr(screen, "confirm_leave", None)  # a wizard with unsaved work
            if confirm_leave is not None and not await confirm_leave():
                return
        self.exit()


def _resume_gc() -> None:
    import gc

    gc.freeze()
    gc.enable()


def _wizard() -> tuple[Any, type[WizardScreen]]:
    """The form module and the wizard screen, imported when first needed (not at start)."""
    from xborder.tui import form
    from xborder.tui.screens.wizard import WizardScreen

    return form, WizardScreen


_SYSTEM_COMMANDS = {"Theme": "theme", "Screenshot": "screenshot", "Maximize": "maximize", "Minimize": "minimize"}
"""Textual's own palette commands, by title -> our string keys (key.X, cmd.X)."""


def _restore_dates(document: dict[str, Any]) -> dict[str, Any]:
    """Drafts keep dates as TOML dates already; this only copies the document."""
    import copy

    return copy.deepcopy(document)


_DRAFT_NUMBERS = itertools.count(1)


def _new_draft_key() -> str:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 - a local file name
    return f"new-{stamp}-{os.getpid()}-{next(_DRAFT_NUMBERS)}"


def make_app(
    workspace: Workspace | QuickStart,
    *,
    lang: str | None = None,
    as_of: dt.date | None = None,
    **options: Any,
) -> XBorderApp:
    """The wizard on `workspace`; `as_of` fixes "today" for the verdicts (and the dates'
    "today" shortcut), as `xborder check --as-of` does."""
    return XBorderApp(workspace, lang=lang, as_of=as_of, **options)

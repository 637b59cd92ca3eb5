"""HomeScreen: the portfolio of assessments (sort, filter, search; broken files listed
with their error, never hidden)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.coordinate import Coordinate
from textual.events import Key, Resize
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Input, Select, Static
from textual.widgets.data_table import DuplicateKey, RowKey
from textual.widgets.data_table import Row as DataTableRow

from xborder.tui.commands import Command, LocalizedFooter, apply_bindings
from xborder.tui.portfolio import (
    CHECKING,
    DEFAULT_JURISDICTION,
    SORT_KEYS,
    HomeView,
    Row,
    RowIndex,
    assessment_files,
    load_row,
    load_rows,
    sort_key,
)
from xborder.tui.safe import markup, plain
from xborder.tui.screens.choice import ChoiceScreen
from xborder.tui.strings import t, tn
from xborder.tui.style import verdict_text
from xborder.tui.widgets.footer import CoalescingFooter

if TYPE_CHECKING:
    from xborder.tui.app import XBorderApp

COMMANDS = (
    Command("n", "new", "key.new", "cmd.new"),
    Command("o", "open", "key.open", "cmd.open", key_display="↵"),
    Command("c", "duplicate", "key.duplicate", "cmd.duplicate"),
    Command("j", "copy_under", "key.copy_under", "cmd.copy_under", show=False),
    Command("delete,d", "delete", "key.delete", "cmd.delete", key_display="Del"),
    Command("p", "report", "key.report", "cmd.report"),
    Command("slash", "search", "key.search", "cmd.search", show=False, key_display="/"),
    Command("s", "sort", "key.sort", "cmd.sort", show=False),
    Command("r", "reload", "key.reload", "cmd.reload", show=False),
    Command("R", "recipients", "key.recipients", "cmd.recipients", show=False),
    Command("q", "quit", "key.quit"),
)
"""The home screen's commands (the footer shows ↵ for o: Enter on a row opens it too;
the search field says its key, /)."""

_NARROW = 110
"""Below this width the table drops the transfers and countries columns."""

_COLUMNS = ("id", "title", "status", "verdict", "transfers", "countries", "review")


class PortfolioTable(DataTable[Any]):
    """The list's table. Its columns have fixed widths and its rows one line each, so,
    unlike DataTable, it does not measure every cell of every row to size itself (with
    1,000 assessments that measuring took longer than loading them from the index)."""

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        rows = [self.rows.get(key) for key in new_rows]
        if any(column.auto_width for column in self.columns.values()) or any(
            row is not None and (row.auto_height or row.label is not None) for row in rows
        ):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width + self._row_label_column_width, self._total_row_height + header)

    def add_rows_at_once(self, rows: Iterable[tuple[str, list[Any]]]) -> None:
        """DataTable.add_row for many rows, with the cursor checked once at the end
        instead of after every row (its reactive's watchers ran 1,000 times for a
        portfolio of 1,000: a third of the list's first fill). Rows are one line each,
        with no label. Textual is pinned (pyproject.toml); the snapshots guard this."""
        was_empty = not self.rows
        columns = [column.key for column in self.ordered_columns]
        for key, cells in rows:
            row_key = RowKey(key)
            if row_key in self._row_locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            self._row_locations[row_key] = len(self.rows)
            self._data[row_key] = dict(zip(columns, cells, strict=True))
            self.rows[row_key] = DataTableRow(row_key, 1)
            self._new_rows.add(row_key)
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if was_empty and self.rows and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self._update_count += 1
        self.check_idle()

    def _on_resize(self, event: Resize) -> None:
        """DataTable renders every visible cell again after any resize (its caches are
        keyed by a count it bumps); these columns keep their widths whatever the table's
        size (the screen sets new ones, which bumps the count, when they change), so the
        first frame is not rendered twice for the resize that comes with it."""
        event.prevent_default()  # DataTable._on_resize is the only other handler


class HomeScreen(LocalizedFooter, Screen[None]):
    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#table"
    """The list has the focus from the first frame (not the search field, then the list)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[Path, Row] = {}
        self.loaded = False
        self.sort_column = "id"
        self.sort_reverse = False
        self._widths: tuple[tuple[str, int], ...] = ()
        self._opening = False
        """n was pressed: a new wizard is opening (text typed meanwhile goes to it)."""

    @property
    def xapp(self) -> XBorderApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.xapp.lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        view = self.xapp.view
        yield Static(self._bar_text(), id="home-bar")
        with Horizontal(id="filters"):
            yield Input(placeholder=self._search_placeholder(), id="search")
            yield Select(
                [(view.label("verdict", v, lang), v) for v in reversed(view.verdicts)],
                prompt=t("home.filter.verdict", lang),
                id="filter-verdict",
                compact=True,
            )
            yield Select(
                [(view.label("status", s, lang), s) for s in view.statuses],
                prompt=t("home.filter.status", lang),
                id="filter-status",
                compact=True,
            )
            yield Select([], prompt=t("home.filter.country", lang), id="filter-country", compact=True)
        with ContentSwitcher(initial="table", id="home-body"):
            yield PortfolioTable(id="table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="welcome"):
                yield Static(t("home.empty.title", lang), id="welcome-title")
                yield Static(t("home.empty.body", lang), id="welcome-body")
        loading = "" if self.loaded else tn("home.loading", len(assessment_files(self.xapp.root)), lang)
        yield Static(loading, id="home-status")
        yield CoalescingFooter()

    def _search_placeholder(self) -> str:
        narrow = 0 < self.app.size.width < _NARROW
        return t("home.search.short" if narrow else "home.search", self.lang)

    def _bar_text(self) -> Text:
        app = self.xapp
        text = Text(t("home.title", self.lang), style="bold")
        text.append(f"  {app.root.name}", style="dim")
        if app.as_of_fixed:
            text.append("  " + t("home.as_of", self.lang, date=app.as_of.isoformat()), style="dim")
        return text

    def on_mount(self) -> None:
        apply_bindings(self, COMMANDS, self.lang)
        self.query_one(DataTable).focus()
        app = self.xapp
        start, app.start = app.start, None
        if start is None:
            self.load()
            app.home_mounted()
            return
        # a quick start: the first frame from the row index alone; the core checks the
        # rows in a worker once that frame is drawn (a changed file's row then updates)
        self.rows, self.loaded = start.rows, True
        self._update_country_filter()
        self._fill()
        app.home_loaded()
        app.home_mounted()
        app.call_after_refresh(self.load, start.index)

    async def relabel(self) -> None:
        """The language changed: rebuild in it, keeping the search, filters and row."""
        search = self.query_one("#search", Input).value
        filters = {f"#filter-{name}": self.query_one(f"#filter-{name}", Select).value for name in ("verdict", "status", "country")}
        current = self.selected()
        await self.recompose()
        apply_bindings(self, COMMANDS, self.lang)
        self._update_country_filter()
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#search", Input).value = search
            for selector, value in filters.items():
                if value is not Select.NULL:
                    self.query_one(selector, Select).value = value
        self._widths = ()
        self._fill(select=current.path if current else None)
        self.query_one(DataTable).focus()

    # -- loading ------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load")
    def load(self, index: RowIndex | None = None) -> None:
        """Load (or, after a quick start, check) every row with the core, in a thread."""
        app = self.xapp
        from xborder.store import WorkspaceError

        try:
            workspace = app.workspace  # imports the core and opens the workspace the first time
        except WorkspaceError as exc:  # xborder.toml broken since the index was written
            app.call_from_thread(app.exit, None, 2, str(exc))
            return
        if index is None and app.use_index:
            index = RowIndex(workspace, app.as_of)
        if index is not None:
            index.check_core()
        rows: dict[Path, Row] = {}
        shown = self.loaded
        for batch in load_rows(workspace, app.as_of, index=index):
            for row in batch:
                rows[row.path] = row
            if not shown and (index is None or index.misses):
                # files to evaluate: show the first rows while the others load (from the
                # index alone the whole list comes at once: one fill, not two)
                app.call_from_thread(self._rows_arrived, dict(rows), False)
                shown = True
        view = HomeView.of(workspace, {c for row in rows.values() for c in row.countries})
        app.call_from_thread(self._rows_arrived, rows, True, view)
        if index is not None:
            index.save(rows, view)

    def _rows_arrived(self, rows: dict[Path, Row], done: bool, view: HomeView | None = None) -> None:
        app = self.xapp
        first = not self.loaded
        unchanged = done and not first and rows == self.rows and view == app.view
        if view is not None:
            app.view = view
        self.rows = rows
        if done:
            self.loaded = True
            self._update_country_filter()
        if not unchanged:  # after a quick start, usually nothing changed: no second fill
            self._fill()
        if done:
            if first:
                app.home_loaded()
            app.home_verified()

    def refresh_row(self, path: Path) -> None:
        """Reload one file's row (after the wizard saved it)."""
        app = self.xapp
        if path.exists():
            self.rows[path] = load_row(app.workspace, path, app.as_of)
        else:
            self.rows.pop(path, None)
        app.view = HomeView.of(app.workspace, {c for row in self.rows.values() for c in row.countries})
        self._update_country_filter()
        self._fill(select=path)

    def _update_country_filter(self) -> None:
        codes = sorted({c for row in self.rows.values() for c in row.countries})
        select = self.query_one("#filter-country", Select)
        current = select.value
        view = self.xapp.view
        with self.prevent(Select.Changed):
            select.set_options([(f"{view.country(c, self.lang)} ({c})", c) for c in codes])
            if current in codes:
                select.value = current

    def _deadline_badges(self) -> str:
        """Overdue / due-soon deadline counts over the portfolio (xborder.lifecycle)."""
        overdue = sum(row.overdue for row in self.rows.values())
        due = sum(row.due for row in self.rows.values())
        if not overdue and not due:
            return ""
        return t("home.badges", self.lang, overdue=overdue, due=due)

    # -- the table ----------------------------------------------------------------
    def _visible(self) -> list[Row]:
        needle = self.query_one("#search", Input).value.strip()
        verdict = self.query_one("#filter-verdict", Select).value
        status = self.query_one("#filter-status", Select).value
        country = self.query_one("#filter-country", Select).value
        names = self.xapp.country_names() if needle else {}
        out = []
        for row in self.rows.values():
            if verdict is not Select.NULL and row.verdict != verdict:
                continue
            if status is not Select.NULL and row.status != status:
                continue
            if country is not Select.NULL and country not in row.countries:
                continue
            if needle and not row.matches(needle, names):
                continue
            out.append(row)
        view = self.xapp.view
        out.sort(key=sort_key(self.sort_column, view.statuses, view.verdicts), reverse=self.sort_reverse)
        return out

    def _column_widths(self) -> tuple[tuple[str, int], ...]:
        """(column, width) of the columns that fit: at 80 columns the counts and
        countries give way to the title (search and the country filter still work)."""
        width = max(self.size.width, 60)
        view = self.xapp.view
        lang = self.lang
        ids = max([len(r.id) for r in self.rows.values()] + [6])
        wide = width >= _NARROW
        id_w = min(ids, 28 if wide else 14)
        status_w = min(13 if wide else 11, max([len(view.label("status", s, lang)) for s in view.statuses] + [1]))
        verdict_w = max([len(view.label("verdict", v, lang)) for v in view.verdicts] + [1])
        columns: list[tuple[str, int]] = [("id", id_w), ("title", 0), ("status", status_w), ("verdict", verdict_w)]
        if wide:
            columns += [("transfers", len(t("home.col.transfers", lang))), ("countries", 14)]
        # a date is 10 wide; a narrow table says "Review" instead of "Next review"
        columns.append(("review", max(10, len(t("home.col.review", lang))) if wide else 10))
        fixed = sum(w for _, w in columns)
        title_w = max(12, width - fixed - 2 * len(columns) - 2)
        return tuple((key, title_w if key == "title" else w) for key, w in columns)

    def _fill(self, select: Path | None = None) -> None:
        table = self.query_one(PortfolioTable)
        body = self.query_one("#home-body", ContentSwitcher)
        if self.loaded and not self.rows:
            body.current = "welcome"
            self.query_one(DataTable).clear()
            self._update_status([])
            self.refresh_bindings()
            return
        body.current = "table"
        lang = self.lang
        widths = self._column_widths()
        current_key = select
        if current_key is None and table.row_count and table.cursor_row is not None:
            try:
                current_key = Path(str(table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value))
            except Exception:  # noqa: BLE001 - empty or stale cursor
                current_key = None
        table.clear(columns=widths != self._widths)
        if widths != self._widths:
            self._widths = widths
            narrow = self.size.width < _NARROW
            for key, w in widths:
                label = t(f"home.col.{key}" + (".short" if narrow and key == "review" else ""), lang)
                if key == self.sort_column:
                    label += " ▼" if not self.sort_reverse else " ▲"
                table.add_column(label, width=w, key=key)
        reference = self.xapp.view
        as_of = self.xapp.as_of
        visible = self._visible()
        cursor = 0
        columns = dict(widths)
        table.add_rows_at_once((str(row.path), self._cells(row, columns, reference, lang, as_of)) for row in visible)
        for n, row in enumerate(visible):
            if row.path == current_key:
                cursor = n
                break
        if visible:
            table.move_cursor(row=cursor)
        self._update_status(visible)
        self.refresh_bindings()

    def _cells(self, row: Row, widths: dict[str, int], reference: HomeView, lang: str, as_of: dt.date) -> list[Any]:
        """The row's cells, made when the table first renders one of them (of 1,000 rows
        only those on screen are: making every cell's Text took a third of the fill)."""
        lazy = _LazyRow(partial(self._cell_texts, row, widths, reference, lang, as_of))
        return [_LazyCell(lazy, n) for n in range(len(widths))]

    @staticmethod
    def _cell_texts(row: Row, widths: dict[str, int], reference: HomeView, lang: str, as_of: dt.date) -> list[Text]:
        cells: dict[str, Any] = {}
        if not row.ok:
            error = row.errors[0]
            where = f"{error.line}: " if error.line else ""
            cells["title"] = Text(_cut(f"{where}{plain(error.text(lang))}", widths["title"]), style="red")
        elif row.changed:  # approved, then changed: say so before the title
            mark = t("home.changed", lang) + " · "
            cells["title"] = Text(_cut(mark + plain(row.title), widths["title"]))
            cells["title"].stylize("bold yellow", 0, min(len(mark), widths["title"]))
        else:
            # the rulebook, where it is not the default one: "[ru] CRM ..."
            tag = f"[{row.jurisdiction}] " if row.jurisdiction and row.jurisdiction != DEFAULT_JURISDICTION else ""
            cells["title"] = Text(_cut(tag + plain(row.title), widths["title"]))
        review = Text("")
        if row.next_review is not None:
            review = Text(row.next_review.isoformat(), style="bold red" if row.next_review < as_of else "")
        cells["id"] = Text(_cut(plain(row.id), widths["id"]))
        cells["status"] = Text(_cut(reference.label("status", row.status, lang), widths["status"])) if row.status else Text("")
        checking = row.verdict == CHECKING  # not judged yet (a quick start, the core is coming)
        cells["verdict"] = Text("…", style="dim") if checking else verdict_text(row.verdict, reference, lang)
        cells["transfers"] = Text(str(row.transfers) if row.ok and not checking else "", justify="right")
        cells["countries"] = Text(_cut(", ".join(row.countries), widths.get("countries", 0)))
        cells["review"] = review
        return [cells[key] for key in widths]

    def _update_status(self, visible: list[Row]) -> None:
        lang = self.lang
        if not self.loaded and not self.rows:
            return
        parts = [tn("home.count", len(self.rows), lang, shown=len(visible))]
        invalid = sum(1 for r in self.rows.values() if not r.ok)
        if invalid:
            parts.append(tn("home.invalid", invalid, lang))
        text = Text(" · ".join(parts))
        if invalid:
            text.stylize("bold red", len(parts[0]) + 3, len(text))
        badges = self._deadline_badges()
        if badges:
            text.append(" · ")
            text.append(badges, style="bold yellow")
        self.query_one("#home-status", Static).update(text)

    def on_resize(self) -> None:
        search = self.query_one("#search", Input)
        search.placeholder = self._search_placeholder()
        if self.rows and self._column_widths() != self._widths:
            self._widths = ()
            self._fill()

    # -- filters ------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self._fill()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        self._sort_by(column)

    def _sort_by(self, column: str) -> None:
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self._widths = ()
        self._fill()

    def action_sort(self) -> None:
        shown = [key for key in SORT_KEYS if key in dict(self._column_widths())]
        index = shown.index(self.sort_column) if self.sort_column in shown else -1
        self.sort_column = shown[(index + 1) % len(shown)]
        self.sort_reverse = False
        self._widths = ()
        self._fill()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def key_escape(self) -> None:
        if self.query_one("#search", Input).has_focus:
            self.query_one(DataTable).focus()

    def on_key(self, event: Key) -> None:
        # typed right after n, before the wizard took over, the keys are meant for it (they
        # reach this screen before n's binding has even run, so n itself sets _opening)
        if event.key == "n" and not self._opening:
            self._opening = True
            return
        if self._opening and event.is_printable and event.character:
            self.xapp.early_text += event.character
            event.stop()
            event.prevent_default()

    def on_screen_resume(self) -> None:
        self._opening = False

    # -- actions ------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "duplicate", "copy_under", "delete", "report") and not self.query_one(DataTable).row_count:
            return None  # shown dimmed: nothing to act on (empty workspace or filtered out)
        return True

    def selected(self) -> Row | None:
        table = self.query_one(DataTable)
        if not table.row_count or table.cursor_row is None:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return self.rows.get(Path(str(key)))

    def _need_selected(self) -> Row | None:
        row = self.selected()
        if row is None:
            self.notify(t("home.none_selected", self.lang), severity="warning")
        return row

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_recipients(self) -> None:
        from xborder.tui.screens.recipients import RecipientsScreen

        self.app.push_screen(RecipientsScreen(self.lang))

    def action_new(self) -> None:
        self._opening = True
        self.xapp.open_new()

    def action_open(self) -> None:
        row = self._need_selected()
        if row is not None:
            self.xapp.open_file(row.path)

    def action_duplicate(self) -> None:
        row = self._need_selected()
        if row is None:
            return
        if not row.ok:
            self.xapp.show_errors(row.path)
            return
        self.xapp.open_duplicate(row.path)

    @work(exclusive=True, group="copy-under")
    async def action_copy_under(self) -> None:
        """A copy under another rulebook (one rulebook per file): the same transfers as a
        new draft, judged under the other law; asks which when several are installed."""
        from xborder.rules.registry import rulebook_ids

        row = self._need_selected()
        if row is None:
            return
        if not row.ok:
            self.xapp.show_errors(row.path)
            return
        others = [book for book in rulebook_ids() if book != (row.jurisdiction or "az")]
        if not others:
            self.notify(t("home.copy_under.none", self.lang))
            return
        target = others[0]
        if len(others) > 1:
            answer = await self.app.push_screen_wait(
                ChoiceScreen(
                    t("cmd.copy_under", self.lang),
                    t("home.copy_under.which", self.lang),
                    [*((book, book, "primary") for book in others), ("cancel", t("dialog.cancel", self.lang), "default")],
                    focus="cancel",
                )
            )
            if answer in (None, "cancel"):
                return
            target = answer
        self.xapp.open_copy_under(row.path, target)

    @work(exclusive=True, group="delete")
    async def action_delete(self) -> None:
        row = self._need_selected()
        if row is None:
            return
        lang = self.lang
        relative = self.xapp.workspace.relative(row.path)
        answer = await self.app.push_screen_wait(
            ChoiceScreen(
                t("cmd.delete", lang),
                t("home.confirm_delete", lang, title=markup(row.title or row.id), file=markup(relative)),
                [("delete", t("dialog.delete", lang), "error"), ("cancel", t("dialog.cancel", lang), "default")],
                tone="danger",
                focus="cancel",  # Enter alone never deletes
            )
        )
        if answer != "delete":
            return
        try:
            row.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            self.notify(markup(f"{relative}: {exc.strerror or exc}"), severity="error")
            return
        self.rows.pop(row.path, None)
        self._fill()
        self.notify(t("home.deleted", lang, file=markup(relative)))

    def action_report(self) -> None:
        row = self._need_selected()
        if row is None:
            return
        if not row.ok:
            self.notify(t("report.invalid", self.lang), severity="warning")
            return
        self.xapp.generate_report([row.id])

    def action_reload(self) -> None:
        self.loaded = False
        self.load()

    def action_quit(self) -> None:
        self.xapp.action_quit()  # a worker: asks about unsaved wizards, then exits

    def palette(self) -> list[tuple[str, str, Any]]:
        return [
            (t(c.label, self.lang), t(c.help, self.lang), getattr(self, f"action_{c.action}"))
            for c in COMMANDS
            if c.help
        ]


class _LazyRow:
    __slots__ = ("_make", "_texts")

    def __init__(self, make: Callable[[], list[Text]]) -> None:
        self._make = make
        self._texts: list[Text] | None = None

    def texts(self) -> list[Text]:
        if self._texts is None:
            self._texts = self._make()
        return self._texts


class _LazyCell:
    """One cell of a _LazyRow: a Rich renderable (its Text, made on first use); str()
    gives its plain text."""

    __slots__ = ("_n", "_row")

    def __init__(self, row: _LazyRow, n: int) -> None:
        self._row = row
        self._n = n

    def __rich__(self) -> Text:
        return self._row.texts()[self._n]

    def __str__(self) -> str:
        return self._row.texts()[self._n].plain


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"

"""The home screen's data, without Textual: one row per assessment file.

Rows are computed from the core (load, then evaluate) and nothing else, so the table
and `xborder list` can never disagree. Loading runs in a worker thread; rows arrive in
batches so the first screen paints before a large workspace has finished loading. A
RowIndex remembers the rows of unchanged files between runs (same bytes, same as-of
date, same reference data, settings and code), so a large portfolio opens quickly.

The index also keeps what the home screen shows besides the rows (a HomeView: the labels
of verdicts, statuses and countries, the interface language). When it is fresh,
`quick_start` gives the first frame from it alone: this module imports no core (no
pydantic, no rules, no reference data) until a function that needs one is called, and the
core then checks the rows in a worker after the first frame (issue 11).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xborder.store import LoadError, Workspace

SETTINGS_FILE = "xborder.toml"
"""The same as xborder.store.SETTINGS_FILE (not imported from there: the store is core)."""
DEFAULT_JURISDICTION = "az"
"""The same as xborder.rules.registry.DEFAULT (FORMAT.md's default jurisdiction; not
imported from there: the rules are core). A row of another rulebook is tagged."""
LANGS = ("az", "en")
"""The interface's languages (xborder.tui.strings.LANGS): the labels kept for each."""
CHECKING = ""
"""The verdict of a row shown before the core has judged its file (the first frame shows
a file the index does not know, new or unreadable, by its name until then)."""


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    path: Path
    title: str
    status: str | None
    verdict: str
    transfers: int
    countries: tuple[str, ...]
    next_review: dt.date | None
    errors: tuple[LoadError, ...] = ()
    sha256: str = ""
    overdue: int = 0
    """Deadlines already missed (review, 12.2 information, 12.1 notification)."""
    due: int = 0
    """Deadlines falling due soon (xborder.lifecycle's window)."""
    changed: bool = False
    """Approved, but its content changed since the approval (issue 15)."""
    jurisdiction: str = ""
    """The assessment's rulebook ("az", "ru"); "" for a file that could not be loaded."""

    @property
    def ok(self) -> bool:
        return not self.errors

    def matches(self, needle: str, names: dict[str, str]) -> bool:
        """Incremental search: id, title, status, country codes and names, first error."""
        if not needle:
            return True
        haystack = " ".join(
            (
                self.id,
                self.title,
                self.status or "",
                self.jurisdiction,
                " ".join(self.countries),
                " ".join(names.get(c, "") for c in self.countries),
                " ".join(self.errors[0].text(lang) for lang in ("en", "az")) if self.errors else "",
            )
        ).casefold()
        return all(word in haystack for word in needle.casefold().split())


def load_row(workspace: Workspace, path: Path, as_of: dt.date) -> Row:
    """The row of one file. Never raises: a file the core cannot judge (a bug, say)
    shows as invalid with the reason, and the rest of the workspace works."""
    try:
        return _load_row(workspace, path, as_of)
    except Exception as exc:  # noqa: BLE001 - one file must never take the home screen down
        from xborder.model.text import Msg
        from xborder.store import LoadError

        reason = f"{type(exc).__name__}: {exc}"
        error = LoadError(
            path,
            Msg("error.internal_row", reason=reason),
        )
        return Row(path.stem, path, "", None, "invalid", 0, (), None, errors=(error,))


def _load_row(workspace: Workspace, path: Path, as_of: dt.date) -> Row:
    from xborder.lifecycle import due_items
    from xborder.model.assessment import changed_since_approval
    from xborder.rules import evaluate

    result = workspace.load(path)
    if result.assessment is None:
        return Row(
            id=path.stem,
            path=path,
            title="",
            status=None,
            verdict="invalid",
            transfers=0,
            countries=(),
            next_review=None,
            errors=tuple(result.errors),
            sha256=result.sha256,
        )
    a = result.assessment
    evaluation = evaluate(a, workspace.reference, as_of)
    items = due_items(a, evaluation, as_of)
    overdue = sum(1 for item in items if item.overdue)
    return Row(
        id=a.id,
        path=path,
        title=a.title,
        status=a.status,
        verdict=evaluation.verdict,
        transfers=len(a.transfers),
        countries=tuple(sorted({t.country for t in a.transfers})),
        next_review=a.next_review,
        sha256=result.sha256,
        overdue=overdue,
        due=len(items) - overdue,
        changed=bool(changed_since_approval(a)),
        jurisdiction=a.jurisdiction,
    )


def load_rows(
    workspace: Workspace,
    as_of: dt.date,
    paths: Iterable[Path] | None = None,
    batch: int = 200,
    *,
    index: RowIndex | None = None,
) -> Iterator[list[Row]]:
    """Rows of every assessment file, in batches (file-name order). With an `index`, a
    file whose bytes are unchanged since the index was written is not parsed, validated
    or evaluated again (the index only holds rows computed under the same as-of date,
    reference data, settings and code); new and changed files are, and go into it."""
    chunk: list[Row] = []
    for path in workspace.assessment_files() if paths is None else paths:
        row = index.lookup(path) if index is not None else None
        if row is None:
            row = load_row(workspace, path, as_of)
            if index is not None:
                index.remember(row)
        chunk.append(row)
        if len(chunk) >= batch:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- what the home screen shows besides the rows ----------------------------------------
@dataclass(frozen=True)
class HomeView:
    """The workspace's words and settings that the home screen shows: the labels of the
    verdicts, statuses and countries (in every interface language), their orders, and the
    interface language and theme of xborder.toml. Built from the workspace by the core
    (`of`) and kept in the row index, so that the first frame needs no core."""

    language: str = "en"
    theme: str = ""
    verdicts: tuple[str, ...] = ()
    """Best first (xborder.rules.engine.VERDICTS)."""
    statuses: tuple[str, ...] = ()
    """The workflow's order (the vocabulary's)."""
    labels: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)
    """"verdict" / "status" -> value -> language -> label."""
    countries: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Country code -> language -> name, for the codes of the rows."""

    def label(self, table: str, key: str, lang: str) -> str:
        """As Reference.label: the value's label in `lang` (the value itself if unknown)."""
        return self.labels.get(table, {}).get(key, {}).get(lang) or key

    def country(self, code: str, lang: str) -> str:
        return self.countries.get(code, {}).get(lang) or code

    @classmethod
    def of(cls, workspace: Workspace, codes: Iterable[str] = ()) -> HomeView:
        from xborder.reference.loader import country_name
        from xborder.rules.engine import VERDICTS

        reference = workspace.reference
        statuses = tuple(reference.vocabulary.status)
        labels = {
            "verdict": {v: {lang: reference.label("verdict", v, lang) for lang in LANGS} for v in VERDICTS},
            "status": {s: {lang: reference.label("status", s, lang) for lang in LANGS} for s in statuses},
        }
        countries = {c: {lang: country_name(c, lang) for lang in LANGS} for c in sorted(set(codes))}
        ui = workspace.settings.ui
        return cls(ui.language, ui.theme or "", tuple(VERDICTS), statuses, labels, countries)

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "theme": self.theme,
            "verdicts": list(self.verdicts),
            "statuses": list(self.statuses),
            "labels": self.labels,
            "countries": self.countries,
        }

    @classmethod
    def from_json(cls, data: Any) -> HomeView | None:
        try:
            view = cls(
                str(data["language"]),
                str(data["theme"]),
                tuple(str(v) for v in data["verdicts"]),
                tuple(str(s) for s in data["statuses"]),
                dict(data["labels"]),
                dict(data["countries"]),
            )
            # one look at every label: a damaged cache is no view (the core builds one)
            for kind in ("verdict", "status"):
                for value in view.verdicts if kind == "verdict" else view.statuses:
                    if not all(isinstance(view.labels[kind][value][lang], str) for lang in LANGS):
                        return None
            return view
        except (KeyError, TypeError, ValueError):
            return None


# -- the index: rows remembered between runs ------------------------------------------
_INDEX_VERSION = 2
_PACKAGE = Path(__file__).resolve().parents[1]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xborder"


def _stamp(paths: Iterable[Path]) -> str:
    """A digest of the size and modification time of `paths` (missing ones count too)."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            info = path.stat()
            digest.update(f"{path}|{info.st_size}|{info.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{path}|-\n".encode())
    return digest.hexdigest()


def _code_files(folder: Path) -> list[Path]:
    return sorted(
        Path(here) / name
        for here, dirs, names in os.walk(folder)
        if "__pycache__" not in here
        for name in names
        if name.endswith((".py", ".toml"))
    )


def _context(root: Path, as_of: dt.date) -> str:
    """Everything besides a file's bytes that a row depends on: the as-of date, the
    workspace's settings and reference overrides, and xborder's own code and shipped
    data (any .py or .toml in the package, so an upgrade or an edit invalidates it).
    Sizes and times of files only: it imports nothing of the core."""
    # every reference override a rulebook may read sits directly in data/
    overrides = sorted((root / "data").glob("*.toml"))
    workspace_files = [root / SETTINGS_FILE, *overrides]
    return f"v{_INDEX_VERSION}|{as_of.isoformat()}|{_stamp(workspace_files)}|{_stamp(_code_files(_PACKAGE))}"


def _rulebooks_context() -> str:
    """The rulebooks installed besides xborder's own (entry points of other packages) and
    their code: a row depends on them too. Read by the core's worker, after the first
    frame (finding entry points reads every installed package's metadata)."""
    from importlib.metadata import entry_points
    from importlib.util import find_spec

    from xborder.rules.registry import GROUP

    parts = []
    for point in sorted(entry_points(group=GROUP), key=lambda p: (p.name, p.value)):
        stamp = ""
        try:
            spec = find_spec(point.module)
        except (ImportError, ValueError):
            spec = None
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        if origin is not None and not origin.is_relative_to(_PACKAGE):
            stamp = _stamp(_code_files(origin.parent))
        parts.append(f"{point.name}={point.value}@{stamp}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def assessment_files(root: Path) -> list[Path]:
    """Every *.toml in `root`/data/assessments, sorted by name, hidden files skipped: the
    same list as xborder.store.Workspace.assessment_files, without the core."""
    folder = root / "data" / "assessments"
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    # names sort as their paths do (one folder); sorting strings is cheaper than Paths
    return [folder / name for name in sorted(n for n in names if n.endswith(".toml") and not n.startswith("."))]


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` that holds xborder.toml (as
    xborder.store.find_workspace finds it, without the core)."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    return None


class RowIndex:
    """Rows of valid files by path and content digest, kept in the user's cache folder
    ($XDG_CACHE_HOME/xborder, never in the workspace), one file per workspace, with the
    HomeView they were shown with. Files that fail to load are never remembered: they are
    read again every time.

    Reading it imports no core (`fresh` tells whether it was written under the same
    context); `check_core` adds what only the core knows (the installed rulebooks) before
    the index is trusted to skip evaluating a file."""

    def __init__(self, workspace: Workspace | Path, as_of: dt.date) -> None:
        root = workspace if isinstance(workspace, Path) else workspace.root
        key = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:20]
        self.path = _cache_dir() / f"portfolio-{key}.json"
        self.context = _context(root, as_of)
        self.rows: dict[str, dict[str, Any]] = {}
        self.view: HomeView | None = None
        self.core: str | None = None
        """The installed rulebooks' context the rows were computed under (None: unknown)."""
        self.fresh = False
        """Written under the same context (its rows and view may be shown as they are)."""
        self.changed = False
        self.misses = 0
        """Files looked up and not found unchanged (they are evaluated)."""
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(stored, dict) and stored.get("context") == self.context and isinstance(stored.get("rows"), dict):
            self.rows = stored["rows"]
            self.view = HomeView.from_json(stored.get("view"))
            core = stored.get("core")
            self.core = core if isinstance(core, str) else None
            self.fresh = True

    def check_core(self) -> None:
        """Forget every row if the installed rulebooks changed since they were computed
        (imports the core's registry: call it from the worker)."""
        core = _rulebooks_context()
        if core != self.core:
            self.rows, self.core, self.changed = {}, core, True

    def lookup(self, path: Path) -> Row | None:
        row = self._lookup(path)
        if row is None:
            self.misses += 1
        return row

    def _lookup(self, path: Path) -> Row | None:
        entry = self.rows.get(str(path))
        if not isinstance(entry, dict):
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            return None
        return _row_of(path, entry)

    def shown(self, paths: Iterable[Path]) -> dict[Path, Row]:
        """The rows to show at once for `paths`, unchecked: a file's remembered row (the
        core checks its bytes afterwards), or a CHECKING row for a file not remembered."""
        rows = {}
        for path in paths:
            entry = self.rows.get(str(path))
            row = _row_of(path, entry) if isinstance(entry, dict) else None
            rows[path] = row or Row(path.stem, path, "", None, CHECKING, 0, (), None)
        return rows

    def remember(self, row: Row) -> None:
        key = str(row.path)
        if not row.ok:
            self.changed = self.changed or key in self.rows
            self.rows.pop(key, None)
            return
        self.rows[key] = {
            "id": row.id,
            "title": row.title,
            "status": row.status,
            "verdict": row.verdict,
            "transfers": row.transfers,
            "countries": list(row.countries),
            "next_review": row.next_review.isoformat() if row.next_review else None,
            "sha256": row.sha256,
            "overdue": row.overdue,
            "due": row.due,
            "changed": row.changed,
            "jurisdiction": row.jurisdiction,
        }
        self.changed = True

    def save(self, present: Iterable[Path], view: HomeView | None = None) -> None:
        """Write the index (only the files still present) with the `view` shown,
        atomically; a cache that cannot be written is no error."""
        from xborder.store.atomic import write_atomic

        keep = {str(path) for path in present}
        gone = set(self.rows) - keep
        if view is not None and view != self.view:
            self.view, self.changed = view, True
        if not self.changed and not gone:
            return
        for key in gone:
            del self.rows[key]
        stored = {
            "context": self.context,
            "core": self.core,
            "view": self.view.to_json() if self.view is not None else None,
            "rows": self.rows,
        }
        text = json.dumps(stored, ensure_ascii=False)
        try:  # private: the rows hold the assessments' titles
            write_atomic(self.path, text.encode("utf-8"), mode=0o600)
        except OSError:
            return
        self.changed = False


def _row_of(path: Path, entry: dict[str, Any]) -> Row | None:
    try:
        review = entry["next_review"]
        return Row(
            id=str(entry["id"]),
            path=path,
            title=str(entry["title"]),
            status=entry["status"],
            verdict=str(entry["verdict"]),
            transfers=int(entry["transfers"]),
            countries=tuple(entry["countries"]),
            next_review=dt.date.fromisoformat(review) if review else None,
            sha256=str(entry["sha256"]),
            overdue=int(entry["overdue"]),
            due=int(entry["due"]),
            changed=bool(entry.get("changed", False)),
            jurisdiction=str(entry.get("jurisdiction", "")),
        )
    except (KeyError, TypeError, ValueError):
        return None


@dataclass
class QuickStart:
    """The home screen's first frame from the row index alone (see quick_start)."""

    root: Path
    as_of: dt.date
    index: RowIndex
    view: HomeView
    rows: dict[Path, Row]


def quick_start(root: Path, as_of: dt.date) -> QuickStart | None:
    """What the first frame of the home screen shows, when the row index of `root` is
    fresh (written under the same settings, reference data, code and as-of date) and
    knows its view; None otherwise (the core must load the workspace first). Imports
    nothing of the core: pydantic, the rules and the reference data come later."""
    if not (root / SETTINGS_FILE).is_file():
        return None
    index = RowIndex(root, as_of)
    if not index.fresh or index.view is None:
        return None
    return QuickStart(root, as_of, index, index.view, index.shown(assessment_files(root)))


SORT_KEYS = ("id", "title", "status", "verdict", "transfers", "countries", "review")


def sort_key(column: str, statuses: tuple[str, ...] = (), verdicts: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """Sort key of a column; statuses sort in their workflow order (`statuses`, the
    vocabulary's order: draft, in review, approved, ...), not alphabetically; verdicts
    worst first (`verdicts`: best first, as xborder.rules.engine.VERDICTS)."""
    order = {v: i for i, v in enumerate(reversed(verdicts))}  # invalid, blocked, ... first
    if column == "verdict":
        return lambda r: (order.get(r.verdict, len(order)), r.id)
    if column == "title":
        return lambda r: (r.title.casefold(), r.id)
    if column == "status":
        rank = {s: i for i, s in enumerate(statuses)}
        return lambda r: (rank.get(r.status or "", len(rank)), r.status or "~", r.id)
    if column == "transfers":
        return lambda r: (-r.transfers, r.id)
    if column == "countries":
        return lambda r: (r.countries, r.id)
    if column == "review":
        return lambda r: (r.next_review or dt.date.max, r.id)
    return lambda r: r.id

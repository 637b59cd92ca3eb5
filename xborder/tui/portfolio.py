"""The home screen's data, without Textual: one row per assessment file.

Rows are computed from the core (load, then evaluate) and nothing else, so the table
and `xborder list` can never disagree. Loading runs in a worker thread; rows arrive in
batches so the first screen paints before a large workspace has finished loading. A
RowIndex remembers the rows of unchanged files between runs (same bytes, same as-of
date, same reference data, settings and code), so a large portfolio opens quickly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xborder.rules import evaluate
from xborder.store import LoadError, Workspace
from xborder.store.atomic import write_atomic

try:  # deadlines (xborder.lifecycle); the portfolio works without them
    from xborder.lifecycle import due_items as _due_items
except ImportError:  # pragma: no cover - older core
    _due_items = None  # type: ignore[assignment]


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

        reason = f"{type(exc).__name__}: {exc}"
        error = LoadError(
            path,
            Msg("error.internal_row", reason=reason),
        )
        return Row(path.stem, path, "", None, "invalid", 0, (), None, errors=(error,))


def _load_row(workspace: Workspace, path: Path, as_of: dt.date) -> Row:
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
    overdue = due = 0
    if _due_items is not None:
        items = _due_items(a, evaluation, as_of)
        overdue = sum(1 for item in items if item.overdue)
        due = len(items) - overdue
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
        due=due,
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


# -- the index: rows remembered between runs ------------------------------------------
_INDEX_VERSION = 1
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


def _context(workspace: Workspace, as_of: dt.date) -> str:
    """Everything besides a file's bytes that a row depends on: the as-of date, the
    workspace's settings and reference overrides, and xborder's own code and shipped
    data (any .py or .toml in the package, so an upgrade or an edit invalidates it)."""
    code = sorted(
        Path(folder) / name
        for folder, dirs, names in os.walk(_PACKAGE)
        if "__pycache__" not in folder
        for name in names
        if name.endswith((".py", ".toml"))
    )
    # every reference override a rulebook may read sits directly in data/
    overrides = sorted((workspace.root / "data").glob("*.toml"))
    workspace_files = [workspace.root / "xborder.toml", *overrides]
    return f"v{_INDEX_VERSION}|{as_of.isoformat()}|{_stamp(workspace_files)}|{_stamp(code)}"


class RowIndex:
    """Rows of valid files by path and content digest, kept in the user's cache folder
    ($XDG_CACHE_HOME/xborder, never in the workspace), one file per workspace. Files that
    fail to load are never remembered: they are read again every time."""

    def __init__(self, workspace: Workspace, as_of: dt.date) -> None:
        key = hashlib.sha256(os.fsencode(workspace.root.resolve())).hexdigest()[:20]
        self.path = _cache_dir() / f"portfolio-{key}.json"
        self.context = _context(workspace, as_of)
        self.rows: dict[str, dict[str, Any]] = {}
        self.changed = False
        self.misses = 0
        """Files looked up and not found unchanged (they are evaluated)."""
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(stored, dict) and stored.get("context") == self.context and isinstance(stored.get("rows"), dict):
            self.rows = stored["rows"]

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
                jurisdiction=str(entry["jurisdiction"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

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
            "jurisdiction": row.jurisdiction,
        }
        self.changed = True

    def save(self, present: Iterable[Path]) -> None:
        """Write the index (only the files still present), atomically; a cache that
        cannot be written is no error."""
        keep = {str(path) for path in present}
        gone = set(self.rows) - keep
        if not self.changed and not gone:
            return
        for key in gone:
            del self.rows[key]
        text = json.dumps({"context": self.context, "rows": self.rows}, ensure_ascii=False)
        try:  # private: the rows hold the assessments' titles
            write_atomic(self.path, text.encode("utf-8"), mode=0o600)
        except OSError:
            return
        self.changed = False


SORT_KEYS = ("id", "title", "status", "verdict", "transfers", "countries", "review")


def sort_key(column: str, statuses: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """Sort key of a column; statuses sort in their workflow order (`statuses`, the
    vocabulary's order: draft, in review, approved, ...), not alphabetically."""
    from xborder.rules.engine import VERDICTS

    order = {v: i for i, v in enumerate(reversed(VERDICTS))}  # invalid, blocked, ... first
    if column == "verdict":
        return lambda r: (order.get(r.verdict, 0), r.id)
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

"""The home screen's data, without Textual: one row per assessment file.

Rows are computed from the core (load, then evaluate) and nothing else, so the table
and `xborder list` can never disagree. Loading runs in a worker thread; rows arrive in
batches so the first screen paints before a large workspace has finished loading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from xborder.rules import evaluate
from xborder.store import LoadError, Workspace

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
                " ".join(self.countries),
                " ".join(names.get(c, "") for c in self.countries),
                str(self.errors[0].message) if self.errors else "",
            )
        ).casefold()
        return all(word in haystack for word in needle.casefold().split())


def load_row(workspace: Workspace, path: Path, as_of: dt.date) -> Row:
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
    )


def load_rows(
    workspace: Workspace, as_of: dt.date, paths: Iterable[Path] | None = None, batch: int = 200
) -> Iterator[list[Row]]:
    """Rows of every assessment file, in batches (file-name order)."""
    chunk: list[Row] = []
    for path in workspace.assessment_files() if paths is None else paths:
        chunk.append(load_row(workspace, path, as_of))
        if len(chunk) >= batch:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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

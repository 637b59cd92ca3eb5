"""The rulebooks installed: found through the entry-point group ``xborder.rulebooks``.

    get_rulebook("az") -> Rulebook         KeyError naming the known ids when unknown
    rulebook_ids() -> ("az", ...)
    load_reference(workspace_data, "az")   the reference data bound to that rulebook

xborder's own rulebooks are registered in its pyproject.toml like any firm's own package
would be; when xborder runs from a source tree that was never installed (no entry-point
metadata), the shipped ones are still found.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from xborder.rules.rulebook import Rulebook

if TYPE_CHECKING:
    from xborder.reference import Reference

GROUP = "xborder.rulebooks"
DEFAULT = "az"
"""FORMAT.md: `jurisdiction` defaults to "az"."""

_SHIPPED = {"az": "xborder.rulebooks.az:RULEBOOK", "ru": "xborder.rulebooks.ru:RULEBOOK"}


@cache
def _registered() -> dict[str, str]:
    """id -> "module:attribute", from the entry points (the shipped ones always)."""
    found = dict(_SHIPPED)
    for point in entry_points(group=GROUP):
        found[point.name] = point.value
    return dict(sorted(found.items()))


@cache
def get_rulebook(rulebook_id: str) -> Rulebook:
    target = _registered().get(rulebook_id)
    if target is None:
        raise KeyError(rulebook_id)
    module, _, attribute = target.partition(":")
    book = getattr(import_module(module), attribute)
    if not isinstance(book, Rulebook) or book.id != rulebook_id:
        raise TypeError(f"entry point {rulebook_id!r} of {GROUP} ({target}) is not a Rulebook with id {rulebook_id!r}")
    return book


def rulebook_ids() -> tuple[str, ...]:
    return tuple(_registered())


def refresh() -> None:
    """Forget what was found (after installing a rulebook in a running process; tests)."""
    _registered.cache_clear()
    get_rulebook.cache_clear()


def load_reference(workspace_data: Path | None = None, jurisdiction: str = DEFAULT) -> Reference:
    """The shipped reference data bound to `jurisdiction`'s rulebook, with the
    overrides in `workspace_data` (a workspace's `data/` folder) merged over it."""
    from xborder.reference import load_reference as load

    return load(workspace_data, get_rulebook(jurisdiction).data)


def reference_for(reference: Reference, jurisdiction: str) -> Reference:
    """`reference` (any rulebook's) rebound to `jurisdiction`'s rulebook."""
    return reference.for_book(get_rulebook(jurisdiction).data)

"""Colours of verdicts and severities (the same meaning as `xborder check`'s colours)."""

from __future__ import annotations

from typing import Protocol

from rich.text import Text

from xborder.i18n import upper


class Labels(Protocol):
    """Where labels come from: the reference data (xborder.reference.Reference), or the
    home screen's view of it kept in the row index (xborder.tui.portfolio.HomeView)."""

    def label(self, table: str, key: str, lang: str) -> str: ...


VERDICT_STYLE = {
    "permitted": "bold green",
    "pending": "bold yellow",
    "incomplete": "bold magenta",
    "blocked": "bold red",
    "invalid": "bold reverse red",
}

SEVERITY_STYLE = {
    "blocker": "bold red",
    "missing": "magenta",
    "pending": "yellow",
    "advice": "cyan",
}


def verdict_text(verdict: str, reference: Labels, lang: str) -> Text:
    """The verdict's label in `lang`, coloured (upper case so it reads without colour too)."""
    return Text(upper(reference.label("verdict", verdict, lang), lang), style=VERDICT_STYLE.get(verdict, ""))



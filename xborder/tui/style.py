"""Colours of verdicts and severities (the same meaning as `xborder check`'s colours)."""

from __future__ import annotations

from rich.text import Text

from xborder.i18n import upper
from xborder.reference import Reference

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


def verdict_text(verdict: str, reference: Reference, lang: str) -> Text:
    """The verdict's label in `lang`, coloured (upper case so it reads without colour too)."""
    return Text(upper(reference.label("verdict", verdict, lang), lang), style=VERDICT_STYLE.get(verdict, ""))



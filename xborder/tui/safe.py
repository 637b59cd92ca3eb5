"""What the TUI shows of a file, a file name or git: through safe_text's one sanitiser,
and escaped where a widget reads Rich markup (a title "[bold]x" stays that text)."""

from __future__ import annotations

from rich.markup import escape

from xborder.safe_text import for_terminal


def plain(text: object) -> str:
    """For a widget that does not read markup (Text, Static(markup=False))."""
    return for_terminal(text)


def markup(text: object) -> str:
    """For a widget or notification that reads Rich markup."""
    return escape(for_terminal(text))

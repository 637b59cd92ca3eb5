"""Helpers shared by the commands: workspace opening, dates, colour, errors."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NoReturn, TextIO, overload

from xborder.dates import local_today
from xborder.safe_text import for_json, for_terminal, for_terminal_lines

if TYPE_CHECKING:  # the core (pydantic) is imported when a command needs it, not to parse
    from xborder.store.assessments import LoadError
    from xborder.store.workspace import Workspace

EXIT_OK = 0
EXIT_BLOCKED = 1
EXIT_INVALID = 2
EXIT_INTERNAL = 70
"""An error in xborder itself (EX_SOFTWARE): never 1 ("blocked" / "overdue") or 2."""


class CLIError(Exception):
    """A one-line error for the user; exit status attached."""

    def __init__(self, message: str, status: int = EXIT_INVALID):
        super().__init__(message)
        self.status = status


def fail(message: str, status: int = EXIT_INVALID) -> NoReturn:
    raise CLIError(message, status)


def today() -> dt.date:
    """Today's date in local time (the user's "today", as on their calendar)."""
    return local_today()


def parse_date(text: str) -> dt.date:
    """A date given on the command line: YYYY-MM-DD, within the dates an assessment may
    hold (1900-01-01 to 2199-12-31)."""
    from xborder.model.assessment import EARLIEST_DATE, LATEST_DATE

    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(text)
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise CLIError(f"invalid date {for_terminal(repr(text))}: expected YYYY-MM-DD") from None
    if not EARLIEST_DATE <= date <= LATEST_DATE:
        raise CLIError(f"date {text} out of range: expected {EARLIEST_DATE} to {LATEST_DATE}")
    return date


@overload
def workspace_from(option: str | None) -> Workspace: ...
@overload
def workspace_from(option: str | None, *, required: Literal[True]) -> Workspace: ...
@overload
def workspace_from(option: str | None, *, required: bool) -> Workspace | None: ...
def workspace_from(option: str | None, *, required: bool = True) -> Workspace | None:
    """The workspace named by --workspace (always required when named), else the one
    found from the current folder up; None when there is none and it is not required."""
    from xborder.store.workspace import WorkspaceError, open_workspace

    try:
        if option:
            return open_workspace(Path(option), search=False)
        return open_workspace(None)
    except WorkspaceError as exc:
        if not option and not required and exc.path is None:
            return None
        raise CLIError(str(exc)) from None


def message_lang(
    args: argparse.Namespace,
    workspace: Workspace,
    *,
    json_in_english: bool = False,
    speaks: Sequence[str] = ("az", "en", "ru"),
) -> str:
    """The language of a command's messages: --lang; else, with `json_in_english`,
    English for JSON output (read by other programs); else the workspace's interface
    language if the command `speaks` it, else English."""
    if getattr(args, "lang", None):
        return str(args.lang)
    if json_in_english and getattr(args, "format", None) == "json":
        return "en"
    lang = workspace.settings.ui.language
    return lang if lang in speaks else "en"


def load_errors(workspace: Workspace, path: Path, errors: Sequence[LoadError], lang: str = "en") -> str:
    """A file's load errors, one a line, the file named relative to the workspace (as
    `xborder check` names it)."""
    name = workspace.relative(path)
    return "\n".join(for_terminal(error.located(name, lang)) for error in errors) or f"{for_terminal(name)}: cannot be loaded"


def workspace_of_paths(paths: Sequence[str]) -> Workspace | None:
    """The workspace holding the first PATH (the nearest xborder.toml above it), for a
    command run outside any workspace on files of one: its data/ overrides apply."""
    from xborder.store.workspace import WorkspaceError, find_workspace, open_workspace

    if not paths:
        return None
    start = Path(paths[0]).absolute()
    found = find_workspace(start if start.is_dir() else start.parent)
    if found is None:
        return None
    try:
        return open_workspace(found, search=False)
    except WorkspaceError as exc:
        raise CLIError(str(exc)) from None


def default_workspace() -> Workspace:
    """A workspace with default settings and only the shipped reference data."""
    from xborder.model.workspace import Settings
    from xborder.rules.registry import load_reference
    from xborder.store.workspace import Workspace

    return Workspace(Path.cwd(), Settings(), load_reference(None))


class Style:
    """ANSI colour when writing to a terminal (and NO_COLOR is not set)."""

    CODES = {
        "permitted": "32",
        "pending": "33",
        "incomplete": "35",
        "blocked": "31;1",
        "invalid": "31;7",
        "blocker": "31",
        "missing": "35",
        "advice": "36",
        "dim": "2",
        "bold": "1",
    }

    def __init__(self, stream: TextIO):
        self.enabled = (
            hasattr(stream, "isatty")
            and stream.isatty()
            and "NO_COLOR" not in os.environ
            and os.environ.get("TERM") != "dumb"
        )

    def __call__(self, text: str, key: str) -> str:
        code = self.CODES.get(key)
        if not self.enabled or not code:
            return text
        return f"\033[{code}m{text}\033[0m"


def out(text: str = "") -> None:
    """Write a line of text output for people: the one boundary every command's text
    passes (safe_text.for_terminal_lines: no control character from a file, a file name
    or git reaches the terminal, piped or not; only xborder's own colours)."""
    sys.stdout.write(for_terminal_lines(text + "\n"))


def err(text: str) -> None:
    sys.stderr.write(for_terminal_lines(text + "\n"))


def write_json(text: str) -> None:
    """Write JSON text for programs: exact values, valid UTF-8, invisible and bidi
    characters escaped (safe_text.for_json)."""
    sys.stdout.write(for_json(text))

"""The hostile-text detection: problems of a file's text as a whole that TOML would
report obscurely (a byte-order mark, an unresolved git merge conflict, a carriage return
without a line feed). Moved out of store/assessments.py; that module re-exports these
names."""

from __future__ import annotations

import re

from xborder.model.text import Msg
from xborder.store.load_errors import key_at_line

BOM_MESSAGE = Msg("error.bom")


# -- hostile text -----------------------------------------------------------------------
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?:[ \t].*)?$", re.MULTILINE)


def text_problem(text: str) -> tuple[str, int, int] | None:
    """A problem of the text as a whole that TOML would report obscurely, if any:
    an unresolved git merge conflict, or a carriage return without a line feed.
    Returns (message, line, column)."""
    # both markers are needed (_looks_like_conflict); the substring test spares the
    # regular expressions on the usual file
    match = _CONFLICT.search(text) if "<<<<<<<" in text and ">>>>>>>" in text else None
    if match is not None and _looks_like_conflict(text):
        line = text.count("\n", 0, match.start()) + 1
        key = key_at_line(text, line + 1)
        marker = match.group(1)
        return (
            Msg("error.conflict_key", marker=marker, key=key) if key else Msg("error.conflict", marker=marker),
            line,
            1,
        )
    index = text.find("\r")
    while index != -1:
        if not text.startswith("\n", index + 1):
            line = text.count("\n", 0, index) + 1
            column = index - (text.rfind("\n", 0, index) + 1) + 1
            key = key_at_line(text.replace("\r", " "), line)
            return (
                Msg("error.carriage_return_key", key=key) if key else Msg("error.carriage_return"),
                line,
                column,
            )
        index = text.find("\r", index + 1)
    return None


def _looks_like_conflict(text: str) -> bool:
    """Both an opening and a closing marker: `=======` alone may sit in a string."""
    return bool(re.search(r"^<{7}", text, re.MULTILINE)) and bool(
        re.search(r"^>{7}", text, re.MULTILINE)
    )

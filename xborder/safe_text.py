"""The output boundary for people: text that came from a file, a file name, git or the
reference data, made safe to show.

Assessment files are written by colleagues, checked out from git and opened by whoever
runs xborder next. A title may hold an escape sequence that sets the reader's clipboard
(OSC 52), retitles the window or blanks the screen; a bidi override may make a line read
backwards; a file name may not be UTF-8 at all. Nothing of that may reach a terminal:

    for_terminal(s)        one field: every control character (C0 including newline and
                           tab, DEL, C1), bidi control and undecodable byte shown visibly
                           (\\x1b, U+202E, \\xff), never emitted
    for_terminal_lines(s)  a whole output text: the same, except line feeds, and the colour
                           sequences xborder writes itself (SGR: ESC [ digits m)
    for_json(text)         JSON text kept exact but plain: C1, DEL, bidi controls, line
                           separators and lone surrogates as \\uXXXX escapes (json.dumps
                           already escapes C0)
    for_ics(s)             text for an iCalendar value: no control character but newlines
    for_csv(cell)          a spreadsheet cell that is never read as a formula, split on
                           whichever separator

Core module: no Textual, no I/O.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SEPARATORS = "\u2028\u2029"
_SURROGATES = "\ud800-\udfff"

_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}{_SURROGATES}]")
_UNSAFE_BUT_LF = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}{_SURROGATES}]")
_OWN_SGR = re.compile(r"\x1b\[[0-9;]{0,16}m")
_ESCAPE_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}{_SEPARATORS}{_SURROGATES}]")


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if code < 0x20 or code == 0x7F:
        return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char, f"\\x{code:02x}")
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return f"U+{code:04X}"


def for_terminal(text: object) -> str:
    """One field as it may be shown on a terminal: unsafe characters made visible."""
    value = text if isinstance(text, str) else str(text)
    if _UNSAFE.search(value) is None:  # the usual case: no copy
        return value
    return _UNSAFE.sub(_visible, value)


def for_terminal_lines(text: str) -> str:
    """A whole output text as it may be written to a terminal: line feeds kept, and the
    colour sequences xborder writes (ESC [ n;n m), everything else as for_terminal."""
    if _UNSAFE_BUT_LF.search(text) is None:
        return text
    if "\x1b" not in text:
        return _UNSAFE_BUT_LF.sub(_visible, text)
    out = []
    position = 0
    for match in _OWN_SGR.finditer(text):
        out.append(_UNSAFE_BUT_LF.sub(_visible, text[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_UNSAFE_BUT_LF.sub(_visible, text[position:]))
    return "".join(out)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def for_json(text: str) -> str:
    """JSON text (as json.dumps writes it with ensure_ascii=False) with the characters
    that are invisible, reorder text or are not UTF-8 written as \\uXXXX escapes. They
    can only stand inside strings, so the document reads back to the same values."""
    if _ESCAPE_IN_JSON.search(text) is None:
        return text
    return _ESCAPE_IN_JSON.sub(_json_escape, text)


def for_ics(text: str) -> str:
    """Text for an iCalendar property value: no control character (newlines are kept for
    the caller to write as \\n)."""
    return _UNSAFE_BUT_LF.sub(_visible, text.replace("\r\n", "\n"))


# -- spreadsheets ---------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _invisible(char: str) -> bool:
    """Characters a spreadsheet may skip before reading a formula: format characters
    (zero-width space and joiners, BOM, bidi marks) and white space."""
    return unicodedata.category(char) in ("Cf", "Zs", "Cc") and char not in "\t\r"


def is_formula_like(cell: str) -> bool:
    """Whether a spreadsheet could read `cell` as a formula: it starts, after invisible
    characters and with fullwidth forms folded (＝ is =), with = + - @, a tab or a CR."""
    start = 0
    while start < len(cell) and _invisible(cell[start]):
        start += 1
    if start == len(cell):
        return False
    head = unicodedata.normalize("NFKC", cell[start : start + 2])
    return head.startswith(_FORMULA_START) or cell[start] in "\t\r"


_CELL_BREAK = re.compile(r"([;,\n\r])")


def for_csv(cell: object) -> str:
    """A CSV cell that a spreadsheet shows as text, whatever separator it splits on:
    the cell, and each part of it after a ; , or line break (where a spreadsheet set to
    another separator starts a new cell, quotes or not), gets a leading apostrophe when
    it reads as a formula (OWASP's advice). The writer must also quote every cell holding
    ; , " or a line break."""
    text = "" if cell is None else str(cell)
    prefix = "'" if is_formula_like(text) else ""
    parts = _CELL_BREAK.split(text)
    changed = False
    for index in range(2, len(parts), 2):  # the texts after each separator
        if is_formula_like(parts[index]):
            parts[index] = "'" + parts[index]
            changed = True
    return prefix + ("".join(parts) if changed else text)

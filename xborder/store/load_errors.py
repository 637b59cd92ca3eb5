"""The translation of validation errors: a pydantic error, a TOML parser error or
bytes that are not UTF-8 as one message naming the key, in English with its Azerbaijani
translation (moved out of store/assessments.py; that module re-exports these names)."""

from __future__ import annotations

import re
from typing import Any

from xborder.model.text import Msg, prefixed, reason_of
from xborder.tomlio import TomlError, byte_position, index_positions, syntax_message_az


def _key_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _type_name(value: object) -> str:
    import datetime as dt

    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    return type(value).__name__


_EXPECTED = {
    "string_type": "a string",
    "bool_type": "true or false",
    "int_type": "an integer",
    "list_type": "an array",
    "dict_type": "a table",
    "model_type": "a table",
    "date_type": "a date (YYYY-MM-DD)",
    "bool_parsing": "true or false",
    "int_parsing": "an integer",
}
_EXPECTED_AZ = {
    "string_type": "mətn",
    "bool_type": "true və ya false",
    "int_type": "tam ədəd",
    "list_type": "massiv",
    "dict_type": "cədvəl",
    "model_type": "cədvəl",
    "date_type": "tarix (YYYY-MM-DD)",
    "bool_parsing": "true və ya false",
    "int_parsing": "tam ədəd",
}
_TYPE_AZ = {
    "a boolean": "məntiqi dəyər (true/false)",
    "an integer": "tam ədəd",
    "a number": "kəsr ədəd",
    "a string": "mətn",
    "an array": "massiv",
    "a table": "cədvəl",
    "a date-time": "tarix və vaxt",
    "a date": "tarix",
    "a time": "vaxt",
}


def describe_error(error: dict[str, Any]) -> tuple[tuple[Any, ...], str]:
    """A pydantic error as (loc, one-line message naming the key)."""
    loc = tuple(part for part in error["loc"] if not isinstance(part, str) or "[" not in part)
    kind = error["type"]
    key = _key_path(loc)
    value = error.get("input")
    if kind == "extra_forbidden":
        return loc, Msg(f"unknown key {key!r} (check the spelling)", az=f"naməlum açar {key!r} (yazılışını yoxlayın)")
    if kind == "missing":
        return loc, Msg(f"required key {key!r} is missing", az=f"məcburi açar {key!r} yoxdur")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return loc, Msg(
            f"{key}: unknown value {value!r} (expected {expected})",
            az=f"{key}: naməlum dəyər {value!r} (gözlənilən: {expected.replace(' or ', ' və ya ')})",
        )
    if kind in _EXPECTED:
        got = _type_name(value)
        return loc, Msg(
            f"{key}: expected {_EXPECTED[kind]}, got {got}",
            az=f"{key}: {_EXPECTED_AZ[kind]} gözlənilirdi, {_TYPE_AZ.get(got, got)} verilib",
        )
    empty = Msg(f"{key}: must not be empty", az=f"{key}: boş ola bilməz")
    if kind == "too_short":
        if isinstance(value, str):  # a constrained string reports too_short, not string_too_short
            return loc, empty
        return loc, Msg(f"{key}: needs at least one entry", az=f"{key}: ən azı bir element olmalıdır")
    if kind == "string_too_short":
        return loc, empty
    if kind == "value_error":
        cause = error.get("ctx", {}).get("error")
        message = reason_of(cause) if isinstance(cause, Exception) else str(cause or error["msg"])
        return loc, prefixed(key, message) if key else message
    return loc, f"{key}: {error['msg']}" if key else str(error["msg"])


def not_utf8(data: bytes, exc: UnicodeDecodeError) -> tuple[Msg, int, int]:
    """The message, line and column for bytes that are not UTF-8 (Latin-1 from an old
    editor, say), naming the key on that line."""
    line, column = byte_position(data, exc.start)
    key = key_at_line(data.decode("utf-8", errors="replace"), line)
    where = f" in key {key!r}" if key else ""
    where_az = f", {key!r} açarında" if key else ""
    byte = f"0x{data[exc.start]:02x}"
    message = Msg(
        f"not UTF-8 text (byte {byte}{where}): save the file as UTF-8",
        az=f"UTF-8 mətni deyil (bayt {byte}{where_az}): faylı UTF-8 kimi saxlayın",
    )
    return message, line, column


def syntax_message(text: str, error: TomlError) -> Msg:
    """The parser's message, naming the key on the line it points at when there is one,
    with its Azerbaijani translation."""
    heading = "TOML sintaksis xətası: "
    az = heading + syntax_message_az(error.message)
    if error.line is None:
        return Msg(error.message, az=az)
    key = key_at_line(text, error.line)
    if key and not re.search(rf"(?<![\w.]){re.escape(key)}(?![\w.])", error.message):
        return Msg(f"{error.message} (key {key!r})", az=f"{az} (açar {key!r})")
    return Msg(error.message, az=az)


def key_at_line(text: str, line: int) -> str | None:
    """The dotted key path (transfers[1].start) defined on `line`, if any."""
    lines = text.split("\n")
    head = "\n".join(lines[:line])
    best: tuple[Any, ...] | None = None
    for loc, (number, _column) in index_positions(head).items():
        if number == line and (best is None or len(loc) > len(best)):
            best = loc
    if best:
        return _key_path(best)
    if not 0 < line <= len(lines):
        return None
    header = _BROKEN_HEADER.match(lines[line - 1])
    if header:
        return header.group(1)
    key = _BARE_KEY.match(lines[line - 1])  # e.g. a duplicate: the scanner keeps the first
    if not key:
        return None
    table = next((h.group(1) for h in map(_BROKEN_HEADER.match, reversed(lines[: line - 1])) if h), None)
    return f"{table}.{key.group(1)}" if table else key.group(1)


_BROKEN_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)")
_BARE_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\s*=")

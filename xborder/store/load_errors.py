"""The translation of validation errors: a pydantic error, a TOML parser error or
bytes that are not UTF-8 as one message naming the key, from the message catalogue
(moved out of store/assessments.py; that module re-exports these names)."""

from __future__ import annotations

import re
from typing import Any

from xborder.model.text import Msg, prefixed, reason_of
from xborder.tomlio import TomlError, byte_position, index_positions, syntax_message_id


def _key_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _type_name(value: object) -> str:
    """What `value` is, as a catalogue message ("a string") or its Python type's name."""
    import datetime as dt

    for kind, name in (
        (bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"),
        (dict, "table"), (dt.datetime, "datetime"), (dt.date, "date"), (dt.time, "time"),
    ):
        if isinstance(value, kind):
            return Msg(f"error.type.{name}")
    return type(value).__name__


_EXPECTED = {
    "string_type": "string",
    "bool_type": "bool",
    "int_type": "integer",
    "list_type": "array",
    "dict_type": "table",
    "model_type": "table",
    "date_type": "date_iso",
    "bool_parsing": "bool",
    "int_parsing": "integer",
}
"""pydantic's error type -> what was expected (error.type.*)."""


def describe_error(error: dict[str, Any]) -> tuple[tuple[Any, ...], str]:
    """A pydantic error as (loc, one-line message naming the key)."""
    loc = tuple(part for part in error["loc"] if not isinstance(part, str) or "[" not in part)
    kind = error["type"]
    key = _key_path(loc)
    value = error.get("input")
    if kind == "extra_forbidden":
        return loc, Msg("error.unknown_key", key=key)
    if kind == "missing":
        return loc, Msg("error.missing_key", key=key)
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        items, sep, last = expected.rpartition(" or ")
        return loc, prefixed(key, Msg(
            "error.unknown_value", value=value,
            expected=Msg("error.alternatives", items=items, last=last) if sep else expected,
        ))
    if kind in _EXPECTED:
        expected_type = Msg(f"error.type.{_EXPECTED[kind]}")
        return loc, prefixed(key, Msg("error.wrong_type", expected=expected_type, got=_type_name(value)))
    empty = prefixed(key, Msg("error.empty"))
    if kind == "too_short":
        if isinstance(value, str):  # a constrained string reports too_short, not string_too_short
            return loc, empty
        return loc, prefixed(key, Msg("error.too_short"))
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
    byte = f"0x{data[exc.start]:02x}"
    message = Msg("error.not_utf8_key", byte=byte, key=key) if key else Msg("error.not_utf8", byte=byte)
    return message, line, column


def syntax_message(text: str, error: TomlError) -> Msg:
    """The parser's message (translated where the catalogue knows it), naming the key on
    the line it points at when there is one."""
    known = syntax_message_id(error.message)
    detail = error.message if known is None else Msg(known[0], **known[1])
    if error.line is None:
        return Msg("error.toml_syntax", detail=detail)
    key = key_at_line(text, error.line)
    if key and not re.search(rf"(?<![\w.]){re.escape(key)}(?![\w.])", error.message):
        return Msg("error.toml_syntax_key", detail=detail, key=key)
    return Msg("error.toml_syntax", detail=detail)


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

"""TOML reading with positions, and a canonical writer.

Reading uses the compiled `tomli` wheel when present (the same parser as the standard
library's `tomllib`, about twice as fast) and falls back to `tomllib`. `locate` maps a
key path such as ("transfers", 1, "recipient", "kind") back to its line and column in the
source text, so that schema errors can be reported as `path:line:col` like syntax errors.

Writing is canonical: scalars before sub-tables, lists of tables always as `[[name]]`
blocks, keys in the order given (the models' field order), dates unquoted. Scalar values
are formatted by tomli-w.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Sequence
from typing import Any

try:  # the compiled wheel; same grammar and errors as tomllib
    import tomli as _toml
except ImportError:  # pragma: no cover - tomli is a dependency, tomllib the fallback
    import tomllib as _toml  # type: ignore[no-redef]

import tomli_w

Path_ = tuple[str | int, ...]


class TomlError(ValueError):
    """A TOML syntax error with its position (1-based)."""

    def __init__(self, message: str, line: int | None, column: int | None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")
_DECLARED = re.compile(r"^Cannot declare (\(.*\)) twice$")


def _dotted(names: str) -> str:
    """tomli's "('transfers', 'recipient')" as "transfers.recipient"."""
    try:
        parts = ast.literal_eval(names)
    except (ValueError, SyntaxError):
        return names
    if isinstance(parts, str):
        parts = (parts,)
    return ".".join(str(part) for part in parts)


def byte_position(data: bytes, index: int) -> tuple[int, int]:
    """Line and column (1-based) of the byte at `index` (say, where decoding failed)."""
    return data[:index].count(b"\n") + 1, index - (data.rfind(b"\n", 0, index) + 1) + 1


def parse_toml(text: str) -> dict[str, Any]:
    """Parse TOML text; raise TomlError with a position on any syntax error."""
    try:
        return _toml.loads(text)
    except RecursionError:  # tomli recurses on nested arrays/inline tables (hostile input)
        dotted = _deepest_key(text)
        if dotted is not None:
            raise TomlError(f"keys are nested too deeply ({dotted[2]} levels)", dotted[0], dotted[1]) from None
        raise TomlError("arrays or inline tables are nested too deeply", *_deepest(text)) from None
    except _toml.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "colno", None)
        message = getattr(exc, "msg", None) or str(exc)
        match = _AT.search(message)
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            message = message[: match.start()]
        elif _AT_END.search(message):
            message = _AT_END.sub("", message)
            line = text.count("\n") + 1
            column = 1
        declared = _DECLARED.match(message)
        if declared:
            message = f"duplicate table [{_dotted(declared.group(1))}]: declared twice"
        elif message == "Cannot overwrite a value" or message.startswith("Cannot declare"):
            message = "duplicate key: " + message[0].lower() + message[1:]
        raise TomlError(message, line, column) from None


_DEEP_LEVELS = 100


def _deepest_key(text: str) -> tuple[int, int, int] | None:
    """The first table header or dotted key with more than _DEEP_LEVELS parts (tomli
    recurses on them too): line, column, number of parts."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count(".") < _DEEP_LEVELS:
            continue
        match = _HEADER.match(line) or _KEY.match(line)
        if match is None:
            continue
        parts = len(_split_key(match.group(2)))
        if parts > _DEEP_LEVELS:
            return number, len(line) - len(line.lstrip()) + 1, parts
    return None


def _deepest(text: str) -> tuple[int, int]:
    """Where bracket nesting first gets deep (for the too-deep error): line, column."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for column, char in enumerate(line, start=1):
            depth += (char in "[{") - (char in "]}")
            if depth > 100:
                return number, column
    return 1, 1


# -- positions --------------------------------------------------------------------------
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*(\]\]?)\s*(#.*)?$")
_KEY = re.compile(r"""^(\s*)((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'))*)\s*=""")
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'""")


def _split_key(key: str) -> list[str]:
    parts = []
    for match in _KEY_PART.finditer(key):
        part = match.group(0)
        if part[0] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return parts


def index_positions(text: str) -> dict[Path_, tuple[int, int]]:
    """Map every key path found in `text` to its (line, column), both 1-based.

    A light scanner, not a parser: it follows table headers, arrays of tables, dotted
    keys, multi-line arrays (one element per line) and skips multi-line strings. Good
    enough to point a lawyer at the right line; the parser has already accepted the text.
    """
    positions: dict[Path_, tuple[int, int]] = {}
    aot_counts: dict[tuple[Path_, str], int] = {}
    table: Path_ = ()
    in_string: str | None = None
    array_path: Path_ | None = None
    array_depth = 0
    array_index = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if in_string in line:
                in_string = None
            continue
        stripped = line.strip()
        if array_path is not None:
            if stripped and not stripped.startswith("#") and stripped not in ("]", "],"):
                column = len(line) - len(line.lstrip()) + 1
                positions.setdefault((*array_path, array_index), (number, column))
                array_index += stripped.count(",") if stripped.endswith(",") else 1
            array_depth += _bracket_delta(stripped)
            if array_depth <= 0:
                array_path = None
            continue
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            parts = _split_key(header.group(2))
            is_aot = header.group(1) == "[["
            resolved = _resolve(parts, positions, aot_counts, is_aot, (number, line.index("[") + 1))
            table = resolved
            here = (number, line.index("[") + 1)
            for end in range(1, len(table) + 1):  # [a.b.c] defines a and a.b too
                positions.setdefault(table[:end], here)
            continue
        key = _KEY.match(line)
        if key:
            parts = _split_key(key.group(2))
            path = (*table, *parts)
            column = len(key.group(1)) + 1
            for end in range(len(table) + 1, len(path) + 1):  # a.b = 1 defines a and a.b
                positions.setdefault(path[:end], (number, column))
            rest = line[key.end():].strip()
            for quote in ('"""', "'''"):
                if rest.startswith(quote) and rest.count(quote) == 1:
                    in_string = quote
            if rest.startswith("["):
                depth = _bracket_delta(rest)
                if depth > 0:
                    array_path, array_depth, array_index = path, depth, 0
                    inner = rest[1:].strip()
                    if inner and not inner.startswith("#"):
                        positions.setdefault((*path, 0), (number, column))
                        array_index = inner.count(",")
    return positions


def _bracket_delta(text: str) -> int:
    depth = 0
    quote: str | None = None
    for char in text:
        if quote:
            if char == quote:
                quote = None
            continue
        if char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
    return depth


def _resolve(
    parts: list[str],
    positions: dict[Path_, tuple[int, int]],
    aot_counts: dict[tuple[Path_, str], int],
    is_aot: bool,
    here: tuple[int, int],
) -> Path_:
    """Turn a header's dotted name into a path, entering the latest element of any
    array of tables on the way (so `[transfers.recipient]` -> ("transfers", 2, "recipient"))."""
    path: Path_ = ()
    for i, part in enumerate(parts):
        if is_aot and i == len(parts) - 1:
            count = aot_counts.get((path, part), 0)
            aot_counts[(path, part)] = count + 1
            positions.setdefault((*path, part), here)
            return (*path, part, count)
        path = (*path, part)
        seen = aot_counts.get((path[:-1], part))
        if seen is not None:
            path = (*path, seen - 1)
    return path


def locate(text: str | None, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
    """The line and column of the key at `loc`, or of its nearest ancestor found.
    (To locate many keys of one text, use a Locator: it scans the text once.)"""
    return Locator(text).locate(loc)


class Locator:
    """Locates keys of one text, scanning it once (on the first question): a file with
    thousands of errors costs one pass, not one pass per error."""

    __slots__ = ("_positions", "_text")

    def __init__(self, text: str | None):
        self._text = text
        self._positions: dict[Path_, tuple[int, int]] | None = None

    @property
    def has_text(self) -> bool:
        return bool(self._text)

    def locate(self, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
        """The line and column of the key at `loc`, or of its nearest ancestor found."""
        if not self._text:
            return None, None
        if self._positions is None:
            self._positions = index_positions(self._text)
        positions = self._positions
        path = tuple(loc)
        while path:
            found = positions.get(path)
            if found and found[0] > 0:
                return found
            path = path[:-1]
        return None, None


# -- writing ----------------------------------------------------------------------------
def _is_table_list(value: object) -> bool:
    return (
        isinstance(value, list | tuple)
        and len(value) > 0
        and all(isinstance(item, Mapping) for item in value)
    )


def dump_toml(document: Mapping[str, Any]) -> str:
    """Canonical TOML: key order as given, scalars first, then tables, then arrays of
    tables; every list of tables as `[[name]]` blocks; dates unquoted."""
    chunks: list[str] = []
    _emit(document, (), chunks, aot=False)
    text = "".join(chunks).lstrip("\n")
    return text


def _header_name(path: tuple[str, ...]) -> str:
    return ".".join(_key(part) for part in path)


def _key(part: str) -> str:
    if part and re.fullmatch(r"[A-Za-z0-9_-]+", part):
        return part
    return tomli_w.dumps({"k": part}).split(" = ", 1)[1].strip()


def _emit(table: Mapping[str, Any], path: tuple[str, ...], out: list[str], aot: bool) -> None:
    scalars = []
    tables = []
    table_lists = []
    for key, value in table.items():
        if isinstance(value, Mapping):
            tables.append((key, value))
        elif _is_table_list(value):
            table_lists.append((key, value))
        else:
            scalars.append((key, value))
    if path and (scalars or aot or not (tables or table_lists)):
        out.append(f"\n[[{_header_name(path)}]]\n" if aot else f"\n[{_header_name(path)}]\n")
    for key, value in scalars:
        out.append(tomli_w.dumps({key: value}))
    for key, value in tables:
        _emit(value, (*path, key), out, aot=False)
    for key, values in table_lists:
        for item in values:
            _emit(item, (*path, key), out, aot=True)


# -- the parser's messages, for the catalogue ---------------------------------------------
_SYNTAX: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), msgid)
    for pattern, msgid in (
        (r"^Illegal character (.+)$", "illegal_character"),
        (r"^Found invalid character (.+)$", "invalid_character"),
        (r"^Invalid value$", "invalid_value"),
        (r"^Invalid statement$", "invalid_statement"),
        (r"^Expected '=' after a key in a key/value pair$", "expected_equals"),
        (r"^Expected '\]' at the end of a table declaration$", "expected_table_end"),
        (r"^Expected '\]\]' at the end of an array declaration$", "expected_array_end"),
        (r"^Expected newline or end of document after a statement$", "expected_newline"),
        (r"^Expected (.+)$", "expected"),
        (r"^Invalid date or datetime$", "invalid_date"),
        (r"^Invalid hex value$", "invalid_hex"),
        (r"^Invalid initial character for a key part$", "invalid_key_start"),
        (r"^Unclosed array$", "unclosed_array"),
        (r"^Unclosed inline table$", "unclosed_inline_table"),
        (r"^Unescaped '\\' in a string$", "unescaped_backslash"),
        (r"^Unterminated string$", "unterminated_string"),
        (r"^Escaped character is not a Unicode scalar value$", "bad_escape"),
        (r"^duplicate key: cannot overwrite a value$", "duplicate_value"),
        (r"^duplicate key: cannot declare (.+) twice$", "duplicate_key"),
        (r"^duplicate table \[(.+)\]: declared twice$", "duplicate_table"),
        (r"^Cannot mutate immutable namespace (.+)$", "immutable_namespace"),
        (r"^Cannot redefine namespace (.+)$", "redefine_namespace"),
        (r"^Duplicate inline table key (.+)$", "duplicate_inline_key"),
        (r"^keys are nested too deeply \((\d+) levels\)$", "keys_too_deep"),
        (r"^arrays or inline tables are nested too deeply$", "too_deep"),
    )
)


def syntax_message_id(message: str) -> tuple[str, dict[str, str]] | None:
    """The catalogue's msgid (error.toml.*) and parameters of a parser message (as
    TomlError.message gives it; the English text renders it back exactly), or None for
    a message the table does not know."""
    for pattern, msgid in _SYNTAX:
        match = pattern.match(message)
        if match:
            return f"error.toml.{msgid}", ({"arg": match.group(1)} if pattern.groups else {})
    return None

"""Loading and saving assessment files.

Loading never raises for bad input: every problem comes back as a LoadError with the
file, line, column and key, so one bad file never stops the others. Saving is canonical
(same model, same bytes) and atomic.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from xborder.model.assessment import ID_PATTERN, Assessment
from xborder.model.text import Msg, in_lang, prefixed, reason_of
from xborder.rules.checks import load_problems
from xborder.store.atomic import write_atomic
from xborder.store.migrate import MigrationError, migrate
from xborder.tomlio import (
    TomlError,
    byte_position,
    dump_toml,
    index_positions,
    locate,
    parse_toml,
    syntax_message_az,
)

if TYPE_CHECKING:
    from xborder.reference import Reference

_ID_RE = re.compile(ID_PATTERN)

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Larger files are refused unread (an assessment is a few kilobytes)."""


@dataclass(frozen=True, slots=True)
class LoadError:
    """One problem with one file, at a line and column where known (1-based)."""

    path: Path
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return self.located(str(self.path))

    def text(self, lang: str = "en") -> str:
        """The message in `lang` where it has been translated, else in English."""
        return in_lang(self.message, lang)

    def located(self, name: str, lang: str = "en") -> str:
        """`name:line:col: message` (or `name: message` where the line is unknown)."""
        if self.line is not None:
            return f"{name}:{self.line}:{self.column or 1}: {self.text(lang)}"
        return f"{name}: {self.text(lang)}"

    def to_json(self, lang: str = "en") -> dict[str, object]:
        return {"message": self.text(lang), "line": self.line, "column": self.column}


@dataclass(slots=True)
class LoadResult:
    path: Path
    assessment: Assessment | None
    errors: list[LoadError] = field(default_factory=list)
    sha256: str = ""
    """Digest of the file's bytes as read (to detect changes on disk)."""
    text: str | None = None

    @property
    def ok(self) -> bool:
        return self.assessment is not None and not self.errors


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


def load_assessment(path: Path, reference: Reference) -> LoadResult:
    """Read and validate one assessment file. Never raises for bad content."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            return _fail(
                path,
                Msg(
                    f"broken symbolic link (it points to {target}, which does not exist)",
                    az=f"qırıq simvolik keçid (mövcud olmayan {target} faylına yönəlir)",
                ),
            )
        return _fail(path, Msg("cannot read: No such file or directory", az="oxunmur: belə fayl və ya qovluq yoxdur"))
    except OSError as exc:
        return _fail(path, f"cannot read: {exc.strerror or exc}")
    if stat.S_ISDIR(info.st_mode):
        return _fail(path, _FOLDER)
    if not stat.S_ISREG(info.st_mode):
        return _fail(
            path,
            Msg(
                "is not a regular file (a pipe, socket or device): not read",
                az="adi fayl deyil (kanal, soket və ya qurğu): oxunmadı",
            ),
        )
    if info.st_size > MAX_FILE_BYTES:
        return _fail(path, _too_large(info.st_size))
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        return _fail(path, _FOLDER)
    except OSError as exc:
        return _fail(path, f"cannot read: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:  # it grew after stat
        return _fail(path, _too_large(len(data)))
    return load_assessment_bytes(path, data, reference)


BOM_MESSAGE = Msg(
    "file starts with a byte-order mark (BOM): save it as UTF-8 without BOM",
    az="fayl bayt sırası nişanı (BOM) ilə başlayır: onu BOM-suz UTF-8 kimi saxlayın",
)
_FOLDER = Msg("is a folder, not an assessment file", az="qovluqdur, qiymətləndirmə faylı deyil")


def _fail(path: Path, message: str, line: int | None = None, column: int | None = None) -> LoadResult:
    return LoadResult(path, None, [LoadError(path, message, line, column)])


def _too_large(size: int) -> str:
    mb, limit = f"{size / 1_048_576:.1f}", MAX_FILE_BYTES // 1_048_576
    return Msg(
        f"file is too large ({mb} MB; an assessment is limited to {limit} MB)",
        az=f"fayl çox böyükdür ({mb} MB; qiymətləndirmə ən çoxu {limit} MB ola bilər)",
    )


def load_assessment_bytes(path: Path, data: bytes, reference: Reference) -> LoadResult:
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"\xef\xbb\xbf"):
        return LoadResult(path, None, [LoadError(path, BOM_MESSAGE, 1, 1)], digest)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message, line, column = not_utf8(data, exc)
        return LoadResult(path, None, [LoadError(path, message, line, column)], digest)
    result = load_assessment_text(path, text, reference)
    result.sha256 = digest
    return result


def load_assessment_text(path: Path, text: str, reference: Reference) -> LoadResult:
    path = Path(path)
    problem = text_problem(text)
    if problem is not None:
        message, line, column = problem
        return LoadResult(path, None, [LoadError(path, message, line, column)], text=text)
    try:
        raw = parse_toml(text)
    except TomlError as exc:
        return LoadResult(path, None, [LoadError(path, syntax_message(text, exc), exc.line, exc.column)], text=text)
    if not raw:
        empty = Msg("the file is empty: it holds no assessment", az="fayl boşdur: orada qiymətləndirmə yoxdur")
        return LoadResult(path, None, [LoadError(path, empty, 1, 1)], text=text)
    return validate_document(path, raw, text, reference)


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
            Msg(
                f"unresolved git merge conflict (marker {marker!r} at the start of the line"
                + (f", before key {key!r}" if key else "")
                + "): keep one side, delete the <<<<<<< ======= >>>>>>> lines, then commit",
                az=f"həll edilməmiş git birləşmə konflikti (sətrin əvvəlində {marker!r} nişanı"
                + (f", {key!r} açarından əvvəl" if key else "")
                + "): bir tərəfi saxlayın, <<<<<<< ======= >>>>>>> sətirlərini silin, sonra commit edin",
            ),
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
                Msg(
                    "carriage return (CR) without a line feed"
                    + (f" (key {key!r})" if key else "")
                    + ": save the file with LF (or Windows CRLF) line endings",
                    az="sətir ötürmə (LF) olmadan karetkanın qaytarılması (CR)"
                    + (f" ({key!r} açarı)" if key else "")
                    + ": faylı LF (və ya Windows CRLF) sətir sonları ilə saxlayın",
                ),
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


def validate_document(
    path: Path, raw: dict[str, Any], text: str | None, reference: Reference
) -> LoadResult:
    """Validate a parsed document (migrating older schema versions first)."""
    if not _ASSESSMENT_KEYS.intersection(raw):
        return LoadResult(
            path,
            None,
            [
                LoadError(
                    path,
                    Msg(
                        "not an xborder assessment: it has none of the keys " + ", ".join(sorted(_ASSESSMENT_KEYS)),
                        az="xborder qiymətləndirməsi deyil: bu açarların heç biri yoxdur: "
                        + ", ".join(sorted(_ASSESSMENT_KEYS)),
                    ),
                    1,
                    1,
                )
            ],
            text=text,
        )
    stem_error = _stem_error(path, text)
    if stem_error is not None:
        return LoadResult(path, None, [stem_error], text=text)
    try:
        raw = migrate(raw)
    except MigrationError as exc:
        line, column = locate(text, ("schema_version",))
        return LoadResult(path, None, [LoadError(path, reason_of(exc), line, column)], text=text)
    try:
        assessment = Assessment.model_validate(raw)
    except ValidationError as exc:
        errors = []
        for error in exc.errors(include_url=False):
            loc, message = describe_error(dict(error))
            line, column = _position(text, loc)
            errors.append(LoadError(path, message, line, column))
        return LoadResult(path, None, errors, text=text)
    problems = load_problems(assessment, reference, stem=path.stem)
    if problems:
        errors = []
        for loc, message in problems:
            line, column = _position(text, loc)
            errors.append(LoadError(path, prefixed(_key_path(loc), message), line, column))
        return LoadResult(path, None, errors, text=text)
    return LoadResult(path, assessment, [], text=text)


def _position(text: str | None, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """Line and column of the key at `loc`, else of its nearest table; a key missing from
    the top-level table points at the start of the document (1:1), where it belongs."""
    line, column = locate(text, loc)
    if line is None and text:
        return 1, 1
    return line, column


_ASSESSMENT_KEYS = frozenset({"schema_version", "id", "title", "created", "operator", "processing", "transfers"})


def _stem_error(path: Path, text: str | None) -> LoadError | None:
    """The file name must be a valid id (it is the assessment's id): refuse names with
    spaces, capitals, dots or other characters before anything else."""
    stem = path.stem
    if _ID_RE.match(stem):
        return None
    line, column = locate(text, ("id",))
    suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:64]
    hint = f" (for example {suggestion}.toml)" if suggestion and _ID_RE.match(suggestion) else ""
    hint_az = f" (məsələn, {suggestion}.toml)" if hint else ""
    return LoadError(
        path,
        Msg(
            f"id: the file name {path.name!r} is not a valid assessment id: rename the file to "
            f"lowercase letters, digits and '-'{hint}",
            az=f"id: fayl adı {path.name!r} düzgün qiymətləndirmə ID-si deyil: faylın adını kiçik "
            f"hərflər, rəqəmlər və '-' ilə dəyişin{hint_az}",
        ),
        line or 1,
        column or 1,
    )


# -- saving -----------------------------------------------------------------------------
_DROP_WHEN_EMPTY = {"notes", "evidence", "verdicts", "requests", "earlier"}


def _prune(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            v = _prune(v, k)
            if v is None:
                continue
            if isinstance(v, dict) and not v:
                continue
            if k in _DROP_WHEN_EMPTY and v in ("", [], {}):
                continue
            out[k] = v
        return out
    if isinstance(value, list):
        return [_prune(item) for item in value]
    return value


def to_document(assessment: Assessment) -> dict[str, Any]:
    """The assessment as a plain dict in canonical key order, ready for TOML."""
    raw = assessment.model_dump(mode="python", exclude_none=True)
    document: dict[str, Any] = _prune(raw)
    if not document.get("transfers"):
        document.pop("transfers", None)
    return document


def dump_assessment(assessment: Assessment) -> str:
    """Canonical TOML text of an assessment: same model, same bytes."""
    text = dump_toml(to_document(assessment))
    parse_toml(text)  # the writer's output must always read back
    return text


class ConflictError(Exception):
    """The file changed on disk since it was read; saving would lose those changes."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"{path}: the file changed on disk since it was opened (for example by a git pull); "
            "not saved, so that nothing is lost"
        )


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def save_assessment(path: Path, assessment: Assessment, *, expected_sha256: str | None = None) -> str:
    """Write the canonical text atomically; return the new digest.

    With `expected_sha256` (the digest of the file as it was read, or "" for a file that
    must not exist yet) the save is refused with ConflictError if the file on disk is
    no longer that file."""
    path = Path(path)
    data = dump_assessment(assessment).encode("utf-8")
    if expected_sha256 is None:
        write_atomic(path, data)
        return hashlib.sha256(data).hexdigest()
    path.parent.mkdir(parents=True, exist_ok=True)
    with _folder_lock(path.parent):  # the check and the write as one step between xborders
        current = file_digest(path)
        if (current or "") != expected_sha256:
            raise ConflictError(path)
        write_atomic(path, data)
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock on the folder itself (no lock file to leave behind),
    so that two xborder processes cannot both pass the "unchanged since read" check and
    then overwrite each other. Where folders cannot be locked (Windows), no lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - an unreadable folder: the write will say so
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock

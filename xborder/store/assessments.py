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

from xborder.model.assessment import ID_PATTERN, SCHEMA_VERSION, Assessment
from xborder.model.recipients import TABLES, attach, own_values, resolve
from xborder.model.text import Msg, in_lang, prefixed, reason_of
from xborder.rules.checks import load_problems
from xborder.store.atomic import write_atomic
from xborder.store.hostile_text import BOM_MESSAGE as BOM_MESSAGE
from xborder.store.hostile_text import text_problem as text_problem
from xborder.store.load_errors import _key_path
from xborder.store.load_errors import describe_error as describe_error
from xborder.store.load_errors import key_at_line as key_at_line
from xborder.store.load_errors import not_utf8 as not_utf8
from xborder.store.load_errors import syntax_message as syntax_message
from xborder.store.migrate import MigrationError, migrate
from xborder.tomlio import (
    Locator,
    TomlError,
    dump_toml,
    parse_toml,
)

if TYPE_CHECKING:
    from xborder.model.recipients import Lookup
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


def load_assessment(path: Path, reference: Reference, recipients: Lookup | None = None) -> LoadResult:
    """Read and validate one assessment file. Never raises for bad content.

    `recipients` finds the catalogue entries its transfers refer to (Workspace.load
    passes the workspace's catalogue); without it a reference is dangling."""
    path = Path(path)
    if not _utf8_name(path.name):
        return _fail(
            path,
            Msg("error.name_not_utf8"),
        )
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            return _fail(
                path,
                Msg("error.broken_symlink", target=target),
            )
        return _fail(path, Msg("error.no_such_file"))
    except OSError as exc:
        return _fail(path, f"cannot read: {exc.strerror or exc}")
    if stat.S_ISDIR(info.st_mode):
        return _fail(path, _FOLDER)
    if not stat.S_ISREG(info.st_mode):
        return _fail(
            path,
            Msg("error.not_regular"),
        )
    if info.st_size > MAX_FILE_BYTES:
        return _fail(path, too_large(info.st_size))
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        return _fail(path, _FOLDER)
    except OSError as exc:
        return _fail(path, f"cannot read: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:  # it grew after stat
        return _fail(path, too_large(len(data)))
    return load_assessment_bytes(path, data, reference, recipients)


def _utf8_name(name: str) -> bool:
    """False for a name holding bytes that are not UTF-8 (Python carries them as lone
    surrogates): it cannot be shown, written to JSON or to a report as it is."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_FOLDER = Msg("error.folder")


def _fail(path: Path, message: str, line: int | None = None, column: int | None = None) -> LoadResult:
    return LoadResult(path, None, [LoadError(path, message, line, column)])


def too_large(size: int, limit: int = MAX_FILE_BYTES) -> str:
    """The error for a file of `size` bytes over `limit` (both shown in MB)."""
    return Msg("error.too_large", mb=f"{size / 1_048_576:.1f}", limit=limit // 1_048_576)


def load_assessment_bytes(
    path: Path, data: bytes, reference: Reference, recipients: Lookup | None = None
) -> LoadResult:
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"\xef\xbb\xbf"):
        return LoadResult(path, None, [LoadError(path, BOM_MESSAGE, 1, 1)], digest)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message, line, column = not_utf8(data, exc)
        return LoadResult(path, None, [LoadError(path, message, line, column)], digest)
    result = load_assessment_text(path, text, reference, recipients)
    result.sha256 = digest
    return result


def load_assessment_text(
    path: Path, text: str, reference: Reference, recipients: Lookup | None = None
) -> LoadResult:
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
        empty = Msg("error.empty_file")
        return LoadResult(path, None, [LoadError(path, empty, 1, 1)], text=text)
    return validate_document(path, raw, text, reference, recipients)


def validate_document(
    path: Path,
    raw: dict[str, Any],
    text: str | None,
    reference: Reference,
    recipients: Lookup | None = None,
) -> LoadResult:
    """Validate a parsed document (migrating older schema versions first)."""
    if not _ASSESSMENT_KEYS.intersection(raw):
        return LoadResult(
            path,
            None,
            [
                LoadError(
                    path,
                    Msg("error.not_assessment", keys=", ".join(sorted(_ASSESSMENT_KEYS))),
                    1,
                    1,
                )
            ],
            text=text,
        )
    stem_error = _stem_error(path, text)
    if stem_error is not None:
        return LoadResult(path, None, [stem_error], text=text)
    locator = Locator(text)
    missing_version = _missing_version(path, raw)
    try:
        raw = migrate(raw)
    except MigrationError as exc:
        line, column = locator.locate(("schema_version",))
        return LoadResult(path, None, [LoadError(path, reason_of(exc), line, column)], text=text)
    resolution = resolve(raw, recipients)
    if resolution.problems:
        errors = [missing_version] if missing_version else []
        for loc, message in resolution.problems[:MAX_ERRORS]:
            line, column = _position(locator, loc)
            errors.append(LoadError(path, prefixed(_key_path(loc), message), line, column))
        return LoadResult(path, None, _bounded(path, errors, len(resolution.problems) - MAX_ERRORS), text=text)
    try:
        assessment = Assessment.model_validate(raw)
    except ValidationError as exc:
        errors = [missing_version] if missing_version else []
        failures = exc.errors(include_url=False)
        for error in failures[:MAX_ERRORS]:
            loc, message = describe_error(dict(error))
            line, column = _position(locator, loc)
            errors.append(LoadError(path, message, line, column))
        return LoadResult(path, None, _bounded(path, errors, len(failures) - MAX_ERRORS), text=text)
    attach(assessment.transfers, resolution)
    problems = load_problems(assessment, reference, stem=path.stem)
    if problems or missing_version:
        errors = [missing_version] if missing_version else []
        for loc, message in problems[:MAX_ERRORS]:
            line, column = _position(locator, loc)
            errors.append(LoadError(path, prefixed(_key_path(loc), message), line, column))
        return LoadResult(path, None, _bounded(path, errors, len(problems) - MAX_ERRORS), text=text)
    return LoadResult(path, assessment, [], text=text)


MAX_ERRORS = 20
"""At most this many errors are reported per file, then a count of the rest: a file
with thousands of errors is one broken file, not thousands of lines to read."""


def _bounded(path: Path, errors: list[LoadError], rest: int) -> list[LoadError]:
    if rest > 0:
        errors.append(
            LoadError(
                path,
                Msg("error.more_errors", n=rest),
            )
        )
    return errors


def _missing_version(path: Path, raw: dict[str, Any]) -> LoadError | None:
    """FORMAT.md makes schema_version required: a file without it is a load error that
    says which line to add."""
    if "schema_version" in raw:
        return None
    return LoadError(
        path,
        Msg("error.schema_version_missing", version=SCHEMA_VERSION),
        1,
        1,
    )


def _position(locator: Locator, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """Line and column of the key at `loc`, else of its nearest table; a key missing from
    the top-level table points at the start of the document (1:1), where it belongs."""
    line, column = locator.locate(loc)
    if line is None and locator.has_text:
        return 1, 1
    return line, column


_ASSESSMENT_KEYS = frozenset({"schema_version", "id", "title", "created", "operator", "processing", "transfers"})


def _stem_error(path: Path, text: str | None) -> LoadError | None:
    """The file name must be a valid id (it is the assessment's id): refuse names with
    spaces, capitals, dots or other characters before anything else."""
    stem = path.stem
    if _ID_RE.fullmatch(stem):
        return None
    line, column = Locator(text).locate(("id",))
    suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:64]
    hint = Msg("error.file_name_example", name=suggestion) if suggestion and _ID_RE.fullmatch(suggestion) else ""
    return LoadError(
        path,
        Msg("error.bad_file_name", name=path.name, hint=hint),
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
    for transfer, dumped in zip(assessment.transfers, raw.get("transfers") or [], strict=False):
        if transfer._inherited:  # what the catalogue filled in stays in the catalogue
            for table in TABLES:
                if isinstance(dumped.get(table), dict):
                    dumped[table] = own_values(transfer, table, dumped[table])
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

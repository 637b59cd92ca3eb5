"""The recipient catalogue on disk: data/recipients/<id>.toml, read strictly like an
assessment file and each file parsed once per workspace (a run checking 10,000
assessments that share 200 recipients reads each recipient file once; a file changed
on disk since is read again)."""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from xborder.model.assessment import ID_PATTERN
from xborder.model.recipients import EntryProblem, RecipientEntry
from xborder.model.text import Msg, prefixed
from xborder.store.assessments import LoadError, too_large
from xborder.store.atomic import write_atomic
from xborder.store.hostile_text import BOM_MESSAGE, text_problem
from xborder.store.load_errors import _key_path, describe_error, not_utf8, syntax_message
from xborder.tomlio import Locator, TomlError, dump_toml, parse_toml

RECIPIENTS_DIR = Path("data") / "recipients"
_ID_RE = re.compile(ID_PATTERN)
MAX_FILE_BYTES = 1024 * 1024


EntryError = LoadError
"""A problem with one catalogue file: the same as a problem with an assessment file."""


@dataclass(slots=True)
class EntryResult:
    path: Path
    entry: RecipientEntry | None
    errors: list[EntryError] = field(default_factory=list)
    sha256: str = ""
    text: str | None = None

    @property
    def id(self) -> str:
        return self.path.stem


def load_entry_text(path: Path, text: str) -> EntryResult:
    """Validate one catalogue file's text. Never raises for bad content."""
    problem = text_problem(text)
    if problem is not None:
        return EntryResult(path, None, [EntryError(path, problem[0], problem[1], problem[2])], text=text)
    try:
        raw = parse_toml(text)
    except TomlError as exc:
        return EntryResult(path, None, [EntryError(path, syntax_message(text, exc), exc.line, exc.column)], text=text)
    locator = Locator(text)
    try:
        entry = RecipientEntry.model_validate(raw)
    except ValidationError as exc:
        errors = []
        for error in exc.errors(include_url=False)[:20]:
            loc, message = describe_error(dict(error))
            line, column = locator.locate(loc)
            errors.append(EntryError(path, message, line or 1, column or 1))
        return EntryResult(path, None, errors, text=text)
    if entry.id != path.stem:
        line, column = locator.locate(("id",))
        message = prefixed(_key_path(("id",)), Msg("error.id_not_file_name", id=entry.id, stem=path.stem))
        return EntryResult(path, None, [EntryError(path, message, line or 1, column or 1)], text=text)
    return EntryResult(path, entry, [], text=text)


def load_entry(path: Path) -> EntryResult:
    path = Path(path)
    if not _ID_RE.fullmatch(path.stem):
        return EntryResult(path, None, [EntryError(path, Msg("error.bad_file_name", name=path.name, hint=""), 1, 1)])
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return EntryResult(path, None, [EntryError(path, Msg("error.no_such_file"))])
    except IsADirectoryError:
        return EntryResult(path, None, [EntryError(path, Msg("error.folder"))])
    except OSError as exc:
        return EntryResult(path, None, [EntryError(path, f"cannot read: {exc.strerror or exc}")])
    digest = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_FILE_BYTES:
        return EntryResult(path, None, [EntryError(path, too_large(len(data), MAX_FILE_BYTES))], digest)
    if data.startswith(b"\xef\xbb\xbf"):
        return EntryResult(path, None, [EntryError(path, BOM_MESSAGE, 1, 1)], digest)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message, line, column = not_utf8(data, exc)
        return EntryResult(path, None, [EntryError(path, message, line, column)], digest)
    result = load_entry_text(path, text)
    result.sha256 = digest
    return result


class Catalogue:
    """The workspace's recipient catalogue, each file read once (again if it changes)."""

    FRESH_SECONDS = 1.0
    """A file checked on disk this recently is not checked again (a run over 10,000
    assessments checks each recipient file about once; the wizard sees an edit at once)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._cache: dict[str, tuple[tuple[int, int], EntryResult, float]] = {}
        self._folder = os.path.join(str(self.root), "data", "recipients")

    @property
    def folder(self) -> Path:
        return self.root / RECIPIENTS_DIR

    def path(self, entry_id: str) -> Path:
        if not _ID_RE.fullmatch(entry_id):
            raise ValueError(f"invalid recipient id {entry_id!r}: use a-z, 0-9 and '-', up to 64")
        return self.folder / f"{entry_id}.toml"

    def relative(self, path: Path) -> str:
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def ids(self) -> list[str]:
        try:
            names = os.listdir(self.folder)
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(name[:-5] for name in names if name.endswith(".toml") and not name.startswith("."))

    def result(self, entry_id: str) -> EntryResult | None:
        """The file of `entry_id` as read (None: there is no such file)."""
        now = time.monotonic()
        cached = self._cache.get(entry_id)
        if cached is not None and now - cached[2] < self.FRESH_SECONDS:
            return cached[1]
        if not _ID_RE.fullmatch(entry_id):
            return None
        name = os.path.join(self._folder, entry_id + ".toml")
        try:
            info = os.stat(name)
        except OSError:
            self._cache.pop(entry_id, None)
            return None
        stamp = (info.st_mtime_ns, info.st_size)
        if cached is not None and cached[0] == stamp:
            self._cache[entry_id] = (stamp, cached[1], now)
            return cached[1]
        loaded = load_entry(Path(name))
        self._cache[entry_id] = (stamp, loaded, now)
        return loaded

    def forget(self, entry_id: str | None = None) -> None:
        """Read `entry_id` (every entry, with None) from disk again: after writing it."""
        if entry_id is None:
            self._cache.clear()
        else:
            self._cache.pop(entry_id, None)

    def __call__(self, entry_id: str) -> RecipientEntry | EntryProblem | None:
        """The lookup resolution uses (xborder.model.recipients.Lookup)."""
        found = self.result(entry_id)
        if found is None:
            return None
        if found.entry is not None:
            return found.entry
        first = found.errors[0] if found.errors else EntryError(found.path, "?")
        where = self.relative(found.path)
        if first.line is not None:
            where += f":{first.line}:{first.column or 1}"
        return EntryProblem(where, first.message)

    def all(self) -> list[EntryResult]:
        out = []
        for entry_id in self.ids():
            found = self.result(entry_id)
            if found is not None:
                out.append(found)
        return out

    def entries(self) -> dict[str, RecipientEntry]:
        return {r.id: r.entry for r in self.all() if r.entry is not None}

    def __getstate__(self) -> dict[str, Any]:  # to worker processes: without the cache
        return {"root": self.root}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["root"])  # type: ignore[misc]


# -- writing ------------------------------------------------------------------------------
_DROP_WHEN_EMPTY = {"notes", "evidence", "countries"}


def entry_document(entry: RecipientEntry) -> dict[str, Any]:
    raw = entry.model_dump(mode="python", exclude_none=True)

    def prune(value: Any) -> Any:
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                item = prune(item)
                if item is None or (isinstance(item, dict) and not item):
                    continue
                if key in _DROP_WHEN_EMPTY and item in ("", []):
                    continue
                out[key] = item
            return out
        return value

    document: dict[str, Any] = prune(raw)
    return document


def dump_entry(entry: RecipientEntry) -> str:
    """Canonical TOML text of a catalogue entry."""
    text = dump_toml(entry_document(entry))
    parse_toml(text)
    return text


def save_entry(path: Path, entry: RecipientEntry) -> str:
    """Write the entry atomically; return the new digest."""
    data = dump_entry(entry).encode("utf-8")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_atomic(Path(path), data)
    return hashlib.sha256(data).hexdigest()


# -- where used ---------------------------------------------------------------------------
def usages(workspace: Any) -> dict[str, list[dict[str, Any]]]:
    """Recipient id -> every transfer naming it: {assessment, file, transfer, country,
    jurisdiction}. Read from the files as they are (a file that does not load still
    names its references)."""
    from xborder.tomlio import TomlError

    found: dict[str, list[dict[str, Any]]] = {}
    for path in workspace.assessment_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if "ref" not in text or text_problem(text) is not None:
            continue
        try:
            raw = parse_toml(text)
        except TomlError:
            continue
        transfers = raw.get("transfers")
        jurisdiction = raw.get("jurisdiction", "az")
        for transfer in transfers if isinstance(transfers, list) else []:
            recipient = transfer.get("recipient") if isinstance(transfer, dict) else None
            ref = recipient.get("ref") if isinstance(recipient, dict) else None
            if isinstance(ref, str):
                found.setdefault(ref, []).append(
                    {
                        "assessment": path.stem,
                        "file": workspace.relative(path),
                        "transfer": str(transfer.get("id", "")),
                        "country": str(transfer.get("country", "")).upper(),
                        "jurisdiction": str(jurisdiction),
                    }
                )
    return found

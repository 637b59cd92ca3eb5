"""Schema migrations: run on the raw document before validation.

MIGRATIONS maps a version N to a function that turns a version-N document into a
version N+1 document (a pure function of a dict; it must not mutate its argument's
nested tables in place, copy what it changes). `migrate` applies them in order up to
SCHEMA_VERSION and refuses documents newer than this xborder ("upgrade xborder").

The loader migrates in memory on every read, so old files keep working; `xborder
migrate` (migrate_file) writes the upgraded, canonical text back, atomically, and only
when the file is still the one that was read.

A future schema_version 2 adds one function:

    @migration(1)
    def _v1_to_v2(doc: Document) -> Document:
        doc = dict(doc)
        ...
        return doc

and raises SCHEMA_VERSION in xborder.model.assessment.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xborder.model.assessment import SCHEMA_VERSION
from xborder.model.text import Msg

if TYPE_CHECKING:
    from xborder.model.assessment import Assessment
    from xborder.model.recipients import Lookup
    from xborder.reference import Reference

Document = dict[str, Any]
Step = Callable[[Document], Document]

MIGRATIONS: dict[int, Step] = {}
"""version -> upgrade to version + 1. Empty: version 1 is the first."""


class MigrationError(ValueError):
    pass


def migration(version: int) -> Callable[[Step], Step]:
    """Register `function` as the step from `version` to `version + 1`."""

    def register(function: Step) -> Step:
        if version in MIGRATIONS:
            raise ValueError(f"a migration from schema_version {version} is already registered")
        MIGRATIONS[version] = function
        return function

    return register


def document_version(raw: Mapping[str, Any]) -> int:
    version = raw.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        raise MigrationError(
            Msg("error.schema_not_int", value=version)
        )
    return version


def migrate(
    raw: Document,
    target: int = SCHEMA_VERSION,
    migrations: Mapping[int, Step] | None = None,
) -> Document:
    """`raw` upgraded to schema_version `target` (the same dict when already there)."""
    steps = MIGRATIONS if migrations is None else migrations
    version = document_version(raw)
    if version > target:
        raise MigrationError(
            Msg("error.schema_too_new", value=version, supported=target)
        )
    while version < target:
        step = steps.get(version)
        if step is None:
            raise MigrationError(
                Msg("error.schema_unsupported", value=version)
            )
        raw = step(dict(raw))
        version += 1
        raw["schema_version"] = version
    return raw


# -- files ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FileMigration:
    """What `migrate_file` did (or, dry, would do) to one file."""

    path: Path
    from_version: int | None
    """None when the file could not be read or parsed."""
    to_version: int
    changed: bool
    """The file was (dry run: would be) rewritten."""
    errors: tuple[str, ...] = ()
    """One-line errors (path:line:col: message); the file is left untouched."""
    text: str | None = None
    """The migrated canonical text (also on a dry run)."""
    covered: tuple[str, ...] = ()
    """Transfers whose notification's coverage was (dry run: would be) filled in from
    git history."""

    @property
    def ok(self) -> bool:
        return not self.errors


def migrate_file(
    path: Path, reference: Reference, *, dry_run: bool = False, recipients: Lookup | None = None
) -> FileMigration:
    """Upgrade one assessment file in place to SCHEMA_VERSION: migrate, validate, write
    the canonical text atomically. Files already current are left byte for byte as they
    are; files that do not load after migrating are left untouched, with their errors."""
    from xborder.store.assessments import (
        ConflictError,
        dump_assessment,
        load_assessment,
        save_assessment,
    )
    from xborder.tomlio import parse_toml

    path = Path(path)
    loaded = load_assessment(path, reference, recipients)  # migrates in memory, validates; never raises
    errors = tuple(str(e) for e in loaded.errors)
    if loaded.assessment is None or loaded.text is None:
        version = None
        if loaded.text is not None:
            with contextlib.suppress(ValueError):  # TomlError, MigrationError
                version = document_version(parse_toml(loaded.text))
        return FileMigration(path, version, SCHEMA_VERSION, False, errors)
    version = document_version(parse_toml(loaded.text))
    assessment, covered = fill_coverage(path, loaded.assessment)
    if version >= SCHEMA_VERSION and not covered:
        return FileMigration(path, version, SCHEMA_VERSION, False)
    text = dump_assessment(assessment)
    if not dry_run:
        try:
            save_assessment(path, assessment, expected_sha256=loaded.sha256)
        except ConflictError as exc:
            return FileMigration(path, version, SCHEMA_VERSION, False, (str(exc),))
        except OSError as exc:
            return FileMigration(path, version, SCHEMA_VERSION, False, (f"{path}: cannot write: {exc.strerror or exc}",))
    return FileMigration(path, version, SCHEMA_VERSION, True, (), text, covered)


def fill_coverage(path: Path, assessment: Assessment) -> tuple[Assessment, tuple[str, ...]]:
    """Fill in what each notification recorded without coverage covered, from the
    file's git history (the transfer as committed on or before the day the notice was
    sent; FORMAT.md amendments). Where no such version exists the notification is left
    as it is (it is then taken to cover the transfer as it stands, with an advice)."""
    from xborder.model.assessment import Coverage
    from xborder.store.git import coverage_from_history

    filled: list[str] = []
    copy = assessment.model_copy(deep=True)
    for transfer in copy.transfers:
        notification = transfer.notification
        if notification is None or notification.sent is None or notification.coverage is not None:
            continue
        found = coverage_from_history(path, transfer.id, notification.sent)
        if found is None:
            continue
        try:
            notification.coverage = Coverage.model_validate(found)
        except ValueError:
            continue
        filled.append(transfer.id)
    return (copy, tuple(filled)) if filled else (assessment, ())

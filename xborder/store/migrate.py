"""Schema migrations: run on the raw document before validation.

MIGRATIONS maps a version N to a function that turns a version-N document into a
version N+1 document. `migrate` applies them in order up to SCHEMA_VERSION and refuses
documents newer than this xborder ("upgrade xborder").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xborder.model.assessment import SCHEMA_VERSION

Document = dict[str, Any]

MIGRATIONS: dict[int, Callable[[Document], Document]] = {}
"""version -> upgrade to version + 1. Empty: version 1 is the first."""


class MigrationError(ValueError):
    pass


def document_version(raw: Document) -> int:
    version = raw.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        raise MigrationError(f"schema_version: expected an integer, got {version!r}")
    return version


def migrate(raw: Document, target: int = SCHEMA_VERSION) -> Document:
    version = document_version(raw)
    if version > target:
        raise MigrationError(
            f"schema_version {version} is newer than this xborder supports ({target}): "
            "upgrade xborder"
        )
    while version < target:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(f"unsupported schema_version {version}")
        raw = step(dict(raw))
        version += 1
        raw["schema_version"] = version
    return raw

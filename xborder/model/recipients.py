"""The recipient catalogue: one file per foreign recipient, data/recipients/<id>.toml,
and how a transfer's `recipient.ref` resolves against it.

An entry holds the same tables as a transfer (`[recipient]`, `[recipient_info]`, built
from the same model classes, so a field added there is a field here), plus the
countries the recipient processes in. A transfer that names an entry takes each value
it does not state itself from the entry: what the transfer states wins. Resolution works
on the parsed document before validation, so rules, reports and the wizard see the
resolved transfer; what was filled in is kept on the transfer (`Transfer._inherited`) so
that saving writes back only what the file itself states. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import Field, PrivateAttr, field_validator

from xborder.model.assessment import (
    ID_PATTERN,
    SCHEMA_VERSION,
    Country,
    Date,
    Recipient,
    RecipientInfo,
    Text,
    Transfer,
    _Model,
)
from xborder.model.text import Msg

_ID_RE = re.compile(ID_PATTERN)

TABLES = ("recipient", "recipient_info")
"""The tables of a transfer a catalogue entry fills in."""

FILE = "file"
"""Provenance of a value the assessment file states itself."""


def catalogue_origin(ref: str) -> str:
    """Provenance of a value taken from the catalogue entry `ref`."""
    return f"catalogue:{ref}"


class RecipientEntry(_Model):
    """One recipient catalogue file: data/recipients/<id>.toml."""

    schema_version: int = SCHEMA_VERSION
    """Version of this file format."""
    id: str
    """[a-z0-9][a-z0-9-]{0,63}, equal to the file stem; transfers name it in recipient.ref."""
    countries: list[Country] = Field(default_factory=list)
    """Countries the recipient processes the data in (ISO 3166-1 alpha-2); a transfer
    naming this entry must go to one of them. Empty: not recorded."""
    notes: Text = ""
    """Free text."""
    recipient: Recipient
    """Who the recipient is: the keys of a transfer's [transfers.recipient]."""
    recipient_info: RecipientInfo | None = None
    """Clause 12.2 information obtained from the recipient: the keys of a transfer's
    [transfers.recipient_info]."""
    earlier_obtained: list[Date] = Field(default_factory=list)
    """The dates of the recipient's earlier replies, kept when a newer one is imported: a
    transfer notified before the newest reply relied on the latest reply obtained on or
    before its notice, and is judged with that date (the information was obtained before
    notifying, as clause 12.2 asks)."""

    @field_validator("schema_version")
    @classmethod
    def _check_version(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise ValueError(Msg("error.schema_too_new", value=value, supported=SCHEMA_VERSION))
        if value < 1:
            raise ValueError(Msg("error.schema_unsupported", value=value))
        return value

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _ID_RE.fullmatch(value):
            raise ValueError(Msg("error.invalid_id", value=value))
        return value

    @field_validator("recipient")
    @classmethod
    def _no_ref(cls, value: Recipient) -> Recipient:
        if value.ref is not None:
            raise ValueError(Msg("error.recipient_entry_ref"))
        return value

    _values: dict[str, dict[str, Any]] = PrivateAttr(default_factory=dict)

    def values(self, table: str) -> dict[str, Any]:
        """The entry's values for a transfer's `table` (only the keys it states).
        Computed once per entry (an entry is read once and never changed in place);
        the caller must not change the dict."""
        found = self._values.get(table)
        if found is not None:
            return found
        model = self.recipient if table == "recipient" else self.recipient_info
        found = {} if model is None else {
            key: value
            for key, value in model.model_dump(mode="python", exclude_none=True).items()
            if value not in ("", [], None)
        }
        self._values[table] = found
        return found


@dataclass(frozen=True)
class EntryProblem:
    """A catalogue file that cannot be used: where (`data/recipients/x.toml:3:1`) and its
    first error (a message that renders in the reader's language)."""

    file: str
    error: str


Lookup = Callable[[str], "RecipientEntry | EntryProblem | None"]
"""Finds a catalogue entry by id: the entry, why its file cannot be used, or None."""


@dataclass
class Resolution:
    """What resolving a document's references did."""

    inherited: dict[int, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """Transfer index -> table -> key -> the value taken from the catalogue."""
    problems: list[tuple[tuple[str | int, ...], str]] = field(default_factory=list)
    """(key path, message): load errors of the references."""


def _obtained_for(transfer: dict[str, Any], latest: Any, earlier: list[dt.date]) -> Any:
    """The reply date a transfer relies on: for a transfer notified before the newest
    reply, the latest reply obtained on or before its notice (if the entry kept one);
    otherwise the newest."""
    notification = transfer.get("notification")
    sent = notification.get("sent") if isinstance(notification, dict) else None
    if isinstance(sent, str):
        try:
            sent = dt.date.fromisoformat(sent)
        except ValueError:
            return latest
    if not isinstance(sent, dt.date) or not isinstance(latest, dt.date) or latest <= sent:
        return latest
    before = [day for day in earlier if day <= sent]
    return max(before) if before else latest


def resolve(raw: dict[str, Any], lookup: Lookup | None) -> Resolution:
    """Fill in, in place, each referring transfer's recipient tables from the catalogue.

    A dangling reference, a broken catalogue file, a transfer to a country the entry does
    not process in, and two transfers of one file to the same entry and country are load
    errors (key path, message)."""
    resolution = Resolution()
    transfers = raw.get("transfers")
    if not isinstance(transfers, list):
        return resolution
    seen: dict[tuple[str, str], int] = {}
    for index, transfer in enumerate(transfers):
        if not isinstance(transfer, dict):
            continue
        recipient = transfer.get("recipient")
        if not isinstance(recipient, dict):
            continue
        ref = recipient.get("ref")
        if not isinstance(ref, str) or not _ID_RE.fullmatch(ref):
            continue  # the model reports a ref that is not an id
        loc: tuple[str | int, ...] = ("transfers", index, "recipient", "ref")
        found = lookup(ref) if lookup is not None else None
        if found is None:
            resolution.problems.append((loc, Msg("error.recipient_unknown", ref=ref)))
            continue
        if isinstance(found, EntryProblem):
            resolution.problems.append(
                (loc, Msg("error.recipient_broken", ref=ref, file=found.file, error=found.error))
            )
            continue
        country = transfer.get("country")
        code = country.strip().upper() if isinstance(country, str) else None
        if code is not None and found.countries and code not in found.countries:
            resolution.problems.append(
                (
                    ("transfers", index, "country"),
                    Msg(
                        "error.recipient_country",
                        ref=ref, country=code, countries=", ".join(found.countries),
                    ),
                )
            )
        if code is not None:
            earlier = seen.get((ref, code))
            if earlier is not None:
                resolution.problems.append(
                    (loc, Msg("error.recipient_duplicate", ref=ref, country=code, other=earlier))
                )
            else:
                seen[(ref, code)] = index
        filled: dict[str, dict[str, Any]] = {}
        for table in TABLES:
            values = found.values(table)
            if not values:
                continue
            own = transfer.get(table)
            if own is None:
                own = {}
            if not isinstance(own, dict):
                continue  # the model reports the wrong type
            taken = {key: list(value) if isinstance(value, list) else value
                     for key, value in values.items() if key not in own}
            if table == "recipient_info" and "obtained" in taken:
                taken["obtained"] = _obtained_for(transfer, taken["obtained"], found.earlier_obtained)
            if taken:
                transfer[table] = {**taken, **own}
                filled[table] = taken
        if filled:
            resolution.inherited[index] = filled
    return resolution


def attach(transfers: list[Transfer], resolution: Resolution) -> None:
    """Record on each validated transfer what the catalogue filled in."""
    for index, filled in resolution.inherited.items():
        if index < len(transfers):
            transfers[index]._inherited = filled


def own_values(transfer: Transfer, table: str, values: dict[str, Any]) -> dict[str, Any]:
    """`values` (the transfer's `table` as dumped) without what the catalogue filled in
    and the transfer has not changed since: what the file itself states."""
    filled = transfer._inherited.get(table)
    if not filled:
        return values
    return {key: value for key, value in values.items() if key not in filled or filled[key] != value}


def sources(transfer: Transfer) -> dict[str, str]:
    """Where each recipient value of the transfer comes from: `recipient.name` ->
    "file" or "catalogue:<id>" (FORMAT-extensions.md, `check --format json`)."""
    out: dict[str, str] = {}
    ref = transfer.recipient.ref
    for table in TABLES:
        model = getattr(transfer, table)
        if model is None:
            continue
        filled = transfer._inherited.get(table, {})
        for key in type(model).model_fields:
            value = getattr(model, key)
            if value is None or value == "" or value == [] or key == "ref":
                continue
            origin = FILE
            if ref is not None and key in filled and filled[key] == value:
                origin = catalogue_origin(ref)
            out[f"{table}.{key}"] = origin
    return out


def from_catalogue(transfer: Transfer, table: str, key: str) -> bool:
    """Whether the transfer's `table`.`key` is the catalogue's value."""
    filled = transfer._inherited.get(table, {})
    return key in filled and filled[key] == getattr(getattr(transfer, table), key, None)


def entries_by_name(entries: Mapping[str, RecipientEntry]) -> dict[tuple[str, str], str]:
    """(name folded, kind) -> entry id, for finding an entry from a typed-in recipient."""
    return {(entry.recipient.name.casefold(), entry.recipient.kind): entry_id for entry_id, entry in entries.items()}

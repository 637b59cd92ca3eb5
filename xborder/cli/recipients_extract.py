"""`xborder recipients extract [--apply]`: propose catalogue entries from the recipients
typed into the assessments, and with --apply write them and the references.

A group is the transfers naming the same recipient (same name, letter case aside, and
kind). Its entry holds only what every transfer of the group states identically, so a
transfer loses nothing and gains nothing: each keeps, in its own file, every value that
differs from the entry. Before anything is written, each changed file is read back with
the new entries and must resolve to exactly the transfer it was; otherwise nothing is
written."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xborder.cli.common import EXIT_INVALID, EXIT_OK, CLIError, out
from xborder.i18n import Texts
from xborder.safe_text import for_terminal


@dataclass
class Group:
    id: str
    name: str
    kind: str
    members: list[tuple[Path, int]] = field(default_factory=list)
    """(assessment file, transfer index)."""
    countries: set[str] = field(default_factory=set)


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60] or "recipient"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _common(values: list[dict[str, Any]]) -> dict[str, Any]:
    """The keys every dict states with the same value."""
    if not values:
        return {}
    first = values[0]
    return {key: value for key, value in first.items() if all(key in other and other[key] == value for other in values[1:])}


def run_extract(workspace: Any, args: argparse.Namespace, lang: str) -> int:
    from xborder.model.recipients import TABLES, RecipientEntry
    from xborder.store.assessments import (
        ConflictError,
        dump_assessment,
        load_assessment_text,
        save_assessment,
    )
    from xborder.store.recipients import save_entry

    words = Texts("cli.recipients.extract", lang)
    catalogue = workspace.recipients
    loaded = {}
    for result in workspace.load_all():
        if result.assessment is not None:
            loaded[result.path] = result
    taken = set(catalogue.ids())
    groups: dict[tuple[str, str], Group] = {}
    for path, result in loaded.items():
        for index, transfer in enumerate(result.assessment.transfers):
            if transfer.recipient.ref is not None:
                continue
            key = (" ".join(transfer.recipient.name.split()).casefold(), transfer.recipient.kind)
            group = groups.get(key)
            if group is None:
                group = groups[key] = Group(_slug(transfer.recipient.name, taken), transfer.recipient.name, transfer.recipient.kind)
            group.members.append((path, index))
            group.countries.add(transfer.country)
    if not groups:
        out(words("nothing"))
        return EXIT_OK
    entries: dict[str, RecipientEntry] = {}
    changed: dict[Path, Any] = {}
    for group in groups.values():
        tables: dict[str, dict[str, Any]] = {}
        for table in TABLES:
            dumps = []
            for path, index in group.members:
                model = getattr(loaded[path].assessment.transfers[index], table)
                dumps.append({} if model is None else model.model_dump(mode="python", exclude_none=True))
            common = {k: v for k, v in _common(dumps).items() if v not in ("", [])}
            if common:
                tables[table] = common
        recipient = tables.get("recipient", {})
        recipient.setdefault("name", group.name)
        recipient.setdefault("kind", group.kind)
        document: dict[str, Any] = {"schema_version": 1, "id": group.id, "countries": sorted(group.countries),
                                    "recipient": recipient}
        if "recipient_info" in tables:
            document["recipient_info"] = tables["recipient_info"]
        entries[group.id] = RecipientEntry.model_validate(document)
        for path, index in group.members:
            assessment = changed.get(path) or loaded[path].assessment.model_copy(deep=True)
            changed[path] = assessment
            transfer = assessment.transfers[index]
            transfer.recipient.ref = group.id
            transfer._inherited = {table: dict(values) for table, values in tables.items()}

    def lookup(entry_id: str) -> Any:
        return entries.get(entry_id) or catalogue(entry_id)

    texts: dict[Path, str] = {}
    for path, assessment in changed.items():
        text = dump_assessment(assessment)
        check = load_assessment_text(path, text, workspace.reference, lookup)
        before = loaded[path].assessment.model_dump()
        after = check.assessment.model_dump() if check.assessment is not None else None
        if after is not None:
            for transfer in after["transfers"]:
                transfer["recipient"]["ref"] = None
        if after != before:
            detail = "; ".join(str(e) for e in check.errors) or "the values differ"
            raise CLIError(words("unsafe", file=for_terminal(workspace.relative(path)), detail=for_terminal(detail)))
        texts[path] = text
    for group in groups.values():
        users = ", ".join(f"{p.stem}/{loaded[p].assessment.transfers[i].id}" for p, i in group.members)
        out(f"{for_terminal(group.id)}  {for_terminal(group.name)}  ({', '.join(sorted(group.countries))}): {for_terminal(users)}")
    out(words.n("plan", len(texts), entries=len(entries)))
    if not args.apply:
        out(words("dry_run"))
        return EXIT_OK
    for entry_id, entry in entries.items():
        save_entry(catalogue.path(entry_id), entry)
    catalogue.forget()
    status = EXIT_OK
    for path in texts:
        try:
            save_assessment(path, changed[path], expected_sha256=loaded[path].sha256)
        except ConflictError:
            out(words("conflict", file=for_terminal(workspace.relative(path))))
            status = EXIT_INVALID
    out(words("applied"))
    return status

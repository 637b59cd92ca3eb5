"""The workspace's register of outgoing letters: data/letters.toml.

Each notice written ready (not a draft) takes an outgoing number: the one given
(`xborder notice --number`), else the one this register proposes — the next sequence
number of the letter's year for its operator, written with `[letters] number_format` of
xborder.toml ("{n}/{year}" by default). The register records it (number, date, operator,
assessment, transfers), so printing the same notice again gives the same number, and the
next notice the next one. The file is small TOML, written atomically; a lawyer may edit
it (to enter a number used outside xborder, for example)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILE = Path("data") / "letters.toml"


class LettersError(Exception):
    """data/letters.toml cannot be read (one line, with the file)."""


@dataclass(frozen=True, slots=True)
class Entry:
    number: str
    date: dt.date
    operator: str
    assessment: str
    transfers: tuple[str, ...]


def path_of(root: Path) -> Path:
    return root / FILE


def load(root: Path) -> list[Entry]:
    from xborder.tomlio import parse_toml

    path = path_of(root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise LettersError(f"{path}: cannot read: {exc}") from None
    try:
        data = parse_toml(text)
        out = []
        for row in data.get("letters", []):
            date = row["date"]
            if not isinstance(date, dt.date) or not isinstance(row["number"], str):
                raise TypeError("number must be text and date a date")
            out.append(
                Entry(
                    number=row["number"],
                    date=date,
                    operator=str(row.get("operator", "")),
                    assessment=str(row.get("assessment", "")),
                    transfers=tuple(str(x) for x in row.get("transfers", [])),
                )
            )
        return out
    except Exception as exc:  # a malformed register: one line naming the file
        raise LettersError(f"{path}: not a register of letters: {exc}") from None


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def find(entries: Sequence[Entry], assessment: str, transfers: Sequence[str]) -> Entry | None:
    """The letter already numbered for this assessment and these transfers (the latest)."""
    wanted = tuple(sorted(transfers))
    for entry in reversed(entries):
        if entry.assessment == assessment and tuple(sorted(entry.transfers)) == wanted:
            return entry
    return None


def propose(entries: Sequence[Entry], operator: str, year: int, number_format: str) -> str:
    """The next outgoing number of `operator` in `year`: one more than the highest
    sequence number recorded for them that year (the first number of a "{n}/{year}"-like
    entry), written with `number_format`."""
    highest = 0
    for entry in entries:
        if entry.date.year != year or not _same(entry.operator, operator):
            continue
        match = re.search(r"\d+", entry.number)
        if match:
            highest = max(highest, int(match.group(0)))
    return number_format.replace("{n}", str(highest + 1)).replace("{year}", str(year))


def record(root: Path, entries: Sequence[Entry], entry: Entry) -> None:
    """Add `entry` to the register (atomically), unless it is there already."""
    from xborder.store.atomic import write_atomic
    from xborder.tomlio import dump_toml

    if entry in entries:
        return
    rows: list[dict[str, Any]] = [
        {
            "number": e.number,
            "date": e.date,
            "operator": e.operator,
            "assessment": e.assessment,
            "transfers": list(e.transfers),
        }
        for e in [*entries, entry]
    ]
    head = "# Outgoing letters written by `xborder notice` (see docs/REPORTS.md). Edit with care.\n"
    write_atomic(path_of(root), (head + dump_toml({"letters": rows})).encode("utf-8"))

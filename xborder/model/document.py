"""The document model: what a printable document says, independent of its format.

A document is a title and a flat sequence of blocks; the builders in
`xborder.report.build` make one from the assessment and its evaluation (pure
functions), and the renderers (Markdown, HTML, typst -> PDF) only lay it out. Every
string in a document is plain text (user text included): each renderer escapes it for
its own format, so the same facts appear in every format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Tone = Literal["permitted", "pending", "incomplete", "blocked", "invalid", ""]


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1
    badge: str = ""
    """A short label shown next to the heading (e.g. the verdict)."""
    tone: str = ""
    """How to colour the badge: a verdict key, or ""."""
    type: str = "heading"


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    style: Literal["body", "small", "lead", "address"] = "body"
    type: str = "paragraph"


@dataclass(frozen=True, slots=True)
class Fields:
    """Label: value rows (a two-column table without a header)."""

    rows: tuple[tuple[str, str], ...]
    type: str = "fields"


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    """Relative column widths (fractions of the text width)."""
    tone_column: int = -1
    """The column whose cells are coloured by `tones` (-1: none)."""
    tones: tuple[str, ...] = ()
    """One tone (verdict key) per row."""
    small: bool = False
    type: str = "table"


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]
    type: str = "bullets"


@dataclass(frozen=True, slots=True)
class FindingItem:
    severity: str
    severity_label: str
    rule: str
    citation: str
    message: str
    fix: str = ""


@dataclass(frozen=True, slots=True)
class SinceNotified:
    """What changed in the assessment since the authority was last notified (from git):
    the version committed on or before that day compared with the file reported on."""

    sent: dt.date
    """The latest notification.sent of the assessment's transfers."""
    commit: str
    """The commit compared with (short hash)."""
    commit_date: dt.date
    changes: tuple[str, ...]
    """One line per change; () when nothing changed."""


@dataclass(frozen=True, slots=True)
class Findings:
    items: tuple[FindingItem, ...]
    fix_label: str = ""
    empty: str = ""
    """Shown when there are no items."""
    type: str = "findings"


@dataclass(frozen=True, slots=True)
class Callout:
    """A framed paragraph with a list (e.g. what a draft notice still lacks)."""

    text: str
    items: tuple[str, ...] = ()
    tone: str = "blocked"
    type: str = "callout"


@dataclass(frozen=True, slots=True)
class Signatures:
    """Signature lines: (role, name) with room for the date and the signature."""

    people: tuple[tuple[str, str], ...]
    date_label: str
    signature_label: str
    date: str = ""
    name_label: str = ""
    note: str = ""
    """A small print line kept with the signatures (e.g. how the document was made)."""
    type: str = "signatures"


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The head of an official letter: the sender's block (name, then its details), the
    outgoing number and date on the left, the addressee (in the dative) on the right."""

    sender: str
    details: tuple[str, ...]
    number: str
    """The outgoing number as printed ("№ 3/2026"), or a blank line for a draft."""
    date: str
    """The letter's date as printed ("05.11.2026")."""
    addressee: str
    address: str = ""
    subject: str = ""
    salutation: str = ""
    type: str = "letterhead"


@dataclass(frozen=True, slots=True)
class Closing:
    """The end of a letter, kept on one page with its last paragraph: the text, the
    enclosures, the complimentary close, the signatory (position, name, signature line)
    and the place of the seal."""

    text: str
    enclosures_label: str
    enclosures: tuple[str, ...]
    regards: str
    position: str
    name: str
    signature_label: str
    seal: str
    type: str = "closing"


@dataclass(frozen=True, slots=True)
class PageBreak:
    type: str = "pagebreak"


Block = (
    Heading | Paragraph | Fields | Table | Bullets | Findings | Callout | Signatures | Letterhead | Closing | PageBreak
)


@dataclass(frozen=True, slots=True)
class Document:
    kind: str
    """report | notice | register | statement"""
    lang: str
    title: str
    subtitle: str
    header_left: str
    """Running header, left: the operator."""
    header_right: str
    """Running header, right: the assessment id (or the document's name)."""
    date: dt.date
    """The document's date (the as-of date): the PDF's creation date."""
    author: str
    """PDF metadata: the operator."""
    keywords: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    landscape: bool = False
    draft: str = ""
    """A visible DRAFT mark when not empty."""
    page_label: str = "Page"
    of_label: str = "of"
    footer: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    """Verdict key -> label (for legends and badges)."""
    letter: bool = False
    """An official letter: no title block (its Letterhead carries the subject) and no
    running header."""
    watermark: str = ""
    """Set by the PDF renderer: the draft mark as an SVG picture (outlines, no text)."""

    def to_json(self) -> dict[str, Any]:
        """A plain JSON-able dict (the typst template's input)."""
        data = asdict(self)
        data["date"] = self.date.isoformat()
        return data

    def text(self) -> str:
        """Every string of the document in reading order (for tests and search)."""
        parts: list[str] = [self.title, self.subtitle, self.header_left, self.header_right]
        for block in self.blocks:
            parts.extend(_strings(asdict(block)))
        return "\n".join(p for p in parts if p)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("type", "tone", "tones", "style") for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return []

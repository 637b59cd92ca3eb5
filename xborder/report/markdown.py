"""Document -> Markdown (CommonMark + GFM tables). Every string is escaped: user text
can never become markup, a link, an image or HTML."""

from __future__ import annotations

import re

from xborder.model.document import (
    Block,
    Bullets,
    Callout,
    Closing,
    Document,
    Fields,
    Findings,
    Heading,
    Letterhead,
    PageBreak,
    Paragraph,
    Signatures,
    Table,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$&])")
_LINE_START = re.compile(r"^(\s*)([-=>])")
_ORDERED = re.compile(r"^(\s*\d{1,9})([.)])")


def escape(text: str) -> str:
    """Escape `text` for inline Markdown (one line; line breaks become spaces)."""
    text = " ".join(line.strip() for line in text.replace("\r", "").split("\n"))
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _lines(text: str, indent: str = "") -> str:
    """Escape a value that may hold several lines (kept as hard line breaks)."""
    return ("\\\n" + indent).join(escape(line) for line in text.split("\n"))


def _cell(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n")) or " "


def render(doc: Document) -> str:
    out: list[str] = []
    if doc.draft:
        out.append(f"> **{escape(doc.draft)}**\n")
    if doc.subtitle and not doc.letter:
        out.append(f"*{escape(doc.subtitle)}*\n")
    if not doc.letter:
        out.append(f"# {escape(doc.title)}\n")
    for block in doc.blocks:
        text = _block(block, doc)
        if text:
            out.append(text)
    return "\n".join(out).rstrip("\n") + "\n"


def _block(block: Block, doc: Document) -> str:
    if isinstance(block, Heading):
        level = min(block.level + 1, 6)
        badge = f" — **{escape(block.badge)}**" if block.badge else ""
        return f"{'#' * level} {escape(block.text)}{badge}\n"
    if isinstance(block, Paragraph):
        text = _lines(block.text)
        if block.style == "small":
            return f"*{text}*\n"
        return text + "\n"
    if isinstance(block, Fields):
        rows = [
            f"- **{escape(label)}:** {_lines(value, '  ')}" if label else f"- {_lines(value, '  ')}"
            for label, value in block.rows
        ]
        return "\n".join(rows) + "\n"
    if isinstance(block, Table):
        head = "| " + " | ".join(escape(c) for c in block.columns) + " |"
        rule = "|" + "|".join("---" for _ in block.columns) + "|"
        rows = []
        for row in block.rows:
            cells = [_cell(c) for c in row]
            if 0 <= block.tone_column < len(cells) and block.tones:
                cells[block.tone_column] = f"**{cells[block.tone_column]}**"
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join([head, rule, *rows]) + "\n"
    if isinstance(block, Bullets):
        return "\n".join(f"- {escape(item)}" for item in block.items) + "\n"
    if isinstance(block, Findings):
        if not block.items:
            return f"{escape(block.empty)}\n"
        lines = []
        for f in block.items:
            cite = f" ({escape(f.citation)})" if f.citation else ""
            lines.append(f"- **{escape(f.severity_label)}** · {escape(f.rule)}{cite}: {escape(f.message)}")
            if f.fix:
                lines.append(f"  *{escape(block.fix_label)}:* {escape(f.fix)}")
        return "\n".join(lines) + "\n"
    if isinstance(block, Callout):
        lines = [f"> **{escape(block.text)}**", ">"]
        lines += [f"> - {escape(item)}" for item in block.items]
        return "\n".join(lines) + "\n"
    if isinstance(block, Signatures):
        rows = [
            f"| {_cell(role)} | {_cell(name)} | {escape(block.date)} |  |" for role, name in block.people
        ]
        head = f"|  | {escape(block.name_label)} | {escape(block.date_label)} | {escape(block.signature_label)} |"
        note = f"\n*{_lines(block.note)}*\n" if block.note else ""
        return "\n".join([head, "|---|---|---|---|", *rows]) + "\n" + note
    if isinstance(block, Letterhead):
        lines = [f"**{escape(block.sender)}**  ", " · ".join(escape(d) for d in block.details), ""]
        lines += [f"{escape(block.number)}  ", escape(block.date), ""]
        lines += [f"**{escape(block.addressee)}**" + (f"  \n{_lines(block.address)}" if block.address else ""), ""]
        lines.append(f"# {escape(block.subject)}")
        if block.salutation:
            lines += ["", _lines(block.salutation)]
        return "\n".join(lines) + "\n"
    if isinstance(block, Closing):
        lines = [_lines(block.text), ""]
        if block.enclosures:
            lines.append(f"**{escape(block.enclosures_label)}**  ")
            lines.append("  \n".join(escape(e) for e in block.enclosures))
            lines.append("")
        lines += [escape(block.regards), ""]
        lines += [f"{_lines(block.position)}  ", f"\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ ({escape(block.signature_label)})  ", escape(block.name), ""]
        if block.seal:
            lines.append(f"**{escape(block.seal)}**")
        return "\n".join(lines) + "\n"
    if isinstance(block, PageBreak):
        return ""
    raise TypeError(f"unknown block {block!r}")

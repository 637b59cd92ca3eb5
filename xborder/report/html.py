"""Document -> one self-contained HTML file: inline CSS with a print stylesheet (A4,
running header, page numbers where the browser supports CSS paged media), no scripts,
no external resources. Every string is escaped."""

from __future__ import annotations

from html import escape as _escape

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


def escape(text: str) -> str:
    return _escape(text, quote=True)


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


_CSS = """
:root { --ink:#1b1f24; --muted:#5b6470; --rule:#c9ced6; --head:#eef1f5;
  --permitted:#1d6b35; --pending:#8a5a00; --incomplete:#6b3fa0; --blocked:#b3261e; --invalid:#b3261e; }
* { box-sizing: border-box; }
html { font-family: "Libertinus Serif", "Linux Libertine O", "Noto Serif", "DejaVu Serif", "Times New Roman", serif;
  font-size: 11pt; line-height: 1.35; color: var(--ink); }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; overflow-wrap: anywhere; }
body.landscape { max-width: 84rem; }
header.running { display: flex; justify-content: space-between; color: var(--muted);
  font-size: 8.5pt; border-bottom: 0.5pt solid var(--rule); padding-bottom: 2pt; margin-bottom: 1rem; }
.subtitle { color: var(--muted); font-size: 10pt; font-weight: bold; margin: 0; }
h1.title { font-size: 20pt; margin: .2rem 0 1rem; line-height: 1.15; }
h2 { font-size: 14pt; margin: 1.4rem 0 .5rem; border-bottom: 0.75pt solid var(--rule); padding-bottom: 2pt; }
h3 { font-size: 12pt; margin: 1.1rem 0 .4rem; break-after: avoid; }
h4 { font-size: 10.5pt; margin: .8rem 0 .3rem; color: var(--muted); break-after: avoid; }
h2, h3 { break-after: avoid; }
.badge { display: inline-block; font-size: 8.5pt; font-weight: bold; padding: 1pt 5pt; border-radius: 3pt;
  border: 0.75pt solid currentColor; margin-left: .4rem; vertical-align: middle; }
.tone-permitted { color: var(--permitted); } .tone-pending { color: var(--pending); }
.tone-incomplete { color: var(--incomplete); } .tone-blocked { color: var(--blocked); }
.tone-invalid { color: var(--invalid); }
td.tone-permitted, td.tone-pending, td.tone-incomplete, td.tone-blocked, td.tone-invalid { font-weight: bold;
  overflow-wrap: normal; word-break: normal; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .3rem 0 .8rem; }
th, td { text-align: left; vertical-align: top; padding: 3pt 5pt; border-bottom: 0.5pt solid var(--rule);
  overflow-wrap: anywhere; word-break: break-word; }
th { background: var(--head); font-size: 9pt; }
table.small { font-size: 8.5pt; }
table.fields th { background: none; width: 34%; font-weight: normal; color: var(--muted); font-size: 10pt; }
tr { break-inside: avoid; }
p.lead { font-size: 11.5pt; }
p.small { font-size: 8.5pt; color: var(--muted); margin-top: 1.5rem; }
ul.findings { list-style: none; padding-left: 0; }
ul.findings li { margin: 0 0 .45rem; padding-left: .6rem; border-left: 2pt solid var(--rule); break-inside: avoid; }
ul.findings li.blocker { border-color: var(--blocked); } ul.findings li.missing { border-color: var(--incomplete); }
ul.findings li.pending { border-color: var(--pending); }
.sev { font-weight: bold; } .rule { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
.fix { display: block; color: var(--muted); font-size: 9.5pt; }
.callout { border: 1.5pt solid var(--blocked); padding: .5rem .8rem; margin: .5rem 0 1rem; }
.callout p { margin: 0 0 .3rem; font-weight: bold; color: var(--blocked); }
.draft-mark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 84pt; white-space: nowrap;
  font-weight: bold; color: rgba(179, 38, 30, .13); transform: rotate(-30deg); pointer-events: none; z-index: 10; }
div.signatures { break-inside: avoid; }
table.signatures { border-collapse: separate; border-spacing: 10pt 0; margin-left: -10pt; width: calc(100% + 20pt); }
table.signatures th { background: none; color: var(--muted); font-weight: normal; border-bottom: none; }
table.signatures td { height: 2.4rem; vertical-align: bottom; border-bottom: none; }
table.signatures td.line { border-bottom: 0.75pt solid var(--ink); }
.mono { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
div.letterhead .sender { text-align: center; font-size: 14pt; font-weight: bold; margin: 0; }
div.letterhead .details { text-align: center; font-size: 8.5pt; color: var(--muted); margin: 0 0 0.3rem; border-bottom: 0.8pt solid var(--ink); padding-bottom: 0.3rem; }
div.letterhead .refs { display: flex; gap: 2rem; margin-top: 0.8rem; }
div.letterhead .refs > div { flex: 1; }
div.letterhead .addressee { font-weight: bold; }
div.letterhead .subject, div.letterhead .salutation { text-align: center; }
div.letterhead .subject { font-weight: bold; margin-top: 1.2rem; }
div.closing { break-inside: avoid; margin-top: 1.2rem; }
div.closing .sign { display: flex; gap: 1rem; align-items: flex-end; margin-top: 1.6rem; }
div.closing .sign > span { flex: 1; }
div.closing .sign .line { border-bottom: 0.75pt solid var(--ink); height: 2rem; }
div.closing .sign .name { text-align: right; }
div.closing .seal { font-weight: bold; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  header.running { display: none; }
  .draft-mark { position: fixed; }
  a { color: inherit; text-decoration: none; }
}
"""


def _css_string(text: str) -> str:
    """A CSS string literal holding `text` (escaped: quotes, backslashes, newlines)."""
    out = []
    for ch in text:
        if ch in "\"\\" or ord(ch) < 0x20 or ch in "<>&":
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def render(doc: Document) -> str:
    lang = "az" if doc.lang == "az" else "en"
    size = "A4 landscape" if doc.landscape else "A4"
    muted = "font-size: 8.5pt; color: #5b6470;"
    page_vars = (
        f"@page {{ size: {size}; margin: 20mm 16mm 18mm 16mm; "
        f"@top-left {{ content: {_css_string(doc.header_left)}; {muted} }} "
        f"@top-right {{ content: {_css_string(doc.header_right)}; {muted} }} "
        f"@bottom-right {{ content: {_css_string(doc.page_label)} \" \" counter(page) \" \" "
        f"{_css_string(doc.of_label)} \" \" counter(pages); {muted} }} }}"
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="author" content="{escape(doc.author)}">',
        f'<meta name="keywords" content="{escape(", ".join(doc.keywords))}">',
        f'<meta name="date" content="{doc.date.isoformat()}">',
        f"<title>{escape(doc.title)} — {escape(doc.header_right)}</title>",
        f"<style>{_CSS}{page_vars}</style>",
        "</head>",
        f'<body class="{doc.kind}{" landscape" if doc.landscape else ""}">',
        ""
        if doc.letter
        else f'<header class="running"><span>{escape(doc.header_left)}</span><span>{escape(doc.header_right)}</span></header>',
    ]
    if doc.draft:
        parts.append(f'<div class="draft-mark" aria-hidden="true">{escape(doc.draft)}</div>')
    if doc.subtitle and not doc.letter:
        parts.append(f'<p class="subtitle">{escape(doc.subtitle)}</p>')
    if not doc.letter:
        parts.append(f'<h1 class="title">{escape(doc.title)}</h1>')
    parts.append("<main>")
    for block in doc.blocks:
        parts.append(_block(block, doc.landscape))
    parts.append("</main>")
    parts.append("</body>")
    parts.append("</html>")
    return "\n".join(p for p in parts if p) + "\n"


def _tone(tone: str) -> str:
    return f"tone-{tone}" if tone in ("permitted", "pending", "incomplete", "blocked", "invalid") else ""


def _block(block: Block, landscape: bool = False) -> str:
    if isinstance(block, Heading):
        level = min(block.level + 1, 6)
        badge = f' <span class="badge {_tone(block.tone)}">{escape(block.badge)}</span>' if block.badge else ""
        return f"<h{level}>{escape(block.text)}{badge}</h{level}>"
    if isinstance(block, Paragraph):
        return f'<p class="{block.style}">{_lines(block.text)}</p>'
    if isinstance(block, Fields):
        rows = "".join(
            f'<tr><th scope="row">{escape(label)}</th><td>{_lines(value)}</td></tr>' for label, value in block.rows
        )
        return f'<table class="fields"><tbody>{rows}</tbody></table>'
    if isinstance(block, Table):
        widths = list(block.widths)
        if 0 <= block.tone_column < len(widths):
            # room for the longest verdict label, a word that must not wrap ("Gözləmədədir")
            floor = sum(widths) * (0.14 if not landscape else 0.095)
            widths[block.tone_column] = max(widths[block.tone_column], floor)
        total = sum(widths) or 1.0
        cols = "".join(f'<col style="width:{w / total * 100:.2f}%">' for w in widths)
        head = "".join(f'<th scope="col">{escape(c)}</th>' for c in block.columns)
        body = []
        for r, row in enumerate(block.rows):
            cells = []
            for c, cell in enumerate(row):
                tone = _tone(block.tones[r]) if c == block.tone_column and r < len(block.tones) else ""
                cls = f' class="{tone}"' if tone else ""
                cells.append(f"<td{cls}>{_lines(cell)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        small = ' class="small"' if block.small else ""
        return f"<table{small}><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_lines(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Findings):
        if not block.items:
            return f"<p>{escape(block.empty)}</p>"
        items = []
        for f in block.items:
            cite = f" ({escape(f.citation)})" if f.citation else ""
            fix = f'<span class="fix">{escape(block.fix_label)}: {escape(f.fix)}</span>' if f.fix else ""
            items.append(
                f'<li class="{escape(f.severity)}"><span class="sev">{escape(f.severity_label)}</span> · '
                f'<span class="rule">{escape(f.rule)}</span>{cite}: {escape(f.message)}{fix}</li>'
            )
        return '<ul class="findings">' + "".join(items) + "</ul>"
    if isinstance(block, Callout):
        listed = "".join(f"<li>{_lines(item)}</li>" for item in block.items)
        return f'<div class="callout"><p>{escape(block.text)}</p><ul>{listed}</ul></div>'
    if isinstance(block, Signatures):
        head = (
            f"<tr><th></th><th>{escape(block.name_label)}</th><th>{escape(block.date_label)}</th>"
            f"<th>{escape(block.signature_label)}</th></tr>"
        )
        rows = "".join(
            f'<tr><td>{escape(role)}</td><td class="line">{escape(name)}</td>'
            f'<td class="line">{escape(block.date)}</td><td class="line"></td></tr>'
            for role, name in block.people
        )
        note = f'<p class="small">{_lines(block.note)}</p>' if block.note else ""
        return (
            '<div class="signatures"><table class="signatures"><colgroup><col style="width:24%"><col style="width:32%">'
            f'<col style="width:20%"><col style="width:24%"></colgroup><thead>{head}</thead><tbody>{rows}</tbody></table>'
            f"{note}</div>"
        )
    if isinstance(block, Letterhead):
        address = f"<br>{_lines(block.address)}" if block.address else ""
        salutation = f'<p class="salutation">{_lines(block.salutation)}</p>' if block.salutation else ""
        return (
            f'<div class="letterhead"><p class="sender">{_lines(block.sender)}</p>'
            f'<p class="details">{" · ".join(_lines(d) for d in block.details)}</p>'
            f'<div class="refs"><div>{_lines(block.number)}<br>{_lines(block.date)}</div>'
            f'<div><span class="addressee">{_lines(block.addressee)}</span>{address}</div></div>'
            f'<h1 class="subject">{_lines(block.subject)}</h1>{salutation}</div>'
        )
    if isinstance(block, Closing):
        enclosures = (
            f'<p><b>{escape(block.enclosures_label)}</b><br>{"<br>".join(_lines(e) for e in block.enclosures)}</p>'
            if block.enclosures
            else ""
        )
        seal = f'<p class="seal">{_lines(block.seal)}</p>' if block.seal else ""
        return (
            f'<div class="closing"><p>{_lines(block.text)}</p>{enclosures}<p>{_lines(block.regards)}</p>'
            f'<div class="sign"><span>{_lines(block.position)}</span><span class="line"></span>'
            f'<span class="name">{_lines(block.name)}</span></div>{seal}</div>'
        )
    if isinstance(block, PageBreak):
        return '<div style="break-after: page"></div>'
    raise TypeError(f"unknown block {block!r}")

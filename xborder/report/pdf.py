"""Document -> PDF with typst (the `typst` wheel; imported only here, on first use).

The template (templates/document.typ) is fixed; the document reaches it only as JSON in
`sys.inputs`, so user text is data and can never be read as typst markup or code. Only
the fonts embedded in the wheel are used (system fonts are ignored), and the PDF's
creation date is the document's date: the same document gives the same bytes on any
machine. Every PDF is PDF/A-2b.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from xborder.model.document import Document

TEMPLATE = Path(__file__).parent / "templates" / "document.typ"
WATERMARK = Path(__file__).parent / "templates" / "watermark.typ"

_ZWSP = "\u200b"
_LONG = re.compile(r"\S{21,}")
_SOFT_AFTER = set("/\\_-.@,;:=&?+|)]}")


def _breakable_word(word: str) -> str:
    """Allow line breaks inside a long unbroken word: after URL/path punctuation, and
    every 16 characters where there is none (typst would otherwise run past the margin)."""
    out: list[str] = []
    run = 0
    for i, ch in enumerate(word):
        out.append(ch)
        run += 1
        last = i == len(word) - 1
        if last:
            break
        if ch in _SOFT_AFTER or run >= 16:
            out.append(_ZWSP)
            run = 0
    return "".join(out)


def breakable(text: str) -> str:
    return _LONG.sub(lambda m: _breakable_word(m.group(0)), text)


def _prepare(value: Any, key: str = "") -> Any:
    if isinstance(value, str):
        if key in ("type", "tone", "style", "lang", "date", "kind", "severity", "watermark"):
            return value
        return breakable(value)
    if isinstance(value, dict):
        return {k: _prepare(v, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_prepare(v, key if key in ("tones",) else "") for v in value]
    return value


def document_json(doc: Document) -> str:
    data = _prepare(doc.to_json())
    data["watermark"] = watermark_svg(doc.draft) if doc.draft else ""
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


@cache
def watermark_svg(text: str) -> str:
    """The draft mark as SVG outlines (typst's SVG export draws glyphs as paths): drawn
    in the page background, it is seen but is not in the PDF's text layer."""
    import typst

    compiler = typst.Compiler(
        str(WATERMARK),
        root=str(WATERMARK.parent),
        font_paths=typst.Fonts(include_system_fonts=False, include_embedded_fonts=True),
        ignore_system_fonts=True,
    )
    svg = compiler.compile(format="svg", sys_inputs={"text": text})
    assert isinstance(svg, bytes)
    return svg.decode("utf-8")


@cache
def _compiler() -> Any:
    import typst

    return typst.Compiler(
        str(TEMPLATE),
        root=str(TEMPLATE.parent),
        font_paths=typst.Fonts(include_system_fonts=False, include_embedded_fonts=True),
        ignore_system_fonts=True,
    )


class RenderError(Exception):
    """typst could not compile the document (a bug in xborder, never in user data)."""


def render(doc: Document) -> bytes:
    stamp = dt.datetime.combine(doc.date, dt.time(12, 0), tzinfo=dt.UTC)
    try:
        pdf = _compiler().compile(
            format="pdf",
            sys_inputs={"doc": document_json(doc)},
            timestamp=stamp,
            # PDF/A-2b: the archival PDF authorities and courts keep (fonts embedded,
            # metadata in XMP); the same bytes for the same document all the same
            pdf_standards=["a-2b"],
        )
    except Exception as exc:  # typst.TypstError; typst is imported lazily
        message = getattr(exc, "message", None) or str(exc)
        raise RenderError(f"typst could not render the {doc.kind} ({doc.header_right}): {message}") from None
    assert isinstance(pdf, bytes)
    return pdf

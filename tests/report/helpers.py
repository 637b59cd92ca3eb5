"""Constants and document builders shared by the report tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 22)

LONG_WORD = "Zq" + "q" * 296 + "Z"
RTL = "שלום مرحبا"
HOSTILE = {
    "script": "<script>alert('x')</script>",
    "typst_code": '#read("/etc/passwd")',
    "typst_markup": "*bold* _it_ $x^2$ ] [ \\ `raw` <label> @ref = Heading",
    "markdown": "[link](http://evil.example) ![img](x.png) | pipe | # head\n- item",
    "html_entity": "&amp; &lt;b&gt; \"quoted\" 'single'",
}


def ready_doc(assessment_doc: Callable[..., Any], transfer_doc: Callable[..., Any]) -> dict[str, Any]:
    """Ready to be notified as of AS_OF: everything recorded, notice not yet sent."""
    return assessment_doc(
        transfer_doc(
            id="hosting",
            country="DE",
            start=dt.date(2027, 3, 1),
            recipient={
                "name": "Hetzner Online GmbH",
                "kind": "legal_entity",
                "role": "processor",
                "address": "Industriestr. 25, 91710 Gunzenhausen",
                "contact": "dpo@hetzner.example",
            },
            recipient_info={
                "obtained": dt.date(2026, 11, 2),
                "measures": "ISO/IEC 27001; şifrələmə",
                "termination": "Silinmə 30 gün ərzində",
            },
            notification=None,
        ),
        id="ready",
        title="Serverlərin icarəsi: Almaniya",
        operator={
            "name": "Şəki İpək ASC",
            "tin": "1700123451",
            "address": "AZ5500, Şəki şəhəri, M.F.Axundzadə prospekti 1",
            "contact": "mexfilik@seki-ipek.example",
            "responsible": "Günay Əliyeva",
            "signatory_name": "Rauf Məmmədov",
            "signatory_position": "İdarə Heyətinin sədri",
            "intent_notice_number": "2025/0815",
            "intent_notice_date": dt.date(2025, 6, 2),
        },
        assessor="Ülviyyə Həsənova",
    )


def hostile_doc(assessment_doc: Callable[..., Any], transfer_doc: Callable[..., Any]) -> dict[str, Any]:
    return assessment_doc(
        transfer_doc(
            id="evil",
            country="us",
            ground="consent",
            consent={"written": True, "reference": HOSTILE["typst_markup"]},
            recipient={
                "name": HOSTILE["script"],
                "kind": "legal_entity",
                "address": HOSTILE["typst_code"],
                "contact": LONG_WORD,
            },
            notes=HOSTILE["markdown"] + "\n" + RTL,
        ),
        id="hostile",
        title=HOSTILE["html_entity"],
        operator={"name": HOSTILE["typst_code"], "address": HOSTILE["script"]},
        processing={
            "purposes": [HOSTILE["typst_markup"], HOSTILE["markdown"], RTL],
            "subjects": [LONG_WORD],
            "data": ["identity", "contact"],
            "special": ["health"],
        },
        notes=HOSTILE["markdown"],
    )


def pdf_text(data: bytes) -> str:
    """The text of a PDF (pypdf), with the zero-width break opportunities removed and
    whitespace normalised."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.replace("\u200b", "").split())

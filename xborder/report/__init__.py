"""Printable documents: the assessment report, the notice to the authority (clause
12.1), the register of transfers and the statement for a data subject (001 §8.1).

    document model (model.py)  <- builders (build.py, pure)  <- generate.py (I/O)
                               -> renderers: markdown.py, html.py, pdf.py (typst)

typst is imported only when a PDF is rendered.
"""

from xborder.report.generate import (
    FORMATS,
    LANGS,
    REGISTER_FORMATS,
    NotReadyError,
    ReportError,
    generate,
    notice,
    register,
    statement,
)

__all__ = [
    "FORMATS",
    "LANGS",
    "REGISTER_FORMATS",
    "NotReadyError",
    "ReportError",
    "generate",
    "notice",
    "register",
    "statement",
]

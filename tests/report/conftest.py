"""Fixtures of the report tests: one copy of the example workspace per session with two
extra assessments (one ready to be notified, one full of hostile strings), and the
documents built from it, compiled once and shared."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .helpers import AS_OF, ROOT, hostile_doc, ready_doc


@pytest.fixture(scope="session")
def ws_root(
    tmp_path_factory: pytest.TempPathFactory,
    make_doc: Callable[..., Any],
    make_transfer: Callable[..., Any],
    write: Callable[..., Path],
) -> Path:
    root = tmp_path_factory.mktemp("reports") / "ws"
    (root / "data").mkdir(parents=True)
    shutil.copy2(ROOT / "xborder.toml", root / "xborder.toml")
    shutil.copytree(ROOT / "data" / "assessments", root / "data" / "assessments")
    write(root, ready_doc(make_doc, make_transfer))
    write(root, hostile_doc(make_doc, make_transfer))
    return root


@pytest.fixture(scope="session")
def ws(ws_root: Path) -> Any:
    from xborder.store import open_workspace

    return open_workspace(ws_root, search=False)


@pytest.fixture(scope="session")
def docs(ws: Any) -> Callable[[str, str], Any]:
    """docs(id, lang) -> the report Document of an assessment, as of AS_OF (cached)."""
    from xborder.report.build import build_report
    from xborder.report.generate import provenance
    from xborder.rules import evaluate

    cache: dict[tuple[str, str], Any] = {}

    def get(ident: str, lang: str) -> Any:
        if (ident, lang) not in cache:
            result = ws.load(ws.assessment_path(ident))
            assert result.assessment is not None, result.errors
            ev = evaluate(result.assessment, ws.reference, AS_OF)
            cache[ident, lang] = build_report(result.assessment, ev, ws.settings, ws.reference, provenance(ws, result, None), lang)
        return cache[ident, lang]

    return get


@pytest.fixture(scope="session")
def pdfs(docs: Callable[[str, str], Any]) -> Callable[[str, str], bytes]:
    """pdfs(id, lang) -> the compiled report PDF (cached)."""
    from xborder.report import pdf

    cache: dict[tuple[str, str], bytes] = {}

    def get(ident: str, lang: str) -> bytes:
        if (ident, lang) not in cache:
            cache[ident, lang] = pdf.render(docs(ident, lang))
        return cache[ident, lang]

    return get

"""The list's row index: unchanged files are not evaluated again between runs, and
anything a row depends on (the file's bytes, the as-of date, the reference data and
settings, xborder's code) makes it evaluate the file again."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from xborder.store import open_workspace
from xborder.tui import portfolio
from xborder.tui.portfolio import RowIndex, load_rows

AS_OF = dt.date(2026, 11, 22)


def _rows(root: Path, as_of: dt.date = AS_OF) -> tuple[dict[str, tuple], list[str]]:
    """(id -> row fields, ids evaluated afresh) of one run with the index."""
    workspace = open_workspace(root, search=False)
    index = RowIndex(workspace, as_of)
    evaluated: list[str] = []
    real = portfolio.load_row

    def counting(ws, path, on):  # type: ignore[no-untyped-def]
        evaluated.append(path.stem)
        return real(ws, path, on)

    portfolio.load_row = counting  # type: ignore[assignment]
    try:
        rows = [row for batch in load_rows(workspace, as_of, index=index) for row in batch]
    finally:
        portfolio.load_row = real  # type: ignore[assignment]
    index.save(row.path for row in rows)
    fields = {
        row.id: (row.title, row.status, row.verdict, row.transfers, row.countries, row.next_review, row.overdue, row.due)
        for row in rows
    }
    return fields, sorted(evaluated)


def test_a_second_run_reads_the_index_and_gets_the_same_rows(example_root: Path) -> None:
    first, evaluated = _rows(example_root)
    assert len(evaluated) == 10
    second, evaluated = _rows(example_root)
    assert evaluated == [] and second == first
    assert not any(p.name.startswith(".xborder-cache") for p in example_root.iterdir())
    (cache,) = Path(os.environ["XDG_CACHE_HOME"], "xborder").glob("portfolio-*.json")
    assert cache.stat().st_mode & 0o777 == 0o600  # it holds the titles: the owner's only


def test_a_changed_file_is_evaluated_again(example_root: Path) -> None:
    _rows(example_root)
    path = example_root / "data" / "assessments" / "probpm-crm.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('status = "draft"', 'status = "in_review"'), encoding="utf-8")
    rows, evaluated = _rows(example_root)
    assert evaluated == ["probpm-crm"] and rows["probpm-crm"][1] == "in_review"


def test_another_as_of_date_or_reference_data_evaluates_everything_again(example_root: Path) -> None:
    _rows(example_root)
    _, evaluated = _rows(example_root, AS_OF + dt.timedelta(days=1))
    assert len(evaluated) == 10
    settings = example_root / "xborder.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _, evaluated = _rows(example_root, AS_OF + dt.timedelta(days=1))
    assert len(evaluated) == 10


def test_a_file_that_fails_to_load_is_never_remembered(example_root: Path) -> None:
    bad = example_root / "data" / "assessments" / "broken.toml"
    bad.write_text('schema_version = 1\nid = "broken"\n', encoding="utf-8")
    _rows(example_root)
    rows, evaluated = _rows(example_root)
    assert evaluated == ["broken"]


@pytest.mark.parametrize("content", ["", "{", '{"context": 1, "rows": []}', "[]", "CONTEXT"])
def test_a_damaged_index_is_ignored(example_root: Path, content: str) -> None:
    _rows(example_root)
    workspace = open_workspace(example_root, search=False)
    index = RowIndex(workspace, AS_OF)
    if content == "CONTEXT":  # the right context, rows of the wrong shape
        import json

        content = json.dumps({"context": index.context, "rows": {str(p): "x" for p in workspace.assessment_files()}})
    index.path.write_text(content, encoding="utf-8")
    rows, evaluated = _rows(example_root)
    assert len(evaluated) == 10 and len(rows) == 10


def test_a_row_says_changed_since_approval(tmp_path: Path) -> None:
    """Issue 15, item 3: the home screen's row of an approved assessment whose content
    changed since; remembered in the index like the other columns."""
    from tests.conftest import assessment_doc, write_assessment
    from xborder.lifecycle import approve
    from xborder.model import Assessment
    from xborder.rules import evaluate
    from xborder.store.assessments import save_assessment

    root = tmp_path / "ws"
    (root / "data" / "assessments").mkdir(parents=True)
    (root / "xborder.toml").write_text('[operator]\nname = "Test LLC"\n', encoding="utf-8")
    path = write_assessment(root, assessment_doc(status="in_review"))
    workspace = open_workspace(root)
    day = dt.date(2026, 11, 22)
    a = workspace.load(path).assessment
    assert a is not None
    approved = approve(a, evaluate(a, workspace.reference, day), "Anar", day, period_months=12)
    save_assessment(path, approved)
    assert portfolio.load_row(workspace, path, day).changed is False
    changed = Assessment.model_validate({**approved.model_dump(), "title": "Another title"})
    save_assessment(path, changed)
    row = portfolio.load_row(workspace, path, day)
    assert row.changed is True
    index = RowIndex.__new__(RowIndex)
    index.rows, index.changed = {}, False
    index.remember(row)
    assert index.rows[str(path)]["changed"] is True

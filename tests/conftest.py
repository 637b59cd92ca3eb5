"""Shared fixtures: the shipped reference data, a builder of assessment documents, and
temporary workspaces (empty, or a copy of the example workspace held in the repo)."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
"""The repository, which is itself the example workspace."""

AS_OF = dt.date(2026, 11, 22)
"""The date the example workspace's verdicts are stated for (FORMAT.md examples)."""

Doc = dict[str, Any]


# -- builder ----------------------------------------------------------------------------
def transfer_doc(**changes: Any) -> Doc:
    """A transfer that is `permitted` as of AS_OF: adequate destination (DE), started
    2027-01-01, information obtained 2026-10-01, notified separately 2026-10-05.

    Keyword arguments replace top-level keys; a value of None removes the key; nested
    tables are replaced whole (pass e.g. notification={...})."""
    doc: Doc = {
        "id": "t1",
        "country": "DE",
        "start": dt.date(2027, 1, 1),
        "ground": "adequacy",
        "recipient": {"name": "Recipient GmbH", "kind": "legal_entity"},
        "recipient_info": {"obtained": dt.date(2026, 10, 1)},
        "notification": {"sent": dt.date(2026, 10, 5), "separate": True},
    }
    return _apply(doc, changes)


def assessment_doc(*transfers: Doc, **changes: Any) -> Doc:
    """A minimal valid assessment document (id "x") holding `transfers` (default: one
    permitted transfer). Keyword arguments as for `transfer_doc`."""
    doc: Doc = {
        "schema_version": 1,
        "id": "x",
        "title": "Test assessment",
        "created": dt.date(2026, 11, 1),
        "operator": {"name": "Operator LLC"},
        "processing": {
            "purposes": ["Purpose"],
            "subjects": ["Customers"],
            "data": ["identity", "contact"],
            "special": [],
        },
        "transfers": [copy.deepcopy(t) for t in transfers] if transfers else [transfer_doc()],
    }
    doc = _apply(doc, changes)
    _cover(doc)
    return doc


def _cover(doc: Doc) -> None:
    """A notified transfer records what its notice covered: the transfer as it stands
    (as xborder records it). `notification={..., "coverage": None}` leaves it out, as in
    files older than the coverage key."""
    processing = doc.get("processing") or {}
    for transfer in doc.get("transfers") or []:
        notification = transfer.get("notification")
        if not isinstance(notification, dict) or "sent" not in notification:
            continue
        if "coverage" in notification:
            if notification["coverage"] is None:
                del notification["coverage"]
            continue
        recipient = transfer.get("recipient") or {}
        data = transfer.get("data")
        if data is None:
            data = [*processing.get("data", []), *processing.get("special", [])]
        if isinstance(transfer.get("country"), str) and isinstance(recipient.get("name"), str):
            notification["coverage"] = {
                "country": transfer["country"].upper(),
                "recipient": recipient["name"],
                "data": list(data),
            }


def _apply(doc: Doc, changes: dict[str, Any]) -> Doc:
    for key, value in changes.items():
        if value is None:
            doc.pop(key, None)
        else:
            doc[key] = copy.deepcopy(value)
    return doc


@pytest.fixture(scope="session")
def make_transfer() -> Callable[..., Doc]:
    """make_transfer(**changes) -> a transfer document (see transfer_doc)."""
    return transfer_doc


@pytest.fixture(scope="session")
def make_doc() -> Callable[..., Doc]:
    """make_doc(*transfers, **changes) -> an assessment document (see assessment_doc)."""
    return assessment_doc


@pytest.fixture(scope="session")
def reference() -> Any:
    """The shipped reference data (no workspace overrides)."""
    from xborder.rules import load_reference

    return load_reference(None)


@pytest.fixture
def build() -> Callable[..., Any]:
    """build(*transfers, **changes) -> a validated Assessment (see assessment_doc)."""
    from xborder.model import Assessment

    def _build(*transfers: Doc, **changes: Any) -> Any:
        return Assessment.model_validate(assessment_doc(*transfers, **changes))

    return _build


# -- workspaces -------------------------------------------------------------------------
@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """An empty workspace: xborder.toml naming the operator, data/assessments/."""
    root = tmp_path / "ws"
    (root / "data" / "assessments").mkdir(parents=True)
    (root / "xborder.toml").write_text('[operator]\nname = "Test LLC"\n', encoding="utf-8")
    return root


@pytest.fixture
def example_workspace(tmp_path: Path) -> Path:
    """A temporary copy of the example workspace (xborder.toml + data/assessments)."""
    root = tmp_path / "example"
    (root / "data").mkdir(parents=True)
    shutil.copy2(ROOT / "xborder.toml", root / "xborder.toml")
    shutil.copytree(ROOT / "data" / "assessments", root / "data" / "assessments")
    return root


@pytest.fixture(scope="session")
def write() -> Callable[..., Path]:
    """write(root, doc, name=None) -> the path of the assessment file written."""
    return write_assessment


def write_assessment(root: Path, doc: Doc, name: str | None = None) -> Path:
    """Write `doc` canonically as data/assessments/<name or id>.toml in workspace `root`."""
    from xborder.tomlio import dump_toml

    path = root / "data" / "assessments" / f"{name or doc['id']}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_toml(doc), encoding="utf-8")
    return path

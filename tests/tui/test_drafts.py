"""Draft storage (xborder.store.drafts): atomic, recoverable, never over the real file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from xborder.store.drafts import (
    DRAFTS_DIR,
    Draft,
    discard_draft,
    draft_path,
    list_drafts,
    read_draft,
    save_draft,
)


def test_a_draft_round_trips_with_dates_and_invalid_text(tmp_path: Path) -> None:
    doc = {"title": "Web", "created": dt.date(2026, 11, 22), "transfers": [{"id": "x", "start": "2026-13-"}], "notes": None}
    draft = Draft("new-1", doc, target="", base_sha256="")
    path = save_draft(tmp_path, draft, now=dt.datetime(2026, 11, 22, 10, 30, tzinfo=dt.UTC))
    assert path == tmp_path / DRAFTS_DIR / "new-1.toml"
    back = read_draft(path)
    assert back.document == {"title": "Web", "created": dt.date(2026, 11, 22), "transfers": [{"id": "x", "start": "2026-13-"}]}
    assert back.saved == "2026-11-22T10:30:00+00:00"
    assert back.title == "Web"


def test_list_drafts_reports_unreadable_files_instead_of_failing(tmp_path: Path) -> None:
    save_draft(tmp_path, Draft("edit-a", {"title": "A"}, target="data/assessments/a.toml", base_sha256="abc"))
    (tmp_path / DRAFTS_DIR / "broken.toml").write_text("[draft\n", encoding="utf-8")
    (tmp_path / DRAFTS_DIR / "other.toml").write_text('x = 1\n', encoding="utf-8")
    drafts, errors = list_drafts(tmp_path)
    assert [d.key for d in drafts] == ["edit-a"]
    assert drafts[0].target == "data/assessments/a.toml" and drafts[0].base_sha256 == "abc"
    assert len(errors) == 2
    assert all("broken.toml" in str(e) or "other.toml" in str(e) for e in errors)
    assert "broken.toml:1" in str(errors[0])


def test_discard_removes_only_that_draft(tmp_path: Path) -> None:
    save_draft(tmp_path, Draft("edit-a", {"title": "A"}))
    save_draft(tmp_path, Draft("edit-b", {"title": "B"}))
    discard_draft(tmp_path, "edit-a")
    discard_draft(tmp_path, "edit-a")  # twice is fine
    assert [d.key for d in list_drafts(tmp_path)[0]] == ["edit-b"]


def test_no_drafts_folder_means_no_drafts(tmp_path: Path) -> None:
    assert list_drafts(tmp_path) == ([], [])


@pytest.mark.parametrize("key", ["../x", "", "a/b", ".hidden"])
def test_draft_keys_cannot_escape_the_folder(tmp_path: Path, key: str) -> None:
    with pytest.raises(ValueError):
        draft_path(tmp_path, key)

"""The report's section "Changes since the authority was notified" (issue: the git
history made available to the report): present only in a git repository once a
notification is recorded; lists what changed since the version committed on or before
the day it was sent; leaves review bookkeeping out."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from xborder.cli.main import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

HEADING = {"en": "Changes since the authority was notified", "az": "Səlahiyyətli orqana bildirişdən sonrakı dəyişikliklər"}


def _commit(root: Path, message: str, date: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{date}T12:00:00+04:00",
        "GIT_COMMITTER_DATE": f"{date}T12:00:00+04:00",
    }
    for args in (["add", "-A"], ["-c", "user.name=Leyla", "-c", "user.email=l@example.az", "commit", "-qm", message]):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def _report(root: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(root)
    assert main(["report", "x", "--format", "md", "--lang", lang, "--as-of", "2026-11-22"]) == 0
    return (root / "reports" / f"x.{lang}.md").read_text(encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, make_doc: Callable[..., Any], write: Callable[..., Path]) -> Callable[..., Path]:
    """repo(doc) -> a git workspace with `doc` committed on 2026-10-05 (the day the
    builder's transfer was notified)."""
    root = tmp_path / "ws"

    def make(doc: Any) -> Path:
        (root / "data").mkdir(parents=True)
        (root / "xborder.toml").write_text('[operator]\nname = "Operator LLC"\n', encoding="utf-8")
        write(root, doc)
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        _commit(root, "notified", "2026-10-05")
        return root

    return make


@pytest.mark.parametrize("lang", ["en", "az"])
def test_lists_what_changed_since_the_notified_version(
    repo: Callable[..., Path], make_doc: Callable[..., Any], make_transfer: Callable[..., Any],
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, lang: str,
) -> None:
    root = repo(make_doc())
    changed = make_doc(
        make_transfer(
            recipient={"name": "Another Recipient AG", "kind": "legal_entity"},
            # what the notice covered stays what it was: the recipient as notified
            notification={
                "sent": dt.date(2026, 10, 5),
                "separate": True,
                "coverage": {"country": "DE", "recipient": "Recipient GmbH", "data": ["identity", "contact"]},
            },
        ),
        make_transfer(id="t2", country="FR"),
        status="approved",  # bookkeeping: not listed
    )
    write(root, changed)
    _commit(root, "new recipient", "2026-11-10")
    text = _report(root, lang, monkeypatch)
    assert HEADING[lang] in text
    section = text[text.index(HEADING[lang]):].split("\n## ", 1)[0]
    assert "2026-10-05" in section
    bullets = [line for line in section.splitlines() if line.startswith("- ")]
    # the recipient's new name and the new transfer; the status change is bookkeeping
    assert len(bullets) == 2, bullets
    assert "“Recipient GmbH” → “Another Recipient AG”" in bullets[0]
    assert "t2 \\(FR" in bullets[1]
    # in the lawyer's words: the field's label, not the file's key
    assert "recipient.name" not in bullets[0]
    assert {"en": "Recipient name", "az": "Alan tərəfin adı"}.get(lang, "") in bullets[0] or lang not in ("en", "az")


def test_says_so_when_nothing_changed(repo: Callable[..., Path], make_doc: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo(make_doc())
    text = _report(root, "en", monkeypatch)
    assert HEADING["en"] in text
    assert "No change since that version." in text


def test_absent_before_any_notification(
    repo: Callable[..., Path], make_doc: Callable[..., Any], make_transfer: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = repo(make_doc(make_transfer(notification=None)))
    assert HEADING["en"] not in _report(root, "en", monkeypatch)


def test_absent_outside_git(tmp_path: Path, make_doc: Callable[..., Any], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "ws"
    (root / "data").mkdir(parents=True)
    (root / "xborder.toml").write_text("", encoding="utf-8")
    write(root, make_doc())
    assert HEADING["en"] not in _report(root, "en", monkeypatch)


def test_absent_when_no_version_was_committed_by_the_day_it_was_sent(
    repo: Callable[..., Path], make_doc: Callable[..., Any], make_transfer: Callable[..., Any],
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = repo(make_doc(make_transfer(notification=None)))
    # the notice is recorded later as sent on a day before the first commit
    write(root, make_doc(make_transfer(notification={"sent": dt.date(2026, 9, 1), "separate": True})))
    _commit(root, "sent", "2026-11-01")
    assert HEADING["en"] not in _report(root, "en", monkeypatch)


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        ("operator.tin: — → “1234567890”", "en", "VÖEN (taxpayer number): — → “1234567890”"),
        ("transfer t1: recipient_info.obtained: — → 2026-11-05", "en", "transfer t1: Information obtained on: — → 2026-11-05"),
        ("notes: “status: a” → “b”", "en", "Notes: “status: a” → “b”"),  # user text is left as it is
        ("no_such_key: a → b", "en", "no_such_key: a → b"),
    ],
)
def test_changes_are_in_the_lawyers_words(line: str, lang: str, expected: str) -> None:
    from xborder.report.generate import lawyer_words

    assert lawyer_words(line, lang) == expected

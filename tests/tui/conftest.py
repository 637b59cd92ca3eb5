"""Fixtures of the wizard's tests: temporary copies of the example workspace, a fixed
as-of date, English, a fixed theme and size, no cursor blink (deterministic snapshots)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from xborder.store import Workspace, open_workspace
from xborder.tui.app import XBorderApp, make_app

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 22)
SIZE = (100, 32)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list's row index goes to a temporary cache folder, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def example_root(tmp_path: Path) -> Path:
    """A copy of the repository's example workspace (8 assessments)."""
    root = tmp_path / "ws"
    (root / "data").mkdir(parents=True)
    shutil.copy(REPO / "xborder.toml", root / "xborder.toml")
    shutil.copytree(REPO / "data" / "assessments", root / "data" / "assessments")
    return root


@pytest.fixture
def empty_root(tmp_path: Path) -> Path:
    root = tmp_path / "empty"
    root.mkdir()
    (root / "xborder.toml").write_text(
        '[operator]\nname = "Nümunə MMC"\ntin = "1234567890"\n\n[ui]\nlanguage = "en"\n',
        encoding="utf-8",
    )
    return root


AppFactory = Callable[..., XBorderApp]


@pytest.fixture
def make() -> AppFactory:
    """make(root, **options) -> the app as `xborder` builds it, made deterministic."""

    def build(root: Path, **options: Any) -> XBorderApp:
        workspace: Workspace = open_workspace(root, search=False)
        options.setdefault("lang", "en")
        options.setdefault("as_of", AS_OF)
        options.setdefault("theme", "textual-dark")
        options.setdefault("validate_delay", 0.0)
        options.setdefault("draft_delay", 0.3)
        app = make_app(workspace, **options)
        app.animation_level = "none"  # no smooth scrolling to wait for
        return app

    return build

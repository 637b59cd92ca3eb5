"""`xborder` / `xborder tui`: finding the workspace, and clear one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from xborder.cli.main import main


def test_without_a_workspace_it_says_how_to_create_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "xborder init" in err and "--workspace" in err


def test_a_named_folder_that_is_not_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tui", "--workspace", str(tmp_path)]) == 2
    assert "xborder init" in capsys.readouterr().err


def test_without_a_terminal_it_points_to_the_commands_for_scripts(empty_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # pytest's captured stdin/stdout are not terminals
    assert main(["tui", "--workspace", str(empty_root), "--lang", "en", "--as-of", "2026-11-22"]) == 2
    assert "needs a terminal" in capsys.readouterr().err


def test_a_bad_as_of_date_is_one_line(empty_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tui", "--workspace", str(empty_root), "--as-of", "2026-22-11"]) == 2
    assert "invalid date '2026-22-11'" in capsys.readouterr().err


def test_the_command_module_does_not_import_textual() -> None:
    code = "import sys, xborder.cli.cmd_tui, xborder.store.drafts; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_options_before_the_command_reach_the_wizard(empty_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = {}

    def fake_run(args):  # type: ignore[no-untyped-def]
        seen.update(lang=args.lang, as_of=args.as_of, workspace=args.workspace)
        return 0

    monkeypatch.setattr("xborder.cli.cmd_tui.run", fake_run)
    assert main(["--lang", "en", "--as-of", "2026-11-22", "-w", str(empty_root)]) == 0
    assert seen == {"lang": "en", "as_of": "2026-11-22", "workspace": str(empty_root)}


def test_options_before_a_command_are_its_defaults(example_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "-w", str(example_root), "list", "--as-of", "2026-11-22"]) == 0
    assert "TITLE" in capsys.readouterr().out  # English headers
    # the command's own option wins
    assert main(["--lang", "en", "-w", str(example_root), "list", "--lang", "az", "--as-of", "2026-11-22"]) == 0
    assert "ADI" in capsys.readouterr().out

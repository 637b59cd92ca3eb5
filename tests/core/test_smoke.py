"""End-to-end smoke test of `xborder check` on the example workspace."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_example_workspace_verdicts() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "xborder", "check", "--format", "json", "--as-of", "2026-11-22"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["summary"] == {"permitted": 3, "pending": 2, "incomplete": 2, "blocked": 3, "invalid": 0}

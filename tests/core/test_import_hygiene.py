"""The core never imports Textual or typst at import time: `xborder check` starts fast
and works where neither is usable. Checked in a fresh interpreter."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import xborder.cli

CORE = [
    "xborder.model",
    "xborder.model.assessment",
    "xborder.model.checks",
    "xborder.model.schema",
    "xborder.model.workspace",
    "xborder.rules",
    "xborder.rules.registry",
    "xborder.rulebooks.az",
    "xborder.rulebooks.az.rules",
    "xborder.reference",
    "xborder.store",
    "xborder.tomlio",
    "xborder.cli.main",
    "xborder.cli.common",
    "xborder.cli.check",
    "xborder.explain",
]
COMMANDS = sorted(
    f"xborder.cli.{info.name}" for info in pkgutil.iter_modules(xborder.cli.__path__) if info.name.startswith("cmd_")
)
HEAVY = ("textual", "typst")

PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
from xborder.cli.main import build_parser
build_parser()  # imports and registers every command
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})))
"""


def test_commands_are_discovered():
    assert {"xborder.cli.cmd_check", "xborder.cli.cmd_init", "xborder.cli.cmd_list",
            "xborder.cli.cmd_show", "xborder.cli.cmd_schema"} <= set(COMMANDS)


def test_core_imports_neither_textual_nor_typst():
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=set(HEAVY)), *CORE, *COMMANDS],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def test_the_probe_can_fail():
    """The same probe does see Textual when something imports it."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=set(HEAVY)), "textual.app"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "textual" in json.loads(proc.stdout)


RUN = """
import contextlib, io, json, sys
from xborder.cli.main import main
for args in (["check", "--as-of", "2026-11-22", "--format", "json"], ["check", "--lang", "az"],
             ["list"], ["show", "charge-web-analytics"], ["schema"], ["rules"],
             ["rules", "AZ-NOTIFY-1"]):
    with contextlib.redirect_stdout(io.StringIO()):
        main(args)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})))
"""


def test_running_the_core_commands_imports_neither(example_workspace):
    """Not only importing: running check, list, show, schema and rules loads neither."""
    proc = subprocess.run(
        [sys.executable, "-c", RUN.format(heavy=set(HEAVY))],
        cwd=example_workspace, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []

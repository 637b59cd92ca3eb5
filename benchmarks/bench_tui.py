"""Benchmark: cold start of the wizard to a fully loaded home screen (1,000 assessments).

Each run is a fresh Python process started the same way (headless, `python -c ...`):
  baseline  a minimal Textual app that exits once its first screen is shown;
  xborder   `make_app(workspace)` that exits once every row is in the home table:
            - first open: no row index yet (every file parsed, validated, evaluated;
              the index is written),
            - usual open: the row index of the previous run is there (unchanged files
              are not evaluated again; see xborder.tui.portfolio.RowIndex).
The index lives in $XDG_CACHE_HOME, here a temporary folder. Reported: median wall times
and their ratios. Goal: ratio <= 1.5. Not a test: run it by hand.

    .venv/bin/python benchmarks/bench_tui.py [--n 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_workspace  # noqa: E402

BASELINE = """
from textual.app import App
from textual.widgets import Footer, Static

class Minimal(App):
    def compose(self):
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Minimal().run(headless=True, size=(120, 40))
"""

XBORDER = """
import datetime as dt, pathlib, sys
from xborder.store import open_workspace
from xborder.tui.app import make_app

workspace = open_workspace(pathlib.Path(sys.argv[1]), search=False)
app = make_app(workspace, lang="en", as_of=dt.date(2026, 11, 22), exit_when_loaded=True)
app.run(headless=True, size=(120, 40))
rows = app.loaded_rows
if rows != int(sys.argv[2]):
    raise SystemExit(f"home screen had {rows} rows, expected {sys.argv[2]}")
"""


FIRST_PAINT = """
import datetime as dt, pathlib, sys
from xborder.store import open_workspace
from xborder.tui.app import make_app
from xborder.tui.screens.home import HomeScreen

arrived = HomeScreen._rows_arrived

def first_batch(self, rows, done):
    arrived(self, rows, done)
    self.app.call_after_refresh(self.app.exit)

HomeScreen._rows_arrived = first_batch
workspace = open_workspace(pathlib.Path(sys.argv[1]), search=False)
make_app(workspace, lang="en", as_of=dt.date(2026, 11, 22), offer_drafts=False).run(headless=True, size=(120, 40))
"""


def timed(code: str, *args: str, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate_workspace(Path(tmp), args.n)
        cache = Path(tmp) / "cache"
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        timed(BASELINE)  # warm the OS file cache and .pyc files for both
        timed(XBORDER, str(root), str(args.n), env=env)
        base, usual, first_paint, first_open = [], [], [], []
        for _ in range(args.repeat):  # interleaved, so all see the same machine load
            base.append(timed(BASELINE))
            shutil.rmtree(cache, ignore_errors=True)
            first_paint.append(timed(FIRST_PAINT, str(root), env=env))
            shutil.rmtree(cache, ignore_errors=True)
            first_open.append(timed(XBORDER, str(root), str(args.n), env=env))
            usual.append(timed(XBORDER, str(root), str(args.n), env=env))
    b = statistics.median(base)
    f, p, u = statistics.median(first_open), statistics.median(first_paint), statistics.median(usual)
    print(f"minimal Textual app, first screen:                     {b:.3f} s (median of {args.repeat})")
    print(f"xborder, first open, all {args.n} rows (no index yet):  {f:.3f} s  ratio {f / b:.2f}")
    print(f"xborder, first open, first rows painted (no index):    {p:.3f} s  ratio {p / b:.2f}")
    print(f"xborder, usual open, all {args.n} rows (index):        {u:.3f} s  ratio {u / b:.2f} (goal <= 1.5)")
    return 0 if u / b <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())

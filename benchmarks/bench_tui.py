"""Benchmark: cold start of the wizard to a fully loaded home screen (1,000 assessments).

Each run is a fresh Python process started the same way (headless, `python -c ...`):
  baseline  a minimal Textual app that exits once its first screen is shown;
  xborder   `make_app(workspace)` that exits once every row is in the home table.
Reported: median wall times and their ratio. Goal: ratio <= 1.5. Not a test: run it by hand.

    .venv/bin/python benchmarks/bench_tui.py [--n 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
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


def timed(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate_workspace(Path(tmp), args.n)
        timed(BASELINE)  # warm the OS file cache and .pyc files for both
        timed(XBORDER, str(root), str(args.n))
        base, ours, first = [], [], []
        for _ in range(args.repeat):  # interleaved, so both see the same machine load
            base.append(timed(BASELINE))
            first.append(timed(FIRST_PAINT, str(root)))
            ours.append(timed(XBORDER, str(root), str(args.n)))
    b, f, o = statistics.median(base), statistics.median(first), statistics.median(ours)
    print(f"minimal Textual app, first screen:               {b:.3f} s (median of {args.repeat})")
    print(f"xborder, home screen with its first 200 rows:    {f:.3f} s  ratio {f / b:.2f}")
    print(f"xborder, home screen with all {args.n} rows:      {o:.3f} s  ratio {o / b:.2f} (goal <= 1.5)")
    return 0 if o / b <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())

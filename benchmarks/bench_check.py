"""Benchmark: `xborder check --format json` on N generated assessments.

Reports the time as a ratio against a floor measured in the same run: one Python
process that only parses the same files with the standard library's tomllib. Goal:
ratio <= 1.0 and peak memory <= 250 MB. Not a test: run it by hand.

    .venv/bin/python benchmarks/bench_check.py [--n 10000] [--repeat 3]
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

FLOOR = """
import sys, tomllib, pathlib
for p in sorted(pathlib.Path(sys.argv[1]).glob('*.toml')):
    with open(p, 'rb') as f:
        tomllib.load(f)
"""


def run(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall time (s), peak RSS of the process tree (MB), exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--transfers", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    xborder = [sys.executable, "-m", "xborder"]
    tmp = Path(tempfile.mkdtemp(prefix="xborder-bench-"))
    try:
        generate_workspace(tmp, args.n, args.transfers)
        files = tmp / "data" / "assessments"
        size = sum(p.stat().st_size for p in files.glob("*.toml"))
        print(f"{args.n} assessments x {args.transfers} transfers, {size / 1e6:.1f} MB of TOML, {os.cpu_count()} cores")
        floors, checks, peaks, floor_peaks = [], [], [], []
        for _ in range(args.repeat):
            t, m, _ = run([sys.executable, "-c", FLOOR, str(files)], tmp)
            floors.append(t)
            floor_peaks.append(m)
            t, m, status = run([*xborder, "check", "--format", "json", "--as-of", "2026-11-22"], tmp)
            if status not in (0, 1):
                print(f"xborder check exited {status}", file=sys.stderr)
                return 1
            checks.append(t)
            peaks.append(m)
        floor, check = statistics.median(floors), statistics.median(checks)
        print(f"floor (stdlib tomllib parse only): {floor:.2f} s (median of {args.repeat}), peak {max(floor_peaks):.0f} MB")
        print(f"xborder check --format json:       {check:.2f} s (median of {args.repeat}), peak {max(peaks):.0f} MB")
        print(f"ratio: {check / floor:.2f}x (goal <= 1.0)   peak memory: {max(peaks):.0f} MB (goal <= 250)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

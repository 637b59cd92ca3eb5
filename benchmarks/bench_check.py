"""Benchmark: `xborder check --format json` on N generated assessments.

Reports the wall time as a ratio against a floor measured in the same run: one Python
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
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_workspace, use_catalogue  # noqa: E402

FLOOR = """
import sys, tomllib, pathlib
for p in sorted(pathlib.Path(sys.argv[1]).glob('*.toml')):
    with open(p, 'rb') as f:
        tomllib.load(f)
"""


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of `pid` and all its descendants, summed (MB). Summing counts
    pages shared between a parent and its forked workers more than once, so this is an
    upper bound of what the tree holds."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    stack.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return total / 1024


def run(cmd: list[str], cwd: Path) -> tuple[float, float, float, float, int]:
    """Wall time (s), CPU time of the process and its reaped workers (s), peak RSS of
    the largest single process (MB), peak RSS of the whole process tree sampled every
    10 ms (MB; 0 where /proc is missing), exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_rss_mb(proc.pid))
            done.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    if os.path.isdir("/proc/self/task"):
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    done.set()
    if sampler.is_alive():
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, peak_tree, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--transfers", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--recipients", type=int, default=200,
        help="also check a copy whose transfers refer to this many shared catalogue entries (0: skip)",
    )
    args = parser.parse_args()
    xborder = [sys.executable, "-m", "xborder"]
    tmp = Path(tempfile.mkdtemp(prefix="xborder-bench-"))
    try:
        generate_workspace(tmp, args.n, args.transfers)
        files = tmp / "data" / "assessments"
        size = sum(p.stat().st_size for p in files.glob("*.toml"))
        print(f"{args.n} assessments x {args.transfers} transfers, {size / 1e6:.1f} MB of TOML, {os.cpu_count()} cores")
        floors, checks, peaks, trees, floor_peaks, floor_cpu, check_cpu = [], [], [], [], [], [], []
        for _ in range(args.repeat):
            t, cpu, m, _, _ = run([sys.executable, "-c", FLOOR, str(files)], tmp)
            floors.append(t)
            floor_cpu.append(cpu)
            floor_peaks.append(m)
            t, cpu, m, tree, status = run([*xborder, "check", "--format", "json", "--as-of", "2026-11-22"], tmp)
            check_cpu.append(cpu)
            if status not in (0, 1):
                print(f"xborder check exited {status}", file=sys.stderr)
                return 1
            checks.append(t)
            peaks.append(m)
            trees.append(tree)
        floor, check = statistics.median(floors), statistics.median(checks)
        memory = max(max(trees), max(peaks))
        print(
            f"floor (stdlib tomllib parse only): {floor:.2f} s (median of {args.repeat}), "
            f"{statistics.median(floor_cpu):.2f} s CPU, peak {max(floor_peaks):.0f} MB"
        )
        print(
            f"xborder check --format json:       {check:.2f} s (median of {args.repeat}), "
            f"{statistics.median(check_cpu):.2f} s CPU on all cores, peak {max(peaks):.0f} MB in the largest process, {max(trees):.0f} MB for all its processes together"
        )
        print(f"ratio: {check / floor:.2f}x (goal <= 1.0)   peak memory: {memory:.0f} MB (goal <= 250)")
        if args.recipients:
            shared = tmp / "shared"
            shutil.copytree(tmp / "data", shared / "data")
            shutil.copy2(tmp / "xborder.toml", shared / "xborder.toml")
            use_catalogue(shared, args.recipients)
            times, tree_peaks = [], []
            for _ in range(args.repeat):
                t, _, m, tree, status = run([*xborder, "check", "--format", "json", "--as-of", "2026-11-22"], shared)
                if status not in (0, 1):
                    print(f"xborder check (catalogue) exited {status}", file=sys.stderr)
                    return 1
                times.append(t)
                tree_peaks.append(max(m, tree))
            shared_time = statistics.median(times)
            print(
                f"the same files, recipients as references to {args.recipients} catalogue entries: "
                f"{shared_time:.2f} s (median of {args.repeat}), peak {max(tree_peaks):.0f} MB"
            )
            print(
                f"ratio: {shared_time / floor:.2f}x against the floor (goal <= 1.0); "
                f"{shared_time / check:.2f}x against the files without references"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmarks of issue 16: hostile files must not hang `check`, and `due` and `register`
must stream their rows. Not a test: run it by hand.

    .venv/bin/python benchmarks/bench_hostile.py [--time] [--memory] [--n 10000] [--src DIR]

--time: `xborder check FILE` on files full of errors against a valid file of the same
size, as ratios measured in the same run (goal: <= 2.0):
  * 266 KB with 16,000 unknown keys;
  * 4.4 MB with 15,000 transfers to country "XX".
--memory: peak resident memory (ru_maxrss of the child process) of `list`, `due` and
`register --format json` on N generated assessments (goal: <= 150 MB for due and
register).

--src DIR runs the xborder found in DIR (an exported tree of another revision, e.g.
`git archive main | tar -x -C /tmp/main`) instead of the installed one, for a before /
after comparison; --timeout caps each run (a hanging revision is reported as "> T s").
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_workspace  # noqa: E402

HEAD = """schema_version = 1
id = "{id}"
title = "Benchmark"
created = 2026-01-01

[operator]
name = "Operator LLC"

[processing]
purposes = ["Purpose"]
subjects = ["Customers"]
data = ["identity", "contact"]
"""

TRANSFER = """
[[transfers]]
id = "t{i}"
country = "{country}"
start = 2027-01-01
ground = "adequacy"

[transfers.recipient]
name = "Recipient {i} with a name"
kind = "legal_entity"
address = "Street {i}"

[transfers.recipient_info]
obtained = 2026-10-01

[transfers.notification]
sent = 2026-10-05
separate = true
"""


def unknown_keys(n: int) -> str:
    return HEAD.format(id="hostile") + "".join(f"unknow_{i:05d} = 1\n" for i in range(n))


def transfers(n: int, country: str, ident: str) -> str:
    return HEAD.format(id=ident) + "".join(TRANSFER.format(i=i, country=country) for i in range(n))


def valid_of_size(size: int, ident: str) -> str:
    """A valid assessment padded with transfers to about `size` bytes."""
    text = HEAD.format(id=ident)
    one = len(TRANSFER.format(i=99999, country="DE"))
    return text + "".join(TRANSFER.format(i=i, country="DE") for i in range(max(1, (size - len(text)) // one)))


def command(src: str | None) -> list[str]:
    if src:
        code = f"import sys; sys.path.insert(0, {src!r}); from xborder.cli.main import main; sys.exit(main())"
        return [sys.executable, "-c", code]
    return [sys.executable, "-m", "xborder"]


def timed(cmd: list[str], cwd: Path, timeout: float) -> float | None:
    start = time.perf_counter()
    try:
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - start


def peak_mb(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Peak RSS (MB) of a child process and its exit status."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def bench_time(src: str | None, repeat: int, timeout: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "xborder.toml").write_text('[operator]\nname = "Operator LLC"\n', encoding="utf-8")
        folder = root / "data" / "assessments"
        folder.mkdir(parents=True)
        cases = []
        hostile = unknown_keys(16_000)
        cases.append(("266 KB, 16,000 unknown keys", "hostile", hostile, "valid", valid_of_size(len(hostile), "valid")))
        xx = transfers(15_000, "XX", "xx")
        cases.append(("4.4 MB, 15,000 transfers to XX", "xx", xx, "de", transfers(15_000, "DE", "de")))
        print(f"{'case':34} {'size':>8} {'valid s':>8} {'hostile s':>10} {'ratio':>6}")
        for label, bad_id, bad, good_id, good in cases:
            (folder / f"{bad_id}.toml").write_text(bad, encoding="utf-8")
            (folder / f"{good_id}.toml").write_text(good, encoding="utf-8")
            base = [*command(src), "check", "--as-of", "2026-11-22"]
            valid = [timed([*base, f"data/assessments/{good_id}.toml"], root, timeout) for _ in range(repeat)]
            bad_times = [timed([*base, f"data/assessments/{bad_id}.toml"], root, timeout) for _ in range(repeat)]
            good_s = min(t for t in valid if t is not None)
            finished = [t for t in bad_times if t is not None]
            if finished:
                bad_s = min(finished)
                print(f"{label:34} {len(bad) / 1024:7.0f}K {good_s:8.2f} {bad_s:10.2f} {bad_s / good_s:6.2f}")
            else:
                print(f"{label:34} {len(bad) / 1024:7.0f}K {good_s:8.2f} {'>' + str(int(timeout)):>10} {'>' + format(timeout / good_s, '.0f'):>6}")


def bench_memory(src: str | None, n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        generate_workspace(root, n)
        out = Path(tmp) / "out"
        runs = [
            ("list", ["list", "--as-of", "2026-11-22"]),
            ("due", ["due", "--as-of", "2026-11-22"]),
            ("due --format json", ["due", "--format", "json", "--as-of", "2026-11-22"]),
            ("register --format json", ["register", "--format", "json", "--out", str(out), "--as-of", "2026-11-22"]),
            ("register --format csv", ["register", "--format", "csv", "--out", str(out), "--as-of", "2026-11-22"]),
        ]
        print(f"{n} assessments; peak RSS of the process:")
        for label, argv in runs:
            start = time.perf_counter()
            mb, status = peak_mb([*command(src), *argv], root)
            print(f"  {label:26} {mb:7.1f} MB  ({time.perf_counter() - start:5.1f} s, exit {status})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time", action="store_true")
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--src", help="run the xborder in this folder instead of the installed one")
    args = parser.parse_args()
    if not (args.time or args.memory):
        args.time = args.memory = True
    if resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY:
        print("note: an address-space limit is set")
    if args.time:
        bench_time(args.src, args.repeat, args.timeout)
    if args.memory:
        bench_memory(args.src, args.n)


if __name__ == "__main__":
    main()

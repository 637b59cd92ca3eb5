"""Benchmark: the printable report, against a fair floor.

1. One typical assessment (charge-web-analytics of the example workspace), az and en:
   - report: its document compiled to PDF by xborder.report.pdf.render (the template, the
     JSON in sys.inputs), as every report is;
   - floor: typst compiling the same document's content with no template logic: every
     string of the same JSON (as the template receives it) inlined as a plain text
     paragraph, in the same font and size on A4, by the same typst in the same process,
     fonts loaded (warm), through a Compiler as render uses one.
   Both change their first line on every compile (the title; the floor's first paragraph),
   so typst's memoisation treats them alike. Reported: the median CPU time of the process
   per compile (steadier than wall time on a shared machine; typst lays a document out on
   one thread) and the median wall time, and the ratio report / floor (goal <= 2).
   Also, for information: the whole way from file to PDF bytes (load, evaluate, build,
   render).
2. `xborder report --all --lang az,en` (PDF) on N generated assessments (2N files), end
   to end as a user runs it: files per second, and the cores it kept busy (the CPU time of
   the command and its worker processes / the wall time) out of the machine's.

Not a test: run it by hand.

    .venv/bin/python benchmarks/bench_report.py [--n 1000] [--repeat 31]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import generate_workspace  # noqa: E402

AS_OF = dt.date(2026, 11, 22)
_NOT_TEXT = ("type", "tone", "tones", "style", "lang", "date", "kind", "severity", "landscape", "draft")


def timed(fn: Callable[[int], object], repeat: int) -> tuple[float, float]:
    """(median CPU seconds, median wall seconds) of `fn(i)` over `repeat` calls."""
    cpu, wall = [], []
    for i in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        fn(i)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return statistics.median(cpu), statistics.median(wall)


def strings(value: Any) -> list[str]:
    """Every string of the document's JSON in order (not its layout keys)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in _NOT_TEXT for s in strings(v)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def one_report(repeat: int, tmp: Path) -> None:
    import typst

    from xborder.report.build import build_report
    from xborder.report.pdf import document_json, render
    from xborder.report.provenance import Provenance
    from xborder.rules import evaluate
    from xborder.store import open_workspace

    ws = open_workspace(ROOT, search=False)
    path = ws.assessment_path("charge-web-analytics")
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True)
    loaded = ws.load(path)
    assert loaded.assessment is not None
    a = loaded.assessment
    print(f"one report: {a.id}, {len(a.transfers)} transfers; median of {repeat} compiles each")
    for lang in ("az", "en"):
        doc = build_report(a, evaluate(a, ws.reference, AS_OF), ws.settings, ws.reference, Provenance("x", loaded.sha256), lang)
        paragraphs = strings(json.loads(document_json(doc)))
        floor_file = tmp / f"floor-{lang}.typ"
        floor_file.write_text(
            f'#set text(font: "Libertinus Serif", size: 10.5pt, lang: "{lang}")\n'
            '#set page(paper: "a4")\n'
            '#sys.inputs.at("n")\n\n'
            + "".join(f"#{typst_string(p)}\n\n" for p in paragraphs),
            encoding="utf-8",
        )
        floor_compiler = typst.Compiler(str(floor_file), root=str(tmp), font_paths=fonts, ignore_system_fonts=True)

        def floor(i: int, compiler: Any = floor_compiler) -> None:
            compiler.compile(format="pdf", sys_inputs={"n": f"{i}"})

        def report(i: int, doc: Any = doc) -> None:
            render(dataclasses.replace(doc, title=f"{doc.title} {i}"))

        def whole(i: int, lang: str = lang) -> None:
            result = ws.load(path)
            assert result.assessment is not None
            ev = evaluate(result.assessment, ws.reference, AS_OF + dt.timedelta(days=i))
            render(build_report(result.assessment, ev, ws.settings, ws.reference, Provenance("x", result.sha256), lang))

        floor(-1)
        report(-1)  # warm: fonts, the template
        f_cpu, f_wall = timed(floor, repeat)
        r_cpu, r_wall = timed(report, repeat)
        w_cpu, w_wall = timed(whole, repeat)
        print(f"  {lang}: floor ({len(paragraphs)} paragraphs, {sum(map(len, paragraphs))} characters): "
              f"{f_cpu * 1000:.1f} ms CPU, {f_wall * 1000:.1f} ms wall")
        print(f"  {lang}: report: {r_cpu * 1000:.1f} ms CPU, {r_wall * 1000:.1f} ms wall; "
              f"ratio {r_cpu / f_cpu:.2f} (CPU), {r_wall / f_wall:.2f} (wall) (goal <= 2)")
        print(f"  {lang}: file -> PDF bytes (load, evaluate, build, render): "
              f"{w_cpu * 1000:.1f} ms CPU, {w_wall * 1000:.1f} ms wall")


def session_cpu(sid: int) -> dict[int, float]:
    """CPU seconds so far of every process of the session `sid` (the command, its pool's
    workers and any process starting them), by pid, from /proc (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[3]) == sid:  # session id (fields after the command's name, from 3)
            out[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    return out


def report_all(n: int) -> None:
    with tempfile.TemporaryDirectory(prefix="xborder-bench-") as tmp:
        root = generate_workspace(Path(tmp) / "ws", n)
        xborder = shutil.which("xborder", path=str(Path(sys.executable).parent)) or "xborder"
        cmd = [xborder, "report", "--all", "--as-of", AS_OF.isoformat(), "--lang", "az,en"]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        seen: dict[int, float] = {}
        while proc.poll() is None:
            seen.update(session_cpu(proc.pid))
            time.sleep(0.1)
        took = time.perf_counter() - start
        assert proc.stderr is not None
        stderr = proc.stderr.read()
        cpu = sum(seen.values())
        files = len(list((root / "reports").glob("*.pdf")))
        status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}: {stderr.decode()[:300]}"
        print(f"report --all on {n} assessments: {files} PDFs in {took:.1f} s = {files / took:.1f} PDFs/s; "
              f"{cpu / took:.2f} of {os.cpu_count()} cores busy ({cpu:.1f} s CPU); {status}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=31)
    parser.add_argument("--skip-all", action="store_true", help="only the one report")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="xborder-floor-") as tmp:
        one_report(args.repeat, Path(tmp))
    if not args.skip_all:
        report_all(args.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())

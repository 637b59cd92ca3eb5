"""Benchmark: the printable report.

1. One typical assessment (charge-web-analytics of the example workspace, both
   languages' worth measured separately) from file to PDF bytes -- load, evaluate,
   build the document, compile with typst -- against compiling a minimal typst
   document ("Hello") in the same process. Both warm (fonts loaded), best of N.
   Goal: ratio <= 3.
2. `xborder report --all` (PDF, az + en) on N generated assessments, end to end as a
   user runs it (a subprocess, all cores), with the files written per second.

Not a test: run it by hand.

    .venv/bin/python benchmarks/bench_report.py [--n 1000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import generate_workspace  # noqa: E402

AS_OF = dt.date(2026, 11, 22)


def best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def one_report(repeat: int) -> None:
    import typst

    from xborder.report.build import build_report
    from xborder.report.pdf import render
    from xborder.report.provenance import Provenance
    from xborder.rules import evaluate
    from xborder.store import open_workspace

    ws = open_workspace(ROOT, search=False)
    path = ws.assessment_path("charge-web-analytics")
    fonts = typst.Fonts(include_system_fonts=False)

    def minimal() -> None:
        # a fresh source each time, so that typst's memoisation cannot skip the work
        minimal.n += 1  # type: ignore[attr-defined]
        typst.compile(f"Hello {minimal.n}".encode(), format="pdf", font_paths=fonts, ignore_system_fonts=True)  # type: ignore[attr-defined]

    minimal.n = 0  # type: ignore[attr-defined]

    def minimal_cold() -> None:
        # what a tool that calls typst.compile afresh pays: the fonts are loaded each time
        minimal.n += 1  # type: ignore[attr-defined]
        typst.compile(f"Hello {minimal.n}".encode(), format="pdf", ignore_system_fonts=True)  # type: ignore[attr-defined]

    def report(lang: str) -> None:
        report.n += 1  # type: ignore[attr-defined]
        result = ws.load(path)
        assert result.assessment is not None
        ev = evaluate(result.assessment, ws.reference, AS_OF + dt.timedelta(days=report.n))  # type: ignore[attr-defined]
        doc = build_report(result.assessment, ev, ws.settings, ws.reference, Provenance("x", result.sha256), lang)
        render(doc)

    report.n = 0  # type: ignore[attr-defined]

    # Context for the ratio: the same words as plain paragraphs in the same font (no
    # tables, headers or page numbers) -- what any typeset document of this length costs.
    result = ws.load(path)
    assert result.assessment is not None
    words = build_report(
        result.assessment, evaluate(result.assessment, ws.reference, AS_OF), ws.settings, ws.reference,
        Provenance("x", result.sha256), "az",
    ).text()
    plain_src = '#set text(font: "Libertinus Serif", size: 10.5pt)\n#set page(paper: "a4")\n'

    def plain() -> None:
        plain.n += 1  # type: ignore[attr-defined]
        body = words.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        source = plain_src + f'#"{body} {plain.n}".split("\\n").map(x => [#x]).join(parbreak())'  # type: ignore[attr-defined]
        typst.compile(source.encode(), format="pdf", font_paths=fonts, ignore_system_fonts=True)

    plain.n = 0  # type: ignore[attr-defined]
    minimal()
    plain()
    report("az")  # warm up: fonts, template
    floor = best(minimal, repeat)
    cold = best(minimal_cold, repeat)
    plain_time = best(plain, repeat)
    print(f"minimal typst document: {floor * 1000:.1f} ms warm, {cold * 1000:.1f} ms cold (fonts loaded per call)")
    print(f"the report's words as plain paragraphs ({len(words)} characters): {plain_time * 1000:.1f} ms "
          f"({plain_time / floor:.1f}x the minimal document)")
    for lang in ("az", "en"):
        took = best(lambda lang=lang: report(lang), repeat)
        print(f"one report ({lang}, file -> PDF bytes): {took * 1000:.1f} ms; "
              f"ratio {took / floor:.1f} to warm minimal, {took / cold:.1f} to cold minimal (goal <= 3), "
              f"{took / plain_time:.1f} to the same words as plain paragraphs")


def report_all(n: int) -> None:
    with tempfile.TemporaryDirectory(prefix="xborder-bench-") as tmp:
        root = generate_workspace(Path(tmp) / "ws", n)
        xborder = shutil.which("xborder", path=str(Path(sys.executable).parent)) or "xborder"
        cmd = [xborder, "report", "--all", "--as-of", AS_OF.isoformat(), "--lang", "az,en"]
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        took = time.perf_counter() - start
        files = len(list((root / "reports").glob("*.pdf")))
        status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stderr.decode()[:300]}"
        print(f"report --all on {n} assessments ({os.cpu_count()} cores): {took:.1f} s, {files} PDFs, "
              f"{files / took:.0f} PDFs/s, {status}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    one_report(args.repeat)
    report_all(args.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())

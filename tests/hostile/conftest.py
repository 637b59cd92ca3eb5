"""Helpers of the hostile-content tests: run a command in-process and get the exact
bytes it wrote, as a terminal (or a pipe) would receive them."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from xborder.cli.main import main
from xborder.tomlio import dump_toml

Run = Callable[..., tuple[int, bytes, bytes]]

# what must never reach a terminal: C0 controls but line feed, DEL, C1, bidi controls
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
OSC52 = "T \u001b]52;c;ZWNobyBwd25lZCA+IH4vLmJhc2hyYw==\u0007"


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Run:
    """run_cli(*argv) -> (status, stdout bytes, stderr bytes). The streams encode as a
    POSIX locale does (UTF-8, undecodable bytes passed through): what they receive is
    what a terminal or a pipe would."""

    def run(*argv: str) -> tuple[int, bytes, bytes]:
        out, err = io.BytesIO(), io.BytesIO()
        stdout = io.TextIOWrapper(out, encoding="utf-8", errors="surrogateescape", write_through=True)
        stderr = io.TextIOWrapper(err, encoding="utf-8", errors="surrogateescape", write_through=True)
        monkeypatch.setattr(sys, "stdout", stdout)
        monkeypatch.setattr(sys, "stderr", stderr)
        try:
            status = main(list(argv))
        finally:
            monkeypatch.undo()
        stdout.flush()
        stderr.flush()
        return status, out.getvalue(), err.getvalue()

    return run


def assert_safe_text(data: bytes) -> str:
    """The output is valid UTF-8 with no control character a terminal would act on."""
    text = data.decode("utf-8")  # strict: invalid UTF-8 fails here
    found = RAW_CONTROL.search(text)
    assert found is None, f"raw {found.group(0)!r} in output: {text[max(0, found.start() - 60): found.end() + 20]!r}"
    return text


def write_doc(root: Path, doc: dict[str, Any], name: str | None = None) -> Path:
    path = root / "data" / "assessments" / f"{name or doc['id']}.toml"
    path.write_text(dump_toml(doc), encoding="utf-8")
    return path

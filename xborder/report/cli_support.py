"""What the report commands share: comma lists, the progress bar, printing paths."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO


def split_list(values: list[str] | None) -> list[str] | None:
    """["pdf,html", "md"] -> ["pdf", "html", "md"]; None stays None (= the default)."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


class ProgressBar:
    """A one-line progress bar on a terminal; nothing otherwise (the written paths are
    printed as plain lines on stdout anyway)."""

    def __init__(self, stream: TextIO | None = None, width: int = 28):
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.width = width
        self.started = time.monotonic()
        self._last = 0.0

    def __call__(self, done: int, total: int, path: Path) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.05:
            return
        self._last = now
        filled = self.width * done // max(total, 1)
        bar = "█" * filled + "░" * (self.width - filled)
        name = path.name if len(path.name) <= 40 else "…" + path.name[-39:]
        self.stream.write(f"\r\033[K{bar} {done}/{total}  {name}")
        if done >= total:
            self.stream.write("\r\033[K")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def show(workspace_root: Path, path: Path) -> str:
    """A written path as the user should see it: relative to the current folder when
    below it, else relative to the workspace, else as it is."""
    path = Path(path)
    for base in (Path.cwd(), workspace_root):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)

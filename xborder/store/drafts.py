"""Drafts: unsaved work of the wizard, autosaved so that a crash or a kill loses nothing.

A draft lives in the workspace's `.xborder-drafts/` folder (gitignored), never over the
real assessment file. It holds the form's document as the user left it (possibly
invalid: a half-typed date stays a string) and what is needed to save it safely later:
the file it belongs to and the digest of that file when it was opened, so that saving a
recovered draft still refuses to overwrite a file changed on disk in the meantime.

    save_draft(root, draft)      atomic write
    list_drafts(root)            every readable draft, oldest first, plus unreadable files
    discard_draft(root, key)     delete it (after a save, or when the user discards)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from xborder.store.atomic import write_atomic
from xborder.tomlio import TomlError, parse_toml

DRAFTS_DIR = ".xborder-drafts"
DRAFT_VERSION = 1
_KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class DraftError(ValueError):
    """A draft file that cannot be read back (named, never a traceback)."""


@dataclass
class Draft:
    key: str
    """Stable name of the draft: `edit-<id>` for an existing file, `new-<stamp>` for a new one."""
    document: dict[str, Any]
    """The form's document: the assessment as typed so far (may not validate)."""
    target: str = ""
    """Path of the assessment file relative to the workspace ("" while the file is new)."""
    base_sha256: str = ""
    """Digest of the target file when it was opened ("" for a new file)."""
    saved: str = ""
    """When the draft was written (ISO 8601, local time)."""
    path: Path | None = field(default=None, compare=False)

    @property
    def title(self) -> str:
        title = self.document.get("title")
        return title if isinstance(title, str) else ""


def drafts_dir(root: Path) -> Path:
    return Path(root) / DRAFTS_DIR


def draft_path(root: Path, key: str) -> Path:
    if not _KEY_RE.match(key):
        raise ValueError(f"invalid draft key {key!r}")
    return drafts_dir(root) / f"{key}.toml"


def _clean(value: Any) -> Any:
    """TOML has no null: drop None values recursively (an absent key means the same)."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value if v is not None]
    return value


def dump_draft(draft: Draft) -> bytes:
    body = {
        "draft": {
            "version": DRAFT_VERSION,
            "key": draft.key,
            "target": draft.target,
            "base_sha256": draft.base_sha256,
            "saved": draft.saved,
        },
        "document": _clean(draft.document),
    }
    return tomli_w.dumps(body).encode("utf-8")


def save_draft(root: Path, draft: Draft, *, now: dt.datetime | None = None) -> Path:
    """Write `draft` atomically to `.xborder-drafts/<key>.toml`; return its path."""
    moment = now or dt.datetime.now().astimezone()
    draft.saved = moment.isoformat(timespec="seconds")
    path = draft_path(root, draft.key)
    write_atomic(path, dump_draft(draft))
    draft.path = path
    return path


def read_draft(path: Path) -> Draft:
    """Read one draft file; raise DraftError with a one-line reason."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DraftError(f"{path}: cannot read the draft ({exc})") from None
    try:
        raw = parse_toml(text)
    except TomlError as exc:
        raise DraftError(f"{path}:{exc.line or 1}: {exc.message}") from None
    meta = raw.get("draft")
    document = raw.get("document")
    if not isinstance(meta, dict) or not isinstance(document, dict):
        raise DraftError(f"{path}: not an xborder draft (no [draft] and [document] tables)")
    if meta.get("version") != DRAFT_VERSION:
        raise DraftError(f"{path}: unsupported draft version {meta.get('version')!r}")
    return Draft(
        key=str(meta.get("key") or Path(path).stem),
        document=document,
        target=str(meta.get("target", "")),
        base_sha256=str(meta.get("base_sha256", "")),
        saved=str(meta.get("saved", "")),
        path=Path(path),
    )


def list_drafts(root: Path) -> tuple[list[Draft], list[DraftError]]:
    """Every draft in the workspace (oldest first) and the files that could not be read."""
    folder = drafts_dir(root)
    drafts: list[Draft] = []
    errors: list[DraftError] = []
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix == ".toml" and not p.name.startswith("."))
    except (FileNotFoundError, NotADirectoryError):
        return [], []
    for path in paths:
        try:
            drafts.append(read_draft(path))
        except DraftError as exc:
            errors.append(exc)
    drafts.sort(key=lambda d: (d.saved, d.key))
    return drafts, errors


def discard_draft(root: Path, key: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        draft_path(root, key).unlink()

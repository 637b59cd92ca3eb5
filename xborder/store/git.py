"""Assessments in git: the commits that touched a file, its text at a revision, and a
semantic diff a lawyer can read.

Git is used through the `git` command (no library, no server). Everything here is
tolerant: without git, or outside a repository, the functions return None and the
commands say so in one line. Nothing here writes to the repository.

    repo_root(path) -> Path | None
    file_log(path) -> list[Commit] | None           newest first, following renames
    read_at(root, rev, relpath) -> bytes | None
    document_changes(old_doc, new_doc, lang) -> list[str]
    verdict_changes(old_evaluation, new_evaluation, lang) -> list[str]
    notified_baseline(path) -> NotifiedBaseline | None   the version last notified
    changes_since_notified(workspace, assessment_path, lang="en") -> list[str] | None
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xborder.i18n import Texts

if TYPE_CHECKING:
    from xborder.store.workspace import Workspace

GIT_TIMEOUT = 30
"""Seconds before a git command is given up (a hung credential helper, a huge repo)."""


class GitError(Exception):
    """git ran but failed in a way the user must hear about (one line)."""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(LC_ALL="C", LANG="C", GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", GIT_OPTIONAL_LOCKS="0")
    return env


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    """Run git in `cwd`; None when git is not installed (or cannot start)."""
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            env=_env(),
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (FileNotFoundError, PermissionError, NotADirectoryError):
        return None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {GIT_TIMEOUT} s; giving up") from None


def _folder(path: Path) -> Path:
    path = Path(path).absolute()
    return path if path.is_dir() else path.parent


def repo_root(path: Path) -> Path | None:
    """The top folder of the git repository holding `path`; None without git or outside
    a repository. A repository git refuses to use (another owner) raises GitError."""
    folder = _folder(path)
    if not folder.exists():
        return None
    proc = _git(folder, "rev-parse", "--show-toplevel")
    if proc is None:
        return None
    if proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace")
        if "dubious ownership" in stderr:
            raise GitError(
                f"git refuses the repository at {folder} (it belongs to another user): "
                f"run `git config --global --add safe.directory {folder}`"
            )
        return None
    return Path(proc.stdout.decode("utf-8", "replace").strip())


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    date: dt.datetime
    """Author date, with its time zone."""
    author: str
    subject: str
    path: str
    """The file's path (relative to the repository) in this commit (it may have been renamed)."""

    @property
    def short(self) -> str:
        return self.sha[:8]


def relative_path(root: Path, path: Path) -> str:
    """`path` relative to the repository `root`, as git names it (symbolic links of
    folders resolved)."""
    real = Path(os.path.realpath(Path(path).absolute().parent)) / Path(path).name
    try:
        return real.relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        return Path(os.path.relpath(Path(path).absolute(), root)).as_posix()


def file_log(path: Path) -> list[Commit] | None:
    """The commits that touched `path`, newest first, following renames; None outside
    git. A file never committed has an empty log."""
    root = repo_root(path)
    if root is None:
        return None
    rel = relative_path(root, path)
    proc = _git(
        root,
        "log",
        "-z",
        "--follow",
        "--no-color",
        "--name-only",
        "--format=%H%x00%aI%x00%an%x00%s%x00",
        "--",
        rel,
    )
    if proc is None:
        return None
    if proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace")
        if "does not have any commits" in stderr or "bad default revision" in stderr:
            return []
        raise GitError(f"git log failed: {stderr.strip().splitlines()[-1] if stderr.strip() else proc.returncode}")
    return parse_log(proc.stdout, rel)


_SHA = re.compile(rb"[0-9a-f]{40}(?:[0-9a-f]{24})?")


def parse_log(output: bytes, rel: str) -> list[Commit]:
    """Commits from `git log -z --name-only --format=%H%x00%aI%x00%an%x00%s%x00`.

    Every field is NUL-terminated, and NUL is the one byte a commit message or an author
    name cannot hold: a subject with 0x1E or a newline, or an author with escape codes,
    cannot shift the fields. Each record: sha, date, author, subject, an empty field,
    then the file's name (after a newline). Bytes that are not UTF-8 are decoded safely
    (names as the file system does, texts with U+FFFD)."""
    tokens = output.split(b"\0")
    commits = []
    index = 0
    while index + 3 < len(tokens):
        sha = tokens[index].lstrip(b"\n")
        if not _SHA.fullmatch(sha):
            index += 1  # a file name, or what follows the last record
            continue
        date, author, subject = tokens[index + 1 : index + 4]
        index += 4
        while index < len(tokens) and tokens[index] == b"":
            index += 1
        name = rel
        if index < len(tokens) and tokens[index].startswith(b"\n") and not _starts_record(tokens, index):
            name = os.fsdecode(tokens[index][1:]) or rel
            index += 1
        commits.append(
            Commit(
                sha=sha.decode("ascii"),
                date=_git_date(date),
                author=author.decode("utf-8", "replace"),
                subject=subject.decode("utf-8", "replace"),
                path=name,
            )
        )
    return commits


def _starts_record(tokens: list[bytes], index: int) -> bool:
    """Whether tokens[index] is the sha of the next record (a commit that listed no name)."""
    return bool(_SHA.fullmatch(tokens[index].lstrip(b"\n"))) and bool(
        index + 1 < len(tokens) and re.match(rb"[0-9]{4}-[0-9]{2}-[0-9]{2}T", tokens[index + 1])
    )


def _git_date(value: bytes) -> dt.datetime:
    """git's strict ISO date; the epoch if git ever wrote something else (never raise)."""
    try:
        return dt.datetime.fromisoformat(value.decode("ascii", "replace"))
    except ValueError:
        return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def read_at(root: Path, rev: str, relpath: str) -> bytes | None:
    """The file's bytes at `rev`; None if it did not exist there (or no git)."""
    proc = _git(root, "show", f"{rev}:{relpath}")
    if proc is None or proc.returncode != 0:
        return None
    return proc.stdout


def resolve_rev(root: Path, rev: str) -> str | None:
    """The full commit id of `rev` (a sha, tag, branch, HEAD~2 ...); None if unknown."""
    if rev.startswith("-"):
        return None
    proc = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if proc is None or proc.returncode != 0:
        return None
    return proc.stdout.decode().strip()


def is_modified(path: Path) -> bool:
    """The working file differs from the committed one (or is not committed yet)."""
    root = repo_root(path)
    if root is None:
        return False
    proc = _git(root, "status", "--porcelain", "--", relative_path(root, path))
    return bool(proc is not None and proc.returncode == 0 and proc.stdout.strip())


# -- semantic diff ----------------------------------------------------------------------

LIFECYCLE_KEYS = ("status", "next_review", "assessor", "approval")
"""Bookkeeping of the review, left out of "changes since notified"."""


def _words(lang: str) -> Texts:
    return Texts("git", lang)


def _fmt(value: Any, lang: str) -> str:
    words = _words(lang)
    if value is None:
        return words("none")
    if isinstance(value, bool):
        return words("yes") if value else words("no")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_fmt(v, lang) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {_fmt(v, lang)}" for k, v in value.items()) + "}"
    text = " ".join(str(value).split())
    if len(text) > 80:
        text = text[:77] + "…"
    return f"“{text}”" if isinstance(value, str) else text


def _walk(old: Any, new: Any, path: str, lang: str, out: list[str]) -> None:
    if old == new:
        return
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        keys = list(new.keys()) + [k for k in old if k not in new]
        for key in keys:
            _walk(old.get(key), new.get(key), f"{path}.{key}" if path else str(key), lang, out)
        return
    if isinstance(old, Mapping) and new is None:
        for key, value in old.items():
            _walk(value, None, f"{path}.{key}", lang, out)
        return
    if old is None and isinstance(new, Mapping):
        for key, value in new.items():
            _walk(None, value, f"{path}.{key}", lang, out)
        return
    words = _words(lang)
    if (
        isinstance(old, list) and isinstance(new, list)
        and all(isinstance(v, str) for v in [*old, *new])
    ):
        added = [v for v in new if v not in old]
        removed = [v for v in old if v not in new]
        parts = []
        if added:
            parts.append(f"{words('added')} " + ", ".join(_fmt(v, lang) for v in added))
        if removed:
            parts.append(f"{words('removed')} " + ", ".join(_fmt(v, lang) for v in removed))
        if not parts:  # same items, another order
            parts.append(f"{_fmt(old, lang)} → {_fmt(new, lang)}")
        out.append(f"{path}: " + "; ".join(parts))
        return
    out.append(f"{path}: {_fmt(old, lang)} → {_fmt(new, lang)}")


def _transfers(doc: Mapping[str, Any] | None) -> dict[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    items = doc.get("transfers") if doc else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, Mapping):
                key = item.get("id")
                found[key if isinstance(key, str) and key not in found else f"#{index + 1}"] = item
    return found


def _describe_transfer(item: Mapping[str, Any]) -> str:
    recipient = item.get("recipient")
    name = recipient.get("name") if isinstance(recipient, Mapping) else None
    bits = [str(item.get("country") or "?")]
    if name:
        bits.append(str(name))
    return " (" + ", ".join(bits) + ")"


def document_changes(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    lang: str = "en",
    *,
    skip: Sequence[str] = (),
) -> list[str]:
    """What changed between two versions of an assessment document (parsed TOML), one
    line per change, keys as in the file; transfers are matched by id, not position."""
    words = _words(lang)
    if old is None and new is None:
        return []
    if old is None:
        return [words("created")]
    if new is None:
        return [words("deleted")]
    out: list[str] = []
    keys = [k for k in new if k != "transfers"] + [
        k for k in old if k not in new and k != "transfers"
    ]
    for key in keys:
        if key in skip:
            continue
        _walk(old.get(key), new.get(key), key, lang, out)
    old_t, new_t = _transfers(old), _transfers(new)
    for tid, item in new_t.items():
        if tid not in old_t:
            out.append(f"{words('transfer_added')}: {tid}{_describe_transfer(item)}")
            continue
        inner: list[str] = []
        _walk(old_t[tid], item, "", lang, inner)
        out.extend(f"{words('transfer')} {tid}: {line}" for line in inner)
    for tid, item in old_t.items():
        if tid not in new_t:
            out.append(f"{words('transfer_removed')}: {tid}{_describe_transfer(item)}")
    return out


def verdict_diff(old: Any, new: Any) -> list[tuple[str | None, str | None, str | None]]:
    """(transfer id or None for the assessment, verdict before, verdict after) for each
    verdict that differs between two Evaluations (either may be None: not loadable, its
    verdict "invalid"). A transfer added or removed has None on the side it is absent
    from (when both versions load)."""
    out: list[tuple[str | None, str | None, str | None]] = []
    old_v = old.verdict if old is not None else "invalid"
    new_v = new.verdict if new is not None else "invalid"
    if old_v != new_v:
        out.append((None, old_v, new_v))
    if old is None or new is None:
        return out
    old_t = {t.id: t.verdict for t in old.transfers}
    new_t = {t.id: t.verdict for t in new.transfers}
    for tid, verdict in new_t.items():
        if old_t.get(tid) != verdict:
            out.append((tid, old_t.get(tid), verdict))
    out.extend((tid, verdict, None) for tid, verdict in old_t.items() if tid not in new_t)
    return out


def verdict_changes(
    old: Any, new: Any, lang: str = "en", label: Callable[[str], str] | None = None
) -> list[str]:
    """Verdict lines between two Evaluations (either may be None: not loadable);
    `label(verdict)` names a verdict for people (default: its key)."""
    words = _words(lang)
    name = label or (lambda verdict: verdict)

    def show(verdict: str | None) -> str:
        return words("none") if verdict is None else name(verdict)

    out: list[str] = []
    for tid, before, after in verdict_diff(old, new):
        if tid is None:
            out.append(f"{words('verdict')}: {show(before)} → {show(after)}")
        else:
            out.append(f"{words('transfer')} {tid}: {words('verdict')} {show(before)} → {show(after)}")
    return out


def parse_version(data: bytes | None) -> dict[str, Any] | None:
    """A version's document, or None if it is not readable TOML."""
    if data is None:
        return None
    from xborder.tomlio import TomlError, parse_toml

    try:
        return parse_toml(data.decode("utf-8"))
    except (UnicodeDecodeError, TomlError):
        return None


# -- for reports ------------------------------------------------------------------------
def last_notified(document: Mapping[str, Any]) -> dt.date | None:
    """The latest `notification.sent` of any transfer in a document."""
    latest = None
    for item in _transfers(document).values():
        notification = item.get("notification")
        sent = notification.get("sent") if isinstance(notification, Mapping) else None
        if isinstance(sent, str):
            try:
                sent = dt.date.fromisoformat(sent)
            except ValueError:
                sent = None
        if isinstance(sent, dt.date) and not isinstance(sent, dt.datetime):
            latest = sent if latest is None or sent > latest else latest
    return latest


@dataclass(frozen=True, slots=True)
class NotifiedBaseline:
    """The version of an assessment the authority was last notified of."""

    sent: dt.date
    """The latest `notification.sent` of the file's transfers (in the file now)."""
    commit: Commit
    """The last commit of the file on or before that day."""
    document: dict[str, Any]
    """The file as it was in that commit."""
    current: dict[str, Any]
    """The file as it is now."""

    def changes(self, lang: str = "en") -> list[str]:
        """What changed since, one line per change, review bookkeeping left out."""
        return document_changes(self.document, self.current, lang, skip=LIFECYCLE_KEYS)


def notified_baseline(assessment_path: Path) -> NotifiedBaseline | None:
    """The version of the file as committed on or before the day the authority was last
    notified (the latest `notification.sent` of its transfers in the working file).

    None when there is nothing to compare with: outside git (or without git), a file
    that is not readable TOML, no transfer notified yet, or no version committed on or
    before that day (nor one readable)."""
    path = Path(assessment_path)
    try:
        root = repo_root(path)
        if root is None:
            return None
        current = parse_version(path.read_bytes())
        if current is None:
            return None
        sent = last_notified(current)
        if sent is None:
            return None
        log = file_log(path)
        if not log:
            return None
        baseline = next((c for c in log if c.date.date() <= sent), None)
        if baseline is None:
            return None
        before = parse_version(read_at(root, baseline.sha, baseline.path))
    except (GitError, OSError):
        return None
    if before is None:
        return None
    return NotifiedBaseline(sent, baseline, before, current)


def coverage_from_history(assessment_path: Path, transfer_id: str, sent: dt.date) -> dict[str, Any] | None:
    """What a notice sent on `sent` covered, from git: the transfer `transfer_id` as
    committed on or before that day (country, recipient name, data categories), or None
    when no such version holds it (outside git, never committed by then, unreadable)."""
    path = Path(assessment_path)
    try:
        root = repo_root(path)
        log = file_log(path) if root is not None else None
        if root is None or not log:
            return None
        baseline = next((c for c in log if c.date.date() <= sent), None)
        if baseline is None:
            return None
        document = parse_version(read_at(root, baseline.sha, baseline.path))
    except (GitError, OSError):
        return None
    if document is None:
        return None
    item = _transfers(document).get(transfer_id)
    if item is None:
        return None
    recipient = item.get("recipient")
    country = item.get("country")
    name = recipient.get("name") if isinstance(recipient, Mapping) else None
    if not isinstance(country, str) or not isinstance(name, str):
        return None
    data = item.get("data")
    if data is None:
        processing = document.get("processing")
        processing = processing if isinstance(processing, Mapping) else {}
        data = [*processing.get("data", []), *processing.get("special", [])]
    if not isinstance(data, list) or not all(isinstance(key, str) for key in data):
        return None
    return {"country": country.strip().upper(), "recipient": name, "data": list(data)}


def changes_since_notified(
    workspace: Workspace, assessment_path: Path, lang: str = "en"
) -> list[str] | None:
    """What changed in the assessment since the authority was last notified (the latest
    `notification.sent` of its transfers): the file as committed on or before that day
    compared with the working file, one line per change, review bookkeeping (status,
    approval, next_review, assessor) left out. [] when nothing changed.

    None when there is nothing to compare with (see notified_baseline). The same
    comparison on the command line: `xborder diff ID --since-notified`."""
    del workspace  # the repository is found from the file; kept for a stable signature
    baseline = notified_baseline(Path(assessment_path))
    return None if baseline is None else baseline.changes(lang)

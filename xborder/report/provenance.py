"""Where a document's facts come from: the assessment file's hash and its state in git.

Git is asked through the `git` command; no git, or a workspace outside a repository,
simply gives state "none". One batch of git calls serves any number of files.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

GitState = str
"""none (not in a repository, or no git) | clean | modified | untracked"""


@dataclass(frozen=True, slots=True)
class Provenance:
    file: str
    """The assessment file, relative to the workspace (never an absolute path)."""
    sha256: str
    commit: str | None = None
    """The last commit that changed the file (None when never committed or no git)."""
    git: GitState = "none"


def _git(root: Path, *args: str) -> str | None:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            check=False,
            timeout=60,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "surrogateescape")


def git_states(root: Path, paths: list[Path]) -> dict[Path, tuple[str | None, GitState]]:
    """path -> (last commit of the file, state) for files inside a git work tree.
    Paths outside a repository (or without git) are left out: state "none"."""
    if not paths:
        return {}
    top_text = _git(root, "rev-parse", "--show-toplevel")
    if top_text is None:
        return {}
    top = Path(top_text.strip()).resolve()
    rel: dict[str, Path] = {}
    for path in paths:
        try:
            rel[Path(path).resolve().relative_to(top).as_posix()] = path
        except ValueError:
            continue
    if not rel:
        return {}
    specs = sorted(rel)
    status = _git(top, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *specs) or ""
    states: dict[str, GitState] = {name: "clean" for name in rel}
    entries = status.split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) < 4:
            continue
        code, name = entry[:2], entry[3:]
        if code[0] in "RC":
            i += 1  # the rename's source path follows
        if name in states:
            states[name] = "untracked" if code == "??" else "modified"
    commits: dict[str, str] = {}
    log = _git(top, "log", "--format=%x1e%H", "--name-only", "--no-renames", "--", *specs) or ""
    for chunk in log.split("\x1e"):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        sha, names = lines[0].strip(), lines[1:]
        for name in names:
            if name in rel and name not in commits:
                commits[name] = sha
    out: dict[Path, tuple[str | None, GitState]] = {}
    for name, path in rel.items():
        state = states[name]
        commit = commits.get(name)
        if commit is None and state == "clean":
            state = "untracked"  # ignored or never added
        out[path] = (commit, state)
    return out

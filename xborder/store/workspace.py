"""Workspaces: a folder with xborder.toml, data/assessments/*.toml and reports/."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from xborder.model.assessment import ID_PATTERN
from xborder.model.workspace import Settings
from xborder.tomlio import TomlError, locate, parse_toml

if TYPE_CHECKING:
    from xborder.reference import Reference
    from xborder.store.assessments import LoadResult
    from xborder.store.recipients import Catalogue

SETTINGS_FILE = "xborder.toml"
_ID_RE = re.compile(ID_PATTERN)
ASSESSMENTS_DIR = Path("data") / "assessments"


class WorkspaceError(Exception):
    """The workspace cannot be used (no xborder.toml, or a broken one)."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None, column: int | None = None):
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        if path is not None and line is not None:
            text = f"{path}:{line}:{column or 1}: {message}"
        elif path is not None:
            text = f"{path}: {message}"
        else:
            text = message
        super().__init__(text)


def scan_folder(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The assessment files of a folder (`*.toml`, not hidden), sorted by name, and the
    files skipped that look like assessment files, each with the reason (a Msg)."""
    from xborder.model.text import Msg

    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return [], []
    files = []
    skipped: list[tuple[Path, str]] = []
    for entry in entries:
        name = entry.name
        if not name.lower().endswith(".toml"):
            continue
        if name.startswith("."):
            skipped.append((Path(entry.path), Msg("error.hidden_file")))
        elif name.endswith(".toml"):
            files.append(Path(entry.path))
        else:
            skipped.append(
                (
                    Path(entry.path),
                    Msg("error.upper_case_toml"),
                )
            )
    return sorted(files), sorted(skipped)


def find_workspace(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` that holds xborder.toml."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    return None


def load_settings(path: Path) -> Settings:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WorkspaceError(f"cannot read: {exc.strerror or exc}", path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from xborder.store.assessments import not_utf8

        reason, bad_line, bad_column = not_utf8(data, exc)
        raise WorkspaceError(reason, path, bad_line, bad_column) from None
    from xborder.store.assessments import BOM_MESSAGE, syntax_message, text_problem

    if text.startswith("\ufeff"):
        raise WorkspaceError(BOM_MESSAGE, path, 1, 1)

    problem = text_problem(text)
    if problem is not None:
        raise WorkspaceError(problem[0], path, problem[1], problem[2])
    try:
        raw = parse_toml(text)
    except TomlError as exc:
        raise WorkspaceError(syntax_message(text, exc), path, exc.line, exc.column) from None
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        from xborder.store.assessments import describe_error

        loc, message = describe_error(dict(exc.errors(include_url=False)[0]))
        line, column = locate(text, loc)
        raise WorkspaceError(message, path, line, column) from None


@dataclass
class Workspace:
    root: Path
    settings: Settings
    reference: Reference

    @property
    def settings_path(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def assessments_dir(self) -> Path:
        return self.root / ASSESSMENTS_DIR

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    def assessment_path(self, assessment_id: str) -> Path:
        """data/assessments/<id>.toml; ValueError for a string that is not a valid id
        (so that no id such as "../x" can name a file elsewhere)."""
        if not _ID_RE.fullmatch(assessment_id):
            raise ValueError(f"invalid assessment id {assessment_id!r}: use a-z, 0-9 and '-', up to 64")
        return self.assessments_dir / f"{assessment_id}.toml"

    def assessment_files(self) -> list[Path]:
        """Every *.toml in data/assessments, sorted by name (hidden files skipped;
        skipped_files() names them)."""
        return scan_folder(self.assessments_dir)[0]

    def skipped_files(self) -> list[tuple[Path, str]]:
        """Files in data/assessments that look like assessments but are not read
        (hidden, or `.TOML` in other letters), with the reason: to report, never to hide."""
        return scan_folder(self.assessments_dir)[1]

    def relative(self, path: Path) -> str:
        """`path` relative to the workspace root when inside it (for output)."""
        text = str(path)
        prefix = str(self.root) + os.sep
        if text.startswith(prefix):
            return text[len(prefix):].replace(os.sep, "/")
        try:
            return Path(os.path.relpath(Path(path).absolute(), self.root)).as_posix()
        except ValueError:
            return str(path)

    def load(self, path: Path) -> LoadResult:
        from xborder.store.assessments import LoadError, LoadResult, load_assessment

        outside = self.escapes(path)
        if outside is not None:
            message = (
                f"symbolic link to a file outside the workspace ({outside}): not read; "
                "keep assessments inside the workspace"
            )
            return LoadResult(Path(path), None, [LoadError(Path(path), message)])
        return load_assessment(path, self.reference, self.recipients)

    @property
    def recipients(self) -> Catalogue:
        """The recipient catalogue (data/recipients), each file read once per workspace."""
        catalogue = self.__dict__.get("_recipients")
        if catalogue is None:
            from xborder.store.recipients import Catalogue

            catalogue = self.__dict__["_recipients"] = Catalogue(self.root)
        return catalogue

    def escapes(self, path: Path) -> Path | None:
        """For a symbolic link inside the workspace that leads to a file outside it:
        where it leads. None otherwise (a file named outside the workspace on the command
        line is the user's choice; a linked folder is a deliberate setup)."""
        if not os.path.islink(path):  # the common case, without building paths
            return None
        path = Path(os.path.abspath(path))
        if not path.is_symlink() or not path.is_relative_to(os.path.abspath(self.root)):
            return None
        real = Path(os.path.realpath(path))
        for inside in (self.root, path.parent):
            if real.is_relative_to(os.path.realpath(inside)):
                return None
        return real

    def load_all(self) -> Iterator[LoadResult]:
        for path in self.assessment_files():
            yield self.load(path)

    def find(self, assessment_id: str) -> Path | None:
        if not _ID_RE.fullmatch(assessment_id):
            return None
        path = self.assessment_path(assessment_id)
        return path if path.is_file() else None


def open_workspace(root: Path | None = None, *, search: bool = True) -> Workspace:
    """Open the workspace at `root` (or the nearest one above the current folder)."""
    from xborder.reference import ReferenceError
    from xborder.rules.registry import load_reference

    if root is not None and not search:
        folder = Path(root).resolve()
        if not (folder / SETTINGS_FILE).is_file():
            raise WorkspaceError(
                f"no {SETTINGS_FILE} in {folder}: create a workspace with `xborder init {folder}`"
            )
    else:
        found = find_workspace(root)
        if found is None:
            where = Path(root or Path.cwd()).resolve()
            raise WorkspaceError(
                f"no {SETTINGS_FILE} in {where} or any folder above it: "
                "create a workspace with `xborder init`, or name one with --workspace DIR"
            )
        folder = found
    settings = load_settings(folder / SETTINGS_FILE)
    try:
        reference = load_reference(folder / "data")
    except ReferenceError as exc:
        raise WorkspaceError(exc.message, exc.path, exc.line, exc.column) from None
    reference = reference.with_policies(settings.policies, settings.operator.policy)
    _check_policies(folder / SETTINGS_FILE, settings, reference)
    return Workspace(folder, settings, reference)


def _check_policies(path: Path, settings: Settings, reference: Reference) -> None:
    """xborder.toml's own profiles have ids like an assessment's, and its default names
    a profile that exists (shipped or its own)."""
    from xborder.model.policy import POLICY_ID

    text = path.read_text(encoding="utf-8")
    for policy_id in settings.policies:
        if not POLICY_ID.fullmatch(policy_id):
            line, column = locate(text, ("policies", policy_id))
            raise WorkspaceError(
                f"policies.{policy_id}: a profile id is lower-case letters, digits and hyphens",
                path, line, column,
            )
    default = settings.operator.policy
    if default and default not in reference.policies:
        line, column = locate(text, ("operator", "policy"))
        raise WorkspaceError(
            f"operator.policy: unknown policy profile {default!r} "
            f"(known: {', '.join(sorted(reference.policies))})",
            path, line, column,
        )

"""Storage: reading and writing assessment files and workspaces (TOML, atomic)."""

from xborder.store.assessments import (
    MAX_FILE_BYTES,
    LoadError,
    LoadResult,
    dump_assessment,
    load_assessment,
    load_assessment_text,
    save_assessment,
)
from xborder.store.atomic import write_atomic
from xborder.store.workspace import (
    SETTINGS_FILE,
    Workspace,
    WorkspaceError,
    find_workspace,
    open_workspace,
)

__all__ = [
    "MAX_FILE_BYTES",
    "SETTINGS_FILE",
    "LoadError",
    "LoadResult",
    "Workspace",
    "WorkspaceError",
    "dump_assessment",
    "find_workspace",
    "load_assessment",
    "load_assessment_text",
    "open_workspace",
    "save_assessment",
    "write_atomic",
]

"""xborder init [DIR]"""

from __future__ import annotations

import argparse
from pathlib import Path

from xborder.cli.common import CLIError, out

NAME = "init"
ORDER = 5
HELP = "create a new workspace (asks nothing; ready for git)"

SETTINGS_TEMPLATE = """\
# xborder workspace settings. Every key has a default; see the README.
# Assessments live in data/assessments/<id>.toml, one file each.

[operator]              # defaults for new assessments
name = ""               # e.g. "CHARGE.AZ LLC"
tin = ""                # VÖEN
address = ""
contact = ""
responsible = ""        # person responsible for organising the processing
signatory_name = ""     # who signs the notice: the head or a person authorised to sign
signatory_position = "" # their position, e.g. "Direktor"
intent_notice_number = ""  # your notice of intent to process personal data (number;
                           # its date: intent_notice_date = YYYY-MM-DD)
policy = ""             # your policy's profile, for truthful citations: a shipped one
                        # (ims-engineering, charge-az, pro-bpm, alqoritmika, e-legal) or
                        # your own under [policies.ID] below (see the README)

[reports]
languages = ["az", "en"]

[ui]
language = "az"         # az | en

[review]
period_months = 12      # approving an assessment sets its next review this far ahead

[authority]             # the addressee of the notice; empty: the authority of the rulebook
name = ""               # (az: the Electronic Security Service, see `xborder rules`)
address = ""
"""

GITIGNORE = """\
# xborder: unsaved wizard drafts (recoverable, never committed)
.xborder-drafts/
# xborder: a save interrupted by a crash may leave its temporary file (the real file is intact)
.*.toml.*.tmp
"""

GITATTRIBUTES = """\
*.toml text eol=lf
reports/** binary
"""

TAPLO = """\
# Editor support (taplo / Even Better TOML): validate and complete assessment files.
# After upgrading xborder: xborder schema > .xborder/assessment.schema.json
[[rule]]
include = ["data/assessments/*.toml"]

[rule.schema]
path = "./.xborder/assessment.schema.json"

[rule.formatting]       # the layout xborder writes, so editor and xborder agree
indent_string = "    "
indent_tables = false
array_trailing_comma = true
array_auto_expand = true
array_auto_collapse = false
compact_arrays = true
reorder_keys = false
align_entries = false
align_comments = false

# The recipient catalogue: xborder schema --recipient > .xborder/recipient.schema.json
[[rule]]
include = ["data/recipients/*.toml"]

[rule.schema]
path = "./.xborder/recipient.schema.json"
"""


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", nargs="?", default=".", help="the folder (default: the current one)")


def _undo(created: list[Path]) -> None:
    """Remove what init created, newest first (folders only if empty): a failed init
    leaves the folder as it found it."""
    import contextlib

    for path in reversed(created):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink()


def run(args: argparse.Namespace) -> int:
    from xborder.model.schema import recipient_schema, render_schema
    from xborder.rules.schema import shipped_schema_text
    from xborder.store.atomic import write_atomic

    root = Path(args.dir).resolve()
    settings = root / "xborder.toml"
    if settings.exists():
        raise CLIError(f"{settings} already exists: this folder is a workspace already")
    if root.exists() and not root.is_dir():
        raise CLIError(f"{root} is not a folder")
    files = {
        settings: SETTINGS_TEMPLATE,
        root / ".taplo.toml": TAPLO,
        root / ".xborder" / "assessment.schema.json": shipped_schema_text(),
        root / ".xborder" / "recipient.schema.json": render_schema(recipient_schema()),
        root / "reports" / ".gitkeep": "",
    }
    for name, text in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
        if not (root / name).exists():
            files[root / name] = text
    # the settings last: a workspace is only a workspace once everything else is there
    files[settings] = files.pop(settings)
    created: list[Path] = []
    try:
        missing = [folder for folder in reversed((root, *root.parents)) if not folder.exists()]
        for folder in (*missing, root / "data", root / "data" / "assessments", root / ".xborder", root / "reports"):
            if not folder.is_dir():
                folder.mkdir()
                created.append(folder)
        for path, text in files.items():
            if path.exists() and path != settings:
                continue
            created.append(path)
            write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        _undo(created)
        where = exc.filename or root
        raise CLIError(
            f"cannot create the workspace in {root}: {where}: {exc.strerror or exc}; nothing was left behind"
        ) from None
    out(f"Created an xborder workspace in {root}")
    out("  xborder.toml           settings: fill in [operator]")
    out("  data/assessments/      one assessment per file")
    out("  reports/               generated reports")
    out("Next: `xborder` opens the wizard; `xborder check` checks; `git init && git add -A && git commit -m 'xborder workspace'`.")
    return 0

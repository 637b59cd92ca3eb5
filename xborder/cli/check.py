"""`xborder check` (FORMAT.md): verdicts for assessment files, exit status for CI."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from xborder.cli.common import EXIT_BLOCKED, EXIT_INVALID, EXIT_OK, CLIError, Style, out
from xborder.i18n import gettext, ngettext
from xborder.model.text import in_lang
from xborder.reference.loader import SharedJSON
from xborder.safe_text import for_json, for_terminal
from xborder.store.workspace import Workspace

try:  # the C escaper json.dumps uses when ensure_ascii=False
    from _json import encode_basestring as _encode_str
except ImportError:  # pragma: no cover - other Pythons
    from json.encoder import py_encode_basestring as _encode_str

PARALLEL_THRESHOLD = 400
"""Below this many files one process is faster than starting workers."""


def collect_paths(workspace: Workspace, paths: Sequence[str]) -> list[Path]:
    """Files named, folders expanded to their *.toml (sorted), a workspace folder to
    its data/assessments; default: the workspace's."""
    return collect(workspace, paths)[0]


def collect(workspace: Workspace, paths: Sequence[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """collect_paths, with the files skipped in the folders read (hidden, or `.TOML`) and
    why. A folder named on the command line that holds no assessment file is an error
    (exit 2): `check some/dir` must not pass a gate by checking nothing."""
    from xborder.store.workspace import ASSESSMENTS_DIR, SETTINGS_FILE, scan_folder

    if not paths:
        return scan_folder(workspace.assessments_dir)
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            is_workspace = (path / SETTINGS_FILE).is_file()
            if is_workspace:  # a workspace: its assessments, not its settings
                path = path / ASSESSMENTS_DIR
            found, passed = scan_folder(path)
            if not found and not is_workspace:
                raise CLIError(
                    f"{for_terminal(item)}: a folder without assessment files (*.toml); "
                    "name assessment files, a folder of them or a workspace"
                )
            files.extend(found)
            skipped.extend(passed)
        elif path.exists() or path.suffix == ".toml":
            files.append(path)
        else:
            raise CLIError(f"{for_terminal(item)}: no such file or folder")
    return files, skipped


def check_one(workspace: Workspace, path: Path, as_of: dt.date, lang: str) -> dict[str, Any]:
    """One file's entry of the JSON report."""
    from xborder.model.recipients import sources
    from xborder.rules import evaluate

    result = workspace.load(path)
    entry: dict[str, Any] = {"file": workspace.relative(path)}
    if result.assessment is None:
        entry.update(
            id=path.stem,
            verdict="invalid",
            errors=[error.to_json(lang) for error in result.errors],
            findings=[],
            transfers=[],
        )
        return entry
    assessment = result.assessment
    evaluation = evaluate(assessment, workspace.reference, as_of)
    entry.update(
        id=assessment.id,
        verdict=evaluation.verdict,
        errors=[],
        findings=[_finding_json(f, lang) for f in evaluation.findings],
        transfers=[
            {
                "id": t.id,
                "country": t.country,
                "adequate": t.adequate,
                "verdict": t.verdict,
                "findings": [_finding_json(f, lang) for f in t.findings],
                "recipient": assessment.transfers[i].recipient.name,
                "adequacy_source": t.adequacy.source,
                "recipient_ref": assessment.transfers[i].recipient.ref,
            }
            for i, t in enumerate(evaluation.transfers)
        ],
        title=assessment.title,
        status=assessment.status,
        jurisdiction=assessment.jurisdiction,
        rulebook_version=evaluation.rulebook_version,
        adequacy_version=evaluation.adequacy_version,
    )
    for transfer, data in zip(assessment.transfers, entry["transfers"], strict=True):
        if transfer.recipient.ref is not None:  # without a reference every value is the file's own
            data["recipient_sources"] = sources(transfer)
    return entry


def _finding_json(finding: Any, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = finding.to_json(lang)
    data["sources"] = finding.sources
    return data


# -- parallel evaluation ----------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker(
    root: str, settings: Any, reference: Any, as_of: dt.date, lang: str, fmt: str
) -> None:
    """The parent's workspace, reference data included: a worker must judge with
    exactly what the parent would (not reload data/ from a folder that, outside any
    workspace, is just the current one)."""
    _WORKER.update(ws=Workspace(Path(root), settings, reference), as_of=as_of, lang=lang, fmt=fmt)


def _pack(entry: dict[str, Any], fmt: str) -> tuple[str, bool, Any]:
    """(verdict, any transfer blocked, payload): JSON text for json, the entry for text."""
    # a blocked transfer, or a blocker of the assessment itself (the authority's request
    # left unanswered past its 30 days): the assessment's verdict is blocked either way
    blocked = entry["verdict"] == "blocked" or any(t["verdict"] == "blocked" for t in entry["transfers"])
    payload = for_json(_entry_json(entry)) if fmt == "json" else entry
    return entry["verdict"], blocked, payload


_SHARED: dict[tuple[int, str], tuple[Any, str]] = {}
"""(id, indent) -> (the SharedJSON value, its text); the value is held so its id is not reused."""


def _entry_json(entry: dict[str, Any]) -> str:
    """The entry as it sits in the report: json.dumps(entry, ensure_ascii=False,
    indent=2), indented by four more spaces. Same bytes, several times faster."""
    return dumps_indented(entry, "    ")


def dumps_indented(value: Any, indent: str = "") -> str:
    """Exactly `json.dumps(value, ensure_ascii=False, indent=2)` with every line after
    the first indented by `indent`.

    json.dumps falls back to its pure-Python encoder whenever `indent` is given; for
    10,000 assessments that encoder alone cost more than parsing the files. This emitter
    walks the same structure with the C string escaper; what it does not know (floats,
    subclasses, keys that are not strings) it leaves to json.dumps."""
    cls = value.__class__
    if cls is str:
        return _encode_str(value)
    if cls is SharedJSON:  # e.g. a rule's basis, the same in thousands of findings
        key = (id(value), indent)
        known = _SHARED.get(key)
        if known is None or known[0] is not value:
            known = _SHARED[key] = (value, dumps_indented(list(value), indent))
        return known[1]
    if cls is dict:
        if not value:
            return "{}"
        inner = indent + "  "
        parts = []
        for key, item in value.items():
            if key.__class__ is not str:
                return _stdlib(value, indent)
            kind = item.__class__
            if kind is str:
                text = _encode_str(item)
            elif kind is list and item and all(x.__class__ is str for x in item):
                deeper = inner + "  "
                text = (
                    "[\n" + deeper + (",\n" + deeper).join(map(_encode_str, item))
                    + "\n" + inner + "]"
                )
            elif kind is bool:
                text = "true" if item else "false"
            elif item is None:
                text = "null"
            else:
                text = dumps_indented(item, inner)
            parts.append(_encode_str(key) + ": " + text)
        return "{\n" + inner + (",\n" + inner).join(parts) + "\n" + indent + "}"
    if cls is list or cls is tuple:
        if not value:
            return "[]"
        inner = indent + "  "
        parts = [
            _encode_str(item) if item.__class__ is str else dumps_indented(item, inner)
            for item in value
        ]
        return "[\n" + inner + (",\n" + inner).join(parts) + "\n" + indent + "]"
    if value is None:
        return "null"
    if cls is bool:
        return "true" if value else "false"
    if cls is int:
        return int.__repr__(value)
    return _stdlib(value, indent)


def _stdlib(value: Any, indent: str) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def _check_chunk(paths: list[str]) -> list[tuple[str, bool, Any]]:
    ws, as_of, lang, fmt = _WORKER["ws"], _WORKER["as_of"], _WORKER["lang"], _WORKER["fmt"]
    return [_pack(check_one(ws, Path(p), as_of, lang), fmt) for p in paths]


def evaluate_files(
    workspace: Workspace,
    files: list[Path],
    as_of: dt.date,
    lang: str,
    fmt: str = "text",
    jobs: int | None = None,
) -> Iterator[tuple[str, bool, Any]]:
    """(verdict, blocked, payload) per file in file order, on all cores for large sets.
    Workers serialise their own JSON, so the parent only streams text."""
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(files) < PARALLEL_THRESHOLD:
        for path in files:
            yield _pack(check_one(workspace, path, as_of, lang), fmt)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(50, len(files) // (jobs * 8))
    chunks = [[str(p) for p in files[i : i + chunk]] for i in range(0, len(files), chunk)]
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_init_worker,
        initargs=(str(workspace.root), workspace.settings, workspace.reference, as_of, lang, fmt),
    ) as pool:
        for results in pool.map(_check_chunk, chunks):
            yield from results


# -- output -----------------------------------------------------------------------------
VERDICT_ORDER = ("permitted", "pending", "incomplete", "blocked", "invalid")


def run(workspace: Workspace, paths: Sequence[str], as_of: dt.date, fmt: str, lang: str) -> int:
    files, skipped = collect(workspace, paths)
    summary = {verdict: 0 for verdict in VERDICT_ORDER}
    any_blocked = False
    results = evaluate_files(workspace, files, as_of, lang, fmt)
    if fmt == "json":
        write = sys.stdout.write
        write('{\n  "as_of": ' + json.dumps(as_of.isoformat()) + ',\n  "assessments": [')
        for index, (verdict, blocked, text) in enumerate(results):
            summary[verdict] += 1
            any_blocked = any_blocked or blocked
            write(("," if index else "") + "\n    " + text)
        tail: dict[str, Any] = {
            "summary": summary,
            "rulebook": {"id": "az", "version": workspace.reference.rulebook.meta.version},
            "adequacy": workspace.reference.adequacy_list(),
        }
        if skipped:
            tail["skipped"] = [
                {"file": workspace.relative(path), "reason": in_lang(reason, lang)} for path, reason in skipped
            ]
        body = for_json(json.dumps(tail, ensure_ascii=False, indent=2)[1:-2])
        write(("\n  ]," if files else "],") + body + "\n}\n")
    else:
        entries = []
        for verdict, blocked, entry in results:
            summary[verdict] += 1
            any_blocked = any_blocked or blocked
            entries.append(entry)
        print_text(workspace, entries, summary, as_of, lang, skipped)
    if summary["invalid"]:
        return EXIT_INVALID
    return EXIT_BLOCKED if any_blocked else EXIT_OK


SEVERITY_MARK = {"blocker": "✗", "missing": "?", "pending": "…", "advice": "i"}


def print_text(
    workspace: Workspace,
    entries: list[dict[str, Any]],
    summary: dict[str, int],
    as_of: dt.date,
    lang: str,
    skipped: Sequence[tuple[Path, str]] = (),
) -> None:
    from xborder.i18n import upper

    ref = workspace.reference
    style = Style(sys.stdout)
    if not entries:
        out(gettext(lang, "cli.check.none"))
    for entry in entries:
        verdict = entry["verdict"]
        label = upper(ref.label("verdict", verdict, lang), lang)
        title = for_terminal(entry.get("title", ""))
        name = for_terminal(entry["file"])
        rulebook = f"  [{for_terminal(entry['jurisdiction'])}]" if entry.get("jurisdiction") else ""
        out(f"{style(label, verdict)}  {style(for_terminal(entry['id']), 'bold')}{rulebook}  {title}  {style(name, 'dim')}")
        for error in entry["errors"]:
            where = name
            if error["line"] is not None:
                where += f":{error['line']}:{error['column'] or 1}"
            out(f"    {style('✗', 'invalid')} {where}: {for_terminal(error['message'])}")
        for finding in entry["findings"]:
            out(_finding_line(finding, style, indent=4))
        for transfer in entry["transfers"]:
            t_verdict = transfer["verdict"]
            country = ref.country_name(transfer["country"], lang)
            out(
                f"  {for_terminal(transfer['id'])}  {transfer['country']} {for_terminal(country)}  "
                f"{for_terminal(transfer.get('recipient', ''))}{_origin_marker(transfer, lang)}"
                f"  → {style(ref.label('verdict', t_verdict, lang), t_verdict)}"
            )
            for finding in transfer["findings"]:
                out(_finding_line(finding, style, indent=6))
    for path, reason in skipped:
        out(f"{style(gettext(lang, 'cli.check.skipped'), 'dim')}  {for_terminal(workspace.relative(path))}: {in_lang(reason, lang)}")
    parts = [
        f"{style(ref.label('verdict', v, lang), v)} {n}" for v, n in summary.items() if n
    ]
    summary_line = ngettext(lang, "cli.check.summary", len(entries), date=as_of.isoformat())
    out(summary_line + (": " + ", ".join(parts) if parts else ""))


def _origin_marker(transfer: dict[str, Any], lang: str) -> str:
    """ " [catalogue: google-llc; own: measures]": where the recipient's values come from,
    for a transfer that refers to the catalogue (nothing for one that does not)."""
    return origin_marker(transfer.get("recipient_ref"), transfer.get("recipient_sources") or {}, lang)


def origin_marker(ref: str | None, sources: dict[str, str], lang: str) -> str:
    if not ref:
        return ""
    own = [key.partition(".")[2] for key, origin in sources.items() if origin == "file"]
    text = gettext(lang, "cli.recipient.from_catalogue", ref=for_terminal(ref))
    if own:
        text += "; " + gettext(lang, "cli.recipient.own_values", keys=", ".join(own))
    return f" [{text}]"


def _finding_line(finding: dict[str, Any], style: Style, indent: int) -> str:
    severity = finding["severity"]
    mark = style(SEVERITY_MARK.get(severity, "-"), severity)
    cite = f" ({finding['citation']})" if finding["citation"] else ""
    return f"{' ' * indent}{mark} {finding['rule']}{for_terminal(cite)}: {for_terminal(finding['message'])}"

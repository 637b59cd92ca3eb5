"""Writing documents to disk: reports (in parallel for many assessments), the notice,
the register and the subject statement. Every file is written atomically."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xborder.dates import local_today
from xborder.model.document import Document, SinceNotified
from xborder.report.provenance import Provenance, git_states

if TYPE_CHECKING:
    from xborder.model.assessment import Assessment
    from xborder.rules.engine import Evaluation
    from xborder.store.assessments import LoadError, LoadResult
    from xborder.store.git import NotifiedBaseline
    from xborder.store.workspace import Workspace

FORMATS = ("pdf", "html", "md")
REGISTER_FORMATS = (*FORMATS, "csv", "json")
LANGS = ("az", "en")
EXTENSIONS = {"pdf": "pdf", "html": "html", "md": "md", "csv": "csv", "json": "json"}

Progress = Callable[[int, int, Path], None]


class ReportError(Exception):
    """A report could not be made; the message is one line per problem, for a person.
    `written` holds the files that were written before (or despite) the problem."""

    def __init__(self, message: str, written: Sequence[Path] = ()):
        super().__init__(message)
        self.written = list(written)


class NotReadyError(ReportError):
    """The notice was refused: the assessment is not ready to be notified."""

    def __init__(self, ident: str, gaps: Sequence[str], lang: str = "en"):
        from xborder.i18n.documents import t

        self.gaps = list(gaps)
        lines = "\n".join(f"  - {g}" for g in gaps)
        super().__init__(f"{t('refused', lang, id=ident)}\n{lines}\n{t('refused_hint', lang)}")


# -- options -----------------------------------------------------------------------------
def _check(values: Iterable[str], allowed: Sequence[str], what: str) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        value = value.strip().lower()
        if not value:
            continue
        if value not in allowed:
            raise ReportError(f"unknown {what} {value!r} (choose from {', '.join(allowed)})")
        if value not in out:
            out.append(value)
    if not out:
        raise ReportError(f"no {what} given (choose from {', '.join(allowed)})")
    return tuple(out)


def _langs(workspace: Workspace, langs: Iterable[str] | None) -> tuple[str, ...]:
    return _check(langs if langs is not None else workspace.settings.reports.languages, LANGS, "language")


def render(doc: Document, fmt: str) -> bytes:
    """One document in one format, as bytes."""
    if fmt == "pdf":
        from xborder.report import pdf

        return pdf.render(doc)
    if fmt == "html":
        from xborder.report import html

        return html.render(doc).encode("utf-8")
    if fmt == "md":
        from xborder.report import markdown

        return markdown.render(doc).encode("utf-8")
    raise ReportError(f"unknown format {fmt!r}")


def _write(path: Path, data: bytes) -> None:
    from xborder.store.atomic import write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise ReportError(f"{path}: cannot write: {exc.strerror or exc}") from None


# -- loading -----------------------------------------------------------------------------
def _resolve(workspace: Workspace, ident: str) -> Path:
    path = workspace.find(ident)
    if path is None:
        raise ReportError(f"no assessment {ident!r} in {workspace.relative(workspace.assessments_dir)}")
    return path


def _load(workspace: Workspace, path: Path, as_of: dt.date) -> tuple[LoadResult, Assessment, Evaluation]:
    from xborder.rules import evaluate

    result = workspace.load(path)
    if result.assessment is None:
        raise ReportError("; ".join(str(e) for e in result.errors) or f"{path}: cannot be read")
    return result, result.assessment, evaluate(result.assessment, workspace.reference, as_of)


def provenance(workspace: Workspace, result: LoadResult, git: tuple[str | None, str] | None) -> Provenance:
    commit, state = git if git else (None, "none")
    return Provenance(workspace.relative(result.path), result.sha256, commit, state)


def since_notified(baseline: NotifiedBaseline | None, lang: str) -> SinceNotified | None:
    """The report's section on what changed since the authority was last notified
    (store.git.notified_baseline), in `lang`; None when there is nothing to compare."""
    if baseline is None:
        return None
    return SinceNotified(
        sent=baseline.sent,
        commit=baseline.commit.sha[:10],
        commit_date=baseline.commit.date.date(),
        changes=tuple(lawyer_words(line, lang) for line in baseline.changes(lang)),
    )


_KEY_PATH = re.compile(r"([a-z_]+(?:\.[a-z_]+)*): ")


def lawyer_words(line: str, lang: str) -> str:
    """A change line as a lawyer reads it: the key path of the file it starts with
    ("operator.tin: ", or after "Transfer ID: ") named by the field's label in the
    wizard ("VÖEN (taxpayer number): "); a path without a label, and the values (user
    text), are left as they are."""
    from xborder.i18n import Texts, gettext

    start = 0
    prefix = Texts("git", lang)("transfer") + " "
    if line[: len(prefix)].casefold() == prefix.casefold():
        colon = line.find(": ", len(prefix))
        start = colon + 2 if colon >= 0 else 0
    match = _KEY_PATH.match(line, start)
    if match is None:
        return line
    key = f"tui.field.{match.group(1)}"
    text = gettext(lang, key)
    return line if text == key else f"{line[:start]}{text}: {line[match.end():]}"


# -- reports -----------------------------------------------------------------------------
def _report_files(
    workspace: Workspace,
    path: Path,
    git: tuple[str | None, str] | None,
    formats: Sequence[str],
    langs: Sequence[str],
    out_dir: Path,
    as_of: dt.date,
) -> list[Path]:
    from xborder.report.build import build_report
    from xborder.store.git import notified_baseline

    result, assessment, evaluation = _load(workspace, path, as_of)
    prov = provenance(workspace, result, git)
    baseline = notified_baseline(path) if git is not None else None  # git: once per file
    written = []
    for lang in langs:
        since = since_notified(baseline, lang)
        doc = build_report(assessment, evaluation, workspace.settings, workspace.reference, prov, lang, since)
        for fmt in formats:
            target = out_dir / f"{assessment.id}.{lang}.{EXTENSIONS[fmt]}"
            _write(target, render(doc, fmt))
            written.append(target)
    return written


_WORKER: dict[str, Any] = {}


def _mp_context() -> Any:
    """Worker processes start from a clean interpreter ("forkserver", or "spawn" where
    there is none): forking a process in which typst's threads already run can hang."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _worker_init(root: str) -> None:
    from xborder.store.workspace import open_workspace

    _WORKER["workspace"] = open_workspace(Path(root), search=False)


def _worker_job(
    path: str, git: tuple[str | None, str] | None, formats: Sequence[str], langs: Sequence[str], out_dir: str, as_of: dt.date
) -> tuple[str, list[str], str]:
    """(path, files written, error) -- errors come back as text, never raise."""
    try:
        files = _report_files(_WORKER["workspace"], Path(path), git, formats, langs, Path(out_dir), as_of)
    except ReportError as exc:
        return path, [], str(exc)
    except Exception as exc:  # a bug: report it for this file, keep the others going
        return path, [], f"{path}: {type(exc).__name__}: {exc}"
    return path, [str(f) for f in files], ""


def generate(
    workspace: Workspace,
    ids: Sequence[str],
    formats: Sequence[str] = ("pdf",),
    langs: Sequence[str] | None = None,
    out_dir: Path | None = None,
    progress: Progress | None = None,
    as_of: dt.date | None = None,
    *,
    workers: int | None = None,
) -> list[Path]:
    """Write the assessment report of each of `ids` in each format and language, as
    `<out_dir>/<id>.<lang>.<ext>`; return the files written, in order (id, lang, format).

    langs None = the workspace's report languages; out_dir None = the workspace's
    reports/; as_of None = today. `progress(done, total, path)` is called after each
    file. Several assessments are rendered in parallel on all cores (`workers` limits
    the processes; 1 = in this process). Raises ReportError naming every assessment
    that failed, after writing the others (`exc.written`)."""
    formats = _check(formats, FORMATS, "format")
    langs = _langs(workspace, langs)
    out_dir = Path(out_dir) if out_dir is not None else workspace.reports_dir
    as_of = as_of or local_today()
    paths = [_resolve(workspace, ident) for ident in dict.fromkeys(ids)]
    if not paths:
        raise ReportError("no assessment to report on")
    gits = git_states(workspace.root, paths)
    per = len(formats) * len(langs)
    total = per * len(paths)
    done = 0
    results: dict[Path, list[Path]] = {}
    errors: dict[Path, str] = {}

    def record(path: Path, files: list[Path], error: str) -> None:
        nonlocal done
        results[path] = files
        if error:
            errors[path] = error
            done += per
            return
        for file in files:
            done += 1
            if progress is not None:
                progress(done, total, file)

    n_workers = workers if workers is not None else min(os.cpu_count() or 1, len(paths))
    if n_workers <= 1 or len(paths) == 1:
        for path in paths:
            try:
                files = _report_files(workspace, path, gits.get(path), formats, langs, out_dir, as_of)
            except ReportError as exc:
                record(path, [], str(exc))
                continue
            record(path, files, "")
    else:
        with ProcessPoolExecutor(
            max_workers=n_workers,
            mp_context=_mp_context(),
            initializer=_worker_init,
            initargs=(str(workspace.root),),
        ) as pool:
            futures = [
                pool.submit(_worker_job, str(path), gits.get(path), formats, langs, str(out_dir), as_of)
                for path in paths
            ]
            for future in as_completed(futures):
                path_text, files_text, error = future.result()
                record(Path(path_text), [Path(f) for f in files_text], error)
    written = [file for path in paths for file in results.get(path, [])]
    if errors:
        raise ReportError("\n".join(errors[p] for p in paths if p in errors), written)
    return written


# -- the notice --------------------------------------------------------------------------
def notice(
    workspace: Workspace,
    ident: str,
    formats: Sequence[str] = ("pdf",),
    langs: Sequence[str] = ("az",),
    out_dir: Path | None = None,
    as_of: dt.date | None = None,
    transfers: Sequence[str] | None = None,
    force: bool = False,
    number: str | None = None,
    letter_date: dt.date | None = None,
) -> list[Path]:
    """Write the notice of intention to the authority, as the assessment's rulebook
    builds it, as `<id>.notice.<lang>.<ext>`: an official letter with the outgoing
    `number` (default: the one data/letters.toml records for this notice, else the next
    it proposes; recorded there) and `letter_date` (default: the recorded one, else
    `as_of`). A draft gets neither: blank lines to fill in.
    Raises NotReadyError (listing what is missing) unless ready or `force`: then it is
    written as `<id>.notice-draft.<lang>.<ext>`, never over a real notice, with a
    visible DRAFT mark and the list on its first page."""
    from xborder.rules.readiness import notice_transfers
    from xborder.rules.registry import get_rulebook

    formats = _check(formats, FORMATS, "format")
    langs = _check(langs, LANGS, "language")
    out_dir = Path(out_dir) if out_dir is not None else workspace.reports_dir
    as_of = as_of or local_today()
    path = _resolve(workspace, ident)
    result, assessment, evaluation = _load(workspace, path, as_of)
    if transfers:
        known = {t.id for t in assessment.transfers}
        unknown = [t for t in transfers if t not in known]
        if unknown:
            raise ReportError(
                f"{ident}: no transfer {', '.join(repr(u) for u in unknown)} "
                f"(transfers: {', '.join(sorted(known)) or 'none'})"
            )
    rulebook = get_rulebook(assessment.jurisdiction)
    reference = workspace.reference.for_book(rulebook.data)
    gaps = rulebook.notice_gaps(assessment, evaluation, workspace.settings, transfers, langs[0])
    if gaps and not force:
        raise NotReadyError(ident, [g.message(langs[0]) for g in gaps], langs[0])
    from xborder.report import letters as register_of_letters
    from xborder.rules.readiness import Letter

    chosen = notice_transfers(assessment, transfers)
    prov = provenance(workspace, result, git_states(workspace.root, [path]).get(path))
    letter: Letter | None = None
    entry: register_of_letters.Entry | None = None
    entries: list[register_of_letters.Entry] = []
    if not gaps:
        try:
            entries = register_of_letters.load(workspace.root)
        except register_of_letters.LettersError as exc:
            raise ReportError(str(exc)) from None
        ids = tuple(tr.id for tr in chosen)
        numbered = register_of_letters.find(entries, assessment.id, ids)
        date = letter_date or (numbered.date if numbered and not number else None) or as_of
        if number is None:
            number = numbered.number if numbered else register_of_letters.propose(
                entries, assessment.operator.name, date.year, workspace.settings.letters.number_format
            )
        letter = Letter(number=number, date=date)
        entry = register_of_letters.Entry(number, date, assessment.operator.name, assessment.id, ids)
    elif number or letter_date:
        letter = Letter(number=number or "", date=letter_date or as_of)
    written = []
    for lang in rulebook.notice_langs or langs:  # a rulebook may write in its authority's language
        lang_gaps = rulebook.notice_gaps(assessment, evaluation, workspace.settings, transfers, lang)
        args = (assessment, evaluation, workspace.settings, reference, prov.sha256, lang, chosen, lang_gaps)
        # `letter` only when there is one: a rulebook written before letters had numbers still works
        doc = rulebook.notice_document(*args, letter=letter) if letter else rulebook.notice_document(*args)
        for fmt in formats:
            name = "notice-draft" if lang_gaps else "notice"
            target = out_dir / f"{assessment.id}.{name}.{lang}.{EXTENSIONS[fmt]}"
            _write(target, render(doc, fmt))
            written.append(target)
    if entry is not None:
        try:
            register_of_letters.record(workspace.root, entries, entry)
        except OSError as exc:
            raise ReportError(f"{register_of_letters.path_of(workspace.root)}: cannot write: {exc}") from None
    return written


def readiness(
    workspace: Workspace, ident: str, as_of: dt.date, transfers: Sequence[str] | None = None, lang: str = "en"
) -> list[str]:
    """What stops the notice of `ident` (empty when it is ready), one line each."""
    from xborder.rules.registry import get_rulebook

    _result, assessment, evaluation = _load(workspace, _resolve(workspace, ident), as_of)
    rulebook = get_rulebook(assessment.jurisdiction)
    return [g.message(lang) for g in rulebook.notice_gaps(assessment, evaluation, workspace.settings, transfers, lang)]


# -- the subject statement ---------------------------------------------------------------
def statement(
    workspace: Workspace,
    ident: str,
    formats: Sequence[str] = ("pdf",),
    langs: Sequence[str] | None = None,
    out_dir: Path | None = None,
    as_of: dt.date | None = None,
    requester: str = "",
    request_date: dt.date | None = None,
) -> list[Path]:
    """Write the plain-language statement for a data subject as `<id>.statement.<lang>.<ext>`.
    Refused (ReportError) when the operator's contact is not recorded: the statement must
    tell the subject how to reach the operator."""
    from xborder.report.build import build_statement

    formats = _check(formats, FORMATS, "format")
    langs = _langs(workspace, langs)
    out_dir = Path(out_dir) if out_dir is not None else workspace.reports_dir
    as_of = as_of or local_today()
    _result, assessment, evaluation = _load(workspace, _resolve(workspace, ident), as_of)
    if not (assessment.operator.contact or "").strip():
        raise ReportError(
            f"{assessment.id}: the operator's contact for data-protection matters (operator.contact) is not "
            "recorded; a statement must tell the data subject how to reach the operator"
        )
    written = []
    for lang in langs:
        doc = build_statement(
            assessment, evaluation, workspace.settings, workspace.reference, lang, requester, request_date
        )
        for fmt in formats:
            target = out_dir / f"{assessment.id}.statement.{lang}.{EXTENSIONS[fmt]}"
            _write(target, render(doc, fmt))
            written.append(target)
    return written


# -- the register ------------------------------------------------------------------------
def _write_records(
    targets: Sequence[tuple[Path, str]],
    records: Iterable[dict[str, Any]],
    head: dict[str, Any],
    tail: Callable[[], Any],
) -> None:
    """Write the CSV and/or JSON register from one pass over `records`, each file
    atomically (all or nothing), without holding the register in memory."""
    from xborder.store.atomic import write_atomic_chunks

    if len(targets) == 1:
        (path, fmt), = targets
        chunks = register_csv_chunks(records, tail) if fmt == "csv" else _register_json_chunks(head, records, tail)
        try:
            write_atomic_chunks(path, chunks)
        except OSError as exc:
            raise ReportError(f"{path}: cannot write: {exc.strerror or exc}") from None
        return
    # both: a list of records is small next to the assessments they come from
    kept = list(records)
    _write_records(targets[:1], kept, head, tail)
    _write_records(targets[1:], kept, head, tail)


CSV_COLUMNS = (
    "assessment", "title", "status", "operator", "transfer", "country", "recipient",
    "recipient_kind", "recipient_role", "data", "ground", "adequate",
    "recipient_info_obtained", "notification_sent", "notification_reference", "start",
    "verdict", "next_review", "error",
)


def register_csv(records: Iterable[dict[str, Any]]) -> bytes:
    return b"".join(register_csv_chunks(records))


def register_csv_chunks(
    records: Iterable[dict[str, Any]], unreadable: Callable[[], Any] | None = None
) -> Iterator[bytes]:
    """The CSV register, row by row. UTF-8 with a byte-order mark: without it Excel reads
    the file as the local code page and garbles ə, ş, ğ, ı; other readers take it as
    utf-8-sig. Then one row per file that cannot be read (`unreadable()`: [{"file",
    "error"}], asked for after the records): its path as the assessment, the verdict
    "invalid" and the error, so the CSV never looks complete when it is not."""
    yield ("\ufeff" + _csv_line(CSV_COLUMNS)).encode("utf-8")
    for record in records:
        row = []
        for column in CSV_COLUMNS:
            value = record.get(column, "")
            if isinstance(value, list):
                value = ";".join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            elif value is None:
                value = ""
            row.append(_csv_safe(str(value)))
        yield _csv_line(row).encode("utf-8", "replace")
    for item in unreadable() if unreadable is not None else ():
        cells = {"assessment": item["file"], "verdict": "invalid", "error": item["error"]}
        yield _csv_line(_csv_safe(str(cells.get(column, ""))) for column in CSV_COLUMNS).encode("utf-8", "replace")


_CSV_QUOTE = re.compile(r'[;,"\r\n]')


def _csv_line(cells: Iterable[str]) -> str:
    """Comma-separated, and every cell holding ; , " or a line break quoted: a
    spreadsheet set to semicolons (the default under az and ru Windows settings) must not
    split `a;=1+1` into a formula cell either."""
    return ",".join(
        '"' + cell.replace('"', '""') + '"' if _CSV_QUOTE.search(cell) else cell for cell in cells
    ) + "\r\n"


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a cell starting with = + - @
    (or a tab/CR), after invisible characters and with fullwidth forms folded, is
    prefixed with an apostrophe (safe_text.for_csv)."""
    from xborder.safe_text import for_csv

    return for_csv(value)


def _register_json_chunks(head: dict[str, Any], records: Iterable[dict[str, Any]], tail: Callable[[], Any]) -> Iterator[bytes]:
    """Exactly json.dumps({**head, "transfers": records, "invalid": tail()},
    ensure_ascii=False, indent=2) + newline, written record by record (safe_text.for_json:
    valid UTF-8, invisible characters escaped)."""
    from xborder.safe_text import for_json

    def encode(text: str) -> bytes:
        return for_json(text).encode("utf-8")

    opening = json.dumps({**head, "transfers": []}, ensure_ascii=False, indent=2)
    yield encode(opening[: -len("[]\n}")] + "[")
    first = True
    for record in records:
        yield encode(("" if first else ",") + "\n    " + json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    "))
        first = False
    invalid = json.dumps(tail(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
    yield encode(("]" if first else "\n  ]") + ',\n  "invalid": ' + invalid + "\n}\n")


def register(
    workspace: Workspace,
    formats: Sequence[str] = ("pdf",),
    langs: Sequence[str] | None = None,
    out_dir: Path | None = None,
    as_of: dt.date | None = None,
    verdicts: Sequence[str] = (),
    countries: Sequence[str] = (),
    jurisdictions: Sequence[str] = (),
) -> list[Path]:
    """Write the register of every transfer of every assessment: `register.<lang>.<ext>`
    for documents, `register.csv` / `register.json` (language-neutral: keys and codes).
    A filtered register is named after its filters (`register-blocked-us.az.pdf`), so it
    never replaces the full one."""
    from xborder.model.countries import is_country_code
    from xborder.report.build import build_register, register_entries, register_record
    from xborder.rules import evaluate
    from xborder.rules.engine import VERDICTS

    formats = _check(formats, REGISTER_FORMATS, "format")
    out_dir = Path(out_dir) if out_dir is not None else workspace.reports_dir
    as_of = as_of or local_today()
    verdicts = _check(verdicts, VERDICTS, "verdict") if verdicts else ()
    countries = tuple(dict.fromkeys(c.strip().upper() for c in countries if c.strip()))
    for code in countries:
        if not is_country_code(code):
            raise ReportError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    from xborder.rules import rulebook_ids

    jurisdictions = tuple(dict.fromkeys(j.strip().lower() for j in jurisdictions if j.strip()))
    for book in jurisdictions:
        if book not in rulebook_ids():
            raise ReportError(f"{book!r} is not an installed rulebook ({', '.join(rulebook_ids())})")
    unreadable: list[tuple[str, LoadError | None]] = []
    from xborder.i18n.documents import t

    def invalid_in(lang: str) -> list[tuple[str, str]]:
        out = []
        for name, error in unreadable:
            if error is None:
                out.append((name, t("unreadable", lang)))
            elif error.line is not None:
                out.append((name, f"{t('line', lang)} {error.line}: {error.text(lang)}"))
            else:
                out.append((name, error.text(lang)))
        return out

    def loaded() -> Iterator[tuple[Any, Any]]:
        """(assessment, evaluation) of each readable file, one at a time."""
        for result in workspace.load_all():
            if result.assessment is None:
                unreadable.append((workspace.relative(result.path), result.errors[0] if result.errors else None))
                continue
            if jurisdictions and result.assessment.jurisdiction not in jurisdictions:
                continue
            yield result.assessment, evaluate(result.assessment, workspace.reference, as_of)

    stem = "-".join(["register", *jurisdictions, *verdicts, *(code.lower() for code in countries)])
    written = []
    doc_formats = [f for f in formats if f in FORMATS]
    records: Iterable[dict[str, Any]]
    if doc_formats:  # a document needs every entry at once
        entries = register_entries(list(loaded()), verdicts, countries)
        for lang in _langs(workspace, langs):
            doc = build_register(
                entries, invalid_in(lang), workspace.settings, workspace.reference, as_of, lang, verdicts, countries,
                jurisdictions,
            )
            for fmt in doc_formats:
                target = out_dir / f"{stem}.{lang}.{EXTENSIONS[fmt]}"
                _write(target, render(doc, fmt))
                written.append(target)
        records = [register_record(e) for e in entries]
    else:  # CSV and JSON stream: one assessment in memory at a time
        records = (
            register_record(entry)
            for pair in loaded()
            for entry in register_entries((pair,), verdicts, countries)
        )
    head = {
        "as_of": as_of.isoformat(),
        "filters": {"verdict": list(verdicts), "country": list(countries), "jurisdiction": list(jurisdictions)},
        "rulebook_version": workspace.reference.rulebook.meta.version,
        "adequacy_version": workspace.reference.adequacy_version,
    }
    targets = []
    if "csv" in formats:
        targets.append((out_dir / f"{stem}.csv", "csv"))
    if "json" in formats:
        targets.append((out_dir / f"{stem}.json", "json"))
    if targets:
        _write_records(targets, records, head, lambda: [{"file": n, "error": m} for n, m in invalid_in("en")])
        written.extend(target for target, _fmt in targets)
    if unreadable:
        # as `report`: the files that cannot be read are listed in every format written and
        # the command fails (exit 2), so a register with gaps is never taken for complete
        raise ReportError(
            "\n".join(f"{name}: {message}" for name, message in invalid_in("en")), written
        )
    return written

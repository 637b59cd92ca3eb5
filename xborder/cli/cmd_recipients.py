"""xborder recipients [list|show ID|extract [--apply]]: the recipient catalogue
(data/recipients/<id>.toml), where each recipient is used, and the migration helper."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from xborder.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    CLIError,
    Style,
    message_lang,
    out,
    parse_date,
    today,
    workspace_from,
    write_json,
)
from xborder.i18n import Texts, gettext
from xborder.safe_text import for_terminal

NAME = "recipients"
ORDER = 25
HELP = "the recipient catalogue (data/recipients): each recipient and where it is used; show one; extract them from assessments"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action", nargs="?", default="list", choices=("list", "show", "history", "extract"),
        help="list (default), show ID, history ID (the commits that changed it, field by field), "
        "or extract (propose catalogue entries from the assessments)",
    )
    parser.add_argument("id", nargs="?", help="the recipient's id (for show)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date to judge as of (default: today)")
    parser.add_argument("--lang", choices=("az", "en", "ru"))
    parser.add_argument("--apply", action="store_true", help="extract: write the entries and the references")


def _entry_json(workspace: Any, result: Any, used: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    catalogue = workspace.recipients
    entry = result.entry
    data: dict[str, Any] = {
        "id": result.id,
        "file": catalogue.relative(result.path),
        "name": entry.recipient.name if entry else None,
        "kind": entry.recipient.kind if entry else None,
        "role": entry.recipient.role if entry else None,
        "countries": list(entry.countries) if entry else [],
        "obtained": (
            entry.recipient_info.obtained.isoformat()
            if entry and entry.recipient_info and entry.recipient_info.obtained
            else None
        ),
        "errors": [error.to_json(lang) for error in result.errors],
        "used_by": used,
    }
    return data


def run(args: argparse.Namespace) -> int:
    workspace = workspace_from(args.workspace)
    lang = message_lang(args, workspace)
    if args.action == "extract":
        from xborder.cli.recipients_extract import run_extract

        return int(run_extract(workspace, args, lang))
    if args.action == "history":
        if not args.id:
            raise CLIError("xborder recipients history ID: name the recipient (`xborder recipients` lists them)")
        return _history(workspace, args, lang)
    if args.action == "show":
        if not args.id:
            raise CLIError("xborder recipients show ID: name the recipient (`xborder recipients` lists them)")
        return _show(workspace, args, lang)
    return _list(workspace, args, lang)


def _list(workspace: Any, args: argparse.Namespace, lang: str) -> int:
    from xborder.store.recipients import usages

    words = Texts("cli.recipients", lang)
    catalogue = workspace.recipients
    used = usages(workspace)
    results = catalogue.all()
    known = {r.id for r in results}
    dangling = [dict(u, ref=ref) for ref, items in sorted(used.items()) if ref not in known for u in items]
    broken = any(r.entry is None for r in results)
    if args.format == "json":
        doc = {
            "recipients": [_entry_json(workspace, r, used.get(r.id, []), "en" if not args.lang else lang) for r in results],
            "dangling": dangling,
        }
        write_json(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return EXIT_INVALID if broken or dangling else EXIT_OK
    style = Style(sys.stdout)
    if not results:
        out(words("none"))
    for result in results:
        entry = result.entry
        items = used.get(result.id, [])
        if entry is None:
            out(f"{style(words('invalid'), 'invalid')}  {style(for_terminal(result.id), 'bold')}  "
                f"{style(for_terminal(catalogue.relative(result.path)), 'dim')}")
            for error in result.errors:
                out(f"    {style('✗', 'invalid')} {for_terminal(error.located(catalogue.relative(result.path), lang))}")
        else:
            countries = ", ".join(entry.countries) or "—"
            out(f"{style(for_terminal(result.id), 'bold')}  {for_terminal(entry.recipient.name)}  ({countries})  "
                + (words.n("used", len(items)) if items else words("unused")))
        for item in items:
            out(f"    {for_terminal(item['assessment'])}: {for_terminal(item['transfer'])} ({for_terminal(item['country'])})")
    for item in dangling:
        out(f"{style('✗', 'invalid')} " + words(
            "dangling", ref=for_terminal(item["ref"]), assessment=for_terminal(item["assessment"]),
            transfer=for_terminal(item["transfer"]),
        ))
    return EXIT_INVALID if broken or dangling else EXIT_OK


def _show(workspace: Any, args: argparse.Namespace, lang: str) -> int:
    from xborder.rules import evaluate
    from xborder.store.recipients import usages

    words = Texts("cli.recipients", lang)
    catalogue = workspace.recipients
    result = catalogue.result(args.id)
    if result is None:
        raise CLIError(words("unknown", ref=for_terminal(args.id)))
    as_of = parse_date(args.as_of) if args.as_of else today()
    used = usages(workspace).get(result.id, [])
    verdicts: dict[str, str] = {}
    for item in used:
        if item["assessment"] in verdicts:
            continue
        loaded = workspace.load(workspace.assessments_dir / f"{item['assessment']}.toml")
        if loaded.assessment is None:
            verdicts[item["assessment"]] = "invalid"
            continue
        evaluation = evaluate(loaded.assessment, workspace.reference, as_of)
        for transfer in evaluation.transfers:
            verdicts[f"{item['assessment']}/{transfer.id}"] = transfer.verdict
        verdicts[item["assessment"]] = evaluation.verdict
    for item in used:
        item["verdict"] = verdicts.get(f"{item['assessment']}/{item['transfer']}") or verdicts[item["assessment"]]
    data = _entry_json(workspace, result, used, lang if args.lang else "en")
    if args.format == "json":
        if result.entry is not None:
            data["entry"] = json.loads(result.entry.model_dump_json(exclude_none=True))
        write_json(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK if result.entry is not None else EXIT_INVALID
    style = Style(sys.stdout)
    ref = workspace.reference
    name = catalogue.relative(result.path)
    out(f"{style(for_terminal(result.id), 'bold')}  {style(for_terminal(name), 'dim')}")
    if result.entry is None:
        for error in result.errors:
            out(f"    {style('✗', 'invalid')} {for_terminal(error.located(name, lang))}")
    else:
        entry = result.entry
        rows: list[tuple[str, Any]] = [("countries", ", ".join(entry.countries))]
        rows += [(f"recipient.{key}", getattr(entry.recipient, key)) for key in type(entry.recipient).model_fields if key != "ref"]
        if entry.recipient_info is not None:
            info = entry.recipient_info
            rows += [(f"recipient_info.{key}", getattr(info, key)) for key in type(info).model_fields]
        rows.append(("notes", entry.notes))
        from xborder.i18n import catalogue as messages

        def has_message(key: str) -> bool:
            return messages("en").gettext(key) != key

        for key, value in rows:
            if value in (None, "", []):
                continue
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            if key in ("recipient.kind", "recipient.role"):
                shown = ref.label(key.partition(".")[2], str(value), lang)
            own = {"countries": "countries", "recipient_info.source": "source", "notes": "notes"}
            if key in own:
                label = words(own[key])
            else:
                label = gettext(lang, f"tui.field.{key}") if has_message(f"tui.field.{key}") else key
            out(f"  {label}: {for_terminal(shown)}")
    out(words.n("used", len(used)) if used else words("unused"))
    for item in used:
        verdict = item["verdict"]
        out(f"    {for_terminal(item['assessment'])}: {for_terminal(item['transfer'])} ({for_terminal(item['country'])})"
            f"  → {style(ref.label('verdict', verdict, lang), verdict)}")
    return EXIT_OK if result.entry is not None else EXIT_INVALID


def _history(workspace: Any, args: argparse.Namespace, lang: str) -> int:
    """The commits that changed a recipient's file, newest first, each with the fields it
    changed (uncommitted changes first), and the assessments using it today."""
    from xborder.store import git
    from xborder.store.recipients import usages

    catalogue = workspace.recipients
    try:
        path = catalogue.path(args.id)
    except ValueError:
        raise CLIError(Texts("cli.recipients", lang)("unknown", ref=for_terminal(args.id))) from None
    name = catalogue.relative(path)
    try:
        root = git.repo_root(path)
        if root is None:
            raise CLIError(f"{name}: not in a git repository (or git is not installed): no history")
        log = git.file_log(path) or []
        modified = git.is_modified(path)
    except git.GitError as exc:
        raise CLIError(str(exc)) from None
    versions: list[tuple[dict[str, Any], bytes | None]] = []
    if modified:
        versions.append(({"commit": None, "date": None, "author": None, "message": None},
                         path.read_bytes() if path.exists() else None))
    for commit in log:
        versions.append(({"commit": commit.sha, "date": commit.date.isoformat(), "author": commit.author,
                          "message": commit.subject}, git.read_at(root, commit.sha, commit.path)))
    rows = []
    for index, (row, data) in enumerate(versions):
        before = versions[index + 1][1] if index + 1 < len(versions) else None
        changes: list[str] = []
        git._walk(git.parse_version(before) or {}, git.parse_version(data) or {}, "", lang, changes)
        rows.append({**row, "changes": changes})
    used = usages(workspace).get(args.id, [])
    if args.format == "json":
        write_json(json.dumps({"id": args.id, "file": name, "history": rows, "used_by": used},
                              ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    words = Texts("cli.history", lang)
    style = Style(sys.stdout)
    if not rows:
        out(words("not_committed", file=name))
    for row in rows:
        when = row["date"][:10] if row["date"] else "—" * 10
        sha = row["commit"][:8] if row["commit"] else " " * 8
        message = for_terminal(row["message"]) if row["commit"] else words("uncommitted")
        who = for_terminal(row["author"] or "")
        out(f"{when}  {style(sha, 'dim')}  {who + ': ' if who else ''}{message}")
        for change in row["changes"]:
            out(f"    {for_terminal(change)}")
    recipients = Texts("cli.recipients", lang)
    out(recipients.n("used", len(used)) if used else recipients("unused"))
    for item in used:
        out(f"    {for_terminal(item['assessment'])}: {for_terminal(item['transfer'])} ({for_terminal(item['country'])})")
    return EXIT_OK

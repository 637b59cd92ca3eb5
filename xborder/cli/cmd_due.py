"""xborder due [--within DAYS] [--format text|json|ics] [--as-of DATE] [--lang az|en]"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from xborder.cli.common import (
    EXIT_BLOCKED,
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
from xborder.i18n import Texts
from xborder.safe_text import for_ics, for_terminal

NAME = "due"
ORDER = 25
HELP = (
    "what falls due: reviews, notifications (12.1) before a transfer starts, recipient "
    "information (12.2), answers to the authority's requests; exit 1 if anything is overdue, 2 if a file "
    "cannot be loaded"
)

ICS_DEFAULT_WITHIN = 366
"""A calendar export looks a year ahead unless told otherwise."""



def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--within", type=int, metavar="DAYS",
        help=f"look this many days ahead (default: 30; {ICS_DEFAULT_WITHIN} for --format ics); "
        "overdue items are always listed",
    )
    parser.add_argument("--format", choices=("text", "json", "ics"), default="text")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date to judge as of (default: today)")
    parser.add_argument("--lang", choices=("az", "en"), help="language of messages")


def collect(workspace: Any, as_of: dt.date, within: int) -> tuple[list[Any], list[Any], dict[str, Path]]:
    """(due items of every assessment, load results that failed, id -> file). Streams:
    only the items (a few small records per assessment) are kept, never the files, their
    text or their models, so 10,000 assessments fit in little memory."""
    from xborder.lifecycle import due_items, sort_items
    from xborder.rules import evaluate
    from xborder.store.assessments import LoadResult

    items = []
    invalid = []
    loaded: dict[str, Path] = {}
    for result in workspace.load_all():
        if result.assessment is None:
            invalid.append(LoadResult(result.path, None, result.errors, result.sha256))  # without its text
            continue
        assessment = result.assessment
        loaded[assessment.id] = result.path
        evaluation = evaluate(assessment, workspace.reference, as_of)
        items.extend(due_items(assessment, evaluation, as_of, within))
    return sort_items(items), invalid, loaded


def run(args: argparse.Namespace) -> int:
    workspace = workspace_from(args.workspace)
    assert workspace is not None
    as_of = parse_date(args.as_of) if args.as_of else today()
    within = args.within
    if within is None:
        within = ICS_DEFAULT_WITHIN if args.format == "ics" else 30
    if within < 0 or within > 3660:
        raise CLIError(f"--within {within}: expected a number of days from 0 to 3660")
    lang = message_lang(args, workspace, json_in_english=True)
    items, invalid, loaded = collect(workspace, as_of, within)
    if args.format == "json":
        doc = {
            "as_of": as_of.isoformat(),
            "within_days": within,
            "items": [
                {**item.to_json(lang), "file": workspace.relative(loaded[item.assessment_id])}
                for item in items
            ],
            "invalid": [
                {"file": workspace.relative(r.path), "errors": [e.to_json() for e in r.errors]}
                for r in invalid
            ],
            "summary": {
                "overdue": sum(1 for i in items if i.overdue),
                "due": sum(1 for i in items if not i.overdue),
                "invalid": len(invalid),
            },
        }
        write_json(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "ics":
        sys.stdout.buffer.write(ics(items, as_of, lang, {k: workspace.relative(path) for k, path in loaded.items()}))
        sys.stdout.flush()
    else:
        _print_text(workspace, items, invalid, as_of, within, lang)
    if invalid:
        return EXIT_INVALID
    return EXIT_BLOCKED if any(item.overdue for item in items) else EXIT_OK


def _print_text(workspace: Any, items: list[Any], invalid: list[Any], as_of: dt.date, within: int, lang: str) -> None:
    words = Texts("cli.due", lang)
    style = Style(sys.stdout)
    width = max(8, len(words("overdue")), len(words("due")))
    for item in items:
        mark = style(f"{words('overdue'):<{width}}", "blocked") if item.overdue else style(f"{words('due'):<{width}}", "pending")
        who = item.assessment_id + (f"/{item.transfer_id}" if item.transfer_id else "")
        kind = words(f"kind.{item.kind}")
        out(f"{mark} {item.date}  {style(for_terminal(who), 'bold')}  [{kind}]  {for_terminal(item.message(lang))}")
    for result in invalid:
        first = result.errors[0] if result.errors else None
        name = workspace.relative(result.path)
        out(
            f"{style('?'.ljust(width), 'invalid')} {for_terminal(name)}: {words('invalid')}"
            + (f" — {for_terminal(first.located(name, lang))}" if first else "")
        )
    if not items and not invalid:
        out(words("nothing"))
    out(
        words(
            "summary",
            as_of=as_of.isoformat(),
            days=within,
            overdue=sum(1 for i in items if i.overdue),
            due=sum(1 for i in items if not i.overdue),
        )
    )


# -- iCalendar (RFC 5545) ---------------------------------------------------------------
def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> bytes:
    """Lines longer than 75 octets folded with CRLF + space, never inside a character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    chunks = []
    current = b""
    limit = 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            chunks.append(current)
            current = b""
            limit = 74  # continuation lines start with a space
        current += encoded
    chunks.append(current)
    return b"\r\n ".join(chunks) + b"\r\n"


def ics(items: list[Any], as_of: dt.date, lang: str, files: dict[str, str]) -> bytes:
    """A calendar of the items: one all-day event on each deadline, with a reminder a week
    before and on the day. Deterministic: the same items give the same bytes (DTSTAMP is
    the as-of date, UIDs are derived from what the item is about)."""
    words = Texts("cli.due", lang)
    stamp = f"{as_of:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//xborder//due//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:xborder",
    ]
    for item in items:
        who = item.assessment_id + (f"/{item.transfer_id}" if item.transfer_id else "")
        summary = f"{words('overdue')}: " if item.overdue else ""
        summary += f"{words('kind.' + item.kind)} — {who}"
        uid = f"{item.kind}.{item.assessment_id}.{item.transfer_id or '-'}.{item.date:%Y%m%d}@xborder"
        description = f"{item.title}\n{item.message(lang, relative=False)}\n{files.get(item.assessment_id, '')}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{item.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{item.date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(for_ics(summary))}",
            f"DESCRIPTION:{_escape(for_ics(description))}",
            "TRANSP:TRANSPARENT",
        ]
        if not item.overdue:
            for trigger in ("-P7D", "PT9H"):
                lines += [
                    "BEGIN:VALARM",
                    "ACTION:DISPLAY",
                    f"DESCRIPTION:{_escape(for_ics(summary))}",
                    f"TRIGGER;RELATED=START:{trigger}",
                    "END:VALARM",
                ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return b"".join(_fold(line) for line in lines)

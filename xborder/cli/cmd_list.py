"""xborder list [--format text|json] [--as-of DATE]"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from xborder.cli.common import (
    Style,
    message_lang,
    out,
    parse_date,
    today,
    workspace_from,
    write_json,
)
from xborder.i18n import gettext
from xborder.model.text import in_lang
from xborder.safe_text import for_terminal

NAME = "list"
ORDER = 20
HELP = "list the workspace's assessments: id, title, status, verdict, transfers, next review"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date to judge as of (default: today)")
    parser.add_argument("--lang", choices=("az", "en", "ru"))


def rows(workspace: Any, as_of: Any) -> list[dict[str, Any]]:
    from xborder.rules import evaluate

    out_rows = []
    for result in workspace.load_all():
        if result.assessment is None:
            first = result.errors[0] if result.errors else None
            out_rows.append(
                {
                    "id": result.path.stem,
                    "file": workspace.relative(result.path),
                    "title": "",
                    "status": None,
                    "verdict": "invalid",
                    "transfers": 0,
                    "countries": [],
                    "next_review": None,
                    "error": str(first) if first else "",
                }
            )
            continue
        a = result.assessment
        evaluation = evaluate(a, workspace.reference, as_of)
        from xborder.model.assessment import changed_since_approval

        out_rows.append(
            {
                "id": a.id,
                "file": workspace.relative(result.path),
                "title": a.title,
                "status": a.status,
                "verdict": evaluation.verdict,
                "transfers": len(a.transfers),
                "countries": sorted({t.country for t in a.transfers}),
                "next_review": a.next_review.isoformat() if a.next_review else None,
                "changed_since_approval": bool(changed_since_approval(a)),
            }
        )
    return out_rows


def status_text(ref: Any, status: str | None, changed: bool, lang: str) -> str:
    if not status:
        return ""
    text = str(ref.label("status", status, lang))
    return f"{text} ({gettext(lang, 'cli.list.changed')})" if changed else text


def run(args: argparse.Namespace) -> int:
    workspace = workspace_from(args.workspace)
    assert workspace is not None
    as_of = parse_date(args.as_of) if args.as_of else today()
    data = rows(workspace, as_of)
    lang = message_lang(args, workspace)
    skipped = workspace.skipped_files()
    if args.format == "json":
        doc: dict[str, Any] = {"as_of": as_of.isoformat(), "assessments": data}
        if skipped:
            doc["skipped"] = [{"file": workspace.relative(p), "reason": in_lang(r, "en")} for p, r in skipped]
        write_json(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    ref = workspace.reference
    style = Style(sys.stdout)
    headers = [gettext(lang, f"cli.list.col.{key}") for key in ("id", "title", "status", "verdict", "transfers", "next_review")]
    table = [
        (
            for_terminal(row["id"]),
            for_terminal(row["title"] or row.get("error", "")),
            status_text(ref, row["status"], bool(row.get("changed_since_approval")), lang),
            ref.label("verdict", row["verdict"], lang),
            str(row["transfers"]),
            row["next_review"] or "",
        )
        for row in data
    ]
    widths = [max([len(h)] + [len(r[i]) for r in table]) for i, h in enumerate(headers)]
    widths[1] = min(widths[1], 48)
    out("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row, raw in zip(table, data, strict=True):
        cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(row, widths, strict=True)]
        padded = [c.ljust(w) for c, w in zip(cells, widths, strict=True)]
        padded[3] = style(padded[3], raw["verdict"])
        out("  ".join(padded).rstrip())
    for path, reason in skipped:
        out(f"{style(gettext(lang, 'cli.check.skipped'), 'dim')}  {for_terminal(workspace.relative(path))}: {in_lang(reason, lang)}")
    return 0

"""xborder rules [ID] [--rulebook az] [--format text|json] [--lang az|en|ru]

Without ID: every rule of each rulebook (id, severity, basis, title). With ID: one rule
explained, as ruff explains its rules: what it checks, why (the clause it rests on,
quoted), what it does to the verdict, and an assessment fragment that triggers it and
one that does not (judged by the rules engine as they are shown). The explanation is
built by `xborder.explain`; this module only lays it out.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING

from xborder.cli.common import (
    EXIT_OK,
    CLIError,
    Style,
    default_workspace,
    message_lang,
    out,
    workspace_from,
    write_json,
)

if TYPE_CHECKING:
    from xborder.explain import Explanation, RuleSummary
    from xborder.reference import Reference

NAME = "rules"
ORDER = 85
HELP = "list the rules of each rulebook, or explain one (ID): what it checks, why, and examples"

_BASIS_WIDTH = 24
_SOURCES_WIDTH = 28


class _RulebookIds:
    """The installed rulebooks' ids as argparse choices, looked up only when --rulebook is
    given or the help shown: finding them imports the core, which `xborder` (the wizard)
    must not wait for before its first frame."""

    def _ids(self) -> tuple[str, ...]:
        from xborder.rules.registry import rulebook_ids

        return rulebook_ids()

    def __contains__(self, value: object) -> bool:
        return value in self._ids()

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids())


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", nargs="?", metavar="ID", help="a rule id, e.g. AZ-NOTIFY-1 (any case): explain that rule")
    parser.add_argument(
        "--rulebook", choices=_RulebookIds(), metavar="ID",
        help="only this rulebook, e.g. az (default: every rulebook)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--lang", choices=("az", "en", "ru"),
        help="language of the texts (default: en for JSON, the workspace's UI language for text)",
    )


def run(args: argparse.Namespace) -> int:
    workspace = workspace_from(args.workspace, required=False) or default_workspace()
    lang = message_lang(args, workspace, json_in_english=True)
    reference = workspace.reference
    if args.id:
        return _explain(reference, args, lang)
    return _list(reference, args, lang)


# -- the list -------------------------------------------------------------------------------
def _list(reference: Reference, args: argparse.Namespace, lang: str) -> int:
    from xborder import explain

    found = explain.rules(reference, lang, args.rulebook)
    if args.format == "json":
        _json([rule.to_json() for rule in found])
        return EXIT_OK
    style = Style(sys.stdout)
    w = explain.words(lang)
    headers = (w["col.rule"], w["col.severity"], w["col.basis"], w["col.sources"], w["col.title"])
    books = explain.books(args.rulebook)
    for number, book in enumerate(books):
        info = explain.rulebook_info(reference, book, lang)
        if number:
            out("")
        out(style(f"{info.id} {info.version} ({info.as_of.isoformat()}): {info.title}", "bold"))
        rows = [_row(rule) for rule in found if rule.rulebook == book]
        widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(headers)]
        out("  ".join(h.ljust(width) for h, width in zip(headers, widths, strict=True)).rstrip())
        for row, rule in zip(rows, (r for r in found if r.rulebook == book), strict=True):
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
            cells[1] = style(cells[1], rule.severity)
            out("  ".join(cells).rstrip())
    return EXIT_OK


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _row(rule: RuleSummary) -> tuple[str, str, str, str, str]:
    return (
        rule.id,
        rule.severity_label,
        _cut(rule.citation, _BASIS_WIDTH),
        _cut(", ".join(rule.sources), _SOURCES_WIDTH),
        rule.title,
    )


# -- one rule -------------------------------------------------------------------------------
def _explain(reference: Reference, args: argparse.Namespace, lang: str) -> int:
    from xborder import explain

    found = explain.find_rule(reference, args.id, args.rulebook)
    if found is None:
        raise CLIError(explain.unknown_rule_message(reference, args.id, lang, args.rulebook))
    rulebook, rule_id = found
    explanation = explain.explain(reference, rule_id, lang, rulebook)
    if args.format == "json":
        _json(explanation.to_json())
        return EXIT_OK
    _print_explanation(explanation, Style(sys.stdout))
    return EXIT_OK


def _width() -> int:
    return max(60, min(100, shutil.get_terminal_size((100, 24)).columns))


def _para(text: str, indent: str) -> None:
    width = _width()
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            continue
        out(textwrap.fill(paragraph.strip(), width, initial_indent=indent, subsequent_indent=indent))


def _print_explanation(e: Explanation, style: Style) -> None:
    from xborder import explain

    w = explain.words(e.lang)
    rule = e.rule
    out(style(f"{rule.id} — {rule.title}", "bold"))
    severity = f"{w['severity']}: {style(rule.severity_label, rule.severity)}"
    out(severity + (f" — {e.severity_help}" if e.severity_help else ""))
    out(f"{w['verdict']}: {e.verdict}")
    out("")
    out(style(w["what"], "bold"))
    _para(rule.title, "  ")
    if e.message:
        _para(w["message"], "  ")
        _para(f"«{e.message}»", "    ")
    if e.fix:
        out(style(w["fix"], "bold"))
        _para(e.fix, "  ")
    out("")
    out(style(w["why"], "bold"))
    for quote in e.quotes:
        _para(f"{quote.citation} — {quote.title}", "  ")
        _para(quote.text, "    ")
    for note in e.notes:
        _para(note, "  ")
    if rule.sources:
        _para(f"{w['sources']}: {', '.join(rule.sources)}", "  ")
    if e.unavailable:
        out("")
        _para(w["unavailable"].format(reason=e.unavailable), "")
    if e.examples:
        out("")
        out(style(w["examples"], "dim"))
    for example in e.examples:
        out("")
        out(style(w[example.kind], "bold"))
        for line in example.fragment.splitlines():
            out(f"    {line}".rstrip())
        verdict = e.verdict_label(example.verdict)
        found = ", ".join(example.rules) if example.rules else w["no_findings"]
        result = w["result"].format(date=example.as_of.isoformat(), verdict=style(verdict, example.verdict))
        out(f"  → {result} — {found}")


def _json(data: object) -> None:
    write_json(json.dumps(data, ensure_ascii=False, indent=2) + "\n")

"""The clause 12.2 information request: a letter to a foreign recipient asking for
exactly what the rulebooks of the assessments using it need (`FormProfile.
recipient_asks`), and the reply form (a TOML file the recipient fills in and returns,
read back by `xborder request import`). Az, en and ru; a Russian text missing from the
catalogue falls back to English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from xborder.i18n.documents import t
from xborder.model.document import (
    Block,
    Bullets,
    Document,
    Fields,
    Heading,
    Paragraph,
    Signatures,
    Table,
)
from xborder.rules.present import country, value_or_dash

LANGS = ("az", "en", "ru")

_LABELS = {"measures": "info_measures", "termination": "info_termination", "evidence": "info_evidence"}
"""Key of [recipient_info] -> its label (report.*)."""
_ASKS = {"measures": "request_ask_measures", "termination": "request_ask_termination"}
"""Key of [recipient_info] -> the question asking the recipient for it (report.*)."""


def _label(key: str, lang: str) -> str:
    return t(_LABELS[key], lang) if key in _LABELS else key


def _ask(key: str, lang: str) -> str:
    return t(_ASKS[key], lang) if key in _ASKS else key


def reply_name(entry_id: str) -> str:
    return f"{entry_id}.request-reply.toml"


def build_request(
    workspace: Any, entry: Any, asks: tuple[str, ...], lang: str, date: dt.date, countries: list[str]
) -> Document:
    op = workspace.settings.operator
    rec = entry.recipient
    ref = workspace.reference
    blocks: list[Block] = [
        Fields(
            (
                (t("request_to", lang), "\n".join(x for x in (rec.name, rec.address or "", rec.contact or "") if x)),
                (t("request_from", lang), "\n".join(x for x in (op.name, op.address, op.contact) if x) or "—"),
                (t("date", lang), date.strftime("%d.%m.%Y")),
            )
        ),
        Paragraph(
            t(
                "request_intro", lang, operator=op.name or "—", recipient=rec.name,
                countries=", ".join(country(ref, code, lang) for code in countries) or "—",
            ),
            "lead",
        ),
        Heading(t("request_asked", lang), 1),
        Bullets(tuple(f"{_label(key, lang)}: {_ask(key, lang)}" for key in asks)
                + (t("request_ask_evidence", lang),)),
    ]
    info = entry.recipient_info
    if info is not None and (info.obtained or any(getattr(info, key, None) for key in asks)):
        blocks.append(Heading(t("request_on_record", lang), 1))
        rows = [(t("info_obtained", lang), info.obtained.strftime("%d.%m.%Y") if info.obtained else "—")]
        rows += [(_label(key, lang), value_or_dash(getattr(info, key, None))) for key in asks]
        blocks.append(Fields(tuple(rows)))
    blocks.append(Heading(t("request_form", lang), 1))
    blocks.append(Paragraph(t("request_form_how", lang, file=reply_name(entry.id))))
    form_rows = [
        ("answered", t("request_answered", lang)),
        ("answered_by", t("request_answered_by", lang)),
        *((key, _label(key, lang)) for key in asks),
        ("evidence", t("info_evidence", lang)),
    ]
    blocks.append(
        Table(
            columns=(t("request_col_key", lang), t("request_col_question", lang), t("request_col_answer", lang)),
            rows=tuple((key, label, "") for key, label in form_rows),
            widths=(1.2, 2.2, 3.0),
        )
    )
    blocks.append(
        Signatures(
            people=((t("request_signed_by", lang), op.responsible or op.name or ""),),
            date_label=t("date", lang),
            signature_label=t("signature", lang),
            name_label=t("name", lang),
        )
    )
    return Document(
        kind="request",
        lang=lang,
        title=t("request_title", lang),
        subtitle=rec.name,
        header_left=op.name,
        header_right=rec.name,
        date=date,
        author=op.name,
        keywords=(entry.id, t("request_title", lang)),
        blocks=tuple(blocks),
        page_label=t("page", lang),
        of_label=t("of", lang),
    )


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def reply_template(workspace: Any, entry: Any, asks: tuple[str, ...], langs: tuple[str, ...], date: dt.date) -> str:
    """The reply form: every key the recipient answers, each under a comment asking for
    it in the letter's languages; read back by `xborder request import`."""

    def comment(key: str, **params: str) -> list[str]:
        return [f"# {t(key, lang, **params)}" for lang in langs]

    def asking(key: str) -> list[str]:
        return [f"# {_ask(key, lang)}" for lang in langs]

    op = workspace.settings.operator.name or "—"
    lines = [*comment("request_reply_head", operator=op, date=date.isoformat()), ""]
    lines += [f"recipient = {_quoted(entry.id)}", f"request_date = {date.isoformat()}", ""]
    lines += [*comment("request_answered"), 'answered = ""', ""]
    lines += [*comment("request_answered_by"), 'answered_by = ""', ""]
    for key in asks:
        lines += [*asking(key), f'{key} = ""', ""]
    lines += [*comment("request_ask_evidence"), "evidence = []", ""]
    return "\n".join(lines)


def write_request(
    workspace: Any,
    entry_id: str,
    formats: tuple[str, ...],
    langs: tuple[str, ...],
    out_dir: Path | None,
    date: dt.date,
) -> list[Path]:
    """Write `<id>.request.<lang>.<ext>` and the reply form `<id>.request-reply.toml`."""
    from xborder.report.generate import EXTENSIONS, ReportError, _write, render
    from xborder.store.recipients import usages
    from xborder.store.requests import asks_for

    found = workspace.recipients.result(entry_id)
    if found is None:
        raise ReportError(f"no recipient {entry_id!r} in the catalogue (`xborder recipients` lists them)")
    if found.entry is None:
        first = found.errors[0]
        raise ReportError(first.located(workspace.recipients.relative(found.path)))
    entry = found.entry
    asks = asks_for(workspace, entry_id)
    used = usages(workspace).get(entry_id, [])
    countries = sorted({u["country"] for u in used}) or list(entry.countries)
    out_dir = Path(out_dir) if out_dir is not None else workspace.reports_dir
    written = []
    for lang in langs:
        doc = build_request(workspace, entry, asks, lang, date, countries)
        for fmt in formats:
            target = out_dir / f"{entry_id}.request.{lang}.{EXTENSIONS[fmt]}"
            _write(target, render(doc, fmt))
            written.append(target)
    target = out_dir / reply_name(entry_id)
    _write(target, reply_template(workspace, entry, asks, langs, date).encode("utf-8"))
    written.append(target)
    return written

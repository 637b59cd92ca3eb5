"""The clause 12.2 information request: what a recipient is asked (its users' rulebooks
say), and importing its reply into the catalogue.

A reply is a small TOML (or JSON) file, the form sent with the letter, filled in:

    recipient = "google-llc"
    request_date = 2026-12-03
    answered = 2026-12-10
    answered_by = "Jane Roe, DPO"
    measures = "..."
    termination = "..."
    evidence = ["dpa.pdf"]          # files beside the reply

It is validated strictly (unknown keys, wrong types, a required answer missing, a date
after today, an evidence file that is not there: one line each with file, line, column
and key); then the reply and its evidence files are copied into the workspace
(evidence/recipients/<id>/) and the entry's [recipient_info] set, atomically.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from xborder.model.assessment import Date, NonEmpty, RecipientInfo, Text, _Model
from xborder.model.recipients import RecipientEntry
from xborder.model.text import Msg, in_lang, prefixed
from xborder.store.atomic import write_atomic
from xborder.store.load_errors import _key_path, describe_error, syntax_message
from xborder.store.recipients import save_entry, usages
from xborder.tomlio import Locator, TomlError, parse_toml

EVIDENCE_DIR = Path("evidence") / "recipients"


def asks_for(workspace: Any, entry_id: str) -> tuple[str, ...]:
    """What recipient `entry_id` must give: the union of what the rulebooks of the
    assessments using it ask (the default rulebook's when none uses it yet)."""
    from xborder.rules.registry import DEFAULT, get_rulebook, rulebook_ids

    books = {u["jurisdiction"] for u in usages(workspace).get(entry_id, [])} & set(rulebook_ids()) or {DEFAULT}
    asks: list[str] = []
    for book in sorted(books):
        for key in get_rulebook(book).form.recipient_asks:
            if key not in asks:
                asks.append(key)
    return tuple(asks)


class Reply(_Model):
    """The fixed keys of a reply; the answers (RecipientInfo's keys that are asked) are
    checked beside it."""

    recipient: NonEmpty
    """The recipient's id in the catalogue (as in the request)."""
    request_date: Date | None = None
    """The date of the request it answers."""
    answered: Date
    """The date of the reply."""
    answered_by: Text | None = None
    """Who answers (name, position)."""
    evidence: list[NonEmpty] = Field(default_factory=list)
    """Documents enclosed: files beside the reply."""


_ANSWERS = frozenset(RecipientInfo.model_fields) - {"obtained", "evidence", "source"}


@dataclass(frozen=True)
class ReplyError:
    file: str
    message: str
    line: int | None = None
    column: int | None = None

    def located(self, lang: str = "en") -> str:
        text = in_lang(self.message, lang)
        if self.line is not None:
            return f"{self.file}:{self.line}:{self.column or 1}: {text}"
        return f"{self.file}: {text}"


class ReplyRejected(Exception):
    def __init__(self, errors: list[ReplyError]):
        super().__init__("; ".join(e.located() for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Imported:
    entry_path: Path
    entry: RecipientEntry
    evidence: tuple[str, ...]


def import_reply(workspace: Any, path: Path, as_of: dt.date, shown: str | None = None) -> Imported:
    """Validate the reply at `path` and record it; ReplyRejected lists every problem."""
    path = Path(path)
    name = shown or str(path)

    def fail(message: str, loc: tuple[str | int, ...] = (), locator: Locator | None = None) -> ReplyError:
        line, column = locator.locate(loc) if locator is not None and loc else (None, None)
        if locator is not None and locator.has_text and line is None:
            line, column = 1, 1
        named = loc and f"'{_key_path(loc)}'" not in message
        return ReplyError(name, prefixed(_key_path(loc), message) if named else message, line, column)

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReplyRejected([ReplyError(name, Msg("error.reply_unreadable", reason=str(exc)))]) from None
    locator: Locator | None = None
    if path.suffix.lower() == ".json":
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReplyRejected([ReplyError(name, exc.msg, exc.lineno, exc.colno)]) from None
        if not isinstance(raw, dict):
            raise ReplyRejected([ReplyError(name, Msg("error.reply_not_table"), 1, 1)])
    else:
        try:
            raw = parse_toml(text)
        except TomlError as exc:
            raise ReplyRejected([ReplyError(name, syntax_message(text, exc), exc.line, exc.column)]) from None
        locator = Locator(text)
    raw = {key: value for key, value in raw.items() if value != ""}  # a field left blank is not answered
    entry_id = raw.get("recipient")
    found = workspace.recipients.result(entry_id) if isinstance(entry_id, str) else None
    asks = asks_for(workspace, entry_id) if isinstance(entry_id, str) else ()
    errors: list[ReplyError] = []
    fixed = {key: value for key, value in raw.items() if key in Reply.model_fields}
    answers = {key: value for key, value in raw.items() if key not in Reply.model_fields}
    reply: Reply | None = None
    try:
        reply = Reply.model_validate(fixed)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc, message = describe_error(dict(error))
            errors.append(fail(message, (), None) if not loc else fail(_strip(message, loc), loc, locator))
    for key in answers:
        if key not in _ANSWERS:
            errors.append(fail(Msg("error.unknown_key", key=key), (key,), locator))
    info: RecipientInfo | None = None
    try:
        info = RecipientInfo.model_validate({k: v for k, v in answers.items() if k in _ANSWERS})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc, message = describe_error(dict(error))
            errors.append(fail(_strip(message, loc), loc, locator))
    for key in asks:
        if key not in answers:
            errors.append(fail(Msg("error.reply_unanswered", key=key), (key,), locator))
    if isinstance(entry_id, str) and (found is None or found.entry is None):
        errors.append(fail(Msg("error.recipient_unknown", ref=entry_id), ("recipient",), locator))
    if reply is not None and reply.answered > as_of:
        errors.append(fail(Msg("error.reply_future", date=reply.answered.isoformat(), today=as_of.isoformat()),
                           ("answered",), locator))
    enclosed: list[Path] = []
    if reply is not None:
        for index, item in enumerate(reply.evidence):
            source = path.parent / item
            if Path(item).is_absolute() or ".." in Path(item).parts or not source.is_file():
                errors.append(fail(Msg("error.reply_evidence_missing", name=item), ("evidence", index), locator))
            else:
                enclosed.append(source)
    if errors:
        raise ReplyRejected(errors)
    assert reply is not None and info is not None and found is not None and found.entry is not None
    entry = found.entry
    folder = EVIDENCE_DIR / entry.id
    kept: list[str] = []
    copies: list[tuple[Path, bytes]] = []
    reply_name = f"reply-{reply.answered.isoformat()}{path.suffix.lower() or '.toml'}"
    for source, target_name in [(path, reply_name), *((p, p.name) for p in enclosed)]:
        target = folder / target_name
        copies.append((workspace.root / target, source.read_bytes()))
        kept.append(target.as_posix())
    before = entry.recipient_info.model_dump(exclude_none=True) if entry.recipient_info else {}
    answered = info.model_dump(exclude_none=True, exclude_defaults=True)
    request = reply.request_date.isoformat() if reply.request_date else reply.answered.isoformat()
    source_text = Msg("request.source", request=request, answered=reply.answered.isoformat())
    recorded = {**before, **answered, "obtained": reply.answered, "evidence": kept,
                "source": in_lang(source_text, workspace.settings.ui.language)}
    earlier = list(entry.earlier_obtained)
    previous = entry.recipient_info.obtained if entry.recipient_info else None
    if previous is not None and previous != reply.answered and previous not in earlier:
        earlier = sorted([*earlier, previous])  # transfers notified since rely on it
    updated = RecipientEntry.model_validate(
        {**entry.model_dump(exclude_none=True), "recipient_info": recorded, "earlier_obtained": earlier}
    )
    for target, data in copies:  # the evidence first: the entry never names a file not there
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    entry_path = workspace.recipients.path(entry.id)
    save_entry(entry_path, updated)
    workspace.recipients.forget(entry.id)
    return Imported(entry_path, updated, tuple(kept))


def _strip(message: str, loc: tuple[Any, ...]) -> str:
    """describe_error's message names the key already; `fail` prefixes it again."""
    from xborder.model.text import unprefixed

    return unprefixed(message, _key_path(loc))

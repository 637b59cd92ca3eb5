"""Messages that render themselves in the reader's language.

A load error is made deep in the model and storage, long before anyone knows the
reader's language. `Msg` is a message of the catalogue (xborder.i18n): its English text
(a `str`, so every caller that only wants English, and the JSON contract, see plain
text) that also keeps its msgid and parameters; `in_lang(message, lang)` renders it in
another language from the catalogue, falling back to English. Parameters may be `Msg`s
themselves (a type name, "a or b"), rendered in the same language.
"""

from __future__ import annotations

from typing import Any

from xborder.i18n import gettext, is_plural, ngettext


class Msg(str):
    """A catalogue message, English as a str: Msg("error.unknown_key", key="'x'")."""

    msgid: str
    params: dict[str, object]

    def __new__(cls, msgid: str, /, **params: object) -> Msg:
        obj = super().__new__(cls, _render(msgid, params, "en"))
        obj.msgid = msgid
        obj.params = params
        return obj

    def in_lang(self, lang: str) -> str:
        return self if lang == "en" else _render(self.msgid, self.params, lang)

    def __reduce__(self) -> tuple[Any, ...]:  # survive pickling to worker processes
        return (_rebuild, (self.msgid, self.params))


def _render(msgid: str, params: dict[str, object], lang: str) -> str:
    values = {name: in_lang(value, lang) if isinstance(value, str) else value for name, value in params.items()}
    count = values.pop("n", None)
    if isinstance(count, int) and is_plural(msgid):  # a counted message: its plural form
        return ngettext(lang, msgid, count, **values)
    if count is not None:
        values["n"] = count
    return gettext(lang, msgid, **values)


def _rebuild(msgid: str, params: dict[str, object]) -> Msg:
    return Msg(msgid, **params)


class DataText(str):
    """A text of versioned reference data (a rulebook's TOML), not of the catalogue: its
    English text, as a str, carrying the file's own translations (a workspace may reword
    them)."""

    labels: dict[str, str]

    def __new__(cls, labels: dict[str, str]) -> DataText:
        obj = super().__new__(cls, labels.get("en") or next(iter(labels.values()), ""))
        obj.labels = dict(labels)
        return obj

    def in_lang(self, lang: str) -> str:
        return self.labels.get(lang) or str(self)

    def __reduce__(self) -> tuple[Any, ...]:  # survive pickling to worker processes
        return (DataText, (self.labels,))


def in_lang(message: str, lang: str) -> str:
    """`message` in `lang` when it carries translations, else as it is (English)."""
    return message.in_lang(lang) if isinstance(message, (Msg, DataText)) else str(message)


def reason_of(exc: BaseException) -> str:
    """The message `exc` was raised with, translations kept (str(exc) drops them)."""
    message = exc.args[0] if exc.args else None
    return message if isinstance(message, str) else str(exc)


def prefixed(prefix: str, message: str) -> Msg:
    """`prefix: message` in every language (the prefix is a key path, the same in all)."""
    return Msg("error.prefixed", prefix=prefix, message=message)


def alternatives(values: list[str] | tuple[str, ...]) -> str:
    """ "a, b or c" in every language ("a, b və ya c")."""
    items = list(values)
    if len(items) < 2:
        return "".join(items)
    return Msg("error.alternatives", items=", ".join(items[:-1]), last=items[-1])


def unprefixed(message: str, key: str) -> str:
    """`message` without the key path it starts with, when it starts with one naming `key`
    (next to the field, the key is obvious)."""
    if isinstance(message, Msg):
        if message.msgid == "error.prefixed" and key in str(message.params["prefix"]):
            inner = message.params["message"]
            return inner if isinstance(inner, str) else str(inner)
        return message
    head, sep, rest = message.partition(": ")
    return rest if sep and key in head else message

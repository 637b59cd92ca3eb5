"""Messages that carry their translations.

A load error is made deep in the model and storage, long before anyone knows the
reader's language. `Msg` is the English text (a `str`, so every caller that only wants
English, and the JSON contract, see plain text) that also carries the same message in
other languages; `in_lang(message, lang)` picks one, falling back to English.
"""

from __future__ import annotations

from typing import Any


class Msg(str):
    """English text with its translations: Msg("unknown key", az="naməlum açar")."""

    translations: dict[str, str]

    def __new__(cls, en: str, **translations: str) -> Msg:
        obj = super().__new__(cls, en)
        obj.translations = translations
        return obj

    def in_lang(self, lang: str) -> str:
        return self.translations.get(lang) or str(self)

    def __reduce__(self) -> tuple[Any, ...]:  # survive pickling to worker processes
        return (_rebuild, (str(self), self.translations))


def _rebuild(en: str, translations: dict[str, str]) -> Msg:
    return Msg(en, **translations)


def in_lang(message: str, lang: str) -> str:
    """`message` in `lang` when it carries that translation, else as it is (English)."""
    return message.in_lang(lang) if isinstance(message, Msg) else str(message)


def reason_of(exc: BaseException) -> str:
    """The message `exc` was raised with, translations kept (str(exc) drops them)."""
    message = exc.args[0] if exc.args else None
    return message if isinstance(message, str) else str(exc)


def prefixed(prefix: str, message: str) -> Msg:
    """`prefix: message` in every language `message` carries (the prefix is a key path,
    the same in all of them)."""
    translations = message.translations if isinstance(message, Msg) else {}
    return Msg(f"{prefix}: {message}", **{lang: f"{prefix}: {text}" for lang, text in translations.items()})

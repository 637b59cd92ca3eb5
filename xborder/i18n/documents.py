"""Texts of the printable documents (headings, labels, sentences): thin accessors over
the message catalogue (xborder.i18n), namespace ``report.``. Reference data (vocabulary
labels, rule texts, country names) is not here: it comes from `xborder.reference`."""

from __future__ import annotations

from xborder.i18n import gettext, ngettext

LANGS = ("az", "en")

PREFIX = "report."


def t(key: str, lang: str, **params: str) -> str:
    """The text `key` in `lang`, with `{name}` placeholders filled."""
    return gettext(lang, PREFIX + key, **params)


def tn(key: str, n: int, lang: str, **params: str) -> str:
    """The plural text of `key` that the count `n` takes in `lang` (`{n}` filled in)."""
    return ngettext(lang, PREFIX + key, n, **params)

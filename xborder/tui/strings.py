"""The wizard's own texts: thin accessors over the message catalogue (xborder.i18n),
namespace ``tui.``; ``t("key.new", lang)`` is the catalogue's ``tui.key.new``.

Labels of vocabulary values (statuses, grounds, verdicts, data categories), rule texts
and clause texts are reference data (xborder/reference/data), not interface words.
"""

from __future__ import annotations

from xborder.i18n import gettext, ngettext

LANGS = ("az", "en")
"""The interface languages F2 switches between."""

PREFIX = "tui."


def t(key: str, lang: str, **params: object) -> str:
    """The text of `key` in `lang`, with `{params}` filled in."""
    return gettext(lang, PREFIX + key, **params)


def tn(key: str, n: int, lang: str, **params: object) -> str:
    """The plural text of `key` that the count `n` takes in `lang` (`{n}` filled in)."""
    return ngettext(lang, PREFIX + key, n, **params)

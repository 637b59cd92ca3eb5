"""The message catalogue: every interface, CLI, report and error text, in az, en and ru.

The texts live in gettext catalogues, ``locale/<lang>/LC_MESSAGES/xborder.po``, edited
with any PO editor or by hand and compiled to the ``.mo`` files next to them (committed,
and a test proves they match the ``.po``; ``scripts/i18n.py compile`` rebuilds them). At
run time this module reads the ``.mo`` files with the standard library only, lazily, once
per language, and looks messages up by an *explicit* language: the wizard switches
language live (F2) and the CLI prints JSON in English and text in the workspace's
language in one process, so there is no global language and no ``gettext.install``.

Message ids are keys, not English sentences: ``tui.key.new``, ``report.draft``,
``error.unknown_key``. The English text is the ``en`` catalogue's translation like any
other. Keys keep the call sites stable when the English wording is polished (a lawyer's
edit of an English sentence does not invalidate the Azerbaijani and Russian ones, nor
touch the code), name where a text is used (the first part is the namespace: ``tui``,
``report``, ``cli.<command>``, ``error``, ``git``, ``adequacy``), and let one English
phrase be translated differently in two places. The price, that translators read the
English from ``en/xborder.po`` rather than from the msgid, is paid by the catalogue
tests: every key has a non-empty az and en text and the same ``{placeholders}``.

Placeholders are ``str.format`` fields: ``gettext("az", "cli.due.summary", days=30)``.
Plurals use the catalogue's ``Plural-Forms``: ``ngettext(lang, key, n, **params)``
passes ``n`` to the text as ``{n}`` too. A message missing from the ``ru`` (or ``az``)
catalogue falls back to English; an unknown language is English.

Rule texts, vocabularies and clause texts are not here: they are versioned reference data
(``xborder/reference/data/*.toml``) that workspaces may override.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

DOMAIN = "xborder"
LANGS = ("az", "en", "ru")
"""The languages with a catalogue."""
FALLBACK = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_catalogues: dict[str, _gettext.GNUTranslations] = {}


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def catalogue(lang: str) -> _gettext.GNUTranslations:
    """The compiled catalogue of `lang` (English for a language without one), read on
    first use; other languages fall back to English message by message."""
    if lang not in LANGS:
        lang = FALLBACK
    found = _catalogues.get(lang)
    if found is None:
        with mo_path(lang).open("rb") as fp:
            found = _gettext.GNUTranslations(fp)
        if lang != FALLBACK:
            found.add_fallback(catalogue(FALLBACK))
        _catalogues[lang] = found
    return found


def gettext(lang: str, msgid: str, /, **params: object) -> str:
    """The text of `msgid` in `lang`, with its ``{placeholders}`` filled from `params`."""
    text = catalogue(lang).gettext(msgid)
    return text.format(**params) if params else text


def ngettext(lang: str, msgid: str, n: int, /, **params: object) -> str:
    """The form of plural message `msgid` that `n` takes in `lang`, with ``{n}`` and the
    other placeholders filled."""
    text = catalogue(lang).ngettext(msgid, msgid, n)
    return text.format(n=n, **params)


def is_plural(msgid: str) -> bool:
    """Whether `msgid` has plural forms (then `ngettext` renders it)."""
    return (msgid, 0) in catalogue(FALLBACK)._catalog  # type: ignore[attr-defined]


class Texts:
    """The messages of one namespace in one language, for a module that prints many:
    ``words = Texts("cli.due", lang); words("summary", days=30)`` is
    ``gettext(lang, "cli.due.summary", days=30)``."""

    __slots__ = ("lang", "prefix")

    def __init__(self, prefix: str, lang: str) -> None:
        self.prefix = prefix
        self.lang = lang

    def __call__(self, key: str, /, **params: object) -> str:
        return gettext(self.lang, f"{self.prefix}.{key}", **params)

    def n(self, key: str, n: int, /, **params: object) -> str:
        return ngettext(self.lang, f"{self.prefix}.{key}", n, **params)


# Azerbaijani ordinal suffixes follow the vowel of the last numeral as spoken
# (GLOSSARY-az.md: 2020-ci, 2023-cü, 2026-cı, 2029-cu il; bənd 12.1-ci).
_AZ_UNITS = {"1": "ci", "2": "ci", "3": "cü", "4": "cü", "5": "ci", "6": "cı", "7": "ci", "8": "ci", "9": "cu"}
_AZ_TENS = {"1": "cu", "2": "ci", "3": "cu", "4": "cı", "5": "ci", "6": "cı", "7": "ci", "8": "ci", "9": "cı"}


def ordinal(lang: str, number: str) -> str:
    """`number` as an ordinal where the language marks one: in Azerbaijani "12.1" ->
    "12.1-ci", "2023" -> "2023-cü", "10" -> "10-cu", "100" -> "100-cü"; elsewhere as it
    is. A range ("7.1–7.2") takes the suffix of its last number."""
    if lang != "az":
        return number
    digits = "".join(ch for ch in number if ch.isdigit())
    if not digits:
        return number
    if digits[-1] != "0":
        suffix = _AZ_UNITS[digits[-1]]
    else:
        tens = digits.rstrip("0")
        zeros = len(digits) - len(tens)
        if not tens:
            suffix = "cı"  # 0: sıfırıncı
        elif zeros == 1:
            suffix = _AZ_TENS[tens[-1]]
        elif zeros == 2:
            suffix = "cü"  # yüz
        else:
            suffix = "ci"  # min, milyon
    return f"{number}-{suffix}"


def upper(text: str, lang: str) -> str:
    """Upper case as the language writes it: Azerbaijani (like Turkish) has a dotted
    capital İ for i, which str.upper() would turn into a dotless I ("verilir" -> "VERİLİR")."""
    if lang in ("az", "tr"):
        text = text.replace("i", "İ")
    return text.upper()

"""Reference data: adequacy list, vocabularies, the rulebook's texts, country names.

The shipped files live in `xborder/reference/data/`; a workspace may override or extend
any of them with a file of the same name in its own `data/` folder (each rulebook's
own files, rule texts and adequacy list, are shipped in its package: see `BookData`) (deep-merged, the
workspace wins). Everything here is data under version control, with its source and
as-of date, so that a verdict can always say what it relied on.
"""

from xborder.reference.loader import (
    SHIPPED_DIR,
    AdequacyEntry,
    AdequacyInfo,
    Basis,
    BookData,
    Reference,
    ReferenceError,
    RuleText,
    load_reference,
)

__all__ = [
    "SHIPPED_DIR",
    "AdequacyEntry",
    "Basis",
    "BookData",
    "AdequacyInfo",
    "Reference",
    "ReferenceError",
    "RuleText",
    "load_reference",
]

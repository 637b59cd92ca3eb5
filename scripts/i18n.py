"""Keep the message catalogues compiled: `python scripts/i18n.py compile|check`.

The `.po` files under xborder/i18n/locale/ are the source; this script (Babel, a test
extra, not a run-time dependency) writes from them

- `xborder.pot`, the template: every msgid of the English catalogue, untranslated, for
  translators' tools (`msginit`, Poedit, `pybabel update`);
- `<lang>/LC_MESSAGES/xborder.mo`, the compiled catalogues that ship in the wheel.

`compile` (re)writes them; `check` exits 1 when any is missing or stale (a test runs the
same comparison). Babel writes its own version into each `.mo` header, which is why the
test extra pins Babel's minor version.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "xborder" / "i18n" / "locale"
DOMAIN = "xborder"
LANGS = ("az", "en", "ru")


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fp:
        return read_po(fp, locale=lang, domain=DOMAIN)


def mo_bytes(lang: str) -> bytes:
    """The `.mo` that Babel compiles from `lang`'s `.po` (fuzzy entries left out)."""
    buf = io.BytesIO()
    write_mo(buf, read(lang))
    return buf.getvalue()


def pot_bytes() -> bytes:
    """The template: the English catalogue's msgids and their locations, untranslated."""
    en = read("en")
    template = Catalog(
        domain=DOMAIN, project=en.project, version=en.version, header_comment=en.header_comment,
        creation_date=en.creation_date, revision_date=en.revision_date,
        fuzzy=False, charset="utf-8",
    )
    for message in en:
        if message.id:
            template.add(message.id, None, locations=message.locations,
                         auto_comments=message.auto_comments, flags=message.flags - {"fuzzy"})
    buf = io.BytesIO()
    write_po(buf, template, omit_header=False, include_previous=False)
    return buf.getvalue()


def outputs() -> dict[Path, bytes]:
    files = {LOCALE / f"{DOMAIN}.pot": pot_bytes()}
    files.update({mo_path(lang): mo_bytes(lang) for lang in LANGS})
    return files


def main(argv: list[str]) -> int:
    if argv not in (["compile"], ["check"]):
        sys.stderr.write("usage: python scripts/i18n.py compile|check\n")
        return 2
    stale = [path for path, data in outputs().items()
             if not path.exists() or path.read_bytes() != data]
    if argv == ["check"]:
        for path in stale:
            sys.stderr.write(f"{path.relative_to(ROOT)}: stale; run `python scripts/i18n.py compile`\n")
        return 1 if stale else 0
    for path, data in outputs().items():
        if path in stale:
            path.write_bytes(data)
            sys.stdout.write(f"wrote {path.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

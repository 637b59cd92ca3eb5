"""The message catalogue (xborder.i18n): complete in az and en, placeholders that match,
plural forms chosen right, compiled files that match their sources, no global state."""

from __future__ import annotations

import builtins
import importlib.util
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message

from xborder import i18n

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()


def _catalogue(lang: str) -> Catalog:
    catalogue: Catalog = SCRIPT.read(lang)
    return catalogue


def _messages(lang: str) -> dict[str, Message]:
    return {m.id[0] if m.pluralizable else m.id: m for m in _catalogue(lang) if m.id}


def _forms(message: Message) -> list[str]:
    return list(message.string) if message.pluralizable else [message.string]


def _fields(text: str) -> set[str]:
    """The placeholders of `text` with their conversion: {value!r} is not {value}."""
    return {f"{name}!{conversion}" if conversion else name
            for _, name, _, conversion in string.Formatter().parse(text) if name is not None}


EN = _messages("en")


def test_the_languages_have_catalogues() -> None:
    assert i18n.LANGS == SCRIPT.LANGS == ("az", "en", "ru")
    for lang in i18n.LANGS:
        assert i18n.mo_path(lang).is_file()


@pytest.mark.parametrize("lang", ["az", "en", "ru"])
def test_compiled_catalogues_match_their_sources(lang: str) -> None:
    """The committed .mo is exactly what Babel compiles from the .po: fix with
    `python scripts/i18n.py compile`."""
    assert i18n.mo_path(lang).read_bytes() == SCRIPT.mo_bytes(lang)


def test_the_template_matches_the_english_catalogue() -> None:
    assert (i18n.LOCALE_DIR / "xborder.pot").read_bytes() == SCRIPT.pot_bytes()


def test_the_check_command_passes() -> None:
    proc = subprocess.run([sys.executable, ROOT / "scripts" / "i18n.py", "check"],
                          capture_output=True, text=True, check=False)
    assert (proc.returncode, proc.stderr) == (0, "")


@pytest.mark.parametrize("lang", ["az", "en"])
def test_every_message_has_a_text_in_azerbaijani_and_english(lang: str) -> None:
    messages = _messages(lang)
    missing = sorted(key for key in EN if key not in messages or not all(_forms(messages[key])))
    assert missing == []
    fuzzy = sorted(key for key, m in messages.items() if m.fuzzy)
    assert fuzzy == []


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_no_translation_of_a_message_english_lacks(lang: str) -> None:
    assert sorted(set(_messages(lang)) - set(EN)) == []


@pytest.mark.parametrize("lang", ["az", "en", "ru"])
def test_placeholders_match_the_english_text(lang: str) -> None:
    """A translation that drops, adds or misspells a {placeholder} raises or loses a
    value when it is filled in."""
    wrong = []
    for key, message in _messages(lang).items():
        expected = set().union(*(_fields(text) for text in _forms(EN[key])))
        for text in _forms(message):
            if not text:
                continue  # untranslated (ru): English is used
            got = _fields(text)
            if message.pluralizable:  # a form may say "one" instead of {n}
                got, want = got - {"n"}, expected - {"n"}
            else:
                want = expected
            if got != want:
                wrong.append((key, text, sorted(want)))
    assert wrong == []


def test_plural_messages_in_english_are_plural_in_every_catalogue() -> None:
    for lang in ("az", "ru"):
        for key, message in _messages(lang).items():
            assert message.pluralizable == EN[key].pluralizable, (lang, key)


@pytest.mark.parametrize(("lang", "forms"), [
    ("en", ["1 file", "2 files", "5 files", "21 files"]),
    ("az", ["1 fayl", "2 fayl", "5 fayl", "21 fayl"]),
    ("ru", ["1 файл ", "2 файла ", "5 файлов ", "21 файл "]),
])
def test_plural_forms_follow_the_language(lang: str, forms: list[str]) -> None:
    got = [i18n.ngettext(lang, "tui.home.invalid", n) for n in (1, 2, 5, 21)]
    assert [text.startswith(form) for text, form in zip(got, forms, strict=True)] == [True] * 4, got


def test_plural_forms_headers() -> None:
    assert _catalogue("az").plural_forms == "nplurals=2; plural=(n != 1);"
    assert _catalogue("en").plural_forms == "nplurals=2; plural=(n != 1);"
    assert _catalogue("ru").plural_forms == (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    )
    ru = i18n.catalogue("ru")
    assert [ru.plural(n) for n in (1, 2, 5, 11, 12, 21, 22, 25, 111, 112)] == [0, 1, 2, 2, 2, 0, 1, 2, 2, 2]


def test_lookup_by_explicit_language_with_english_fallback() -> None:
    assert i18n.gettext("az", "tui.key.new") == "Yeni"
    assert i18n.gettext("en", "tui.key.new") == "New"
    assert i18n.gettext("de", "tui.key.new") == "New"  # no catalogue: English
    assert i18n.gettext("az", "tui.cmd.step", step="X") == "Addıma keç: X"


def test_russian_falls_back_to_english_message_by_message() -> None:
    untranslated = next(key for key, m in _messages("ru").items() if not any(_forms(m)) and not m.pluralizable)
    assert i18n.gettext("ru", untranslated) == i18n.gettext("en", untranslated)


def test_the_catalogue_never_installs_a_global_translation() -> None:
    had = hasattr(builtins, "_")
    for lang in ("az", "en", "ru", "xx"):
        i18n.gettext(lang, "tui.key.new")
        i18n.ngettext(lang, "tui.home.invalid", 2)
    assert hasattr(builtins, "_") == had
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "xborder").rglob("*.py"))
    assert ".install(" not in source and "textdomain(" not in source


def _keys_used() -> set[str]:
    """The literal keys the code looks up: Msg("error.x"), gettext(lang, "cli.x"),
    words("summary") after words = Texts("cli.due", lang), t("key.new", ...) in the
    wizard, t("page", ...) in the reports."""
    import re

    keys: set[str] = set()
    for path in (ROOT / "xborder").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r"\bMsg\(\s*\"([a-z0-9_.]+)\"", source))
        keys |= set(re.findall(r"\bn?gettext\(\s*[\w\"]+,\s*\"([a-z0-9_.]+)\"", source))
        namespaces = set(re.findall(r"\bTexts\(\s*\"([a-z0-9_.]+)\"", source))
        if len(namespaces) == 1:  # words = Texts("cli.due", lang); words("summary", ...)
            (namespace,) = namespaces
            keys |= {f"{namespace}.{k}" for k in re.findall(r"\b(?:words|L)\(\s*[\"']([a-z0-9_.]+)[\"']", source)}
        for module, prefix in (("xborder.tui.strings", "tui."), ("xborder.i18n.documents", "report.")):
            if module in source:
                keys |= {prefix + k for k in re.findall(r"\btn?\(\s*[\"']([a-z0-9_.]+)[\"']", source)}
    return {key for key in keys if not key.endswith(".")}  # "kind." + kind: built at run time


def test_every_literal_key_in_the_code_is_in_the_catalogue() -> None:
    used = _keys_used()
    assert len(used) > 300
    assert sorted(used - set(EN)) == []


# The "never" column of GLOSSARY-az.md (shared/ beside the repository), each with the
# pattern that finds it in an Azerbaijani text. Words that are right in another sense
# ("təsdiqlənib": approved by our review) are matched only where they mean the wrong thing.
NEVER = {
    "şəxsi məlumatlar": r"(?i)\bşəxsi məlumat",
    "emal": r"(?i)\bemal",
    "müdafiə": r"(?i)\bmüdafiə",
    "adekvat müdafiə": r"(?i)\badekvat müdafiə",
    "alıcı": r"(?i)\balıcı",
    "alan": r"(?i)\balan(?!\s+tərəf)\w*",
    "alandan məlumat": r"(?i)\balandan məlumat",
    "hələ yox": r"(?i)\bhələ yox\b",
    "emal niyyəti": r"(?i)\bemal niyyət",
    "təsdiqlənib": r"(?i)orqan\w*\s+(tərəfindən\s+)?təsdiq",  # acknowledged by the authority
    "«rejected»": r"«rejected»",
    "QARALAMA": r"(?i)\bqaralama",
    "əsaslandırılan hüquqi əsas": r"(?i)\bəsaslandırılan hüquqi əsas",
    "planlaşdırılan başlanğıc": r"(?i)\bplanlaşdırılan başlanğıc",
    "… təhlükə": r"(?i)\btəhlükəsizliyə təhlükə",
    "fərdi məlumatlar siyasəti": r"(?i)\bfərdi məlumatlar siyasət",
    "Google LLC üçün ötürmə": r"(?i)\büçün ötürmə\b",
}


def test_no_ruled_out_azerbaijani_term_in_the_catalogue() -> None:
    import re

    found = []
    for key, message in _messages("az").items():
        for text in _forms(message):
            found += [(key, term, text) for term, pattern in NEVER.items() if re.search(pattern, text)]
    assert found == []


def test_the_ruled_out_terms_are_the_glossarys() -> None:
    """NEVER follows the glossary: a term added to its "never" column must be added here."""
    glossary = next((p for p in (parent / "shared" / "GLOSSARY-az.md" for parent in ROOT.parents)
                     if p.is_file()), None)
    if glossary is None:
        pytest.skip("shared/GLOSSARY-az.md is not beside the repository")
    import re

    terms = set()
    for line in glossary.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not line.startswith("|") or cells[0] in ("concept", "") or set(cells[0]) <= {"-"}:
            continue
        for term in cells[2].split(","):
            term = re.sub(r"\(.*?\)", "", term).strip()
            if term and term != "—":
                terms.add(term)
    assert terms == set(NEVER)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("12.1", "12.1-ci"), ("6.3", "6.3-cü"), ("7.1–7.2", "7.1–7.2-ci"), ("4.6", "4.6-cı"),
        ("2029", "2029-cu"), ("2020", "2020-ci"), ("2023", "2023-cü"), ("2026", "2026-cı"),
        ("2030", "2030-cu"), ("10", "10-cu"), ("40", "40-cı"), ("100", "100-cü"),
    ],
)
def test_azerbaijani_ordinals_follow_the_last_numeral(number: str, expected: str) -> None:
    """GLOSSARY-az.md: 2020-ci, 2021-ci, 2023-cü, 2026-cı, 2029-cu, 2030-cu il."""
    from xborder.i18n import ordinal

    assert ordinal("az", number) == expected
    assert ordinal("en", number) == number


def test_no_ruled_out_azerbaijani_term_in_the_shipped_reference_data() -> None:
    """Rule texts, vocabularies and clause texts are TOML reference data, not the
    catalogue; their Azerbaijani follows the glossary all the same."""
    import tomllib

    from xborder.reference import SHIPPED_DIR
    from xborder.rules import get_rulebook, rulebook_ids

    folders = [SHIPPED_DIR, *(get_rulebook(book).data.shipped_dir for book in rulebook_ids())]

    def texts(value: object, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield from texts(item, (*path, key))
        elif isinstance(value, list):
            for item in value:
                yield from texts(item, path)
        elif isinstance(value, str) and path and path[-1] == "az":
            yield ".".join(path), value

    found = []
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            if path.name.endswith("_examples.toml"):
                continue  # assessment fragments: a user's own words
            for key, text in texts(tomllib.loads(path.read_text(encoding="utf-8"))):
                found += [(path.name, key, term) for term, pattern in NEVER.items() if re.search(pattern, text)]
    assert found == []

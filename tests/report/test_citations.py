"""Every printed document cites truthfully (FORMAT.md, "Every finding names its sources
truthfully"): a clause number is printed only next to the name of the document it belongs
to (a seed policy named as a model, or the operator's own policy through its profile),
never bare where a reader would take it for the operator's own. Checked over every
document of every example assessment, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xborder.cli.main import main

from .helpers import AS_OF

EXAMPLES = (
    "alqoritmika-crm-telephony",
    "alqoritmika-licensees",
    "charge-hr-group",
    "charge-web-analytics",
    "elegal-lawyers",
    "ims-support-chats",
    "ims-web-analytics",
    "probpm-crm",
)
CLAUSE = re.compile(r"(?:clause|bənd|пункт|§)\s*\d+\.\d+|\d+\.\d+(?:–\d+\.\d+)?-c[iıuü] bənd|\(\d{1,2}\.\d{1,2}(?:–\d+\.\d+)?\)")
# what names the document a clause belongs to, in the text just before the number
OWNER = re.compile(
    r"MMC|LLC|E-LEGAL|its personal data processing policy|our personal data processing policy|"
    r"siyasətinin|siyasətimizin|siyasətin|политик|"
    # the adequacy list's own caveat, printed in the report's annex, names the seed
    # policies together: "clause 7.1 of the operators' policies"
    r"operators' policies|operatorların siyasətlərinin"
)
OWNER_AFTER = re.compile(r"^[\s\d.–-]*(?:of its policy|of our personal data processing policy|of its personal data processing policy|of the operators' policies)")


def _user_texts(ws_root: Path) -> list[str]:
    """Every string the example files record (purposes, notes, references...): the user's
    own words, printed as entered, are not xborder's citations."""
    import tomllib

    from xborder.report.markdown import escape

    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            for line in value.split("\n"):
                if CLAUSE.search(line):
                    found.update((line, escape(line)))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in (ws_root / "data" / "assessments").glob("*.toml"):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return sorted(found, key=len, reverse=True)


@pytest.fixture(scope="module")
def documents(ws_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("documents")
    for ident in EXAMPLES:
        for command in (["report", ident], ["statement", ident], ["notice", ident, "--force"]):
            status = main([*command, "-w", str(ws_root), "--format", "md", "--lang", "az,en",
                           "--out", str(out), "--as-of", AS_OF.isoformat()])
            assert status == 0, command
    assert main(["register", "-w", str(ws_root), "--format", "md", "--lang", "az,en", "--out", str(out), "--as-of", AS_OF.isoformat()]) in (0, 2)
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(out.glob("*.md"))}


def test_every_kind_of_document_was_read(documents: dict[str, str]) -> None:
    names = " ".join(documents)
    for kind in (".az.md", ".en.md", ".statement.", ".notice-draft.", "register."):
        assert kind in names, kind
    assert len(documents) >= len(EXAMPLES) * 3 * 2


def test_no_clause_number_without_its_document(documents: dict[str, str], ws_root: Path) -> None:
    user = _user_texts(ws_root)
    bare = []
    for name, text in documents.items():
        for own in user:
            text = text.replace(own, "")
        for match in CLAUSE.finditer(text):
            before = text[max(0, match.start() - 160): match.start()]
            if not OWNER.search(before) and not OWNER_AFTER.search(text[match.end():]):
                bare.append(f"{name}: …{before[-60:]}{match.group(0)}")
    assert bare == []


def test_the_checker_catches_a_bare_clause() -> None:
    """The pattern the previous test relies on finds what v1 printed."""
    printed = "In accordance with clause 12.1 of the policy, before"
    match = CLAUSE.search(printed)
    assert match is not None and not OWNER.search(printed[: match.start()])
    assert CLAUSE.search("siyasətinin 12.1-ci bəndinə uyğun") is not None


def _all_user_texts(ws_root: Path) -> list[str]:
    """Every string the example files record, as printed (plain and Markdown-escaped),
    longest first: the user's own words are printed as entered."""
    import tomllib

    from xborder.report.markdown import escape

    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            for line in value.split("\n"):
                if line.strip():
                    found.update((line, escape(line)))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in (ws_root / "data" / "assessments").glob("*.toml"):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return sorted(found, key=len, reverse=True)


def test_no_ruled_out_azerbaijani_term_in_the_rendered_documents(documents: dict[str, str], ws_root: Path) -> None:
    """GLOSSARY-az.md's "never" column holds for what xborder prints, not only for its
    catalogue: every Azerbaijani document of every example (report, statement, notice,
    register), the user's own words excepted."""
    from tests.core.test_i18n import NEVER

    user = _all_user_texts(ws_root)
    found = []
    for name, text in documents.items():
        if ".az." not in name:
            continue
        for own in user:
            text = text.replace(own, "")
        found += [(name, term, m.group(0)) for term, pattern in NEVER.items() for m in re.finditer(pattern, text)]
    assert found == []

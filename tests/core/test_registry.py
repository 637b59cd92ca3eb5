"""Rulebooks are plugins: a rulebook installed as a separate distribution, found through
the entry-point group xborder.rulebooks, is used by the loader, the engine, `check` and
`due` like the shipped "az" one."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from pathlib import Path

import pytest

from xborder.rules import evaluate, get_rulebook, load_reference, rulebook_ids
from xborder.rules.registry import GROUP, refresh

PLUGIN = '''
from __future__ import annotations

import datetime as dt
from pathlib import Path

from xborder.reference import BookData
from xborder.rules import Evaluation, Finding, FormProfile, NoticeRules, Rulebook, TransferResult
from xborder.rules.engine import verdict_of, worst_verdict


class TestRulebook(Rulebook):
    id = "xt"
    data = BookData("xt", Path(__file__).parent / "xt_data", "rulebook_xt.toml", "adequacy_xt.toml")
    form = FormProfile(home_country="DE", grounds_fields={"consent": ()})
    notice = NoticeRules(itself=frozenset({"XT-NOTIFY"}), about_notice=frozenset({"XT-NOTIFY"}))

    def evaluate(self, assessment, reference, as_of):
        results = []
        for index, transfer in enumerate(assessment.transfers):
            found = []
            if transfer.notification is None:
                found.append(Finding("XT-NOTIFY", reference.rule("XT-NOTIFY").severity, transfer.id,
                                     ("transfers", index, "notification"), {}, reference))
            info = reference.adequacy_of(transfer.country)
            results.append(TransferResult(transfer.id, transfer.country, info, verdict_of(found), tuple(found)))
        return Evaluation(assessment.id, as_of, worst_verdict(r.verdict for r in results), (),
                          tuple(results), reference.rulebook.meta.version, reference.adequacy_version, "xt")

    def deadlines(self, assessment, as_of=None, reference=None):
        return iter(())

    def notice_document(self, assessment, evaluation, settings, reference, sha256, lang, transfers, gaps=()):
        from xborder.model.document import Document, Paragraph

        body = "To the Test Authority: " + ", ".join(t.id for t in transfers)
        return Document("notice", lang, "Test notice", "", "", "", evaluation.as_of, "", blocks=(Paragraph(body),))


RULEBOOK = TestRulebook()
'''

RULES = """
[meta]
id = "xt"
version = "t1"
as_of = 2026-01-01
[meta.law]
document.en = "Test Act"
verified = true
article.en = "s. 1"
[grounds]
values = ["consent"]
[rules."XT-NOTIFY"]
severity = "pending"
title.en = "Not notified"
message.en = "Notify first."
"""

ADEQUACY = """
[meta]
version = "xt-list"
as_of = 2026-01-01
"""


@pytest.fixture
def plugin(tmp_path, monkeypatch):
    """A distribution `xborder-test-rulebook` installed on sys.path, registering "xt"."""
    (tmp_path / "xt_plugin.py").write_text(PLUGIN, encoding="utf-8")
    data = tmp_path / "xt_data"
    data.mkdir()
    (data / "rulebook_xt.toml").write_text(RULES, encoding="utf-8")
    (data / "adequacy_xt.toml").write_text(ADEQUACY, encoding="utf-8")
    info = tmp_path / "xborder_test_rulebook-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: xborder-test-rulebook\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{GROUP}]\nxt = xt_plugin:RULEBOOK\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    refresh()
    yield get_rulebook("xt")
    sys.modules.pop("xt_plugin", None)
    monkeypatch.undo()
    refresh()


def _assessment(build, make_transfer, **changes):
    return build(make_transfer(**changes)).model_copy(update={"jurisdiction": "xt"})


def test_the_shipped_rulebook_is_registered_through_the_entry_point():
    from importlib.metadata import entry_points

    names = {point.name for point in entry_points(group=GROUP)}
    assert "az" in names  # pyproject.toml registers it like any other rulebook's package
    assert get_rulebook("az").home_country == "AZ"


def test_an_unknown_rulebook_is_a_key_error():
    with pytest.raises(KeyError):
        get_rulebook("zz")


def test_a_plugin_rulebook_is_found_and_judges_its_files(plugin, build, make_transfer, reference):
    assert "xt" in rulebook_ids()
    assessment = _assessment(build, make_transfer, notification=None)
    evaluation = evaluate(assessment, reference, dt.date(2026, 11, 22))
    assert evaluation.rulebook == "xt"
    (finding,) = evaluation.all_findings()
    assert finding.rule == "XT-NOTIFY" and finding.message("en") == "Notify first."
    # the plugin's own data: its law, verified with its article
    assert [b.to_json() for b in finding.basis()] == [
        {"kind": "law", "document": "Test Act", "clause": "s. 1", "verified": True}
    ]
    assert evaluation.adequacy_version == "xt-list"


def test_a_plugin_rulebook_brings_its_own_reference_data(plugin):
    reference = load_reference(None, "xt")
    assert reference.book == plugin.data and reference.grounds == ("consent",)
    assert reference.policies  # the shared data (profiles, vocabularies) is the same


def test_load_checks_follow_the_assessments_rulebook(plugin, tmp_path, make_doc, make_transfer, write):
    from xborder.store import load_assessment

    reference = load_reference(None)
    az_home = make_doc(make_transfer(country="AZ", ground="consent"), jurisdiction="xt")
    path = write(tmp_path, az_home)
    result = load_assessment(path, reference)
    assert result.errors == []  # Azerbaijan is abroad for the "xt" rulebook

    de_home = make_doc(make_transfer(country="DE", ground="adequacy"), jurisdiction="xt")
    path = write(tmp_path, de_home)
    messages = [str(e) for e in load_assessment(path, reference).errors]
    assert any("transfers[0].country" in m for m in messages)  # DE is its home country
    assert any("transfers[0].ground" in m and "unknown ground 'adequacy'" in m for m in messages)


def test_the_az_rulebook_still_refuses_azerbaijan(tmp_path, make_doc, make_transfer, write):
    from xborder.store import load_assessment

    path = write(tmp_path, make_doc(make_transfer(country="AZ")))
    (error,) = load_assessment(path, load_reference(None)).errors
    assert "cannot go to Azerbaijan (AZ)" in str(error)


def test_nothing_outside_a_rulebook_names_its_rule_ids_or_its_country():
    package = Path(__file__).resolve().parents[2] / "xborder"
    offenders = []
    for path in package.rglob("*.py"):
        if "rulebooks" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if "key.lang_other" in line:  # the language switch's label, not the country
                continue
            if '"AZ-' in line or "'AZ-" in line or '"AZ"' in line or "'AZ'" in line:
                offenders.append(f"{path.relative_to(package)}:{number}: {line.strip()}")
    assert offenders == [], textwrap.indent("\n".join(offenders), "  ")


def test_the_notice_is_the_rulebooks(plugin, tmp_path, make_doc, make_transfer, write):
    """`xborder notice` prints what the assessment's rulebook builds (here the plugin's)."""
    from xborder.cli.main import main

    (tmp_path / "xborder.toml").write_text('[operator]\nname = "Test"\n', encoding="utf-8")
    doc = make_doc(make_transfer(id="cloud", country="FR", notification=None, ground="consent",
                                 consent={"written": True, "reference": "F1"}), jurisdiction="xt")
    doc["operator"].update(address="Baku", responsible="Leyla")
    doc["transfers"][0]["recipient"]["address"] = "Berlin"
    write(tmp_path, doc)
    status = main(["notice", doc["id"], "-w", str(tmp_path), "--format", "md", "--as-of", "2026-11-22", "--force"])
    assert status == 0
    (written,) = (tmp_path / "reports").glob("*.md")
    assert "To the Test Authority: cloud" in written.read_text(encoding="utf-8")

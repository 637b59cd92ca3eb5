"""What the documents say: the assessment report's facts in Azerbaijani and English
(document model and the text extracted from the PDF), every verdict, provenance."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .helpers import pdf_text

EXAMPLES = {
    # id -> assessment verdict as of 2026-11-22 (tests/core/test_cli_check.py)
    "alqoritmika-crm-telephony": "permitted",
    "alqoritmika-licensees": "pending",
    "charge-hr-group": "blocked",
    "ims-web-analytics": "incomplete",
}
VERDICT_LABELS = {
    "az": {"permitted": "Yol verilir", "pending": "Gözləmədədir", "incomplete": "Natamam", "blocked": "Yol verilmir"},
    "en": {"permitted": "Permitted", "pending": "Pending", "incomplete": "Incomplete", "blocked": "Blocked"},
}


@pytest.mark.parametrize("lang", ["az", "en"])
@pytest.mark.parametrize(("ident", "verdict"), sorted(EXAMPLES.items()))
def test_pdf_states_the_verdict_of_every_kind(pdfs: Callable[[str, str], bytes], ws: Any, ident: str, verdict: str, lang: str) -> None:
    label = ws.reference.label("verdict", verdict, lang)
    assert label == VERDICT_LABELS[lang][verdict]  # the labels the users know
    text = pdf_text(pdfs(ident, lang))
    cover = text[: text.index("SHA-256")]
    assert label in cover


def test_report_pdf_holds_the_key_facts_in_azerbaijani(pdfs: Callable[[str, str], bytes]) -> None:
    text = pdf_text(pdfs("charge-hr-group", "az"))
    for fact in (
        "Transsərhəd ötürmənin qiymətləndirilməsi",
        "İşçilərin məlumatları",  # the title, with İ and ş
        "charge-hr-group",
        "Ötürmələrin xülasəsi",
        "Personio SE & Co. KG",
        "Almaniya (DE)",
        "Gürcüstan (GE)",
        "Hollandiya (NL)",
        "Subyektin yazılı razılığı",
        "AZ-CONSENT-1",
        "bənd 7.2",
        "AZ-SECURITY-1",
        "Sağlamlıq vəziyyəti (xüsusi kateqoriya)",
        "İşlənilmənin konteksti",
        "İmzalar",
        "2026-11-22",
        "Səhifə 1 / ",
    ):
        assert fact in text, fact


def test_report_pdf_holds_the_key_facts_in_english(pdfs: Callable[[str, str], bytes]) -> None:
    text = pdf_text(pdfs("charge-web-analytics", "en"))
    for fact in (
        "Cross-border transfer assessment",
        "CHARGE.AZ LLC",
        "Summary of transfers",
        "United States (US)",
        "Russian Federation (RU)",
        "Amplitude, Inc.",
        "AZ-NOTIFY-3",
        "clause 12.1",
        "AZ-INFO-2",
        "clause 12.2",
        "2026/1877",
        "Processing context",
        "Signatures",
        "Page 1 of ",
    ):
        assert fact in text, fact


def test_cover_names_the_versions_and_the_file_relied_on(docs: Callable[[str, str], Any], ws: Any) -> None:
    doc = docs("ready", "en")
    cover = dict(doc.blocks[0].rows)
    assert cover["Rulebook"].startswith(f"az {ws.reference.rulebook.meta.version} ")
    assert cover["Adequacy reference list"].startswith(ws.reference.adequacy_version)
    assert cover["Assessment file"] == "data/assessments/ready.toml"
    assert len(cover["SHA-256 of the file"]) == 64
    assert cover["As of"] == "2026-11-22"
    assert cover["VÖEN (taxpayer number)"] == "1700123451"
    assert cover["State in git"] == "not in a git repository"


def test_summary_table_has_one_row_per_transfer_with_its_verdict(docs: Callable[[str, str], Any]) -> None:
    from xborder.model.document import Table

    doc = docs("charge-hr-group", "en")
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert len(table.rows) == 3
    assert table.tones == ("blocked", "blocked", "blocked")
    assert [row[1] for row in table.rows] == ["Germany (DE)", "Georgia (GE)", "Netherlands (NL)"]
    notice_column = table.columns.index("Notification")
    assert table.rows[0][notice_column] == "2026-09-15\n№ 2026/2210"


def test_every_finding_appears_with_its_citation(docs: Callable[[str, str], Any], ws: Any) -> None:
    from xborder.model.document import Findings
    from xborder.rules import evaluate

    from .helpers import AS_OF

    a = ws.load(ws.assessment_path("elegal-lawyers")).assessment
    expected = {(f.rule, f.citation("az")) for f in evaluate(a, ws.reference, AS_OF).all_findings()}
    shown = {(i.rule, i.citation) for b in docs("elegal-lawyers", "az").blocks if isinstance(b, Findings) for i in b.items}
    assert expected and shown == expected


def test_special_categories_are_marked_in_the_processing_context(docs: Callable[[str, str], Any]) -> None:
    text = docs("hostile", "en").text()
    assert "Health (special category)" in text
    assert "Identity (names) (special" not in text


def test_adequacy_source_is_in_the_report_language(docs: Callable[[str, str], Any]) -> None:
    az = docs("alqoritmika-crm-telephony", "az").text()
    assert "Avropa Şurasının 108 saylı Konvensiyasının iştirakçısı" in az
    assert "siyahıda yoxdur" not in az.split("Ötürmələrin xülasəsi")[0]
    en = docs("charge-web-analytics", "en").text()
    assert "not on the list; list coe108-" in en


def test_signature_block_names_assessor_and_reviewer(docs: Callable[[str, str], Any]) -> None:
    from xborder.model.document import Signatures

    sig = next(b for b in docs("ready", "az").blocks if isinstance(b, Signatures))
    assert sig.people == (("Qiymətləndirən", "Ülviyyə Həsənova"), ("Yoxlayan", ""))


def test_git_provenance_of_committed_modified_and_untracked_files(tmp_path: Any) -> None:
    import shutil
    import subprocess

    from xborder.report.provenance import git_states

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    run = lambda *a: subprocess.run(["git", "-C", str(tmp_path), *a], check=True, capture_output=True)  # noqa: E731
    run("init", "-q")
    run("config", "user.email", "t@example.com")
    run("config", "user.name", "T")
    clean, dirty, new = (tmp_path / n for n in ("clean.toml", "dirty.toml", "new.toml"))
    clean.write_text("a = 1\n")
    dirty.write_text("b = 1\n")
    run("add", "clean.toml", "dirty.toml")
    run("commit", "-q", "-m", "first")
    head = subprocess.run(["git", "-C", str(tmp_path), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    dirty.write_text("b = 2\n")
    new.write_text("c = 1\n")
    states = git_states(tmp_path, [clean, dirty, new])
    assert states[clean] == (head, "clean")
    assert states[dirty] == (head, "modified")
    assert states[new] == (None, "untracked")


def test_no_git_repository_means_no_git_state(tmp_path: Any) -> None:
    from xborder.report.provenance import git_states

    (tmp_path / "x.toml").write_text("a = 1\n")
    assert git_states(tmp_path, [tmp_path / "x.toml"]) == {}


@pytest.mark.parametrize(("lang", "row"), [("en", ("Decision", "Approved")), ("az", ("Qərar", "Təsdiqlənib"))])
def test_the_review_decision_names_what_was_decided(make_doc: Any, reference: Any, lang: str, row: tuple[str, str]) -> None:
    from xborder.lifecycle import approve
    from xborder.model import Settings
    from xborder.model.assessment import Assessment
    from xborder.model.document import Fields
    from xborder.report.build import build_report
    from xborder.report.provenance import Provenance
    from xborder.rules import evaluate

    from .helpers import AS_OF

    draft = Assessment.model_validate(make_doc(status="in_review"))
    approved = approve(draft, evaluate(draft, reference, AS_OF), "Anar", AS_OF, period_months=12)
    doc = build_report(approved, evaluate(approved, reference, AS_OF), Settings(), reference, Provenance("x", "0"), lang)
    rows = [r for block in doc.blocks if isinstance(block, Fields) for r in block.rows]
    assert row in rows

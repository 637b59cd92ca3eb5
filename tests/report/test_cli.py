"""The commands: report (one, several, --all in parallel), notice (refusal, DRAFT,
content), register (filters, CSV, JSON), statement; errors are one clear line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from xborder.cli.main import main

from .helpers import pdf_text

AS_OF = "2026-11-22"


def run(ws_root: Path, *args: str) -> int:
    return main(["--workspace", str(ws_root), *args])


# -- report ------------------------------------------------------------------------------
def test_report_writes_id_lang_ext_files(ws_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(ws_root, "report", "ready", "--format", "pdf,html", "--format", "md", "--lang", "en", "--out", str(tmp_path), "--as-of", AS_OF)
    assert code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["ready.en.html", "ready.en.md", "ready.en.pdf"]
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / n) for n in ("ready.en.pdf", "ready.en.html", "ready.en.md")]


def test_report_defaults_to_pdf_in_the_workspace_languages_under_reports(example_workspace: Path) -> None:
    assert run(example_workspace, "report", "ims-support-chats", "--as-of", AS_OF) == 0
    reports = example_workspace / "reports"
    assert sorted(p.name for p in reports.iterdir()) == ["ims-support-chats.az.pdf", "ims-support-chats.en.pdf"]


def test_report_all_in_parallel_equals_one_by_one(ws_root: Path, tmp_path: Path) -> None:
    from xborder.report import generate
    from xborder.store import open_workspace

    ws = open_workspace(ws_root, search=False)
    ids = [p.stem for p in ws.assessment_files()]
    calls: list[tuple[int, int, str]] = []
    parallel = generate(ws, ids, formats=("pdf", "md"), langs=("az",), out_dir=tmp_path / "a",
                        progress=lambda d, t, p: calls.append((d, t, p.name)), as_of=__import__("datetime").date(2026, 11, 22), workers=2)
    serial = generate(ws, ids, formats=("pdf", "md"), langs=("az",), out_dir=tmp_path / "b",
                      as_of=__import__("datetime").date(2026, 11, 22), workers=1)
    assert [p.name for p in parallel] == [p.name for p in serial] == [f"{i}.az.{e}" for i in ids for e in ("pdf", "md")]
    for a, b in zip(parallel, serial, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name  # deterministic across processes
    assert [c[0] for c in calls] == list(range(1, len(parallel) + 1))
    assert {c[1] for c in calls} == {len(parallel)}
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")]  # no temp files left


def test_report_all_reports_a_bad_file_and_writes_the_others(example_workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (example_workspace / "data" / "assessments" / "broken.toml").write_text('id = "broken"\ntitle = \n', encoding="utf-8")
    code = run(example_workspace, "report", "--all", "--lang", "en", "--out", str(tmp_path), "--as-of", AS_OF, "--jobs", "2")
    assert code == 2
    captured = capsys.readouterr()
    assert "broken.toml:2:" in captured.err
    assert "Traceback" not in captured.err
    assert len(list(tmp_path.glob("*.en.pdf"))) == 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("report", "nope"), "no assessment 'nope' in data/assessments"),
        (("report", "ready", "--format", "docx"), "unknown format 'docx' (choose from pdf, html, md)"),
        (("report", "ready", "--lang", "ru"), "unknown language 'ru' (choose from az, en)"),
        (("report",), "name the assessments to report on (their ids), or use --all"),
        (("report", "ready", "--all"), "give assessment ids or --all, not both"),
        (("report", "ready", "--as-of", "22.11.2026"), "invalid date '22.11.2026': expected YYYY-MM-DD"),
        (("register", "--verdict", "fine"), "unknown verdict 'fine'"),
        (("register", "--country", "XX"), "'XX' is not an ISO 3166-1 alpha-2 country code"),
        (("statement", "nope"), "no assessment 'nope'"),
        (("notice", "ready", "--transfer", "nope"), "ready: no transfer 'nope' (transfers: hosting)"),
    ],
)
def test_bad_options_give_one_clear_line(ws_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str) -> None:
    assert run(ws_root, *args, "--out", str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not list(tmp_path.iterdir())


# -- notice ------------------------------------------------------------------------------
def test_notice_is_refused_with_the_list_of_what_is_missing(ws_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(ws_root, "notice", "alqoritmika-licensees", "--lang", "en", "--out", str(tmp_path), "--as-of", AS_OF)
    assert code == 1
    err = capsys.readouterr().err
    assert "alqoritmika-licensees: not ready to be notified to the authority; missing or unresolved:" in err
    assert "licensee-tr: Information has not yet been obtained" in err
    assert "licensee-uz: Information has not yet been obtained" in err
    assert "--force" in err
    assert not list(tmp_path.iterdir())


def test_notice_refusal_speaks_the_notice_language(ws_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(ws_root, "notice", "alqoritmika-licensees", "--out", str(tmp_path), "--as-of", AS_OF)  # default: az
    assert code == 1
    err = capsys.readouterr().err
    assert "alqoritmika-licensees: səlahiyyətli orqana bildiriş göndərməyə hazır deyil; çatışmayan" in err
    assert "  - licensee-tr: Alan tərəfdən (Kodlama Akademisi Eğitim A.Ş., Türkiyə (TR)) məlumat hələ alınmayıb" in err
    assert "--force" in err
    assert "not ready" not in err and "missing or unresolved" not in err  # one language, not two
    assert not list(tmp_path.iterdir())


def test_notice_closing_and_signatory_stay_together_and_nothing_internal_is_printed(ws_root: Path, tmp_path: Path) -> None:
    import io as _io

    from pypdf import PdfReader

    assert run(ws_root, "notice", "ready", "--lang", "en", "--out", str(tmp_path), "--as-of", AS_OF) == 0
    reader = PdfReader(_io.BytesIO((tmp_path / "ready.notice.en.pdf").read_bytes()))
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    last = pages[-1]
    # the closing paragraph, the enclosures, the close and the signatory: one unit
    assert "We confirm that the information above is accurate" in last
    assert "Yours faithfully," in last and "İdarə Heyətinin sədri" in last and "Rauf Məmmədov" in last and "Seal" in last
    text = " ".join(pages)
    assert "SHA-256" not in text and "ready" not in text.split()  # no file id, no hash on the page
    assert "SHA-256" in (reader.metadata or {}).get("/Keywords", "")  # provenance: the PDF's metadata


def test_example_workspace_has_a_notice_ready_out_of_the_box(example_workspace: Path, tmp_path: Path) -> None:
    """alqoritmika-licensees: the notice for Kazakhstan (licensee-kz) is ready as shipped;
    it takes the register of letters' next number, and printing it again keeps it."""
    args = ("notice", "alqoritmika-licensees", "--transfer", "licensee-kz", "--format", "md", "--as-of", AS_OF)
    assert run(example_workspace, *args) == 0
    md = (example_workspace / "reports" / "alqoritmika-licensees.notice.az.md").read_text(encoding="utf-8")
    for fact in (
        "№ 1/2026",
        "22\\.11.2026",
        "Elektron Təhlükəsizlik Xidmətinə**",  # the addressee in the dative
        "# Transsərhəd ötürülmə niyyəti barədə",
        "16.09.2024 tarixli 2024/1183 nömrəli fərdi məlumatların işlənilməsi niyyəti barədə bildirişimizdən ayrıca",
        "**Əlavə:**",
        "kz-lisenziat-cavabi-2026-11-05.pdf",
        "Hörmətlə,",
        "Direktor",
        "Elvin Rzayev",
        "**M.Y.**",
    ):
        assert fact in md, fact
    assert "Kimə" not in md and "Məsul şəxs" not in md and "2026-11-05 tarixində" not in md
    letters = (example_workspace / "data" / "letters.toml").read_text(encoding="utf-8")
    assert 'number = "1/2026"' in letters and '"licensee-kz"' in letters
    assert run(example_workspace, *args) == 0  # the same letter again: the same number, one entry
    assert (example_workspace / "data" / "letters.toml").read_text(encoding="utf-8") == letters


def test_notice_number_and_date_given_and_the_next_proposed(ws_root: Path, tmp_path: Path) -> None:
    ws_root = _copy(ws_root, tmp_path / "ws")
    out = tmp_path / "out"
    (ws_root / "data" / "letters.toml").write_text(
        '[[letters]]\nnumber = "41/2026"\ndate = 2026-10-01\noperator = "Şəki İpək ASC"\nassessment = "other"\ntransfers = ["x"]\n',
        encoding="utf-8",
    )
    assert run(ws_root, "notice", "ready", "--format", "md", "--out", str(out), "--as-of", AS_OF) == 0
    assert "№ 42/2026" in (out / "ready.notice.az.md").read_text(encoding="utf-8")
    assert run(ws_root, "notice", "ready", "--format", "md", "--out", str(out), "--as-of", AS_OF,
               "--number", "7-s/2026", "--date", "2026-11-25") == 0
    md = (out / "ready.notice.az.md").read_text(encoding="utf-8")
    assert "№ 7\\-s/2026" in md or "№ 7-s/2026" in md
    assert "25\\.11.2026" in md


def test_forced_notice_is_a_marked_draft_under_another_name(ws_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(ws_root, "notice", "alqoritmika-licensees", "--force", "--lang", "az", "--format", "pdf,md", "--out", str(tmp_path), "--as-of", AS_OF)
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alqoritmika-licensees.notice-draft.az.md", "alqoritmika-licensees.notice-draft.az.pdf"]
    assert "LAYİHƏ kimi yazıldı" in capsys.readouterr().err  # in the notice's language
    text = pdf_text((tmp_path / "alqoritmika-licensees.notice-draft.az.pdf").read_bytes())
    assert "LAYİHƏ" in text
    assert "bildiriş göndərməyə hazır deyil" in text
    assert "məsul şəxs" in text


def test_ready_notice_holds_what_the_authority_needs(ws_root: Path, tmp_path: Path) -> None:
    assert run(ws_root, "notice", "ready", "--out", str(tmp_path), "--as-of", AS_OF) == 0
    path = tmp_path / "ready.notice.az.pdf"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # default: az, PDF
    text = pdf_text(path.read_bytes())
    for fact in (
        "Transsərhəd ötürülmə niyyəti barədə",  # the subject line
        "Elektron Təhlükəsizlik Xidmətinə",  # the addressee in the dative (xborder.toml)
        "№ 1/2026",  # the first number of the register of letters
        "22.11.2026",  # the letter's date: the as-of date
        "2025/0815",  # the notice of intent to process, from which this one is separate
        "02.06.2025",
        "Şəki İpək ASC",
        "1700123451",
        "AZ5500, Şəki şəhəri",
        "Günay Əliyeva",
        "Təyinat dövləti: Almaniya (DE)",
        "Hetzner Online GmbH",
        "Industriestr. 25, 91710 Gunzenhausen",
        "dpo@hetzner.example",
        "Təyinat dövlətində adekvat mühafizə",  # the ground's label: reference data (vocabulary.toml)
        "01.03.2027",
        "02.11.2026 tarixində alınıb",
        "ISO/IEC 27001; şifrələmə",
        "Şəxsiyyət məlumatları",
        "Customers",
        # its operator names no policy profile: the notice cites the Law, never a clause
        # number of another company's policy
        "IIIQ nömrəli Qanununa uyğun olaraq",  # (the line may break after "998-")
        "İmza",
        "Hörmətlə,",
        "İdarə Heyətinin sədri",
        "Rauf Məmmədov",
        "M.Y.",
    ):
        assert fact in text, fact
    assert "LAYİHƏ" not in text
    assert "12.1" not in text and "12.2" not in text


def _copy(root: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(root, target, ignore=shutil.ignore_patterns("reports"))
    return target


def test_notice_cites_the_operators_own_clauses_where_its_profile_maps_them(ws_root: Path, tmp_path: Path) -> None:
    ws_root = _copy(ws_root, tmp_path / "ws")  # the module's workspace stays as it is
    path = ws_root / "data" / "assessments" / "ready.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'name = "Şəki İpək ASC"', 'name = "Şəki İpək ASC"\npolicy = "ims-engineering"', 1), encoding="utf-8")
    out = tmp_path / "out"
    assert run(ws_root, "notice", "ready", "--lang", "az,en", "--format", "md", "--out", str(out), "--as-of", AS_OF) == 0
    az = (out / "ready.notice.az.md").read_text(encoding="utf-8")
    assert "fərdi məlumatların işlənilməsi siyasətimizin 12.1-ci bəndinə uyğun olaraq" in az
    assert "Hər bir alan tərəfdən məlumat \\(fərdi məlumatların işlənilməsi siyasətimizin 12.2-ci bəndi\\)" in az  # Markdown escapes the brackets
    en = (out / "ready.notice.en.md").read_text(encoding="utf-8")
    assert "In accordance with clause 12.1 of our personal data processing policy" in en
    assert "The information from each recipient \\(clause 12.2 of our personal data processing policy\\)" in en


def test_notice_of_an_operator_whose_policy_lacks_the_clause_cites_the_law(ws_root: Path, tmp_path: Path) -> None:
    ws_root = _copy(ws_root, tmp_path / "ws")  # the module's workspace stays as it is
    path = ws_root / "data" / "assessments" / "ready.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'name = "Şəki İpək ASC"', 'name = "Şəki İpək ASC"\npolicy = "alqoritmika"', 1), encoding="utf-8")
    out = tmp_path / "out"
    assert run(ws_root, "notice", "ready", "--lang", "en", "--format", "md", "--out", str(out), "--as-of", AS_OF) == 0
    en = (out / "ready.notice.en.md").read_text(encoding="utf-8")
    # Alqoritmika's policy has its cross-border clauses in §7, and its §12 is a definition
    assert "In accordance with the Law of the Republic of Azerbaijan No. 998-IIIQ" in en
    assert "12.1" not in en and "12.2" not in en


# -- register ----------------------------------------------------------------------------
def test_register_csv_and_json_list_every_transfer(ws_root: Path, tmp_path: Path) -> None:
    assert run(ws_root, "register", "--format", "csv,json", "--out", str(tmp_path), "--as-of", AS_OF) == 0
    raw = (tmp_path / "register.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs for UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    data = json.loads((tmp_path / "register.json").read_text(encoding="utf-8"))
    assert len(rows) == len(data["transfers"]) == 25 + 2  # example workspace + ready + hostile
    assert {r["verdict"] for r in rows} == {"permitted", "pending", "incomplete", "blocked"}
    hr = next(r for r in rows if r["assessment"] == "charge-hr-group" and r["transfer"] == "hris")
    assert hr["country"] == "DE" and hr["notification_sent"] == "2026-09-15" and hr["verdict"] == "blocked"
    assert hr["data"].split(";")[:2] == ["identity", "demographic"]  # keys, ";"-separated
    assert data["as_of"] == AS_OF and data["invalid"] == []


def test_register_filters_by_verdict_and_country(ws_root: Path, tmp_path: Path) -> None:
    assert run(ws_root, "register", "--format", "json,md", "--lang", "en", "--out", str(tmp_path), "--as-of", AS_OF) == 0
    full = (tmp_path / "register.json").read_bytes()
    assert run(ws_root, "register", "--format", "json,md", "--lang", "en", "--verdict", "blocked", "--country", "us,ru", "--out", str(tmp_path), "--as-of", AS_OF) == 0
    # a filtered register is named after its filters and leaves the full one as it was
    assert (tmp_path / "register.json").read_bytes() == full
    data = json.loads((tmp_path / "register-blocked-us-ru.json").read_text(encoding="utf-8"))
    got = {(r["assessment"], r["transfer"]) for r in data["transfers"]}
    assert got == {("charge-web-analytics", "amplitude"), ("charge-web-analytics", "yandex-metrika"), ("elegal-lawyers", "web-analytics")}
    assert data["filters"] == {"verdict": ["blocked"], "country": ["US", "RU"], "jurisdiction": []}
    md = (tmp_path / "register-blocked-us-ru.en.md").read_text(encoding="utf-8")
    assert "verdict: Blocked; country: United States \\(US\\), Russian Federation \\(RU\\)" in md


def test_register_csv_neutralises_spreadsheet_formulas() -> None:
    from xborder.report.generate import _csv_safe

    assert _csv_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _csv_safe("@SUM(A1)") == "'@SUM(A1)"
    assert _csv_safe("Google LLC") == "Google LLC"


def test_register_pdf_in_both_languages(ws_root: Path, tmp_path: Path) -> None:
    assert run(ws_root, "register", "--out", str(tmp_path), "--as-of", AS_OF) == 0
    az = pdf_text((tmp_path / "register.az.pdf").read_bytes())
    en = pdf_text((tmp_path / "register.en.pdf").read_bytes())
    assert "Fərdi məlumatların transsərhəd ötürülmələri reyestri" in az and "12 qiymətləndirmədə 27 ötürmə" in az
    assert "Register of cross-border transfers of personal data" in en and "27 transfers in 12 assessments" in en
    assert "Kavkaz Payroll Services LLC" in en and "Yol verilmir" in az


def test_register_lists_files_that_cannot_be_read(example_workspace: Path, tmp_path: Path) -> None:
    (example_workspace / "data" / "assessments" / "broken.toml").write_text('id = "broken"\n', encoding="utf-8")
    # written with the file listed, and the command fails as `report` does (exit 2)
    assert run(example_workspace, "register", "--format", "csv,json,md", "--lang", "en", "--out", str(tmp_path), "--as-of", AS_OF) == 2
    rows = list(csv.DictReader(io.StringIO((tmp_path / "register.csv").read_text(encoding="utf-8-sig"))))
    assert rows[-1]["assessment"] == "data/assessments/broken.toml" and rows[-1]["verdict"] == "invalid"
    assert rows[-1]["error"] and all(r["error"] == "" for r in rows[:-1])  # flagged in the CSV too
    data = json.loads((tmp_path / "register.json").read_text(encoding="utf-8"))
    assert data["invalid"][0]["file"] == "data/assessments/broken.toml"
    assert "Files that could not be read" in (tmp_path / "register.en.md").read_text(encoding="utf-8")


# -- statement ---------------------------------------------------------------------------
def test_statement_says_countries_recipients_data_and_grounds_plainly(ws_root: Path, tmp_path: Path) -> None:
    assert run(ws_root, "statement", "alqoritmika-crm-telephony", "--format", "pdf,md", "--out", str(tmp_path), "--as-of", AS_OF) == 0
    en = pdf_text((tmp_path / "alqoritmika-crm-telephony.statement.en.pdf").read_bytes())
    for fact in (
        "Information on cross-border transfers of your personal data",
        "Ireland", "HubSpot Ireland Limited", "United States", "RingCentral, Inc.",
        "processes the data on our behalf",
        "Ireland ensures adequate protection of the rights of data subjects (party to Council of Europe Convention 108)",
        "your written consent to this transfer",
        "since 01.03.2026",
        "your right of access to information about the processing of your personal data",
        "it-academy@alg.team",
    ):
        assert fact in en, fact
    az = pdf_text((tmp_path / "alqoritmika-crm-telephony.statement.az.pdf").read_bytes())
    assert "Fərdi məlumatlarınızın transsərhəd ötürülməsi barədə məlumat" in az
    assert "bu ötürməyə yazılı razılığınız" in az
    assert "AZ-" not in en  # no rule ids or verdicts in a letter to a data subject


def test_statement_names_requester_request_and_signatory_in_the_first_person(ws_root: Path, tmp_path: Path) -> None:
    assert run(ws_root, "statement", "alqoritmika-licensees", "--lang", "en", "--format", "md", "--out", str(tmp_path),
               "--as-of", AS_OF, "--requester", "Aysel Quliyeva", "--request-date", "2026-11-20") == 0
    md = (tmp_path / "alqoritmika-licensees.statement.en.md").read_text(encoding="utf-8")
    for fact in ("**To:** Aysel Quliyeva", "**Your request of:** 20\\.11.2026", "**Our reply of:** 22\\.11.2026",
                 "In reply to your request", "we set out", "Yours faithfully,", "Direktor", "Elvin Rzayev"):
        assert fact in md, fact
    assert "provides this information" not in md  # one grammatical person: we


def test_statement_is_refused_without_the_operators_contact(ws_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws_root = _copy(ws_root, tmp_path / "ws")
    path = ws_root / "data" / "assessments" / "ready.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("contact = \"mexfilik")) + "\n", encoding="utf-8")
    assert run(ws_root, "statement", "ready", "--out", str(tmp_path / "out"), "--as-of", AS_OF) != 0
    assert "operator.contact" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_statement_does_not_claim_adequacy_that_the_list_denies(ws: Any) -> None:
    from xborder.report.build import build_statement
    from xborder.rules import evaluate

    from .helpers import AS_OF as DAY

    a = ws.load(ws.assessment_path("elegal-lawyers")).assessment  # web-analytics: adequacy to the US
    text = build_statement(a, evaluate(a, ws.reference, DAY), ws.settings, ws.reference, "en").text()
    assert "United States ensures adequate protection" not in text
    assert "France ensures adequate protection" not in text  # OVH: blocked (information after the notice)
    assert "the transfer does not yet meet every requirement of the law" in text
    assert "the adequacy list does not confirm" not in text


@pytest.mark.parametrize(
    ("ident", "never"),
    [
        # payroll: consent recorded as not written; group-reporting: the subject is not party
        ("charge-hr-group", ("your written consent", "a contract you are party to")),
        # amplitude: blocked (notified after it started); yandex: blocked, unverified adequacy
        ("charge-web-analytics", ("Russian Federation ensures", "since 2026-08-01")),
    ],
)
def test_statement_names_a_ground_only_where_it_holds(ws: Any, ident: str, never: tuple[str, ...]) -> None:
    from xborder.report.build import build_statement
    from xborder.rules import evaluate

    from .helpers import AS_OF as DAY

    a = ws.load(ws.assessment_path(ident)).assessment
    text = build_statement(a, evaluate(a, ws.reference, DAY), ws.settings, ws.reference, "en").text()
    for phrase in never:
        assert phrase not in text, phrase
    assert "not permitted until those requirements are met" in text


def test_english_names_states_with_their_article_and_labels_in_full(ws: Any) -> None:
    """"the United States", "the Russian Federation" as nouns in a sentence; the
    responsible person's label as the Law has it."""
    from xborder.i18n.documents import t
    from xborder.rules import evaluate

    from .helpers import AS_OF as DAY

    a = ws.load(ws.assessment_path("elegal-lawyers")).assessment
    messages = [f.message("en") for tr in evaluate(a, ws.reference, DAY).transfers for f in tr.findings]
    assert any("but the United States (US) is not treated as adequate" in m for m in messages)
    assert not any("but United States" in m for m in messages)
    assert t("responsible", "en") == "Person responsible for organising the processing"


def test_register_has_operator_and_status_and_shows_grounds_as_they_hold(ws_root: Path, tmp_path: Path) -> None:
    assert run(ws_root, "register", "--format", "md", "--lang", "en", "--out", str(tmp_path), "--as-of", AS_OF) == 0
    md = (tmp_path / "register.en.md").read_text(encoding="utf-8")
    head = next(line for line in md.splitlines() if line.startswith("| Operator"))
    assert "| Status |" in head and "| Verdict |" in head
    hr = [line for line in md.splitlines() if "charge-hr-group" in line]
    assert len(hr) == 3 and all("CHARGE.AZ LLC" in line and "not in force" in line for line in hr)  # rejected
    payroll = next(line for line in hr if "payroll" in line)
    group = next(line for line in hr if "group-reporting" in line)
    assert "\\(not established\\)" in payroll and "\\(not established\\)" in group
    assert "\\(not established\\)" not in next(line for line in hr if "hris" in line)


def test_register_table_rows_are_never_split_across_pages() -> None:
    from .helpers import ROOT

    template = (ROOT / "xborder" / "report" / "templates" / "document.typ").read_text(encoding="utf-8")
    assert "set table.cell(breakable: false)" in template


def test_every_pdf_is_pdf_a_2b(ws_root: Path, tmp_path: Path) -> None:
    assert run(ws_root, "report", "ready", "--lang", "az", "--out", str(tmp_path), "--as-of", AS_OF) == 0
    assert run(ws_root, "notice", "alqoritmika-licensees", "--force", "--out", str(tmp_path), "--as-of", AS_OF) == 0
    for path in sorted(tmp_path.glob("*.pdf")):
        data = path.read_bytes()
        assert b"<pdfaid:part>2</pdfaid:part>" in data and b"<pdfaid:conformance>B</pdfaid:conformance>" in data, path.name


def test_report_opens_with_what_stands_in_the_way_and_gives_each_verdict_its_reason(ws_root: Path, tmp_path: Path) -> None:
    assert run(ws_root, "report", "charge-web-analytics", "--lang", "en", "--format", "md", "--out", str(tmp_path), "--as-of", AS_OF) == 0
    md = (tmp_path / "charge-web-analytics.en.md").read_text(encoding="utf-8")
    summary = md.index("## Executive summary")
    assert summary < md.index("## Summary of transfers") if "## Summary of transfers" in md else True
    assert "Verdict: Blocked" in md[summary:]
    assert "| Reason |" in md
    assert md.startswith("> **DRAFT**")  # not approved: a draft


def test_the_report_names_the_workspace_adequacy_list_used(ws_root: Path, tmp_path: Path) -> None:
    """Issue 15, item 1: the list actually used, the override's version and source too."""
    (ws_root / "data" / "adequacy.toml").write_text(
        '[meta]\nversion = "our-list-2026"\nas_of = 2026-11-01\nsource = "Letter of the authority 2026/77"\n\n'
        '[countries.US]\nadequate = true\nbasis = "authority letter"\nin_force = 2030-01-01\n',
        encoding="utf-8",
    )
    assert run(ws_root, "report", "ready", "--format", "md", "--lang", "en", "--out", str(tmp_path), "--as-of", AS_OF) == 0
    text = (tmp_path / "ready.en.md").read_text(encoding="utf-8").replace("\\", "")
    assert "our-list-2026" in text
    assert "The workspace's own adequacy list:** data/adequacy.toml — our-list-2026 — Letter of the authority 2026/77" in text

"""Rules that explain themselves (`xborder rules`, xborder.explain): every rule has an
example that triggers it and one that does not, and both do what they say, so an
explanation cannot drift from the rule it explains."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xborder import explain
from xborder.cli.main import main
from xborder.rules import SEVERITIES, load_reference

SHIPPED = load_reference(None)
RULE_IDS = [rule.id for rule in explain.rules(SHIPPED, "en") if rule.rulebook == "az"]  # "ru": test_rulebook_ru.py


@pytest.fixture
def xborder(capsys, monkeypatch):
    """xborder(*args, cwd=folder) -> (exit status, stdout, stderr), run in-process."""

    def _run(*args: str, cwd: Path) -> tuple[int, str, str]:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        status = main(list(args))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return _run


# -- the examples are data beside the rule, and they run -----------------------------------
def test_every_rule_is_listed_once():
    assert len(RULE_IDS) == len(set(RULE_IDS)) == len(SHIPPED.rulebook.rules)
    assert {"AZ-GROUND-1", "AZ-NOTIFY-1", "AZ-NONE-1", "AZ-ADV-LISTCHANGE"} <= set(RULE_IDS)


def test_every_rule_has_examples():
    assert explain.missing_examples(SHIPPED) == [], (
        "every rule needs a `triggers` and a `passes` fragment (or a reason why none can be "
        "shown) in xborder/rulebooks/az/data/rulebook_az_examples.toml"
    )


def test_examples_name_only_rules_of_the_rulebook():
    assert set(explain.examples_file("az").examples) <= set(RULE_IDS)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_the_triggers_example_triggers_the_rule(rule_id):
    judged = explain.judge_example(rule_id, "triggers")
    assert judged is not None
    assert rule_id in judged.rules, f"{rule_id}: its `triggers` example gives {judged.verdict} {judged.rules}"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_the_passes_example_does_not_trigger_the_rule(rule_id):
    judged = explain.judge_example(rule_id, "passes")
    assert judged is not None
    assert rule_id not in judged.rules, f"{rule_id}: its `passes` example gives {judged.rules}"


def test_the_base_assessment_is_permitted_with_no_finding():
    from xborder.rules import evaluate
    from xborder.store.assessments import validate_document

    data = explain.examples_file("az")
    result = validate_document(Path("example.toml"), data.base, None, SHIPPED)
    assert result.assessment is not None, result.errors
    evaluation = evaluate(result.assessment, SHIPPED, data.meta.as_of)
    assert (evaluation.verdict, evaluation.all_findings()) == ("permitted", [])


def test_a_rule_without_examples_is_caught(monkeypatch):
    data = explain.examples_file("az")
    examples = dict(data.examples)
    del examples["AZ-NOTIFY-1"]
    examples["AZ-NOTIFY-2"] = explain.ExampleEntry(triggers=examples["AZ-NOTIFY-2"].triggers)
    monkeypatch.setattr(explain, "examples_file", lambda rulebook="az": data.model_copy(update={"examples": examples}))
    assert explain.missing_examples(SHIPPED) == ["AZ-NOTIFY-1", "AZ-NOTIFY-2"]


def test_a_rule_no_fragment_can_show_needs_its_reason(monkeypatch):
    data = explain.examples_file("az")
    examples = dict(data.examples)
    fake = lambda rulebook="az": data.model_copy(update={"examples": examples})  # noqa: E731
    monkeypatch.setattr(explain, "examples_file", fake)
    examples["AZ-NONE-1"] = explain.ExampleEntry(unavailable={"en": "  ", "az": ""})
    assert explain.missing_examples(SHIPPED) == ["AZ-NONE-1"]
    examples["AZ-NONE-1"] = explain.ExampleEntry(
        unavailable={"en": "It needs two approvals.", "az": "İki təsdiq tələb olunur."}
    )
    assert explain.missing_examples(SHIPPED) == []
    explanation = explain.explain(SHIPPED, "AZ-NONE-1", "az")
    assert explanation.examples == () and explanation.unavailable == "İki təsdiq tələb olunur."


def test_a_fragment_that_does_not_load_is_an_error(monkeypatch):
    data = explain.examples_file("az")
    examples = dict(data.examples)
    examples["AZ-START-1"] = explain.ExampleEntry(triggers='[[transfers]]\nid = "x"\ncountry = "AZ"\n', passes="")
    monkeypatch.setattr(explain, "examples_file", lambda rulebook="az": data.model_copy(update={"examples": examples}))
    with pytest.raises(explain.ExampleError, match="AZ-START-1 triggers"):
        explain.judge_example("AZ-START-1", "triggers")


def test_merge_merges_tables_and_replaces_arrays():
    base = {"a": 1, "t": {"x": 1, "y": 2}, "transfers": [{"id": "one"}, {"id": "two"}]}
    merged = explain.merge(base, {"t": {"y": 3}, "transfers": [{"id": "three"}]})
    assert merged == {"a": 1, "t": {"x": 1, "y": 3}, "transfers": [{"id": "three"}]}
    assert base["t"] == {"x": 1, "y": 2}


# -- why: the clause quoted -----------------------------------------------------------------
@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_clause_a_rule_names_has_its_text(rule_id):
    rule = SHIPPED.rule(rule_id)
    for number in explain.clause_numbers(rule.clause):
        clause = SHIPPED.rulebook.clauses.get(number)
        assert clause is not None, f"{rule_id} rests on clause {number}, which has no text to quote"
        assert clause.text.get("az") and clause.text.get("en")


def test_clause_ranges_quote_both_ends():
    assert explain.clause_numbers("7.1–7.2") == ["7.1", "7.2"]
    assert explain.clause_numbers("12.1") == ["12.1"]
    assert explain.clause_numbers("") == []
    explanation = explain.explain(SHIPPED, "AZ-ADEQ-1", "en")
    assert [q.number for q in explanation.quotes] == ["7.1", "7.2"]


def test_a_rule_on_the_unverified_law_says_so_with_the_rulebooks_source_and_date():
    explanation = explain.explain(SHIPPED, "AZ-SECURITY-1", "en")
    assert explanation.basis == "law"
    assert explanation.quotes == ()
    text = " ".join(explanation.notes)
    assert "could not be verified" in text and "no clause is quoted" in text
    meta = SHIPPED.rulebook.meta
    assert meta.version in text and meta.as_of.isoformat() in text and meta.source in text
    az = " ".join(explain.explain(SHIPPED, "AZ-SECURITY-1", "az").notes)
    assert "yoxlamaq mümkün olmayıb" in az


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_explanation_shows_the_rules_own_message(rule_id):
    explanation = explain.explain(SHIPPED, rule_id, "az")
    assert explanation.message and "{" not in explanation.message


def test_what_a_rule_does_to_the_verdict():
    assert explain.explain(SHIPPED, "AZ-CONSENT-1", "en").verdict == "Blocked"
    assert explain.explain(SHIPPED, "AZ-ADV-SPECIAL", "en").verdict == "not changed"
    assert explain.explain(SHIPPED, "AZ-NOTIFY-1", "az").verdict.startswith("Gözləmədədir")


# -- the command ----------------------------------------------------------------------------
def test_rules_lists_every_rule(xborder, workspace):
    status, out, err = xborder("rules", "--lang", "en", "--rulebook", "az", cwd=workspace)
    assert (status, err) == (0, "")
    listed = [line.split()[0] for line in out.splitlines()[2:]]
    assert listed == RULE_IDS
    assert "Blocker" in out and "Law No. 998-IIIQ" in out and "No ground for the transfer" in out


def test_rules_outside_any_workspace_uses_the_shipped_rulebook(xborder, tmp_path):
    status, out, _ = xborder("rules", "--lang", "en", cwd=tmp_path)
    assert status == 0
    assert all(rule_id in out for rule_id in RULE_IDS)


def test_rules_json_is_a_list_with_stable_keys(xborder, workspace):
    status, out, _ = xborder("rules", "--format", "json", cwd=workspace)
    assert status == 0
    data = json.loads(out)
    assert [item["id"] for item in data if item["rulebook"] == "az"] == RULE_IDS
    assert {item["rulebook"] for item in data} == {"az", "ru"}
    keys = {"rulebook", "id", "severity", "severity_label", "title", "citation", "clause", "sources", "verified", "basis"}
    for item in data:
        assert set(item) == keys
        assert item["rulebook"] in ("az", "ru") and item["severity"] in SEVERITIES
        assert isinstance(item["sources"], list) and isinstance(item["verified"], bool)
    notify = next(item for item in data if item["id"] == "AZ-NOTIFY-1")
    assert notify["citation"].endswith("model: i.M.S. Engineering MMC policy of 2024-05-20, clause 12.1")  # JSON is in English unless --lang says otherwise
    assert [b["kind"] for b in notify["basis"]] == ["law", "model"]


def test_rules_id_in_azerbaijani_quotes_the_clause(xborder, workspace):
    status, out, err = xborder("rules", "AZ-NOTIFY-1", "--lang", "az", cwd=workspace)
    assert (status, err) == (0, "")
    rule = SHIPPED.rule("AZ-NOTIFY-1")
    assert rule.title["az"] in out
    clause = " ".join(SHIPPED.rulebook.clauses["12.1"].text["az"].split())
    assert clause in " ".join(out.split())  # wrapped to the terminal's width
    assert "bənd 12.1" in out
    assert "Bu halda qayda işə düşür:" in out and "Bu halda isə qayda işə düşmür:" in out
    examples = explain.examples_file("az").examples["AZ-NOTIFY-1"]
    assert examples.triggers is not None and examples.passes is not None
    for fragment in (examples.triggers, examples.passes):
        for line in fragment.strip().splitlines():
            assert line.strip() in out


def test_rules_id_is_case_insensitive_and_follows_the_workspace_language(xborder, workspace):
    (workspace / "xborder.toml").write_text('[operator]\nname = "Test LLC"\n\n[ui]\nlanguage = "az"\n', encoding="utf-8")
    status, out, _ = xborder("rules", "az-notify-1", cwd=workspace)
    assert status == 0
    assert out.startswith("AZ-NOTIFY-1 — " + SHIPPED.rule("AZ-NOTIFY-1").title["az"])
    status, out, _ = xborder("rules", "Az-Notify-1", "--lang", "en", cwd=workspace)
    assert out.startswith("AZ-NOTIFY-1 — " + SHIPPED.rule("AZ-NOTIFY-1").title["en"])
    assert "This triggers it:" in out and "This does not:" in out


def test_rules_unknown_id_is_exit_2_with_close_matches(xborder, workspace):
    status, out, err = xborder("rules", "AZ-NOTIF-1", "--lang", "en", cwd=workspace)
    assert status == 2 and out == ""
    assert err.count("\n") == 1
    assert "no rule 'AZ-NOTIF-1'" in err and "did you mean AZ-NOTIFY-1" in err
    status, _, err = xborder("rules", "nonsense", "--lang", "en", cwd=workspace)
    assert status == 2 and "xborder rules" in err and "did you mean" not in err


def test_rules_id_json(xborder, workspace):
    status, out, _ = xborder("rules", "AZ-CONSENT-1", "--format", "json", cwd=workspace)
    assert status == 0
    data = json.loads(out)
    assert data["id"] == "AZ-CONSENT-1" and data["lang"] == "en"
    assert data["verdict_effect"] == "Blocked"
    assert data["message"].startswith("The consent relied on for the transfer to Salesforce, Inc. (United States")
    assert [q["clause"] for q in data["quotes"]] == ["7.2"]
    assert set(data["examples"]) == {"triggers", "passes"}
    assert "AZ-CONSENT-1" in data["examples"]["triggers"]["rules"]
    assert data["examples"]["passes"]["verdict"] == "permitted"
    assert data["examples"]["passes"]["as_of"] == "2026-11-22"


# -- the README's table -----------------------------------------------------------------------
ROOT = Path(__file__).resolve().parents[2]


def test_readme_rule_table_is_generated_from_the_rulebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = explain.readme_table()
    assert all(f"| {rule_id} |" in table for rule_id in RULE_IDS)
    assert explain.splice_readme(readme, table) == readme, (
        "README.md's rule table differs from the rulebook: regenerate it with "
        "`.venv/bin/python scripts/readme_rules.py`"
    )


def test_splice_readme_replaces_only_between_the_markers():
    text = "intro\n<!-- rules:begin -->\nold\ntable\n<!-- rules:end -->\nafter\n"
    assert explain.splice_readme(text, "| new |") == "intro\n<!-- rules:begin -->\n| new |\n<!-- rules:end -->\nafter\n"
    with pytest.raises(ValueError, match="markers"):
        explain.splice_readme("no markers here", "| new |")


@pytest.mark.skipif(not (ROOT / "scripts" / "readme_rules.py").exists(), reason="scripts/ is not shipped in the sdist")
def test_the_script_rewrites_a_stale_table(tmp_path):
    import subprocess
    import sys

    readme = tmp_path / "README.md"
    readme.write_text("# x\n<!-- rules:begin -->\nstale\n<!-- rules:end -->\n", encoding="utf-8")
    script = ROOT / "scripts" / "readme_rules.py"
    check = subprocess.run([sys.executable, script, "--check", "--readme", readme], capture_output=True, text=True, check=False)
    assert check.returncode == 1 and "scripts/readme_rules.py" in check.stdout
    write = subprocess.run([sys.executable, script, "--readme", readme], capture_output=True, text=True, check=False)
    assert write.returncode == 0, write.stderr
    assert readme.read_text(encoding="utf-8") == f"# x\n<!-- rules:begin -->\n{explain.readme_table()}\n<!-- rules:end -->\n"


def test_rules_show_the_workspaces_rewording(xborder, workspace):
    (workspace / "data" / "rulebook_az.toml").write_text(
        '[rules."AZ-NOTIFY-1"]\ntitle.en = "Authority not told yet"\n', encoding="utf-8"
    )
    status, out, _ = xborder("rules", "--lang", "en", cwd=workspace)
    assert status == 0 and "Authority not told yet" in out
    status, out, _ = xborder("rules", "AZ-NOTIFY-1", "--lang", "en", cwd=workspace)
    assert status == 0 and out.startswith("AZ-NOTIFY-1 — Authority not told yet")


def test_rules_lists_each_rulebook_under_its_own_title(xborder, workspace):
    status, out, _ = xborder("rules", "--lang", "en", cwd=workspace)
    assert status == 0
    ru = next(line for line in out.splitlines() if line.startswith("ru "))
    assert "152-FZ" in ru and "Azerbaijan" not in ru
    status, out, _ = xborder("rules", "RU-NOTIFY-1", "--lang", "en", cwd=workspace)
    assert status == 0 and "152-FZ art. 12 part 3" in out and "could not be verified" not in out
    status, out, _ = xborder("rules", "RU-DETAILS-PHONE", "--lang", "en", cwd=workspace)
    assert status == 0 and "secondary sources" in out

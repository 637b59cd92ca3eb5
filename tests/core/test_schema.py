"""Editor support: the JSON Schema of the assessment file, generated from the models and
kept in the repo, and the .taplo.toml that points TOML editors at it."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from xborder.cli.main import main
from xborder.model.schema import SCHEMA_PATH
from xborder.rules.schema import shipped_schema_text
from xborder.tomlio import parse_toml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "data" / "assessments").glob("*.toml"))
BROKEN = ROOT / "examples" / "broken" / "data" / "assessments"


def test_schema_in_the_repo_is_up_to_date():
    """Regenerate with: .venv/bin/xborder schema > xborder/schema/assessment.schema.json"""
    assert SCHEMA_PATH == ROOT / "xborder" / "schema" / "assessment.schema.json"
    assert SCHEMA_PATH.read_text(encoding="utf-8") == shipped_schema_text(), (
        "the schema is stale: run `.venv/bin/xborder schema > xborder/schema/assessment.schema.json`"
    )


def test_schema_command_prints_the_kept_schema(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # needs no workspace
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == SCHEMA_PATH.read_text(encoding="utf-8")


def test_schema_with_the_workspace_vocabulary(capsys, workspace, monkeypatch):
    (workspace / "data" / "vocabulary.toml").write_text(
        '[data.loyalty]\nen = "Loyalty points"\naz = "Bonus xalları"\n', encoding="utf-8"
    )
    monkeypatch.chdir(workspace)
    assert main(["schema", "--workspace-vocabulary"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "loyalty" in schema["$defs"]["Processing"]["properties"]["data"]["items"]["enum"]
    assert "loyalty" not in json.loads(shipped_schema_text())["$defs"]["Processing"]["properties"]["data"]["items"]["enum"]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema):
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def as_editor_sees(value: Any) -> Any:
    """A parsed TOML document as taplo validates it: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


def load_doc(path: Path) -> dict[str, Any]:
    return as_editor_sees(parse_toml(path.read_text(encoding="utf-8")))


def errors_of(validator, doc) -> list[str]:
    return sorted(
        "/".join(str(p) for p in error.absolute_path) + ": " + error.message
        for error in validator.iter_errors(doc)
    )


def test_schema_describes_every_key_for_hover_help(schema):
    def described(prop):
        if prop.get("description"):
            return True
        ref = prop.get("$ref", "")  # a required sub-table: its table's description shows
        return bool(ref) and bool(schema["$defs"][ref.rsplit("/", 1)[1]].get("description"))

    def walk(node, where):
        for key, prop in node.get("properties", {}).items():
            assert described(prop), f"{where}.{key} has no description"

    walk(schema, "assessment")
    for name, definition in schema["$defs"].items():
        walk(definition, name)


def test_schema_forbids_unknown_keys_everywhere(schema):
    assert schema["additionalProperties"] is False
    for name, definition in schema["$defs"].items():
        assert definition.get("additionalProperties") is False, name


def test_schema_offers_no_null(schema):
    """TOML has no null; optional keys are left out."""
    text = json.dumps(schema)
    assert '"type": "null"' not in text and '"default": null' not in text


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_files_are_valid_against_the_schema(validator, path):
    assert errors_of(validator, load_doc(path)) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("typo-key.toml", "transfers/0: Additional properties are not allowed ('grond' was unexpected)"),
        ("unknown-country.toml", "transfers/0/country: 'XX' is not one of"),
    ],
)
def test_broken_examples_are_flagged_by_the_schema(validator, name, expected):
    errors = errors_of(validator, load_doc(BROKEN / name))
    assert any(error.startswith(expected) for error in errors), errors


def _edit(doc: dict[str, Any], path: tuple, value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return doc


CASES = [
    (("status",), "done", "status: 'done' is not one of"),
    (("created",), "soon", "created: 'soon' is not a 'date'"),
    (("created",), "2026-07-14T10:00:00", "is not a 'date'"),
    (("schema_version",), 2, "schema_version: 2 is greater than the maximum of 1"),
    (("id",), "Web Analytics", "id: 'Web Analytics' does not match"),
    (("processing", "data"), ["identity", "health"], "processing/data/1: 'health' is not one of"),
    (("processing", "special"), ["gossip"], "processing/special/0: 'gossip' is not one of"),
    (("transfers", 0, "country"), "AZ", "transfers/0/country: 'AZ' should not be valid under {'const': 'AZ'}"),  # the az rulebook's home
    (("transfers", 0, "ground"), "legitimate_interest", "transfers/0/ground: 'legitimate_interest' is not one of"),
    (("transfers", 0, "recipient", "kind"), "company", "transfers/0/recipient/kind: 'company' is not one of"),
    (("transfers", 0, "national_security_risk"), "no", "transfers/0/national_security_risk: 'no' is not of type 'boolean'"),
    (("transfers", 0, "start"), 20261215, "transfers/0/start: 20261215 is not of type 'string'"),
]


@pytest.mark.parametrize(("path", "value", "expected"), CASES, ids=["/".join(map(str, c[0])) + "=" + str(c[1]) for c in CASES])
def test_schema_flags_what_the_loader_refuses(validator, path, value, expected):
    doc = load_doc(ROOT / "data" / "assessments" / "charge-web-analytics.toml")
    errors = errors_of(validator, _edit(doc, path, value))
    assert any(expected in error for error in errors), errors


def test_schema_accepts_a_quoted_date_like_the_loader(validator):
    doc = load_doc(ROOT / "data" / "assessments" / "charge-web-analytics.toml")
    assert errors_of(validator, _edit(doc, ("created",), "2026-07-14")) == []


# -- the editors' configuration ---------------------------------------------------------------
def test_taplo_config_points_the_assessments_at_the_schema():
    config = parse_toml((ROOT / ".taplo.toml").read_text(encoding="utf-8"))
    (rule,) = config["rule"]
    assert "data/assessments/*.toml" in rule["include"]
    assert (ROOT / rule["schema"]["path"]).resolve() == SCHEMA_PATH
    # Formatting in the editor must keep the layout xborder writes (see test_roundtrip).
    formatting = rule["formatting"]
    assert formatting["indent_string"] == "    "
    assert formatting["array_auto_collapse"] is False
    assert formatting["reorder_keys"] is False


def test_each_rulebook_narrows_country_and_ground_to_its_own(validator):
    """A "ru" file may send to Azerbaijan on vital interests; an "az" file may not, and a
    "ru" file may not send to Russia."""
    doc = load_doc(ROOT / "data" / "assessments" / "charge-web-analytics.toml")
    doc["transfers"] = doc["transfers"][:1]
    ru = _edit(_edit(_edit(doc, ("jurisdiction",), "ru"), ("transfers", 0, "country"), "AZ"), ("transfers", 0, "ground"), "vital_interests")
    assert errors_of(validator, ru) == []
    assert errors_of(validator, _edit(ru, ("transfers", 0, "country"), "RU"))
    az = _edit(_edit(doc, ("transfers", 0, "ground"), "vital_interests"), ("jurisdiction",), "az")
    assert any("vital_interests" in e for e in errors_of(validator, az))

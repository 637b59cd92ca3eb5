"""Schema evolution (issue 5, item 7): a synthetic version 0 upgraded by a registered
migration, in memory on load and in place with `xborder migrate`."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import assessment_doc
from xborder.cli.main import main
from xborder.store import load_assessment
from xborder.store import migrate as migrations
from xborder.tomlio import dump_toml


def v0_to_v1(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 0 (synthetic) called the operator `controller` and a transfer's
    country `destination`."""
    doc = dict(doc)
    if "controller" in doc:
        doc["operator"] = doc.pop("controller")
    doc["transfers"] = [
        {("country" if k == "destination" else k): v for k, v in t.items()} for t in doc.get("transfers", [])
    ]
    return doc


def v0_document(ident: str = "x") -> dict[str, Any]:
    doc = assessment_doc(id=ident)
    doc["schema_version"] = 0
    doc["controller"] = doc.pop("operator")
    doc["transfers"] = [{("destination" if k == "country" else k): v for k, v in t.items()} for t in doc["transfers"]]
    return doc


@pytest.fixture
def with_v0(monkeypatch):
    monkeypatch.setitem(migrations.MIGRATIONS, 0, v0_to_v1)


def test_migrate_applies_steps_in_order():
    calls = []

    def step(n):
        def run(doc):
            calls.append(n)
            return {**doc, f"seen{n}": True}
        return run

    out = migrations.migrate({"schema_version": 3}, target=6, migrations={3: step(3), 4: step(4), 5: step(5)})
    assert calls == [3, 4, 5] and out["schema_version"] == 6 and out["seen5"]


def test_missing_step_and_newer_version_are_refused():
    with pytest.raises(migrations.MigrationError, match="unsupported schema_version 0"):
        migrations.migrate({"schema_version": 0})
    with pytest.raises(migrations.MigrationError, match="upgrade xborder"):
        migrations.migrate({"schema_version": 2})


def test_migration_does_not_change_its_input(with_v0):
    doc = v0_document()
    before = copy.deepcopy(doc)
    migrations.migrate(doc)
    assert doc == before


def test_old_file_loads_through_the_migration(with_v0, workspace: Path, reference):
    path = workspace / "data" / "assessments" / "x.toml"
    path.write_text(dump_toml(v0_document()), encoding="utf-8")
    result = load_assessment(path, reference)
    assert result.ok, result.errors
    assert result.assessment.operator.name == "Operator LLC" and result.assessment.transfers[0].country == "DE"


def test_without_the_migration_the_old_file_is_a_one_line_error(workspace: Path, reference):
    path = workspace / "data" / "assessments" / "x.toml"
    path.write_text(dump_toml(v0_document()), encoding="utf-8")
    (error,) = load_assessment(path, reference).errors
    assert (error.line, error.message) == (1, "unsupported schema_version 0")


def test_cli_migrate_rewrites_old_files_in_place(with_v0, workspace: Path, capsys, write):
    folder = workspace / "data" / "assessments"
    (folder / "old.toml").write_text(dump_toml(v0_document("old")), encoding="utf-8")
    current = write(workspace, assessment_doc(id="current"))
    current_bytes = current.read_bytes()
    ws = str(workspace)

    assert main(["migrate", "--all", "--dry-run", "-w", ws]) == 0
    out = capsys.readouterr().out
    assert "data/assessments/old.toml: would migrate schema_version 0 -> 1" in out
    assert "schema_version = 0" in (folder / "old.toml").read_text(encoding="utf-8")  # untouched

    assert main(["migrate", "--all", "-w", ws]) == 0
    out = capsys.readouterr().out
    assert "data/assessments/old.toml: migrated schema_version 0 -> 1" in out
    assert "data/assessments/current.toml: up to date (schema_version 1)" in out
    assert out.strip().endswith("1 of 2 files migrated")
    text = (folder / "old.toml").read_text(encoding="utf-8")
    from xborder.model import Assessment
    from xborder.store import dump_assessment

    assert text == dump_assessment(Assessment.model_validate(assessment_doc(id="old")))  # canonical v1
    assert current.read_bytes() == current_bytes  # files already current are not rewritten
    # idempotent
    assert main(["migrate", "old", "-w", ws]) == 0
    assert "up to date" in capsys.readouterr().out
    assert (folder / "old.toml").read_text(encoding="utf-8") == text


def test_cli_migrate_leaves_broken_files_alone(with_v0, workspace: Path, capsys):
    folder = workspace / "data" / "assessments"
    broken = v0_document("broken")
    broken["title"] = 5
    (folder / "broken.toml").write_text(dump_toml(broken), encoding="utf-8")
    before = (folder / "broken.toml").read_bytes()
    assert main(["migrate", "broken", "-w", str(workspace)]) == 2
    err = capsys.readouterr().err
    assert "title: expected a string, got an integer" in err and "data/assessments/broken.toml: not migrated" in err
    assert str(workspace) not in err  # named relative to the workspace, like every other line
    assert err.splitlines()[0].startswith("data/assessments/broken.toml:")
    assert (folder / "broken.toml").read_bytes() == before


def test_cli_migrate_needs_ids_or_all(workspace: Path, capsys):
    assert main(["migrate", "-w", str(workspace)]) == 2
    assert "name the assessments to migrate, or --all" in capsys.readouterr().err


def test_migration_decorator_refuses_a_second_step_for_a_version(monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", {})
    migrations.migration(7)(v0_to_v1)
    assert {7: v0_to_v1} == migrations.MIGRATIONS
    with pytest.raises(ValueError, match="already registered"):
        migrations.migration(7)(v0_to_v1)

"""Issue 16: the load errors FORMAT.md asks for that today's main let pass, error
locations, and bounded error lists (a file with thousands of errors is one bad file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xborder.store.assessments import MAX_ERRORS, load_assessment_text

VALID = """\
schema_version = 1
id = "x"
title = "Test"
created = 2026-11-01

[operator]
name = "Operator LLC"

[processing]
purposes = ["Purpose"]
subjects = ["Customers"]
data = ["identity", "contact"]

[[transfers]]
id = "t1"
country = "DE"
start = 2027-01-01
ground = "adequacy"

[transfers.recipient]
name = "Recipient GmbH"
kind = "legal_entity"
"""


def load(reference, text: str, name: str = "x.toml"):
    return load_assessment_text(Path("/ws/data/assessments") / name, text, reference)


def messages(result) -> list[str]:
    return [str(e.message) for e in result.errors]


def test_the_fixture_loads(reference):
    assert load(reference, VALID).ok


def test_a_file_without_schema_version_is_a_load_error_saying_which_line_to_add(reference):
    result = load(reference, VALID.replace("schema_version = 1\n", ""))
    assert not result.ok
    error = result.errors[0]
    assert "schema_version = 1" in error.message and (error.line, error.column) == (1, 1)
    assert "schema_version = 1" in error.text("az")


def test_schema_version_missing_is_reported_with_the_other_errors(reference):
    text = VALID.replace("schema_version = 1\n", "").replace('kind = "legal_entity"', 'kind = "x"')
    found = messages(load(reference, text))
    assert any("schema_version" in m for m in found) and any("kind" in m for m in found)


@pytest.mark.parametrize("key", ["id", "transfer"])
def test_an_id_with_a_trailing_newline_breaks_the_pattern(reference, key):
    if key == "id":
        text = VALID.replace('id = "x"', 'id = "x\\n"')
    else:
        text = VALID.replace('id = "t1"', 'id = "t1\\n"')
    result = load(reference, text)
    assert not result.ok
    assert any("id" in m for m in messages(result))


def test_t1_and_t1_newline_do_not_evade_the_duplicate_rule(reference):
    second = VALID[VALID.index("[[transfers]]"):].replace('id = "t1"', 'id = "t1\\n"')
    result = load(reference, VALID + "\n" + second)
    assert not result.ok


def test_a_file_name_with_a_newline_is_not_an_id(reference):
    result = load(reference, VALID.replace('id = "x"', 'id = "x\\n"'), name="x\n.toml")
    assert not result.ok


@pytest.mark.parametrize("value", ['"2026-W01-1"', '"20261101"', '"2026-11-01T00:00"', '" 2026-1-1"'])
def test_dates_are_only_yyyy_mm_dd(reference, value):
    result = load(reference, VALID.replace("created = 2026-11-01", f"created = {value}"))
    assert not result.ok
    assert any("created" in m for m in messages(result))


def test_a_quoted_iso_date_is_still_accepted(reference):
    assert load(reference, VALID.replace("created = 2026-11-01", 'created = "2026-11-01"')).ok


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("start = 2027-01-01", "start = 0001-01-01", "transfers[0].start"),
        ("start = 2027-01-01", "start = 9999-12-31", "transfers[0].start"),
        ("created = 2026-11-01", "created = 1899-12-31", "created"),
        ("created = 2026-11-01", "created = 2200-01-01", "created"),
    ],
)
def test_dates_that_cannot_be_true_are_load_errors_naming_the_key(reference, old, new, key):
    result = load(reference, VALID.replace(old, new))
    assert not result.ok
    assert any(m.startswith(key + ":") for m in messages(result)), messages(result)
    line = next(i for i, text in enumerate(VALID.replace(old, new).splitlines(), 1) if text == new)
    assert result.errors[0].line == line


@pytest.mark.parametrize("value", ["1900-01-01", "2199-12-31"])
def test_the_bounds_themselves_are_true(reference, value):
    assert load(reference, VALID.replace("start = 2027-01-01", f"start = {value}")).ok


@pytest.mark.parametrize(("parts", "message"), [(50, "unknown key 'a'"), (10_000, "keys are nested too deeply")])
def test_a_long_table_header_is_located_on_its_line(reference, parts, message):
    header = "[" + ".".join(["a"] * parts) + "]\n"
    result = load(reference, VALID + "\n" + header + "k = 1\n")
    assert not result.ok
    line = VALID.count("\n") + 2
    assert [(e.line, str(e.message)[: len(message)]) for e in result.errors] == [(line, message)]


def test_errors_are_bounded_per_file_with_a_count_of_the_rest(reference):
    text = VALID.replace("[processing]\n", "[processing]\n" + "".join(f"k{i} = 1\n" for i in range(500)))
    result = load(reference, text)
    assert len(result.errors) == MAX_ERRORS + 1
    assert "480 more errors" in result.errors[-1].message
    assert "480" in result.errors[-1].text("az")
    # each error still points at its own line
    assert [e.line for e in result.errors[:3]] == [10, 11, 12]


def test_many_duplicate_data_keys_are_bounded_too(reference):
    text = VALID.replace('data = ["identity", "contact"]', "data = [" + ", ".join(['"identity"'] * 5000) + "]")
    result = load(reference, text)
    assert len(result.errors) == MAX_ERRORS + 1

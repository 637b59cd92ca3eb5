"""The JSON Schema of the assessment file, generated from the models, for editors
(taplo / Even Better TOML validate and complete keys while a lawyer edits by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from xborder.model.assessment import ID_PATTERN, SCHEMA_VERSION, Assessment
from xborder.model.countries import country_codes

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "assessment.schema.json"
"""Shipped in the wheel; kept in the repo (a test fails when it is stale)."""


def assessment_schema(
    data_keys: list[str],
    special_keys: list[str],
    grounds: list[str],
    *,
    home_country: str,
    jurisdictions: list[str] | None = None,
    rulebooks: dict[str, tuple[str, list[str]]] | None = None,
    default: str = "",
) -> dict[str, Any]:
    """The schema for these vocabularies and grounds; a transfer's `country` never is
    the rulebook's `home_country`; `jurisdiction` is one of the rulebooks installed."""
    schema = Assessment.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://xborder.invalid/schema/assessment-v1.json"
    schema["title"] = "xborder assessment (FORMAT.md contract v1)"
    defs = schema.get("$defs", {})
    codes = sorted(country_codes() - {home_country})
    _set_items_enum(defs.get("Processing", {}), "data", data_keys)
    _set_items_enum(defs.get("Processing", {}), "special", special_keys)
    _set_enum(defs.get("Processing", {}), "primary_storage", sorted(country_codes()))
    transfer = defs.get("Transfer", {})
    _set_enum(transfer, "country", codes)
    _set_enum(transfer, "ground", grounds)
    _set_items_enum(transfer, "data", [*data_keys, *special_keys])
    if jurisdictions:
        _set_enum(schema, "jurisdiction", jurisdictions)
    if rulebooks:
        # Each rulebook has its own home country and grounds: `country` and `ground` take
        # the values of any rulebook, and a condition per rulebook narrows them to its own
        # (a file without `jurisdiction` is under the default rulebook).
        homes = {home for home, _grounds in rulebooks.values()}
        _set_enum(transfer, "country", sorted(country_codes() - (homes if len(rulebooks) == 1 else set())))
        union = list(dict.fromkeys(g for _home, grounds in rulebooks.values() for g in grounds))
        _set_enum(transfer, "ground", union)
        conditions = []
        for book, (home, grounds) in rulebooks.items():
            condition: dict[str, Any] = {"properties": {"jurisdiction": {"const": book}}}
            if book != default:
                condition["required"] = ["jurisdiction"]
            item = {"properties": {"country": {"not": {"const": home}}, "ground": {"enum": list(grounds)}}}
            conditions.append({"if": condition, "then": {"properties": {"transfers": {"items": item}}}})
        schema["allOf"] = conditions
    id_prop = schema["properties"]["id"]
    id_prop["pattern"] = "^[a-z0-9][a-z0-9-]{0,63}$"
    transfer.get("properties", {}).get("id", {})["pattern"] = "^[a-z0-9][a-z0-9-]{0,63}$"
    for model in ("RecipientInfo", "Notification"):
        for key, prop in defs.get(model, {}).get("properties", {}).items():
            if key in ("obtained", "sent", "acknowledged"):
                _date(prop)
    for key in ("created", "next_review"):
        _date(schema["properties"][key])
    _date(defs.get("Operator", {}).get("properties", {}).get("intent_notice_date", {}))
    _date(defs.get("AuthorityDecision", {}).get("properties", {}).get("date", {}))
    for key in ("requested", "answered"):
        _date(defs.get("InformationRequest", {}).get("properties", {}).get(key, {}))
    _date(transfer.get("properties", {}).get("start", {}))
    _date(defs.get("Approval", {}).get("properties", {}).get("date", {}))
    version = schema["properties"]["schema_version"]
    version.update(minimum=1, maximum=SCHEMA_VERSION)
    recipient = defs.get("Recipient", {})
    if "ref" in recipient.get("properties", {}):  # a catalogue reference stands for name and kind
        recipient["properties"]["ref"]["pattern"] = ID_PATTERN
        required = recipient.pop("required", [])
        recipient["anyOf"] = [{"required": ["ref"]}, {"required": required}]
    _date(defs.get("RecipientInfo", {}).get("properties", {}).get("obtained", {}))
    _drop_null(schema)
    return schema


RECIPIENT_SCHEMA_PATH = SCHEMA_PATH.parent / "recipient.schema.json"
"""The schema of a recipient catalogue file (data/recipients/<id>.toml)."""


def recipient_schema() -> dict[str, Any]:
    """The schema of a recipient catalogue file: the same [recipient] and
    [recipient_info] tables as a transfer's, without `ref`."""
    from xborder.model.recipients import RecipientEntry

    schema = RecipientEntry.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://xborder.invalid/schema/recipient-v1.json"
    schema["title"] = "xborder recipient catalogue entry (data/recipients/<id>.toml)"
    defs = schema.get("$defs", {})
    schema["properties"]["id"]["pattern"] = ID_PATTERN
    schema["properties"]["countries"]["items"] = {"type": "string", "enum": sorted(country_codes())}
    defs.get("Recipient", {}).get("properties", {}).pop("ref", None)
    _date(defs.get("RecipientInfo", {}).get("properties", {}).get("obtained", {}))
    schema["properties"]["schema_version"].update(minimum=1, maximum=SCHEMA_VERSION)
    _drop_null(schema)
    return schema


def _date(prop: dict[str, Any]) -> None:
    """TOML editors (taplo, Even Better TOML) check a TOML local date as a string of
    format "date"; a quoted ISO date, which xborder also reads, passes too."""
    for option in prop.get("anyOf", [prop]):
        if option.get("format") == "date":
            option["type"] = "string"


def _drop_null(node: Any) -> None:
    """TOML has no null: an optional key is simply left out. Remove the `null` branch
    and the `default: null` pydantic writes for optional fields, so that editors
    neither offer null nor wrap every error in "not valid under any of anyOf"."""
    if isinstance(node, list):
        for item in node:
            _drop_null(item)
        return
    if not isinstance(node, dict):
        return
    options = node.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:
        rest = [option for option in options if option != {"type": "null"}]
        del node["anyOf"]
        if len(rest) == 1:
            for key, value in rest[0].items():
                node.setdefault(key, value)
        else:
            node["anyOf"] = rest
        if node.get("default", ...) is None:
            del node["default"]
    for value in node.values():
        _drop_null(value)


def _set_enum(model: dict[str, Any], key: str, values: list[str]) -> None:
    prop = model.get("properties", {}).get(key)
    if prop is None:
        return
    for option in prop.get("anyOf", [prop]):
        if option.get("type") == "string":
            option["enum"] = list(values)


def _set_items_enum(model: dict[str, Any], key: str, values: list[str]) -> None:
    prop = model.get("properties", {}).get(key)
    if prop is None:
        return
    for option in prop.get("anyOf", [prop]):
        if option.get("type") == "array":
            option["items"] = {"type": "string", "enum": list(values)}


def render_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"

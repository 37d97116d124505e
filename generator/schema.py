"""JSON Schema (draft-07) of every content file, made from `data/fields.yaml`.

Editors validate as the student types; the checks read the very same field
definitions, so an editor and `portfolio check` agree on what is allowed.
"""

from __future__ import annotations

from typing import Any

from generator import fields as fieldspec
from generator.ruleprofile import RuleProfile, load_profile

DRAFT = "http://json-schema.org/draft-07/schema#"
KINDS = ("site", "profile", "courses", "cadres", "outcome", "performance",
         "application", "schedule", "consultations")  # fmt: skip

_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TEXT = {"type": ["string", "number"]}
_TEXT_LIST = {"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]}


def _type(spec: dict[str, Any], profile: RuleProfile) -> dict[str, Any]:
    kind = spec["type"]
    simple: dict[str, dict[str, Any]] = {
        "str": _TEXT,
        "path": {"type": "string", "minLength": 1},
        "int": {"type": "integer"},
        "number": {"type": "number"},
        "bool": {"type": "boolean"},
        "date": _DATE,
        "url": {"type": "string", "pattern": "^[a-zA-Z][a-zA-Z0-9+.-]*://\\S+$"},
        "str-list": _TEXT_LIST,
        "id-list": _TEXT_LIST,
        "submitted": {"oneOf": [{"type": "boolean"},
                                {"type": "integer", "minimum": 90, "maximum": 200}]},
        "private": {"oneOf": [{"type": "boolean"}, {"type": "array", "items": _TEXT}]},
        "items": {"oneOf": [
            {"type": "array", "items": {"enum": list(fieldspec.ITEM_LETTERS)}},
            {"type": "object", "propertyNames": {"enum": list(fieldspec.ITEM_LETTERS)},
             "additionalProperties": {"type": ["number", "null"]}},
        ]},
        "limits": {"type": "object", "additionalProperties": {"type": "integer",
                                                             "minimum": 1}},
        "links": {"type": "array", "items": {"oneOf": [
            {"type": "string"},
            {"type": "object", "required": ["url"], "additionalProperties": False,
             "properties": {"title": {"type": "string"}, "url": {"type": "string"}}},
        ]}},
    }  # fmt: skip
    if kind in simple:
        return dict(simple[kind])
    if kind == "enum":
        return {"enum": spec["values"]}
    if kind == "category":
        return {"enum": profile.category_names()}
    if kind == "mapping":
        return _object(spec["fields"], profile)
    if kind == "window":
        return _object(fieldspec.definitions()["schedule-window"], profile)
    raise ValueError(f"no JSON Schema type for {kind!r}")


def _property(spec: dict[str, Any], profile: RuleProfile) -> dict[str, Any]:
    schema = _type(spec, profile)
    schema["description"] = f"{spec.get('zh', '')} / {spec.get('en', '')}"
    return schema


def _object(specs: dict[str, Any], profile: RuleProfile) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {k: _property(v, profile) for k, v in specs.items()},
        "required": [k for k, v in specs.items() if v.get("required")],
    }


def _performance(profile: RuleProfile) -> dict[str, Any]:
    specs = fieldspec.definitions()["performance"]
    extras = fieldspec.definitions()["performance-extras"]
    schema = _object({**specs, **extras}, profile)
    rules = []
    for key, entry in profile.categories.items():
        foreign = [
            name for name, spec in extras.items() if key not in spec["categories"]
        ]
        rules.append({
            "if": {"properties": {"category": {"enum": [key, entry["name"]]}},
                   "required": ["category"]},
            "then": {"not": {"anyOf": [{"required": [name]} for name in foreign]}},
        })  # fmt: skip
    schema["allOf"] = rules
    return schema


def _list_of(kind: str, profile: RuleProfile) -> dict[str, Any]:
    return {"type": "array", "items": _object(fieldspec.definitions()[kind], profile)}


def kind_schema(kind: str, profile: RuleProfile | None = None) -> dict[str, Any]:
    """The schema of one kind of content file, without the draft header."""
    profile = profile or load_profile("taipei")
    assert profile is not None
    definitions = fieldspec.definitions()
    if kind == "performance":
        return _performance(profile)
    if kind in ("courses", "cadres", "consultations"):
        return _list_of(kind.removesuffix("s"), profile)
    if kind == "schedule":
        terms = _list_of("schedule-term", profile)
        return {
            "oneOf": [
                terms,
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["terms"],
                    "properties": {"terms": terms},
                },
            ]
        }
    return _object(definitions[kind], profile)


def document(
    kind: str | None = None, profile: RuleProfile | None = None
) -> dict[str, Any]:
    """A complete draft-07 document: one kind, or every kind under `definitions`."""
    if kind is not None:
        schema = kind_schema(kind, profile)
        return {"$schema": DRAFT, "title": f"portfolio {kind}", **schema}
    return {
        "$schema": DRAFT,
        "title": "portfolio content",
        "definitions": {k: kind_schema(k, profile) for k in KINDS},
    }

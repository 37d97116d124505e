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
# The checker takes numbers as text and refuses text that is only blanks.
_TEXT = {"type": ["string", "number"], "pattern": r"\S"}
_TEXT_LIST = {"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]}
_URL = {"type": "string", "pattern": "^[a-zA-Z][a-zA-Z0-9+.-]*://\\S+$"}
_LINK = {"oneOf": [
    _URL,
    {"type": "object", "required": ["url"], "additionalProperties": False,
     "properties": {"title": _TEXT, "url": _URL}},
]}  # fmt: skip
_YEAR = {"type": "integer", "minimum": fieldspec.ROC_YEARS.start,
         "maximum": fieldspec.ROC_YEARS.stop - 1}  # fmt: skip


def _enum(values: list[Any]) -> dict[str, Any]:
    """One of `values`, also written as text in any case, as the checker reads it.

    The checker takes `Certified`, `"1"` and ` competition ` alike; an editor
    should not flag what the check accepts.
    """

    def letters(text: str) -> str:
        # Escape only what is special to ECMAScript too (re.escape adds `\-`).
        return "".join(
            f"[{c.lower()}{c.upper()}]"
            if c.lower() != c.upper()
            else ("\\" + c if c in "\\^$.|?*+()[]{}" else c)
            for c in text
        )

    words = "|".join(letters(str(value)) for value in values)
    return {
        "anyOf": [
            {"enum": list(values)},
            {"type": "string", "pattern": f"^\\s*(?:{words})\\s*$"},
        ]
    }


def _type(spec: dict[str, Any], profile: RuleProfile) -> dict[str, Any]:
    kind = spec["type"]
    simple: dict[str, dict[str, Any]] = {
        "str": _TEXT,
        "path": _TEXT,
        "int": {"type": "integer"},
        "year": _YEAR,
        "number": {"type": "number"},
        "bool": {"type": "boolean"},
        "date": _DATE,
        "url": _URL,
        "str-list": _TEXT_LIST,
        "id-list": _TEXT_LIST,
        "submitted": {"oneOf": [{"type": "boolean"}, _YEAR]},
        "private": {"oneOf": [{"type": "boolean"}, _TEXT_LIST]},
        "items": {"oneOf": [
            {"type": "array", "minItems": 1,
             "items": _enum(list(fieldspec.ITEM_LETTERS))},
            {"type": "object", "minProperties": 1,
             "propertyNames": _enum(list(fieldspec.ITEM_LETTERS)),
             "additionalProperties": {"type": ["number", "null"]}},
        ]},
        "limits": {"type": "object", "additionalProperties": {"type": "integer",
                                                             "minimum": 1}},
        "links": {"oneOf": [_LINK, {"type": "array", "items": _LINK}]},
    }  # fmt: skip
    if kind in simple:
        return dict(simple[kind])
    if kind == "enum":
        return _enum(spec["values"])
    if kind == "category":
        return _enum(profile.category_names())
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
            "if": {"properties": {"category": _enum([key, entry["name"]])},
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
    result = _object(definitions[kind], profile)
    if kind == "outcome":
        # As the reader does: the term comes from year and semester, or the date.
        result["anyOf"] = [{"required": ["year", "semester"]}, {"required": ["date"]}]
    return result


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

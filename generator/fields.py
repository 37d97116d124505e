"""Field definitions from `data/fields.yaml`, and the checks of each value's type.

The same definitions drive the reader's checks, the JSON Schema and the
templates of `portfolio new`, so the three cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from functools import cache
from typing import Any

from generator import i18n, package_text
from generator.findings import Findings
from generator.model import Source
from generator.ruleprofile import RuleProfile
from generator.yamlsource import Position, load_plain

ITEM_LETTERS = tuple("ABCDEFGHIJKLMNOPQ")
# ROC school years we accept (2001 to 2111): a wild year would put dates out of
# the range Python can represent, and no student writes one on purpose.
ROC_YEARS = range(90, 201)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STATEMENT_KEYS = ("highlights", "reflection", "motivation", "plan")


@cache
def definitions() -> dict[str, dict[str, dict[str, Any]]]:
    """Every content kind's fields, as written in fields.yaml."""
    text = package_text("data/fields.yaml")
    return load_plain(text)


def field_doc(spec: dict[str, Any], language: str) -> str:
    return spec.get("en" if i18n.normalize_language(language) == "en" else "zh", "")


class _Invalid(Exception):
    """A value that does not fit its type."""


def _text(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise _Invalid
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        raise _Invalid
    return text


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid
    return value


def _year(value: Any) -> int:
    if _int(value) not in ROC_YEARS:
        raise _Invalid
    return value


def _number(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Invalid
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid
    return value


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        # A quoted date is still a date (an editor's schema sees no difference);
        # one that does not exist, such as 2024-02-30, raises ValueError.
        return dt.date.fromisoformat(value.strip())
    raise _Invalid


_ACTIVE_SCHEMES = ("javascript", "vbscript", "data", "file")


def _url(value: Any) -> str:
    """A web address. http and ftp pass here so that link-insecure can say why
    they fail; a scheme that runs or reads local files (javascript://…) is no
    address a reviewer can open, and the site drops it anyway.
    """
    text = _text(value)
    scheme = text.split("://", 1)[0].strip().lower() if "://" in text else ""
    if not scheme or scheme in _ACTIVE_SCHEMES or any(c.isspace() for c in text):
        raise _Invalid
    return text


def _text_list(value: Any) -> list[str]:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return [_text(value)]
    if not isinstance(value, list):
        raise _Invalid
    return [_text(item) for item in value]


def _submitted(value: Any) -> bool | int:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in ROC_YEARS:
        return value
    raise _Invalid


def _private(value: Any) -> bool | list[str]:
    if isinstance(value, bool):
        return value
    return _text_list(value)


def _items(value: Any) -> dict[str, float | None]:
    if isinstance(value, list):
        pairs = [(_text(v).upper(), None) for v in value]
    elif isinstance(value, dict):
        pairs = [
            (_text(k).upper(), None if v is None else float(_number(v)))
            for k, v in value.items()
        ]
    else:
        raise _Invalid
    if not pairs or any(letter not in ITEM_LETTERS for letter, _ in pairs):
        raise _Invalid
    return dict(pairs)


def _limits(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise _Invalid
    limits = {}
    for key, limit in value.items():
        name = _text(key)
        if _int(limit) <= 0:
            raise _Invalid
        limits[name] = limit
    return limits


def _links(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list):
        value = [value]
    links = []
    for item in value:
        if isinstance(item, dict):
            unknown = set(item) - {"title", "url"}
            if unknown or "url" not in item:
                raise _Invalid
            url = _url(item["url"])
            links.append({"title": _text(item.get("title", url)), "url": url})
        else:
            url = _url(item)
            links.append({"title": url, "url": url})
    return links


_CONVERTERS = {
    "str": _text,
    "path": _text,
    "int": _int,
    "year": _year,
    "number": _number,
    "bool": _bool,
    "date": _date,
    "url": _url,
    "str-list": _text_list,
    "id-list": _text_list,
    "submitted": _submitted,
    "private": _private,
    "items": _items,
    "limits": _limits,
    "links": _links,
}


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"「{value}」"
    return text if len(text) <= 40 else text[:37] + "…"


def suggest(word: str, choices: list[str], language: str) -> str:
    """A did-you-mean sentence, or nothing when no choice is close."""
    matches = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    if not matches:
        lowered = {c.lower(): c for c in choices}
        matches = [lowered[str(word).lower()]] if str(word).lower() in lowered else []
    if not matches:
        return ""
    if i18n.normalize_language(language) == "en":
        return f"Did you mean '{matches[0]}'? "
    return f"是不是要寫「{matches[0]}」？"


def _suggest_field(key: str, specs: dict[str, Any], language: str) -> str:
    hint = suggest(key, list(specs), language)
    if hint:
        return hint
    # A field written in Chinese: match it against the Chinese descriptions.
    for name, spec in specs.items():
        if len(key) >= 2 and key in spec.get("zh", ""):
            return suggest(name, [name], language)
    return ""


class FieldChecker:
    """Checks one mapping against a kind's fields and returns the valid values."""

    def __init__(self, findings: Findings, profile: RuleProfile | None = None) -> None:
        self.findings = findings
        self.profile = profile
        self.language = findings.language
        # Fields the last checked mapping holds under a misspelled name.
        self.misspelled: set[str] = set()

    def check(
        self,
        kind: str,
        data: Any,
        source: Source,
        path: tuple = (),
        extras: dict[str, dict[str, Any]] | None = None,
    ) -> dict[str, Any] | None:
        """Report unknown, missing and mistyped fields; return what is valid."""
        specs = definitions()[kind]
        if not isinstance(data, dict):
            self._wrong_type(source, path, "", data, "document")
            return None

        result: dict[str, Any] = {}
        self.misspelled: set[str] = set()
        for key, value in data.items():
            spec = specs.get(key) if isinstance(key, str) else None
            if spec is None and extras and key in extras:
                spec = extras[key]
            if spec is None:
                self._unknown(kind, key, specs, extras, source, path)
                continue
            converted = self._value(key, value, spec, source, (*path, key))
            if converted is not None:
                result[key] = converted

        for key, spec in specs.items():
            # A misspelled required field already has its unknown-field finding.
            if spec.get("required") and key not in data and key not in self.misspelled:
                self.findings.add(
                    "missing-field",
                    source.rel,
                    source.at(*path) if path else _first_key(source),
                    field=key,
                    doc=field_doc(spec, self.language),
                )
        return result

    def _value(
        self, key: str, value: Any, spec: dict[str, Any], source: Source, path: tuple
    ) -> Any:
        kind = spec["type"]
        if value is None and kind not in ("mapping", "window"):
            # An empty field (`summary:`) counts as not given.
            return None
        if kind == "mapping":
            return self.check_mapping(spec["fields"], value, source, path, key)
        if kind == "window":
            window_specs = definitions()["schedule-window"]
            return self.check_mapping(window_specs, value, source, path, key)
        if kind == "enum":
            return self._enum(key, value, spec, source, path)
        if kind == "category":
            return self._category(value, source, path)
        try:
            converted = _CONVERTERS[kind](value)
        except (_Invalid, ValueError, TypeError):
            self._wrong_type(source, path, key, value, kind)
            return None
        if kind == "limits":
            return self._statement_limits(converted, source, path)
        return converted

    def _statement_limits(
        self, limits: dict[str, int], source: Source, path: tuple
    ) -> dict[str, int]:
        """Keep the limits that name a statement; a misspelled one is reported.

        A statement is named by its key (motivation), a heading (就讀動機) or
        its review item (P); anything else would silently limit nothing.
        """
        statements = self.profile["statements"] if self.profile else {}
        names = {
            name.casefold(): name
            for key, entry in statements.items()
            for name in (key, entry["item"], *entry["names"])
        }
        kept = {}
        for name, limit in limits.items():
            if name.strip().casefold() in names:
                kept[name] = limit
                continue
            self.findings.add(
                "unknown-field",
                source.rel,
                source.at(*path, name),
                field=name,
                suggestion=suggest(name, sorted(set(names.values())), self.language),
                allowed=i18n.join(self.language, sorted(set(names.values())), 30),
            )
        return kept

    def check_mapping(
        self,
        specs: dict[str, Any],
        value: Any,
        source: Source,
        path: tuple,
        key: str,
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self._wrong_type(source, path, key, value, "mapping")
            return None
        result = {}
        for name, item in value.items():
            spec = specs.get(name)
            if spec is None:
                self._unknown("", name, specs, None, source, path)
                continue
            converted = self._value(name, item, spec, source, (*path, name))
            if converted is not None:
                result[name] = converted
        for name, spec in specs.items():
            if spec.get("required") and name not in value:
                self.findings.add(
                    "missing-field",
                    source.rel,
                    source.at(*path),
                    field=f"{key}.{name}",
                    doc=field_doc(spec, self.language),
                )
        return result

    def _enum(
        self, key: str, value: Any, spec: dict[str, Any], source: Source, path: tuple
    ) -> Any:
        values = spec["values"]
        for allowed in values:
            if str(value).strip().lower() == str(allowed).lower() and not isinstance(
                value, bool
            ):
                return allowed
        self._wrong_type(source, path, key, value, "enum", values=values)
        return None

    def _category(self, value: Any, source: Source, path: tuple) -> str | None:
        assert self.profile is not None, "categories need a rules profile"
        key = self.profile.category_key(value) if isinstance(value, str) else None
        if key is None:
            names = self.profile.category_names()
            self.findings.add(
                "unknown-category",
                source.rel,
                source.value_at(*path),
                value=value,
                suggestion=suggest(str(value), names, self.language),
                allowed=i18n.join(self.language, list(self.profile.categories), 20),
            )
        return key

    def _unknown(
        self,
        kind: str,
        key: Any,
        specs: dict[str, Any],
        extras: dict[str, Any] | None,
        source: Source,
        path: tuple,
    ) -> None:
        allowed = [k for k in specs if k]
        known = {**specs, **(extras or {})}
        hint = _suggest_field(str(key), known, self.language)
        close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
        if close:
            self.misspelled.add(close[0])
        if kind == "performance" and not hint:
            hint = self._belongs_elsewhere(str(key))
        self.findings.add(
            "unknown-field",
            source.rel,
            source.at(*path, key),
            field=key,
            suggestion=hint,
            allowed=i18n.join(self.language, allowed + list(extras or {}), 30),
        )

    def _belongs_elsewhere(self, key: str) -> str:
        spec = definitions()["performance-extras"].get(key)
        if not spec:
            return ""
        categories = i18n.join(self.language, spec["categories"])
        if self.language == "en":
            return f"'{key}' belongs to the categories {categories}. "
        return f"「{key}」只用於這些類別：{categories}。"

    def _wrong_type(
        self,
        source: Source,
        path: tuple,
        key: str,
        value: Any,
        kind: str,
        values: list[Any] | None = None,
    ) -> None:
        words = i18n.strings(self.language)["types"].get(kind, {})
        params = {
            "values": ", ".join(str(v) for v in values or []),
            "field": key,
            "first": values[0] if values else "",
        }
        self.findings.add(
            "wrong-type",
            source.rel,
            source.value_at(*path),
            field=key or "front matter",
            value=_short(value),
            expected=i18n.fill(words.get("expected", kind), params),
            example=i18n.fill(words.get("example", ""), params),
        )


def _first_key(source: Source) -> Position:
    """Where to report a missing field: the front matter's first line."""
    positions = sorted(
        (p for k, p in source.located.keys.items() if len(k) == 1),
        key=lambda p: (p.line, p.column),
    )
    if positions:
        return positions[0]
    return source.located.values.get(()) or Position(1, 1)


def performance_extras(category: str | None) -> dict[str, dict[str, Any]]:
    """The extra fields a category allows (all of them when it is unknown)."""
    extras = definitions()["performance-extras"]
    if category is None:
        return extras
    return {k: v for k, v in extras.items() if category in v["categories"]}

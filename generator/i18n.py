"""Interface strings and rule messages in Traditional Chinese and English.

Every word a user reads comes from a data file: `locales/<lang>.yaml` for the
interface and `rules/catalogue.yaml` for findings. zh-TW is the default.
"""

from __future__ import annotations

import string
from functools import cache
from typing import Any

from generator import package_text
from generator.yamlsource import load_plain

LANGUAGES = ("zh-TW", "en")
DEFAULT_LANGUAGE = "zh-TW"


def normalize_language(value: str | None) -> str:
    """Map what a user may write (en, en-US, zh, zh-Hant) to a known language."""
    if not value:
        return DEFAULT_LANGUAGE
    return "en" if str(value).lower().startswith("en") else DEFAULT_LANGUAGE


@cache
def _locale(language: str) -> dict[str, Any]:
    text = package_text(f"locales/{language}.yaml")
    return load_plain(text)


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """The rule catalogue: every rule's area, severity and texts, by name."""
    text = package_text("rules/catalogue.yaml")
    return load_plain(text)


class _Blank(dict):
    """Format mapping that leaves a missing placeholder empty, not a KeyError."""

    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, params: dict[str, Any]) -> str:
    """Fill {placeholders}; one a caller forgot becomes empty, never a crash."""
    return string.Formatter().vformat(template, (), _Blank(params))


def text(language: str, key: str, **params: Any) -> str:
    """An interface string by dotted key, such as 'cli.summary'."""
    node: Any = _locale(normalize_language(language))
    for part in key.split("."):
        node = node[part]
    return fill(node, params)


def strings(language: str) -> dict[str, Any]:
    """All interface strings of one language, for templates."""
    return _locale(normalize_language(language))


def rule_text(rule: str, language: str, **params: Any) -> tuple[str, str]:
    """The message and hint of a rule, filled in the given language."""
    entry = catalogue()[rule]
    suffix = "en" if normalize_language(language) == "en" else "zh"
    message = fill(entry[suffix], params)
    hint = fill(entry[f"hint_{suffix}"], params)
    return message, hint


def join(language: str, items: list[str], limit: int = 8) -> str:
    """List names the way the language does, shortening long lists."""
    separator = ", " if normalize_language(language) == "en" else "、"
    shown = items[:limit]
    result = separator.join(shown) if shown else text(language, "terms.none")
    if len(items) > limit:
        result += " " + text(language, "terms.and_more", count=len(items) - limit)
    return result

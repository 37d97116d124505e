"""The rules profile: the portal's numbers, categories and review items as data.

The `taipei` profile ships with the package; a school with other numbers names
its own YAML file in site.yaml. Code reads numbers from here, never literals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator import package_text
from generator.yamlsource import YamlProblem, load, load_plain

BUILTIN = ("taipei",)
MIB = 1024 * 1024


@dataclass(frozen=True)
class RuleProfile:
    name: str
    data: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    @property
    def categories(self) -> dict[str, dict[str, Any]]:
        return self.data["categories"]

    def category_key(self, value: str) -> str | None:
        """The English key of a category written as key or Chinese name."""
        text = str(value).strip()
        if text in self.categories:
            return text
        if text.lower() in self.categories:
            return text.lower()
        for key, entry in self.categories.items():
            if entry["name"] == text:
                return key
        return None

    def category_names(self) -> list[str]:
        return [*self.categories, *(c["name"] for c in self.categories.values())]

    def link_allowed(self, category: str) -> bool:
        return bool(self.categories[category]["link"])

    def item_of_category(self, category: str) -> str:
        return self.categories[category]["item"]

    def item_of_kind(self, kind: str) -> str:
        return self.data["outcome_kinds"].get(kind, "B")

    @property
    def item_letters(self) -> list[str]:
        return list(self.data["items"])

    def item_name(self, letter: str, language: str) -> str:
        entry = self.data["items"].get(letter, {})
        return entry.get("en" if language == "en" else "zh", letter)

    def statement_key(self, heading: str) -> str | None:
        """Which statement a level-2 heading names, in Chinese or English."""
        wanted = heading.strip().casefold()
        for key, entry in self.data["statements"].items():
            names = [n.casefold() for n in entry["names"]]
            if wanted in names or wanted == key or wanted == entry["item"].casefold():
                return key
        return None

    def bytes_limit(self, kind: str) -> int:
        return int(self.data[kind]["max_mib"] * MIB)

    def decimal_limit(self, kind: str) -> int:
        return int(self.data[kind]["max_mib"] * 1_000_000)


@cache
def _builtin(name: str) -> RuleProfile:
    text = package_text(f"rules/{name}.yaml")
    return RuleProfile(name=name, data=load_plain(text))


def load_profile(name: str | None, root: Path | None = None) -> RuleProfile | None:
    """A built-in profile by name, or a YAML file beside the content.

    A custom file starts from `taipei` and overrides only what it lists, so a
    school writes just the numbers that differ. None means not found.
    """
    name = name or "taipei"
    if name in BUILTIN:
        return _builtin(name)
    if root is None or not name.endswith((".yaml", ".yml")):
        return None
    try:
        path = (root / name).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return None
    if not path.is_file() or not path.is_relative_to(root.resolve()):
        return None
    try:
        # The loader of content files: alias budget, no crash on odd values.
        custom = load(path.read_text(encoding="utf-8")).value or {}
    except (OSError, UnicodeDecodeError, YamlProblem):
        return None
    if not isinstance(custom, dict):
        return None
    base = _builtin("taipei").data
    merged = _merge(base, custom)
    if not _fits(base, merged):
        # The checks index the profile freely; a wrong shape would crash them.
        return None
    return RuleProfile(name=str(custom.get("name", path.stem)), data=merged)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        else:
            merged[key] = value
    return merged


def _fits(base: Any, value: Any) -> bool:
    """Whether a value has the shape of its counterpart in the built-in profile.

    A new entry of a table whose entries all look alike (a category, a
    statement) must look like them; other unknown keys are ignored.
    """
    if isinstance(base, bool) or isinstance(value, bool):
        return isinstance(base, bool) and isinstance(value, bool)
    if isinstance(base, int | float):
        return isinstance(value, int | float)
    if isinstance(base, str):
        return isinstance(value, str)
    if isinstance(base, list):
        model = base[0] if base else None
        return isinstance(value, list) and all(_fits(model, item) for item in value)
    if isinstance(base, dict):
        if not isinstance(value, dict) or not set(base) <= set(value):
            return False
        model = _entry_model(base)
        return all(
            _fits(base.get(key, model), item)
            for key, item in value.items()
            if key in base or model is not None
        )
    return True


def _entry_model(table: dict[str, Any]) -> Any:
    """One entry of a table whose entries share a shape, else None."""
    entries = list(table.values())
    first = entries[0] if entries else None
    if isinstance(first, dict):
        alike = all(isinstance(e, dict) and set(e) == set(first) for e in entries)
    else:
        alike = all(type(e) is type(first) for e in entries)
    return first if entries and alike else None

"""The portal rules: one small check function per rule, registered by its name.

Each area module registers its checks with `@rule("name")`; `run_checks` runs
them all in catalogue order. The numbers they use come from the rules profile,
the words from the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable

from generator import i18n
from generator.rules.context import Context

Check = Callable[[Context], None]
CHECKS: dict[str, Check] = {}

# Rules the reader reports while reading; they have no check function here.
READING_RULES = (
    "yaml-syntax",
    "invalid-encoding",
    "text-too-large",
    "unknown-field",
    "missing-field",
    "wrong-type",
    "duplicate-id",
    "unknown-category",
)


def rule(name: str) -> Callable[[Check], Check]:
    """Register a check under its stable rule name."""
    if name not in i18n.catalogue():
        raise KeyError(f"rule {name!r} is not in rules/catalogue.yaml")

    def register(check: Check) -> Check:
        CHECKS[name] = check
        check.rule_name = name  # type: ignore[attr-defined]
        return check

    return register


def run_checks(context: Context) -> None:
    """Run every registered check, in catalogue order."""
    _load_areas()
    for name in i18n.catalogue():
        check = CHECKS.get(name)
        if check is not None:
            check(context)


def _load_areas() -> None:
    # Importing an area module registers its checks.
    from generator.rules import (  # noqa: F401
        applications,
        calendar,
        dates,
        files,
        links,
        outcomes,
        performances,
        privacy,
        text,
    )

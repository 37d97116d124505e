"""Reporting a count limit once per group, on the record that goes over it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from generator import i18n
from generator.model import Record
from generator.rules.context import Context

R = TypeVar("R", bound=Record)


def group_by(
    records: Iterable[R], key: Callable[[R], Hashable | None]
) -> dict[Any, list[R]]:
    """Records grouped by a key; records whose key is None are left out."""
    groups: dict[Any, list[R]] = defaultdict(list)
    for record in records:
        value = key(record)
        if value is not None:
            groups[value].append(record)
    return dict(sorted(groups.items()))


def over_limit(
    context: Context,
    rule: str,
    records: list[R],
    limit: int,
    position_field: str,
    **params: Any,
) -> None:
    """Report `rule` once when a group holds more than `limit` records.

    The finding stands on the first record past the limit (in file order) and
    names all the others, so the student sees the whole group in one place.
    """
    if len(records) <= limit:
        return
    ordered = sorted(records, key=lambda r: r.source.rel)
    culprit = ordered[limit]
    others = [r for r in ordered if r is not culprit]
    context.add(
        rule,
        culprit,
        culprit.source.at(position_field) or culprit.source.at("title"),
        count=len(records),
        limit=limit,
        others=i18n.join(context.language, [r.source.rel for r in others], len(others)),
        **params,
    )

"""Performance rules: tick limits per school year of ticking and in all.

School cadre records (cadres.yaml) are never counted; they are not records here.
"""

from __future__ import annotations

from generator.rules import rule
from generator.rules.context import Context
from generator.rules.limits import group_by, over_limit


def _ticked(context: Context) -> list:
    return [p for p in context.content.performances.values() if p.submitted]


@rule("performance-year-limit")
def performance_year_limit(context: Context) -> None:
    limit = context.profile["performances"]["submitted_per_year"]
    for year, records in group_by(_ticked(context), lambda p: p.ticked_year).items():
        over_limit(
            context, "performance-year-limit", records, limit, "submitted", year=year
        )


@rule("performance-total-limit")
def performance_total_limit(context: Context) -> None:
    limit = context.profile["performances"]["submitted_total"]
    over_limit(context, "performance-total-limit", _ticked(context), limit, "submitted")

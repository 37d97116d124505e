"""The school's windows that close next, and the records each one matters to.

The calendar rules warn from these, the site's dashboard and the counselor's
overview list them, so all three agree on what a deadline concerns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model import Content, Record, Window


@dataclass
class Deadline:
    window: Window
    days: int
    records: list[Record]

    @property
    def name(self) -> str:
        return self.window.name


def concerned(content: Content, window: Window) -> list[Record]:
    """The records a window's closing matters to, in file order."""
    outcomes = list(content.outcomes.values())
    performances = list(content.performances.values())
    year = window.term.year
    if window.name == "upload":
        found: list[Record] = [
            o for o in outcomes if o.term == window.term and o.certification == "draft"
        ]
    elif window.name == "certification":
        found = [
            o
            for o in outcomes
            if o.term == window.term and o.certification == "requested"
        ]
    elif window.name == "outcome_ticking":
        found = [
            o
            for o in outcomes
            if o.term and o.term.year == year and o.certification == "certified"
        ]
    elif window.name == "performance_ticking":
        found = [
            p
            for p in performances
            if (not p.submitted and p.term and p.term.year <= year)
            or p.ticked_year == year
        ]
    else:
        found = [o for o in outcomes if o.submitted and o.term and o.term.year == year]
        found += [p for p in performances if p.ticked_year == year]
    return sorted(found, key=lambda r: r.source.rel)


def upcoming(
    content: Content, as_of: dt.date, limit: int | None = None
) -> list[Deadline]:
    """Windows still open on `as_of` (closing today or later), soonest first."""
    windows = sorted(
        (w for w in content.windows if w.end >= as_of and w.start <= w.end),
        key=lambda w: (w.end, w.name, w.term),
    )
    deadlines = [
        Deadline(w, (w.end - as_of).days, concerned(content, w)) for w in windows
    ]
    return deadlines[:limit] if limit is not None else deadlines

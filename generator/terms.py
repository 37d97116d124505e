"""ROC school years (學年度) and semesters, derived from dates.

School year Y runs from 1 August Y+1911 to 31 July Y+1912. Semester 1 is August
to January, semester 2 February to July. The July before enrollment belongs to
the first school year, because performances may start on 1 July of that year.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

ROC_OFFSET = 1911


class Term(NamedTuple):
    """One semester of one school year."""

    year: int
    semester: int


def term_of(day: dt.date, enrolled: int | None = None) -> Term:
    """The school year and semester a date falls in."""
    if enrolled is not None and day.month == 7 and day.year == enrolled + ROC_OFFSET:
        return Term(enrolled, 1)
    if day.month >= 8:
        return Term(day.year - ROC_OFFSET, 1)
    if day.month == 1:
        return Term(day.year - ROC_OFFSET - 1, 1)
    return Term(day.year - ROC_OFFSET - 1, 2)


def school_year_of(day: dt.date, enrolled: int | None = None) -> int:
    return term_of(day, enrolled).year


def year_start(year: int) -> dt.date:
    return dt.date(year + ROC_OFFSET, 8, 1)


def year_end(year: int) -> dt.date:
    return dt.date(year + ROC_OFFSET + 1, 7, 31)


def earliest_performance_date(enrolled: int, month: int = 7, day: int = 1) -> dt.date:
    """The first day a performance may start: 1 July of the enrollment year."""
    return dt.date(enrolled + ROC_OFFSET, month, day)

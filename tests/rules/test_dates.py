"""Date rules: nothing before enrollment, nothing after the as-of day, terms agree."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.project import check_root

from .builders import AS_OF, Hit, Root

LAB = "outcomes/lab.md"
FAIR = "performances/fair.md"
DAY = dt.timedelta(days=1)


# -- date-before-enrollment ----------------------------------------------------


def test_a_performance_starting_30_june_of_the_enrollment_year_is_an_error(
    root: Root,
) -> None:
    root.performance("fair", start=dt.date(2024, 6, 30))

    assert root.check(as_of=AS_OF) == [
        Hit("date-before-enrollment", "error", FAIR, root.line(FAIR, "start:"))
    ]


def test_a_performance_wholly_before_enrollment_is_reported_once(
    root: Root,
) -> None:
    root.performance("fair", start=dt.date(2024, 6, 1), end=dt.date(2024, 6, 30))

    assert root.check(as_of=AS_OF) == [
        Hit("date-before-enrollment", "error", FAIR, root.line(FAIR, "start:"))
    ]


def test_a_performance_starting_on_1_july_of_the_enrollment_year_is_fine(
    root: Root,
) -> None:
    root.performance("fair", start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 1))

    assert root.check(as_of=AS_OF) == []


def test_a_performance_follows_the_profiles_enrollment_year(root: Root) -> None:
    root.profile(enrolled=112)
    root.performance("fair", start=dt.date(2023, 7, 1))

    assert root.check(as_of=AS_OF) == []


def test_an_outcome_of_a_year_before_enrollment_is_an_error(root: Root) -> None:
    root.outcome("lab", year=112, semester=2)

    assert root.check(as_of=AS_OF) == [
        Hit("date-before-enrollment", "error", LAB, root.line(LAB, "year:"))
    ]


def test_an_outcome_of_the_first_semester_after_enrollment_is_fine(
    root: Root,
) -> None:
    root.outcome("lab", year=113, semester=1)

    assert root.check(as_of=AS_OF) == []


def test_an_outcome_dated_in_july_of_the_enrollment_year_is_in_the_first_year(
    root: Root,
) -> None:
    root.outcome("lab", year=None, semester=None, date=dt.date(2024, 7, 20))

    assert root.check(as_of=AS_OF) == []


# -- date-in-future ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "future"), [(AS_OF - DAY, False), (AS_OF, False), (AS_OF + DAY, True)]
)
def test_a_performance_may_start_on_the_as_of_day_but_not_after(
    root: Root, start: dt.date, future: bool
) -> None:
    root.performance("fair", start=start)

    expected = [Hit("date-in-future", "error", FAIR, root.line(FAIR, "start:"))]
    assert root.check(as_of=AS_OF) == (expected if future else [])


def test_a_performance_ending_after_the_as_of_day_is_in_the_future(
    root: Root,
) -> None:
    root.performance("fair", start=AS_OF - DAY, end=AS_OF + DAY)

    assert root.check(as_of=AS_OF) == [
        Hit("date-in-future", "error", FAIR, root.line(FAIR, "end:"))
    ]


def test_a_performance_ending_on_the_as_of_day_is_fine(root: Root) -> None:
    root.performance("fair", start=AS_OF - DAY, end=AS_OF)

    assert root.check(as_of=AS_OF) == []


@pytest.mark.parametrize(("date", "future"), [(AS_OF, False), (AS_OF + DAY, True)])
def test_an_outcome_may_be_dated_the_as_of_day_but_not_after(
    root: Root, date: dt.date, future: bool
) -> None:
    root.outcome("lab", year=None, semester=None, date=date)

    expected = [Hit("date-in-future", "error", LAB, root.line(LAB, "date:"))]
    assert root.check(as_of=AS_OF) == (expected if future else [])


@pytest.mark.parametrize(
    ("as_of", "future"),
    [(dt.date(2025, 7, 31), True), (dt.date(2025, 8, 1), False)],
)
def test_an_outcome_of_a_semester_that_has_not_begun_is_in_the_future(
    root: Root, as_of: dt.date, future: bool
) -> None:
    root.outcome("lab", year=114, semester=1)

    expected = [Hit("date-in-future", "error", LAB, root.line(LAB, "year:"))]
    assert root.check(as_of=as_of) == (expected if future else [])


def test_the_as_of_day_comes_from_site_yaml_when_not_given(root: Root) -> None:
    root.site(as_of=dt.date(2024, 10, 4))
    root.performance("fair", start=dt.date(2024, 10, 5))

    findings = check_root(root.path).findings.items

    assert [(f.rule, f.file, f.line) for f in findings] == [
        ("date-in-future", FAIR, root.line(FAIR, "start:"))
    ]


# -- term-mismatch -------------------------------------------------------------

TERMS = [
    # date, stated year, stated semester, do they agree?
    (dt.date(2025, 1, 15), 113, 1, True),
    (dt.date(2025, 1, 15), 113, 2, False),
    (dt.date(2025, 1, 31), 113, 1, True),
    (dt.date(2025, 2, 1), 113, 2, True),
    (dt.date(2025, 2, 1), 113, 1, False),
    (dt.date(2024, 8, 1), 113, 1, True),
    (dt.date(2024, 7, 31), 113, 1, True),  # July of the enrollment year
    (dt.date(2024, 7, 31), 112, 2, False),
    (dt.date(2025, 5, 20), 113, 2, True),
    (dt.date(2025, 7, 15), 113, 2, True),  # a later July ends the year
    (dt.date(2025, 7, 15), 114, 1, False),
    (dt.date(2025, 1, 15), 114, 1, False),
    (dt.date(2025, 1, 15), 113, None, True),
    (dt.date(2025, 1, 15), 112, None, False),
    (dt.date(2025, 1, 15), None, 1, True),
    (dt.date(2025, 1, 15), None, 2, False),
]


@pytest.mark.parametrize(("date", "year", "semester", "agree"), TERMS)
def test_a_stated_term_must_agree_with_the_date(
    root: Root, date: dt.date, year: int | None, semester: int | None, agree: bool
) -> None:
    root.outcome("lab", date=date, year=year, semester=semester)

    found = root.hits("term-mismatch", as_of=AS_OF)

    where = root.line(LAB, "year:" if year is not None else "semester:")
    assert found == ([] if agree else [Hit("term-mismatch", "error", LAB, where)])


def test_a_term_mismatch_is_the_only_finding(root: Root) -> None:
    root.outcome("lab", date=dt.date(2025, 2, 1), year=113, semester=1)

    assert root.check(as_of=AS_OF) == [
        Hit("term-mismatch", "error", LAB, root.line(LAB, "year:"))
    ]


# -- date-order ----------------------------------------------------------------


def test_a_performance_ending_before_it_starts_is_an_error(root: Root) -> None:
    root.performance("fair", start=dt.date(2024, 10, 5), end=dt.date(2024, 10, 4))

    assert root.check(as_of=AS_OF) == [
        Hit("date-order", "error", FAIR, root.line(FAIR, "end:"))
    ]


def test_a_performance_of_one_day_is_in_order(root: Root) -> None:
    root.performance("fair", start=dt.date(2024, 10, 5), end=dt.date(2024, 10, 5))

    assert root.check(as_of=AS_OF) == []


@pytest.mark.parametrize(
    ("end", "wrong"), [(dt.date(2025, 3, 9), True), (dt.date(2025, 3, 10), False)]
)
def test_a_schedule_window_must_not_end_before_it_starts(
    root: Root, end: dt.date, wrong: bool
) -> None:
    root.schedule(
        {
            "year": 113,
            "semester": 2,
            "upload": {"start": dt.date(2025, 3, 10), "end": end},
        }
    )

    rel = "schedule.yaml"
    expected = [Hit("date-order", "error", rel, root.line(rel, "upload:"))]
    assert root.check(as_of=AS_OF) == (expected if wrong else [])

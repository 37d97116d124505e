"""Performance rules: tick limits per school year of ticking, and in all."""

from __future__ import annotations

import datetime as dt

from .builders import AS_OF, Hit, Root


def _rel(record_id: str) -> str:
    return f"performances/{record_id}.md"


def _over(rule: str, record_id: str, root: Root) -> Hit:
    return Hit(rule, "error", _rel(record_id), root.line(_rel(record_id), "submitted:"))


# -- performance-year-limit ----------------------------------------------------


def test_ten_ticked_performances_in_a_school_year_are_fine(root: Root) -> None:
    root.performances(10, submitted=True)

    assert root.check(as_of=AS_OF) == []


def test_eleven_ticked_performances_in_a_school_year_are_an_error(
    root: Root,
) -> None:
    root.performances(11, submitted=True)

    assert root.check(as_of=AS_OF) == [_over("performance-year-limit", "p11", root)]


def test_the_year_limit_names_the_other_performances(root: Root) -> None:
    ids = root.performances(11, submitted=True)

    [finding] = root.findings(as_of=AS_OF)

    for record_id in ids[:-1]:
        assert _rel(record_id) in finding.message + finding.hint


def test_unticked_performances_do_not_count(root: Root) -> None:
    root.performances(10, submitted=True)
    root.performance("q-false", submitted=False)
    root.performance("q-unstated")

    assert root.check(as_of=AS_OF) == []


def test_a_performance_ticked_in_a_later_year_counts_in_that_year(
    root: Root,
) -> None:
    root.performances(10, submitted=True)
    root.performance("q", submitted=114)

    assert root.check(as_of=AS_OF) == []


def test_performances_count_by_the_year_they_were_ticked_in(root: Root) -> None:
    root.performances(11, submitted=114)

    assert root.check(as_of=AS_OF) == [_over("performance-year-limit", "p11", root)]


def test_ticked_true_counts_in_the_school_year_of_the_start(root: Root) -> None:
    root.performances(10, submitted=114)
    root.performance("q", start=dt.date(2025, 9, 1), submitted=True)

    assert root.check(as_of=dt.date(2025, 10, 1)) == [
        _over("performance-year-limit", "q", root)
    ]


def test_a_performance_of_july_before_enrollment_counts_in_the_first_year(
    root: Root,
) -> None:
    root.performances(10, submitted=True)
    root.performance("q", start=dt.date(2024, 7, 15), submitted=True)

    assert root.check(as_of=AS_OF) == [_over("performance-year-limit", "q", root)]


def test_the_year_limit_is_reported_once_per_year(root: Root) -> None:
    root.performances(12, prefix="a", submitted=113)
    root.performances(11, prefix="b", submitted=114)

    assert root.check(as_of=AS_OF) == [
        _over("performance-year-limit", "a11", root),
        _over("performance-year-limit", "b11", root),
    ]


# -- cadres --------------------------------------------------------------------


def test_school_cadre_records_never_count(root: Root) -> None:
    root.performances(10, submitted=True)
    cadres = [
        {"year": 113, "semester": semester, "unit": unit, "position": "幹部"}
        for semester in (1, 2)
        for unit in ("一年三班", "物理社", "學生會")
    ]
    root.yaml("cadres.yaml", cadres)

    assert root.check(as_of=AS_OF) == []


def test_a_cadre_performance_with_its_own_evidence_counts(root: Root) -> None:
    root.performances(10, submitted=True)
    root.performance(
        "q", category="cadre", unit="一年三班", position="班長", submitted=True
    )

    assert root.check(as_of=AS_OF) == [_over("performance-year-limit", "q", root)]


# -- performance-total-limit ---------------------------------------------------


def test_thirty_ticked_performances_over_three_years_are_fine(root: Root) -> None:
    for year in (113, 114, 115):
        root.performances(10, prefix=f"y{year}-", submitted=year)

    assert root.check(as_of=AS_OF) == []


def test_thirty_one_ticked_performances_over_three_years_break_the_total(
    root: Root,
) -> None:
    for year, count in ((113, 10), (114, 10), (115, 11)):
        root.performances(count, prefix=f"y{year}-", submitted=year)

    assert root.hits("performance-total-limit", as_of=AS_OF) == [
        _over("performance-total-limit", "y115-11", root)
    ]


def test_thirty_one_ticked_performances_within_the_year_limits_break_the_total(
    root: Root,
) -> None:
    for year in (113, 114, 115):
        root.performances(10, prefix=f"y{year}-", submitted=year)
    root.performance("z", submitted=116)

    assert root.check(as_of=AS_OF) == [_over("performance-total-limit", "z", root)]

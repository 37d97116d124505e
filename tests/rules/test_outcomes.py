"""Course-outcome rules: credit-bearing courses, certification and tick limits."""

from __future__ import annotations

import datetime as dt

import pytest

from .builders import AS_OF, Hit, Root

LAB = "outcomes/lab.md"
TICKED = {"certification": "certified", "submitted": True}


def _rel(record_id: str) -> str:
    return f"outcomes/{record_id}.md"


def _names_the_others(root: Root, rule: str, culprit: str, ids: list[str]) -> None:
    """The one finding of `rule` stands on `culprit` and names every other id."""
    [finding] = [f for f in root.findings(as_of=AS_OF) if f.rule == rule]
    assert finding.file == _rel(culprit)
    words = finding.message + finding.hint
    for record_id in ids:
        if record_id != culprit:
            assert _rel(record_id) in words


# -- course-without-credit -----------------------------------------------------


def test_an_outcome_of_a_course_with_zero_credits_is_an_error(root: Root) -> None:
    root.outcome("lab", credits=0)

    assert root.check(as_of=AS_OF) == [
        Hit("course-without-credit", "error", LAB, root.line(LAB, "credits:"))
    ]


def test_an_outcome_without_credits_is_an_error_on_its_course(root: Root) -> None:
    root.outcome("lab", credits=None)

    assert root.check(as_of=AS_OF) == [
        Hit("course-without-credit", "error", LAB, root.line(LAB, "course:"))
    ]


def test_an_outcome_with_empty_credits_is_an_error_on_that_line(root: Root) -> None:
    root.outcome("lab")
    text = (root.path / LAB).read_text(encoding="utf-8")
    root.text(LAB, text.replace("credits: 2", "credits:"))

    assert root.check(as_of=AS_OF) == [
        Hit("course-without-credit", "error", LAB, root.line(LAB, "credits:"))
    ]


@pytest.mark.parametrize(
    ("fields", "reading_rule"),
    [({"credits": "兩學分"}, "wrong-type"), ({"credit": 2}, "unknown-field")],
)
def test_credits_that_could_not_be_read_are_reported_once(
    root: Root, fields: dict, reading_rule: str
) -> None:
    root.outcome("lab", **{"credits": None, **fields})

    assert [hit.rule for hit in root.check(as_of=AS_OF)] == [reading_rule]


def test_an_outcome_of_a_course_with_one_credit_is_fine(root: Root) -> None:
    root.outcome("lab", credits=1)

    assert root.check(as_of=AS_OF) == []


# -- certification-limit -------------------------------------------------------


@pytest.mark.parametrize("status", ["requested", "certified", "rejected"])
def test_ten_outcomes_sent_for_certification_in_a_semester_are_fine(
    root: Root, status: str
) -> None:
    root.outcomes(10, certification=status)

    assert root.check(as_of=AS_OF) == []


@pytest.mark.parametrize("status", ["requested", "certified", "rejected"])
def test_eleven_outcomes_sent_for_certification_in_a_semester_are_an_error(
    root: Root, status: str
) -> None:
    root.outcomes(11, certification=status)

    rel = _rel("o11")
    assert root.check(as_of=AS_OF) == [
        Hit("certification-limit", "error", rel, root.line(rel, "certification:"))
    ]


def test_the_certification_limit_names_the_other_outcomes(root: Root) -> None:
    ids = root.outcomes(11, certification="requested")

    _names_the_others(root, "certification-limit", "o11", ids)


def test_the_certification_limit_counts_every_status_sent(root: Root) -> None:
    root.outcomes(4, prefix="a", certification="requested")
    root.outcomes(4, prefix="b", certification="certified")
    root.outcomes(3, prefix="c", certification="rejected")

    rel = _rel("c03")
    assert root.check(as_of=AS_OF) == [
        Hit("certification-limit", "error", rel, root.line(rel, "certification:"))
    ]


def test_drafts_are_not_sent_for_certification(root: Root) -> None:
    root.outcomes(10, certification="requested")
    root.outcome("z-draft", certification="draft")
    root.outcome("z-unstated")

    assert root.check(as_of=AS_OF) == []


def test_the_certification_limit_counts_each_semester_apart(root: Root) -> None:
    root.outcomes(10, prefix="a", certification="requested", semester=1)
    root.outcomes(10, prefix="b", certification="requested", semester=2)

    assert root.check(as_of=AS_OF) == []


def test_the_certification_limit_is_reported_once_per_semester(root: Root) -> None:
    root.outcomes(12, prefix="a", certification="requested", semester=1)
    root.outcomes(11, prefix="b", certification="requested", semester=2)

    assert [(h.file, h.line) for h in root.check(as_of=AS_OF)] == [
        (_rel("a11"), root.line(_rel("a11"), "certification:")),
        (_rel("b11"), root.line(_rel("b11"), "certification:")),
    ]


def test_a_dated_outcome_counts_in_the_semester_of_its_date(root: Root) -> None:
    root.outcomes(10, certification="requested", semester=2)
    root.outcome(
        "z",
        year=None,
        semester=None,
        date=dt.date(2025, 2, 1),
        certification="rejected",
    )

    rel = _rel("z")
    assert root.check(as_of=AS_OF) == [
        Hit("certification-limit", "error", rel, root.line(rel, "certification:"))
    ]


# -- submitted-uncertified -----------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "requested", "rejected", None])
def test_a_ticked_outcome_that_is_not_certified_is_an_error(
    root: Root, status: str | None
) -> None:
    root.outcome("lab", certification=status, submitted=True)

    assert root.check(as_of=AS_OF) == [
        Hit("submitted-uncertified", "error", LAB, root.line(LAB, "submitted:"))
    ]


def test_a_ticked_outcome_that_is_certified_is_fine(root: Root) -> None:
    root.outcome("lab", certification="certified", submitted=True)

    assert root.check(as_of=AS_OF) == []


def test_an_unticked_outcome_need_not_be_certified(root: Root) -> None:
    root.outcome("lab", certification="requested", submitted=False)

    assert root.check(as_of=AS_OF) == []


# -- outcome-year-limit --------------------------------------------------------


def test_six_ticked_outcomes_in_a_school_year_are_fine(root: Root) -> None:
    root.outcomes(6, **TICKED)

    assert root.check(as_of=AS_OF) == []


def test_seven_ticked_outcomes_in_a_school_year_are_an_error(root: Root) -> None:
    ids = root.outcomes(7, **TICKED)

    rel = _rel("o07")
    assert root.check(as_of=AS_OF) == [
        Hit("outcome-year-limit", "error", rel, root.line(rel, "submitted:"))
    ]
    _names_the_others(root, "outcome-year-limit", "o07", ids)


def test_both_semesters_count_toward_one_school_year(root: Root) -> None:
    root.outcomes(4, prefix="a", semester=1, **TICKED)
    root.outcomes(3, prefix="b", semester=2, **TICKED)

    rel = _rel("b03")
    assert root.check(as_of=AS_OF) == [
        Hit("outcome-year-limit", "error", rel, root.line(rel, "submitted:"))
    ]


def test_unticked_outcomes_do_not_count_toward_the_year(root: Root) -> None:
    root.outcomes(6, **TICKED)
    root.outcome("z", certification="certified", submitted=False)

    assert root.check(as_of=AS_OF) == []


def test_each_school_year_has_its_own_six(root: Root) -> None:
    root.outcomes(6, prefix="y113-", year=113, **TICKED)
    root.outcomes(6, prefix="y114-", year=114, **TICKED)

    assert root.check(as_of=dt.date(2026, 6, 1)) == []


# -- outcome-total-limit -------------------------------------------------------


def test_eighteen_ticked_outcomes_over_three_years_are_fine(root: Root) -> None:
    for year in (113, 114, 115):
        root.outcomes(6, prefix=f"y{year}-", year=year, **TICKED)

    assert root.check(as_of=dt.date(2027, 6, 1)) == []


def test_nineteen_ticked_outcomes_over_three_years_break_the_total(
    root: Root,
) -> None:
    for year, count in ((113, 6), (114, 6), (115, 7)):
        root.outcomes(count, prefix=f"y{year}-", year=year, **TICKED)

    rel = _rel("y115-07")
    assert root.hits("outcome-total-limit", as_of=dt.date(2027, 6, 1)) == [
        Hit("outcome-total-limit", "error", rel, root.line(rel, "submitted:"))
    ]


def test_nineteen_ticked_outcomes_within_the_year_limits_break_only_the_total(
    root: Root,
) -> None:
    ids = []
    for year, count in ((113, 5), (114, 5), (115, 5), (116, 4)):
        ids += root.outcomes(count, prefix=f"y{year}-", year=year, **TICKED)

    rel = _rel("y116-04")
    assert root.check(as_of=dt.date(2028, 6, 1)) == [
        Hit("outcome-total-limit", "error", rel, root.line(rel, "submitted:"))
    ]

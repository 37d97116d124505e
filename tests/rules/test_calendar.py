"""Calendar rules: warn before the school's windows close, and after they have."""

from __future__ import annotations

import datetime as dt

import pytest

from .builders import Hit, Root

LAB = "outcomes/lab.md"
DAY = dt.timedelta(days=1)
UPLOAD_START = dt.date(2024, 9, 1)
UPLOAD_END = dt.date(2025, 1, 20)


def _term(year: int = 113, semester: int = 1, **windows: dt.date) -> dict:
    """A schedule term whose windows all open on 1 September 2024."""
    term: dict = {"year": year, "semester": semester}
    for name, end in windows.items():
        term[name] = {"start": UPLOAD_START, "end": end}
    return term


# -- deadline-passed -----------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "rule"),
    [
        (UPLOAD_END - 15 * DAY, None),
        (UPLOAD_END - 14 * DAY, "deadline-soon"),
        (UPLOAD_END - DAY, "deadline-soon"),
        (UPLOAD_END, "deadline-soon"),
        (UPLOAD_END + DAY, "deadline-passed"),
    ],
    ids=["15 days ahead", "14 days ahead", "day before", "day of", "day after"],
)
def test_a_draft_is_warned_before_and_after_the_upload_window_ends(
    root: Root, as_of: dt.date, rule: str | None
) -> None:
    root.schedule(_term(upload=UPLOAD_END))
    root.outcome("lab", certification="draft")

    found = root.check(as_of=as_of)

    if rule is None:
        assert found == []
    else:
        field = "certification:" if rule == "deadline-passed" else "title:"
        assert found == [Hit(rule, "warning", LAB, root.line(LAB, field))]


def test_a_draft_of_another_semester_is_not_late(root: Root) -> None:
    root.schedule(_term(upload=UPLOAD_END))
    root.outcome("lab", certification="draft", semester=2)

    assert root.check(as_of=dt.date(2025, 2, 10)) == []


def test_a_draft_without_a_stated_status_is_late_too(root: Root) -> None:
    root.schedule(_term(upload=UPLOAD_END))
    root.outcome("lab")

    assert root.check(as_of=UPLOAD_END + DAY) == [
        Hit("deadline-passed", "warning", LAB, root.line(LAB, "title:"))
    ]


@pytest.mark.parametrize("status", ["requested", "certified", "rejected"])
def test_an_outcome_sent_before_the_upload_window_ends_is_not_late(
    root: Root, status: str
) -> None:
    root.schedule(_term(upload=UPLOAD_END))
    root.outcome("lab", certification=status)

    assert root.check(as_of=UPLOAD_END + DAY) == []


@pytest.mark.parametrize(
    ("as_of", "rule"),
    [
        (dt.date(2025, 2, 10), "deadline-soon"),
        (dt.date(2025, 2, 11), "deadline-passed"),
    ],
)
def test_a_requested_outcome_is_late_once_the_certification_window_ends(
    root: Root, as_of: dt.date, rule: str
) -> None:
    root.schedule(_term(certification=dt.date(2025, 2, 10)))
    root.outcome("lab", certification="requested")

    field = "certification:" if rule == "deadline-passed" else "title:"
    assert root.check(as_of=as_of) == [Hit(rule, "warning", LAB, root.line(LAB, field))]


def test_without_a_schedule_nothing_is_late(root: Root) -> None:
    root.outcome("lab", certification="draft")

    assert root.check(as_of=dt.date(2027, 12, 31)) == []


# -- deadline-soon -------------------------------------------------------------


def test_a_closing_window_is_reported_once_naming_every_record(root: Root) -> None:
    root.schedule(_term(upload=UPLOAD_END))
    root.outcomes(3, certification="draft")

    findings = root.findings(as_of=UPLOAD_END - DAY)

    assert [(f.rule, f.file) for f in findings] == [
        ("deadline-soon", "outcomes/o01.md")
    ]
    for record_id in ("o01", "o02", "o03"):
        assert f"outcomes/{record_id}.md" in findings[0].message


def test_a_closing_window_without_records_it_concerns_is_quiet(
    root: Root,
) -> None:
    root.schedule(_term(upload=UPLOAD_END))
    root.outcome("lab", certification="requested")

    assert root.check(as_of=UPLOAD_END) == []


def test_the_outcome_ticking_window_warns_about_certified_outcomes(
    root: Root,
) -> None:
    end = dt.date(2025, 7, 10)
    root.schedule(_term(semester=2, outcome_ticking=end))
    root.outcome("lab", certification="certified")

    assert root.check(as_of=end - 14 * DAY) == [
        Hit("deadline-soon", "warning", LAB, root.line(LAB, "title:"))
    ]


def test_the_performance_ticking_window_warns_about_unticked_performances(
    root: Root,
) -> None:
    end = dt.date(2025, 7, 10)
    root.schedule(_term(semester=2, performance_ticking=end))
    root.performance("fair")

    rel = "performances/fair.md"
    assert root.check(as_of=end) == [
        Hit("deadline-soon", "warning", rel, root.line(rel, "title:"))
    ]


def test_the_confirmation_window_warns_about_ticked_records(root: Root) -> None:
    end = dt.date(2025, 8, 20)
    root.schedule(_term(semester=2, confirmation=end))
    root.performance("fair", submitted=True)

    rel = "performances/fair.md"
    assert root.check(as_of=end - DAY) == [
        Hit("deadline-soon", "warning", rel, root.line(rel, "submitted:"))
    ]


def test_a_silenced_deadline_warning_is_not_reported(root: Root) -> None:
    root.site(silence=["deadline-soon", "deadline-passed"])
    root.schedule(_term(upload=UPLOAD_END))
    root.outcome("lab", certification="draft")

    assert root.check(as_of=UPLOAD_END) == []
    assert root.check(as_of=UPLOAD_END + DAY) == []

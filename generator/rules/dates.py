"""Date rules: nothing before enrollment, nothing in the future, terms that agree."""

from __future__ import annotations

import datetime as dt

from generator.model import Outcome
from generator.rules import rule
from generator.rules.context import Context
from generator.terms import Term, earliest_performance_date, term_of, year_start


def _term_start(term: Term) -> dt.date:
    start = year_start(term.year)
    return start if term.semester == 1 else dt.date(start.year + 1, 2, 1)


@rule("date-before-enrollment")
def date_before_enrollment(context: Context) -> None:
    enrolled = context.content.enrolled
    if enrolled is None:
        return
    rule_start = context.profile["performance_start"]
    earliest = earliest_performance_date(
        enrolled, rule_start["month"], rule_start["day"]
    )
    for performance in context.content.performances.values():
        for name in ("start", "end"):
            day = performance.get(name)
            if day is not None and day < earliest:
                context.add(
                    "date-before-enrollment",
                    performance,
                    performance.source.value_at(name),
                    date=day.isoformat(),
                    earliest=earliest.isoformat(),
                    enrolled=enrolled,
                )
                break
    for outcome in context.content.outcomes.values():
        if outcome.term is not None and outcome.term.year < enrolled:
            where = (
                "date" if outcome.get("date") and not outcome.get("year") else "year"
            )
            context.add(
                "date-before-enrollment",
                outcome,
                outcome.source.value_at(where),
                date=_stated(outcome, context),
                earliest=year_start(enrolled).isoformat(),
                enrolled=enrolled,
            )


def _stated(outcome: Outcome, context: Context) -> str:
    if outcome.get("date"):
        return outcome.get("date").isoformat()
    return context.term_name(outcome.term) if outcome.term else ""


@rule("date-in-future")
def date_in_future(context: Context) -> None:
    as_of = context.as_of
    for performance in context.content.performances.values():
        for name in ("start", "end"):
            day = performance.get(name)
            if day is not None and day > as_of:
                context.add(
                    "date-in-future",
                    performance,
                    performance.source.value_at(name),
                    date=day.isoformat(),
                    as_of=as_of.isoformat(),
                )
                break
    for outcome in context.content.outcomes.values():
        day = outcome.get("date")
        if day is not None and day > as_of:
            context.add(
                "date-in-future",
                outcome,
                outcome.source.value_at("date"),
                date=day.isoformat(),
                as_of=as_of.isoformat(),
            )
        elif day is None and outcome.term and _term_start(outcome.term) > as_of:
            context.add(
                "date-in-future",
                outcome,
                outcome.source.value_at("year"),
                date=context.term_name(outcome.term),
                as_of=as_of.isoformat(),
            )


@rule("date-order")
def date_order(context: Context) -> None:
    for performance in context.content.performances.values():
        start, end = performance.get("start"), performance.get("end")
        if start is not None and end is not None and end < start:
            context.add(
                "date-order",
                performance,
                performance.source.value_at("end"),
                start=start.isoformat(),
                end=end.isoformat(),
            )
    for window in context.content.windows:
        if window.end < window.start:
            context.add(
                "date-order",
                window.file,
                window.position,
                start=window.start.isoformat(),
                end=window.end.isoformat(),
            )


@rule("term-mismatch")
def term_mismatch(context: Context) -> None:
    for outcome in context.content.outcomes.values():
        day = outcome.get("date")
        year, semester = outcome.get("year"), outcome.get("semester")
        if day is None or (year is None and semester is None):
            continue
        actual = term_of(day, context.content.enrolled)
        if (year is None or year == actual.year) and (
            semester is None or semester == actual.semester
        ):
            continue
        stated = (
            context.term_name(Term(year, semester))
            if year is not None and semester is not None
            else context.year_name(year)
            if year is not None
            else f"semester {semester}"
            if context.language == "en"
            else f"第 {semester} 學期"
        )
        context.add(
            "term-mismatch",
            outcome,
            outcome.source.value_at("year" if year is not None else "semester"),
            date=day.isoformat(),
            actual=context.term_name(actual),
            stated=stated,
        )

"""Course-outcome rules: credit-bearing courses, certification and tick limits."""

from __future__ import annotations

from generator.rules import rule
from generator.rules.context import Context, unread
from generator.rules.limits import group_by, over_limit

SENT_FOR_CERTIFICATION = ("requested", "certified", "rejected")


@rule("course-without-credit")
def course_without_credit(context: Context) -> None:
    for outcome in context.content.outcomes.values():
        if outcome.get("credits") or unread(outcome, "credits"):
            continue
        written = ("credits",) in outcome.source.located.keys
        context.add(
            "course-without-credit",
            outcome,
            outcome.source.value_at("credits" if written else "course"),
            course=outcome.get("course", outcome.title),
        )


@rule("certification-limit")
def certification_limit(context: Context) -> None:
    limit = context.profile["outcomes"]["certification_per_semester"]
    sent = [
        o
        for o in context.content.outcomes.values()
        if o.certification in SENT_FOR_CERTIFICATION
    ]
    for term, records in group_by(sent, lambda o: o.term).items():
        over_limit(
            context,
            "certification-limit",
            records,
            limit,
            "certification",
            term=context.term_name(term),
        )


@rule("submitted-uncertified")
def submitted_uncertified(context: Context) -> None:
    for outcome in context.content.outcomes.values():
        if outcome.submitted and outcome.certification != "certified":
            context.add(
                "submitted-uncertified",
                outcome,
                outcome.source.value_at("submitted"),
                status=outcome.certification,
            )


def _ticked(context: Context) -> list:
    return [o for o in context.content.outcomes.values() if o.submitted]


@rule("outcome-year-limit")
def outcome_year_limit(context: Context) -> None:
    limit = context.profile["outcomes"]["submitted_per_year"]
    by_year = group_by(_ticked(context), lambda o: o.term.year if o.term else None)
    for year, records in by_year.items():
        over_limit(
            context, "outcome-year-limit", records, limit, "submitted", year=year
        )


@rule("outcome-total-limit")
def outcome_total_limit(context: Context) -> None:
    limit = context.profile["outcomes"]["submitted_total"]
    over_limit(context, "outcome-total-limit", _ticked(context), limit, "submitted")

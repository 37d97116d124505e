"""Application rules: what one department gets, and the statements it asks for."""

from __future__ import annotations

import unicodedata

from generator.bodyrefs import images, plain_text
from generator.fields import suggest
from generator.model import Application, Statement
from generator.rules import rule
from generator.rules.context import Context
from generator.yamlsource import Position

KINDS = {"outcomes": "outcome", "performances": "performance"}


def _picks(application: Application, field: str) -> list[tuple[int, str]]:
    """Picked ids with their list index; a repeat is left to its own rule."""
    seen: set[str] = set()
    picks = []
    for index, record_id in enumerate(application.get(field) or []):
        if record_id not in seen:
            picks.append((index, record_id))
        seen.add(record_id)
    return picks


def _too_many(context: Context, rule_name: str, field: str, limit_key: str) -> None:
    limit = context.profile["application"][limit_key]
    for application in context.content.applications.values():
        picks = application.get(field) or []
        if len(picks) > limit:
            context.add(
                rule_name,
                application,
                application.source.value_at(field, limit),
                count=len(picks),
                limit=limit,
            )


@rule("application-too-many-outcomes")
def application_too_many_outcomes(context: Context) -> None:
    _too_many(context, "application-too-many-outcomes", "outcomes", "max_outcomes")


@rule("application-too-many-performances")
def application_too_many_performances(context: Context) -> None:
    _too_many(
        context, "application-too-many-performances", "performances", "max_performances"
    )


def _records(context: Context, field: str) -> tuple[dict, set[str]]:
    content = context.content
    if field == "outcomes":
        return content.outcomes, content.unreadable_outcomes
    return content.performances, content.unreadable_performances


@rule("application-unknown-record")
def application_unknown_record(context: Context) -> None:
    kind_words = {
        "outcome": ("課程學習成果", "course outcome"),
        "performance": ("多元表現", "performance"),
    }
    for application in context.content.applications.values():
        for field, kind in KINDS.items():
            records, unreadable = _records(context, field)
            for index, record_id in _picks(application, field):
                if record_id in records or record_id in unreadable:
                    continue
                zh, en = kind_words[kind]
                context.add(
                    "application-unknown-record",
                    application,
                    application.source.value_at(field, index),
                    id=record_id,
                    kind=en if context.language == "en" else zh,
                    suggestion=suggest(record_id, sorted(records), context.language),
                )


@rule("application-unsubmitted-record")
def application_unsubmitted_record(context: Context) -> None:
    for application in context.content.applications.values():
        for field in KINDS:
            records, _ = _records(context, field)
            for index, record_id in _picks(application, field):
                record = records.get(record_id)
                if record is not None and not record.submitted:
                    context.add(
                        "application-unsubmitted-record",
                        application,
                        application.source.value_at(field, index),
                        id=record_id,
                    )


@rule("application-duplicate-record")
def application_duplicate_record(context: Context) -> None:
    for application in context.content.applications.values():
        for field in KINDS:
            seen: set[str] = set()
            for index, record_id in enumerate(application.get(field) or []):
                if record_id in seen:
                    context.add(
                        "application-duplicate-record",
                        application,
                        application.source.value_at(field, index),
                        id=record_id,
                    )
                seen.add(record_id)


def _asked(context: Context, application: Application) -> list[str]:
    """The statement keys the department asks for, in item order."""
    asked = application.items
    statements = context.profile["statements"]
    return [
        key
        for key, entry in statements.items()
        if asked is None or entry["item"] in asked
    ]


def _name(context: Context, key: str) -> str:
    names = context.profile["statements"][key]["names"]
    return names[-1] if context.language == "en" else names[0]


@rule("statement-missing")
def statement_missing(context: Context) -> None:
    for application in context.content.applications.values():
        for key in _asked(context, application):
            if key in application.statements and application.statements[key].text:
                continue
            statement = application.statements.get(key)
            line = statement.line if statement else application.source.body_line
            context.add(
                "statement-missing",
                application,
                Position(line, 1),
                name=_name(context, key),
                item=context.profile["statements"][key]["item"],
            )


def statement_length(statement: Statement) -> int:
    return len(unicodedata.normalize("NFC", plain_text(statement.text)))


def _limit(context: Context, application: Application, key: str) -> int | None:
    """The department's own limit for a statement, else the profile's."""
    entry = context.profile["statements"][key]
    for name, limit in (application.get("limits") or {}).items():
        wanted = name.strip().casefold()
        if wanted in {
            key,
            entry["item"].casefold(),
            *(n.casefold() for n in entry["names"]),
        }:
            return limit
    if key == "highlights":
        return context.profile["application"]["highlights"]["max_chars"]
    return None


@rule("statement-too-long")
def statement_too_long(context: Context) -> None:
    for application in context.content.applications.values():
        for key, statement in application.statements.items():
            limit = _limit(context, application, key)
            count = statement_length(statement)
            if limit is not None and count > limit:
                context.add(
                    "statement-too-long",
                    application,
                    Position(statement.line, 1),
                    name=statement.heading,
                    count=count,
                    limit=limit,
                    over=count - limit,
                )


@rule("statement-too-many-images")
def statement_too_many_images(context: Context) -> None:
    limit = context.profile["application"]["highlights"]["max_images"]
    for application in context.content.applications.values():
        statement = application.statements.get("highlights")
        if statement is None:
            continue
        count = len(images(statement.text))
        if count > limit:
            context.add(
                "statement-too-many-images",
                application,
                Position(statement.line, 1),
                name=statement.heading,
                count=count,
                limit=limit,
            )

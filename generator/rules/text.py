"""Text rules: every record wants a summary (簡述) of at most 100 characters."""

from __future__ import annotations

import unicodedata

from generator.rules import rule
from generator.rules.context import Context, unread


def count_characters(text: str) -> int:
    """Characters as the portal counts them: code points after NFC, ends trimmed.

    Punctuation and inner spaces count; a line break inside counts as one.
    """
    return len(unicodedata.normalize("NFC", text).strip())


@rule("summary-missing")
def summary_missing(context: Context) -> None:
    for record in context.content.records():
        if not record.summary and not unread(record, "summary"):
            position = record.source.at("summary") or record.source.at("title")
            context.add("summary-missing", record, position)


@rule("summary-too-long")
def summary_too_long(context: Context) -> None:
    limit = context.profile["summary"]["max_chars"]
    for record in context.content.records():
        if not record.summary:
            continue
        count = count_characters(record.summary)
        if count > limit:
            context.add(
                "summary-too-long",
                record,
                record.source.value_at("summary"),
                count=count,
                limit=limit,
                over=count - limit,
            )

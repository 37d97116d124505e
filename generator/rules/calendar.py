"""Calendar rules: the school's windows for uploading, certifying, ticking, confirming.

Late work is lost for good on the portal, so these warn before a window closes
and say plainly what a closed window means for the records it left behind.
"""

from __future__ import annotations

from generator import i18n
from generator.deadlines import concerned
from generator.model import Window
from generator.rules import rule
from generator.rules.context import Context

_MEANING = {
    "draft": (
        "逾期不得上傳：這份成果已無法提交中央資料庫，可改登錄為多元表現或留作自己的紀錄。",
        "Late uploads are refused: this outcome can no longer reach the central"
        " database; record it as a performance or keep it for yourself.",
    ),
    "requested": (
        "老師未在期限內認證：這份成果無法勾選提交；請立刻詢問老師與教務處。",
        "The teacher did not certify it in time: it cannot be ticked; ask the"
        " teacher and the academic office at once.",
    ),
}

_TODO = {
    "upload": ("把草稿送出認證", "send the drafts for certification"),
    "certification": ("提醒老師完成認證", "remind the teacher to certify"),
    "outcome_ticking": (
        "勾選已認證的成果（每學年最多 6 件）",
        "tick certified outcomes (at most 6 a year)",
    ),
    "performance_ticking": (
        "勾選多元表現（每學年最多 10 件）",
        "tick performances (at most 10 a year)",
    ),
    "confirmation": (
        "逐筆核對中央資料庫的紀錄",
        "check the central database's record line by line",
    ),
}


def _window(
    context: Context, name: str, term_year: int, semester: int | None
) -> list[Window]:
    return [
        w
        for w in context.content.windows
        if w.name == name
        and w.term.year == term_year
        and (semester is None or w.term.semester == semester)
    ]


def _words(context: Context, table: dict, key: str) -> str:
    zh, en = table[key]
    return en if context.language == "en" else zh


@rule("deadline-passed")
def deadline_passed(context: Context) -> None:
    window_of_status = {"draft": "upload", "requested": "certification"}
    for outcome in sorted(
        context.content.outcomes.values(), key=lambda o: o.source.rel
    ):
        name = window_of_status.get(outcome.certification)
        if name is None or outcome.term is None:
            continue
        for window in _window(context, name, *outcome.term):
            if window.end < context.as_of:
                context.add(
                    "deadline-passed",
                    outcome,
                    outcome.source.value_at("certification")
                    or outcome.source.at("title"),
                    window=i18n.text(context.language, f"windows.{name}"),
                    end=window.end.isoformat(),
                    status=outcome.certification,
                    meaning=_words(context, _MEANING, outcome.certification),
                )
                break


@rule("deadline-soon")
def deadline_soon(context: Context) -> None:
    days_ahead = context.profile["deadline_soon_days"]
    for window in sorted(context.content.windows, key=lambda w: (w.end, w.name)):
        days = (window.end - context.as_of).days
        if not 0 <= days <= days_ahead:
            continue
        records = concerned(context.content, window)
        if not records:
            continue
        first = records[0]
        context.add(
            "deadline-soon",
            first,
            first.source.at("submitted") or first.source.at("title"),
            window=i18n.text(context.language, f"windows.{window.name}"),
            end=window.end.isoformat(),
            days=days,
            concerns=context.names(records),
            todo=_words(context, _TODO, window.name),
        )

"""File rules: evidence exists in the root, is what its name says, fits the limit."""

from __future__ import annotations

from generator.bodyrefs import images
from generator.fields import suggest
from generator.filetypes import FORMAT_NAMES, format_of_name
from generator.model import Record
from generator.rules import rule
from generator.rules.context import Context, Evidence, unread
from generator.yamlsource import Position


def _body_images(context: Context) -> list[tuple[Record, Evidence, str]]:
    """Local images in record and application bodies, resolved like evidence.

    Several file rules look at them; they are resolved once per check.
    """
    if "body-images" in context.memo:
        return context.memo["body-images"]
    found: list[tuple[Record, Evidence, str]] = []
    context.memo["body-images"] = found
    content = context.content
    records: list[Record] = [*content.records(), *content.applications.values()]
    if content.profile is not None:
        records.append(content.profile)
    for record in records:
        for image in images(record.body, record.source.body_line):
            if image.is_external:
                continue
            position = Position(image.line, image.column)
            evidence = context.resolve(record, "image", image.src, position)
            found.append((record, evidence, image.alt))
    return found


def _photo(context: Context) -> list[Evidence]:
    profile = context.content.profile
    if profile is None:
        return []
    evidence = context.evidence(profile, "photo")
    return [evidence] if evidence is not None else []


def _referenced(context: Context) -> list[Evidence]:
    return [
        *context.all_evidence(),
        *_photo(context),
        *(evidence for _, evidence, _ in _body_images(context)),
    ]


def _nearby(evidence: Evidence, language: str) -> str:
    """A did-you-mean from the files beside the record."""
    folder = evidence.record.source.path.parent
    try:
        names = [p.name for p in folder.iterdir() if p.is_file()]
    except OSError:
        return ""
    return suggest(evidence.value.rsplit("/", 1)[-1], sorted(names), language)


@rule("file-missing")
def file_missing(context: Context) -> None:
    for evidence in _referenced(context):
        if evidence.status == "missing":
            context.add(
                "file-missing",
                evidence.record,
                evidence.position,
                path=evidence.value,
                suggestion=_nearby(evidence, context.language),
            )


@rule("file-outside-root")
def file_outside_root(context: Context) -> None:
    for evidence in _referenced(context):
        if evidence.status == "outside":
            context.add(
                "file-outside-root",
                evidence.record,
                evidence.position,
                path=evidence.value,
            )


def _format_fix(
    claimed: str | None, actual: str, allowed: list[str], language: str
) -> str:
    actual_name = FORMAT_NAMES.get(actual, actual)
    if actual in allowed and claimed != actual:
        if language == "en":
            return f"The file is really {actual_name}: rename it to end in .{actual}."
        return f"檔案其實是 {actual_name}：把副檔名改成 .{actual}。"
    names = ", ".join(a.upper() for a in allowed)
    if language == "en":
        return f"Export or convert it to {names} (a phone photo: save as JPEG)."
    return f"把檔案另存或轉成 {names}（手機照片請存成 JPEG）。"


@rule("file-format")
def file_format(context: Context) -> None:
    checks = [(e, context.profile[e.field]["formats"]) for e in context.all_evidence()]
    checks += [(e, ["jpg", "png"]) for e in _photo(context)]
    for evidence, allowed in checks:
        if evidence.status != "ok":
            continue
        claimed = format_of_name(evidence.value)
        if evidence.actual in allowed and claimed == evidence.actual:
            continue
        context.add(
            "file-format",
            evidence.record,
            evidence.position,
            path=evidence.value,
            actual=FORMAT_NAMES.get(evidence.actual, evidence.actual),
            field=evidence.field,
            allowed=", ".join(allowed),
            fix=_format_fix(claimed, evidence.actual, allowed, context.language),
        )


def _too_large(context: Context, kind: str) -> None:
    limit = context.profile.bytes_limit(kind)
    for evidence in context.all_evidence():
        if evidence.field == kind and evidence.status == "ok" and evidence.size > limit:
            context.add(
                f"{kind}-too-large",
                evidence.record,
                evidence.position,
                path=evidence.value,
                size=_mib(evidence.size),
                limit=f"{context.profile[kind]['max_mib']} MB",
            )


@rule("document-too-large")
def document_too_large(context: Context) -> None:
    _too_large(context, "document")


@rule("media-too-large")
def media_too_large(context: Context) -> None:
    _too_large(context, "media")


@rule("size-ambiguous")
def size_ambiguous(context: Context) -> None:
    for evidence in context.all_evidence():
        if evidence.status != "ok":
            continue
        safe = context.profile.decimal_limit(evidence.field)
        if safe < evidence.size <= context.profile.bytes_limit(evidence.field):
            context.add(
                "size-ambiguous",
                evidence.record,
                evidence.position,
                path=evidence.value,
                size=f"{evidence.size:,} bytes",
                limit=f"{context.profile[evidence.field]['max_mib']} MB",
                safe=f"{safe:,}",
            )


@rule("no-evidence")
def no_evidence(context: Context) -> None:
    english = context.language == "en"
    for outcome in context.content.outcomes.values():
        if _evidence_unread(outcome, ("document", "media")):
            continue
        if not outcome.get("document") and not outcome.get("media"):
            needs = "document or media" if english else "沒有 document 也沒有 media"
            context.add("no-evidence", outcome, _first_line(outcome), needs=needs)
    for performance in context.content.performances.values():
        if performance.get("document") or performance.get("media"):
            continue
        if _evidence_unread(performance, ("document", "media", "link")):
            continue
        if performance.get("link") and context.profile.link_allowed(
            performance.category
        ):
            continue
        needs = "document, media or link" if english else "沒有 document、media 或 link"
        context.add("no-evidence", performance, _first_line(performance), needs=needs)


@rule("image-alt-missing")
def image_alt_missing(context: Context) -> None:
    content = context.content
    records: list[Record] = [*content.records(), *content.applications.values()]
    if content.profile is not None:
        records.append(content.profile)
    for record in records:
        for image in images(record.body, record.source.body_line):
            if not image.alt:
                position = Position(image.line, image.column)
                context.add("image-alt-missing", record, position, path=image.src)


def _evidence_unread(record: Record, names: tuple[str, ...]) -> bool:
    """Evidence written under a wrong name or type, already reported as such."""
    return any(unread(record, name) for name in names)


def _first_line(record: Record) -> Position | None:
    return record.source.at("title") or Position(1, 1)


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"

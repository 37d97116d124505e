"""Link rules: only where the category allows, https only, and built to last."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

from generator.model import Performance
from generator.rules import rule
from generator.rules.context import Context
from generator.yamlsource import Position


def _links(context: Context) -> Iterator[tuple[Performance, str, Position | None]]:
    for performance in context.content.performances.values():
        url = performance.get("link")
        if url:
            yield performance, url, performance.source.value_at("link")


@rule("link-not-allowed")
def link_not_allowed(context: Context) -> None:
    allowed = [k for k in context.profile.categories if context.profile.link_allowed(k)]
    for performance, _, position in _links(context):
        if not context.profile.link_allowed(performance.category):
            context.add(
                "link-not-allowed",
                performance,
                performance.source.at("link") or position,
                category=context.profile.categories[performance.category]["name"],
                allowed=", ".join(allowed),
            )


@rule("link-insecure")
def link_insecure(context: Context) -> None:
    for performance, url, position in _links(context):
        if not context.profile.link_allowed(performance.category):
            continue
        scheme = urlsplit(url).scheme.lower()
        if scheme != "https":
            https = ""
            if scheme == "http":
                https = (
                    f"：https{url[4:]}"
                    if context.language != "en"
                    else f": https{url[4:]}"
                )
            context.add("link-insecure", performance, position, url=url, https=https)


def impermanence(
    url: str, hosts: list[str], query_keys: list[str], english: bool
) -> str:
    """Why a link may not last, or an empty string when it looks permanent."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    for known in hosts:
        if host == known or host.endswith("." + known):
            return (
                f"{known}: a shortener or temporary share"
                if english
                else (f"{known} 是短網址或暫存分享服務")
            )
    keys = {k.lower() for k in parse_qs(parts.query, keep_blank_values=True)}
    signed = sorted(keys & {k.lower() for k in query_keys})
    if signed:
        return (
            f"a signed, expiring share link ({signed[0]}=)"
            if english
            else f"這是會過期的簽章分享連結（{signed[0]}=）"
        )
    return ""


@rule("link-impermanent")
def link_impermanent(context: Context) -> None:
    hosts = context.profile["impermanent_hosts"]
    keys = context.profile["impermanent_query_keys"]
    for performance, url, position in _links(context):
        if not context.profile.link_allowed(performance.category):
            continue
        reason = impermanence(url, hosts, keys, context.language == "en")
        if reason:
            context.add(
                "link-impermanent", performance, position, url=url, reason=reason
            )

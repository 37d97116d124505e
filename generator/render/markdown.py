"""Markdown bodies to safe HTML: convert once per distinct text, sanitize every time.

Python-Markdown does the conversion (tables, footnotes, attribute lists, table
of contents, fenced code); nh3 then removes anything active (scripts, event
handlers, `javascript:` and `data:` URLs, frames, forms), and rewrites local
file references to where the site publishes them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache

import markdown
import nh3

EXTENSIONS = ["tables", "footnotes", "attr_list", "toc", "fenced_code", "sane_lists"]
EXTENSION_CONFIGS = {"toc": {"permalink": False, "slugify": None}}

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type"},
    "time": {"datetime"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# Rewrites a local reference (src or href) to its published URL, or None to drop it.
Resolver = Callable[[str], str | None]


def _slug(value: str, separator: str) -> str:
    """Heading ids that keep Chinese characters (the default slug drops them)."""
    kept = [c if c.isalnum() else separator for c in value.strip().lower()]
    return separator.join(filter(None, "".join(kept).split(separator))) or "section"


EXTENSION_CONFIGS["toc"]["slugify"] = _slug


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html"
    )


@lru_cache(maxsize=4096)
def _convert_cached(digest: str, text: str) -> str:
    converter = _converter()
    converter.reset()
    return converter.convert(text)


def to_html(text: str) -> str:
    """Unsanitized HTML of a Markdown text, converted once per distinct text.

    The digest makes the cache key cheap to compare for long bodies.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return _convert_cached(digest, text)


def _is_local(url: str) -> bool:
    lowered = url.strip().lower()
    return not (
        "://" in lowered
        or lowered.startswith(("#", "mailto:", "//", "data:", "javascript:", "/"))
    )


def sanitize(html: str, resolve: Resolver | None = None) -> str:
    """Remove active content; send local src/href values through `resolve`."""

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("src", "href") and _is_local(value):
            if resolve is None:
                return value
            return resolve(value)
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "form"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render(text: str, resolve: Resolver | None = None) -> str:
    """Markdown text to safe HTML, with local references resolved."""
    return sanitize(to_html(text), resolve)

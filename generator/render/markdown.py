"""Markdown bodies to safe HTML: convert once per distinct text, sanitize every time.

Python-Markdown does the conversion (tables, footnotes, attribute lists, table
of contents, fenced code); nh3 then removes anything active (scripts, event
handlers, `javascript:` and `data:` URLs, frames, forms), and rewrites local
file references to where the site publishes them. Last, headings are fitted
under the page's own, ids get the body's prefix, and images their sizes.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable
from functools import lru_cache

import markdown
import nh3
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension

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
# Extra attributes (width, height, srcset, ...) for an image at a resolved src.
Pictures = Callable[[str], dict[str, str] | None]

# One tag of sanitized HTML. Text never holds a raw "<" after nh3, and quoted
# attribute values may hold ">", so this finds every tag and nothing else.
_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:[^>"]|"[^"]*")*)>')
_SRC = re.compile(r'\ssrc="([^"]*)"')


def _slug(value: str, separator: str) -> str:
    """Heading ids that keep Chinese characters (the default slug drops them)."""
    kept = [c if c.isalnum() else separator for c in value.strip().lower()]
    return separator.join(filter(None, "".join(kept).split(separator))) or "section"


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # Extensions as objects, not names: looking names up goes through the
    # installed packages' entry points, which costs more than converting a body.
    extensions = [
        TableExtension(),
        FootnoteExtension(),
        AttrListExtension(),
        TocExtension(permalink=False, slugify=_slug),
        FencedCodeExtension(),
        SaneListExtension(),
    ]
    return markdown.Markdown(extensions=extensions, output_format="html")


def prepare() -> None:
    """Make the converter now, before work is shared with a forked child."""
    _converter()


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


def sanitize(text: str, resolve: Resolver | None = None, id_prefix: str = "") -> str:
    """Remove active content; send local src/href values through `resolve`.

    Ids and the fragments that point at them get `id_prefix`, so two bodies
    on one page (an application's statements) never share an id.
    """

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            return id_prefix + value
        if attribute == "href" and value.startswith("#") and len(value) > 1:
            return "#" + id_prefix + value[1:]
        if attribute in ("src", "href") and _is_local(value):
            if resolve is None:
                return value
            return resolve(value)
        return value

    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "form"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render(
    text: str,
    resolve: Resolver | None = None,
    *,
    pictures: Pictures | None = None,
    heading_level: int = 2,
    id_prefix: str = "",
) -> str:
    """Markdown text to safe HTML, with local references resolved.

    The body's headings start at `heading_level` and skip none, so a page keeps
    one h1 and an outline in order whatever levels the student wrote.
    """
    clean = sanitize(to_html(text), resolve, id_prefix)
    return _fit_tags(clean, heading_level, pictures)


def _fit_tags(text: str, heading_level: int, pictures: Pictures | None) -> str:
    """Renumber headings from `heading_level` and give images their sizes."""
    levels = [int(m[2][1]) for m in _TAG.finditer(text) if _is_heading(m) and not m[1]]
    rank = {level: index for index, level in enumerate(sorted(set(levels)))}
    fitted, previous = [], heading_level - 1
    for level in levels:
        previous = min(heading_level + rank[level], previous + 1, 6)
        fitted.append(previous)
    queue, open_levels = iter(fitted), []

    def retag(match: re.Match[str]) -> str:
        closing, tag, attributes = match.groups()
        if _is_heading(match):
            if closing:
                return f"</h{open_levels.pop() if open_levels else tag[1]}>"
            open_levels.append(next(queue))
            return f"<h{open_levels[-1]}{attributes}>"
        if tag == "img" and pictures is not None:
            return _sized_image(match, pictures)
        return match.group(0)

    return _TAG.sub(retag, text)


def _is_heading(match: re.Match[str]) -> bool:
    tag = match[2]
    return len(tag) == 2 and tag[0] == "h" and tag[1] in "123456"


def _sized_image(match: re.Match[str], pictures: Pictures) -> str:
    """An <img> with the size, srcset and lazy loading of its published file."""
    attributes = match[3].rstrip("/ ")
    src = _SRC.search(attributes)
    extra = pictures(html.unescape(src[1])) if src else None
    if not extra:
        return match.group(0)
    if " width=" in attributes or " height=" in attributes:
        extra = {k: v for k, v in extra.items() if k not in ("width", "height")}
    added = "".join(f' {k}="{html.escape(v)}"' for k, v in extra.items())
    return f"<img{attributes}{added}>"

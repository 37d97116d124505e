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
import json
import logging
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import markdown
import nh3
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension

from generator import parallel
from generator.render.output import write_atomically

log = logging.getLogger(__name__)

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


# Converted bodies of this process by the SHA-256 of their text: a body shown
# on several pages, or by the site and a dossier, is converted once.
_converted: dict[str, str] = {}
_KEPT = 4096


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _convert(text: str) -> str:
    converter = _converter()
    converter.reset()
    return converter.convert(text)


def _remember(digest: str, html: str) -> None:
    if len(_converted) >= _KEPT:  # a long live preview: start afresh
        _converted.clear()
    _converted[digest] = html


def to_html(text: str) -> str:
    """Unsanitized HTML of a Markdown text, converted once per distinct text."""
    digest = _digest(text)
    html = _converted.get(digest)
    if html is None:
        html = _convert(text)
        _remember(digest, html)
    return html


# The converted bodies of the last build into an output folder (BodyStore), in OUT/.
BODIES = ".portfolio-bodies.json"


class BodyStore:
    """Converted bodies kept in the output folder from one build to the next.

    Python-Markdown costs a millisecond or more a body; a student who edits one
    record should not pay that for the other hundred. The file holds only the
    bodies of the last build, and is ignored when Python-Markdown or this
    module has changed since it was written.
    """

    def __init__(self, out: Path) -> None:
        self.path = out / BODIES
        self.kept: dict[str, str] = {}
        self.used: dict[str, str] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == _store_version():
            bodies = data.get("bodies")
            self.kept = bodies if isinstance(bodies, dict) else {}

    def get(self, digest: str) -> str | None:
        html = self.kept.get(digest)
        if isinstance(html, str):
            self.used[digest] = html
            return html
        return None

    def put(self, digest: str, html: str) -> None:
        self.used[digest] = html

    def save(self) -> None:
        """Write the bodies this build used, replacing the file whole."""
        data = {"version": _store_version(), "bodies": dict(sorted(self.used.items()))}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            write_atomically(self.path, text.encode("utf-8"))
        except OSError as error:
            log.info("converted bodies not kept: %s", error)


@lru_cache(maxsize=1)
def _store_version() -> str:
    source = Path(__file__).read_bytes()
    return f"{markdown.__version__}:{hashlib.sha256(source).hexdigest()[:16]}"


def convert_all(
    texts: Iterable[str], store: BodyStore | None = None, share: bool = False
) -> None:
    """Convert every distinct text not converted yet, before pages need them.

    Bodies come from this process, then from `store`; the rest are converted
    here and, with `share`, by a forked child too, so that both processes
    that view records later find every body converted.
    """
    prepare()
    wanted: dict[str, str] = {}
    for text in texts:
        digest = _digest(text)
        html = _converted.get(digest)
        if html is None and store is not None:
            html = store.get(digest)
            if html is not None:
                _remember(digest, html)
        if html is None:
            wanted[digest] = text
        elif store is not None:
            store.put(digest, html)

    missing = list(wanted.items())
    converted = parallel.shared_map(
        lambda pair: _convert(pair[1]), missing, share=share
    )
    for (digest, _), html in zip(missing, converted, strict=True):
        _remember(digest, html)
        if store is not None:
            store.put(digest, html)


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

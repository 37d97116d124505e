"""Images a Markdown body refers to, with the line each stands on.

Rules count and check them (missing files, alt text, the three-image limit of
the highlights statement) without rendering the Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MD_IMAGE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)"
)
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(
    r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE
)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass(frozen=True)
class ImageRef:
    src: str
    alt: str
    line: int
    column: int

    @property
    def is_external(self) -> bool:
        return "://" in self.src or self.src.startswith(("data:", "//"))


def images(body: str, first_line: int = 1) -> list[ImageRef]:
    """Every Markdown and HTML image in a body, outside code fences."""
    found: list[ImageRef] = []
    if "![" not in body and "<img" not in body.lower():
        return found  # most bodies show no image: skip reading them line by line
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        number = first_line + offset
        for match in _MD_IMAGE.finditer(line):
            found.append(
                ImageRef(match["src"], match["alt"].strip(), number, match.start() + 1)
            )
        for match in _HTML_IMAGE.finditer(line):
            attrs = {
                m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
                for m in _ATTR.finditer(match.group(0))
            }
            if "src" in attrs:
                found.append(
                    ImageRef(
                        attrs["src"],
                        attrs.get("alt", "").strip(),
                        number,
                        match.start() + 1,
                    )
                )
    return found


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(
    r"(^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+)|[*_`~]|<[^>]+>", re.MULTILINE
)


def plain_text(markdown: str) -> str:
    """The words of a Markdown text without its markup, for counting characters.

    Images count as nothing, a link counts as its text, and line breaks are not
    characters; this is how a statement's length reads on the printed page.
    """
    text = _MD_IMAGE.sub("", markdown)
    text = _HTML_IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    return "".join(line.strip() for line in text.split("\n"))

"""Links in what a student wrote, made safe and local before a template sees them.

A body's local references become the URLs of the files the site publishes
(its images get the sizes evidence images have); a link from front matter
keeps only a web or mail scheme.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from urllib.parse import urlsplit

from generator.render.assets import Published

# Schemes a link from front matter may use; anything else is dropped.
SAFE_SCHEMES = ("http", "https", "mailto")
# Sizes of a body image: at most the width of the text column.
BODY_IMAGE_SIZES = "(min-width: 46rem) 44rem, 100vw"


class References:
    """Resolves a body's local references, remembering the images it published.

    Called as a resolver by the Markdown renderer; `picture` then gives each
    published image its size and srcset, as evidence images have.
    """

    def __init__(self, publish: Callable[[str], Published | None], page: str) -> None:
        self.publish = publish
        self.page = page
        self.images: dict[str, Published] = {}

    def relative(self, url: str) -> str:
        return posixpath.relpath(url, posixpath.dirname(self.page) or ".")

    def __call__(self, value: str) -> str | None:
        path, _, fragment = value.partition("#")
        published = self.publish(path) if path else None
        if published is None:
            return None if path else value
        relative = self.relative(published.url)
        if published.kind == "image":
            self.images[relative] = published
        return f"{relative}#{fragment}" if fragment else relative

    def picture(self, src: str) -> dict[str, str] | None:
        published = self.images.get(src)
        if published is None or not published.width:
            return None
        srcset = ", ".join(f"{self.relative(u)} {w}w" for u, w in published.srcset)
        return {
            "width": str(published.width),
            "height": str(published.height),
            "srcset": srcset,
            "sizes": BODY_IMAGE_SIZES,
            "loading": "lazy",
            "decoding": "async",
        }


def safe_url(value: str | None) -> str | None:
    """`value` if it is a web or mail address; None for javascript: and the like."""
    if not value:
        return None
    scheme = urlsplit(value.strip()).scheme.lower()
    return value.strip() if scheme in SAFE_SCHEMES else None

"""Read a built site the way the tests need it: pages parsed strictly, links listed.

Pages are parsed with html5lib in strict mode, so any HTML5 parse error fails
the test that reads the page.
"""

from __future__ import annotations

import hashlib
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import html5lib

# Attributes that hold one URL, and the elements they are links on.
URL_ATTRIBUTES = ("href", "src", "data", "poster", "action", "formaction")


class Link(NamedTuple):
    """One URL found on a page: where, on which element and attribute."""

    page: str
    tag: str
    attribute: str
    value: str


class Site:
    """A built site folder: its files, its pages and the links between them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._trees: dict[str, ET.Element] = {}

    @cached_property
    def files(self) -> list[str]:
        """Every file, as a path relative to the site root."""
        found = (p for p in self.root.rglob("*") if p.is_file())
        return sorted(p.relative_to(self.root).as_posix() for p in found)

    @property
    def pages(self) -> list[str]:
        return [f for f in self.files if f.endswith(".html")]

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def tree(self, page: str) -> ET.Element:
        """The page parsed as HTML5; a parse error raises html5lib's ParseError."""
        if page not in self._trees:
            parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
            self._trees[page] = parser.parse((self.root / page).read_bytes())
        return self._trees[page]

    def elements(self, page: str, tag: str = "*") -> list[ET.Element]:
        return list(self.tree(page).iter(tag))

    def ids(self, page: str) -> set[str]:
        return {e.get("id", "") for e in self.elements(page)} - {""}

    def links(self, page: str) -> Iterator[Link]:
        """Every URL on a page, srcset entries one by one."""
        for element in self.elements(page):
            for attribute in URL_ATTRIBUTES:
                value = element.get(attribute)
                if value is not None:
                    yield Link(page, element.tag, attribute, value)
            for entry in (element.get("srcset") or "").split(","):
                if entry.strip():
                    yield Link(page, element.tag, "srcset", entry.split()[0])

    def digest(self) -> dict[str, str]:
        """Each file's SHA-256, to compare two builds byte for byte."""
        return {
            f: hashlib.sha256((self.root / f).read_bytes()).hexdigest()
            for f in self.files
        }

    def page_of(self, link: Link) -> str | None:
        """The site file a relative link points at, or None if it leaves the site."""
        return self.target(link.page, link.value)

    def target(self, page: str, value: str) -> str | None:
        """The site file `value`, written on `page`, points at."""
        path = unquote(urlsplit(value).path)
        if not path:
            return page
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if joined.startswith("../") or joined == "..":
            return None
        if path.endswith("/"):
            joined = posixpath.join(joined, "index.html")
        return joined


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()

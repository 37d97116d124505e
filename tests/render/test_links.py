"""Links: every local link lands on a file of the site, so it works anywhere.

The site must work from a sub-path (GitHub Pages' /repo/) and from disk, which
relative links alone allow; base_url is only for canonical and social tags.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rules.builders import Root

from .conftest import built
from .html import Link, Site

EXTERNAL = ("http:", "https:", "mailto:")
BASE_URL = "https://example.github.io/portfolio/"


def _broken(site: Site) -> list[tuple[Link, str]]:
    """Every local link that does not land on a file (and id) of the site."""
    broken = []
    for page in site.pages:
        for link in site.links(page):
            if link.value.startswith(EXTERNAL):
                continue
            target = site.page_of(link)
            fragment = unquote(urlsplit(link.value).fragment)
            if target is None or target not in site.files:
                broken.append((link, "no such file"))
            elif fragment and fragment not in site.ids(target):
                broken.append((link, f"no id {fragment!r} on {target}"))
    return broken


def test_every_local_link_of_the_example_lands_in_the_site(
    example_site: Site,
) -> None:
    assert _broken(example_site) == []


def test_every_local_link_of_a_small_site_lands_in_the_site(site: Site) -> None:
    assert _broken(site) == []


def test_the_example_links_its_evidence_in_srcset_and_players(
    example_site: Site,
) -> None:
    kinds = {
        (link.tag, link.attribute)
        for page in example_site.pages
        for link in example_site.links(page)
    }

    assert {("img", "srcset"), ("audio", "src"), ("a", "href")} <= kinds


def test_no_link_starts_at_the_server_root_or_the_disk(example_site: Site) -> None:
    absolute = [
        link
        for page in example_site.pages
        for link in example_site.links(page)
        if link.value.startswith(("/", "file:", "\\"))
        or re.match(r"[A-Za-z]:", link.value)
    ]

    assert [a for a in absolute if not a.value.startswith(EXTERNAL)] == []


def test_no_file_of_the_site_names_a_folder_of_the_build_machine(
    root: Root, tmp_path: Path
) -> None:
    site = built(root, tmp_path / "out")
    local = [str(tmp_path), str(root.path), Path.home().as_posix()]

    leaks = [
        name
        for name in site.files
        for text in [(site.root / name).read_bytes().decode("utf-8", "replace")]
        if any(folder in text for folder in local)
    ]

    assert leaks == []


def test_a_stylesheet_and_icon_load_from_every_depth(site: Site) -> None:
    for page in site.pages:
        hrefs = [e.get("href") for e in site.elements(page, "link")]
        depth = page.count("/")

        assert "../" * depth + "assets/style.css" in hrefs


def test_base_url_appears_only_in_canonical_and_social_tags(
    root: Root, tmp_path: Path
) -> None:
    root.site(base_url=BASE_URL)
    site = built(root, tmp_path / "out")

    for page in site.pages:
        uses = [
            element
            for element in site.elements(page)
            for value in element.attrib.values()
            if BASE_URL.rstrip("/") in value
        ]
        allowed = [
            e
            for e in uses
            if (e.tag == "link" and e.get("rel") == "canonical")
            or (e.tag == "meta" and (e.get("property") or "").startswith("og:"))
        ]

        assert uses == allowed
        assert site.read(page).count(BASE_URL.rstrip("/")) == len(uses)
    assert not any(BASE_URL in site.read(f) for f in site.files if f.endswith(".txt"))


def test_canonical_address_is_the_page_under_base_url(
    root: Root, tmp_path: Path
) -> None:
    root.site(base_url=BASE_URL)
    site = built(root, tmp_path / "out")

    [canonical] = [
        e
        for e in site.elements("outcomes/pendulum.html", "link")
        if e.get("rel") == "canonical"
    ]

    assert canonical.get("href") == posixpath.join(BASE_URL, "outcomes/pendulum.html")


def test_without_base_url_no_page_names_an_address(site: Site) -> None:
    rels = {e.get("rel") for p in site.pages for e in site.elements(p, "link")}
    metas = {e.get("property") for p in site.pages for e in site.elements(p, "meta")}

    assert "canonical" not in rels
    assert metas == {None}

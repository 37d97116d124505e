"""Every page is well-formed, accessible HTML5 in the interface language."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from rules.builders import Root

from .conftest import built
from .html import Site, text_of

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _levels(site: Site, page: str) -> list[int]:
    return [int(e.tag[1]) for e in site.elements(page) if e.tag in HEADINGS]


def test_every_page_of_the_example_parses_as_html5(example_site: Site) -> None:
    for page in example_site.pages:
        example_site.tree(page)  # strict: any parse error raises

    assert len(example_site.pages) > 10


def test_every_page_of_the_example_has_exactly_one_h1(example_site: Site) -> None:
    counts = {p: len(example_site.elements(p, "h1")) for p in example_site.pages}

    assert {p: n for p, n in counts.items() if n != 1} == {}


def test_headings_of_every_page_go_down_one_level_at_a_time(
    example_site: Site,
) -> None:
    skipped = {}
    for page in example_site.pages:
        levels = _levels(example_site, page)
        steps = zip([0, *levels], levels, strict=False)
        if any(level > previous + 1 for previous, level in steps):
            skipped[page] = levels

    assert skipped == {}


def test_every_image_has_alt_text(example_site: Site) -> None:
    missing = [
        (page, img.get("src"))
        for page in example_site.pages
        for img in example_site.elements(page, "img")
        if img.get("alt") is None
    ]

    assert missing == []


def test_every_page_is_in_traditional_chinese_by_default(example_site: Site) -> None:
    languages = {example_site.tree(p).get("lang") for p in example_site.pages}

    assert languages == {"zh-Hant-TW"}


def test_a_site_in_english_says_so_on_every_page(root: Root, tmp_path: Path) -> None:
    root.site(language="en")
    site = built(root, tmp_path / "out")

    assert {site.tree(p).get("lang") for p in site.pages} == {"en"}


def test_every_page_has_a_title_a_main_landmark_and_a_skip_link(site: Site) -> None:
    for page in site.pages:
        [main] = site.elements(page, "main")
        skip = site.elements(page, "a")[0]

        assert text_of(site.elements(page, "title")[0])
        assert skip.get("href") == f"#{main.get('id')}"


def test_body_headings_fit_under_the_page_heading(root: Root, tmp_path: Path) -> None:
    body = "# 動機\n\n### 方法\n\n#### 細節\n\n# 結論\n"
    root.outcome("lab", body=body, certification="certified")
    site = built(root, tmp_path / "out")

    levels = _levels(site, "outcomes/lab.html")

    assert levels[:5] == [1, 2, 3, 4, 2]


def test_an_application_with_statements_keeps_its_outline(site: Site) -> None:
    levels = _levels(site, "applications/ntu.html")

    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


@pytest.mark.parametrize("page", ["index.html", "outcomes/pendulum.html"])
def test_ids_on_a_page_are_unique(site: Site, page: str) -> None:
    ids = [e.get("id") for e in site.elements(page) if e.get("id")]

    assert len(ids) == len(set(ids))


def test_two_statements_with_footnotes_do_not_share_ids(
    root: Root, tmp_path: Path
) -> None:
    note = "見註腳[^1]。\n\n[^1]: 註腳。\n\n"
    body = f"## 就讀動機\n\n{note}## 未來學習計畫與生涯規劃\n\n{note}"
    root.application("ntu", body=body, items=["P", "Q"])
    site = built(root, tmp_path / "out")

    ids = [e.get("id") for e in site.elements("applications/ntu.html") if e.get("id")]

    assert len(ids) == len(set(ids))

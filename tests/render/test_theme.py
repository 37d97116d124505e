"""Themes: a site's own folder overrides single templates of the default."""

from __future__ import annotations

import posixpath
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rules.builders import Root

from generator.render.theme import DEFAULT, relative_url, theme_folders

from .conftest import built
from .html import Site, text_of

RECORD = """{% extends "base.html" %}
{% block main %}<h1 class="mine">{{ record.title }}</h1>{% endblock %}
"""


def _nav(site: Site, page: str) -> list[str]:
    [nav] = [e for e in site.elements(page, "nav") if e.get("aria-label")][:1]
    return [text_of(a) for a in nav.iter("a")]


def test_a_sites_own_theme_overrides_just_that_template(
    root: Root, tmp_path: Path
) -> None:
    root.site(theme="mytheme")
    root.text("mytheme/templates/record.html", RECORD)
    site = built(root, tmp_path / "out")

    [h1] = site.elements("outcomes/pendulum.html", "h1")

    assert h1.get("class") == "mine"
    assert 'class="hero"' in site.read("index.html")
    assert 'class="picks"' in site.read("applications/ntu.html")


def test_a_theme_may_replace_a_static_file(root: Root, tmp_path: Path) -> None:
    root.site(theme="mytheme")
    root.text("mytheme/static/style.css", "body { color: teal; }\n")
    site = built(root, tmp_path / "out")

    assert site.read("assets/style.css") == "body { color: teal; }\n"
    assert "assets/favicon.svg" in site.files


def test_a_theme_folder_is_not_published_as_content(root: Root, tmp_path: Path) -> None:
    root.site(theme="mytheme")
    root.text("mytheme/templates/record.html", RECORD)
    site = built(root, tmp_path / "out")

    assert [f for f in site.files if "mytheme" in f or f.endswith("record.html")] == []


def test_without_a_theme_the_default_is_used(tmp_path: Path) -> None:
    assert theme_folders(tmp_path, None) == [DEFAULT]


def test_a_missing_theme_folder_falls_back_to_the_default(tmp_path: Path) -> None:
    assert theme_folders(tmp_path, "nowhere") == [DEFAULT]


def test_the_interface_is_in_chinese_by_default(site: Site) -> None:
    assert _nav(site, "index.html") == [
        "首頁",
        "課程學習成果",
        "多元表現",
        "備審資料",
        "標籤",
    ]


def test_language_en_renders_english_interface_strings(
    root: Root, tmp_path: Path
) -> None:
    root.site(language="en")
    site = built(root, tmp_path / "out")

    assert _nav(site, "index.html") == [
        "Home", "Course outcomes", "Performances", "Applications", "Tags",
    ]  # fmt: skip
    assert "Evidence" in site.read("outcomes/pendulum.html")


def test_an_english_site_names_school_years_in_english(
    root: Root, tmp_path: Path
) -> None:
    root.site(language="en")
    site = built(root, tmp_path / "out")

    assert "School year 113" in site.read("index.html")
    assert "學年度" not in site.read("index.html")


def test_a_url_from_a_nested_page_climbs_to_the_site_root() -> None:
    assert relative_url("assets/style.css", "outcomes/lab.html") == (
        "../assets/style.css"
    )
    assert relative_url("tags.html#tag-x", "index.html") == "tags.html#tag-x"


_SEGMENT = st.text(alphabet="abx-_.0", min_size=1, max_size=5).filter(
    lambda s: s not in (".", "..")
)
_SITE_PATH = st.lists(_SEGMENT, min_size=1, max_size=4).map("/".join)


@given(_SITE_PATH, _SITE_PATH)
def test_a_url_between_site_paths_is_what_relpath_gives(target: str, page: str) -> None:
    expected = posixpath.relpath(target, posixpath.dirname(page) or ".")

    assert relative_url(target, page) == expected

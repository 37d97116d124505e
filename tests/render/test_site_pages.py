"""The pages of a site and what each shows: the SPEC's Outputs, page by page."""

from __future__ import annotations

from pathlib import Path

import pytest
from rules.builders import MP3, MP4, Root

from generator.project import check_root
from generator.render.site import pages_showing, plan_pages
from generator.render.views import Portfolio, build_views

from .conftest import AS_OF, build, built, pdf, png
from .html import Site, text_of


def test_the_site_has_every_page_the_spec_lists(site: Site) -> None:
    expected = {
        "index.html", "outcomes/index.html", "performances/index.html",
        "applications/index.html", "tags.html", "404.html",
        "outcomes/pendulum.html", "performances/fair.html", "applications/ntu.html",
    }  # fmt: skip

    assert set(site.pages) == expected


def test_the_site_carries_its_stylesheet_robots_and_nojekyll(site: Site) -> None:
    assert {"assets/style.css", "robots.txt", ".nojekyll"} <= set(site.files)


def _portfolio(root: Root) -> Portfolio:
    """The views of `root` without publishing any file."""
    return build_views(check_root(root.path, AS_OF), None)


def test_each_page_names_the_records_it_shows(root: Root) -> None:
    portfolio = _portfolio(root)
    pages = {page.path: page.shows for page in plan_pages(portfolio)}

    assert pages["outcomes/pendulum.html"] == {"outcome:pendulum"}
    assert pages["applications/ntu.html"] == {
        "application:ntu", "outcome:pendulum", "performance:fair",
    }  # fmt: skip
    assert pages["index.html"] == {"*"}


def test_a_changed_record_needs_only_its_pages_and_the_lists(root: Root) -> None:
    pages = plan_pages(_portfolio(root))

    redo = {page.path for page in pages_showing(pages, {"performance:fair"})}

    assert "performances/fair.html" in redo
    assert "applications/ntu.html" in redo
    assert "outcomes/pendulum.html" not in redo


# -- record pages ----------------------------------------------------------------


def test_an_image_evidence_has_a_srcset_of_published_sizes(site: Site) -> None:
    [img] = [
        e
        for e in site.elements("outcomes/pendulum.html", "img")
        if "（" in (e.get("alt") or "")
    ]
    entries = [entry.split() for entry in img.get("srcset", "").split(", ")]

    assert [width for _, width in entries] == ["480w", "960w", "1200w"]
    assert (img.get("width"), img.get("height")) == ("1200", "800")
    for url, _ in entries:
        assert site.target("outcomes/pendulum.html", url) in site.files


def test_a_body_image_gets_its_size_and_srcset(site: Site) -> None:
    [img] = [
        e
        for e in site.elements("outcomes/pendulum.html", "img")
        if e.get("alt") == "實驗裝置"
    ]

    assert (img.get("width"), img.get("height")) == ("1200", "800")
    assert img.get("srcset", "").count("w,") == 2
    assert img.get("loading") == "lazy"


def test_a_pdf_is_shown_with_a_first_page_preview_and_a_download_link(
    site: Site,
) -> None:
    page = "performances/fair.html"
    links = {a.get("href") for a in site.elements(page, "a") if a.get("download") == ""}
    previews = [
        e for e in site.elements(page, "img") if "preview" in (e.get("src") or "")
    ]
    [embed] = site.elements(page, "object")

    assert links == {"../files/performances/fair/fair.pdf"}
    assert len(previews) == 1
    assert site.target(page, previews[0].get("src")) in site.files
    assert embed.get("type") == "application/pdf"


def test_audio_and_video_get_players(root: Root, tmp_path: Path) -> None:
    root.file("outcomes/song.mp3", MP3)
    root.file("outcomes/clip.mp4", MP4)
    root.outcome("song", media="song.mp3", document=None)
    root.outcome("clip", media="clip.mp4", document=None)
    site = built(root, tmp_path / "out")

    [audio] = site.elements("outcomes/song.html", "audio")
    [video] = site.elements("outcomes/clip.html", "video")

    assert audio.get("src") == "../files/outcomes/song/song.mp3"
    assert video.get("src") == "../files/outcomes/clip/clip.mp4"
    assert audio.get("controls") == video.get("controls") == ""


def test_the_external_link_is_shown_on_the_record_page(site: Site) -> None:
    hrefs = [a.get("href") for a in site.elements("performances/fair.html", "a")]

    assert "https://example.org/fair" in hrefs


def test_a_record_page_shows_its_facts(site: Site) -> None:
    [facts] = [
        e for e in site.elements("outcomes/pendulum.html", "dl")
        if e.get("class") == "facts"
    ]  # fmt: skip
    text = text_of(facts)

    for fact in ("B 書面報告", "113 學年度第 1 學期", "物理", "已認證"):
        assert fact in text


# -- lists -----------------------------------------------------------------------


def test_cards_show_a_thumbnail_of_the_evidence(site: Site) -> None:
    thumbs = [
        img.get("src")
        for img in site.elements("outcomes/index.html", "img")
        if img.get("class") == "card-thumb"
    ]

    assert thumbs == ["../files/outcomes/pendulum/setup-480.png"]


def test_outcomes_are_listed_by_school_year_and_semester(
    root: Root, tmp_path: Path
) -> None:
    root.outcome("second", semester=2, date=None)
    site = built(root, tmp_path / "out")

    headings = [text_of(h) for h in site.elements("outcomes/index.html", "h2")]

    assert headings == ["113 學年度第 2 學期", "113 學年度第 1 學期"]


def test_performances_are_listed_by_category(root: Root, tmp_path: Path) -> None:
    root.performance("club", category="group", kind="社團")
    site = built(root, tmp_path / "out")

    ids = [h.get("id") for h in site.elements("performances/index.html", "h2")]

    assert ids == ["cat-group", "cat-competition"]


def test_the_tag_page_lists_each_tag_with_its_records(site: Site) -> None:
    sections = {
        e.get("id"): [
            text_of(a) for a in e.iter("a") if "card" not in a.get("class", "")
        ]
        for e in site.elements("tags.html", "section")
    }

    assert set(sections) == {"tag-物理", "tag-實驗"}
    assert "校內科展 fair" in sections["tag-實驗"]
    assert "單擺週期與重力加速度" in sections["tag-實驗"]


def test_the_home_page_counts_ticked_records_against_the_limits(site: Site) -> None:
    [dashboard] = [
        e for e in site.elements("index.html", "section")
        if e.get("aria-labelledby") == "dashboard"
    ]  # fmt: skip
    meters = [(m.get("value"), m.get("max")) for m in dashboard.iter("meter")]

    assert meters == [("1", "6"), ("1", "10"), ("1", "18"), ("1", "30")]


def test_the_404_page_links_back_home(site: Site) -> None:
    hrefs = [a.get("href") for a in site.elements("404.html", "a")]

    assert "index.html" in hrefs


# -- application pages -----------------------------------------------------------


def _picks(site: Site, page: str) -> dict[str, list[str]]:
    groups = {}
    for section in site.elements(page, "section"):
        if section.get("class") == "item-group":
            letter = section.get("aria-labelledby", "").removeprefix("item-")
            groups[letter] = [
                text_of(a) for a in section.iter("a") if a.get("class") == "pick-title"
            ]
    return groups


def test_an_application_shows_its_picks_under_their_review_items(
    site: Site,
) -> None:
    assert _picks(site, "applications/ntu.html") == {
        "B": ["單擺週期與重力加速度"],
        "J": ["校內科展 fair"],
    }


def test_picks_keep_the_order_the_student_chose(root: Root, tmp_path: Path) -> None:
    root.performance("alpha", title="甲", submitted=True)
    root.performance("beta", title="乙", submitted=True)
    root.application(
        "ntu", outcomes=["pendulum"], performances=["beta", "fair", "alpha"]
    )
    site = built(root, tmp_path / "out")

    assert _picks(site, "applications/ntu.html")["J"] == ["乙", "校內科展 fair", "甲"]


def test_an_application_shows_its_statements_in_review_order(site: Site) -> None:
    headings = [
        text_of(h)
        for h in site.elements("applications/ntu.html", "h3")
        if (h.get("id") or "").startswith("st-")
    ]

    assert [h.split()[0] for h in headings] == ["N", "O", "P", "Q"]
    assert "我想研究資訊科學" in site.read("applications/ntu.html")


@pytest.mark.parametrize("language", [None, "en"])
def test_every_page_renders_in_either_language(
    root: Root, tmp_path: Path, language: str | None
) -> None:
    if language:
        root.site(language=language)
    root.file("outcomes/extra.pdf", pdf())
    root.file("outcomes/poster.png", png(300, 200))

    result = build(root, tmp_path / "out")

    assert result.ok
    assert result.pages == 9

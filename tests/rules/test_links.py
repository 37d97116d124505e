"""Link rules: only on categories that allow links, https, and built to last."""

from __future__ import annotations

import pytest

from .builders import AS_OF, Hit, Root

FAIR = "performances/fair.md"


@pytest.mark.parametrize(
    "category",
    ["group", "團體活動時間紀錄", "workplace", "advanced-course"],
)
def test_a_link_on_a_category_that_refuses_links_is_an_error(
    root: Root, category: str
) -> None:
    root.performance("fair", category=category, link="https://example.org/club")

    assert root.check(as_of=AS_OF) == [
        Hit("link-not-allowed", "error", FAIR, root.line(FAIR, "link:"))
    ]


@pytest.mark.parametrize(
    "category",
    ["flexible", "cadre", "service", "competition", "works", "certificate", "other"],
)
def test_a_link_on_a_category_that_allows_links_is_fine(
    root: Root, category: str
) -> None:
    root.performance("fair", category=category, link="https://example.org/fair")

    assert root.check(as_of=AS_OF) == []


def test_a_refused_link_is_not_also_judged_insecure_or_impermanent(
    root: Root,
) -> None:
    root.performance("fair", category="group", link="http://bit.ly/abc")

    assert [hit.rule for hit in root.check(as_of=AS_OF)] == ["link-not-allowed"]


@pytest.mark.parametrize(
    "link", ["http://example.org/fair", "ftp://example.org/fair.pdf"]
)
def test_a_link_that_is_not_https_is_an_error(root: Root, link: str) -> None:
    root.performance("fair", link=link)

    assert root.check(as_of=AS_OF) == [
        Hit("link-insecure", "error", FAIR, root.line(FAIR, "link:"))
    ]


def test_an_http_link_is_told_its_https_form(root: Root) -> None:
    root.performance("fair", link="http://example.org/fair")

    [finding] = root.findings(as_of=AS_OF)

    assert "https://example.org/fair" in finding.message + finding.hint


@pytest.mark.parametrize(
    "link",
    [
        "https://bit.ly/3abcDEF",
        "https://reurl.cc/abc123",
        "https://www.bit.ly/3abcDEF",
        "https://tinyurl.com/y4abc",
        "https://we.tl/t-abc",
        "https://bucket.s3.amazonaws.com/fair.pdf?X-Amz-Expires=3600&X-Amz-Signature=ab",
        "https://files.example.org/fair.pdf?X-Amz-Expires=604800",
        "https://files.example.org/fair.pdf?X-Amz-Expires=",
        "https://example.blob.core.windows.net/c/fair.pdf?se=2025-07-01&sig=abc",
    ],
)
def test_a_shortener_or_temporary_share_link_is_a_warning(
    root: Root, link: str
) -> None:
    root.performance("fair", link=link)

    assert root.check(as_of=AS_OF) == [
        Hit("link-impermanent", "warning", FAIR, root.line(FAIR, "link:"))
    ]


@pytest.mark.parametrize(
    "link",
    [
        "https://github.com/example/fair",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://example.org/fair?lang=zh-TW",
        "https://notbit.ly.example.org/fair",
    ],
)
def test_a_normal_https_link_is_fine(root: Root, link: str) -> None:
    root.performance("fair", link=link)

    assert root.check(as_of=AS_OF) == []


def test_an_insecure_shortener_is_both_insecure_and_impermanent(root: Root) -> None:
    root.performance("fair", link="http://bit.ly/3abcDEF")

    line = root.line(FAIR, "link:")
    assert root.check(as_of=AS_OF) == [
        Hit("link-impermanent", "warning", FAIR, line),
        Hit("link-insecure", "error", FAIR, line),
    ]

"""The same input gives the same bytes: builds can be compared and cached."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import needs_fork
from rules.builders import Root

from generator import parallel
from generator.render.views import build_date

from .conftest import EXAMPLE, EXAMPLE_AS_OF, build, built
from .html import Site, text_of

# 2026-03-01 00:00:00 UTC.
EPOCH = "1772323200"


def _footer(site: Site) -> str:
    [footer] = site.elements("index.html", "footer")
    return text_of(footer)


def test_two_builds_into_one_folder_are_byte_identical(
    root: Root, tmp_path: Path
) -> None:
    first = built(root, tmp_path / "out").digest()
    second = built(root, tmp_path / "out").digest()

    assert first == second


def test_the_example_built_into_another_folder_is_byte_identical(
    example_site: Site, tmp_path: Path
) -> None:
    again = built(EXAMPLE, tmp_path / "elsewhere", as_of=EXAMPLE_AS_OF)

    assert again.digest() == example_site.digest()


@needs_fork
def test_the_example_built_with_a_forked_helper_is_byte_identical(
    example_site: Site, tmp_path: Path
) -> None:
    assert parallel.can_fork(), "a thread left running by another test"
    shared = built(EXAMPLE, tmp_path / "shared", as_of=EXAMPLE_AS_OF, share=True)

    assert shared.digest() == example_site.digest()


def test_the_footer_shows_the_as_of_date_without_source_date_epoch(
    root: Root, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = built(root, tmp_path / "out", as_of=dt.date(2025, 5, 4))

    assert "2025-05-04" in _footer(site)


def test_source_date_epoch_sets_the_date_the_footer_shows(
    root: Root, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = built(root, tmp_path / "out")

    assert "2026-03-01" in _footer(site)


def test_builds_with_one_source_date_epoch_are_byte_identical_on_other_days(
    root: Root, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)

    first = build(root, tmp_path / "a", as_of=dt.date(2025, 6, 1))
    second = build(root, tmp_path / "b", as_of=dt.date(2025, 6, 2))

    assert Site(first.site_dir).digest() == Site(second.site_dir).digest()


def test_a_source_date_epoch_that_is_not_a_number_is_ignored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")

    assert build_date(dt.date(2025, 6, 1)) == dt.date(2025, 6, 1)

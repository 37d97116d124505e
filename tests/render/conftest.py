"""Fixtures of the rendering tests: small sites built in tmp_path, and the example.

The content roots come from the rule tests' `Root` builder; `portfolio_root`
adds what a site needs to show every kind of page (a photo, evidence images,
a PDF, an application with picks and statements), all of it valid.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from rules.builders import STATEMENTS, Root, make_root

from generator.build import BuildResult, build_site

from .html import Site

AS_OF = dt.date(2025, 6, 1)
REPO = Path(__file__).parents[2]
EXAMPLE = REPO / "content"
EXAMPLE_AS_OF = dt.date(2026, 11, 20)
TICKED = {"certification": "certified", "submitted": True}


def jpeg(width: int = 640, height: int = 480, exif: Image.Exif | None = None) -> bytes:
    """A real JPEG of one colour, with `exif` written into it when given."""
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (40, 110, 170))
    image.save(buffer, "JPEG", exif=exif if exif is not None else Image.Exif())
    return buffer.getvalue()


def png(width: int = 1200, height: int = 800) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (230, 126, 34)).save(buffer, "PNG")
    return buffer.getvalue()


def pdf() -> bytes:
    """A one-page PDF that poppler can draw, so the page gets a preview image."""
    buffer = io.BytesIO()
    Image.new("RGB", (595, 842), (250, 250, 250)).save(buffer, "PDF")
    return buffer.getvalue()


def portfolio_root(tmp_path: Path) -> Root:
    """A valid student with one of every page: record, list, application."""
    root = make_root(tmp_path)
    root.file("portrait.jpg", jpeg(400, 400))
    root.profile(photo="portrait.jpg", email="student@example.org")
    root.site(title="王小明的學習歷程")

    root.file("outcomes/pendulum/setup.png", png())
    root.record(
        "outcomes/pendulum/index.md",
        {
            "title": "單擺週期與重力加速度",
            "course": "物理",
            "credits": 2,
            "year": 113,
            "semester": 1,
            "summary": "量測單擺週期並估計重力加速度。",
            "document": "setup.png",
            "tags": ["物理", "實驗"],
            **TICKED,
        },
        "## 實驗方法\n\n![實驗裝置](setup.png)\n\n我量了 20 次週期。\n",
    )
    root.file("performances/fair.pdf", pdf())
    root.performance(
        "fair",
        document="fair.pdf",
        link="https://example.org/fair",
        tags=["實驗"],
        submitted=True,
    )
    root.application(
        "ntu", outcomes=["pendulum"], performances=["fair"], body=STATEMENTS
    )
    return root


def build(root: Root | Path, out: Path, **options: Any) -> BuildResult:
    """Build the site of `root` into `out/site` as of the rule tests' date."""
    path = root.path if isinstance(root, Root) else root
    options.setdefault("as_of", AS_OF)
    options.setdefault("pdf", False)  # dossiers have tests of their own
    return build_site(path, out, **options)


def built(root: Root | Path, out: Path, **options: Any) -> Site:
    """The site of a build that must succeed; its findings tell why if not."""
    result = build(root, out, **options)
    assert result.ok, [str(f) for f in result.checked.findings.sorted()]
    return Site(result.site_dir)


@pytest.fixture
def root(tmp_path: Path) -> Root:
    """A content root ready to build, with one of every kind of page."""
    return portfolio_root(tmp_path)


@pytest.fixture
def site(root: Root, tmp_path: Path) -> Site:
    """The built site of `root`."""
    return built(root, tmp_path / "out")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The example student in content/, built once for the whole session."""
    yield built(EXAMPLE, tmp_path_factory.mktemp("example"), as_of=EXAMPLE_AS_OF)

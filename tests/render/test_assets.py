"""Published files: safe names that never collide, and only evidence is copied."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from generator.render.assets import EXIF_ORIENTATION, MAX_WIDTH, Publisher, safe_name

from .conftest import jpeg, pdf, png


@pytest.fixture
def publisher(tmp_path: Path) -> Publisher:
    (tmp_path / "content").mkdir()
    return Publisher(tmp_path / "site", tmp_path / "content")


def _source(publisher: Publisher, name: str, data: bytes) -> Path:
    path = publisher.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("report.pdf", "report.pdf"),
        ("my report.pdf", "my-report.pdf"),
        ("Photo.JPG", "Photo.jpg"),
    ],
)
def test_a_plain_name_keeps_its_letters(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_a_chinese_name_becomes_ascii_with_a_stable_hash() -> None:
    name = safe_name("實驗報告.pdf")

    assert name.isascii()
    assert name == safe_name("實驗報告.pdf") != safe_name("心得報告.pdf")


def test_two_names_that_sanitize_alike_do_not_overwrite_each_other(
    publisher: Publisher,
) -> None:
    first = publisher.publish(_source(publisher, "a b.pdf", pdf()), "x")
    second = publisher.publish(_source(publisher, "a-b.pdf", pdf() + b"\n"), "x")

    assert first is not None and second is not None
    assert first.url != second.url
    assert (publisher.site_dir / second.url).read_bytes().endswith(b"\n")


def test_names_that_differ_only_in_case_do_not_collide(publisher: Publisher) -> None:
    upper = publisher.publish(_source(publisher, "SCAN.pdf", pdf()), "x")
    lower = publisher.publish(_source(publisher, "sub/scan.pdf", pdf()), "x")

    assert upper is not None and lower is not None
    assert upper.url.lower() != lower.url.lower()


def test_a_file_named_like_another_files_size_keeps_its_own_bytes(
    publisher: Publisher,
) -> None:
    photo = publisher.publish(_source(publisher, "photo.jpg", jpeg(1200, 900)), "x")
    small = publisher.publish(_source(publisher, "photo-480.jpg", jpeg(100, 50)), "x")

    assert photo is not None and small is not None
    assert small.url not in [url for url, _ in photo.srcset]
    assert small.width == 100


def test_the_same_file_is_published_once(publisher: Publisher) -> None:
    source = _source(publisher, "poster.png", png())

    assert publisher.publish(source, "x") == publisher.publish(source, "x")


def test_an_image_gets_smaller_sizes_for_srcset(publisher: Publisher) -> None:
    published = publisher.publish(_source(publisher, "poster.png", png()), "x")

    assert published is not None
    assert [width for _, width in published.srcset] == [480, 960, 1200]
    for url, _ in published.srcset:
        assert (publisher.site_dir / url).is_file()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("page.html", b"<!DOCTYPE html><script>alert(1)</script>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("notes.md", b"---\nstudent_id: S1\n---\n"),
        ("site.yaml", b"title: x\n"),
    ],
)
def test_a_file_that_is_not_evidence_is_not_published(
    publisher: Publisher, name: str, data: bytes
) -> None:
    assert publisher.publish(_source(publisher, name, data), "x") is None
    assert not publisher.site_dir.exists() or not any(publisher.site_dir.rglob("*.*"))


def test_a_file_outside_the_content_root_is_not_published(
    publisher: Publisher, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(pdf())

    assert publisher.publish(outside, "x") is None


def test_a_withheld_folder_is_not_published(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "private").mkdir(parents=True)
    (root / "private" / "scan.pdf").write_bytes(pdf())
    publisher = Publisher(tmp_path / "site", root, withheld=[root / "private"])

    assert publisher.publish(root / "private" / "scan.pdf", "x") is None


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims a size far beyond any real photo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data).to_bytes(4, "big")
        return len(data).to_bytes(4, "big") + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = chunk(b"IDAT", zlib.compress(b"\x00" * 16))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + pixels + chunk(b"IEND", b"")


def test_a_decompression_bomb_is_not_published_and_does_not_crash(
    publisher: Publisher,
) -> None:
    source = _source(publisher, "bomb.png", _png_claiming(40_000, 40_000))

    assert publisher.publish(source, "outcomes/x") is None


def _sideways_jpeg(width: int, height: int) -> bytes:
    """A photo stored `width` x `height` that its EXIF says to turn upright."""
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6
    return jpeg(width, height, exif)


def test_a_big_photo_is_published_at_the_largest_site_width(
    publisher: Publisher,
) -> None:
    published = publisher.publish(_source(publisher, "a.jpg", jpeg(4000, 3000)), "x")

    assert published is not None
    assert (published.width, published.height) == (MAX_WIDTH, 1200)
    with Image.open(publisher.site_dir / published.url) as image:
        assert image.size == (MAX_WIDTH, 1200)


def test_a_big_sideways_photo_is_published_upright_at_the_largest_width(
    publisher: Publisher,
) -> None:
    source = _source(publisher, "a.jpg", _sideways_jpeg(4000, 3000))
    published = publisher.publish(source, "x")

    assert published is not None
    assert (published.width, published.height) == (MAX_WIDTH, 2133)

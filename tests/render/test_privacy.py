"""Privacy: the public site holds nothing the student did not mean to publish."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image
from rules.builders import Root

from generator.cli import main
from generator.project import check_root
from generator.render.assets import Publisher
from generator.render.views import ViewBuilder

from .conftest import AS_OF, TICKED, built, jpeg
from .html import Site

STUDENT_ID = "S11300042"
# A made-up number whose checksum holds, as a real national ID's would.
NATIONAL_ID = "A123456789"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">GPSLatitude 25.03</x:xmpmeta>'
ROBOTS = "noindex, nofollow, noarchive"


def _camera_photo() -> bytes:
    """A 1200 x 800 phone photo held sideways: GPS, Orientation 6 and XMP."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (25.0, 2.0, 0.0), 3: "E", 4: (121.0, 30.0, 0.0)}
    exif[0x0112] = 6  # rotate 90° clockwise to view
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (90, 140, 60)).save(
        buffer, "JPEG", exif=exif, xmp=XMP
    )
    return buffer.getvalue()


def _everything(site: Site) -> bytes:
    return b"\n".join((site.root / f).read_bytes() for f in site.files)


def _photo_site(root: Root, tmp_path: Path) -> list[Path]:
    root.file("outcomes/lab/photo.jpg", _camera_photo())
    root.record(
        "outcomes/lab/index.md",
        {"title": "校園植物調查", "course": "生物", "credits": 2, "year": 113,
         "semester": 1, "summary": "調查校園植物。", "document": "photo.jpg"},
        "![校園的樹](photo.jpg)\n",
    )  # fmt: skip
    site = built(root, tmp_path / "out")
    return [site.root / f for f in site.files if f.startswith("files/outcomes/lab/")]


def test_a_published_photo_carries_no_exif_or_xmp(root: Root, tmp_path: Path) -> None:
    published = _photo_site(root, tmp_path)

    assert published
    for path in published:
        data = path.read_bytes()
        with Image.open(path) as image:
            assert dict(image.getexif()) == {}
            assert "xmp" not in image.info
        assert b"Exif" not in data
        assert b"xmpmeta" not in data
        assert b"PhoneMaker" not in data


def test_a_sideways_photo_is_published_upright(root: Root, tmp_path: Path) -> None:
    published = _photo_site(root, tmp_path)

    sizes = {}
    for path in published:
        with Image.open(path) as image:
            sizes[path.name] = image.size

    assert sizes["photo.jpg"] == (800, 1200)
    assert all(height > width for width, height in sizes.values())


def test_the_student_id_is_not_published_by_default(root: Root, tmp_path: Path) -> None:
    root.profile(student_id=STUDENT_ID)
    site = built(root, tmp_path / "out")

    assert STUDENT_ID.encode() not in _everything(site)


def test_the_student_id_is_shown_when_site_yaml_says_so(
    root: Root, tmp_path: Path
) -> None:
    root.profile(student_id=STUDENT_ID)
    root.site(privacy={"show_student_id": True})
    site = built(root, tmp_path / "out")

    assert STUDENT_ID in site.read("index.html")


def _private_record(root: Root) -> bytes:
    """A ticked private bundle with its own picture, tag and application pick."""
    picture = jpeg(320, 240)
    root.file("outcomes/diary/scan.jpg", picture)
    root.record(
        "outcomes/diary/index.md",
        {"title": "不公開的日記", "course": "國文", "credits": 2, "year": 113,
         "semester": 1, "summary": "只給自己看的紀錄。", "document": "scan.jpg",
         "tags": ["秘密標籤"], "private": True, **TICKED},
        "日記的內容。\n",
    )  # fmt: skip
    root.application("ntu", outcomes=["pendulum", "diary"], performances=["fair"])
    return picture


def test_a_private_record_has_no_page_and_no_files(root: Root, tmp_path: Path) -> None:
    _private_record(root)
    site = built(root, tmp_path / "out")

    assert [f for f in site.files if "diary" in f] == []


def test_a_private_record_is_in_no_list_tag_or_application(
    root: Root, tmp_path: Path
) -> None:
    _private_record(root)
    site = built(root, tmp_path / "out")

    for page in site.pages:
        text = site.read(page)

        assert "不公開的日記" not in text
        assert "秘密標籤" not in text
        assert "只給自己看" not in text


def test_a_private_records_files_are_not_published_through_another_record(
    root: Root, tmp_path: Path
) -> None:
    picture = _private_record(root)
    root.outcome("notes", body="![掃描](../outcomes/diary/scan.jpg)\n")
    site = built(root, tmp_path / "out")

    digests = {hashlib.sha256(picture).hexdigest()}

    assert digests.isdisjoint(site.digest().values())
    assert [f for f in site.files if f.endswith("scan.jpg")] == []


def test_private_files_stay_out_whoever_made_the_publisher(
    root: Root, tmp_path: Path
) -> None:
    _private_record(root)
    root.outcome("notes", body="![掃描](../outcomes/diary/scan.jpg)\n")
    publisher = Publisher(tmp_path / "preview", root.path)  # as the preview does

    ViewBuilder(check_root(root.path, AS_OF), publisher).build()

    assert list((tmp_path / "preview").rglob("scan*")) == []


def test_content_files_linked_from_a_body_are_not_published(
    root: Root, tmp_path: Path
) -> None:
    root.profile(student_id=STUDENT_ID)
    root.outcome("notes", body="[我的資料](../profile.md) [設定](../site.yaml)\n")
    site = built(root, tmp_path / "out")

    assert [f for f in site.files if f.endswith((".md", ".yaml"))] == []
    assert STUDENT_ID.encode() not in _everything(site)


def test_a_private_field_is_left_out(root: Root, tmp_path: Path) -> None:
    root.profile(email="hidden@example.org", private=["email"])
    site = built(root, tmp_path / "out")

    assert b"hidden@example.org" not in _everything(site)


def test_a_private_summary_is_left_out_of_lists_and_pages(
    root: Root, tmp_path: Path
) -> None:
    root.outcome("lab", summary="這段簡述不公開。", private=["summary"])
    site = built(root, tmp_path / "out")

    assert "這段簡述不公開".encode() not in _everything(site)


def test_every_page_asks_search_engines_to_stay_away(site: Site) -> None:
    for page in site.pages:
        robots = [
            e.get("content")
            for e in site.elements(page, "meta")
            if e.get("name") == "robots"
        ]

        assert robots == [ROBOTS]


def test_robots_txt_disallows_everything_by_default(site: Site) -> None:
    assert site.read("robots.txt") == "User-agent: *\nDisallow: /\n"


def test_a_site_that_allows_indexing_drops_the_robots_tag(
    root: Root, tmp_path: Path
) -> None:
    root.site(privacy={"allow_indexing": True})
    site = built(root, tmp_path / "out")

    assert all(ROBOTS not in site.read(page) for page in site.pages)
    assert "Disallow" not in site.read("robots.txt")


@pytest.mark.parametrize("where", ["body", "summary"])
def test_a_national_id_anywhere_stops_the_build(
    root: Root, tmp_path: Path, where: str
) -> None:
    text = f"身分證字號 {NATIONAL_ID}"
    if where == "body":
        root.outcome("lab", body=text + "\n")
    else:
        root.outcome("lab", summary=text)
    out = tmp_path / "out"

    code = main(["build", str(root.path), "-o", str(out), "--as-of", str(AS_OF)])

    assert code == 1
    assert not (out / "site").exists()

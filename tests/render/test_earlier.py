"""A rebuild takes the files it would make again from the last build."""

from __future__ import annotations

import io
import json
from pathlib import Path

from conftest import needs_fork
from PIL import Image

from generator import parallel
from generator.render.assets import EARLIER_FILES, EarlierFiles

from .conftest import EXAMPLE, EXAMPLE_AS_OF, built, pdf, portfolio_root

PREVIEW = "site/files/performances/fair/fair-preview.jpg"
PHOTO = "site/files/outcomes/pendulum/setup.png"


def _inode(path: Path) -> int:
    return path.stat().st_ino


def _dark_pdf() -> bytes:
    """A one-page PDF unlike conftest's light one."""
    buffer = io.BytesIO()
    Image.new("RGB", (595, 842), (20, 20, 20)).save(buffer, "PDF")
    return buffer.getvalue()


def test_a_rebuild_takes_unchanged_files_from_the_last_site(tmp_path: Path) -> None:
    root = portfolio_root(tmp_path)
    out = tmp_path / "out"
    built(root, out)
    first = (_inode(out / PREVIEW), _inode(out / PHOTO))

    built(root, out)

    assert (_inode(out / PREVIEW), _inode(out / PHOTO)) == first


def test_a_rebuild_gives_the_site_a_first_build_gives(tmp_path: Path) -> None:
    root = portfolio_root(tmp_path)
    built(root, tmp_path / "out")

    again = built(root, tmp_path / "out")

    assert again.digest() == built(root, tmp_path / "fresh").digest()


def test_a_source_replaced_under_the_same_name_is_made_anew(tmp_path: Path) -> None:
    root = portfolio_root(tmp_path)
    out = tmp_path / "out"
    built(root, out)
    before = (out / PREVIEW).read_bytes()
    replacement = _dark_pdf()
    root.file("performances/fair.pdf", replacement)

    built(root, out)

    assert (out / "site/files/performances/fair/fair.pdf").read_bytes() == replacement
    assert (out / PREVIEW).read_bytes() != before


def test_a_file_missing_from_the_last_site_is_made_again(tmp_path: Path) -> None:
    root = portfolio_root(tmp_path)
    out = tmp_path / "out"
    built(root, out)
    expected = (out / PREVIEW).read_bytes()
    (out / PREVIEW).unlink()

    built(root, out)

    assert (out / PREVIEW).read_bytes() == expected


def test_files_of_a_record_made_private_are_not_taken_again(tmp_path: Path) -> None:
    root = portfolio_root(tmp_path)
    root.file("performances/diary.pdf", pdf())
    root.performance("diary", document="diary.pdf")
    out = tmp_path / "out"
    built(root, out)
    assert (out / "site/files/performances/diary/diary.pdf").is_file()
    root.performance("diary", document="diary.pdf", private=True)

    site = built(root, out)

    assert not any(f.startswith("files/performances/diary/") for f in site.files)


def test_files_made_by_another_version_are_not_taken(tmp_path: Path) -> None:
    (tmp_path / EARLIER_FILES).write_text(
        json.dumps({"version": "old", "files": {"a b": {"url": "b"}}}),
        encoding="utf-8",
    )

    assert EarlierFiles(tmp_path).kept == {}


@needs_fork
def test_files_made_by_the_forked_child_are_kept_too(tmp_path: Path) -> None:
    assert parallel.can_fork(), "a thread left running by another test"
    site = built(EXAMPLE, tmp_path / "out", as_of=EXAMPLE_AS_OF, share=True)

    kept = json.loads((tmp_path / "out" / EARLIER_FILES).read_text(encoding="utf-8"))
    urls = {entry["url"] for entry in kept["files"].values()}
    evidence = {f for f in site.files if f.startswith("files/outcomes/")}
    assert evidence and {f for f in evidence if not f.endswith("-preview.jpg")
                         and "-480." not in f and "-960." not in f} <= urls  # fmt: skip

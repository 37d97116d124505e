"""The dossier split by review item, for departments that take uploads per item."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from rules.builders import Root

from .conftest import (
    BASE_URL,
    Printing,
    copy_printing,
    open_dossier,
    print_root,
    squeeze,
)


def _parts(printing: Printing, application: str = "ntu") -> dict[str, Path]:
    return {part.stem: part for part in printing.printed[application].parts}


def test_one_file_per_item_present(printing: Printing) -> None:
    assert sorted(_parts(printing)) == ["A", "B", "C", "J", "N", "O"]
    folder = printing.out / "pdf" / "ntu"
    assert sorted(p.stem for p in folder.glob("*.pdf")) == sorted(_parts(printing))


def test_item_files_hold_every_page_after_the_contents(printing: Printing) -> None:
    pages = sum(len(pypdf.PdfReader(p).pages) for p in _parts(printing).values())
    assert pages == printing.printed["ntu"].pages - 2  # the cover and contents


def test_item_file_starts_with_its_item(printing: Printing) -> None:
    names = {"A": "修課紀錄", "B": "書面報告", "C": "實作作品", "J": "競賽表現"}
    for letter, name in names.items():
        first = open_dossier(_parts(printing)[letter]).pages[0]
        assert squeeze(f"{letter} {name}") in squeeze(first)


def test_item_file_is_titled_and_bookmarked_by_its_item(printing: Printing) -> None:
    part = open_dossier(_parts(printing)["B"])
    assert part.reader.metadata.title.endswith("｜B 書面報告")
    assert part.reader.outline[0]["/Title"] == "B 書面報告"


def test_item_file_pages_are_labelled_as_the_dossier_numbers_them(
    printing: Printing,
) -> None:
    dossier = pypdf.PdfReader(printing.printed["ntu"].path)
    items = [e for e in dossier.outline if not isinstance(e, list)]
    item = next(e for e in items if e["/Title"] == "C 實作作品")
    first = dossier.get_destination_page_number(item)
    part = pypdf.PdfReader(_parts(printing)["C"])
    assert part.page_labels[0] == str(first + 1)
    assert f"{first + 1} / {len(dossier.pages)}" in part.pages[0].extract_text()


def test_item_file_holds_only_the_images_its_pages_draw(printing: Printing) -> None:
    course_record = pypdf.PdfReader(_parts(printing)["A"])
    for page in course_record.pages:
        assert not page["/Resources"].get("/XObject")


@pytest.fixture
def strict_upload(printing: Printing, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the sample and its output; its rules allow 10 KiB an item."""
    root, out = copy_printing(printing, tmp_path)
    (root / "my.yaml").write_text("upload: {item_max_mib: 0.01}\n", encoding="utf-8")
    Root(root).site(base_url=BASE_URL, rules="my.yaml")
    return root, out


def test_item_file_over_the_upload_limit_gives_a_warning(
    strict_upload: tuple[Path, Path],
) -> None:
    checked, _ = print_root(*strict_upload)
    warned = [f for f in checked.findings.items if f.rule == "upload-too-large"]
    assert warned
    assert all(f.severity == "warning" for f in warned)
    assert any("pdf/ntu/B.pdf" in f.message for f in warned)

"""The pypdf side of printing: placing evidence pages and slimming CJK fonts."""

from __future__ import annotations

import io
import shutil
import subprocess
import warnings
from pathlib import Path

import pypdf
import pytest
from fontTools.cffLib import CFFFontSet
from PIL import Image, ImageChops
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

from generator.render import hbsubset, pdfpages

BOX = (100.0, 100.0, 500.0, 700.0)  # left, bottom, right, top in points


def _page(width: float, height: float, rotate: int = 0) -> pypdf.PageObject:
    page = pypdf.PageObject.create_blank_page(width=width, height=height)
    if rotate:
        page.rotate(rotate)
    return page


def _inside(placed: tuple[float, float, float, float]) -> bool:
    x, y, width, height = placed
    left, bottom, right, top = BOX
    slack = 1e-6
    return (
        x >= left - slack
        and y >= bottom - slack
        and x + width <= right + slack
        and y + height <= top + slack
    )


def test_a_page_is_scaled_into_the_box_keeping_its_shape() -> None:
    _, placed = pdfpages._fit(_page(595, 842), BOX)
    assert _inside(placed)
    assert placed[2] / placed[3] == pytest.approx(595 / 842)


def test_a_landscape_page_fills_the_box_across() -> None:
    _, placed = pdfpages._fit(_page(842, 595), BOX)
    assert _inside(placed)
    assert placed[2] == pytest.approx(BOX[2] - BOX[0])


def test_a_rotated_page_is_turned_upright() -> None:
    # A portrait page with /Rotate 90 shows as landscape.
    _, placed = pdfpages._fit(_page(595, 842, rotate=90), BOX)
    assert _inside(placed)
    assert placed[2] > placed[3]


@pytest.mark.parametrize(
    ("widths", "cids"),
    [
        ([1, [500, 600, 700]], {1, 2, 3}),
        ([10, 12, 1000], {10, 11, 12}),
        ([1, [500], 20, 21, 1000], {1, 20, 21}),
        ([], set()),
    ],
)
def test_widths_give_the_cids_a_font_draws(widths: list, cids: set[int]) -> None:
    array = ArrayObject(
        ArrayObject(NumberObject(v) for v in w)
        if isinstance(w, list)
        else NumberObject(w)
        for w in widths
    )
    assert pdfpages._widths_cids(array) == cids


@pytest.fixture(scope="module")
def chinese_pdf() -> bytes:
    """A page of Chinese in the Noto faces, as WeasyPrint writes it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        import weasyprint

    html = (
        "<p style=\"font: 24pt 'Noto Serif CJK TC'\">學習歷程檔案：單擺週期</p>"
        "<p style=\"font: bold 24pt 'Noto Sans CJK TC'\">國立臺灣大學 資訊工程學系</p>"
    )
    return weasyprint.HTML(string=html).write_pdf()


def _slimmed(pdf: bytes) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    pdfpages.slim_fonts(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _picture(pdf: bytes, folder: Path, name: str) -> Image.Image:
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed")
    source = folder / f"{name}.pdf"
    source.write_bytes(pdf)
    command = [tool, "-png", "-r", "72", "-singlefile", str(source)]
    subprocess.run([*command, str(folder / name)], check=True, timeout=60)
    with Image.open(folder / f"{name}.png") as image:
        return image.convert("L")


def test_slimmed_fonts_are_much_smaller(chinese_pdf: bytes) -> None:
    assert len(_slimmed(chinese_pdf)) < len(chinese_pdf) / 3


def test_slimmed_fonts_keep_the_text(chinese_pdf: bytes) -> None:
    text = pypdf.PdfReader(io.BytesIO(_slimmed(chinese_pdf))).pages[0].extract_text()
    assert "學習歷程檔案：單擺週期" in text


def test_slimmed_fonts_draw_the_same_glyphs(chinese_pdf: bytes, tmp_path: Path) -> None:
    before = _picture(chinese_pdf, tmp_path, "before")
    after = _picture(_slimmed(chinese_pdf), tmp_path, "after")
    difference = ImageChops.difference(before, after)
    # Anti-aliasing may differ by a shade; a wrong glyph changes whole strokes.
    assert sum(difference.histogram()[64:]) == 0


def _faces(pdf: bytes) -> list[tuple[bytes, set[int]]]:
    """Each embedded CFF face of a PDF with the CIDs its text draws."""
    faces = []
    for font in (
        pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values()
    ):
        for cid_font in font.get_object()["/DescendantFonts"]:
            cid_font = cid_font.get_object()
            descriptor = cid_font["/FontDescriptor"].get_object()
            data = descriptor["/FontFile3"].get_object().get_data()
            faces.append((data, pdfpages._widths_cids(cid_font["/W"])))
    return faces


def test_harfbuzz_keeps_every_glyph_under_its_cid(chinese_pdf: bytes) -> None:
    for data, cids in _faces(chinese_pdf):
        compact = hbsubset.cff_of_glyphs(data, sorted(cids))
        assert compact is not None
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(compact), None)

        names = set(cff.topDictIndex[0].charset)
        assert {f"cid{cid:05d}" for cid in cids} <= names
        assert len(names) < len(cids) + 10


def test_fonts_stay_as_written_without_harfbuzz_subset(
    chinese_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hbsubset, "_harfbuzz", lambda: None)

    after = [data for data, _ in _faces(_slimmed(chinese_pdf))]
    assert after == [data for data, _ in _faces(chinese_pdf)]


def test_widths_list_only_glyphs_narrower_or_wider_than_the_default(
    chinese_pdf: bytes,
) -> None:
    before = [cids for _, cids in _faces(chinese_pdf)]
    after = [cids for _, cids in _faces(_slimmed(chinese_pdf))]

    # The Chinese characters are all of the default width; "：" is not.
    assert all(len(a) < len(b) for a, b in zip(after, before, strict=True))


def test_widths_keep_every_width_that_is_not_the_default() -> None:
    font = DictionaryObject(
        {
            NameObject("/DW"): NumberObject(1000),
            NameObject("/W"): ArrayObject(
                [NumberObject(5), ArrayObject([NumberObject(500), NumberObject(1000),
                 NumberObject(600)]), NumberObject(9), NumberObject(11),
                 NumberObject(250)]
            ),
        }
    )  # fmt: skip

    pdfpages._drop_default_widths(font)

    assert pdfpages._widths(font["/W"]) == {5: 500, 7: 600, 9: 250, 10: 250, 11: 250}

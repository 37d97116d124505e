"""Evidence PDFs: their pages count, carry the footer and sit inside the margins."""

from __future__ import annotations

import re

import pypdf

from .conftest import EVIDENCE_PAGES, STUDENT, Dossier

MM = 72 / 25.4


def _evidence_pages(dossier: Dossier) -> list[int]:
    return [i for i, text in enumerate(dossier.pages) if "Evidence page" in text]


def test_each_evidence_page_gets_a_page_of_its_own(ntu: Dossier) -> None:
    pages = _evidence_pages(ntu)
    assert len(pages) == EVIDENCE_PAGES
    assert pages == list(range(pages[0], pages[0] + EVIDENCE_PAGES))


def test_page_total_counts_the_evidence_pages(ntu: Dossier) -> None:
    total = len(ntu.reader.pages)
    for number, text in enumerate(ntu.pages[1:], start=2):
        assert f"{number} / {total}" in text


def test_evidence_pages_carry_the_footer(ntu: Dossier) -> None:
    total = len(ntu.reader.pages)
    for number in _evidence_pages(ntu):
        assert STUDENT in ntu.pages[number]
        assert f"{number + 1} / {total}" in ntu.pages[number]


def test_evidence_pages_carry_the_running_head(ntu: Dossier) -> None:
    for number in _evidence_pages(ntu):
        assert "國立臺灣大學 資訊工程學系" in ntu.pages[number]


def test_evidence_page_sits_inside_the_margins(ntu: Dossier) -> None:
    page = ntu.reader.pages[_evidence_pages(ntu)[0]]
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if "Evidence" in text:
            found.append(tuple(pypdf.mult(tm, cm)[4:6]))

    page.extract_text(visitor_text=visit)
    (x, y), height = found[0], float(page.mediabox.height)
    assert 18 * MM < x < float(page.mediabox.width) - 18 * MM
    # Below the running head (24 mm margin and the caption), above the footer.
    assert 22 * MM < y < height - 30 * MM


def test_evidence_caption_names_the_file_and_its_page(ntu: Dossier) -> None:
    first = ntu.pages[_evidence_pages(ntu)[0]]
    assert re.search(r"pendulum\.pdf\s*第 1 / 3 頁", first)

"""The PDF's own description: title, author, subject, language, PDF/A."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import STUDENT, Dossier, Printing, open_dossier, print_root


def _catalog(dossier: Dossier) -> object:
    return dossier.reader.trailer["/Root"]


def test_title_names_the_student_and_the_department(ntu: Dossier) -> None:
    assert ntu.reader.metadata.title == f"{STUDENT}｜國立臺灣大學 資訊工程學系 備審資料"


def test_author_is_the_student(ntu: Dossier) -> None:
    assert ntu.reader.metadata.author == STUDENT


def test_subject_names_the_department(ntu: Dossier) -> None:
    assert ntu.reader.metadata.subject == "國立臺灣大學 資訊工程學系 學習歷程備審資料"


def test_language_is_traditional_chinese(ntu: Dossier) -> None:
    assert _catalog(ntu)["/Lang"] == "zh-Hant-TW"


def test_english_site_prints_an_english_dossier(english: Dossier) -> None:
    assert _catalog(english)["/Lang"] == "en"
    assert "Contents" in english.pages[1]


@pytest.fixture(scope="module")
def archival(printing: Printing, tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    """The nthu dossier printed as PDF/A-3b."""
    out = tmp_path_factory.mktemp("archival")
    _, printed = print_root(printing.root, out, ["nthu"], variant="pdf/a-3b")
    return open_dossier(printed[0].path)


def test_pdf_variant_reaches_weasyprint(archival: Dossier) -> None:
    xmp = _catalog(archival)["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp
    assert b"3" in xmp.split(b"pdfaid:part", 1)[1][:4]
    assert "/OutputIntents" in _catalog(archival)


def test_item_files_keep_the_language_and_output_intents(archival: Dossier) -> None:
    part = open_dossier(Path(archival.path).with_suffix("") / "B.pdf")
    assert _catalog(part)["/Lang"] == "zh-Hant-TW"
    assert "/OutputIntents" in _catalog(part)

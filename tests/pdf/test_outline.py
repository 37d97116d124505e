"""Bookmarks: every review item, every record and every evidence PDF."""

from __future__ import annotations

from typing import Any

from .conftest import NTU_ORDER, Dossier


def _entries(outline: list[Any]) -> list[Any]:
    """The outline's entries in document order, nesting flattened."""
    found = []
    for entry in outline:
        found += _entries(entry) if isinstance(entry, list) else [entry]
    return found


def _titles(dossier: Dossier) -> list[str]:
    return [str(entry["/Title"]) for entry in _entries(dossier.reader.outline)]


def test_bookmarks_name_every_item(ntu: Dossier) -> None:
    for item in ("A 修課紀錄", "B 書面報告", "C 實作作品", "J 競賽表現"):
        assert item in _titles(ntu)


def test_bookmarks_name_every_record_in_order(ntu: Dossier) -> None:
    records = {record.title for record in NTU_ORDER}
    named = [title for title in _titles(ntu) if title in records]
    assert named == [record.title for record in NTU_ORDER]


def test_bookmarks_name_each_evidence_pdf(ntu: Dossier) -> None:
    for name in ("pendulum.pdf", "diary.pdf", "contest.pdf"):
        assert f"佐證：{name}" in _titles(ntu)


def test_evidence_bookmark_opens_its_first_page(ntu: Dossier) -> None:
    entry = next(
        e for e in _entries(ntu.reader.outline) if e["/Title"] == "佐證：pendulum.pdf"
    )
    page = ntu.reader.get_destination_page_number(entry)
    assert "Evidence page 1" in ntu.pages[page]

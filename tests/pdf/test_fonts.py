"""Fonts: Chinese text is set in the Traditional Chinese Noto face, embedded."""

from __future__ import annotations

import unicodedata

from pypdf.generic import DictionaryObject

from .conftest import Dossier


def _own_pages(dossier: Dossier) -> list[int]:
    """The dossier's own pages: not the evidence laid into it."""
    return [
        number
        for number, text in enumerate(dossier.pages)
        if not any(label in text for label in ("Evidence page", "Diary", "Award"))
    ]


def _descriptors(font: DictionaryObject) -> list[DictionaryObject]:
    fonts = [f.get_object() for f in font.get("/DescendantFonts", [])] or [font]
    return [f["/FontDescriptor"].get_object() for f in fonts if "/FontDescriptor" in f]


def _characters(font: DictionaryObject) -> str:
    """The text a font draws, read from its ToUnicode map."""
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    hexes = [part.split("<")[-1] for part in data.split(">") if "<" in part]
    text = ""
    for value in hexes:
        if len(value) > 4 and len(value) % 4 == 0:
            text += bytes.fromhex(value).decode("utf-16-be", errors="ignore")
    return text


def test_every_font_is_embedded(ntu: Dossier) -> None:
    for name, font in ntu.fonts(_own_pages(ntu)).items():
        for descriptor in _descriptors(font):
            assert any(key.startswith("/FontFile") for key in descriptor), name


def test_body_and_headings_use_the_traditional_chinese_noto_faces(
    ntu: Dossier,
) -> None:
    names = set(ntu.fonts(_own_pages(ntu)))
    assert any("Noto-Serif-CJK-TC" in name for name in names)
    assert any("Noto-Sans-CJK-TC-Bold" in name for name in names)


def test_every_chinese_character_is_set_in_a_tc_face(ntu: Dossier) -> None:
    for name, font in ntu.fonts(_own_pages(ntu)).items():
        if "CJK-TC" in name or "CJK TC" in name:
            continue
        chinese = [
            c for c in _characters(font) if unicodedata.east_asian_width(c) == "W"
        ]
        assert not chinese, f"{name} draws {''.join(chinese)}"

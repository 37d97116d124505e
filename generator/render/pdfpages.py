"""Finish a printed dossier with pypdf: slim fonts, evidence pages, item files.

WeasyPrint cannot draw a PDF, so the dossier leaves an empty frame for each
evidence page and pypdf lays the page into it afterwards. Cutting the dossier
by review item is done here too: every WeasyPrint page shares one resource
dictionary, so each cut page gets its own, holding only what it draws, or
every item file would carry every font and image of the whole dossier.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdf
from fontTools.ttLib import TTFont, TTLibError
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from generator.render import hbsubset

log = logging.getLogger(__name__)

# WeasyPrint lays out in CSS pixels; PDF user space is in points.
PT_PER_PX = 0.75
FRAME_GREY = 0.72
COPIED_CATALOG = ("/Lang", "/OutputIntents", "/Metadata", "/MarkInfo")
# A name in a content stream: "/F1 10 Tf", "/Im3 Do", "/GS1 gs".
_NAME = re.compile(rb"/[^\s/\[\]()<>{}%]+")


@dataclass
class Frame:
    """Where one evidence page goes: a page of the dossier and a box on it."""

    source: Path
    number: int  # page of the evidence PDF, from 0
    page: int  # page of the dossier, from 0
    box: tuple[float, float, float, float]  # left, top, right, bottom in CSS px


@dataclass
class Bookmark:
    """One outline entry of the dossier, flattened: its level, label and page."""

    level: int
    label: str
    page: int


@dataclass
class Part:
    """The pages of one review item, and what its file says about itself."""

    letter: str
    first: int
    last: int  # one past the last page
    title: str
    bookmarks: list[Bookmark] = field(default_factory=list)


def finish(pdf: bytes, frames: Iterable[Frame]) -> bytes:
    """Slim WeasyPrint's fonts, then draw each evidence page inside its frame."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    # Before the evidence comes in: its fonts follow other producers' rules.
    slim_fonts(writer)
    # pypdf adds a laid page's fonts to the page's resources, which WeasyPrint
    # shares between all pages: give each page its own first.
    for page in writer.pages:
        _own_resources(page)
    _lay_evidence(writer, frames)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _lay_evidence(writer: pypdf.PdfWriter, frames: Iterable[Frame]) -> None:
    readers: dict[Path, pypdf.PdfReader] = {}
    for frame in frames:
        if frame.source not in readers:
            readers[frame.source] = pypdf.PdfReader(frame.source)
        source = readers[frame.source].pages[frame.number]
        target = writer.pages[frame.page]
        box = _pdf_box(frame.box, float(target.mediabox.height))
        transformation, placed = _fit(source, box)
        target.merge_transformed_page(source, transformation)
        target.merge_page(_outline(target, placed))


def _pdf_box(
    box: tuple[float, float, float, float], page_height: float
) -> tuple[float, float, float, float]:
    """A box in CSS px from the top left, as left, bottom, right, top in points."""
    left, top, right, bottom = (value * PT_PER_PX for value in box)
    return left, page_height - bottom, right, page_height - top


def _fit(
    page: pypdf.PageObject, box: tuple[float, float, float, float]
) -> tuple[pypdf.Transformation, tuple[float, float, float, float]]:
    """Turn, scale and move a page so it sits upright, centred in `box`.

    Returns the transformation and the rectangle the page then covers.
    """
    media = page.mediabox
    width, height = float(media.width), float(media.height)
    turn = pypdf.Transformation().translate(-float(media.left), -float(media.bottom))
    rotation = page.rotation % 360
    # /Rotate turns the page clockwise when shown; do the same to its content.
    if rotation == 90:
        turn = turn.rotate(-90).translate(0, width)
    elif rotation == 180:
        turn = turn.rotate(180).translate(width, height)
    elif rotation == 270:
        turn = turn.rotate(90).translate(height, 0)
    if rotation in (90, 270):
        width, height = height, width

    left, bottom, right, top = box
    scale = min((right - left) / width, (top - bottom) / height)
    x = left + ((right - left) - width * scale) / 2
    y = bottom + ((top - bottom) - height * scale) / 2
    placed = (x, y, width * scale, height * scale)
    return turn.scale(scale, scale).translate(x, y), placed


def _outline(
    target: pypdf.PageObject, placed: tuple[float, float, float, float]
) -> pypdf.PageObject:
    """A thin grey line around a laid page, so white paper shows its edge."""
    overlay = pypdf.PageObject.create_blank_page(
        width=float(target.mediabox.width), height=float(target.mediabox.height)
    )
    x, y, width, height = placed
    stream = DecodedStreamObject()
    grey = f"{FRAME_GREY:.2f}"
    stream.set_data(
        f"q {grey} {grey} {grey} RG 0.5 w "
        f"{x:.2f} {y:.2f} {width:.2f} {height:.2f} re S Q".encode("ascii")
    )
    overlay.replace_contents(stream)
    return overlay


def slim_fonts(writer: pypdf.PdfWriter) -> None:
    """Keep only the glyphs the text uses in each CJK face WeasyPrint embedded.

    WeasyPrint has HarfBuzz keep glyph ids when it subsets, so a Noto CJK
    subset still holds some 62,000 empty glyph slots: about 115 KB a face, in
    the dossier and again in every item file. Its text draws glyph ids as CIDs;
    a bare CID-keyed CFF maps CIDs to glyphs through its charset, so HarfBuzz
    rebuilds each face holding just the glyphs its /W widths list, each keeping
    its old id as its CID. Faces that are not CID-keyed CFF are left as they
    are, and so is every face when HarfBuzz's subsetter is missing.
    """
    faces: dict[int, tuple[Any, set[int]]] = {}
    cid_fonts: dict[int, Any] = {}
    for page in writer.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        fonts = fonts.get_object() if fonts is not None else {}
        for name in fonts:
            font = fonts[name].get_object()
            for cid_font in font.get("/DescendantFonts", []):
                cid_font = cid_font.get_object()
                cid_fonts[id(cid_font)] = cid_font
                descriptor = cid_font.get("/FontDescriptor")
                if descriptor is None or "/FontFile3" not in descriptor:
                    continue
                descriptor = descriptor.get_object()
                reference = descriptor.raw_get("/FontFile3")
                key = getattr(reference, "idnum", id(reference))
                entry = faces.setdefault(key, (descriptor["/FontFile3"], set()))
                entry[1].update(_widths_cids(cid_font.get("/W", [])))
    for stream, cids in faces.values():
        stream = stream.get_object()
        compact = _compact_cff(stream.get_data(), cids)
        if compact is not None:
            stream.set_data(compact)
            stream[NameObject("/Subtype")] = NameObject("/CIDFontType0C")
    # Last: the glyphs to keep were read from the full lists.
    for cid_font in cid_fonts.values():
        _drop_default_widths(cid_font)


def _drop_default_widths(cid_font: Any) -> None:
    """List only the widths that differ from the font's default (/DW).

    WeasyPrint lists every glyph, and a Chinese glyph is almost always of the
    default full width: the shorter list is a tenth of the objects, which
    pypdf otherwise copies one by one into every item file.
    """
    default = cid_font.get("/DW", 1000)
    widths = _widths(cid_font.get("/W", []))
    kept = sorted((cid, width) for cid, width in widths.items() if width != default)
    compact = ArrayObject()
    following = None  # the CID that would continue the last run
    for cid, width in kept:
        if cid == following:
            compact[-1].append(width)
        else:
            compact += [NumberObject(cid), ArrayObject([width])]
        following = cid + 1
    cid_font[NameObject("/W")] = compact


def _widths(widths: Any) -> dict[int, Any]:
    """Each CID's width in a /W array of `c [w ...]` and `first last w` parts."""
    found: dict[int, Any] = {}
    items = list(widths)
    index = 0
    while index + 1 < len(items):
        first, following = int(items[index]), items[index + 1]
        if isinstance(following, list):
            for offset, width in enumerate(following):
                found[first + offset] = width
            index += 2
        else:
            for cid in range(first, int(following) + 1):
                found[cid] = items[index + 2]
            index += 3
    return found


def _widths_cids(widths: Any) -> set[int]:
    """The CIDs a /W array gives widths to."""
    return set(_widths(widths))


def _compact_cff(data: bytes, cids: set[int]) -> bytes | None:
    """A bare CFF of the glyphs `cids`, or None when the face is not for us.

    Only a CID-keyed face keeps its text readable when its glyphs are
    renumbered: its charset names each glyph by the CID the text draws.
    """
    if data[:4] != b"OTTO" or not cids:
        return None
    try:
        # Lazily: only the top dictionary is read, not the 60,000 glyphs.
        font = TTFont(io.BytesIO(data), lazy=True, recalcBBoxes=False)
        top = font["CFF "].cff.topDictIndex[0]
        if not hasattr(top, "ROS"):
            return None
    except (TTLibError, KeyError, IndexError, AssertionError) as error:
        log.info("font left as WeasyPrint wrote it: %s", error)
        return None
    compact = hbsubset.cff_of_glyphs(data, sorted(cids))
    if compact is None:
        log.info("font left as WeasyPrint wrote it: HarfBuzz could not subset it")
    return compact


def split(
    pdf: bytes, parts: Iterable[Part], metadata: dict[str, str]
) -> dict[str, bytes]:
    """One PDF per part, each holding only the fonts and images its pages draw.

    The language, PDF/A output intents and XMP of the dossier are copied, so
    each part says what the dossier says about itself.
    """
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    files = {}
    for part in parts:
        writer = pypdf.PdfWriter()
        for index in range(part.first, part.last):
            page = reader.pages[index]
            _own_resources(page)
            writer.add_page(page)
        for name in COPIED_CATALOG:
            if name in root:
                writer._root_object[NameObject(name)] = root[name].clone(writer)
        writer.add_metadata({**metadata, "/Title": part.title})
        _add_bookmarks(writer, part)
        # The pages keep the dossier's footer ("5 / 14"); viewers then show
        # the same number in their page box.
        writer.set_page_label(
            0, part.last - part.first - 1, style="/D", start=part.first + 1
        )
        buffer = io.BytesIO()
        writer.write(buffer)
        files[part.letter] = buffer.getvalue()
    return files


def _own_resources(page: pypdf.PageObject) -> None:
    """Give `page` a resource dictionary of just the names its content uses."""
    resources = page.get("/Resources")
    contents = page.get_contents()
    if resources is None or contents is None:
        return
    used = {name.decode("latin-1") for name in _NAME.findall(contents.get_data())}
    own = DictionaryObject()
    resources = resources.get_object()
    for category in resources:
        entries = resources[category].get_object()
        if isinstance(entries, DictionaryObject):
            kept = {k: entries.raw_get(k) for k in entries if k in used}
            if kept:
                own[NameObject(category)] = DictionaryObject(
                    {NameObject(k): v for k, v in kept.items()}
                )
        else:  # /ProcSet and the like: small, kept whole
            own[NameObject(category)] = resources.raw_get(category)
    page[NameObject("/Resources")] = own


def _add_bookmarks(writer: pypdf.PdfWriter, part: Part) -> None:
    parents: list[Any] = []
    for bookmark in part.bookmarks:
        depth = max(0, bookmark.level - 1)
        del parents[depth:]
        parent = parents[-1] if parents else None
        item = writer.add_outline_item(
            title=bookmark.label, page_number=bookmark.page - part.first, parent=parent
        )
        parents.append(item)


def flatten_bookmarks(tree: list[Any], level: int = 1) -> list[Bookmark]:
    """WeasyPrint's bookmark tree as a list in document order."""
    flat = []
    for label, (page, _, _), children, _ in tree:
        flat.append(Bookmark(level, label, page))
        flat += flatten_bookmarks(children, level + 1)
    return flat

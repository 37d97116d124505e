"""HarfBuzz's subsetter, for slimming the fonts WeasyPrint has embedded.

WeasyPrint binds only the HarfBuzz calls it needs itself, none that make a
font face from bytes, so the few used here are bound through cffi (which
WeasyPrint depends on) from the same libraries. HarfBuzz keeps a CID-keyed
font's CIDs when it renumbers the glyphs, which is what a PDF's text needs,
and does in milliseconds what took fontTools a twentieth of a second a face.
"""

from __future__ import annotations

import ctypes.util
import logging
from collections.abc import Iterable
from functools import cache
from typing import Any

from cffi import FFI

log = logging.getLogger(__name__)

_DECLARATIONS = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_codepoint_t;
typedef uint32_t hb_tag_t;
hb_blob_t *hb_blob_create(const char *data, unsigned int length, int mode,
                          void *user_data, void *destroy);
void hb_blob_destroy(hb_blob_t *blob);
const char *hb_blob_get_data(hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create(hb_blob_t *blob, unsigned int index);
void hb_face_destroy(hb_face_t *face);
hb_blob_t *hb_face_reference_table(const hb_face_t *face, hb_tag_t tag);
hb_tag_t hb_tag_from_string(const char *str, int len);
void hb_set_add(hb_set_t *set, hb_codepoint_t codepoint);
hb_subset_input_t *hb_subset_input_create_or_fail(void);
void hb_subset_input_destroy(hb_subset_input_t *input);
hb_set_t *hb_subset_input_glyph_set(hb_subset_input_t *input);
void hb_subset_input_set_flags(hb_subset_input_t *input, unsigned value);
hb_face_t *hb_subset_or_fail(hb_face_t *source, const hb_subset_input_t *input);
"""
_DUPLICATE = 0  # HB_MEMORY_MODE_DUPLICATE: HarfBuzz keeps its own copy.
_DESUBROUTINIZE = 0x4
_NOTDEF_OUTLINE = 0x40


class _HarfBuzz:
    def __init__(self, ffi: FFI, core: Any, subset: Any) -> None:
        self.ffi, self.core, self.subset = ffi, core, subset


@cache
def _harfbuzz() -> _HarfBuzz | None:
    core_name = ctypes.util.find_library("harfbuzz")
    subset_name = ctypes.util.find_library("harfbuzz-subset")
    if core_name is None or subset_name is None:
        return None
    ffi = FFI()
    ffi.cdef(_DECLARATIONS)
    try:
        return _HarfBuzz(ffi, ffi.dlopen(core_name), ffi.dlopen(subset_name))
    except OSError as error:
        log.info("HarfBuzz's subsetter cannot be loaded: %s", error)
        return None


def available() -> bool:
    return _harfbuzz() is not None


def cff_of_glyphs(font: bytes, glyphs: Iterable[int]) -> bytes | None:
    """The bare CFF table of `font` holding only `glyphs` (and .notdef).

    None when HarfBuzz is missing or refuses the font.
    """
    hb = _harfbuzz()
    if hb is None:
        return None
    ffi, core, subset = hb.ffi, hb.core, hb.subset

    blob = ffi.gc(
        core.hb_blob_create(font, len(font), _DUPLICATE, ffi.NULL, ffi.NULL),
        core.hb_blob_destroy,
    )
    face = ffi.gc(core.hb_face_create(blob, 0), core.hb_face_destroy)
    plan = subset.hb_subset_input_create_or_fail()
    if plan == ffi.NULL:
        return None
    plan = ffi.gc(plan, subset.hb_subset_input_destroy)
    kept = subset.hb_subset_input_glyph_set(plan)
    core.hb_set_add(kept, 0)
    for glyph in glyphs:
        core.hb_set_add(kept, glyph)
    # The faces come desubroutinized from WeasyPrint; keep them so.
    subset.hb_subset_input_set_flags(plan, _DESUBROUTINIZE | _NOTDEF_OUTLINE)

    made = subset.hb_subset_or_fail(face, plan)
    if made == ffi.NULL:
        return None
    made = ffi.gc(made, core.hb_face_destroy)
    table = ffi.gc(
        core.hb_face_reference_table(made, core.hb_tag_from_string(b"CFF ", 4)),
        core.hb_blob_destroy,
    )
    length = ffi.new("unsigned int *")
    data = core.hb_blob_get_data(table, length)
    if data == ffi.NULL or length[0] == 0:
        return None
    return bytes(ffi.buffer(data, length[0]))

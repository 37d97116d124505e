"""What printing needs from the machine: a Traditional Chinese font and fast subsetting.

Without a CJK font WeasyPrint prints empty boxes, so a dossier is refused with
a finding instead. Without HarfBuzz's subsetter WeasyPrint falls back to
fontTools and one dossier takes 30–45 s instead of about 2 s.
"""

from __future__ import annotations

import ctypes.util
import warnings
from functools import cache

# The fonts named in every font stack of the dossier, in order of preference.
CJK_FAMILIES = ("Noto Serif CJK TC", "Noto Sans CJK TC", "Noto Sans Mono CJK TC")
INSTALL_HINT = "sudo apt-get install fonts-noto-cjk libharfbuzz-subset0"


@cache
def installed_cjk_families() -> tuple[str, ...]:
    """The Traditional Chinese families fontconfig knows, among the ones we name.

    Asked of libfontconfig itself, the library WeasyPrint draws with: the
    `fc-list` tool is a separate Debian package that a machine may lack.
    """
    families = set(_fontconfig_families())
    return tuple(f for f in CJK_FAMILIES if f in families)


def _fontconfig_families() -> list[str]:
    with warnings.catch_warnings():
        # Without any font WeasyPrint warns on import; the caller says it better.
        warnings.simplefilter("ignore", UserWarning)
        from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    if config == ffi.NULL:
        return []
    try:
        fonts = fontconfig.FcConfigGetFonts(config, fontconfig.FcSetSystem)
        if fonts == ffi.NULL:
            return []
        names = []
        value = ffi.new("FcChar8 **")
        for index in range(fonts.nfont):
            number = 0
            # A font lists its family in several languages: FAMILY, 0, 1, ...
            while (
                fontconfig.FcPatternGetString(
                    fonts.fonts[index], b"family", number, value
                )
                == fontconfig.FcResultMatch
            ):
                names.append(ffi.string(value[0]).decode("utf-8", "replace"))
                number += 1
        return names
    finally:
        fontconfig.FcConfigDestroy(config)


def has_cjk_font() -> bool:
    return bool(installed_cjk_families())


@cache
def has_fast_subsetting() -> bool:
    """Whether HarfBuzz's subset library is there for WeasyPrint to use."""
    return ctypes.util.find_library("harfbuzz-subset") is not None

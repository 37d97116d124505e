"""What printing needs from the machine: a Traditional Chinese font and fast subsetting.

Without a CJK font WeasyPrint prints empty boxes, so a dossier is refused with
a finding instead. Without HarfBuzz's subsetter WeasyPrint falls back to
fontTools and one dossier takes 30–45 s instead of about 2 s.
"""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess
from functools import cache

# The fonts named in every font stack of the dossier, in order of preference.
CJK_FAMILIES = ("Noto Serif CJK TC", "Noto Sans CJK TC", "Noto Sans Mono CJK TC")
INSTALL_HINT = "sudo apt-get install fonts-noto-cjk libharfbuzz-subset0"


@cache
def installed_cjk_families() -> tuple[str, ...]:
    """The Traditional Chinese families fontconfig knows, among the ones we name."""
    tool = shutil.which("fc-list")
    if tool is None:
        return ()
    try:
        listing = subprocess.run(
            [tool, ":lang=zh-tw", "family"],
            check=True,
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout
    except (subprocess.SubprocessError, OSError):
        return ()
    families = {
        name.strip() for line in listing.splitlines() for name in line.split(",")
    }
    return tuple(f for f in CJK_FAMILIES if f in families)


def has_cjk_font() -> bool:
    return bool(installed_cjk_families())


@cache
def has_fast_subsetting() -> bool:
    """Whether HarfBuzz's subset library is there for WeasyPrint to use."""
    return ctypes.util.find_library("harfbuzz-subset") is not None

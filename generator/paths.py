"""Symlink-resolved paths, each folder resolved once per check.

Every record's file and evidence is resolved to learn whether it leads out
of the content root. Path.resolve asks the disk about every folder on the
way, a dozen system calls a file, for folders that are the same for every
record. Here a folder is resolved once, and only the file itself is looked
at again; forget() starts afresh (each check does, so a folder the live
preview saw as a folder is seen when it has become a link).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    """A folder resolved through its resolved parent: one look at the disk."""
    parent, name = os.path.split(folder)
    if not parent or not name or name in (".", "..") or parent == folder:
        # Path.resolve, not os.path.realpath: it raises on a symlink loop.
        return str(Path(folder).resolve())
    candidate = os.path.join(_real_folder(parent), name)
    if os.path.islink(candidate):
        return str(Path(candidate).resolve())
    return candidate


def real(path: Path) -> Path:
    """`path.resolve()`, with the resolution of its folder remembered."""
    if path.name in ("", ".", ".."):
        return path.resolve()
    candidate = Path(_real_folder(os.fspath(path.parent)), path.name)
    if candidate.is_symlink():
        return candidate.resolve()
    return candidate


def forget() -> None:
    """Resolve every folder afresh from now on."""
    _real_folder.cache_clear()

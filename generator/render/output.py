"""Guarded output: build into a temporary folder, swap it in only on success.

The generator deletes what it replaces, so it only ever replaces a folder that
carries its own marker, and refuses places where a mistake would cost a user
their work: the content root itself, a git checkout, a home or root folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

MARKER = ".portfolio-output"


class OutputRefused(Exception):
    """The output folder is not one the generator may write over."""


def check_output_root(out: Path, content_roots: list[Path]) -> None:
    """Refuse an output folder that would put the user's own files at risk."""
    target = out.resolve()
    if target.exists() and not target.is_dir():
        raise OutputRefused(f"{out}: is a file, not a folder")
    home = Path.home().resolve()
    if target == Path(target.anchor) or target == home:
        raise OutputRefused(f"{out}: a root or home folder cannot be the output")
    if (target / ".git").exists():
        raise OutputRefused(
            f"{out}: holds a git checkout (.git); choose another folder"
        )
    for root in content_roots:
        real = root.resolve()
        if real == target or real.is_relative_to(target):
            raise OutputRefused(f"{out}: holds the content root {root}")
        if target.is_relative_to(real):
            raise OutputRefused(f"{out}: lies inside the content root {root}")


def _is_ours(folder: Path) -> bool:
    if not folder.exists():
        return True
    if not folder.is_dir() or folder.is_symlink():
        return False
    return (folder / MARKER).exists() or not any(folder.iterdir())


@contextlib.contextmanager
def staged(final: Path) -> Iterator[Path]:
    """Yield a fresh folder to write into; on success it replaces `final`.

    If the body raises, the temporary folder is removed and `final` is left
    exactly as it was.
    """
    if not _is_ours(final):
        raise OutputRefused(
            f"{final}: exists and was not made by portfolio ({MARKER} is missing); "
            "remove it or choose another output folder"
        )
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=final.parent))
    try:
        (temporary / MARKER).write_text("made by portfolio build\n", encoding="utf-8")
        yield temporary
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    os.chmod(temporary, 0o755)
    _swap(temporary, final)


def _swap(new: Path, final: Path) -> None:
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}-old-{os.getpid()}")
        final.rename(old)
    new.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_atomically(target: Path, data: bytes) -> None:
    """Replace `target` whole: a reader never sees half a file, nor a crash one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)

"""Themes: Jinja2 templates and static files, with the default theme underneath.

A site may name its own theme folder; any template or static file it holds
overrides the default's, and everything else falls through to the default.
"""

from __future__ import annotations

import os
import posixpath
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from generator import i18n


def _themes_folder() -> Path:
    """Where the shipped themes are: PORTFOLIO_THEMES, the package, or the checkout.

    An installed wheel carries them as generator/themes; in a checkout (and an
    editable install) they are the top-level themes/ folder.
    """
    chosen = os.environ.get("PORTFOLIO_THEMES")
    if chosen:
        return Path(chosen)
    installed = Path(__file__).parents[1] / "themes"
    if (installed / "default").is_dir():
        return installed
    return Path(__file__).parents[2] / "themes"


THEMES = _themes_folder()
DEFAULT = THEMES / "default"


def theme_folders(root: Path | None, theme: str | None) -> list[Path]:
    """The theme folders to search, the site's own first."""
    folders = []
    if theme:
        named = THEMES / theme
        own = (root / theme) if root is not None else None
        for candidate in (own, named):
            if candidate is not None and candidate.is_dir() and candidate != DEFAULT:
                folders.append(candidate)
                break
    folders.append(DEFAULT)
    return folders


@lru_cache(maxsize=65536)
def relative_url(target: str, page: str) -> str:
    """`target` (a path from the site root) as seen from the page at `page`.

    Every link of every page goes through here, and the same pairs recur from
    student to student, so the answers are kept.
    """
    if "://" in target or target.startswith(("#", "mailto:")):
        return target
    path, _, fragment = target.partition("#")
    relative = _relative_path(path or page, page)
    return f"{relative}#{fragment}" if fragment else relative


def _relative_path(path: str, page: str) -> str:
    """posixpath.relpath for the site's own plain paths, without its cost.

    relpath makes both paths absolute through the working folder on every
    call, which was a tenth of rendering a page; a plain path ("a/b.html")
    only needs its shared folders dropped. Anything else goes to relpath.
    """
    parts, folders = path.split("/"), page.split("/")[:-1]
    if "" in parts or "." in parts or ".." in parts or ".." in folders:
        return posixpath.relpath(path, posixpath.dirname(page) or ".")
    shared = 0
    while shared < min(len(folders), len(parts)) and folders[shared] == parts[shared]:
        shared += 1
    return "/".join([".."] * (len(folders) - shared) + parts[shared:]) or "."


def environment(
    folders: list[Path], language: str, subfolders: tuple[str, ...] = ("templates",)
) -> jinja2.Environment:
    """A Jinja2 environment over the theme folders, autoescaping on.

    `subfolders` lets the dossier search `pdf/` first and still share the
    record partials of `templates/` with the site. Environments are kept per
    theme and language: compiling templates costs more than rendering a page,
    and Jinja recompiles a template by itself when its file changes.
    """
    return _environment(tuple(folders), i18n.normalize_language(language), subfolders)


@lru_cache(maxsize=32)
def _environment(
    folders: tuple[Path, ...], language: str, subfolders: tuple[str, ...]
) -> jinja2.Environment:
    paths = [str(f / sub) for sub in subfolders for f in folders]
    loader = jinja2.FileSystemLoader(paths)
    env = jinja2.Environment(
        loader=loader,
        bytecode_cache=_bytecode_cache(),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["t"] = i18n.strings(language)
    env.globals["lang"] = i18n.normalize_language(language)
    env.filters["size"] = human_size
    env.filters["anchor"] = anchor
    env.filters["fill"] = lambda template, **params: i18n.fill(template, params)
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept on disk: a fresh process then skips compiling.

    Jinja checks each template's source against what it compiled, so an
    edited template is compiled again; no cache folder means no cache.
    """
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    folder = Path(base) / "portfolio" / f"jinja-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def anchor(text: str) -> str:
    """An element id for a tag: whitespace becomes hyphens, the rest is kept."""
    return "tag-" + "-".join(str(text).split())


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B"


def static_files(folders: list[Path]) -> dict[str, Path]:
    """Every static file by its path under `static/`, the site's own winning."""
    found: dict[str, Path] = {}
    for folder in reversed(folders):
        static = folder / "static"
        if not static.is_dir():
            continue
        for path in sorted(static.rglob("*")):
            if path.is_file():
                found[path.relative_to(static).as_posix()] = path
    return dict(sorted(found.items()))


def page_context(page: str, **values: Any) -> dict[str, Any]:
    """Template values plus `url()`, which makes any site path relative to `page`."""
    return {"page": page, "url": lambda target: relative_url(target, page), **values}

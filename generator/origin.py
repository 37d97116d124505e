"""Where this copy of the generator came from, so that links can point back to it.

pip writes down the origin of a package installed from a URL or a folder
(PEP 610, `direct_url.json`): a git URL and commit for `pip install git+…`, a
folder for `pip install .` or `-e .`. From it a finding links to the guide page
of the very version that judged it, and `init --github` pins the same version
in the workflow. A copy from a package index has no such record: the guide is
then named by its path in the generator's repository.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

DISTRIBUTION = "portfolio-generator"
GUIDE_FOLDER = "docs"
_SOURCE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Origin:
    """A git repository and commit, or a local source folder, or neither."""

    repository: str | None = None
    commit: str | None = None
    checkout: Path | None = None


def _recorded() -> dict:
    # Imported here: only an installed copy asks, and the import is slow.
    from importlib import metadata

    try:
        text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return {}
    try:
        return json.loads(text or "{}")
    except ValueError:
        return {}


def _is_source(folder: Path) -> bool:
    # site-packages may hold a stray `docs` folder of another package.
    return (folder / GUIDE_FOLDER).is_dir() and (folder / "pyproject.toml").is_file()


@cache
def origin() -> Origin:
    """The origin of the running generator; a source folder with the guide wins."""
    if _is_source(_SOURCE):
        return Origin(checkout=_SOURCE)
    record = _recorded()
    url = str(record.get("url", ""))
    vcs = record.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and url.startswith("https://"):
        return Origin(repository=url.removesuffix(".git"), commit=vcs.get("commit_id"))
    if url.startswith("file://"):
        folder = Path(unquote(urlparse(url).path))
        if _is_source(folder):
            return Origin(checkout=folder)
    return Origin()


def requirement() -> str:
    """What pip should install to get this version again, or "" when unknown."""
    found = origin()
    if found.repository is None:
        return ""
    pin = f"@{found.commit}" if found.commit else ""
    return f"git+{found.repository}{pin}"


def guide_page(rule: str, language: str) -> str:
    """A rule's page, as a path inside the generator's repository."""
    folder = "en" if language == "en" else "zh-TW"
    return f"{GUIDE_FOLDER}/{folder}/rules/{rule}.md"


def guide_link(rule: str, language: str) -> str:
    """A rule's page where the reader can open it: a web address or a file path.

    A GitHub repository gives the page of the installed commit; a source folder
    gives the file, relative to the working folder when it lies below it.
    """
    page = guide_page(rule, language)
    found = origin()
    if found.checkout is not None:
        path = found.checkout / page
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except (ValueError, OSError):
            return os.fspath(path)
    if found.repository and found.repository.startswith("https://github.com/"):
        return f"{found.repository}/blob/{found.commit or 'HEAD'}/{page}"
    return page

"""`portfolio build` for one student: check, then render the site into guarded output.

Errors stop the build before anything is written, and the previous site stays
as it was; a build that fails half-way leaves it untouched too.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from generator.project import Checked, check_root
from generator.render import output, theme
from generator.render.site import render_site
from generator.render.views import build_views

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    checked: Checked
    site_dir: Path | None
    pages: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.site_dir is not None


def build_site(
    root: Path,
    out: Path,
    as_of: dt.date | None = None,
    language: str | None = None,
) -> BuildResult:
    """Check `root`; when it has no errors, write `out/site/` in one swap."""
    started = time.perf_counter()
    checked = check_root(root, as_of, language)
    if not checked.ok:
        return BuildResult(checked=checked, site_dir=None)

    output.check_output_root(out, [root])
    final = out / "site"
    folders = theme.theme_folders(root, checked.content.site.theme)
    with output.staged(final) as staging:
        portfolio = build_views(checked, staging)
        pages = render_site(portfolio, staging, folders)

    seconds = time.perf_counter() - started
    log.info("built %s: %d pages in %.2f s", root, pages, seconds)
    return BuildResult(checked=checked, site_dir=final, pages=pages, seconds=seconds)

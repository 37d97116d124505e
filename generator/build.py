"""`portfolio build` for one student: check, then render the site and the dossiers.

Errors stop the build before anything is written, and the previous site stays
as it was; a build that fails half-way leaves it untouched too.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.project import Checked, check_root

if TYPE_CHECKING:
    from generator.render.dossier import Printed
from generator.render import markdown, output, theme
from generator.render.assets import EarlierFiles
from generator.render.site import render_site
from generator.render.views import Portfolio, build_views

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    checked: Checked
    site_dir: Path | None
    pages: int = 0
    seconds: float = 0.0
    dossiers: list[Printed] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.site_dir is not None


def build_site(
    root: Path,
    out: Path,
    as_of: dt.date | None = None,
    language: str | None = None,
    pdf: bool = True,
    variant: str | None = None,
    base_url: str | None = None,
    share: bool = False,
) -> BuildResult:
    """Check `root`; when it has no errors, write `out/site/` and `out/pdf/`.

    Dossiers print before the site only when site.yaml publishes them, so the
    site can link the fresh files. `share` splits the work with a forked child
    (parallel.py): right for one student, wrong inside a pool of workers that
    already keeps every core busy.
    """
    started = time.perf_counter()
    checked = check_root(root, as_of, language)
    if not checked.ok:
        return BuildResult(checked=checked, site_dir=None)
    if base_url:
        # The address the host reports (GitHub Pages) wins over site.yaml's.
        checked.content.site.base_url = base_url

    output.check_output_root(out, [root])
    folders = theme.theme_folders(root, checked.content.site.theme)
    store = markdown.BodyStore(out)
    dossiers = _print(checked, out, folders, None, variant, share, store) if pdf else []

    final = out / "site"
    earlier = EarlierFiles(out)
    with output.staged(final) as staging:
        portfolio = build_views(checked, staging, share, store, earlier)
        if checked.content.site.publish_dossiers:
            publish_dossiers(portfolio, dossiers, staging)
        pages = render_site(portfolio, staging, folders, share)
    store.save()
    earlier.save()

    seconds = time.perf_counter() - started
    log.info("built %s: %d pages in %.2f s", root, pages, seconds)
    return BuildResult(
        checked=checked, site_dir=final, pages=pages, seconds=seconds, dossiers=dossiers
    )


def print_only(
    root: Path,
    out: Path,
    applications: list[str],
    as_of: dt.date | None = None,
    language: str | None = None,
    variant: str | None = None,
    checked: Checked | None = None,
    share: bool = False,
) -> tuple[Checked, list[Printed]]:
    """`portfolio pdf`: check (unless done already), then print just the named
    dossiers (or all); `share` as for build_site."""
    checked = checked or check_root(root, as_of, language)
    if not checked.ok:
        return checked, []
    output.check_output_root(out, [root])
    folders = theme.theme_folders(root, checked.content.site.theme)
    return checked, _print(checked, out, folders, applications or None, variant, share)


def _print(
    checked: Checked,
    out: Path,
    folders: list[Path],
    only: list[str] | None,
    variant: str | None,
    share: bool,
    store: markdown.BodyStore | None = None,
) -> list[Printed]:
    # WeasyPrint takes half a second to import; only printing should pay for it.
    from generator.render.dossier import print_dossiers

    return print_dossiers(checked, out, folders, only, variant, share, store)


def publish_dossiers(portfolio: Portfolio, dossiers: list[Printed], site: Path) -> None:
    """Copy printed dossiers into the site, for students who opted in."""
    printed = {d.application: d.path for d in dossiers}
    for application in portfolio.applications:
        source = printed.get(application.id)
        if source is None or not source.exists():
            continue
        url = f"files/dossiers/{application.id}.pdf"
        (site / url).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site / url)
        application.dossier = url

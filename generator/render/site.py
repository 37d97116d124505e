"""Render the website: one page per record, application and list, from the views.

Each page is rendered from the records it shows and names them, so the live
preview can re-render only the pages a changed record appears on.
"""

from __future__ import annotations

import logging
import shutil
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator import parallel
from generator.render import theme
from generator.render.views import Portfolio

log = logging.getLogger(__name__)


@dataclass
class Page:
    """One HTML file: where it goes, which template, and what it shows."""

    path: str
    template: str
    values: Callable[[], dict[str, Any]]
    shows: frozenset[str] = field(default_factory=frozenset)


def _record_key(kind: str, record_id: str) -> str:
    return f"{kind}:{record_id}"


def plan_pages(portfolio: Portfolio) -> list[Page]:
    """Every page of the site with the records it depends on.

    A key of "*" means the page shows every record (lists, the dashboard).
    """
    everything = frozenset({"*"})
    pages = [
        Page("index.html", "index.html", dict, everything),
        Page("outcomes/index.html", "outcomes.html", dict, everything),
        Page("performances/index.html", "performances.html", dict, everything),
        Page("applications/index.html", "applications.html", dict, everything),
        Page("tags.html", "tags.html", dict, everything),
        Page("404.html", "404.html", dict, frozenset()),
    ]
    for view in [*portfolio.outcomes, *portfolio.performances]:
        pages.append(
            Page(
                view.url,
                "record.html",
                lambda view=view: {"record": view},
                frozenset({_record_key(view.kind, view.id)}),
            )
        )
    for application in portfolio.applications:
        shows = {_record_key("application", application.id)}
        shows |= {_record_key(v.kind, v.id) for v in application.outcomes}
        shows |= {_record_key(v.kind, v.id) for v in application.performances}
        pages.append(
            Page(
                application.url,
                "application.html",
                lambda application=application: {"application": application},
                frozenset(shows),
            )
        )
    return pages


def pages_showing(pages: Iterable[Page], keys: set[str]) -> list[Page]:
    """The pages that show any of the given record keys (or everything)."""
    return [p for p in pages if "*" in p.shows or p.shows & keys]


class SiteRenderer:
    """Writes pages and static files of one portfolio into a site folder."""

    def __init__(self, portfolio: Portfolio, folders: list[Path]) -> None:
        self.portfolio = portfolio
        self.folders = folders
        self.env = theme.environment(folders, portfolio.language)

    def render_page(self, page: Page) -> str:
        template = self._template(page.template, page.path)
        values = theme.page_context(page.path, site=self.portfolio, **page.values())
        try:
            return template.render(values)
        except Exception as error:
            # A theme's template failed: name its file and line, not ours.
            raise ThemeError(_theme_error(error, page.path)) from error

    def write_pages(
        self, site_dir: Path, pages: Iterable[Page], share: bool = False
    ) -> int:
        """Write each page; `share` lets a forked child write half of them."""
        pages = list(pages)
        for folder in sorted({(site_dir / page.path).parent for page in pages}):
            folder.mkdir(parents=True, exist_ok=True)
        # Compiled here once, rather than by both processes.
        for name in sorted({page.template for page in pages}):
            self._template(name, name)

        def write(page: Page) -> int:
            html = self.render_page(page)
            (site_dir / page.path).write_text(html, encoding="utf-8", newline="\n")
            return 1

        return sum(parallel.shared_map(write, pages, share=share))

    def _template(self, name: str, page: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except Exception as error:
            raise ThemeError(_theme_error(error, page)) from error

    def write_static(self, site_dir: Path) -> int:
        return write_static(site_dir, self.folders)

    def write_robots(self, site_dir: Path) -> None:
        rule = "Allow: /" if self.portfolio.allow_indexing else "Disallow: /"
        text = f"User-agent: *\n{rule}\n"
        (site_dir / "robots.txt").write_text(text, encoding="utf-8", newline="\n")
        # GitHub Pages must serve files as they are, not through Jekyll.
        (site_dir / ".nojekyll").write_text("", encoding="utf-8")


def write_static(site_dir: Path, folders: list[Path]) -> int:
    """Copy the theme's static files into `assets/`; returns how many."""
    files = theme.static_files(folders)
    for relative, source in files.items():
        target = site_dir / "assets" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return len(files)


def render_site(
    portfolio: Portfolio, site_dir: Path, folders: list[Path], share: bool = False
) -> int:
    """Write the whole site; returns the number of pages written."""
    renderer = SiteRenderer(portfolio, folders)
    pages = plan_pages(portfolio)
    count = renderer.write_pages(site_dir, pages, share)
    renderer.write_static(site_dir)
    renderer.write_robots(site_dir)
    log.info("wrote %d pages to %s", count, site_dir)
    return count


class ThemeError(Exception):
    """A theme template that cannot render; names the template and line."""


def _theme_error(error: Exception, page: str) -> str:
    """Where a template failed: its file and line, what went wrong, which page."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = f"{error.filename or error.name}:{error.lineno}"
        return f"{where}: {error.message} ({page})"
    # Jinja rewrites tracebacks so that template lines appear as frames.
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f for f in frames if f.filename.endswith((".html", ".xml", ".svg"))]
    where = f"{lines[-1].filename}:{lines[-1].lineno}: " if lines else ""
    return f"{where}{type(error).__name__}: {error} ({page})"

"""The live preview's builder: check on every change, re-render only what it touches.

A change that breaks a rule leaves the last good site in place and publishes the
findings instead; the next good build clears them. Nothing a student writes can
stop the preview: an unexpected failure becomes a finding-like state too.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator import i18n
from generator.project import check_root
from generator.render import output, theme
from generator.render.assets import Publisher
from generator.render.site import (
    Page,
    SiteRenderer,
    pages_showing,
    plan_pages,
    write_static,
)
from generator.render.views import ViewBuilder

log = logging.getLogger(__name__)

# Content files whose change can touch every page.
_GLOBAL_NAMES = {
    "profile.md",
    "site.yaml",
    "courses.yaml",
    "cadres.yaml",
    "schedule.yaml",
}
_FOLDERS = {
    "outcomes": "outcome",
    "performances": "performance",
    "applications": "application",
}


@dataclass
class State:
    """What open pages need to know about the latest build."""

    version: int = 0
    ok: bool = True
    css_only: bool = False
    findings: list[dict] = field(default_factory=list)
    title: str = ""
    note: str = ""
    pages: int = 0
    seconds: float = 0.0
    changed: str = ""
    print_label: str = ""

    def as_dict(self) -> dict:
        return {
            "version": self.version,
            "ok": self.ok,
            "css_only": self.css_only,
            "findings": self.findings,
            "title": self.title,
            "note": self.note,
            "print_label": self.print_label,
        }


@dataclass
class Change:
    """A burst of file events, sorted by what they affect."""

    keys: set[str] = field(default_factory=set)
    templates: set[str] = field(default_factory=set)
    static: bool = False
    everything: bool = False
    names: list[str] = field(default_factory=list)

    @property
    def css_only(self) -> bool:
        return self.static and not (self.keys or self.templates or self.everything)


class Preview:
    """Builds one student's site into `out/site` and keeps it current."""

    def __init__(
        self,
        root: Path,
        out: Path,
        as_of: dt.date | None = None,
        language: str | None = None,
    ) -> None:
        self.root = root
        self.out = out
        self.site_dir = out / "site"
        self.as_of = as_of
        self.language = language
        self.lock = threading.Lock()
        self.state = State()
        self.pages: dict[str, Page] = {}
        self.folders: list[Path] = theme.theme_folders(root, None)
        self.application_ids: list[str] = []
        # What the publisher made, kept between rebuilds so unchanged files stay.
        self.published: dict = {}
        self.shown_language = i18n.normalize_language(language)

    # -- classifying changes -------------------------------------------------

    def classify(self, paths: set[Path]) -> Change:
        change = Change()
        root = self.root.resolve()
        for path in sorted(paths):
            real = _resolve(path)
            if real.exists() or not any(p.exists() for p in paths):
                change.names.append(_display(real, root, self.folders))
            theme_part = self._theme_part(real)
            if theme_part is not None:
                kind, name = theme_part
                if kind == "static":
                    change.static = True
                elif kind == "templates":
                    change.templates.add(name)
                continue
            if not real.is_relative_to(root):
                continue
            parts = real.relative_to(root).parts
            if parts and parts[0] in _FOLDERS and len(parts) > 1:
                record_id = Path(parts[1]).stem if len(parts) == 2 else parts[1]
                change.keys.add(f"{_FOLDERS[parts[0]]}:{record_id}")
            elif parts and (parts[0] in _GLOBAL_NAMES or parts[0] == "schema"):
                change.everything = parts[0] != "schema"
            else:
                change.everything = True
        return change

    def _theme_part(self, real: Path) -> tuple[str, str] | None:
        for folder in self.folders:
            folder = folder.resolve()
            if real.is_relative_to(folder):
                parts = real.relative_to(folder).parts
                if len(parts) > 1 and parts[0] in ("static", "templates", "pdf"):
                    return parts[0], "/".join(parts[1:])
        return None

    # -- building ------------------------------------------------------------

    def full_build(self) -> State:
        """Check and render everything; the first build and after global changes."""
        return self._build(Change(everything=True, names=["*"]))

    def rebuild(self, paths: set[Path]) -> State:
        """Rebuild after a burst of changes; never raises."""
        return self._build(self.classify(paths))

    def _build(self, change: Change) -> State:
        with self.lock:
            started = time.perf_counter()
            try:
                state = self._build_locked(change)
            except Exception as error:  # The preview must outlive any bug.
                log.exception("rebuild failed")
                state = self._broken_state(
                    [{"rule": "internal", "severity": "error", "file": "", "line": None,
                      "column": None, "message": str(error), "hint": ""}]
                )  # fmt: skip
            state.seconds = time.perf_counter() - started
            state.print_label = self._words()["print_link"]
            state.changed = ", ".join(change.names[:5])
            self.state = state
            log.info(
                "%s: %s, %d pages written in %.0f ms",
                state.changed or "build",
                "ok" if state.ok else f"{len(state.findings)} findings",
                state.pages,
                state.seconds * 1000,
            )
            return state

    def _build_locked(self, change: Change) -> State:
        if change.css_only and self.pages and self.state.ok:
            write_static(self.site_dir, self.folders)
            return State(version=self.state.version + 1, css_only=True)

        checked = check_root(self.root, self.as_of, self.language)
        language = i18n.normalize_language(checked.findings.language)
        self.shown_language = language
        if not checked.ok:
            return self._broken_state(
                [
                    f.as_dict()
                    for f in checked.findings.sorted()
                    if f.severity == "error"
                ],
                language,
            )

        folders = theme.theme_folders(self.root, checked.content.site.theme)
        everything = change.everything or folders != self.folders or not self.pages
        self.folders = folders
        self._prepare_output()
        publisher = Publisher(self.site_dir, self.root, memo=self.published)
        portfolio = ViewBuilder(checked, publisher).build()
        renderer = SiteRenderer(portfolio, folders)
        plan = {page.path: page for page in plan_pages(portfolio)}

        if everything or _touches_all(change.templates):
            chosen = list(plan.values())
        else:
            chosen = pages_showing(plan.values(), change.keys)
            chosen += [p for p in plan.values() if p.template in change.templates]
            chosen += [p for p in plan.values() if p.path not in self.pages]
        chosen = list({p.path: p for p in chosen}.values())
        written = renderer.write_pages(self.site_dir, chosen)
        if everything or change.static:
            renderer.write_static(self.site_dir)
            renderer.write_robots(self.site_dir)
        for stale in set(self.pages) - set(plan):
            (self.site_dir / stale).unlink(missing_ok=True)

        self.pages = plan
        self.application_ids = [a.id for a in portfolio.applications]
        return State(version=self.state.version + 1, ok=True, pages=written)

    def _words(self, language: str | None = None) -> dict[str, str]:
        return i18n.strings(language or self.shown_language)["serve"]

    def _broken_state(self, findings: list[dict], language: str | None = None) -> State:
        words = self._words(language)
        return State(
            version=self.state.version,
            ok=False,
            findings=findings,
            title=words["broken"],
            note=words["keeps_serving"],
        )

    def _prepare_output(self) -> None:
        if self.site_dir.exists() and (self.site_dir / output.MARKER).exists():
            return
        output.check_output_root(self.out, [self.root])
        if self.site_dir.exists() and any(self.site_dir.iterdir()):
            raise output.OutputRefused(
                f"{self.site_dir}: exists and was not made by portfolio"
            )
        self.site_dir.mkdir(parents=True, exist_ok=True)
        (self.site_dir / output.MARKER).write_text("made by portfolio serve\n", "utf-8")


def _touches_all(templates: set[str]) -> bool:
    """Base layouts and partials are part of every page."""
    return any(t == "base.html" or t.startswith("partials/") for t in templates)


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _display(real: Path, root: Path, folders: list[Path]) -> str:
    for base in (root, *(f.resolve() for f in folders)):
        if real.is_relative_to(base):
            return real.relative_to(base).as_posix()
    return real.name

"""A real browser opens the built example, from disk and from a sub-path.

Debian's chromium, driven by Playwright, loads the home page, a record page
and an application page on a phone and a desktop screen: nothing may fail to
load, nothing may log an error, and the phone must not scroll sideways. Each
view is saved as a screenshot in test-artifacts/screenshots/.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO
from .html import Site

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
PHONE, DESKTOP = 390, 1280
# Scroll the page through once so that lazy images load before the screenshot.
SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await new Promise(done => requestAnimationFrame(done));
  }
  await Promise.all([...document.images].map(image => image.decode().catch(() => {})));
  scrollTo(0, 0);
}"""
# Players have fetched what they preload (or failed): every request is done.
MEDIA_SETTLED = """[...document.querySelectorAll("audio, video")].every(
  media => media.readyState >= 1 || media.error
)"""


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request to the test output."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"Debian chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=ARGUMENTS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screens(browser: Any) -> Iterator[dict[int, Any]]:
    """One browser context per screen width, shared by the pages opened in it."""
    contexts = {
        width: browser.new_context(viewport={"width": width, "height": 900})
        for width in (PHONE, DESKTOP)
    }
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="module")
def server(example_site: Site) -> Iterator[str]:
    """The example's output folder on 127.0.0.1, so the site lives at /site/."""
    handler = functools.partial(_QuietHandler, directory=str(example_site.root.parent))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/{example_site.root.name}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def _showcase(site: Site) -> dict[str, str]:
    """The pages to open: home, the record with the most evidence, an application."""
    records = [
        p
        for p in site.pages
        if p.startswith(("outcomes/", "performances/")) and "/index" not in p
    ]

    def evidence(page: str) -> int:
        tags = ("img", "audio", "video", "object")
        return sum(len(site.elements(page, tag)) for tag in tags)

    applications = [p for p in site.pages if p.startswith("applications/")]
    return {
        "home": "index.html",
        "record": max(sorted(records), key=evidence),
        "application": sorted(p for p in applications if "/index" not in p)[0],
    }


class _Visit:
    """One page in one viewport, with every problem the browser reported."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(f"console: {message.text}")

    def _failed(self, request: Any) -> None:
        self.problems.append(f"failed: {request.url} {request.failure}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"{response.status}: {response.url}")

    def open(self, address: str) -> None:
        self.page.goto(address, wait_until="load")
        self.page.evaluate(SCROLL_THROUGH)
        self.page.wait_for_function(MEDIA_SETTLED)

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=True)

    def scrolls_sideways(self) -> bool:
        return self.page.evaluate(
            "document.scrollingElement.scrollWidth > window.innerWidth"
        )

    def close(self) -> None:
        self.page.close()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("transport", ["file", "http"])
@pytest.mark.parametrize("name", ["home", "record", "application"])
def test_the_page_opens_cleanly_in_chromium(
    screens: dict[int, Any],
    server: str,
    example_site: Site,
    name: str,
    transport: str,
    width: int,
) -> None:
    page = _showcase(example_site)[name]
    if transport == "file":
        address = (example_site.root / page).as_uri()
    else:
        address = server + page
    visit = _Visit(screens[width])

    try:
        visit.open(address)
        if transport == "http":  # from disk the pixels are the same
            visit.screenshot(SCREENSHOTS / f"{name}-{width}.png")

        assert visit.problems == []
        assert not visit.scrolls_sideways()
    finally:
        visit.close()

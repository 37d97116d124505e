"""In a real browser, an open page follows edits without anyone touching it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from generator.serve import Session
from tests.serve.conftest import OUTCOME, save

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield launched
        launched.close()


def test_an_open_page_shows_an_edit_by_itself(
    browser,
    session: Session,
    student: Path,
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(session.url + "outcomes/pendulum.html")
    page.wait_for_function("document.querySelector('script[src*=client]') !== null")
    page.wait_for_timeout(300)

    save(student / "outcomes/pendulum/index.md", OUTCOME.replace("第一版", "瀏覽器版"))

    page.wait_for_selector("text=瀏覽器版的內容", timeout=10_000)
    assert errors == []
    page.close()


def test_a_broken_record_shows_the_overlay_and_the_fix_removes_it(
    browser,
    session: Session,
    student: Path,
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(session.url + "outcomes/pendulum.html")
    page.wait_for_timeout(300)
    record = student / "outcomes/pendulum/index.md"

    save(record, OUTCOME.replace("credits: 2", "credits: two"))
    overlay = page.wait_for_selector("#portfolio-overlay", timeout=10_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-overlay-390.png"))
    assert "wrong-type" in overlay.inner_text()
    assert "outcomes/pendulum/index.md:4" in overlay.inner_text()

    save(record, OUTCOME.replace("第一版", "修好了"))
    page.wait_for_selector("text=修好了的內容", timeout=10_000)
    assert page.query_selector("#portfolio-overlay") is None
    page.close()

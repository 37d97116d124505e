"""Only files of the built site are served; nothing else on the disk is reachable."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.serve import Session
from generator.serve.server import safe_path
from tests.serve.conftest import fetch

TRAVERSALS = [
    "/../profile.md",
    "/%2e%2e/profile.md",
    "/%2E%2E/%2E%2E/etc/passwd",
    "/outcomes/..%2f..%2fprofile.md",
    "/outcomes%2f..%2f..%2fprofile.md",
    "/%252e%252e/profile.md",
    "/..\\profile.md",
    "//etc/passwd",
    "/etc/passwd",
    "/.portfolio-output",
    "/%00index.html",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_traversal_requests_get_404(session: Session, path: str) -> None:
    status, body = fetch(session, path)

    assert status == 404
    assert str(session.preview.root) not in body
    assert str(session.preview.site_dir) not in body


@pytest.mark.parametrize("path", ["/outcomes/", "/files/", "/assets/"])
def test_folders_are_never_listed(session: Session, path: str) -> None:
    status, body = fetch(session, path)

    assert "Directory listing" not in body
    assert status in (200, 404)


def test_the_home_page_is_served_with_the_reload_client(session: Session) -> None:
    status, body = fetch(session, "/")

    assert status == 200
    assert "/__portfolio__/client.js" in body


def test_the_built_site_on_disk_has_no_reload_client(session: Session) -> None:
    for page in session.preview.site_dir.rglob("*.html"):
        assert "__portfolio__" not in page.read_text(encoding="utf-8")


def test_safe_path_accepts_a_plain_page(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/b.html").write_text("x", encoding="utf-8")

    assert safe_path(tmp_path, "/a/b.html?x=1") == (tmp_path / "a/b.html").resolve()


def test_safe_path_refuses_a_symlink_leaving_the_site(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "link.txt").symlink_to(outside)

    assert safe_path(site, "/link.txt") is None

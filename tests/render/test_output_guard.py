"""Guarded output: a build replaces only its own site, and only when it succeeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from rules.builders import Root

from generator.cli import main
from generator.render.assets import EARLIER_FILES
from generator.render.markdown import BODIES
from generator.render.output import MARKER, OutputRefused
from generator.render.site import ThemeError

from .conftest import AS_OF, build
from .html import Site


def _cli_build(root: Root, out: Path) -> int:
    return main(["build", str(root.path), "-o", str(out), "--as-of", str(AS_OF)])


def _fingerprint(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, hidden ones included."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_building_into_an_empty_folder_works(root: Root, tmp_path: Path) -> None:
    (tmp_path / "out" / "site").mkdir(parents=True)

    result = build(root, tmp_path / "out")

    assert result.ok
    assert (tmp_path / "out" / "site" / "index.html").is_file()
    assert (tmp_path / "out" / "site" / MARKER).is_file()


def test_a_second_build_replaces_the_site_it_made(root: Root, tmp_path: Path) -> None:
    build(root, tmp_path / "out")
    (tmp_path / "out" / "site" / "stale.html").write_text("old", encoding="utf-8")

    build(root, tmp_path / "out")

    assert not (tmp_path / "out" / "site" / "stale.html").exists()


def test_a_failed_check_keeps_the_old_site_byte_for_byte(
    root: Root, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(root, out)
    before = _fingerprint(out)
    (root.path / "performances" / "fair.pdf").unlink()  # now file-missing

    code = _cli_build(root, out)

    assert code == 1
    assert _fingerprint(out) == before


def test_a_template_error_mid_render_keeps_the_old_site(
    root: Root, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(root, out)
    before = _fingerprint(out)
    root.site(theme="broken")
    root.text("broken/templates/record.html", "{{ record.no_such_field.deeper }}")

    with pytest.raises(ThemeError, match="no_such_field"):
        build(root, out)

    assert _fingerprint(out) == before


def test_a_theme_error_is_reported_without_a_traceback(
    root: Root, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root.site(theme="broken")
    root.text("broken/templates/record.html", "{% if %}")

    code = _cli_build(root, tmp_path / "out")

    assert code == 2
    assert "record.html" in capsys.readouterr().err
    assert not (tmp_path / "out" / "site").exists()


def test_an_output_folder_holding_the_content_root_is_refused(root: Root) -> None:
    with pytest.raises(OutputRefused, match="content root"):
        build(root, root.path.parent)


def test_an_output_folder_inside_the_content_root_is_refused(root: Root) -> None:
    with pytest.raises(OutputRefused, match="content root"):
        build(root, root.path / "output")


def test_an_output_folder_holding_a_git_checkout_is_refused(
    root: Root, tmp_path: Path
) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)

    with pytest.raises(OutputRefused, match=r"\.git"):
        build(root, tmp_path / "repo")


def test_the_home_folder_is_refused(
    root: Root, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))

    with pytest.raises(OutputRefused, match="home"):
        build(root, home)

    assert list(home.iterdir()) == []


def test_the_root_folder_is_refused(root: Root) -> None:
    with pytest.raises(OutputRefused, match="root"):
        build(root, Path("/"))


def test_a_site_folder_the_generator_did_not_make_is_left_alone(
    root: Root, tmp_path: Path
) -> None:
    mine = tmp_path / "out" / "site" / "thesis.docx"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"years of work")

    with pytest.raises(OutputRefused, match=MARKER):
        build(root, tmp_path / "out")

    assert _fingerprint(tmp_path / "out") == {"site/thesis.docx": b"years of work"}


def test_a_refused_output_folder_exits_with_status_2(
    root: Root, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)

    assert _cli_build(root, tmp_path / "repo") == 2
    assert ".git" in capsys.readouterr().err


def test_a_template_that_fails_at_run_time_names_its_file_and_line(
    root: Root, tmp_path: Path
) -> None:
    root.site(theme="broken")
    root.text("broken/templates/index.html", "<p>\n{{ 1 / 0 }}</p>")

    with pytest.raises(ThemeError, match=r"index\.html:2: ZeroDivisionError"):
        build(root, tmp_path / "out")


def test_no_temporary_folder_is_left_after_a_failed_render(
    root: Root, tmp_path: Path
) -> None:
    root.site(theme="broken")
    root.text("broken/templates/index.html", "{{ 1 / 0 }}")

    with pytest.raises(ThemeError):
        build(root, tmp_path / "out")

    assert list((tmp_path / "out").iterdir()) == []


def test_the_site_carries_its_marker_and_no_staging_folders(site: Site) -> None:
    siblings = sorted(p.name for p in site.root.parent.iterdir())

    assert siblings == [BODIES, EARLIER_FILES, "site"]
    assert MARKER in site.files or (site.root / MARKER).is_file()

"""`portfolio pdf`: only the named dossiers; clear failures without a CJK font."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build_site
from generator.cli import main

from .conftest import AS_OF, Printing

REPO = Path(__file__).parents[2]


def _pdf(root: Path, out: Path, *names: str) -> int:
    return main(["pdf", str(root), *names, "-o", str(out), "--as-of", str(AS_OF)])


def test_pdf_prints_only_the_named_application(
    printing: Printing, tmp_path: Path
) -> None:
    assert _pdf(printing.root, tmp_path, "nthu") == 0
    assert sorted(p.name for p in (tmp_path / "pdf").glob("*.pdf")) == ["nthu.pdf"]


def test_unknown_application_exits_2_and_lists_the_known_ones(
    printing: Printing, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _pdf(printing.root, tmp_path, "mit") == 2
    error = capsys.readouterr().err
    assert "mit" in error
    assert "nthu" in error and "ntu" in error
    assert not (tmp_path / "pdf").exists()


@pytest.fixture(scope="module")
def fontless(
    printing: Printing, tmp_path_factory: pytest.TempPathFactory
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """`python -m generator pdf` where fontconfig knows no font at all."""
    base = tmp_path_factory.mktemp("fontless")
    config = base / "fonts.conf"
    config.write_text(
        f"<fontconfig><cachedir>{base / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "PORTFOLIO_LANG": "en"}
    command = [sys.executable, "-m", "generator", "pdf", str(printing.root)]
    command += ["-o", str(base / "out"), "--as-of", str(AS_OF)]
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=REPO, timeout=120
    )
    return done, base / "out"


def test_missing_cjk_font_exits_1_with_pdf_font_missing(
    fontless: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    done, _ = fontless
    assert done.returncode == 1, done.stderr
    assert "pdf-font-missing" in done.stdout + done.stderr


def test_missing_cjk_font_tells_how_to_install_one(
    fontless: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    done, _ = fontless
    assert "fonts-noto-cjk" in done.stdout + done.stderr


def test_missing_cjk_font_writes_no_pdf(
    fontless: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, out = fontless
    assert not list(out.rglob("*.pdf"))


def test_build_prints_the_same_dossiers_as_pdf(
    printing: Printing, tmp_path: Path
) -> None:
    result = build_site(printing.root, tmp_path, as_of=AS_OF)
    assert sorted(d.application for d in result.dossiers) == ["nthu", "ntu"]
    for dossier in result.dossiers:
        expected = printing.printed[dossier.application].path.read_bytes()
        assert dossier.path.read_bytes() == expected

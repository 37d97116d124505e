"""The example student's dossier, printed and drawn as PNG test artifacts.

The pictures land in test-artifacts/pdf/ at the top of the repository, for a
person (or CI) to look at the pages without opening a PDF viewer.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from .conftest import Dossier, open_dossier, print_root

REPO = Path(__file__).parents[2]
EXAMPLE = REPO / "content"
EXAMPLE_AS_OF = dt.date(2026, 11, 20)
ARTIFACTS = REPO / "test-artifacts" / "pdf"
APPLICATION = "ntu-csie"
FIRST_PAGES = 6


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    out = tmp_path_factory.mktemp("example")
    _, printed = print_root(EXAMPLE, out, [APPLICATION], as_of=EXAMPLE_AS_OF)
    return open_dossier(printed[0].path)


@pytest.fixture(scope="module")
def pictures(example: Dossier) -> list[Path]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{APPLICATION}-*.png"):
        old.unlink()
    prefix = ARTIFACTS / APPLICATION
    command = [tool, "-png", "-r", "60", "-f", "1", "-l", str(FIRST_PAGES)]
    subprocess.run([*command, str(example.path), str(prefix)], check=True, timeout=60)
    return sorted(ARTIFACTS.glob(f"{APPLICATION}-*.png"))


def test_example_dossier_pages_are_numbered_to_the_last(example: Dossier) -> None:
    total = len(example.reader.pages)
    assert f"{total} / {total}" in example.pages[-1]


def test_first_pages_are_saved_as_pictures(pictures: list[Path]) -> None:
    assert len(pictures) == FIRST_PAGES
    for picture in pictures:
        with Image.open(picture) as image:
            # A4 at 60 dpi (poppler rounds either way), with something drawn.
            width, height = image.size
            assert abs(width - 496) <= 1 and abs(height - 702) <= 1
            assert image.convert("L").getextrema()[0] < 128

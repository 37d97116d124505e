"""The same input gives the same bytes, whichever folder the output goes to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import AS_OF, Printing, print_root


@pytest.fixture(scope="module")
def again(printing: Printing, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample printed a second time, into another folder."""
    out = tmp_path_factory.mktemp("again")
    print_root(printing.root, out)
    return out / "pdf"


@pytest.mark.parametrize("application", ["ntu", "nthu"])
def test_two_prints_give_the_same_dossier(
    printing: Printing, again: Path, application: str
) -> None:
    first = printing.printed[application].path.read_bytes()
    assert (again / f"{application}.pdf").read_bytes() == first


def test_two_prints_give_the_same_item_files(printing: Printing, again: Path) -> None:
    for part in printing.printed["ntu"].parts:
        assert (again / "ntu" / part.name).read_bytes() == part.read_bytes()


def test_another_process_prints_the_same_dossier(
    printing: Printing, tmp_path: Path
) -> None:
    # Another process holds its objects at other addresses: nothing of that
    # kind (an object's repr) may reach the dossier.
    command = [sys.executable, "-m", "generator", "pdf", str(printing.root), "ntu",
               "-o", str(tmp_path), "--as-of", AS_OF.isoformat()]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=120)

    first = printing.printed["ntu"].path.read_bytes()
    assert (tmp_path / "pdf" / "ntu.pdf").read_bytes() == first

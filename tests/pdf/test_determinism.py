"""The same input gives the same bytes, whichever folder the output goes to."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Printing, print_root


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

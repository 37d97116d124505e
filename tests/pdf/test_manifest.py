"""No wasted work: a dossier whose inputs did not change is not printed again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.render.dossier import Printed

from .conftest import PENDULUM, Printing, copy_printing, print_root


@dataclass
class Reprint:
    """The sample printed again unchanged, then after one summary changed."""

    out: Path
    copied: dict[Path, int]  # modification times of the files before
    unchanged: dict[str, Printed]
    untouched: dict[Path, int]  # ... after printing with nothing changed
    changed: dict[str, Printed]
    final: dict[Path, int]  # ... after printing with one summary changed


def _mtimes(out: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (out / "pdf").rglob("*.pdf")}


def _printed(printed: list[Printed]) -> dict[str, Printed]:
    return {p.application: p for p in printed}


@pytest.fixture(scope="module")
def reprint(printing: Printing, tmp_path_factory: pytest.TempPathFactory) -> Reprint:
    root, out = copy_printing(printing, tmp_path_factory.mktemp("manifest"))
    copied = _mtimes(out)
    _, unchanged = print_root(root, out)
    untouched = _mtimes(out)

    record = root / "outcomes" / f"{PENDULUM.id}.md"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace(PENDULUM.summary, "改寫過的簡述。"), "utf-8")
    _, changed = print_root(root, out)
    return Reprint(
        out, copied, _printed(unchanged), untouched, _printed(changed), _mtimes(out)
    )


def test_unchanged_dossiers_are_not_printed_again(reprint: Reprint) -> None:
    assert not any(p.rendered for p in reprint.unchanged.values())


def test_unchanged_dossiers_keep_their_files(reprint: Reprint) -> None:
    assert reprint.untouched == reprint.copied


def test_skipped_dossier_still_reports_its_pages(
    printing: Printing, reprint: Reprint
) -> None:
    assert reprint.unchanged["ntu"].pages == printing.printed["ntu"].pages


def test_changed_summary_reprints_the_dossier_that_picks_it(reprint: Reprint) -> None:
    assert reprint.changed["ntu"].rendered
    ntu = reprint.out / "pdf" / "ntu.pdf"
    assert reprint.final[ntu] != reprint.copied[ntu]


def test_changed_summary_leaves_other_dossiers_alone(reprint: Reprint) -> None:
    assert not reprint.changed["nthu"].rendered
    nthu = reprint.out / "pdf" / "nthu.pdf"
    assert reprint.final[nthu] == reprint.copied[nthu]

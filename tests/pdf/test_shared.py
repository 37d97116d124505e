"""Dossiers printed by two processes: the same files, manifest and findings."""

from __future__ import annotations

from pathlib import Path

from conftest import needs_fork
from rules.builders import Root

from generator import parallel

from .conftest import BASE_URL, Printing, copy_printing, print_root

pytestmark = needs_fork


def _files(pdf: Path) -> dict[str, bytes]:
    return {p.relative_to(pdf).as_posix(): p.read_bytes() for p in pdf.rglob("*")
            if p.is_file()}  # fmt: skip


def test_dossiers_printed_by_two_processes_are_the_same_files(
    printing: Printing, tmp_path: Path
) -> None:
    assert parallel.can_fork(), "a thread left running by another test"
    print_root(printing.root, tmp_path, share=True)

    assert _files(tmp_path / "pdf") == _files(printing.out / "pdf")


def test_findings_of_a_dossier_printed_by_the_child_are_reported(
    printing: Printing, tmp_path: Path
) -> None:
    root, out = copy_printing(printing, tmp_path)
    (root / "my.yaml").write_text("upload: {item_max_mib: 0.01}\n", encoding="utf-8")
    Root(root).site(base_url=BASE_URL, rules="my.yaml")

    checked, _ = print_root(root, out, share=True)

    warned = {f.message for f in checked.findings.items if f.rule == "upload-too-large"}
    assert any("pdf/ntu/" in message for message in warned)
    assert any("pdf/nthu/" in message for message in warned)

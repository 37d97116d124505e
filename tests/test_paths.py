"""Resolving paths with each folder resolved once: the same answers as resolve()."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import paths


@pytest.fixture(autouse=True)
def _fresh() -> None:
    paths.forget()


def test_a_plain_file_resolves_as_resolve_does(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.pdf").write_bytes(b"%PDF")

    assert paths.real(tmp_path / "a" / "x.pdf") == (tmp_path / "a" / "x.pdf").resolve()


def test_a_linked_file_resolves_to_its_target(tmp_path: Path) -> None:
    (tmp_path / "outside.pdf").write_bytes(b"%PDF")
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "x.pdf").symlink_to(tmp_path / "outside.pdf")

    assert (
        paths.real(tmp_path / "root" / "x.pdf") == (tmp_path / "outside.pdf").resolve()
    )


def test_a_file_in_a_linked_folder_resolves_through_it(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "files").symlink_to(tmp_path / "elsewhere")

    found = paths.real(tmp_path / "root" / "files" / "x.pdf")

    assert found == (tmp_path / "elsewhere").resolve() / "x.pdf"


def test_a_symlink_loop_raises_as_resolve_does(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")

    with pytest.raises(RuntimeError):
        paths.real(tmp_path / "loop" / "x.pdf")


def test_a_folder_that_became_a_link_is_seen_after_forget(tmp_path: Path) -> None:
    (tmp_path / "files").mkdir()
    (tmp_path / "elsewhere").mkdir()
    assert (
        paths.real(tmp_path / "files" / "x.pdf").parent
        == (tmp_path / "files").resolve()
    )

    os.rmdir(tmp_path / "files")
    (tmp_path / "files").symlink_to(tmp_path / "elsewhere")
    paths.forget()

    assert (
        paths.real(tmp_path / "files" / "x.pdf").parent
        == (tmp_path / "elsewhere").resolve()
    )


def test_dot_dot_resolves_as_resolve_does(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)

    assert paths.real(tmp_path / "a" / "b" / "..") == (tmp_path / "a").resolve()


def test_a_link_two_folders_up_is_followed(tmp_path: Path) -> None:
    (tmp_path / "elsewhere" / "sub").mkdir(parents=True)
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "files").symlink_to(tmp_path / "elsewhere")

    found = paths.real(tmp_path / "root" / "files" / "sub" / "x.pdf")

    assert found == (tmp_path / "elsewhere").resolve() / "sub" / "x.pdf"


def test_a_relative_path_resolves_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a").mkdir()
    monkeypatch.chdir(tmp_path)

    assert paths.real(Path("a") / "x.pdf") == (tmp_path / "a" / "x.pdf").resolve()

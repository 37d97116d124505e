"""Converted bodies kept between builds into one output folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rules.builders import Root

from generator.render import markdown
from generator.render.markdown import BODIES

from .conftest import build, built, portfolio_root


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts Python-Markdown converts from now on, as in a fresh process."""
    monkeypatch.setattr(markdown, "_converted", {})
    seen: list[str] = []
    real = markdown._convert

    def counting(text: str) -> str:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(markdown, "_convert", counting)
    return seen


def _stored(out: Path) -> dict[str, str]:
    return json.loads((out / BODIES).read_text(encoding="utf-8"))["bodies"]


def test_a_build_keeps_the_bodies_it_converted(tmp_path: Path) -> None:
    root = portfolio_root(tmp_path)
    built(root, tmp_path / "out")

    stored = _stored(tmp_path / "out").values()
    assert any("我量了 20 次週期" in html for html in stored)


def test_the_next_build_converts_only_the_edited_body(
    tmp_path: Path, conversions: list[str]
) -> None:
    root = portfolio_root(tmp_path)
    built(root, tmp_path / "out")
    conversions.clear()
    markdown._converted.clear()  # the next build runs in a new process
    root.performance(
        "fair",
        body="我修改了這段心得。\n",
        document="fair.pdf",
        link="https://example.org/fair",
        tags=["實驗"],
        submitted=True,
    )

    built(root, tmp_path / "out")

    assert conversions == ["我修改了這段心得。\n"]


def test_the_store_keeps_only_the_bodies_of_the_last_build(tmp_path: Path) -> None:
    root = portfolio_root(tmp_path)
    built(root, tmp_path / "out")
    first = set(_stored(tmp_path / "out"))
    root.profile(body="我換了一段自我介紹。\n")

    built(root, tmp_path / "out")

    assert len(set(_stored(tmp_path / "out")) - first) == 1
    assert len(first - set(_stored(tmp_path / "out"))) == 1


def test_bodies_kept_by_another_version_are_not_used(tmp_path: Path) -> None:
    (tmp_path / BODIES).write_text(
        json.dumps({"version": "0.0:old", "bodies": {"a" * 64: "<p>old</p>"}}),
        encoding="utf-8",
    )

    assert markdown.BodyStore(tmp_path).get("a" * 64) is None


def test_a_private_record_body_is_not_kept(tmp_path: Path) -> None:
    root = portfolio_root(tmp_path)
    root.performance("diary", body="只給自己看的日記。\n", private=True)
    built(root, tmp_path / "out")

    stored = json.dumps(_stored(tmp_path / "out"), ensure_ascii=False)
    assert "只給自己看的日記" not in stored


def test_a_failed_build_leaves_the_kept_bodies_alone(tmp_path: Path) -> None:
    root = portfolio_root(tmp_path)
    built(root, tmp_path / "out")
    before = (tmp_path / "out" / BODIES).read_bytes()
    Root(root.path).performance("broken", category="no-such-category")

    assert not build(root, tmp_path / "out").ok
    assert (tmp_path / "out" / BODIES).read_bytes() == before

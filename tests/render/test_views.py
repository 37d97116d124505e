"""The views a dossier asks for: one application and the records it picks."""

from __future__ import annotations

from pathlib import Path

from rules.builders import STATEMENTS

from generator.project import check_root
from generator.render.views import ViewBuilder

from .conftest import AS_OF, portfolio_root


def test_views_for_one_application_hold_only_its_picks(tmp_path: Path) -> None:
    root = portfolio_root(tmp_path)
    root.performance("unpicked", submitted=True)
    root.application("nthu", performances=["unpicked"], body=STATEMENTS)
    checked = check_root(root.path, AS_OF)

    portfolio = ViewBuilder(checked, None, applications=["ntu"]).build()

    assert [a.id for a in portfolio.applications] == ["ntu"]
    assert [v.id for v in portfolio.outcomes] == ["pendulum"]
    assert [v.id for v in portfolio.performances] == ["fair"]


def test_views_without_a_choice_hold_every_record(tmp_path: Path) -> None:
    root = portfolio_root(tmp_path)
    root.performance("unpicked", submitted=True)
    checked = check_root(root.path, AS_OF)

    portfolio = ViewBuilder(checked, None).build()

    assert {v.id for v in portfolio.performances} == {"fair", "unpicked"}

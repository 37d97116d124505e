"""The example content root in `content/` is what a finished portfolio looks like.

It is the project's demo and the starting point students copy, so it must pass
every rule: zero errors (warnings are allowed but listed when there are some).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.project import check_root

CONTENT = Path(__file__).resolve().parent.parent / "content"

pytestmark = pytest.mark.skipif(
    not (CONTENT / "profile.md").is_file(), reason="content/ has no profile.md yet"
)


@pytest.fixture(scope="module")
def checked():
    return check_root(CONTENT)


def test_the_example_content_has_no_errors(checked):
    errors = [
        f"{f.file}:{f.line}: {f.rule}: {f.message}"
        for f in checked.findings.sorted()
        if f.severity == "error"
    ]

    assert errors == []


def test_the_example_content_reads_every_record(checked):
    content = checked.content

    assert content.profile is not None
    assert not content.unreadable_outcomes
    assert not content.unreadable_performances
    assert len(content.outcomes) == len(_records(CONTENT / "outcomes"))
    assert len(content.performances) == len(_records(CONTENT / "performances"))
    assert content.applications


def test_the_example_content_is_judged_at_a_fixed_date(checked):
    # Time rules must not start failing the demo as the calendar moves on.
    assert checked.content.site.as_of is not None


def _records(folder: Path) -> list[Path]:
    return [
        path
        for path in folder.iterdir()
        if (path.suffix == ".md" and path.is_file()) or (path / "index.md").is_file()
    ]

"""The home page and the counselor's overview show the next deadlines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rules.builders import Root

from generator.batch import Options, run, stored_results
from generator.render.overview import write_overview

from .conftest import built

AS_OF = dt.date(2024, 11, 20)


def _schedule(root: Root) -> None:
    root.schedule(
        {
            "year": 113,
            "semester": 1,
            "upload": {"start": "2024-09-01", "end": "2024-11-30"},
            "certification": {"start": "2024-09-01", "end": "2025-01-10"},
        },
        {
            "year": 112,
            "semester": 2,
            "upload": {"start": "2024-02-01", "end": "2024-06-30"},
        },
    )


def test_the_home_page_lists_open_windows_soonest_first(
    root: Root, tmp_path: Path
) -> None:
    _schedule(root)

    site = built(root, tmp_path / "out", as_of=AS_OF)

    page = site.read("index.html")
    assert "剩 10 天" in page and "2024-11-30 截止" in page
    assert "剩 51 天" in page
    assert page.index("剩 10 天") < page.index("剩 51 天")
    assert "2024-06-30" not in page


def test_a_site_without_a_schedule_shows_no_deadlines(
    root: Root, tmp_path: Path
) -> None:
    site = built(root, tmp_path / "out", as_of=AS_OF)

    assert 'id="deadlines"' not in site.read("index.html")


def test_the_overview_shows_each_students_next_deadlines(
    root: Root, tmp_path: Path
) -> None:
    _schedule(root)
    options = Options(out=tmp_path / "out", as_of=AS_OF, pdf=False)
    list(run([root.path], options, jobs=1))

    write_overview(options.out, stored_results([root.path], options.out), "zh-TW",
                   {"outcomes_year": 6, "outcomes_total": 18,
                    "performances_year": 10, "performances_total": 30})  # fmt: skip

    overview = (options.out / "index.html").read_text(encoding="utf-8")
    assert "課程學習成果上傳期間：2024-11-30（剩 10 天" in overview

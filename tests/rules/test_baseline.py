"""The baseline: a valid root gives no findings, so each test's finding is its own."""

from __future__ import annotations

import datetime as dt

from .builders import AS_OF, JPEG, MP3, PNG, Root


def test_a_valid_root_has_no_findings(root: Root) -> None:
    root.site(as_of=AS_OF)
    root.file("portrait.jpg", JPEG)
    root.profile(photo="portrait.jpg", student_id="1130123")
    root.yaml("courses.yaml", [{"year": 113, "semester": 1, "subject": "物理"}])
    root.yaml("cadres.yaml", [{"year": 113, "unit": "一年三班", "position": "班長"}])
    root.file("outcomes/lab.mp3", MP3)
    root.file("outcomes/setup.png", PNG)
    root.outcome(
        "lab",
        body="![單擺實驗裝置](setup.png)\n",
        media="lab.mp3",
        certification="certified",
        submitted=True,
        date=dt.date(2024, 12, 20),
    )
    root.performance("fair", submitted=True, link="https://github.com/example/fair")
    root.performance("club", category="團體活動時間紀錄", kind="社團")
    root.performance("later", start=dt.date(2025, 3, 1), submitted=114)
    root.application("ntu", outcomes=["lab"], performances=["fair", "later"])
    root.schedule(
        {
            "year": 113,
            "semester": 2,
            "upload": {"start": dt.date(2025, 6, 20), "end": dt.date(2025, 7, 10)},
        }
    )

    assert root.check(as_of=AS_OF) == []

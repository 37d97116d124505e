"""Synthetic students for benchmarks: realistic Traditional Chinese records, images
and PDF evidence, the same every time for the same seed.

    python bench/synthetic.py OUT --students 40 --records 60 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
from pathlib import Path

import pypdf
from PIL import Image, ImageDraw

SUBJECTS = ["國語文", "英語文", "數學", "物理", "化學", "生物", "地球科學", "歷史",
            "地理", "公民與社會", "資訊科技", "生活科技", "音樂", "美術"]  # fmt: skip
CATEGORIES = ["flexible", "group", "cadre", "service", "competition", "works",
              "workplace", "advanced-course", "certificate", "other"]  # fmt: skip
PHRASES = [
    "這次的學習讓我重新思考問題的本質",
    "我們小組分工蒐集資料並反覆討論",
    "實驗數據與理論值有些差距，我們檢查了測量方法",
    "老師提醒我們注意變因的控制",
    "我把結果整理成圖表，並在課堂上報告",
    "過程中最大的困難是時間的安排",
    "我學會如何查找可靠的文獻來源",
    "這個經驗讓我更確定未來想就讀的方向",
    "同學的回饋幫助我修正了原本的想法",
    "我嘗試用程式自動化處理重複的步驟",
    "走訪社區之後，我對公共議題有了新的體會",
    "比賽前的練習很辛苦，但也讓我看見自己的進步",
]


def paragraph(rng: random.Random, sentences: int) -> str:
    return "，".join(rng.choice(PHRASES) for _ in range(sentences)) + "。"


def body(rng: random.Random, characters: int = 1000) -> str:
    parts = ["## 動機與過程", ""]
    while sum(len(p) for p in parts) < characters * 0.6:
        parts += [paragraph(rng, rng.randint(3, 6)), ""]
    parts += ["## 反思與收穫", ""]
    while sum(len(p) for p in parts) < characters:
        parts += [paragraph(rng, rng.randint(3, 6)), ""]
    return "\n".join(parts)


def jpeg(rng: random.Random, width: int = 960, height: int = 640) -> bytes:
    image = Image.new(
        "RGB", (width, height), tuple(rng.randrange(40, 220) for _ in range(3))
    )
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        box = (
            sorted(rng.randrange(width) for _ in range(2)),
            sorted(rng.randrange(height) for _ in range(2)),
        )
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.rectangle([box[0][0], box[1][0], box[0][1], box[1][1]], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def pdf(pages: int = 1, title: str = "evidence") -> bytes:
    """A small real PDF; the title makes every record's file distinct."""
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _front(fields: dict[str, object]) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, list):
            value = "[" + ", ".join(str(v) for v in value) + "]"
        lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def make_student(
    root: Path, records: int = 60, seed: int = 1, images: bool = True
) -> Path:
    """Write one student with `records` records (a third outcomes) into `root`."""
    rng = random.Random(seed)
    enrolled = 113
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text("language: zh-TW\nas_of: 2026-11-20\n", "utf-8")
    (root / "profile.md").write_text(
        _front({"name": f"學生{seed:04d}", "school": "示範高中", "enrolled": enrolled})
        + "\n"
        + paragraph(rng, 5)
        + "\n",
        "utf-8",
    )
    outcomes = records // 3
    terms = [(113, 1), (113, 2), (114, 1), (114, 2), (115, 1)]
    ticked_outcomes: dict[int, int] = {}
    certified: dict[tuple[int, int], int] = {}
    outcome_ids, performance_ids = [], []
    for index in range(outcomes):
        year, semester = terms[index % len(terms)]
        record_id = f"outcome-{index:03d}"
        folder = root / "outcomes" / record_id
        folder.mkdir(parents=True, exist_ok=True)
        sent = certified.get((year, semester), 0) < 10
        certified[(year, semester)] = certified.get((year, semester), 0) + sent
        ticked = sent and ticked_outcomes.get(year, 0) < 6 and index % 2 == 0
        ticked_outcomes[year] = ticked_outcomes.get(year, 0) + ticked
        fields: dict[str, object] = {
            "title": f"{rng.choice(SUBJECTS)}學習成果 {index + 1}",
            "course": rng.choice(SUBJECTS),
            "credits": rng.randint(1, 4),
            "year": year,
            "semester": semester,
            "summary": paragraph(rng, 2)[:90],
            "document": "report.pdf",
            "certification": "certified" if sent else "draft",
            "submitted": "true" if ticked else "false",
            "kind": rng.choice(["report", "work", "science", "social"]),
            "tags": [rng.choice(SUBJECTS)],
        }
        text = body(rng)
        if images and index % 3 == 0:
            (folder / "photo.jpg").write_bytes(jpeg(rng))
            text += "\n![實驗照片](photo.jpg)\n"
        (folder / "report.pdf").write_bytes(pdf(title=f"{seed}-{record_id}"))
        (folder / "index.md").write_text(_front(fields) + "\n" + text, "utf-8")
        if ticked:
            outcome_ids.append(record_id)

    ticked_performances: dict[int, int] = {}
    for index in range(records - outcomes):
        start = dt.date(2024, 8, 15) + dt.timedelta(days=7 * index % 700)
        year = start.year - 1911 - (0 if start.month >= 8 else 1)
        record_id = f"performance-{index:03d}"
        ticked = ticked_performances.get(year, 0) < 10 and index % 3 == 0
        ticked_performances[year] = ticked_performances.get(year, 0) + ticked
        fields = {
            "title": f"多元表現 {index + 1}",
            "category": CATEGORIES[index % len(CATEGORIES)],
            "start": start.isoformat(),
            "summary": paragraph(rng, 2)[:90],
            "document": f"{record_id}.pdf",
            "submitted": "true" if ticked else "false",
        }
        folder = root / "performances"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record_id}.pdf").write_bytes(pdf(title=f"{seed}-{record_id}"))
        (folder / f"{record_id}.md").write_text(
            _front(fields) + "\n" + body(rng, 500), "utf-8"
        )
        if ticked:
            performance_ids.append(record_id)

    applications = root / "applications"
    applications.mkdir(exist_ok=True)
    statements = "\n".join(
        f"## {name}\n\n{paragraph(rng, 6)}\n"
        for name in (
            "多元表現綜整心得",
            "學習歷程反思",
            "就讀動機",
            "未來學習計畫與生涯規劃",
        )
    )
    (applications / "target.md").write_text(
        _front({"university": "示範大學", "department": "資訊工程學系",
                "outcomes": outcome_ids[:3], "performances": performance_ids[:10]})
        + "\n" + statements,
        "utf-8",
    )  # fmt: skip
    return root


def make_school(out: Path, students: int, records: int, seed: int) -> list[Path]:
    return [
        make_student(out / f"student-{n:04d}", records, seed + n)
        for n in range(students)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--students", type=int, default=1)
    parser.add_argument("--records", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    make_school(args.out, args.students, args.records, args.seed)


if __name__ == "__main__":
    main()

"""Small content roots for the rule tests, written file by file into tmp_path.

`Root` writes a valid student by default: every record it makes passes every
rule unless a test overrides a field. Passing a field as None leaves it out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from generator.findings import Finding
from generator.project import check_root

AS_OF = dt.date(2025, 6, 1)
ENROLLED = 113

# Just enough of each format for the checker, which judges by magic bytes.
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x64\x00\x00\x00\x00"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom\x00\x00\x00\x08free"
DOCX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"

STATEMENTS = (
    "## 多元表現綜整心得\n\n我在競賽中學會合作。\n\n"
    "## 學習歷程反思\n\n我從失敗中學習。\n\n"
    "## 就讀動機\n\n我想研究資訊科學。\n\n"
    "## 未來學習計畫與生涯規劃\n\n我計畫修習演算法。\n"
)


class Hit(NamedTuple):
    """What a test asserts of a finding: rule, severity, file and line."""

    rule: str
    severity: str
    file: str
    line: int | None


def _merge(defaults: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    merged = {**defaults, **fields}
    return {key: value for key, value in merged.items() if value is not None}


class Root:
    """One student's content root under construction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)

    # -- plain files -----------------------------------------------------------

    def file(self, rel: str, data: bytes = PDF) -> Path:
        path = self.path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def sized(self, rel: str, size: int, head: bytes = PDF) -> Path:
        """A file of exactly `size` bytes that starts with `head` (sparse)."""
        path = self.file(rel, head)
        with path.open("r+b") as handle:
            handle.truncate(size)
        return path

    def text(self, rel: str, text: str) -> Path:
        return self.file(rel, text.encode("utf-8"))

    def yaml(self, rel: str, data: Any) -> Path:
        return self.text(rel, _dump(data))

    def record(self, rel: str, fields: dict[str, Any], body: str = "") -> Path:
        """A Markdown file with YAML front matter; the first key is on line 2."""
        return self.text(rel, f"---\n{_dump(fields)}---\n{body}")

    # -- content files ---------------------------------------------------------

    def site(self, **fields: Any) -> Path:
        return self.yaml("site.yaml", _merge({"title": "我的學習歷程"}, fields))

    def profile(self, body: str = "我喜歡物理與程式。\n", **fields: Any) -> Path:
        defaults = {"name": "王小明", "school": "臺北市立建國高級中學"}
        defaults["enrolled"] = ENROLLED
        return self.record("profile.md", _merge(defaults, fields), body)

    def outcome(
        self, record_id: str, body: str = "", bundle: bool = False, **fields: Any
    ) -> Path:
        """A course outcome of 113-1 with a PDF beside it (draft, not ticked).

        A bundle is a folder holding index.md and its files.
        """
        folder = f"outcomes/{record_id}/" if bundle else "outcomes/"
        rel = f"{folder}index.md" if bundle else f"{folder}{record_id}.md"
        defaults = {
            "title": f"物理實驗報告 {record_id}",
            "course": "物理",
            "credits": 2,
            "year": ENROLLED,
            "semester": 1,
            "summary": "測量單擺週期並估算重力加速度。",
            "document": f"{record_id}.pdf",
        }
        if "document" not in fields:
            self.file(f"{folder}{record_id}.pdf")
        return self.record(rel, _merge(defaults, fields), body)

    def outcomes(self, count: int, prefix: str = "o", **fields: Any) -> list[str]:
        """`count` outcomes named o01, o02, … sharing the same fields."""
        ids = [f"{prefix}{number:02d}" for number in range(1, count + 1)]
        for record_id in ids:
            self.outcome(record_id, **fields)
        return ids

    def performance(self, record_id: str, body: str = "", **fields: Any) -> Path:
        """A school competition of October 2024 with a PDF beside it."""
        defaults = {
            "title": f"校內科展 {record_id}",
            "category": "competition",
            "start": dt.date(2024, 10, 5),
            "summary": "以自製感測器參加校內科展。",
            "document": f"{record_id}.pdf",
        }
        if "document" not in fields:
            self.file(f"performances/{record_id}.pdf")
        rel = f"performances/{record_id}.md"
        return self.record(rel, _merge(defaults, fields), body)

    def performances(self, count: int, prefix: str = "p", **fields: Any) -> list[str]:
        ids = [f"{prefix}{number:02d}" for number in range(1, count + 1)]
        for record_id in ids:
            self.performance(record_id, **fields)
        return ids

    def application(
        self, record_id: str, body: str = STATEMENTS, **fields: Any
    ) -> Path:
        """A department with all four statements in its body and no picks."""
        defaults = {"university": "國立臺灣大學", "department": "資訊工程學系"}
        rel = f"applications/{record_id}.md"
        return self.record(rel, _merge(defaults, fields), body)

    def schedule(self, *terms: dict[str, Any]) -> Path:
        return self.yaml("schedule.yaml", {"terms": list(terms)})

    # -- reading the result ----------------------------------------------------

    def line(self, rel: str, text: str, after: int = 0) -> int:
        """The number of the first line after line `after` that contains `text`."""
        lines = (self.path / rel).read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines, start=1):
            if number > after and text in line:
                return number
        raise AssertionError(f"{text!r} is not in {rel}")

    def findings(self, *, as_of: dt.date) -> list[Finding]:
        return check_root(self.path, as_of=as_of).findings.sorted()

    def check(self, *, as_of: dt.date) -> list[Hit]:
        """Every finding as (rule, severity, file, line), in file order."""
        return [
            Hit(f.rule, f.severity, f.file, f.line) for f in self.findings(as_of=as_of)
        ]

    def hits(self, rule: str, *, as_of: dt.date) -> list[Hit]:
        """The findings of one rule only."""
        return [hit for hit in self.check(as_of=as_of) if hit.rule == rule]


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def make_root(tmp_path: Path) -> Root:
    """A content root holding only a valid profile."""
    root = Root(tmp_path / "content")
    root.profile()
    return root

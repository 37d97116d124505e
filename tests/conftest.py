"""Shared fixtures: one small student content root in tmp_path, file by file.

The rule tests in tests/rules/ have their own builders; these serve the tests
of reading, the command line, the schema and the property tests.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from generator import parallel
from generator.findings import Finding
from generator.project import Checked, check_root

AS_OF = dt.date(2025, 6, 1)
# Work is shared with a forked child only on Linux with two or more cores.
needs_fork = pytest.mark.skipif(
    not sys.platform.startswith("linux") or parallel.cores() < 2,
    reason="work is shared only on Linux with two or more cores",
)
PROFILE = "---\nname: 王小明\nenrolled: 113\n---\n我喜歡物理。\n"
# Just enough of a PDF for the checker, which judges formats by magic bytes.
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
# Sample front matter of each record kind, field by field as YAML text; each
# sample passes every rule (the PDFs it names are written beside it).
SAMPLES: dict[str, dict[str, str]] = {
    "outcome": {
        "title": "單擺實驗",
        "course": "物理",
        "credits": "2",
        "year": "113",
        "semester": "1",
        "summary": "量測單擺週期並估計重力加速度。",
        "document": "report.pdf",
    },
    "performance": {
        "title": "程式設計競賽",
        "category": "competition",
        "start": "2024-10-05",
        "summary": "與同學合作解題，獲得佳作。",
        "document": "award.pdf",
    },
    "application": {
        "university": "國立臺灣大學",
        "department": "物理學系",
        "items": "[A, B]",
    },
}
FOLDERS = {"outcome": "outcomes", "performance": "performances",
           "application": "applications"}  # fmt: skip


def fields_of(kind: str, **changes: str | None) -> dict[str, str]:
    """A sample's fields with `changes` applied; None leaves a field out.

    A changed field keeps its place; a new one goes last.
    """
    merged = {**SAMPLES[kind], **changes}
    return {key: value for key, value in merged.items() if value is not None}


def front_matter(fields: dict[str, str]) -> str:
    return "".join(f"{key}: {value}\n" for key, value in fields.items())


def line_of(fields: dict[str, str], name: str) -> int:
    """The file line a field stands on; line 1 is the opening `---`."""
    return list(fields).index(name) + 2


class Student:
    """One content root: write files into it, check it, read the findings."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.path.mkdir(parents=True, exist_ok=True)

    def write(self, rel: str, text: str) -> Path:
        return self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> Path:
        path = self.path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def record(self, rel: str, front: str, body: str = "正文。\n") -> Path:
        """A Markdown record: `front` between the two `---` lines, then `body`."""
        return self.write(rel, f"---\n{front}---\n{body}")

    def sample(
        self, kind: str, name: str, body: str = "正文。\n", **changes: str | None
    ) -> Path:
        """A record made from the sample of its kind; see `fields_of`."""
        rel = f"{FOLDERS[kind]}/{name}.md"
        fields = fields_of(kind, **changes)
        document = fields.get("document")
        if document is not None and document == SAMPLES[kind].get("document"):
            self.write_bytes(f"{Path(rel).parent}/{document}", PDF)
        return self.record(rel, front_matter(fields), body)

    def outcome(self, name: str = "pendulum", **changes: str | None) -> Path:
        return self.sample("outcome", name, **changes)

    def performance(self, name: str = "contest", **changes: str | None) -> Path:
        return self.sample("performance", name, **changes)

    def application(
        self, name: str = "ntu", body: str = "", **changes: str | None
    ) -> Path:
        return self.sample("application", name, body, **changes)

    def check(
        self, as_of: dt.date | None = AS_OF, language: str | None = None
    ) -> Checked:
        return check_root(self.path, as_of=as_of, language=language)

    def findings(
        self, file: str | None = None, language: str | None = None
    ) -> list[Finding]:
        """The findings of a check, sorted; only those on `file` when given."""
        found = self.check(language=language).findings.sorted()
        return [f for f in found if file is None or f.file == file]

    def rules(self, file: str | None = None) -> list[str]:
        return [f.rule for f in self.findings(file)]


@pytest.fixture
def student(tmp_path: Path) -> Student:
    """A content root holding a valid profile and nothing else."""
    root = Student(tmp_path / "student")
    root.write("profile.md", PROFILE)
    return root

"""Authoring help: a starter content root (`init`) and commented records (`new`).

These are the only writers into a content root, and they never overwrite: an
existing file is left exactly as it was.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator import fields as fieldspec
from generator import schema

SCHEMA_FOLDER = "schema"
RECORD_KINDS = {"outcome": "outcomes", "performance": "performances",
                "application": "applications"}  # fmt: skip
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")

# Example values for the templates; every field a record may hold is listed.
_EXAMPLES: dict[str, dict[str, str]] = {
    "outcome": {
        "title": "{title}",
        "course": "物理",
        "credits": "2",
        "year": "{year}",
        "semester": "1",
        "date": "{today}",
        "summary": "用 100 字內寫出這份成果的重點與亮點。",
        "document": "report.pdf",
        "media": "talk.mp4",
        "certification": "draft",
        "teacher": "王老師",
        "submitted": "false",
        "kind": "report",
        "tags": "[物理, 實驗]",
        "private": "false",
    },
    "performance": {
        "title": "{title}",
        "category": "competition",
        "start": "{today}",
        "end": "{today}",
        "summary": "用 100 字內寫出這次表現的重點與亮點。",
        "document": "certificate.pdf",
        "media": "demo.mp4",
        "link": "https://example.org/my-work",
        "submitted": "false",
        "item": "J",
        "tags": "[程式]",
        "private": "false",
        "organizer": "教育部",
        "level": "national",
        "award": "佳作",
    },
    "application": {
        "university": "國立臺灣大學",
        "department": "資訊工程學系",
        "code": "'001012'",  # quoted: a leading zero would read as octal
        "outcomes": "[]",
        "performances": "[]",
        "items": "[A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q]",
        "limits": "{{highlights: 800}}",  # braces doubled for str.format
        "private": "false",
    },
}

_REQUIRED_SHOWN = {"outcome": {"title", "course", "credits", "year", "semester"},
                   "performance": {"title", "category", "start"},
                   "application": {"university", "department"}}  # fmt: skip

_BODIES = {
    "outcome": "\n## 學習歷程\n\n寫下你做了什麼、遇到什麼困難、怎麼解決。\n\n"
    "## 反思\n\n這份成果讓你學到什麼？和你想讀的科系有什麼關係？\n",
    "performance": "\n## 經過\n\n這次活動做了什麼、你扮演什麼角色。\n\n"
    "## 收穫\n\n你從中學到什麼？\n",
    "application": "\n## 多元表現綜整心得\n\n（800 字內，最多 3 張圖）\n\n"
    "## 學習歷程反思\n\n\n## 就讀動機\n\n\n## 未來學習計畫與生涯規劃\n\n",
}


@dataclass
class Written:
    """What a scaffold command did: files created and files left alone."""

    created: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def write_new(path: Path, text: str, written: Written) -> None:
    if path.exists() or path.is_symlink():
        written.skipped.append(path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    written.created.append(path)


def write_schemas(root: Path, written: Written) -> None:
    """One schema file per kind, which editors find through a modeline."""
    for kind in schema.KINDS:
        write_new(root / SCHEMA_FOLDER / f"{kind}.json", schema_text(kind), written)


def schema_text(kind: str) -> str:
    """One kind's schema file, as `init` writes it."""
    return json.dumps(schema.document(kind), ensure_ascii=False, indent=2) + "\n"


def record_template(kind: str, title: str, year: int, today: str, language: str) -> str:
    """A record with every field explained in a comment; optional ones commented out."""
    specs = dict(fieldspec.definitions()[kind])
    if kind == "performance":
        specs.update(fieldspec.performance_extras("competition"))
    values = {"title": title, "year": str(year), "today": today}
    lines = ["---", f"# yaml-language-server: $schema=../{SCHEMA_FOLDER}/{kind}.json"]
    for name, spec in specs.items():
        example = _EXAMPLES[kind].get(name, "")
        example = example.format(**values)
        doc = fieldspec.field_doc(spec, language)
        required = "（必填）" if spec.get("required") else ""
        if language == "en":
            required = " (required)" if spec.get("required") else ""
        shown = name in _REQUIRED_SHOWN[kind]
        prefix = "" if shown else "# "
        lines.append(f"{prefix}{name}: {example}  # {doc}{required}")
    if kind == "performance":
        note = (
            "# Other categories have other extra fields: see the guide."
            if language == "en"
            else "# 其他類別有各自的額外欄位，請見說明文件。"
        )
        lines.append(note)
    lines.append("---")
    return "\n".join(lines) + "\n" + _BODIES[kind]


def new_record(
    root: Path, kind: str, name: str, year: int, today: str, language: str
) -> tuple[Path | None, Written]:
    """Write a new record file; returns its path (None when the name is unusable)."""
    written = Written()
    if not _NAME.match(name):
        return None, written
    path = root / RECORD_KINDS[kind] / f"{name}.md"
    if (root / RECORD_KINDS[kind] / name).exists():
        written.skipped.append(root / RECORD_KINDS[kind] / name)
        return path, written
    title = name.replace("-", " ").replace("_", " ")
    write_new(path, record_template(kind, title, year, today, language), written)
    if path in written.created:
        # The record's modeline points at the schema; a refused record writes none.
        write_schemas(root, written)
    return path, written


def init_root(root: Path, year: int, today: str, language: str) -> Written:
    """A starter content root: settings, a profile, one record of each kind."""
    written = Written()
    site = (
        f"# yaml-language-server: $schema={SCHEMA_FOLDER}/site.json\n"
        "title: 我的學習歷程檔案\n"
        f"language: {language}\n"
        "rules: taipei\n"
        "privacy:\n"
        "  show_student_id: false   # 學號預設不公開\n"
        "  publish_dossiers: false  # 備審 PDF 預設不放上網站\n"
        "  allow_indexing: false    # 預設不讓搜尋引擎收錄\n"
    )
    write_new(root / "site.yaml", site, written)
    profile = (
        "---\n"
        f"# yaml-language-server: $schema={SCHEMA_FOLDER}/profile.json\n"
        "name: 你的名字\n"
        "school: 你的學校\n"
        f"enrolled: {year}            # 入學學年度（民國年）\n"
        "# class: 101\n"
        "# student_id: 11300001     # 學號，預設不公開\n"
        "# email: me@example.org\n"
        "interests: [寫下你的興趣]\n"
        "---\n\n"
        "在這裡寫你的自我介紹。\n"
    )
    write_new(root / "profile.md", profile, written)
    for kind in RECORD_KINDS:
        new_written = new_record(root, kind, f"my-first-{kind}", year, today, language)[
            1
        ]
        written.created += new_written.created
        written.skipped += new_written.skipped
    write_schemas(root, written)
    return written


def is_started(root: Path) -> bool:
    return (root / "profile.md").exists() or (root / "site.yaml").exists()

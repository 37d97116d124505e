"""The counselor's overview of a batch: one page, a CSV and a JSON of every finding.

Only relative links, no timestamps: the same batch gives the same files, and
shards that share an output folder add up to the overview of the whole.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from generator.render import theme

if TYPE_CHECKING:
    from generator.batch import StudentResult

CSV_COLUMNS = ("student", "name", "rule", "severity", "file", "line", "column",
               "message", "hint")  # fmt: skip


def findings_rows(results: list[StudentResult]) -> list[dict[str, object]]:
    rows = []
    for result in results:
        for finding in result.findings:
            rows.append({"student": result.folder, "name": result.name, **finding})
        if result.failure:
            rows.append(
                {"student": result.folder, "name": result.name, "rule": "build-failed",
                 "severity": "error", "file": "", "line": None, "column": None,
                 "message": result.failure, "hint": ""}
            )  # fmt: skip
    return rows


def write_csv(path: Path, results: list[StudentResult]) -> None:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in findings_rows(results):
        writer.writerow(
            {k: "" if row.get(k) is None else row.get(k) for k in CSV_COLUMNS}
        )
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8", newline="")


def write_json(path: Path, results: list[StudentResult]) -> None:
    rows = findings_rows(results)
    data = {
        "students": [
            {key: value for key, value in r.stored().items() if key != "findings"}
            for r in results
        ],
        "findings": rows,
        "errors": sum(1 for r in rows if r["severity"] == "error"),
        "warnings": sum(1 for r in rows if r["severity"] == "warning"),
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")


def write_overview(
    out: Path, results: list[StudentResult], language: str, limits: dict[str, int]
) -> Path:
    """Write index.html, findings.csv and findings.json into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    results = sorted(results, key=lambda r: r.folder)
    env = theme.environment(theme.theme_folders(None, None), language)
    page = env.get_template("overview.html").render(
        theme.page_context(
            "index.html",
            students=results,
            limits=limits,
            errors=sum(r.errors for r in results),
            warnings=sum(r.warnings for r in results),
            failed=sum(1 for r in results if r.failed),
            rules=_rule_counts(results),
        )
    )
    (out / "index.html").write_text(page, encoding="utf-8", newline="\n")
    write_csv(out / "findings.csv", results)
    write_json(out / "findings.json", results)
    return out / "index.html"


def _rule_counts(results: list[StudentResult]) -> list[tuple[str, int]]:
    counts: dict[str, set[str]] = {}
    for result in results:
        for finding in result.findings:
            counts.setdefault(finding["rule"], set()).add(result.folder)
    return sorted(
        ((rule, len(s)) for rule, s in counts.items()), key=lambda x: (-x[1], x[0])
    )

"""The yearly receipt lists exactly the ticked records, and never reaches the site."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from generator.cli import main
from generator.render.receipt import build_receipt, default_year
from tests.conftest import PDF, Student

AS_OF = dt.date(2026, 9, 1)
CONSULTATIONS = """\
- date: 2025-05-14
  teacher: 邱老師
  topic: 選修規劃
  notes: 建議修讀物理選修。秘密諮詢內容一
- date: 2025-10-01
  teacher: 邱老師
  topic: 高三規劃
  notes: 秘密諮詢內容二
"""


@pytest.fixture
def ticked(student: Student) -> Student:
    """Year 113: one ticked outcome, one ticked and one unticked performance."""
    student.outcome(
        "pendulum", certification="certified", submitted="true", summary="單擺。"
    )
    student.outcome("draft-essay", year="113", semester="2", summary="草稿。")
    student.performance("contest", submitted="true", summary="佳作。")
    student.performance("later", start="2025-03-01", submitted="114", summary="後勾。")
    student.performance("unticked", start="2024-11-01", summary="沒勾。")
    student.write("consultations.yaml", CONSULTATIONS)
    return student


def test_the_receipt_lists_the_ticked_records_of_the_year_only(ticked: Student) -> None:
    receipt = build_receipt(ticked.check(as_of=AS_OF), 113)

    assert [line.title for line in receipt.outcomes] == ["單擺實驗"]
    assert [line.title for line in receipt.performances] == ["程式設計競賽"]


def test_a_performance_ticked_in_a_later_year_is_on_that_years_receipt(
    ticked: Student,
) -> None:
    receipt = build_receipt(ticked.check(as_of=AS_OF), 114)

    assert [line.number for line in receipt.performances] == [1]
    assert receipt.outcomes == []


def test_evidence_is_named_with_its_size_and_sha256(ticked: Student) -> None:
    receipt = build_receipt(ticked.check(as_of=AS_OF), 113)

    [evidence] = receipt.outcomes[0].evidence
    assert (evidence.field, evidence.name) == ("document", "report.pdf")
    assert evidence.size == len(PDF)
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()


def test_consultations_of_the_school_year_are_listed(ticked: Student) -> None:
    receipt = build_receipt(ticked.check(as_of=AS_OF), 113)

    assert [c["topic"] for c in receipt.consultations] == ["選修規劃"]


def test_the_default_year_is_the_latest_with_ticks(ticked: Student) -> None:
    assert default_year(ticked.check(as_of=AS_OF)) == 114


def test_the_command_writes_html_and_pdf_beside_the_site(
    ticked: Student, tmp_path: Path
) -> None:
    out = tmp_path / "out"

    code = main(["receipt", str(ticked.path), "--year", "113", "-o", str(out),
                 "--as-of", AS_OF.isoformat()])  # fmt: skip

    assert code == 0
    html = (out / "receipt" / "113.html").read_text(encoding="utf-8")
    assert "單擺實驗" in html and "程式設計競賽" in html
    assert "沒勾" not in html
    assert (out / "receipt" / "113.pdf").read_bytes().startswith(b"%PDF-")


def test_neither_receipt_nor_consultations_reach_the_site(
    ticked: Student, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    main(["receipt", str(ticked.path), "-o", str(out), "--as-of", AS_OF.isoformat()])

    code = main(["build", str(ticked.path), "-o", str(out), "--no-pdf",
                 "--as-of", AS_OF.isoformat()])  # fmt: skip

    assert code == 0
    site = out / "site"
    assert not any("receipt" in p.name for p in site.rglob("*"))
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "秘密諮詢內容" not in text
        assert "選修規劃" not in text

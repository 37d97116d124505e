"""Text rules: a summary (簡述) on every record, of at most 100 characters."""

from __future__ import annotations

import pytest

from .builders import AS_OF, Hit, Root

LAB = "outcomes/lab.md"


@pytest.mark.parametrize(
    ("summary", "count"),
    [
        ("字" * 100, 100),
        ("字" * 101, 101),
        ("字" * 99 + "。", 100),
        ("字" * 99 + "，！", 101),
        ("a" * 50 + " " + "b" * 49, 100),
        ("a" * 50 + "  " + "b" * 49, 101),
        ("  " + "字" * 100 + "  ", 100),
        ("\u3000" + "字" * 100 + "\u3000", 100),
        ("e\u0301" * 100, 100),
        ("é" * 101, 101),
        ("😀" * 100, 100),
        ("字" * 50 + "\n" + "字" * 49, 100),
        ("字" * 50 + "\n" + "字" * 50, 101),
    ],
    ids=[
        "100 han",
        "101 han",
        "99 han and a full-width period",
        "99 han and two full-width marks",
        "an inner space",
        "two inner spaces",
        "ends trimmed",
        "ideographic spaces at the ends trimmed",
        "decomposed accents composed by NFC",
        "101 accented letters",
        "100 emoji, one code point each",
        "a line break counts as one",
        "a line break and 100 han",
    ],
)
def test_a_summary_may_hold_100_code_points(
    root: Root, summary: str, count: int
) -> None:
    root.outcome("lab", summary=summary)

    found = root.check(as_of=AS_OF)

    if count <= 100:
        assert found == []
    else:
        line = root.line(LAB, "summary:")
        assert found == [Hit("summary-too-long", "error", LAB, line)]


def test_summary_of_101_characters_is_an_error(root: Root) -> None:
    root.outcome("lab", summary="字" * 101)

    [finding] = root.findings(as_of=AS_OF)

    assert (finding.rule, finding.severity) == ("summary-too-long", "error")
    assert (finding.file, finding.line) == (LAB, root.line(LAB, "summary:"))
    assert "101" in finding.message


def test_a_summary_too_long_on_a_performance_is_an_error(root: Root) -> None:
    root.performance("fair", summary="字" * 101)

    rel = "performances/fair.md"
    assert root.check(as_of=AS_OF) == [
        Hit("summary-too-long", "error", rel, root.line(rel, "summary:"))
    ]


@pytest.mark.parametrize("kind", ["outcome", "performance"])
def test_a_record_without_a_summary_is_a_warning(root: Root, kind: str) -> None:
    getattr(root, kind)("lab", summary=None)

    rel = f"{kind}s/lab.md"
    assert root.check(as_of=AS_OF) == [
        Hit("summary-missing", "warning", rel, root.line(rel, "title:"))
    ]


def test_an_empty_summary_is_missing_where_it_stands(root: Root) -> None:
    root.record(
        "outcomes/lab.md",
        {"title": "實驗", "course": "物理", "credits": 2, "year": 113, "semester": 1},
        "",
    )
    root.file("outcomes/lab.pdf")
    text = (root.path / LAB).read_text(encoding="utf-8")
    root.text(LAB, text.replace("---\n", "---\nsummary:\ndocument: lab.pdf\n", 1))

    assert root.check(as_of=AS_OF) == [
        Hit("summary-missing", "warning", LAB, root.line(LAB, "summary:"))
    ]


def test_a_silenced_summary_warning_is_not_reported(root: Root) -> None:
    root.site(silence=["summary-missing"])
    root.outcome("lab", summary=None)

    assert root.check(as_of=AS_OF) == []


def test_a_misspelled_summary_is_reported_once_as_an_unknown_field(
    root: Root,
) -> None:
    root.outcome("lab", summary=None, sumary="測量單擺週期。")

    assert [hit.rule for hit in root.check(as_of=AS_OF)] == ["unknown-field"]


@pytest.mark.parametrize("summary", ["   ", ["一", "二"], {"zh": "簡述"}])
def test_a_summary_of_the_wrong_type_is_reported_once(
    root: Root, summary: object
) -> None:
    root.outcome("lab", summary=summary)

    assert [hit.rule for hit in root.check(as_of=AS_OF)] == ["wrong-type"]

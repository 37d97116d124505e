"""The guide in docs/: a page per rule, current with its data, examples that are true.

Each rule's example is a content root written into tmp_path and checked: it
must break its rule and nothing else, and its fix must leave no finding, so
the page (made from the same example) tells what the checker really does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import fields as fieldspec
from generator import guide, i18n, origin
from generator.guide import examples as ex
from generator.guide import tables

REPOSITORY = Path(__file__).resolve().parent.parent
DOCS = REPOSITORY / "docs"
EXAMPLES = ex.examples()


def firing_examples() -> list[object]:
    """Every rule's example; those no content root can break are skipped."""
    params = []
    for rule, example in EXAMPLES.items():
        marks = []
        if not example.fires:
            reason = f"{rule} is illustrative: {example.illustrative['en']}"
            marks.append(pytest.mark.skip(reason=reason))
        params.append(pytest.param(example, id=rule, marks=marks))
    return params


@pytest.mark.parametrize("language", guide.LANGUAGES)
@pytest.mark.parametrize("rule", list(i18n.catalogue()))
def test_every_rule_has_a_page(rule, language):
    assert (DOCS / language / "rules" / f"{rule}.md").is_file()


@pytest.mark.parametrize("language", guide.LANGUAGES)
def test_no_page_stands_for_a_rule_that_is_gone(language):
    pages = {p.stem for p in (DOCS / language / "rules").glob("*.md")}

    assert pages - {"README"} == set(i18n.catalogue())


def test_every_rule_has_an_example():
    assert set(EXAMPLES) == set(i18n.catalogue())


def test_the_committed_guide_is_what_the_data_makes():
    # After changing a rule, an example or fields.yaml: make docs
    assert guide.stale(DOCS) == []


@pytest.mark.parametrize("example", firing_examples())
def test_each_example_breaks_its_rule_and_nothing_else(example, tmp_path):
    found = ex.check_example(example, tmp_path / "content", "en")

    assert {f.rule for f in found} == {example.rule}


@pytest.mark.parametrize("example", firing_examples())
def test_each_fix_leaves_the_example_clean(example, tmp_path):
    found = ex.check_example(example, tmp_path / "content", "en", mended=True)

    assert [f.rule for f in found] == []


@pytest.mark.parametrize("rule", [r for r, e in EXAMPLES.items() if not e.fires])
def test_only_printing_rules_are_illustrative(rule):
    assert i18n.catalogue()[rule]["area"] == "printing"


@pytest.mark.parametrize("rule", list(EXAMPLES))
def test_each_example_says_what_it_checks_in_both_languages(rule):
    assert set(EXAMPLES[rule].checks) == {"zh", "en"}


@pytest.mark.parametrize("language", guide.LANGUAGES)
def test_a_findings_guide_link_opens_an_existing_page(monkeypatch, language):
    monkeypatch.chdir(REPOSITORY)
    origin.origin.cache_clear()
    try:
        link = origin.guide_link("summary-too-long", language)
    finally:
        origin.origin.cache_clear()

    assert (REPOSITORY / link).is_file()


@pytest.mark.parametrize("kind", list(fieldspec.definitions()))
def test_every_field_in_the_guide_has_an_example(kind):
    if kind == "schedule-window":
        pytest.skip("a window is shown whole, in the schedule-term examples")
    rows = tables.field_rows(kind, "en")

    assert [row[0] for row in rows if not row[4]] in ([], ["`privacy`"])


@pytest.mark.parametrize("language", guide.LANGUAGES)
@pytest.mark.parametrize("page", ["records", "applications"])
def test_every_record_kind_the_reader_knows_has_a_table(language, page):
    text = (DOCS / language / f"{page}.md").read_text(encoding="utf-8")

    assert "<!-- generated: fields" in text


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: p.name)
def test_every_relative_link_in_the_guide_opens_a_file(page):
    text = page.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", text)

    missing = [t for t in targets if not (page.parent / t).is_file()]

    assert missing == []

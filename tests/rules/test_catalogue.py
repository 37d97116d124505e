"""The rule catalogue: the SPEC's stable names, and a check behind each rule."""

from __future__ import annotations

import pytest

from generator import i18n
from generator.rules import CHECKS, READING_RULES, _load_areas

# The rule names of SPEC.md's "Findings" table, by area, as users know them.
SPEC_RULES = {
    "reading": [
        "yaml-syntax",
        "invalid-encoding",
        "unknown-field",
        "missing-field",
        "wrong-type",
        "duplicate-id",
        "unknown-category",
    ],
    "files": [
        "file-missing",
        "file-outside-root",
        "file-format",
        "document-too-large",
        "media-too-large",
        "size-ambiguous",
        "no-evidence",
        "image-alt-missing",
    ],
    "links": ["link-not-allowed", "link-insecure", "link-impermanent"],
    "text": ["summary-missing", "summary-too-long"],
    "dates": ["date-before-enrollment", "date-in-future", "term-mismatch"],
    "course outcomes": [
        "course-without-credit",
        "certification-limit",
        "submitted-uncertified",
        "outcome-year-limit",
        "outcome-total-limit",
    ],
    "performances": ["performance-year-limit", "performance-total-limit"],
    "applications": [
        "application-too-many-outcomes",
        "application-too-many-performances",
        "application-unknown-record",
        "application-unsubmitted-record",
        "application-duplicate-record",
        "statement-missing",
        "statement-too-long",
        "statement-too-many-images",
    ],
    "privacy": ["national-id"],
    "calendar": ["deadline-passed", "deadline-soon"],
}
SPEC_WARNINGS = {
    "size-ambiguous",
    "image-alt-missing",
    "link-impermanent",
    "summary-missing",
    "statement-missing",
    "deadline-passed",
    "deadline-soon",
}
ALL_SPEC_RULES = [name for names in SPEC_RULES.values() for name in names]


@pytest.mark.parametrize("name", ALL_SPEC_RULES)
def test_every_rule_the_spec_names_is_in_the_catalogue(name: str) -> None:
    assert name in i18n.catalogue()


@pytest.mark.parametrize("name", ALL_SPEC_RULES)
def test_every_rule_the_spec_names_has_the_spec_severity(name: str) -> None:
    expected = "warning" if name in SPEC_WARNINGS else "error"
    assert i18n.catalogue()[name]["severity"] == expected


# Rules the build reports while printing dossiers; no check function runs them.
BUILD_AREAS = {"printing"}


@pytest.mark.parametrize("name", list(i18n.catalogue()))
def test_every_catalogue_rule_is_read_or_has_a_check(name: str) -> None:
    _load_areas()
    if i18n.catalogue()[name]["area"] in BUILD_AREAS:
        assert name not in CHECKS
        assert name not in READING_RULES
    else:
        assert (name in READING_RULES) != (name in CHECKS)


@pytest.mark.parametrize("name", READING_RULES)
def test_every_reading_rule_is_in_the_reading_area(name: str) -> None:
    assert i18n.catalogue()[name]["area"] == "reading"


def test_every_registered_check_is_in_the_catalogue() -> None:
    _load_areas()
    assert set(CHECKS) <= set(i18n.catalogue())

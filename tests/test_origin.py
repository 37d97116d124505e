"""Links back to the generator: the guide page of a rule, the version to install."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import origin
from generator.findings import Findings

COMMIT = "0123456789abcdef0123456789abcdef01234567"
REPOSITORY = Path(__file__).resolve().parent.parent


def use(monkeypatch: pytest.MonkeyPatch, found: origin.Origin) -> None:
    monkeypatch.setattr(origin, "origin", lambda: found)


def test_a_git_install_links_to_the_guide_of_its_own_commit(monkeypatch):
    use(monkeypatch, origin.Origin("https://github.com/school/gen", COMMIT))

    link = origin.guide_link("summary-too-long", "en")

    assert link == (
        f"https://github.com/school/gen/blob/{COMMIT}/docs/en/rules/summary-too-long.md"
    )


def test_a_checkout_links_to_the_file_relative_to_the_working_folder(monkeypatch):
    use(monkeypatch, origin.Origin(checkout=REPOSITORY))
    monkeypatch.chdir(REPOSITORY)

    link = origin.guide_link("national-id", "zh-TW")

    assert link == "docs/zh-TW/rules/national-id.md"


def test_a_checkout_elsewhere_links_to_the_whole_path(monkeypatch, tmp_path):
    use(monkeypatch, origin.Origin(checkout=REPOSITORY))
    monkeypatch.chdir(tmp_path)

    link = origin.guide_link("national-id", "en")

    assert link == str(REPOSITORY / "docs/en/rules/national-id.md")


def test_an_install_of_unknown_origin_names_the_page_in_the_repository(monkeypatch):
    use(monkeypatch, origin.Origin())

    assert origin.guide_link("file-format", "en") == "docs/en/rules/file-format.md"
    assert origin.requirement() == ""


def test_the_requirement_pins_the_installed_commit(monkeypatch):
    use(monkeypatch, origin.Origin("https://github.com/school/gen", COMMIT))

    assert origin.requirement() == f"git+https://github.com/school/gen@{COMMIT}"


def test_a_git_record_from_pip_is_read_as_repository_and_commit(monkeypatch):
    record = {"url": "https://github.com/school/gen.git",
              "vcs_info": {"vcs": "git", "commit_id": COMMIT}}  # fmt: skip
    monkeypatch.setattr(origin, "_SOURCE", Path("/nonexistent"))
    monkeypatch.setattr(origin, "_recorded", lambda: record)
    origin.origin.cache_clear()

    try:
        found = origin.origin()
    finally:
        origin.origin.cache_clear()

    assert found == origin.Origin("https://github.com/school/gen", COMMIT)


def test_every_finding_carries_its_guide_page(monkeypatch):
    use(monkeypatch, origin.Origin())
    findings = Findings(language="en")

    finding = findings.add("summary-missing", "outcomes/a.md")

    assert finding is not None
    assert finding.docs == "docs/en/rules/summary-missing.md"
    assert json.loads(json.dumps(finding.as_dict()))["docs"] == finding.docs

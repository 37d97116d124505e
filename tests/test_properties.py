"""Property tests: no input makes the checker raise, and findings keep their shape.

Random text, random bytes, garbled YAML and well-formed YAML with values of any
type go into one content file at a time; `check_root` must return findings
whose rule is in the catalogue and which name a file.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import AS_OF, PROFILE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import fields as fieldspec
from generator import i18n
from generator.project import check_root
from generator.rules import READING_RULES

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

MARKDOWN_FILES = [
    "outcomes/x.md",
    "outcomes/bundle/index.md",
    "performances/x.md",
    "applications/x.md",
    "profile.md",
]
YAML_FILES = [
    "site.yaml",
    "courses.yaml",
    "cadres.yaml",
    "schedule.yaml",
    "consultations.yaml",
]
FIELD_NAMES = sorted(
    {name for fields in fieldspec.definitions().values() for name in fields}
)

# Pieces of YAML and of what students type, glued at random into garbled YAML.
TOKENS = [
    *FIELD_NAMES,
    ":", ": ", ":\n", "-", "- ", "\n- ", "[", "]", "{", "}", ", ", "'", '"',
    "&a ", "*a", "&b ", "*b", "&a [*a]", "? ", "|", ">", "#", "!!int ", "!!timestamp ",
    "!!binary ", "!!python/object ", "<<: ", "%YAML 1.1", "@", "`", "\t", "  ",
    "    ", "\n", "\n\n", "---", "...", "\\", "%", "中文", "競賽參與紀錄", "物理",
    "2024-02-30", "2024-10-05", "2024-07-01 10:00", "114", "113", "0", "-1",
    "99999", "1e400", ".nan", "true", "no", "null", "~", "https://example.org",
    "http://", "report.pdf", "../x.pdf", "/etc/passwd", "A", "Q", "Z",
    "\u3000", "\u200b", "\ufeff", "\r\n", "\x85",
]  # fmt: skip

garbled_yaml = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["competition", "競賽參與紀錄", "certified", "report", "B"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=4),
    ),
    max_leaves=10,
)
# Well-formed YAML: known field names (and a few others) with values of any type.
field_mappings = st.dictionaries(
    st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8)),
    values,
    max_size=8,
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Where each example writes its content root afresh."""
    return tmp_path / "student"


def _fresh(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
    (root / "outcomes").mkdir(parents=True)
    (root / "performances").mkdir()
    (root / "applications").mkdir()
    (root / "profile.md").write_text(PROFILE, encoding="utf-8")


def _write(root: Path, rel: str, data: bytes) -> None:
    _fresh(root)
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _as_front_matter(rel: str, text: str) -> bytes:
    if rel.endswith(".md"):
        text = f"---\n{text}\n---\n正文\n"
    return text.encode("utf-8", errors="surrogatepass")


def _assert_well_formed(root: Path) -> None:
    for language in ("zh-TW", "en"):
        checked = check_root(root, as_of=AS_OF, language=language)
        for finding in checked.findings.items:
            assert finding.rule in i18n.catalogue()
            assert finding.severity in ("error", "warning")
            assert finding.file
            assert finding.message
            if finding.rule in READING_RULES:
                assert finding.line is not None, finding


@SETTINGS
@given(
    rel=st.sampled_from(MARKDOWN_FILES + YAML_FILES),
    text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
)
def test_random_text_as_content_never_raises(root, rel, text):
    _write(root, rel, _as_front_matter(rel, text))

    _assert_well_formed(root)


@SETTINGS
@given(rel=st.sampled_from(MARKDOWN_FILES + YAML_FILES), data=st.binary(max_size=200))
def test_random_bytes_as_a_content_file_never_raise(root, rel, data):
    _write(root, rel, data)

    _assert_well_formed(root)


@SETTINGS
@given(rel=st.sampled_from(MARKDOWN_FILES + YAML_FILES), text=garbled_yaml)
def test_garbled_yaml_never_raises(root, rel, text):
    _write(root, rel, _as_front_matter(rel, text))

    _assert_well_formed(root)


@settings(SETTINGS, max_examples=30)
@given(rel=st.sampled_from(MARKDOWN_FILES + YAML_FILES), data=field_mappings)
def test_any_value_in_any_field_never_raises(root, rel, data):
    text = yaml.safe_dump(data, allow_unicode=True)
    if rel in ("courses.yaml", "cadres.yaml", "consultations.yaml", "schedule.yaml"):
        text = yaml.safe_dump([data], allow_unicode=True)
    _write(root, rel, _as_front_matter(rel, text))

    _assert_well_formed(root)

"""Reading a content root: every bad input is a finding, every good one a record."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from conftest import Student, fields_of, line_of

from generator.rules import READING_RULES
from generator.terms import Term

MIB = 1024 * 1024
RECORD_FILES = ["outcomes/bad.md", "performances/bad.md", "applications/bad.md"]


def alias_bomb() -> bytes:
    """Billion laughs as front matter: nine levels of nine aliases each."""
    lines = ["---", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return ("\n".join([*lines, "---", ""])).encode()


# Bytes that cannot be read as a record, the one rule each gives, and its line
# (None: the line is not fixed here, but there must be one).
UNREADABLE = [
    pytest.param(b"---\ntitle: x\n  course: y\n---\n", "yaml-syntax", 3, id="yaml"),
    pytest.param(b"---\ntitle: x\ncourse: y\n", "yaml-syntax", 1, id="unclosed"),
    pytest.param(
        "---\ntitle: 中文\n---\n".encode("big5"), "invalid-encoding", 2, id="big5"
    ),
    pytest.param(
        "---\ntitle: 中文\n---\n".encode("utf-16"), "invalid-encoding", 1, id="utf-16"
    ),
    pytest.param(b"---\ntitle: a\x00b\n---\n", "invalid-encoding", 2, id="nul"),
    pytest.param(b"x" * (2 * MIB), "text-too-large", 1, id="2-mib"),
    pytest.param(alias_bomb(), "yaml-syntax", None, id="alias-bomb"),
    pytest.param(b"---\n- title\n- course\n---\n", "wrong-type", 2, id="list"),
    pytest.param(b"---\njust text\n---\n", "wrong-type", 2, id="scalar"),
    pytest.param(b"---\ntitle: a\x1fb\n---\n", "yaml-syntax", 2, id="control"),
    pytest.param(b"---\ndate: !!timestamp soon\n---\n", "yaml-syntax", 2, id="tag"),
]


def reading(findings):
    return [f for f in findings if f.rule in READING_RULES]


# -- robustness: bad input becomes a finding with its rule, file and line ------


@pytest.mark.parametrize("rel", [*RECORD_FILES, "profile.md"])
@pytest.mark.parametrize(("data", "rule", "line"), UNREADABLE)
def test_an_unreadable_file_gives_one_finding_with_its_rule_file_and_line(
    student, rel, data, rule, line
):
    student.write_bytes(rel, data)

    found = student.findings(rel)

    assert [f.rule for f in found] == [rule]
    assert found[0].line is not None
    if line is not None:
        assert found[0].line == line


def test_invalid_yaml_is_reported_with_its_line_and_column(student):
    student.record("outcomes/bad.md", "title: 實驗\ncourse: [物理, 化學\n")

    [finding] = student.findings("outcomes/bad.md")

    # Line 1 is the opening `---`; the list is still open where the YAML ends.
    assert (finding.rule, finding.line, finding.column) == ("yaml-syntax", 3, 16)
    assert finding.severity == "error"


def test_the_line_of_a_yaml_error_counts_the_opening_dashes(student):
    student.record("outcomes/bad.md", "title: 實驗\ncourse: 物理\n  credits: 2\n")

    [finding] = student.findings("outcomes/bad.md")

    assert finding.line == 4


def test_unclosed_front_matter_says_the_closing_line_is_missing(student):
    student.write("outcomes/bad.md", "---\ntitle: 實驗\n\n正文\n")

    [finding] = student.findings("outcomes/bad.md", language="en")

    assert finding.rule == "yaml-syntax"
    assert "closing ---" in finding.message


def test_a_big5_file_is_reported_as_big5(student):
    student.write_bytes("outcomes/big5.md", "---\ntitle: 中文\n---\n".encode("big5"))

    [finding] = student.findings("outcomes/big5.md", language="en")

    assert finding.rule == "invalid-encoding"
    assert "Big5" in finding.message
    assert (finding.line, finding.column) == (2, 8)


def test_a_utf16_file_is_reported_as_utf16(student):
    student.write_bytes("outcomes/u16.md", "---\ntitle: 中文\n---\n".encode("utf-16"))

    [finding] = student.findings("outcomes/u16.md", language="en")

    assert "UTF-16" in finding.message


def test_a_utf16_file_without_its_byte_order_mark_is_reported_as_utf16(student):
    data = "---\ntitle: x\n---\n".encode("utf-16-le")
    student.write_bytes("outcomes/u16.md", data)

    [finding] = student.findings("outcomes/u16.md", language="en")

    assert finding.rule == "invalid-encoding"
    assert "UTF-16" in finding.message


def test_a_nul_byte_is_reported_where_it_stands_and_not_as_big5(student):
    student.write_bytes("outcomes/nul.md", b"---\ntitle: ab\x00c\n---\n")

    [finding] = student.findings("outcomes/nul.md", language="en")

    assert finding.rule == "invalid-encoding"
    assert (finding.line, finding.column) == (2, 10)
    assert "NUL" in finding.message
    assert "Big5" not in finding.message


def test_a_utf8_byte_order_mark_is_accepted(student):
    student.outcome()
    path = student.path / "outcomes/pendulum.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    assert student.findings() == []


def test_windows_line_endings_are_accepted(student):
    student.outcome()
    path = student.path / "outcomes/pendulum.md"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))

    assert student.findings() == []


@pytest.mark.parametrize("text", ["", "---\n---\n", "\n\n", "---\n# 只有註解\n---\n"])
def test_an_empty_record_reports_its_missing_fields_on_line_1(student, text):
    student.write("outcomes/empty.md", text)

    found = student.findings("outcomes/empty.md")
    missing = [f for f in found if f.rule == "missing-field"]

    assert {f.line for f in missing} == {1}
    assert len(missing) == 4  # title, course, year, semester
    assert all(f.line is not None for f in found)


def test_a_text_file_over_the_limit_is_reported_without_reading_it(student):
    student.write("outcomes/huge.md", "---\ntitle: x\n---\n" + "字" * MIB)

    [finding] = student.findings("outcomes/huge.md", language="en")

    assert finding.rule == "text-too-large"
    assert "MiB" in finding.message


def test_an_alias_bomb_in_front_matter_is_refused_quickly(student):
    student.write_bytes("outcomes/bomb.md", alias_bomb())

    started = time.perf_counter()
    [finding] = student.findings("outcomes/bomb.md", language="en")
    elapsed = time.perf_counter() - started

    assert finding.rule == "yaml-syntax"
    assert "alias" in finding.message
    assert finding.line > 2
    assert elapsed < 2


def test_a_list_as_front_matter_is_a_wrong_type(student):
    student.record("outcomes/list.md", "- title\n- course\n")

    [finding] = student.findings("outcomes/list.md")

    assert (finding.rule, finding.line) == ("wrong-type", 2)


def test_an_unknown_field_gets_a_did_you_mean_hint(student):
    student.outcome(summary=None, sumary="簡述")

    [finding] = student.findings("outcomes/pendulum.md", language="en")

    assert finding.rule == "unknown-field"
    assert "sumary" in finding.message
    assert "Did you mean 'summary'?" in finding.hint
    assert finding.line == line_of(
        fields_of("outcome", summary=None, sumary=""), "sumary"
    )


def test_an_unknown_field_of_another_category_says_where_it_belongs(student):
    student.performance(hours="3")

    [finding] = student.findings("performances/contest.md", language="en")

    assert finding.rule == "unknown-field"
    assert "service" in finding.hint


def test_a_misspelled_required_field_is_unknown_but_not_also_missing(student):
    student.outcome(title=None, titel="單擺實驗")

    rules = student.rules("outcomes/pendulum.md")

    assert "unknown-field" in rules
    assert "missing-field" not in rules


def test_a_missing_required_field_is_reported(student):
    student.outcome(course=None)

    [finding] = reading(student.findings("outcomes/pendulum.md", language="en"))

    assert finding.rule == "missing-field"
    assert "course" in finding.message
    assert finding.line == 2


def test_a_missing_field_of_a_profile_is_reported(student):
    student.write("profile.md", "---\nname: 王小明\n---\n")

    [finding] = student.findings("profile.md", language="en")

    assert finding.rule == "missing-field"
    assert "enrolled" in finding.message


# One mistyped value per row: the record kind, the field and its YAML text.
WRONG_TYPES = [
    ("outcome", "credits", "two"),
    ("outcome", "submitted", "yes please"),
    ("outcome", "tags", "{a: 1}"),
    ("outcome", "semester", "3"),
    ("outcome", "year", "99999"),
    ("outcome", "date", "2024-02-30"),
    ("outcome", "certification", "approved"),
    ("performance", "start", "2024/10/05"),
    ("performance", "link", "example.org"),
    ("performance", "submitted", "5"),
    ("performance", "tags", "{a: 1}"),
    ("application", "items", "[A, Z]"),
    ("application", "limits", "{plan: -5}"),
    ("application", "outcomes", "{a: 1}"),
]


@pytest.mark.parametrize(("kind", "field", "value"), WRONG_TYPES)
def test_a_value_of_the_wrong_type_is_reported_on_its_line(student, kind, field, value):
    student.sample(kind, "x", **{field: value})
    rel = f"{kind}s/x.md"

    found = reading(student.findings(rel, language="en"))

    line = line_of(fields_of(kind, **{field: value}), field)
    assert [(f.rule, f.line) for f in found] == [("wrong-type", line)]
    assert f"'{field}'" in found[0].message
    assert found[0].hint.startswith("Write ")


def test_two_records_with_one_id_are_a_duplicate_id(student):
    student.outcome("a")
    student.outcome("a/index")

    found = [f for f in student.findings() if f.rule == "duplicate-id"]

    assert [(f.file, f.line) for f in found] == [("outcomes/a.md", 1)]
    assert "outcomes/a/index.md" in found[0].message


def test_ids_differing_only_in_case_are_a_duplicate_id(student):
    student.outcome("Lab")
    student.outcome("lab")
    if len(list((student.path / "outcomes").glob("*.md"))) < 2:
        pytest.skip("the file system ignores case")

    assert student.rules().count("duplicate-id") == 1


def test_the_same_id_in_outcomes_and_performances_is_no_duplicate(student):
    student.outcome("lab")
    student.performance("lab")

    assert student.findings() == []


@pytest.mark.parametrize("category", ["competition", "競賽參與紀錄", "Competition"])
def test_a_category_is_accepted_by_english_key_or_chinese_name(student, category):
    student.performance(category=category)

    checked = student.check()

    assert checked.findings.items == []
    assert checked.content.performances["contest"].category == "competition"


def test_a_mistyped_category_is_unknown_with_a_did_you_mean(student):
    student.performance(category="competiton")

    checked = student.check(language="en")
    [finding] = checked.findings.items

    assert (finding.rule, finding.line, finding.column) == ("unknown-category", 3, 11)
    assert "Did you mean 'competition'?" in finding.hint
    assert "contest" not in checked.content.performances


def test_a_record_with_an_unknown_category_is_not_picked_again_by_applications(
    student,
):
    student.performance(category="nope")
    student.application(performances="[contest]")

    rules = student.rules()

    assert "unknown-category" in rules
    assert "application-unknown-record" not in rules


def test_a_bundle_folder_without_index_md_is_a_missing_file(student):
    (student.path / "outcomes/lab").mkdir(parents=True)
    student.write_bytes("outcomes/lab/report.pdf", b"%PDF-1.4\n")

    [finding] = student.findings()

    assert (finding.rule, finding.file) == ("file-missing", "outcomes/lab/index.md")
    assert finding.line == 1


def test_hidden_and_underscore_entries_are_not_records(student):
    (student.path / "outcomes/.git").mkdir(parents=True)
    (student.path / "outcomes/_drafts").mkdir(parents=True)
    student.write("outcomes/.notes.md", "not a record")
    student.write("outcomes/notes.txt", "not a record")

    assert student.findings() == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_broken_symlink_as_a_record_is_a_missing_file(student):
    (student.path / "outcomes").mkdir()
    (student.path / "outcomes/gone.md").symlink_to("nowhere.md")

    [finding] = student.findings()

    assert (finding.rule, finding.file, finding.line) == (
        "file-missing",
        "outcomes/gone.md",
        1,
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_loop_as_a_record_is_a_missing_file(student):
    (student.path / "outcomes").mkdir()
    (student.path / "outcomes/loop.md").symlink_to("loop.md")

    assert student.rules() == ["file-missing"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_record_pointing_outside_the_root_is_refused(student, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: 秘密\n---\n", encoding="utf-8")
    (student.path / "outcomes").mkdir()
    (student.path / "outcomes/secret.md").symlink_to(secret)

    [finding] = student.findings()

    assert (finding.rule, finding.file, finding.line) == (
        "file-outside-root",
        "outcomes/secret.md",
        1,
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlinked_bundle_folder_outside_the_root_is_refused(student, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (student.path / "outcomes").mkdir()
    (student.path / "outcomes/lab").symlink_to(elsewhere)

    assert student.rules() == ["file-outside-root"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_as_a_record_is_a_missing_file_not_a_hang(student):
    (student.path / "outcomes").mkdir()
    os.mkfifo(student.path / "outcomes/pipe.md")

    assert student.rules() == ["file-missing"]


def test_an_evidence_path_too_long_for_the_file_system_is_a_finding(student):
    student.outcome(document="a" * 300 + ".pdf")

    assert student.rules("outcomes/pendulum.md") == ["file-missing"]


def test_courses_yaml_that_is_a_mapping_is_a_wrong_type(student):
    student.write("courses.yaml", "year: 113\nsemester: 1\nsubject: 物理\n")

    [finding] = student.findings("courses.yaml")

    assert (finding.rule, finding.line) == ("wrong-type", 1)


def test_a_bad_item_of_courses_yaml_is_reported_and_the_good_ones_read(student):
    student.write(
        "courses.yaml",
        "- {year: 113, semester: 1, subject: 數學, credits: 4}\n"
        "- {year: 113, semester: 1, subject: 物理, credit: 2}\n"
        "- {year: 113, semester: 1, credits: 2}\n",
    )

    checked = student.check(language="en")
    found = [(f.rule, f.line) for f in checked.findings.sorted()]

    assert found == [("unknown-field", 2), ("missing-field", 3)]
    assert "Did you mean 'credits'?" in checked.findings.sorted()[0].hint
    assert [c.get("subject") for c in checked.content.courses] == [
        "數學",
        "物理",
        None,
    ]


def test_courses_may_stand_as_a_list_under_one_key(student):
    student.write(
        "courses.yaml", "courses:\n  - year: 113\n    semester: 3\n    subject: 物理\n"
    )

    [finding] = student.findings("courses.yaml")

    assert (finding.rule, finding.line) == ("wrong-type", 3)


def test_schedule_yaml_windows_are_read_per_term(student):
    student.write(
        "schedule.yaml",
        "- year: 113\n  semester: 1\n"
        "  upload: {start: 2024-09-01, end: 2024-11-30}\n"
        "  certification: {start: 2024-12-01, end: 2024-12-20}\n",
    )

    checked = student.check(as_of=dt.date(2024, 8, 1))

    assert checked.findings.items == []
    assert [(w.name, w.term, w.end) for w in checked.content.windows] == [
        ("upload", Term(113, 1), dt.date(2024, 11, 30)),
        ("certification", Term(113, 1), dt.date(2024, 12, 20)),
    ]


def test_a_schedule_named_in_site_yaml_may_be_a_counselors_shared_file(student):
    shared = student.path.parent / "class-schedule.yaml"
    shared.write_text(
        "terms:\n  - year: 113\n    semester: 1\n"
        "    upload: {start: 2024-09-01, end: 2024-11-30}\n",
        encoding="utf-8",
    )
    student.write("site.yaml", "schedule: ../class-schedule.yaml\n")

    checked = student.check(as_of=dt.date(2024, 8, 1))

    assert checked.findings.items == []
    assert [w.name for w in checked.content.windows] == ["upload"]


def test_a_schedule_window_without_its_end_is_a_missing_field(student):
    student.write(
        "schedule.yaml",
        "terms:\n  - year: 113\n    semester: 1\n    upload: {start: 2024-09-01}\n",
    )

    checked = student.check(language="en")
    [finding] = checked.findings.items

    assert (finding.rule, finding.line) == ("missing-field", 4)
    assert "upload.end" in finding.message
    assert checked.content.windows == []


def test_a_schedule_that_is_not_a_list_is_a_wrong_type(student):
    student.write("schedule.yaml", "upload: 2024-09-01\n")

    assert student.rules("schedule.yaml") == ["wrong-type"]


def test_invalid_yaml_in_site_yaml_is_reported_and_defaults_are_used(student):
    student.write("site.yaml", "title: [我的檔案\n")

    checked = student.check()

    assert [f.rule for f in checked.findings.items] == ["yaml-syntax"]
    assert checked.content.site.language == "zh-TW"


def test_a_root_without_profile_md_reports_it_missing(tmp_path):
    root = Student(tmp_path / "student")
    root.write("site.yaml", "title: 我的檔案\n")

    [finding] = root.findings()

    assert (finding.rule, finding.file, finding.line) == (
        "file-missing",
        "profile.md",
        1,
    )


@pytest.mark.parametrize(
    "custom",
    [
        "summary: 5\n",
        "document: {max_mib: big}\n",
        "categories: 3\n",
        "categories: {new: {name: 新類別}}\n",
        "outcomes: {submitted_per_year: many}\n",
        "impermanent_hosts: [bit.ly, 3]\n",
        "- a list\n",
        "summary: [\n",
        "a: &a [*a]\n",
    ],
)
def test_a_custom_rules_profile_of_the_wrong_shape_is_a_finding(student, custom):
    student.write("site.yaml", "rules: school.yaml\n")
    student.write("school.yaml", custom)
    student.outcome()

    checked = student.check()

    assert [(f.rule, f.file) for f in checked.findings.items] == [
        ("wrong-type", "site.yaml")
    ]
    assert checked.profile.name == "taipei"


def test_a_custom_rules_profile_changes_only_what_it_lists(student):
    student.write("site.yaml", "rules: school.yaml\n")
    student.write(
        "school.yaml",
        "name: 本校\nsummary: {max_chars: 10}\n"
        "categories: {camp: {name: 營隊紀錄, item: M, link: true}}\n",
    )
    student.outcome()
    student.performance(category="營隊紀錄")

    checked = student.check()

    assert checked.profile.name == "本校"
    assert checked.profile["outcomes"]["submitted_total"] == 18
    assert checked.content.performances["contest"].category == "camp"
    assert [f.rule for f in checked.findings.items] == ["summary-too-long"] * 2


# -- reading what is right -------------------------------------------------------


def test_a_single_file_record_and_a_bundle_are_both_read(student):
    student.outcome("single")
    student.outcome("bundle/index")

    checked = student.check()

    assert checked.findings.items == []
    assert sorted(checked.content.outcomes) == ["bundle", "single"]
    assert checked.content.outcomes["bundle"].title == "單擺實驗"


def test_a_record_keeps_its_body_and_where_the_body_starts(student):
    student.outcome()

    outcome = student.check().content.outcomes["pendulum"]

    assert outcome.body == "正文。\n"
    assert outcome.source.body_line == 10


def test_the_chinese_category_name_maps_to_its_english_key(student):
    student.performance(category="服務學習紀錄")

    performance = student.check().content.performances["contest"]

    assert performance.category == "service"
    assert performance.item == "I"


def test_submitted_as_a_school_year_sets_the_ticking_year(student):
    student.performance(submitted="114")

    performance = student.check().content.performances["contest"]

    assert performance.ticked_year == 114
    assert performance.term == Term(113, 1)


def test_submitted_true_ticks_in_the_school_year_of_start(student):
    student.performance(submitted="true")

    assert student.check().content.performances["contest"].ticked_year == 113


@pytest.mark.parametrize(
    ("start", "term"),
    [
        ("2024-07-01", Term(113, 1)),  # July of the enrollment year: first year
        ("2024-08-01", Term(113, 1)),
        ("2025-01-31", Term(113, 1)),
        ("2025-02-01", Term(113, 2)),
        ("2025-07-31", Term(113, 2)),
        ("2025-08-01", Term(114, 1)),
    ],
)
def test_school_year_and_semester_follow_from_the_start_date(student, start, term):
    student.performance(start=start)

    assert student.check().content.performances["contest"].term == term


def test_an_outcome_takes_its_term_from_its_date(student):
    student.outcome(year=None, semester=None, date="2025-03-10")

    checked = student.check()

    assert checked.findings.items == []
    assert checked.content.outcomes["pendulum"].term == Term(113, 2)


def test_an_outcome_without_year_or_date_is_missing_its_year(student):
    student.outcome(year=None)

    rules = student.rules("outcomes/pendulum.md")

    assert rules == ["missing-field"]


STATEMENTS_BODY = """\
前言不屬於任何一段。

## 多元表現綜整心得

我在競賽中學會合作。

```markdown
## Motivation
這不是標題，是程式碼。
```

## Reflection

我從失敗中學習。

## 就讀動機 ##

我想研究物理。

### 細節

仍屬於就讀動機。

## 其他

不是自述。
"""


def test_statements_are_split_by_level_2_headings_in_chinese_or_english(student):
    student.application(body=STATEMENTS_BODY)

    statements = student.check().content.applications["ntu"].statements

    assert sorted(statements) == ["highlights", "motivation", "reflection"]
    assert statements["reflection"].text == "我從失敗中學習。"
    assert (
        statements["motivation"].text
        == "我想研究物理。\n\n### 細節\n\n仍屬於就讀動機。"
    )


def test_a_heading_inside_a_code_fence_is_not_a_statement(student):
    student.application(body=STATEMENTS_BODY)

    highlights = student.check().content.applications["ntu"].statements["highlights"]

    assert "## Motivation" in highlights.text
    assert highlights.text.startswith("我在競賽中學會合作。")


def test_a_statement_remembers_the_line_of_its_heading(student):
    student.application(body=STATEMENTS_BODY)

    statements = student.check().content.applications["ntu"].statements

    # Five lines of front matter; the body starts on line 6.
    assert statements["highlights"].line == 8
    assert statements["reflection"].line == 17


def test_site_yaml_language_en_makes_messages_english(student):
    student.write("site.yaml", "language: en\n")
    student.outcome(course=None)

    [finding] = student.check(language=None).findings.items

    assert finding.message == "Missing required field 'course'"
    assert finding.hint.startswith("Add a line")


def test_the_language_given_to_the_check_overrides_site_yaml(student):
    student.write("site.yaml", "language: en\n")
    student.outcome(course=None)

    [finding] = student.check(language="zh-TW").findings.items

    assert finding.message == "缺少必填欄位「course」"


def test_messages_are_in_chinese_by_default(student):
    student.outcome(course=None)

    [finding] = student.check(language=None).findings.items

    assert finding.message == "缺少必填欄位「course」"


def test_a_misspelled_statement_limit_is_an_unknown_field(student):
    student.application(limits="{motivaton: 500}")

    [finding] = student.findings("applications/ntu.md")
    assert finding.rule == "unknown-field"
    assert "motivation" in finding.hint


@pytest.mark.parametrize("name", ["motivation", "就讀動機", "P", "Motivation"])
def test_a_statement_limit_may_name_the_key_heading_or_item(student, name):
    student.application(limits=f"{{{name}: 500}}")

    assert student.rules("applications/ntu.md") == []

"""The `portfolio` command line: output formats, exit codes and the writers."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import PROFILE, Student

import generator.cli
import generator.project
from generator import fields as fieldspec
from generator.cli import main
from generator.rules import READING_RULES

REPOSITORY = Path(__file__).resolve().parent.parent
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run `portfolio argv...` in-process: exit status, stdout, stderr."""
    status = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def snapshot(root: Path) -> dict[str, tuple[str, int, int]]:
    """Every entry under root: a hash of its content, its mode and its mtime."""
    state = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            digest = "link:" + os.readlink(path)
        elif path.is_dir():
            digest = "dir"
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        state[path.relative_to(root).as_posix()] = (
            digest,
            info.st_mode,
            info.st_mtime_ns,
        )
    return state


@pytest.fixture
def broken(student: Student) -> Student:
    """A student with one error (a missing course) and one clean record."""
    student.outcome(course=None)
    student.performance()
    return student


@pytest.fixture
def warned(student: Student) -> Student:
    """A student whose only finding is a warning (no summary)."""
    student.outcome(summary=None)
    return student


# -- check: formats ------------------------------------------------------------


def test_text_output_is_compiler_style_with_an_indented_hint(capsys, broken):
    status, out, _ = run(capsys, "check", broken.path, "--lang", "en")

    lines = out.splitlines()
    assert status == 1
    assert lines[0] == (
        f"{broken.path.as_posix()}/outcomes/pendulum.md:2:1: "
        "error missing-field: Missing required field 'course'"
    )
    assert lines[1].startswith("    hint: Add a line `course: …`")


def test_text_output_groups_findings_by_file_with_a_blank_line_between(capsys, student):
    student.outcome("a", summary=None, course=None)
    student.outcome("b", summary=None)

    _, out, _ = run(capsys, "check", student.path, "--lang", "en")

    located = [line.split(":", 1)[0] for line in out.splitlines() if ": " in line]
    files = [name.rsplit("/", 1)[-1] for name in located if name.endswith(".md")]
    assert files == ["a.md", "a.md", "b.md"]
    blocks = out.strip().split("\n\n")
    assert "a.md" in blocks[0] and "b.md" not in blocks[0]
    assert "b.md" in blocks[1]


def test_text_output_ends_with_the_counts(capsys, broken):
    _, out, _ = run(capsys, "check", broken.path, "--lang", "en")

    assert out.rstrip().splitlines()[-1] == "1 errors, 0 warnings"


def test_a_clean_root_says_so(capsys, student):
    student.outcome()

    status, out, _ = run(capsys, "check", student.path, "--lang", "en")

    assert status == 0
    assert out.strip() == "No problems found."


def test_text_output_is_chinese_by_default(capsys, broken):
    _, out, _ = run(capsys, "check", broken.path)

    assert "error missing-field: 缺少必填欄位「course」" in out
    assert "\n    提示: " in out


def test_json_output_has_the_shape_the_spec_promises(capsys, broken):
    broken.performance("quiet", summary=None)

    status, out, _ = run(capsys, "check", broken.path, "--format", "json")

    data = json.loads(out)
    assert status == 1
    assert set(data) == {"findings", "errors", "warnings"}
    assert (data["errors"], data["warnings"]) == (1, 1)
    keys = {"rule", "severity", "file", "line", "column", "message", "hint", "docs"}
    assert all(set(finding) == keys for finding in data["findings"])
    assert data["findings"][0] == {
        "rule": "missing-field",
        "severity": "error",
        "file": "outcomes/pendulum.md",
        "line": 2,
        "column": 1,
        "message": "缺少必填欄位「course」",
        "hint": data["findings"][0]["hint"],
        "docs": "docs/zh-TW/rules/missing-field.md",
    }


def test_json_output_of_a_clean_root_is_empty(capsys, student):
    _, out, _ = run(capsys, "check", student.path, "--format", "json")

    assert json.loads(out) == {"findings": [], "errors": 0, "warnings": 0}


def test_github_output_prints_workflow_commands(capsys, broken):
    broken.performance("quiet", summary=None)

    _, out, _ = run(capsys, "check", broken.path, "--format", "github")

    prefix = broken.path.as_posix()
    lines = sorted(out.splitlines())
    assert len(lines) == 2
    assert lines[0].startswith(
        f"::error file={prefix}/outcomes/pendulum.md,line=2,col=1,title=missing-field::"
    )
    assert lines[1].startswith(f"::warning file={prefix}/performances/quiet.md,line=")


def test_github_output_escapes_newlines_in_the_message(capsys, broken):
    _, out, _ = run(capsys, "check", broken.path, "--format", "github")

    [line] = out.splitlines()
    assert "%0A" in line  # the hint follows the message on its own line


# -- check: exit status --------------------------------------------------------


def test_a_clean_root_exits_0(capsys, student):
    student.outcome()

    assert run(capsys, "check", student.path)[0] == 0


def test_errors_exit_1(capsys, broken):
    assert run(capsys, "check", broken.path)[0] == 1


def test_warnings_alone_exit_0_without_strict(capsys, warned):
    status, out, _ = run(capsys, "check", warned.path)

    assert status == 0
    assert "summary-missing" in out


def test_warnings_alone_exit_1_with_strict(capsys, warned):
    status, _, err = run(capsys, "check", warned.path, "--strict", "--lang", "en")

    assert status == 1
    assert "--strict" in err


def test_a_missing_root_exits_2(capsys, tmp_path):
    status, out, err = run(capsys, "check", tmp_path / "nobody", "--lang", "en")

    assert status == 2
    assert out == ""
    assert "nobody" in err


def test_a_folder_without_profile_or_site_is_not_a_root(capsys, tmp_path):
    (tmp_path / "outcomes").mkdir()

    assert run(capsys, "check", tmp_path)[0] == 2


def test_the_default_root_is_content_in_the_working_folder(
    capsys, monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "check")[0] == 2

    Student(tmp_path / "content").write("profile.md", PROFILE)
    assert run(capsys, "check")[0] == 0


def test_a_bad_as_of_date_exits_2(capsys, student):
    with pytest.raises(SystemExit) as caught:
        main(["check", str(student.path), "--as-of", "2025-13-01"])

    assert caught.value.code == 2
    assert "2025-13-01" in capsys.readouterr().err


def test_as_of_changes_what_counts_as_in_the_future(capsys, student):
    student.performance(start="2025-03-01")

    before = run(capsys, "check", student.path, "--as-of", "2025-02-28")
    after = run(capsys, "check", student.path, "--as-of", "2025-03-01")

    assert before[0] == 1
    assert "date-in-future" in before[1]
    assert after[0] == 0


def test_as_of_on_the_command_line_overrides_site_yaml(capsys, student):
    student.write("site.yaml", "as_of: 2025-02-28\n")
    student.performance(start="2025-03-01")

    assert run(capsys, "check", student.path)[0] == 1
    assert run(capsys, "check", student.path, "--as-of", "2025-06-01")[0] == 0


def test_lang_en_gives_english_over_site_yaml(capsys, broken):
    broken.write("site.yaml", "language: zh-TW\n")

    _, out, _ = run(capsys, "check", broken.path, "--lang", "en")

    assert "Missing required field 'course'" in out
    assert "缺少" not in out


def test_site_yaml_language_sets_the_output_language(capsys, broken):
    broken.write("site.yaml", "language: en\n")

    _, out, _ = run(capsys, "check", broken.path)

    assert "Missing required field 'course'" in out
    assert "1 errors, 0 warnings" in out


# -- check: several students ---------------------------------------------------


def class_of(tmp_path: Path) -> Path:
    """A class folder: alice is clean, bob has one error, notes is no student."""
    klass = tmp_path / "class"
    Student(klass / "alice").write("profile.md", PROFILE)
    bob = Student(klass / "bob")
    bob.write("profile.md", PROFILE)
    bob.outcome(course=None)
    (klass / "notes").mkdir()
    return klass


def test_several_roots_are_each_checked_and_named(capsys, tmp_path):
    klass = class_of(tmp_path)

    status, out, _ = run(
        capsys, "check", klass / "alice", klass / "bob", "--format", "json"
    )

    data = json.loads(out)
    assert status == 1
    assert [(f["student"], f["rule"]) for f in data["findings"]] == [
        ("bob", "missing-field")
    ]


def test_batch_checks_every_student_folder(capsys, tmp_path):
    klass = class_of(tmp_path)
    Student(klass / "carol").outcome(course=None)
    Student(klass / "carol").write("profile.md", PROFILE)

    status, out, _ = run(capsys, "check", "--batch", klass, "--format", "json")

    data = json.loads(out)
    assert status == 1
    assert sorted(f["student"] for f in data["findings"]) == ["bob", "carol"]
    assert data["errors"] == 2


def test_batch_text_output_says_how_many_students_were_checked(capsys, tmp_path):
    klass = class_of(tmp_path)

    _, out, _ = run(capsys, "check", "--batch", klass, "--lang", "en")

    assert "Checked the content of 2 students." in out
    assert "bob/outcomes/pendulum.md:2:1: error missing-field" in out


def test_a_missing_batch_folder_exits_2(capsys, tmp_path):
    assert run(capsys, "check", "--batch", tmp_path / "nope")[0] == 2


# -- check writes nothing --------------------------------------------------------


def test_check_never_changes_a_byte_of_the_content_root(capsys, student, tmp_path):
    student.outcome()
    student.performance(summary=None)
    student.application(performances="[contest, nope]")
    student.write("site.yaml", "language: en\nschedule: schedule.yaml\n")
    student.write("schedule.yaml", "- year: 113\n  semester: 1\n  upload: {}\n")
    student.write("courses.yaml", "- {year: 113, semester: 1, subject: 數學}\n")
    student.write_bytes("outcomes/big5.md", "---\ntitle: 中文\n---\n".encode("big5"))
    student.write("outcomes/bad.md", "---\ntitle: [\n---\n")
    (student.path / "outcomes/empty").mkdir()
    (student.path / "outcomes/gone.md").symlink_to("nowhere.md")
    before = snapshot(student.path)

    for fmt in ("text", "json", "github"):
        run(capsys, "check", student.path, "--format", fmt)

    assert snapshot(student.path) == before


# -- schema --------------------------------------------------------------------


def test_schema_prints_a_valid_draft_07_schema_of_every_kind(capsys):
    status, out, _ = run(capsys, "schema")

    document = json.loads(out)
    assert status == 0
    jsonschema.Draft7Validator.check_schema(document)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert {"outcome", "performance", "application", "profile", "site"} <= set(
        document["definitions"]
    )


def test_schema_of_one_kind_prints_only_that_kind(capsys):
    status, out, _ = run(capsys, "schema", "outcome")

    document = json.loads(out)
    assert status == 0
    jsonschema.Draft7Validator.check_schema(document)
    assert set(document["properties"]) == set(fieldspec.definitions()["outcome"])
    assert "definitions" not in document


def test_schema_of_an_unknown_kind_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["schema", "nope"])

    assert caught.value.code == 2


# -- init ----------------------------------------------------------------------


def test_init_makes_a_starter_root_that_check_can_read(capsys, tmp_path):
    root = tmp_path / "mine"

    status, out, _ = run(capsys, "init", root)

    assert status == 0
    assert (root / "profile.md").is_file()
    assert (root / "site.yaml").is_file()
    for folder in ("outcomes", "performances", "applications"):
        assert len(list((root / folder).glob("*.md"))) == 1
    _, out, _ = run(capsys, "check", root, "--format", "json")
    findings = json.loads(out)["findings"]
    assert [f for f in findings if f["rule"] in READING_RULES] == []


def test_init_reports_each_file_it_created(capsys, tmp_path):
    root = tmp_path / "mine"

    _, out, _ = run(capsys, "init", root, "--lang", "en")

    created = [line for line in out.splitlines() if line.startswith("Created ")]
    assert len(created) == len([p for p in root.rglob("*") if p.is_file()])


def test_init_writes_the_schema_files(capsys, tmp_path):
    root = tmp_path / "mine"

    run(capsys, "init", root)

    for path in sorted((root / "schema").glob("*.json")):
        jsonschema.Draft7Validator.check_schema(json.loads(path.read_text("utf-8")))
    assert (root / "schema/outcome.json").is_file()
    assert (root / "schema/site.json").is_file()


def test_init_records_name_their_schema_for_the_editor(capsys, tmp_path):
    root = tmp_path / "mine"

    run(capsys, "init", root)

    files = [root / "site.yaml", root / "profile.md", *root.glob("*/*.md")]
    assert len(files) == 5
    for path in files:
        match = MODELINE.search(path.read_text("utf-8"))
        assert match, path
        assert (path.parent / match.group(1)).resolve().is_file(), path


def test_init_refuses_a_folder_that_already_has_a_profile(capsys, student):
    before = snapshot(student.path)

    status, _, err = run(capsys, "init", student.path)

    assert status == 2
    assert err.startswith("portfolio: ")
    assert snapshot(student.path) == before


# -- new -----------------------------------------------------------------------


def test_new_outcome_writes_a_record_with_every_outcome_field(capsys, student):
    status, _, _ = run(capsys, "new", "outcome", "lab", "--root", student.path)

    text = (student.path / "outcomes/lab.md").read_text("utf-8")
    front = text.split("---\n")[1]
    written = {
        re.match(r"^(?:# )?([a-z_]+):", line).group(1)
        for line in front.splitlines()
        if re.match(r"^(?:# )?[a-z_]+:", line)
    }
    assert status == 0
    assert written == set(fieldspec.definitions()["outcome"])


@pytest.mark.parametrize("kind", ["outcome", "performance", "application"])
def test_a_new_record_is_read_without_reading_findings(capsys, student, kind):
    run(capsys, "new", kind, "first-one", "--root", student.path)

    found = student.findings()

    assert [f for f in found if f.rule in READING_RULES] == []
    assert (student.path / f"{kind}s/first-one.md").is_file()


def test_new_refuses_to_overwrite_a_record(capsys, student):
    student.outcome("lab")
    before = snapshot(student.path)

    status, _, err = run(capsys, "new", "outcome", "lab", "--root", student.path)

    assert status == 2
    assert "lab.md" in err
    assert snapshot(student.path) == before


def test_new_refuses_a_name_taken_by_a_bundle(capsys, student):
    student.outcome("lab/index")

    status, _, _ = run(capsys, "new", "outcome", "lab", "--root", student.path)

    assert status == 2
    assert not (student.path / "outcomes/lab.md").exists()


@pytest.mark.parametrize("name", ["../x", "a/b", ".hidden", "", "x y", "x.md"])
def test_new_refuses_a_name_that_is_no_plain_id(capsys, student, name):
    before = snapshot(student.path)

    status, _, _ = run(capsys, "new", "outcome", name, "--root", student.path)

    assert status == 2
    assert snapshot(student.path) == before
    assert not (student.path.parent / "x.md").exists()


def test_new_in_a_missing_root_exits_2(capsys, tmp_path):
    status, _, _ = run(capsys, "new", "outcome", "lab", "--root", tmp_path / "no")

    assert status == 2
    assert not (tmp_path / "no").exists()


# -- internal errors -----------------------------------------------------------


def test_an_internal_error_prints_a_message_without_a_traceback(
    capsys, monkeypatch, student
):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(generator.project, "check_root", crash)

    status, out, err = run(capsys, "check", student.path, "--lang", "en")

    assert status == 2
    assert "Internal error" in err
    assert "Traceback" not in err + out
    assert "boom" not in err


def test_an_internal_error_shows_its_traceback_with_debug(monkeypatch, student):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(generator.project, "check_root", crash)

    with pytest.raises(RuntimeError, match="boom"):
        main(["check", str(student.path), "--debug"])


# -- python -m generator -------------------------------------------------------


def test_python_m_generator_runs_the_same_program(broken):
    command = [sys.executable, "-m", "generator", "check", str(broken.path)]

    result = subprocess.run(
        [*command, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    assert json.loads(result.stdout)["errors"] == 1
    assert result.stderr == ""


def test_an_output_that_is_a_file_is_refused_with_exit_2(capsys, student, tmp_path):
    target = tmp_path / "not-a-folder"
    target.write_text("x", encoding="utf-8")

    status, _, err = run(capsys, "build", student.path, "-o", target, "--no-pdf")

    assert status == 2
    assert "is a file" in err
    assert target.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(
    "args", [["serve", "--port", "99999"], ["receipt", "--year", "5000"]]
)
def test_out_of_range_numbers_are_usage_errors(capsys, args):
    with pytest.raises(SystemExit) as exit_info:
        generator.cli.main(args)

    assert exit_info.value.code == 2


# -- build: one student, with and without a helper process ---------------------


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file()}  # fmt: skip


def test_build_with_one_job_writes_the_same_site(capsys, tmp_path):
    example = REPOSITORY / "content"
    options = ("--no-pdf", "--as-of", "2026-11-20")

    shared = run(capsys, "build", example, "-o", tmp_path / "a", *options)
    alone = run(capsys, "build", example, "-o", tmp_path / "b", "--jobs", "1", *options)

    assert shared[0] == alone[0] == 0
    assert _site_files(tmp_path / "a" / "site") == _site_files(tmp_path / "b" / "site")

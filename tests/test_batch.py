"""A counselor's batch: every student built, one overview, shards that add up."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from bench.synthetic import make_student
from generator.batch import Options, find_students, run, select_shard, shard_of
from generator.cli import main

AS_OF = "2026-11-20"


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four small students and one folder that is not a student."""
    base = tmp_path_factory.mktemp("school")
    for number in range(4):
        make_student(base / f"s{number}", records=6, seed=number, images=number == 0)
    (base / "notes").mkdir()
    (base / "notes" / "readme.txt").write_text("not a student", encoding="utf-8")
    return base


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _build(*args: str) -> int:
    return main(["build", *args, "--as-of", AS_OF, "--no-pdf"])


def test_batch_finds_only_folders_with_a_profile(school: Path) -> None:
    students = find_students([], school)

    assert [s.name for s in students] == ["s0", "s1", "s2", "s3"]


def test_every_student_is_built_into_its_own_folder_with_an_overview(
    school: Path, tmp_path: Path
) -> None:
    code = _build("--batch", str(school), "-o", str(tmp_path), "--jobs", "2")

    assert code == 0
    for name in ("s0", "s1", "s2", "s3"):
        assert (tmp_path / name / "site" / "index.html").is_file()
    overview = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "s0/site/index.html" in overview and "學生0003" in overview


def test_one_broken_student_does_not_stop_the_others(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken"
    make_student(broken, records=6, seed=9, images=False)
    (broken / "profile.md").write_text("---\nname: [\n---\n", encoding="utf-8")

    code = _build(str(school / "s1"), str(broken), "-o", str(tmp_path / "out"))

    assert code == 1
    assert (tmp_path / "out" / "s1" / "site" / "index.html").is_file()
    assert not (tmp_path / "out" / "broken" / "site").exists()
    assert "1 位需要協助" in capsys.readouterr().out


def test_findings_csv_and_json_list_every_finding_with_its_student(
    school: Path, tmp_path: Path
) -> None:
    student = tmp_path / "late"
    make_student(student, records=6, seed=5, images=False)
    (student / "performances" / "performance-000.md").write_text(
        "---\ntitle: x\ncategory: service\nstart: 2030-01-01\ndocument: "
        "performance-000.pdf\n---\n",
        encoding="utf-8",
    )

    _build(str(school / "s2"), str(student), "-o", str(tmp_path / "out"))

    text = (tmp_path / "out" / "findings.csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeffstudent,name,rule,")
    assert "late,學生0005,date-in-future,error" in text
    data = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    assert {f["student"] for f in data["findings"]} == {"late"}
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert data["errors"] == len(errors) >= 1
    assert [s["folder"] for s in data["students"]] == ["late", "s2"]


def test_an_unchanged_student_is_skipped_the_second_time(
    school: Path, tmp_path: Path
) -> None:
    options = Options(out=tmp_path, pdf=False)
    students = [school / "s3"]

    first = list(run(students, options, jobs=1))
    second = list(run(students, options, jobs=1))

    assert [r.skipped for r in first] == [False]
    assert [r.skipped for r in second] == [True]
    assert second[0].stored() == first[0].stored()


def test_shards_split_the_students_without_overlap(school: Path) -> None:
    students = find_students([], school)

    shards = [select_shard(students, (index, 3)) for index in (1, 2, 3)]

    assert sorted(s.name for shard in shards for s in shard) == ["s0", "s1", "s2", "s3"]
    assert shard_of("s1", 3) == shard_of("s1", 3)


def test_shards_into_one_folder_give_the_same_files_as_the_whole(
    school: Path, tmp_path: Path
) -> None:
    _build("--batch", str(school), "-o", str(tmp_path / "whole"), "--jobs", "2")
    for shard in ("1/2", "2/2"):
        _build("--batch", str(school), "-o", str(tmp_path / "split"), "--shard", shard)

    assert _tree(tmp_path / "split") == _tree(tmp_path / "whole")


def test_a_bad_shard_is_a_usage_error(school: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _build("--batch", str(school), "--shard", "3/2")

    assert exit_info.value.code == 2


def test_check_takes_the_same_batch_and_shard_arguments(
    school: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shards = []
    for shard in ("1/2", "2/2"):
        main(["check", "--batch", str(school), "--shard", shard, "--jobs", "2",
              "--format", "json", "--as-of", AS_OF])  # fmt: skip
        shards.append(json.loads(capsys.readouterr().out))

    assert all(data["errors"] == 0 for data in shards)


def test_checking_many_students_in_workers_gives_what_one_by_one_gives(
    school: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for jobs in ("1", "2"):
        main(["check", "--batch", str(school), "--jobs", jobs, "--format", "json",
              "--as-of", "2025-01-01"])  # fmt: skip
        outputs.append(capsys.readouterr().out)

    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["findings"]

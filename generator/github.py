"""The repository around a content root: the GitHub Pages workflow and editor setup.

The workflow has one source, `data/github/pages.yml`. The generator's own
repository carries it filled in for a fork (install the checkout itself), and
`portfolio init --github` writes it into a student's new repository, filled in
with the content folder and the generator version that wrote it.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from generator import origin, package_text, scaffold, schema

WORKFLOW = PurePosixPath(".github/workflows/pages.yml")
# What the generator's own repository, or a fork of it, installs: itself.
THIS_CHECKOUT = "."
_SCHEMA_FILES = {"site": "site.yaml", "courses": "courses.yaml",
                 "cadres": "cadres.yaml", "schedule": "schedule.yaml",
                 "consultations": "consultations.yaml"}  # fmt: skip


def _template(name: str) -> str:
    return package_text(f"data/github/{name}")


def workflow(content: str, tool: str) -> str:
    """The Pages workflow for a content root at `content` (a path from the top).

    `tool` is the pip requirement of the generator; empty makes the run stop
    with a request to set the repository variable PORTFOLIO_TOOL.
    """
    if "'" in tool or '"' in content:
        raise ValueError("quotes cannot stand in the workflow's values")
    return _template("pages.yml").replace("@CONTENT@", content).replace("@TOOL@", tool)


def vscode_settings(content: str) -> str:
    """VS Code settings that give the YAML files of `content` their schemas.

    The YAML extension cannot see the front matter of Markdown records; those
    are checked by the task in `vscode_tasks` and by `portfolio serve`.
    """
    schemas = {
        f"./{content}/schema/{kind}.json": [f"{content}/{name}"]
        for kind, name in _SCHEMA_FILES.items()
    }
    settings = {"yaml.schemas": schemas, "files.eol": "\n", "files.encoding": "utf8"}
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def vscode_tasks(content: str) -> str:
    """A task that runs `portfolio check` and puts its findings in Problems."""
    pattern = {
        "regexp": r"^(.+?):(?:(\d+):)?(?:(\d+):)? (error|warning) ([a-z0-9-]+): (.*)$",
        "file": 1,
        "line": 2,
        "column": 3,
        "severity": 4,
        "code": 5,
        "message": 6,
    }
    task = {
        "label": "portfolio check",
        "type": "shell",
        "command": "portfolio",
        "args": ["check", content],
        "options": {"env": {"NO_COLOR": "1"}},
        "group": {"kind": "test", "isDefault": True},
        "presentation": {"reveal": "silent", "clear": True},
        "problemMatcher": {
            "owner": "portfolio",
            "fileLocation": ["relative", "${workspaceFolder}"],
            "pattern": pattern,
        },
    }
    tasks = {"version": "2.0.0", "tasks": [task]}
    return json.dumps(tasks, ensure_ascii=False, indent=2) + "\n"


def repository_files(content: str, tool: str) -> dict[str, str]:
    """Every file `init --github` writes at the top of the repository, by path."""
    recommend = {"recommendations": ["redhat.vscode-yaml"]}
    return {
        str(WORKFLOW): workflow(content, tool),
        ".gitignore": "# What `portfolio build` writes; the workflow builds it anew.\n"
        "/output/\n",
        ".vscode/settings.json": vscode_settings(content),
        ".vscode/tasks.json": vscode_tasks(content),
        ".vscode/extensions.json": json.dumps(recommend, indent=2) + "\n",
    }


def content_path(top: Path, root: Path) -> str:
    """The content root as the workflow names it: a path from the repository top.

    Raises ValueError when the root is not inside the repository.
    """
    relative = root.resolve().relative_to(top.resolve()).as_posix()
    if relative == ".":
        # A root at the top would put output/ inside the content root.
        raise ValueError("the content root cannot be the repository top")
    return relative


def repository_top(start: Path) -> Path:
    """The top of the git work tree holding `start`, else `start` itself."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def default_tool() -> str:
    """The pip requirement `init --github` pins: the version that is running."""
    return origin.requirement()


def this_repository() -> dict[str, str]:
    """The generator's own copies, for a fork: install the checkout, check content/."""
    files = repository_files("content", THIS_CHECKOUT)
    del files[".gitignore"]  # the repository's own ignores more than output/
    # The example is a root as `init` makes it, so the editor settings work.
    for kind in schema.KINDS:
        files[f"content/{scaffold.SCHEMA_FOLDER}/{kind}.json"] = scaffold.schema_text(
            kind
        )
    return files


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.github [--check]`: write (or compare) the repo's copies."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    top = Path(__file__).resolve().parent.parent
    stale = []
    for rel, text in this_repository().items():
        path = top / rel
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(rel)
        if "--check" not in args:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    for rel in stale:
        print(("stale: " if "--check" in args else "wrote: ") + rel)
    return 1 if stale and "--check" in args else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Each rule's smallest breaking example, as data, made real in a folder and checked.

`examples.yaml` holds, per rule, the files of a tiny content root and the edit
that fixes it. The guide shows both with the findings `portfolio check` really
prints, and the tests make sure each example breaks its rule and each fix
mends it, so no page can tell a story the checker does not.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from generator.findings import Finding
from generator.project import check_root

# Just enough of each format for the checker, which judges by magic bytes.
HEADS = {
    "pdf": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
    b"\x08\x06",
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    b"\xff\xd9",
    "mp3": b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x64\x00\x00\x00\x00",
    "mp4": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom\x00\x00\x00\x08free",
    "docx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
    "text": b"---\ntitle: x\n---\n",
}


@dataclass
class Example:
    """One rule's example: the files it adds to the base root, and the fix."""

    rule: str
    files: dict[str, Any] = field(default_factory=dict)
    many: list[dict[str, Any]] = field(default_factory=list)
    fix: list[dict[str, Any]] = field(default_factory=list)
    as_of: dt.date | None = None
    checks: dict[str, str] = field(default_factory=dict)
    illustrative: dict[str, str] = field(default_factory=dict)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def fires(self) -> bool:
        """Whether a content root alone breaks the rule (else it is illustrative)."""
        return not self.illustrative


@cache
def _data() -> dict[str, Any]:
    text = (
        resources.files("generator")
        .joinpath("guide/examples.yaml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


def base_files() -> dict[str, Any]:
    """The valid student every example starts from."""
    return _data()["base"]


def field_examples() -> dict[str, Any]:
    """An example value of every field, by kind, and the words of the limits."""
    return _data()["fields"]


def base_as_of() -> dt.date:
    return _data()["as_of"]


def examples() -> dict[str, Example]:
    """Every rule's example, by rule name."""
    return {
        rule: Example(rule=rule, **entry) for rule, entry in _data()["rules"].items()
    }


def file_bytes(spec: Any) -> bytes:
    """A file's bytes from its spec: text, or {make, size} or {text, encoding}."""
    if isinstance(spec, str):
        return spec.encode("utf-8")
    if "text" in spec:
        return spec["text"].encode(spec.get("encoding", "utf-8"))
    head = HEADS[spec["make"]]
    return head.ljust(spec.get("size", len(head)), b"\0")


def expanded(example: Example) -> dict[str, Any]:
    """The example's files, with each `many` group written out `count` times."""
    files = dict(example.files)
    for group in example.many:
        for number in range(1, group["count"] + 1):
            values = {"n": f"{number:02d}", **group.get("vars", {})}
            for rel, spec in group["files"].items():
                text = spec if isinstance(spec, str) else None
                path = string.Template(rel).substitute(values)
                files[path] = string.Template(text).substitute(values) if text else spec
    return files


def fixed(files: dict[str, Any], fix: list[dict[str, Any]]) -> dict[str, Any]:
    """The files after the fix: replacements, new files, deletions and moves."""
    result = dict(files)
    for step in fix:
        if "replace" in step:
            rel, old, new = step["file"], step["replace"], step["with"]
            if old not in result[rel]:
                raise ValueError(f"fix of {rel}: {old!r} is not in the file")
            result[rel] = result[rel].replace(old, new, 1)
        elif "write" in step:
            result[step["write"]] = step["content"]
        elif "delete" in step:
            del result[step["delete"]]
        elif "move" in step:
            source, target = step["move"]
            for rel in [r for r in result if r.startswith(source + "/")]:
                result[target + rel[len(source) :]] = result.pop(rel)
    return result


def materialize(files: dict[str, Any], root: Path) -> Path:
    """Write a content root: the base student plus `files`."""
    for rel, spec in {**base_files(), **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file_bytes(spec))
    return root


def check_example(
    example: Example, root: Path, language: str, mended: bool = False
) -> list[Finding]:
    """The findings `portfolio check` gives the example (or its fixed version)."""
    files = expanded(example)
    if mended:
        files = fixed(files, example.fix)
    materialize(files, root)
    as_of = example.as_of or base_as_of()
    return check_root(root, as_of=as_of, language=language).findings.sorted()

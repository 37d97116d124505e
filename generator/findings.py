"""Findings: the one shape every problem takes, and its text, JSON and GitHub forms.

A finding names the rule (a stable kebab-case name), its severity, the file
relative to the content root, the line and column where known, a message and a
hint in the interface language, and where the guide explains the rule.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from generator import i18n, origin
from generator.yamlsource import Position

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    file: str
    line: int | None
    column: int | None
    message: str
    hint: str
    student: str | None = None
    # The rule's page in the guide: a web address or a path (see origin.py).
    docs: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.student is None:
            del data["student"]
        return data

    def sort_key(self) -> tuple:
        return (
            self.student or "",
            self.file,
            self.line or 0,
            self.column or 0,
            self.rule,
        )


@dataclass
class Findings:
    """Collects findings for one content root, in the interface language."""

    language: str = i18n.DEFAULT_LANGUAGE
    silenced: frozenset[str] = frozenset()
    items: list[Finding] = field(default_factory=list)
    # (file, line) pairs of records that could not be read; later rules skip them.
    unreadable: set[str] = field(default_factory=set)

    def add(
        self,
        rule: str,
        file: str,
        position: Position | None = None,
        **params: Any,
    ) -> Finding | None:
        """Record a finding of `rule`; its words come from the catalogue."""
        entry = i18n.catalogue()[rule]
        severity = entry["severity"]
        if severity == WARNING and rule in self.silenced:
            return None
        message, hint = i18n.rule_text(rule, self.language, **params)
        finding = Finding(
            rule=rule,
            severity=severity,
            file=file,
            line=position.line if position else None,
            column=position.column if position else None,
            message=message,
            hint=hint.strip(),
            docs=origin.guide_link(rule, self.language),
        )
        self.items.append(finding)
        return finding

    @property
    def errors(self) -> int:
        return sum(1 for f in self.items if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.items if f.severity == WARNING)

    def sorted(self) -> list[Finding]:
        return sorted(self.items, key=Finding.sort_key)

    def rules(self) -> list[str]:
        """The rule names found, in file order; handy in tests."""
        return [f.rule for f in self.sorted()]


def to_json(findings: Iterable[Finding]) -> str:
    """The SPEC's JSON form: findings plus error and warning counts."""
    items = sorted(findings, key=Finding.sort_key)
    data = {
        "findings": [f.as_dict() for f in items],
        "errors": sum(1 for f in items if f.severity == ERROR),
        "warnings": sum(1 for f in items if f.severity == WARNING),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _github_escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def to_github(findings: Iterable[Finding], prefix: str = "") -> str:
    """GitHub Actions workflow commands, one annotation per finding.

    `prefix` is the content root's path from the repository top, so that the
    annotations land on the right files.
    """
    lines = []
    for f in sorted(findings, key=Finding.sort_key):
        path = f"{prefix.rstrip('/')}/{f.file}" if prefix else f.file
        props = [f"file={_github_escape(path, True)}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.column:
            props.append(f"col={f.column}")
        props.append(f"title={_github_escape(f.rule, True)}")
        message = f"{f.message} ({f.rule})"
        if f.hint:
            message += f"\n{f.hint}"
        if f.docs:
            message += f"\n{f.docs}"
        lines.append(f"::{f.severity} {','.join(props)}::{_github_escape(message)}")
    return "\n".join(lines)


def to_text(
    findings: Iterable[Finding], language: str, color: bool = False, prefix: str = ""
) -> str:
    """Compiler-style lines grouped by file, each followed by its hint."""
    styles = {ERROR: "\033[1;31m", WARNING: "\033[1;33m"} if color else {}
    reset = "\033[0m" if color else ""
    dim = "\033[2m" if color else ""
    bold = "\033[1m" if color else ""
    hint_word = i18n.text(language, "cli.hint")
    guide_word = i18n.text(language, "cli.guide")

    out: list[str] = []
    current = None
    for f in sorted(findings, key=Finding.sort_key):
        path = f"{prefix}{f.file}"
        if path != current:
            if current is not None:
                out.append("")
            current = path
        where = path
        if f.line:
            where += f":{f.line}"
            if f.column:
                where += f":{f.column}"
        severity = f"{styles.get(f.severity, '')}{f.severity}{reset}"
        out.append(f"{bold}{where}{reset}: {severity} {f.rule}: {f.message}")
        if f.hint:
            out.append(f"    {dim}{hint_word}: {f.hint}{reset}")
        if f.docs:
            out.append(f"    {dim}{guide_word}: {f.docs}{reset}")
    return "\n".join(out)

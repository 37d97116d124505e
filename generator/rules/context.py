"""What every check sees: the content, the profile, the as-of date, the findings.

It also resolves evidence files once, so the several file rules that look at
the same attachment agree on what it is.
"""

from __future__ import annotations

import datetime as dt
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from generator import i18n, paths
from generator.filetypes import sniff_file
from generator.findings import Findings
from generator.model import Content, Record
from generator.ruleprofile import RuleProfile
from generator.terms import Term
from generator.yamlsource import Position


def unread(record: Record, name: str) -> bool:
    """Whether a field was written but not read: misspelled or of a wrong type.

    The reader has reported it already, so rules that want the field stay quiet.
    """
    raw = record.source.located.value
    written = raw.get(name) if isinstance(raw, dict) else None
    return name in record.misspelled or (
        written is not None and name not in record.fields
    )


@dataclass
class Evidence:
    """One referenced file, resolved against the content root."""

    record: Record
    field: str
    value: str
    position: Position | None
    path: Path | None = None
    status: str = "ok"  # ok, missing, outside
    size: int = 0
    actual: str = "unknown"


@dataclass
class Context:
    content: Content
    profile: RuleProfile
    findings: Findings
    as_of: dt.date
    _evidence: dict[tuple[str, str, str], Evidence] = field(default_factory=dict)
    # Results several checks share (such as resolved body images), by name.
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.findings.language

    @cached_property
    def real_root(self) -> Path:
        return self.content.root.resolve()

    def add(
        self, rule: str, record: Record | str, position: Any, **params: Any
    ) -> None:
        """Report `rule` on a record's file, or on a file named by its path."""
        file = record if isinstance(record, str) else record.source.rel
        self.findings.add(rule, file, position, **params)

    def term_name(self, term: Term) -> str:
        return i18n.text(self.language, "terms.semester", **term._asdict())

    def year_name(self, year: int) -> str:
        return i18n.text(self.language, "terms.year", year=year)

    def names(self, records: list[Record]) -> str:
        return i18n.join(self.language, [r.source.rel for r in records])

    def evidence(self, record: Record, name: str) -> Evidence | None:
        """The record's `document` or `media` file, resolved once."""
        value = record.get(name)
        if not value:
            return None
        key = (record.source.rel, name, value)
        if key not in self._evidence:
            self._evidence[key] = self.resolve(
                record, name, value, record.source.value_at(name)
            )
        return self._evidence[key]

    def resolve(
        self, record: Record, name: str, value: str, position: Position | None
    ) -> Evidence:
        """Find a path written in a record, relative to the record's file."""
        evidence = Evidence(record=record, field=name, value=value, position=position)
        written = Path(value)
        base = record.source.path.parent
        candidate = written if written.is_absolute() else base / written
        try:
            resolved = paths.real(candidate)
        except (OSError, RuntimeError):
            evidence.status = "missing"
            return evidence
        if not resolved.is_relative_to(self.real_root):
            evidence.status = "outside"
            return evidence
        try:
            # A name too long for the disk, or a pipe, is as good as missing.
            status = resolved.stat()
            if not stat.S_ISREG(status.st_mode):
                evidence.status = "missing"
                return evidence
            evidence.size = status.st_size
            evidence.actual = sniff_file(resolved)
        except OSError:
            evidence.status = "missing"
            return evidence
        evidence.path = resolved
        return evidence

    def all_evidence(self) -> list[Evidence]:
        """Every document and media file of every record, in file order."""
        found = []
        for record in self.content.records():
            for name in ("document", "media"):
                evidence = self.evidence(record, name)
                if evidence is not None:
                    found.append(evidence)
        return found

"""Typed records of one student's content, each remembering where it came from.

The reader fills these; rules and renderers only read them. Values are already
validated: a field that failed its type check is absent, not wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.terms import Term
from generator.yamlsource import Located, Position


@dataclass
class Source:
    """Where a record's data stands: file, positions of keys, start of the body."""

    path: Path
    rel: str
    located: Located = field(default_factory=lambda: Located(value=None))
    body_line: int = 1

    def at(self, *keys: Any) -> Position | None:
        return self.located.key_position(*keys)

    def value_at(self, *keys: Any) -> Position | None:
        return self.located.value_position(*keys)


@dataclass
class Site:
    title: str | None = None
    language: str = "zh-TW"
    base_url: str | None = None
    rules: str = "taipei"
    as_of: dt.date | None = None
    theme: str | None = None
    schedule: str | None = None
    silence: list[str] = field(default_factory=list)
    show_student_id: bool = False
    publish_dossiers: bool = False
    allow_indexing: bool = False
    source: Source | None = None


@dataclass
class Record:
    """What every Markdown record shares: id, fields, body and privacy."""

    id: str
    source: Source
    fields: dict[str, Any]
    body: str = ""
    private: bool = False
    private_fields: frozenset[str] = frozenset()
    # Fields written under a misspelled name (reported as unknown-field once).
    misspelled: frozenset[str] = frozenset()

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    @property
    def title(self) -> str:
        return self.fields.get("title") or self.id

    @property
    def summary(self) -> str | None:
        return self.fields.get("summary")

    @property
    def tags(self) -> list[str]:
        return self.fields.get("tags") or []

    def public(self, name: str) -> Any:
        """A field's value unless it is marked private."""
        return None if name in self.private_fields else self.fields.get(name)


@dataclass
class Profile(Record):
    @property
    def name(self) -> str:
        return self.fields.get("name") or ""

    @property
    def enrolled(self) -> int | None:
        return self.fields.get("enrolled")


@dataclass
class Outcome(Record):
    """A course outcome (課程學習成果)."""

    term: Term | None = None

    @property
    def kind(self) -> str:
        return self.fields.get("kind") or "report"

    @property
    def certification(self) -> str:
        return self.fields.get("certification") or "draft"

    @property
    def submitted(self) -> bool:
        return bool(self.fields.get("submitted"))


@dataclass
class Performance(Record):
    """A performance (多元表現); `category` is the English key."""

    category: str | None = None
    item: str | None = None
    term: Term | None = None
    ticked_year: int | None = None

    @property
    def submitted(self) -> bool:
        return self.ticked_year is not None


@dataclass
class Statement:
    """One level-2 section of an application body."""

    key: str
    heading: str
    text: str
    line: int


@dataclass
class Application(Record):
    """One target department: its picks in order and its statements."""

    statements: dict[str, Statement] = field(default_factory=dict)

    @property
    def outcome_ids(self) -> list[str]:
        return self.fields.get("outcomes") or []

    @property
    def performance_ids(self) -> list[str]:
        return self.fields.get("performances") or []

    @property
    def items(self) -> dict[str, float | None] | None:
        """Review item → weight; None means the department asks for all."""
        return self.fields.get("items")


@dataclass
class Entry:
    """One item of a YAML list file (courses, cadres, consultations)."""

    fields: dict[str, Any]
    source: Source
    index: int

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    def at(self, *keys: Any) -> Position | None:
        return self.source.at(self.index, *keys)


@dataclass
class Window:
    """One window of the school's schedule, such as 113-1's upload window."""

    name: str
    start: dt.date
    end: dt.date
    term: Term
    file: str
    position: Position | None


@dataclass
class Content:
    """Everything read from one content root."""

    root: Path
    site: Site
    profile: Profile | None = None
    courses: list[Entry] = field(default_factory=list)
    cadres: list[Entry] = field(default_factory=list)
    consultations: list[Entry] = field(default_factory=list)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    performances: dict[str, Performance] = field(default_factory=dict)
    applications: dict[str, Application] = field(default_factory=dict)
    windows: list[Window] = field(default_factory=list)
    # Every text file read, by path relative to the root, for content-wide scans.
    texts: dict[str, str] = field(default_factory=dict)
    # Ids of records that exist but could not be read; rules stay quiet on them.
    unreadable_outcomes: set[str] = field(default_factory=set)
    unreadable_performances: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return self.root.name

    @property
    def enrolled(self) -> int | None:
        return self.profile.enrolled if self.profile else None

    def records(self) -> list[Record]:
        return [*self.outcomes.values(), *self.performances.values()]

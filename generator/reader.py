"""Read one content root into typed records, turning every bad input into findings.

Nothing here raises on content: invalid YAML, wrong encodings, empty or huge
files, alias bombs, unknown fields and wrong types all become findings with a
file and a line, and the record is kept as far as it could be read.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from generator import fields as fieldspec
from generator import i18n, paths
from generator.findings import Findings
from generator.model import (
    Application,
    Content,
    Entry,
    Outcome,
    Performance,
    Profile,
    Record,
    Site,
    Source,
    Statement,
    Window,
)
from generator.ruleprofile import RuleProfile, load_profile
from generator.terms import Term, term_of
from generator.yamlsource import Located, Position, YamlProblem, load

log = logging.getLogger(__name__)

TEXT_LIMIT = 1024 * 1024
RECORD_SUFFIXES = (".md", ".markdown")
WINDOW_NAMES = (
    "upload",
    "certification",
    "outcome_ticking",
    "performance_ticking",
    "confirmation",
)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")


def is_content_root(path: Path) -> bool:
    return path.is_dir() and (
        (path / "profile.md").exists() or (path / "site.yaml").exists()
    )


class Reader:
    """Reads one content root; keeps the findings and the rules profile it uses."""

    def __init__(
        self, root: Path, findings: Findings, forced_language: str | None = None
    ) -> None:
        self.root = root
        self.forced_language = forced_language
        self.real_root = root.resolve()
        self.findings = findings
        self.profile: RuleProfile = load_profile("taipei")  # type: ignore[assignment]
        self.checker = fieldspec.FieldChecker(findings, self.profile)
        self.texts: dict[str, str] = {}

    # -- files ---------------------------------------------------------------

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return Path(os.path.relpath(path, self.root)).as_posix()

    def read_text(self, path: Path, shared: bool = False) -> str | None:
        """A text file's content, or None after reporting why it cannot be read."""
        rel = self.rel(path)
        if self.outside(path) and not shared:
            self.findings.add("file-outside-root", rel, Position(1, 1), path=rel)
            return None
        try:
            if not path.is_file():
                # A broken symlink, or a pipe or device that reading would hang on.
                raise FileNotFoundError(path)
            size = path.stat().st_size
            if size > TEXT_LIMIT:
                self.findings.add(
                    "text-too-large",
                    rel,
                    Position(1, 1),
                    size=_size(size),
                    limit=_size(TEXT_LIMIT),
                )
                return None
            raw = path.read_bytes()
        except OSError:
            # A broken symlink, a symlink loop, a pipe: there is nothing to read.
            self.findings.add(
                "file-missing", rel, Position(1, 1), path=rel, suggestion=""
            )
            return None
        return self._decode(raw, rel)

    def outside(self, path: Path) -> bool:
        """Whether a path, symlinks followed, leads out of the content root.

        A symlink loop leads nowhere; reading it then reports the file missing.
        """
        try:
            return not paths.real(path).is_relative_to(self.real_root)
        except (OSError, RuntimeError):
            return False

    def _decode(self, raw: bytes, rel: str) -> str | None:
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            where = _position_at(raw, error.start, b"\n")
        else:
            if "\x00" not in text:
                return text.replace("\r\n", "\n").replace("\r", "\n")
            where = _position_at(text, text.index("\x00"), "\n")
        detail = _encoding_guess(raw, self.findings.language)
        self.findings.add("invalid-encoding", rel, where, detail=detail)
        return None

    def load_yaml(self, path: Path, shared: bool = False) -> tuple[Source, Any] | None:
        """A YAML file as a Source with positions and its value.

        `shared` allows a file outside the root that site.yaml names (a
        counselor's schedule for the whole class); it is read, never published.
        """
        text = self.read_text(path, shared)
        if text is None:
            return None
        source = Source(path=path, rel=self.rel(path))
        self.texts[source.rel] = text
        try:
            source.located = load(text)
        except YamlProblem as problem:
            self.findings.add(
                "yaml-syntax", source.rel, problem.position, problem=problem.problem
            )
            return None
        return source, source.located.value

    def load_markdown(self, path: Path) -> tuple[Source, Any, str] | None:
        """A Markdown file's front matter (with positions) and its body."""
        text = self.read_text(path)
        if text is None:
            return None
        source = Source(path=path, rel=self.rel(path))
        self.texts[source.rel] = text
        front, body, body_line = _split_front_matter(text)
        source.body_line = body_line
        if front is None:
            if text.lstrip().startswith("---"):
                self.findings.add(
                    "yaml-syntax",
                    source.rel,
                    Position(1, 1),
                    problem=_words(self.findings.language, "unclosed"),
                )
                return None
            # No front matter: findings about the record point at its first line.
            source.located.values[()] = Position(1, 1)
            return source, {}, body
        try:
            source.located = load(front, line_offset=1)
        except YamlProblem as problem:
            self.findings.add(
                "yaml-syntax", source.rel, problem.position, problem=problem.problem
            )
            return None
        data = source.located.value
        if data is None:
            # Front matter without a key; the loaded result is shared, so a
            # fresh one carries the position findings will point at.
            data = {}
            source.located = Located(value=None, values={(): Position(1, 1)})
        return source, data, body

    # -- the whole root ------------------------------------------------------

    def read(self) -> Content:
        site = self.read_site()
        content = Content(root=self.root, site=site)
        content.profile = self.read_profile()
        content.courses = self.read_list("courses.yaml", "course")
        content.cadres = self.read_list("cadres.yaml", "cadre")
        content.consultations = self.read_list("consultations.yaml", "consultation")
        self.read_records(content, "outcomes", self.read_outcome)
        self.read_records(content, "performances", self.read_performance)
        self.read_records(content, "applications", self.read_application)
        content.windows = self.read_schedule(site)
        content.texts = self.texts
        return content

    def read_site(self) -> Site:
        site = Site()
        path = self.root / "site.yaml"
        if not path.exists() and not path.is_symlink():
            return site
        loaded = self.load_yaml(path)
        if loaded is None:
            return site
        source, data = loaded
        site.source = source
        if data is None:
            return site
        values = self.checker.check("site", data, source) or {}
        for key in ("title", "base_url", "as_of", "theme", "schedule"):
            setattr(site, key, values.get(key))
        site.language = values.get("language", "zh-TW")
        site.silence = values.get("silence", [])
        if not self.forced_language:
            self.findings.language = i18n.normalize_language(site.language)
            self.checker.language = self.findings.language
        self.findings.silenced = frozenset(site.silence)
        privacy = values.get("privacy") or {}
        for key in ("show_student_id", "publish_dossiers", "allow_indexing"):
            setattr(site, key, bool(privacy.get(key, False)))
        site.rules = values.get("rules", "taipei")
        profile = load_profile(site.rules, self.root)
        if profile is None:
            self.findings.add(
                "wrong-type",
                source.rel,
                source.value_at("rules"),
                field="rules",
                value=site.rules,
                expected="taipei",
                example="rules: taipei",
            )
        else:
            self.profile = profile
            self.checker.profile = profile
        return site

    def read_profile(self) -> Profile | None:
        path = self.root / "profile.md"
        if not path.exists() and not path.is_symlink():
            self.findings.add(
                "file-missing", "profile.md", Position(1, 1), path="profile.md"
            )
            return None
        loaded = self.load_markdown(path)
        if loaded is None:
            return None
        source, data, body = loaded
        values = self.checker.check("profile", data, source)
        if values is None:
            return None
        profile = Profile(id="profile", source=source, fields=values, body=body)
        return _with_privacy(profile, self.checker.misspelled)

    def read_list(self, name: str, kind: str) -> list[Entry]:
        path = self.root / name
        if not path.exists() and not path.is_symlink():
            return []
        loaded = self.load_yaml(path)
        if loaded is None:
            return []
        source, data = loaded
        if data is None:
            return []
        if (
            isinstance(data, dict)
            and len(data) == 1
            and isinstance(next(iter(data.values())), list)
        ):
            # Also accept the list under one key, e.g. `courses: [...]`.
            key = next(iter(data))
            data = data[key]
            source.located = _shift(source.located, key)
        if not isinstance(data, list):
            self.checker._wrong_type(source, (), "", data, "list")
            return []
        entries = []
        for index, item in enumerate(data):
            values = self.checker.check(kind, item, source, path=(index,))
            if values is not None:
                entries.append(Entry(fields=values, source=source, index=index))
        return entries

    def read_records(self, content: Content, folder: str, read_one: Any) -> None:
        base = self.root / folder
        if not base.is_dir():
            return
        seen: dict[str, str] = {}
        for path in sorted(base.iterdir(), key=lambda p: p.name):
            record_file = _record_file(path)
            if record_file is None:
                if path.is_dir() and not path.name.startswith((".", "_")):
                    missing = self.rel(path / "index.md")
                    self.findings.add(
                        "file-missing", missing, Position(1, 1), path=missing
                    )
                continue
            record_id = path.stem if path.is_file() else path.name
            rel = self.rel(record_file)
            if record_id.lower() in seen:
                self.findings.add(
                    "duplicate-id",
                    rel,
                    Position(1, 1),
                    id=record_id,
                    other=seen[record_id.lower()],
                )
                continue
            seen[record_id.lower()] = rel
            read_one(content, record_id, record_file)

    def read_outcome(self, content: Content, record_id: str, path: Path) -> None:
        loaded = self.load_markdown(path)
        if loaded is None:
            content.unreadable_outcomes.add(record_id)
            return
        source, data, body = loaded
        values = self.checker.check("outcome", data, source)
        if values is None:
            content.unreadable_outcomes.add(record_id)
            return
        outcome = Outcome(id=record_id, source=source, fields=values, body=body)
        outcome.term = self._outcome_term(outcome, data, content)
        content.outcomes[record_id] = _with_privacy(outcome, self.checker.misspelled)

    def _outcome_term(
        self, outcome: Outcome, data: Any, content: Content
    ) -> Term | None:
        year, semester = outcome.get("year"), outcome.get("semester")
        if year is not None and semester is not None:
            return Term(year, semester)
        date = outcome.get("date")
        if date is not None:
            return term_of(date, content.enrolled)
        for name in ("year", "semester"):
            if name not in data:
                spec = fieldspec.definitions()["outcome"][name]
                self.findings.add(
                    "missing-field",
                    outcome.source.rel,
                    fieldspec._first_key(outcome.source),
                    field=name,
                    doc=fieldspec.field_doc(spec, self.findings.language),
                )
        return None

    def read_performance(self, content: Content, record_id: str, path: Path) -> None:
        loaded = self.load_markdown(path)
        if loaded is None:
            content.unreadable_performances.add(record_id)
            return
        source, data, body = loaded
        category = None
        if isinstance(data, dict) and isinstance(data.get("category"), str):
            category = self.profile.category_key(data["category"])
        extras = fieldspec.performance_extras(category) if category else None
        if isinstance(data, dict) and "category" in data and category is None:
            # Unknown category: check the other fields, then set the record aside.
            extras = fieldspec.performance_extras(None)
        values = self.checker.check("performance", data, source, extras=extras)
        if values is None or category is None:
            content.unreadable_performances.add(record_id)
            return
        performance = Performance(
            id=record_id, source=source, fields=values, body=body, category=category
        )
        performance.item = values.get("item") or self.profile.item_of_category(category)
        start = values.get("start")
        if start is not None:
            performance.term = term_of(start, content.enrolled)
        submitted = values.get("submitted")
        if submitted is True and performance.term is not None:
            performance.ticked_year = performance.term.year
        elif isinstance(submitted, int) and not isinstance(submitted, bool):
            performance.ticked_year = submitted
        content.performances[record_id] = _with_privacy(
            performance, self.checker.misspelled
        )

    def read_application(self, content: Content, record_id: str, path: Path) -> None:
        loaded = self.load_markdown(path)
        if loaded is None:
            return
        source, data, body = loaded
        values = self.checker.check("application", data, source)
        if values is None:
            return
        application = Application(id=record_id, source=source, fields=values, body=body)
        application.statements = self.split_statements(body, source.body_line)
        content.applications[record_id] = _with_privacy(
            application, self.checker.misspelled
        )

    def split_statements(self, body: str, first_line: int) -> dict[str, Statement]:
        """The level-2 sections of an application body, by statement key."""
        statements: dict[str, Statement] = {}
        current: Statement | None = None
        lines: list[str] = []
        in_fence = False

        def close() -> None:
            if current is not None:
                current.text = "\n".join(lines).strip()
                statements.setdefault(current.key, current)

        for offset, line in enumerate(body.split("\n")):
            if _FENCE.match(line):
                in_fence = not in_fence
            match = None if in_fence else _HEADING.match(line)
            if match:
                close()
                lines = []
                key = self.profile.statement_key(match.group(1))
                current = (
                    Statement(key, match.group(1), "", first_line + offset)
                    if key
                    else None
                )
                continue
            if current is not None:
                lines.append(line)
        close()
        return statements

    def read_schedule(self, site: Site) -> list[Window]:
        name = site.schedule or "schedule.yaml"
        path = self.root / name
        if not path.exists() and not path.is_symlink():
            if site.schedule and site.source:
                self.findings.add(
                    "file-missing",
                    site.source.rel,
                    site.source.value_at("schedule"),
                    path=name,
                )
            return []
        if self.outside(path) and not site.schedule:
            # A symlinked schedule.yaml that leaves the root is refused like any
            # file; one that site.yaml names may be a counselor's shared file.
            self.findings.add(
                "file-outside-root", self.rel(path), Position(1, 1), path=name
            )
            return []
        loaded = self.load_yaml(path, shared=bool(site.schedule))
        if loaded is None:
            return []
        source, data = loaded
        if isinstance(data, dict) and set(data) == {"terms"}:
            data = data["terms"]
            source.located = _shift(source.located, "terms")
        if data is None:
            return []
        if not isinstance(data, list):
            self.checker._wrong_type(source, (), "terms", data, "list")
            return []
        windows = []
        for index, item in enumerate(data):
            values = self.checker.check("schedule-term", item, source, path=(index,))
            if not values or "year" not in values or "semester" not in values:
                continue
            term = Term(values["year"], values["semester"])
            for name in WINDOW_NAMES:
                window = values.get(name)
                if window and "start" in window and "end" in window:
                    windows.append(
                        Window(
                            name=name,
                            start=window["start"],
                            end=window["end"],
                            term=term,
                            file=source.rel,
                            position=source.at(index, name),
                        )
                    )
        return windows


def read_content(root: Path, findings: Findings) -> tuple[Content, RuleProfile]:
    """Read a content root; findings collect every problem on the way."""
    reader = Reader(root, findings)
    content = reader.read()
    log.debug(
        "read %s: %d outcomes, %d performances, %d applications",
        root,
        len(content.outcomes),
        len(content.performances),
        len(content.applications),
    )
    return content, reader.profile


def _record_file(path: Path) -> Path | None:
    if path.name.startswith((".", "_", "#")) or path.name.endswith("~"):
        return None
    if path.is_dir():
        for name in ("index.md", "index.markdown"):
            if (path / name).exists() or (path / name).is_symlink():
                return path / name
        return None
    if path.suffix.lower() in RECORD_SUFFIXES:
        return path
    return None


def _split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Front matter between `---` lines, the body, and the body's first line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2
    return None, text, 1


def _with_privacy(record: Record, misspelled: set[str] | None = None) -> Any:
    record.misspelled = frozenset(misspelled or ())
    private = record.fields.get("private")
    if private is True:
        record.private = True
    elif isinstance(private, list):
        record.private_fields = frozenset(private)
    return record


def _shift(located: Located, key: Any) -> Located:
    """Positions of the list under `key`, re-rooted so its items start the path."""
    shifted = Located(value=located.value)
    for path, position in located.keys.items():
        if path[:1] == (key,) and len(path) > 1:
            shifted.keys[path[1:]] = position
    for path, position in located.values.items():
        if path[:1] == (key,):
            shifted.values[path[1:]] = position
    return shifted


def _position_at(text: Any, index: int, newline: Any) -> Position:
    """Line and column of `index` in text or bytes, both 1-based."""
    line = text.count(newline, 0, index) + 1
    return Position(line, index - (text.rfind(newline, 0, index) + 1) + 1)


def _encoding_guess(raw: bytes, language: str) -> str:
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Big5 never holds a NUL byte, though ASCII with NULs decodes as Big5;
        # text with a NUL in every other byte is UTF-16 without its mark.
        pairs = len(raw) // 2
        if pairs and max(raw[0::2].count(0), raw[1::2].count(0)) * 10 >= pairs * 9:
            return _words(language, "utf-16")
        return _words(language, "nul")
    for encoding, name in (("big5", "Big5"), ("cp950", "Big5"), ("utf-16", "UTF-16")):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        if language == "en":
            return f"; it looks like {name}"
        return f"，看起來是 {name}"
    return ""


def _words(language: str, key: str) -> str:
    table = {
        "unclosed": (
            "front matter 沒有結束的 --- 行",
            "the front matter has no closing --- line",
        ),
        "nul": ("，而且含有 NUL 字元（0x00）", "; it contains a NUL byte (0x00)"),
        "utf-16": ("，看起來是 UTF-16", "; it looks like UTF-16"),
    }
    zh, en = table[key]
    return en if language == "en" else zh


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MiB"
    return f"{size / 1024:.0f} KiB"

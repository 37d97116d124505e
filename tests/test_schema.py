"""The JSON Schema: valid draft-07, and agreeing with what `portfolio check` reads.

An editor validates with the schema as the student types; if the schema and the
checker disagreed, the editor would flag what the check accepts, or let pass
what the check then refuses.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator import schema
from generator.rules import READING_RULES
from generator.yamlsource import load

CONTENT = Path(__file__).resolve().parent.parent / "content"
FOLDER_KINDS = {
    "outcomes": "outcome",
    "performances": "performance",
    "applications": "application",
}
YAML_KINDS = {
    "site.yaml": "site",
    "courses.yaml": "courses",
    "cadres.yaml": "cadres",
    "schedule.yaml": "schedule",
    "consultations.yaml": "consultations",
}


def jsonable(value: Any) -> Any:
    """A loaded YAML value as an editor's JSON view of it: dates become text."""
    if isinstance(value, dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def validator(kind: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(
        schema.document(kind), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def front_matter(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return load(text.split("---\n", 2)[1]).value


# A valid instance of every kind, and per kind one field to spoil with a value
# of the wrong type.
VALID = {
    "site": {"title": "我的學習歷程", "language": "en", "as_of": "2025-06-01",
             "privacy": {"allow_indexing": False}},
    "profile": {"name": "王小明", "enrolled": 113, "links": ["https://github.com/me"]},
    "courses": [{"year": 113, "semester": 1, "subject": "數學", "credits": 4,
                 "score": 88.5}],
    "cadres": [{"year": 113, "semester": 2, "unit": "101 班", "position": "班長"}],
    "outcome": {"title": "單擺實驗", "course": "物理", "credits": 2, "year": 113,
                "semester": 1, "document": "report.pdf", "tags": ["物理"]},
    "performance": {"title": "程式設計競賽", "category": "競賽參與紀錄",
                    "start": "2024-10-05", "level": "national", "submitted": 114},
    "application": {"university": "國立臺灣大學", "department": "物理學系",
                    "outcomes": ["lab"], "items": {"A": 1, "N": None},
                    "limits": {"motivation": 800}},
    "schedule": [{"year": 113, "semester": 1,
                  "upload": {"start": "2024-09-01", "end": "2024-11-30"}}],
    "consultations": [{"date": "2024-10-01", "teacher": "林老師", "topic": "選課"}],
}  # fmt: skip
WRONG = {
    "site": ("language", "fr"),
    "profile": ("enrolled", "113年"),
    "courses": ("credits", "four"),
    "cadres": ("year", "去年"),
    "outcome": ("credits", "two"),
    "performance": ("start", "2024/10/05"),
    "application": ("items", ["Z"]),
    "schedule": ("semester", 3),
    "consultations": ("date", "yesterday"),
}


def _spoil(kind: str, name: str, value: Any) -> Any:
    instance = copy.deepcopy(VALID[kind])
    (instance[0] if isinstance(instance, list) else instance)[name] = value
    return instance


@pytest.mark.parametrize("kind", [None, *schema.KINDS])
def test_the_schema_is_valid_draft_07(kind):
    document = schema.document(kind)

    jsonschema.Draft7Validator.check_schema(document)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_the_whole_schema_defines_every_kind():
    assert set(schema.document()["definitions"]) == set(schema.KINDS)


@pytest.mark.parametrize("kind", schema.KINDS)
def test_each_kind_accepts_a_valid_sample(kind):
    errors = list(validator(kind).iter_errors(VALID[kind]))

    assert errors == []


@pytest.mark.parametrize("kind", schema.KINDS)
def test_each_kind_rejects_an_unknown_field(kind):
    assert not validator(kind).is_valid(_spoil(kind, "nope", 1))


@pytest.mark.parametrize("kind", schema.KINDS)
def test_each_kind_rejects_a_value_of_the_wrong_type(kind):
    assert not validator(kind).is_valid(_spoil(kind, *WRONG[kind]))


@pytest.mark.parametrize("kind", ["profile", "outcome", "performance", "application"])
def test_each_record_kind_rejects_a_missing_required_field(kind):
    instance = copy.deepcopy(VALID[kind])
    del instance[next(iter(instance))]

    assert not validator(kind).is_valid(instance)


def test_a_performance_rejects_an_extra_field_of_another_category():
    instance = _spoil("performance", "hours", 3)

    assert not validator("performance").is_valid(instance)


def test_a_schedule_may_stand_under_a_terms_key():
    assert validator("schedule").is_valid({"terms": VALID["schedule"]})


# Front matter as students write it, right and wrong: the schema must judge each
# as the checker does. The outcome and performance lines are completed with the
# minimum the kind needs unless they say otherwise.
OUTCOME = "title: 單擺實驗\ncourse: 物理\n"
TERM = "year: 113\nsemester: 1\n"
PERFORMANCE = "title: 競賽\ncategory: competition\nstart: 2024-10-05\n"
APPLICATION = "university: 臺大\ndepartment: 物理學系\n"
SERVICE = "title: 圖書館志工\nstart: 2024-10-05\n"
AGREEMENT = [
    ("outcome", OUTCOME + TERM),
    ("outcome", OUTCOME + TERM + "credits: 2\nsummary: 重點\n"),
    ("outcome", OUTCOME + TERM + "credits: two\n"),
    ("outcome", OUTCOME + TERM + 'credits: "2"\n'),
    ("outcome", OUTCOME + TERM + "credits: true\n"),
    ("outcome", OUTCOME + TERM + "submitted: yes please\n"),
    ("outcome", OUTCOME + TERM + "submitted: true\ncertification: certified\n"),
    ("outcome", OUTCOME + TERM + "certification: approved\n"),
    ("outcome", OUTCOME + TERM + "kind: science\n"),
    ("outcome", OUTCOME + TERM + "certification: Certified\n"),
    ("outcome", OUTCOME + "year: 113\nsemester: '2'\n"),
    ("outcome", OUTCOME + TERM + "document: ''\n"),
    ("outcome", OUTCOME + TERM + "document: report.pdf\nmedia: talk.mp4\n"),
    ("outcome", OUTCOME + TERM + "tags: 物理\n"),
    ("outcome", OUTCOME + TERM + "tags: [物理, 2024]\n"),
    ("outcome", OUTCOME + TERM + "tags: {a: 1}\n"),
    ("outcome", OUTCOME + TERM + "private: true\n"),
    ("outcome", OUTCOME + TERM + "private: [summary, teacher]\n"),
    ("outcome", OUTCOME + TERM + "private: summary\n"),
    ("outcome", OUTCOME + TERM + "summary: ''\n"),
    ("outcome", OUTCOME + TERM + "summary: '   '\n"),
    ("outcome", OUTCOME + TERM + "title2: x\n"),
    ("outcome", OUTCOME + "year: 113\nsemester: 3\n"),
    ("outcome", OUTCOME + "year: 99999\nsemester: 1\n"),
    ("outcome", OUTCOME + "date: 2025-03-10\n"),
    ("outcome", OUTCOME + "date: '2025-03-10'\n"),
    ("outcome", OUTCOME + "date: 2024-02-30\n"),
    ("outcome", OUTCOME + "year: 113\n"),
    ("outcome", OUTCOME),
    ("outcome", "course: 物理\n" + TERM),
    ("outcome", "title: 123\ncourse: 物理\n" + TERM),
    ("performance", PERFORMANCE),
    ("performance", PERFORMANCE + "end: 2024-10-06\n"),
    ("performance", PERFORMANCE + "submitted: 114\n"),
    ("performance", PERFORMANCE + "submitted: 5\n"),
    ("performance", PERFORMANCE + "submitted: false\n"),
    ("performance", PERFORMANCE + "level: national\naward: 佳作\norganizer: 教育部\n"),
    ("performance", PERFORMANCE + "level: galactic\n"),
    ("performance", PERFORMANCE + "hours: 3\n"),
    ("performance", PERFORMANCE + "link: https://example.org/work\n"),
    ("performance", PERFORMANCE + "link: example.org/work\n"),
    ("performance", PERFORMANCE + "item: M\n"),
    ("performance", PERFORMANCE + "item: B\n"),
    ("performance", SERVICE + "category: 服務學習紀錄\nhours: 4\n"),
    ("performance", SERVICE + "category: service\nhours: 四\n"),
    ("performance", "title: 競賽\ncategory: competiton\nstart: 2024-10-05\n"),
    ("performance", "title: 競賽\ncategory: Competition\nstart: 2024-10-05\n"),
    ("performance", "title: 競賽\ncategory: COMPETITION\nstart: 2024-10-05\n"
                    "hours: 3\n"),
    ("performance", PERFORMANCE + "level: National\n"),
    ("performance", "title: 競賽\ncategory: competition\nstart: 2024/10/05\n"),
    ("performance", "title: 競賽\ncategory: competition\nstart: '2024-10-05'\n"),
    ("performance", "title: 競賽\ncategory: competition\n"),
    ("application", APPLICATION),
    ("application", APPLICATION + "outcomes: [lab, essay]\nperformances: contest\n"),
    ("application", APPLICATION + "items: [A, B, N, O, P, Q]\n"),
    ("application", APPLICATION + "items: [a, b]\n"),
    ("application", APPLICATION + "items: [A, Z]\n"),
    ("application", APPLICATION + "items: []\n"),
    ("application", APPLICATION + "items: {A: 2, J: 1.5, N: null}\n"),
    ("application", APPLICATION + "items: {a: 1, z: 1}\n"),
    ("application", APPLICATION + "items: {A: many}\n"),
    ("application", APPLICATION + "limits: {motivation: 800}\n"),
    ("application", APPLICATION + "limits: {motivation: 0}\n"),
    ("application", APPLICATION + "limits: 800\n"),
    ("application", APPLICATION + "code: '001012'\n"),
    ("application", "university: 臺大\n"),
    ("profile", "name: 王小明\nenrolled: 113\n"),
    ("profile", "name: 王小明\nenrolled: 113\nlinks: [https://github.com/me]\n"),
    ("profile", "name: 王小明\nenrolled: 113\nlinks: https://github.com/me\n"),
    ("profile", "name: 王小明\nenrolled: 113\nlinks: [github.com/me]\n"),
    ("profile", "name: 王小明\nenrolled: 113\n"
                "links: [{title: 部落格, url: https://blog.example.org}]\n"),
    ("profile", "name: 王小明\nenrolled: 113\ninterests: [物理, 程式]\n"),
    ("profile", "name: 王小明\nenrolled: 113\n"
                "links: [{title: 部落格, url: blog.example.org}]\n"),
    ("profile", "name: 王小明\nenrolled: 113\nprivate: [email]\nemail: a@b.tw\n"),
    ("profile", "name: ''\nenrolled: 113\n"),
    ("profile", "name: 王小明\nenrolled: 一一三\n"),
    ("profile", "name: 王小明\n"),
]  # fmt: skip
RECORD_FILES = {
    "outcome": "outcomes/x.md",
    "performance": "performances/x.md",
    "application": "applications/x.md",
    "profile": "profile.md",
}


def _last_line(value: str) -> str:
    return value.strip().splitlines()[-1]


@pytest.mark.parametrize(("kind", "front"), AGREEMENT, ids=_last_line)
def test_the_schema_and_the_checker_agree_on_front_matter(student, kind, front):
    rel = RECORD_FILES[kind]
    student.record(rel, front)
    reading = [f.rule for f in student.findings(rel) if f.rule in READING_RULES]

    errors = [e.message for e in validator(kind).iter_errors(
        jsonable(load(front).value)
    )]  # fmt: skip

    assert (errors == []) == (reading == []), (errors, reading)


# -- the example content -------------------------------------------------------


def example_files() -> list[Any]:
    """Every content file of the example root with its kind, or one skip."""
    if not (CONTENT / "profile.md").is_file():
        skip = pytest.mark.skip(reason="content/ has no profile.md yet")
        return [pytest.param(None, None, marks=skip, id="no-example")]
    files = [("profile.md", "profile")]
    for folder, kind in FOLDER_KINDS.items():
        for path in sorted((CONTENT / folder).glob("*.md")):
            files.append((path.relative_to(CONTENT).as_posix(), kind))
        for path in sorted((CONTENT / folder).glob("*/index.md")):
            files.append((path.relative_to(CONTENT).as_posix(), kind))
    for name, kind in YAML_KINDS.items():
        if (CONTENT / name).is_file():
            files.append((name, kind))
    return [pytest.param(rel, kind, id=rel) for rel, kind in files]


@pytest.mark.parametrize(("rel", "kind"), example_files())
def test_the_example_content_validates_against_the_schema(rel, kind):
    path = CONTENT / rel
    if rel.endswith(".md"):
        instance = front_matter(path)
    else:
        instance = load(path.read_text(encoding="utf-8")).value

    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(kind).iter_errors(jsonable(instance))
    ]

    assert errors == []

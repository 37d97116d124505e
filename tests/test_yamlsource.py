"""The position-tracking YAML loader: where things stand, and what it refuses."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from generator.yamlsource import ALIAS_BUDGET, Position, YamlProblem, load

RECORD = """\
title: 單擺實驗
credits: 2
tags: [物理, 實驗]
links:
  - url: https://example.org
    title: 報告
"""


def billion_laughs(levels: int = 9) -> str:
    """The classic alias bomb: each level refers nine times to the one before."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_a_key_is_located_at_its_first_character_with_1_based_line_and_column():
    located = load(RECORD)

    assert located.keys[("title",)] == Position(1, 1)
    assert located.keys[("credits",)] == Position(2, 1)


def test_a_value_is_located_where_it_starts_after_the_colon():
    located = load(RECORD)

    assert located.values[("title",)] == Position(1, 8)
    assert located.values[("credits",)] == Position(2, 10)


def test_columns_count_characters_not_bytes():
    located = load(RECORD)

    # `tags: [物理, ` is eleven characters, though its Chinese takes more bytes.
    assert located.value_position("tags", 1) == Position(3, 12)


def test_nested_keys_and_list_items_have_their_own_positions():
    located = load(RECORD)

    assert located.key_position("links", 0) == Position(5, 5)
    assert located.key_position("links", 0, "title") == Position(6, 5)
    assert located.value_position("links", 0, "url") == Position(5, 10)


def test_loaded_values_are_plain_python_values():
    located = load(RECORD)

    assert located.value == {
        "title": "單擺實驗",
        "credits": 2,
        "tags": ["物理", "實驗"],
        "links": [{"url": "https://example.org", "title": "報告"}],
    }


def test_an_unknown_path_falls_back_to_its_nearest_known_parent():
    located = load(RECORD)

    assert located.key_position("links", 0, "nope") == Position(5, 5)
    assert located.value_position("nope") == Position(1, 1)


def test_line_offset_shifts_every_line_but_no_column():
    located = load(RECORD, line_offset=1)

    assert located.keys[("title",)] == Position(2, 1)
    assert located.values[("credits",)] == Position(3, 10)


def test_line_offset_also_shifts_the_position_of_a_syntax_error():
    with pytest.raises(YamlProblem) as caught:
        load("title: x\ncourse: [物理\n", line_offset=1)

    assert caught.value.position is not None
    assert caught.value.position.line == 4


def test_an_empty_document_loads_as_none():
    assert load("").value is None
    assert load("# just a comment\n").value is None


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title: [a, b\n", 2, 1),
        ('title: "unclosed\n', 2, 1),
        ("\ttitle: x\n", 1, 1),
        ("title: x\n  bad: indent\n", 2, 6),
    ],
)
def test_invalid_yaml_is_reported_with_its_line_and_column(text, line, column):
    with pytest.raises(YamlProblem) as caught:
        load(text)

    assert caught.value.position == Position(line, column)
    assert caught.value.problem


def test_an_alias_bomb_is_refused_quickly_with_a_position():
    started = time.perf_counter()
    with pytest.raises(YamlProblem) as caught:
        load(billion_laughs())
    elapsed = time.perf_counter() - started

    assert "alias" in caught.value.problem
    assert caught.value.position is not None
    assert caught.value.position.line >= 2
    assert elapsed < 2


def test_aliases_within_the_budget_that_expand_too_far_are_refused():
    # Five levels use 45 aliases (within the budget) but expand to 9**6 values.
    with pytest.raises(YamlProblem) as caught:
        load(billion_laughs(levels=5))

    assert "too large" in caught.value.problem
    assert caught.value.position is not None


@pytest.mark.parametrize("text", ["loop: &a [*a]\n", "loop: &a {again: *a}\n"])
def test_an_alias_inside_its_own_anchor_is_refused(text):
    with pytest.raises(YamlProblem) as caught:
        load(text)

    assert caught.value.position is not None


@pytest.mark.parametrize("depth", [60, 3000])
def test_deeply_nested_collections_are_refused_not_a_recursion_error(depth):
    with pytest.raises(YamlProblem) as caught:
        load("deep: " + "[" * depth + "]" * depth + "\n")

    assert "nested too deeply" in caught.value.problem
    assert caught.value.position is not None


def test_a_control_character_is_refused_with_its_position():
    with pytest.raises(YamlProblem) as caught:
        load("title: x\nsummary: a\x1fb\n", line_offset=1)

    assert caught.value.position == Position(3, 11)
    assert "U+001F" in caught.value.problem


def test_a_few_aliases_are_expanded_as_copies():
    located = load("base: &b [x, y]\ncopy: *b\n")

    assert located.value == {"base": ["x", "y"], "copy": ["x", "y"]}


def test_more_aliases_than_the_budget_are_refused_even_when_each_is_small():
    refs = ", ".join(["*x"] * (ALIAS_BUDGET + 1))
    text = f"one: &x 1\nmany: [{refs}]\n"

    with pytest.raises(YamlProblem) as caught:
        load(text)

    assert caught.value.position is not None
    assert caught.value.position.line == 2


def test_a_duplicate_key_is_refused_at_its_second_occurrence():
    with pytest.raises(YamlProblem) as caught:
        load("title: a\ncredits: 2\ntitle: b\n")

    assert caught.value.position == Position(3, 1)
    assert "title" in caught.value.problem


def test_a_duplicate_key_in_a_nested_mapping_is_refused():
    with pytest.raises(YamlProblem) as caught:
        load("privacy:\n  allow_indexing: true\n  allow_indexing: false\n")

    assert caught.value.position == Position(3, 3)


def test_a_merge_key_is_refused_with_its_position():
    text = "base: &b {title: x}\nrecord:\n  <<: *b\n  credits: 2\n"

    with pytest.raises(YamlProblem) as caught:
        load(text)

    assert "merge" in caught.value.problem
    assert caught.value.position == Position(3, 3)


def test_an_invalid_date_comes_back_as_its_text():
    assert load("start: 2024-02-30\n").value == {"start": "2024-02-30"}


def test_a_valid_date_comes_back_as_a_date():
    assert load("start: 2024-02-29\n").value == {"start": dt.date(2024, 2, 29)}


def test_a_second_document_is_refused():
    with pytest.raises(YamlProblem) as caught:
        load("title: a\n---\ntitle: b\n")

    assert caught.value.position == Position(2, 1)


def test_a_list_as_a_key_is_refused():
    with pytest.raises(YamlProblem) as caught:
        load("? [a, b]\n: c\n")

    assert caught.value.position == Position(1, 3)


@pytest.mark.parametrize(
    "text",
    [
        "run: !!python/name:os.system x\n",
        "data: !!binary not-base64\n",
        "day: !!timestamp soon\n",
        "flag: !!bool maybe\n",
        'count: !!int ""\n',
        'ratio: !!float ""\n',
    ],
)
def test_a_tag_the_value_does_not_fit_is_a_yaml_problem_not_a_crash(text):
    with pytest.raises(YamlProblem) as caught:
        load(text)

    assert caught.value.position is not None
    assert caught.value.position.line == 1

"""Safe YAML loading that remembers where every key and value stands.

PyYAML's safe loader forgets positions, and its alias expansion can be made to
blow up (the "billion laughs"). We compose the node tree ourselves, refuse
aliases past a small budget, and build plain Python values next to a map of
positions so every finding can name its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

ALIAS_BUDGET = 50
NODE_BUDGET = 100_000
DEPTH_LIMIT = 50


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass
class Located:
    """A loaded YAML value and the positions of its parts.

    `keys` maps a path of keys and list indexes, such as ("links", 0, "url"),
    to where that key (or list item) starts; `values` maps it to where its value
    starts. The empty path is the document itself.
    """

    value: Any
    keys: dict[tuple, Position] = field(default_factory=dict)
    values: dict[tuple, Position] = field(default_factory=dict)

    def key_position(self, *path: Any) -> Position | None:
        """Where a key stands, falling back to its nearest known parent."""
        while True:
            if path in self.keys:
                return self.keys[path]
            if not path:
                return self.values.get(())
            path = path[:-1]

    def value_position(self, *path: Any) -> Position | None:
        """Where a value starts, falling back to its key."""
        if path in self.values:
            return self.values[path]
        return self.key_position(*path)


class YamlProblem(Exception):
    """Input that is not loadable YAML; carries a position and plain words."""

    def __init__(self, problem: str, position: Position | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.position = position


class _BudgetComposer(Composer):
    """A composer that stops counting aliases once they exceed a budget."""

    def __init__(self) -> None:
        super().__init__()
        self._aliases = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > ALIAS_BUDGET:
                event = self.peek_event()
                raise YamlProblem(
                    f"too many aliases (more than {ALIAS_BUDGET})",
                    _position(event.start_mark),
                )
        return super().compose_node(parent, index)


class _Loader(Reader, Scanner, Parser, _BudgetComposer, SafeConstructor, Resolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _BudgetComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


def _position(mark: Any, line_offset: int = 0) -> Position:
    return Position(mark.line + 1 + line_offset, mark.column + 1)


def load(text: str, line_offset: int = 0) -> Located:
    """Load one YAML document from text, positions shifted by `line_offset`.

    Raises YamlProblem for anything that is not a single, plain YAML document.
    """
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        # A control character; PyYAML checks the whole text before parsing.
        before = text[: error.position]
        position = Position(
            before.count("\n") + 1 + line_offset,
            error.position - (before.rfind("\n") + 1) + 1,
        )
        raise YamlProblem(
            f"the character U+{error.character:04X} is not allowed in YAML", position
        ) from None
    try:
        node = loader.get_single_node()
    except YamlProblem as problem:
        if problem.position:
            problem.position = Position(
                problem.position.line + line_offset, problem.position.column
            )
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = _position(mark, line_offset) if mark else None
        words = error.problem or error.context or "unreadable YAML"
        raise YamlProblem(words, position) from None
    except yaml.YAMLError as error:
        raise YamlProblem(str(error).splitlines()[0], None) from None
    except RecursionError:
        # PyYAML composes nested collections recursively: `[[[[…` overflows.
        raise YamlProblem(
            "the document is nested too deeply",
            _position(loader.get_mark(), line_offset),
        ) from None
    finally:
        loader.dispose()

    located = Located(value=None)
    if node is None:
        return located
    budget = [NODE_BUDGET]
    located.value = _build(node, (), located, loader, line_offset, budget)
    return located


def _build(
    node: yaml.Node,
    path: tuple,
    located: Located,
    loader: _Loader,
    offset: int,
    budget: list[int],
) -> Any:
    """Turn a composed node into plain values, recording positions on the way."""
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlProblem(
            "the document is too large", _position(node.start_mark, offset)
        )
    if len(path) > DEPTH_LIMIT:
        # Also what an alias inside its own anchor (`a: &a [*a]`) comes to.
        raise YamlProblem(
            "the document is nested too deeply", _position(node.start_mark, offset)
        )
    located.values[path] = _position(node.start_mark, offset)

    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(
                    "merge keys (<<) are not supported",
                    _position(key_node.start_mark, offset),
                )
            key = _scalar(key_node, loader, offset)
            if not isinstance(key, str | int | bool) and key is not None:
                key = str(key)
            if key in result:
                raise YamlProblem(
                    f"the key '{key}' appears twice",
                    _position(key_node.start_mark, offset),
                )
            located.keys[(*path, key)] = _position(key_node.start_mark, offset)
            result[key] = _build(
                value_node, (*path, key), located, loader, offset, budget
            )
        return result

    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            located.keys[(*path, index)] = _position(item.start_mark, offset)
            items.append(_build(item, (*path, index), located, loader, offset, budget))
        return items

    return _scalar(node, loader, offset)


def _scalar(node: yaml.Node, loader: _Loader, offset: int) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise YamlProblem(
            "a key must be plain text, not a list or mapping",
            _position(node.start_mark, offset),
        )
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark or node.start_mark
        raise YamlProblem(
            error.problem or "unreadable value", _position(mark, offset)
        ) from None
    except ValueError:
        # A timestamp-looking value that is no real date, such as 2024-02-30:
        # keep the text so the field check can say what a date looks like.
        return node.value
    except (KeyError, IndexError, TypeError, AttributeError):
        # An explicit tag the text does not fit, such as `!!bool maybe`: PyYAML's
        # constructors assume the resolver chose the tag and fail in odd ways.
        raise YamlProblem(
            f"the value does not fit its tag {node.tag}",
            _position(node.start_mark, offset),
        ) from None

"""Safe YAML loading that remembers where every key and value stands.

PyYAML's safe loader forgets positions, and its alias expansion can be made to
blow up (the "billion laughs"). We compose the node tree ourselves, refuse
aliases past a small budget, and build plain Python values next to a map of
positions so every finding can name its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

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


# libyaml parses about ten times faster; PyYAML's own parser is the fallback,
# and it places syntax errors more precisely.
_FastLoader = getattr(yaml, "CSafeLoader", None)
_Loader = yaml.SafeLoader


def _position(mark: Any, line_offset: int = 0) -> Position:
    return Position(mark.line + 1 + line_offset, mark.column + 1)


def load(text: str, line_offset: int = 0) -> Located:
    """Load one YAML document from text, positions shifted by `line_offset`.

    Raises YamlProblem for anything that is not a single, plain YAML document.
    The same text loads once per process: the live preview re-reads every
    record on each save, and most of them have not changed. Callers must
    treat the result as read-only.
    """
    return _load_once(text, line_offset)


@lru_cache(maxsize=4096)
def _load_once(text: str, line_offset: int) -> Located:
    try:
        loader = _FastLoader(text) if _FastLoader is not None else _Loader(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as fast_error:
            _raise_precisely(text)
            raise fast_error from None
    except yaml.reader.ReaderError as error:
        # A control character; the reader checks the whole text before parsing.
        raise YamlProblem(
            f"the character U+{error.character:04X} is not allowed in YAML",
            _offset_position(text, error.position, line_offset),
        ) from None
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
        if "nesting depth" in words:
            words = "the document is nested too deeply"
        raise YamlProblem(words, position) from None
    except yaml.YAMLError as error:
        raise YamlProblem(str(error).splitlines()[0], None) from None
    except RecursionError:
        # PyYAML composes nested collections recursively: `[[[[…` overflows.
        raise YamlProblem("the document is nested too deeply", None) from None

    located = Located(value=None)
    if node is None:
        return located
    _count_aliases(node, line_offset)
    walk = _Walk()
    located.value = _build(node, (), located, loader, line_offset, walk)
    return located


def load_plain(text: str) -> Any:
    """Load the package's own data files (rules, fields, messages) quickly.

    They are trusted and positions do not matter, so libyaml's safe loader
    reads them directly; every command start pays for this.
    """
    return yaml.load(text, Loader=_FastLoader or yaml.SafeLoader)


def _raise_precisely(text: str) -> None:
    """Raise PyYAML's own error for text libyaml refused: it places it better.

    Errors are rare, so parsing once more costs nothing that matters; when
    the pure-Python parser cannot finish either, the caller keeps libyaml's.
    """
    try:
        _Loader(text).get_single_node()
    except yaml.MarkedYAMLError as error:
        raise error from None
    except (RecursionError, YamlProblem):
        return


def _count_aliases(root: yaml.Node, offset: int) -> None:
    """Refuse a document with more aliases than the budget, before expanding any.

    libyaml resolves an alias to the very node its anchor names; walking the
    graph once, a node reached again is an alias.
    """
    seen = {id(root)}
    stack = [root]
    aliases = 0
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            continue
        for child in children:
            if id(child) in seen:
                aliases += 1
                if aliases > ALIAS_BUDGET:
                    raise YamlProblem(
                        f"too many aliases (more than {ALIAS_BUDGET})",
                        _position(node.start_mark, offset),
                    )
                continue
            seen.add(id(child))
            stack.append(child)


class _Walk:
    """What building values has spent; aliases that expand too far run out."""

    def __init__(self) -> None:
        self.nodes = NODE_BUDGET


def _offset_position(text: str, index: int, line_offset: int) -> Position:
    before = text[:index]
    return Position(
        before.count("\n") + 1 + line_offset, index - (before.rfind("\n") + 1) + 1
    )


def _build(
    node: yaml.Node,
    path: tuple,
    located: Located,
    loader: _Loader,
    offset: int,
    walk: _Walk,
) -> Any:
    """Turn a composed node into plain values, recording positions on the way."""
    walk.nodes -= 1
    if walk.nodes < 0:
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
                value_node, (*path, key), located, loader, offset, walk
            )
        return result

    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            located.keys[(*path, index)] = _position(item.start_mark, offset)
            items.append(
                _build(
                    item,
                    (*path, index),
                    located,
                    loader,
                    offset,
                    walk,
                )
            )
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

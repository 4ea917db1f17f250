"""YAML parsed by libyaml when PyYAML was built with it, and by PyYAML's own parser otherwise.

The pure-Python parser costs about a millisecond per front matter and a tenth of a second per
rule file, which made YAML the largest single cost of a cold run. libyaml gives the same values
and the same line and column marks; PyYAML's parser is kept for the messages of bad input
(they are the ones the tests and users know) and for deep nesting, where libyaml's recursive
composer overflows the C stack instead of raising RecursionError.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Iterator

import yaml

from .model import FactlintError, Origin

MAX_NODES = 200_000  # refuse alias bombs long before they exhaust memory: this many values, or
# two a character of the text, what it can write without aliases ("{a,b}": four values in five characters)
JsonPath = tuple[Any, ...]
STR_TAG = "tag:yaml.org,2002:str"
PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}
HAS_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
MAX_C_DEPTH = 1000  # libyaml crashed between 10,000 and 100,000 levels; PyYAML stops near 1,000


def nesting_bound(text: str) -> int:
    """An upper bound on how deep ``text`` can nest: each level needs a flow opener, a block
    sequence or complex key indicator, or one more column of indentation."""
    indent = max((len(line) - len(line.lstrip(" ")) for line in text.splitlines()), default=0)
    indicators = sum(text.count(s) for s in ("- ", "-\n", "-\r", "-\t", "? ", "[", "{"))
    return indent + indicators


def c_twin(pure: type) -> type | None:
    """The libyaml loader that resolves and constructs as ``pure`` (a SafeLoader) does, when libyaml is there."""
    if not HAS_LIBYAML or not issubclass(pure, yaml.SafeLoader):
        return None
    twin = type(f"C{pure.__name__}", (yaml.CSafeLoader,), {})
    twin.yaml_implicit_resolvers = pure.yaml_implicit_resolvers
    twin.yaml_constructors = pure.yaml_constructors
    if "resolve" in pure.__dict__:
        twin.resolve = pure.__dict__["resolve"]
    return twin


@functools.lru_cache(maxsize=1)
def c_depth_limit() -> int:
    """How deep libyaml's composer may recurse on this process's stack: it took about 320 bytes a
    level (a 256 KB stack crashed near 800 levels), so one level per KB of stack, at most
    ``MAX_C_DEPTH``."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_STACK)[0]
    except (ImportError, OSError, ValueError):  # no such limit here (Windows: 1 MB main thread stacks)
        return MAX_C_DEPTH
    if soft == resource.RLIM_INFINITY or soft < 0:
        return MAX_C_DEPTH
    return max(0, min(MAX_C_DEPTH, soft // 1024 - 16))


def shallow(text: str, limit: int) -> bool:
    """Whether ``text`` nests less than ``limit`` deep, counted exactly from libyaml's events (its
    parser keeps its state on the heap; only its composer recurses). Asked when the quick bound
    is too coarse: a rule file of thousands of facts has thousands of "- " and "[", none deeper
    than five levels. It stops at ``limit``: libyaml's scanner slows with each open flow level."""
    depth = 0
    starts, ends = (yaml.SequenceStartEvent, yaml.MappingStartEvent), (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        for event in yaml.parse(text, Loader=yaml.CBaseLoader):
            if isinstance(event, starts):
                depth += 1
                if depth >= limit:
                    return False
            elif isinstance(event, ends):
                depth -= 1
    except yaml.YAMLError:
        return False  # PyYAML's parser says what is wrong, with its message
    return True


def use_libyaml(text: str) -> bool:
    """Whether libyaml may parse ``text``: it is there, and the text cannot nest deep enough to crash it."""
    if not HAS_LIBYAML:
        return False
    limit = c_depth_limit()
    return nesting_bound(text) < limit or shallow(text, limit)


def load_plain(text: str) -> Any:
    """Strings only (``lang: no`` stays "no"): data files and front matter. Errors are PyYAML's."""
    if use_libyaml(text):
        try:
            return yaml.load(text, Loader=yaml.CBaseLoader)
        except yaml.YAMLError:
            pass  # parsed again below, for PyYAML's message and position
    return yaml.load(text, Loader=yaml.BaseLoader)


# --------------------------------------------------------------------------- rule files, with positions

class _NoDatesLoader(yaml.SafeLoader):
    """Safe loading where dates stay strings: the schema, not YAML, decides what a date is."""


_NoDatesLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_IMPLICIT_FIRSTS = frozenset(k for k in _NoDatesLoader.yaml_implicit_resolvers if k)  # first characters that may not be text


def _resolve(self: Any, kind: Any, value: Any, implicit: Any) -> str:
    """What PyYAML's resolver answers, at once for the common case: a quoted scalar, or a plain one
    whose first character starts no implicit type (a number, a boolean, null, a merge key) is a
    string. libyaml's composer asks this of every scalar of a rule file, hundreds of times."""
    if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in _IMPLICIT_FIRSTS)):
        return STR_TAG
    return yaml.resolver.Resolver.resolve(self, kind, value, implicit)


_NoDatesLoader.resolve = _resolve  # type: ignore[method-assign]


class Marks:
    """Where each value of a rule file was written, by its path in the data. Kept as (line,
    column) pairs and made Origins only when asked: a rule file has hundreds of values, and a run
    asks for the position of a few (a fact's, an error's)."""

    def __init__(self, path: str, raw: dict[JsonPath, tuple[int, int]] | None = None) -> None:
        self.path = path
        self.raw: dict[JsonPath, tuple[int, int]] = {} if raw is None else raw

    def __getitem__(self, at: JsonPath) -> Origin:
        return Origin(self.path, *self.raw[at])

    def __contains__(self, at: object) -> bool:
        return at in self.raw

    def get(self, at: JsonPath, default: Any = None) -> Any:
        found = self.raw.get(at)
        return default if found is None else Origin(self.path, *found)

    def items(self) -> Iterator[tuple[JsonPath, Origin]]:
        for at, (line, column) in self.raw.items():
            yield at, Origin(self.path, line, column)

    def below(self, prefix: JsonPath) -> "Marks":
        """The marks of the value at ``prefix``, by paths relative to it (a fact's own marks): a
        view, so that taking it for each of a file's facts costs nothing until one is asked."""
        return _Below(self.path, self.raw, prefix)


class _Below(Marks):
    def __init__(self, path: str, raw: dict[JsonPath, tuple[int, int]], prefix: JsonPath) -> None:
        super().__init__(path, raw)
        self.prefix = prefix

    def __getitem__(self, at: JsonPath) -> Origin:
        return Origin(self.path, *self.raw[self.prefix + at])

    def __contains__(self, at: object) -> bool:
        return isinstance(at, tuple) and self.prefix + at in self.raw

    def get(self, at: JsonPath, default: Any = None) -> Any:
        found = self.raw.get(self.prefix + at)
        return default if found is None else Origin(self.path, *found)

    def items(self) -> Iterator[tuple[JsonPath, Origin]]:
        n = len(self.prefix)
        for at, (line, column) in self.raw.items():
            if at[:n] == self.prefix:
                yield at[n:], Origin(self.path, line, column)


@dataclass
class _Doc:
    data: Any
    marks: Marks
    non_ascii: list[str]  # every string (keys too) with a character beyond ASCII: the Chinese words are among them


_C_NO_DATES = c_twin(_NoDatesLoader)


def parse_yaml(text: str, path: str) -> _Doc:
    """Parse one YAML document, keeping the position of every value: with libyaml when it can,
    and again with PyYAML's parser when libyaml refuses the text, for PyYAML's message."""
    if _C_NO_DATES is not None and use_libyaml(text):
        try:
            return _parse_yaml(text, path, _C_NO_DATES)
        except yaml.YAMLError:
            pass
    return _parse_yaml(text, path, _NoDatesLoader)


def _parse_yaml(text: str, path: str, cls: type) -> _Doc:
    loader = None
    try:
        loader = cls(text)  # PyYAML's reader refuses control characters as it is built
        node = loader.get_single_node()
        if node is None:
            raise FactlintError("rule file is empty", path, 1, 1)
        marks: dict[JsonPath, tuple[int, int]] = {}
        non_ascii: list[str] = []
        budget = [max(MAX_NODES, 2 * len(text))]  # a large rule file is no alias bomb

        def build(n: yaml.Node, at: JsonPath) -> Any:
            budget[0] -= 1
            if budget[0] < 0:
                raise FactlintError("rule file expands to too many values (an alias bomb?)",
                                    *_where(path, n))
            if n.tag not in PLAIN_TAGS:
                tag = n.tag.replace("tag:yaml.org,2002:", "!!")
                raise FactlintError(f"tag {tag} is not allowed (rule files are plain YAML, loaded safely)",
                                    *_where(path, n))
            mark = n.start_mark
            marks[at] = (mark.line + 1, mark.column + 1)
            if isinstance(n, yaml.MappingNode):
                loader.flatten_mapping(n)
                out: dict[Any, Any] = {}
                for k, v in n.value:
                    # a plain string key as construct_object makes it, for a fraction of its cost
                    key = k.value if k.tag == STR_TAG and isinstance(k, yaml.ScalarNode) else \
                        loader.construct_object(k, deep=True)
                    if not isinstance(key, (str, int, float, bool)) or key is None:
                        raise FactlintError("keys must be plain scalars", *_where(path, k))
                    if isinstance(key, str) and not key.isascii():
                        non_ascii.append(key)
                    if key in out:
                        raise FactlintError(f"duplicate key {key!r}", *_where(path, k))
                    out[key] = build(v, at + (key,))
                    marks[at + (key, "<key>")] = (k.start_mark.line + 1, k.start_mark.column + 1)
                return out
            if isinstance(n, yaml.SequenceNode):
                return [build(v, at + (i,)) for i, v in enumerate(n.value)]
            if n.tag == STR_TAG:
                if not n.value.isascii():
                    non_ascii.append(n.value)
                return n.value  # what construct_object gives a plain string, for a fraction of its cost
            return loader.construct_object(n, deep=True)

        data = build(node, ())
        return _Doc(data, Marks(path, marks), non_ascii)
    except yaml.YAMLError as e:
        if cls is _C_NO_DATES:
            raise  # parsed again by PyYAML, whose messages these are
        raise _yaml_error(e, text, path) from None
    except RecursionError:  # the composer and ``build`` recurse once per level of nesting
        raise FactlintError("invalid YAML: nested too deeply", path, 1, 1) from None
    finally:
        if loader is not None:
            loader.dispose()


def _yaml_error(e: yaml.YAMLError, text: str, path: str) -> FactlintError:
    if isinstance(e, yaml.reader.ReaderError):  # a control character or NUL: the position is a character index
        line, col = _line_col(text, e.position)
        return FactlintError(f"invalid YAML: character #x{e.character:04x} is not allowed", path, line, col)
    if isinstance(e, yaml.MarkedYAMLError):
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = e.problem or e.context or "invalid YAML"
        if "could not determine a constructor" in str(e):
            problem = f"tag {(e.problem or '').split('tag ')[-1]} is not allowed (rule files are loaded safely)"
        return FactlintError(f"invalid YAML: {problem}", path, line, col)
    return FactlintError(f"invalid YAML: {e}", path, 1, 1)


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, with the line breaks YAML knows."""
    before = text[:index]
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1, index - line_start + 1


def _where(path: str, node: yaml.Node) -> tuple[str, int, int]:
    return path, node.start_mark.line + 1, node.start_mark.column + 1

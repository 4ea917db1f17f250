"""YAML parsed by libyaml when PyYAML was built with it, and by PyYAML's own parser otherwise.

The pure-Python parser costs about a millisecond per front matter and a tenth of a second per
rule file, which made YAML the largest single cost of a cold run. libyaml gives the same values
and the same line and column marks; PyYAML's parser is kept for the messages of bad input
(they are the ones the tests and users know) and for deep nesting, where libyaml's recursive
composer overflows the C stack instead of raising RecursionError.
"""
from __future__ import annotations

from typing import Any

import yaml

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
    return twin


def use_libyaml(text: str) -> bool:
    """Whether libyaml may parse ``text``: it is there, and the text cannot nest deep enough to crash it."""
    return HAS_LIBYAML and nesting_bound(text) < MAX_C_DEPTH


def load_plain(text: str) -> Any:
    """Strings only (``lang: no`` stays "no"): data files and front matter. Errors are PyYAML's."""
    if use_libyaml(text):
        try:
            return yaml.load(text, Loader=yaml.CBaseLoader)
        except yaml.YAMLError:
            pass  # parsed again below, for PyYAML's message and position
    return yaml.load(text, Loader=yaml.BaseLoader)

"""fastjsonschema accepts a rule file only when jsonschema does (rules.validate trusts its yes).

The two are compared on every schema fixture and on rule files mutated at random: a key dropped,
a value of another type, an unknown key, another kind's keys, an empty list.
"""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings, strategies as st

from checker.rules import _accepts, parse_yaml, schema
from conftest import ROOT

FIXTURES = sorted((Path(__file__).parent / "schema").glob("*.yaml"))
SEED = parse_yaml((ROOT / "rules" / "stoltenberg-seoul-2023.yaml").read_text(encoding="utf-8"), "seed").data
OTHERS: list[Any] = [None, 0, 1.5, True, "", "x", [], ["x"], {}, {"x": 1}, "2022-13-45", "error", "date",
                     [{"name": "x"}], {"any": ["x"]}]


def fast_says_valid(data: Any) -> bool:
    try:
        _accepts()(data)
        return True
    except Exception:  # noqa: BLE001 - any refusal sends the file to jsonschema
        return False


def jsonschema_says_valid(data: Any) -> bool:
    return not list(jsonschema.Draft202012Validator(schema()).iter_errors(data))


def paths(data: Any, at: tuple = ()) -> list[tuple]:
    out = [at]
    if isinstance(data, dict):
        for k, v in data.items():
            out += paths(v, at + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += paths(v, at + (i,))
    return out


def test_the_two_validators_agree_on_every_schema_fixture():
    assert FIXTURES
    for f in FIXTURES:
        data = parse_yaml(f.read_text(encoding="utf-8"), str(f)).data
        assert fast_says_valid(data) == jsonschema_says_valid(data), f.name


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_two_validators_agree_on_mutated_rule_files(data: st.DataObject):
    doc = copy.deepcopy(SEED)
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.sampled_from(paths(doc)[1:]))
        parent = doc
        for key in at[:-1]:
            parent = parent[key]
        how = data.draw(st.sampled_from(["drop", "replace", "unknown-key"]))
        if how == "drop":
            del parent[at[-1]]
        elif how == "replace":
            parent[at[-1]] = copy.deepcopy(data.draw(st.sampled_from(OTHERS)))
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["zz", "kind", "members", "expected", "speaker", "files"]))] = \
                copy.deepcopy(data.draw(st.sampled_from(OTHERS)))
        paths(doc)  # still a tree
    assert fast_says_valid(doc) == jsonschema_says_valid(doc)


@given(st.text(alphabet="0123456789abcxyzeEnNoOtTfFyY.+-_:~<=# \u00f1\u4e2d", max_size=8),
       st.sampled_from([(True, False), (False, True), (False, False)]))
def test_the_quick_scalar_resolver_answers_as_pyyaml_does(value: str, implicit: tuple[bool, bool]):
    """yamlload._resolve answers plain text at once; on every scalar it must equal PyYAML's resolver."""
    import yaml

    from checker.yamlload import _NoDatesLoader, _resolve

    loader = _NoDatesLoader("")
    assert _resolve(loader, yaml.ScalarNode, value, implicit) == \
        yaml.resolver.Resolver.resolve(loader, yaml.ScalarNode, value, implicit)

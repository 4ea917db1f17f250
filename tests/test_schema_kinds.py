"""The schema offers a fact only its kind's keys, and says what every key is for.

Editors (VS Code's YAML extension, yaml-language-server) complete a fact from the schema: the
common keys until ``kind`` is written, then the keys of that kind's ``if``/``then`` branch.
So the branch must list exactly what the loader and the kind's check accept, and every key a
description (shown beside the completion).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from checker.rules import keys_of_kinds, schema
from conftest import ROOT, run

FACT = schema()["$defs"]["fact"]
COMMON = set(FACT["properties"])
KIND_MODULES = {"date": "date", "set": "members", "participants": "participants", "quote": "quote",
                "name": "name", "title": "title", "quantity": "quantity"}

# a valid value of every key a kind has beyond the common ones (entities below)
VALUES: dict[str, dict[str, str]] = {
    "date": {"expected": '"2019-06-11"', "within": "40", "tolerance": "15"},
    "set": {"members": "[lagos, accra]", "hedged_severity": "info"},
    "participants": {"subject": "ngozi", "participants": "[{entity: kofi, titles: [envoy]}]"},
    "quote": {"speaker": "ngozi", "said": "[trade is a bridge]", "accepted": "[le commerce est un pont]"},
    "name": {"canonical": "Gulf of Guinea Ports Forum", "aliases": "[Ports Forum]", "keywords": "[Forum]"},
    "title": {"entity": "ngozi"},
    "quantity": {"expected": "4200", "unit": "people", "unit_words": "[delegates]", "tolerance": '"1%"',
                 "exact": "true", "within": "60", "values": '[{value: 4100, from: "2019-06-01"}]'},
}
INSTEAD = {"values": "expected"}  # a quantity has one or the other
REQUIRED = {"date": ["expected"], "set": ["members"], "participants": ["subject", "participants"],
            "quote": ["speaker", "said"], "name": ["canonical", "keywords"], "title": ["entity"],
            "quantity": ["expected"]}
HEAD = """story: ports
entities:
  ngozi: {type: person, name: Ngozi Eze, titles: [Minister of Trade]}
  kofi: {type: person, name: Kofi Mensah}
  lagos: {type: place, name: Lagos}
  accra: {type: place, name: Accra}
facts:
  - id: f
    kind: KIND
    message: the forum opened in Lagos
    sources: [Forum press office]
    applies: {any: [forum]}
"""


def _properties(node: Any, at: str = "#") -> Iterator[tuple[str, Any]]:
    """Every key the schema declares anywhere (under 'properties'), with where it is."""
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            if isinstance(sub, dict):
                yield f"{at}/properties/{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{at}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{at}/{i}")


def test_every_key_of_the_schema_has_a_description():
    keys = list(_properties(schema()))
    assert len(keys) > 80
    missing = [at for at, sub in keys if not at.split("/")[-3:-1] == ["if", "properties"]  # the branch guards
               and not (isinstance(sub.get("description"), str) and len(sub["description"]) > 10)]
    assert missing == []


def test_before_the_kind_only_the_common_keys_are_offered():
    assert COMMON == {"id", "kind", "message", "severity", "sources", "applies", "lang", "examples"}


@pytest.mark.parametrize("kind", sorted(KIND_MODULES))
def test_a_kinds_branch_offers_exactly_the_keys_it_allows(kind):
    branch = next(b["then"] for b in FACT["allOf"] if b["if"]["properties"]["kind"]["const"] == kind)
    assert COMMON | set(branch["properties"]) == keys_of_kinds()[kind] == set(branch["propertyNames"]["enum"])


def _read_keys(source: str) -> set[str]:
    return set(re.findall(r"""spec(?:\.get)?[\[(]["']([a-z_]+)["']""", source))


@pytest.mark.parametrize("kind", sorted(KIND_MODULES))
def test_a_kinds_keys_are_those_its_check_reads(kind):
    """The kind's own keys are what checker/facts/<kind>.py reads from the fact: none it ignores,
    none it reads that the schema would refuse."""
    code = (ROOT / "checker" / "facts" / f"{KIND_MODULES[kind]}.py").read_text(encoding="utf-8")
    assert keys_of_kinds()[kind] - COMMON == _read_keys(code)
    assert set(VALUES[kind]) == keys_of_kinds()[kind] - COMMON


def _rules(tmp_path: Path, kind: str, extra: dict[str, str]) -> tuple[Path, list[str]]:
    lines = HEAD.replace("KIND", kind).splitlines()
    if kind == "title":  # a title fact needs no trigger
        lines = [line for line in lines if "applies" not in line]
    lines += [f"    {key}: {value}" for key, value in extra.items()]
    path = tmp_path / f"{kind}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, lines


def _check(tmp_path: Path, rules: Path):  # type: ignore[no-untyped-def]
    article = tmp_path / "a.md"
    article.write_text("---\nlang: en\nstory: ports\n---\nThe forum opened in Lagos.\n", encoding="utf-8")
    return run("check", "--no-cache", "--rules", str(rules), str(article))


@pytest.mark.parametrize("kind", sorted(KIND_MODULES))
def test_the_loader_accepts_every_key_of_the_kind(tmp_path, kind):
    rules, _ = _rules(tmp_path, kind, {k: v for k, v in VALUES[kind].items() if k not in INSTEAD})
    r = _check(tmp_path, rules)
    assert (r.code, r.err) == (0, "")
    for key in VALUES[kind]:  # and each optional key alone
        if key in REQUIRED[kind]:
            continue
        needed = {k: VALUES[kind][k] for k in REQUIRED[kind] if k != INSTEAD.get(key)}
        rules, _ = _rules(tmp_path, kind, needed | {key: VALUES[kind][key]})
        r = _check(tmp_path, rules)
        assert (r.code, r.err) == (0, ""), key


@pytest.mark.parametrize("kind", sorted(KIND_MODULES))
def test_a_key_of_another_kind_is_one_clear_message(tmp_path, kind):
    """Not a pile of branch failures: one line naming the key, where it is written."""
    others = {key: value for other, values in VALUES.items() for key, value in values.items()
              if key not in keys_of_kinds()[kind]}
    assert others
    for key, value in others.items():
        rules, lines = _rules(tmp_path, kind, {k: VALUES[kind][k] for k in REQUIRED[kind]} | {key: value})
        r = _check(tmp_path, rules)
        assert r.code == 2, key
        line = lines.index(f"    {key}: {value}") + 1
        assert r.err == f"{rules}:{line}:5: fact 'f': unknown key '{key}' for a fact of kind '{kind}'\n"


def test_an_unknown_key_says_what_the_kind_takes(tmp_path):
    rules, lines = _rules(tmp_path, "date", {"expected": '"2019-06-11"', "withn": "40"})
    r = _check(tmp_path, rules)
    assert r.code == 2
    assert r.err == (f"{rules}:{len(lines)}:5: fact 'f': unknown key 'withn' (did you mean 'within'?) (a fact of kind "
                     "'date' takes applies, examples, expected, id, kind, lang, message, severity, sources, tolerance, "
                     "within)\n")


def test_an_unknown_kind_still_names_a_stray_key(tmp_path):
    rules, lines = _rules(tmp_path, "tally", {"zzz": "1"})
    r = _check(tmp_path, rules)
    assert r.code == 2
    assert f"{rules}:9:11: fact 'f': 'kind' must be one of date, set" in r.err
    assert f"{rules}:{len(lines)}:5: fact 'f': unknown key 'zzz' (expected one of accepted, aliases" in r.err

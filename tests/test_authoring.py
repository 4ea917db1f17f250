"""Rule authoring commands: schema, rules, explain."""
from __future__ import annotations

import json

import jsonschema

from conftest import ROOT, run


def test_schema_is_a_valid_json_schema_and_validates_the_seed_rules(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = run("schema")
    assert r.code == 0
    schema = json.loads(r.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    import yaml

    rules = yaml.load((ROOT / "rules" / "stoltenberg-seoul-2023.yaml").read_text(encoding="utf-8"),
                      Loader=yaml.BaseLoader)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(rules))
    assert errors == []


def test_rules_lists_every_fact(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = run("rules")
    lines = r.out.splitlines()
    assert r.code == 0
    assert lines[0].split() == ["STORY", "ARTICLES", "RULE", "FILES"]
    assert lines[1].split() == ["stoltenberg-seoul-2023", "2", "rules/stoltenberg-seoul-2023.yaml"]
    assert lines[2] == "2 articles; 0 of them belong to no story"
    assert lines[4].split() == ["FACT", "KIND", "SEVERITY", "FILE"]
    assert lines[5].split() == ["stoltenberg-seoul-2023/invasion-date", "date", "error",
                                "rules/stoltenberg-seoul-2023.yaml:76:5"]
    assert len(lines) == 13


def test_explain_shows_expected_value_and_sources(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = run("explain", "invasion-date")
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0] == "stoltenberg-seoul-2023/invasion-date (date, error) at rules/stoltenberg-seoul-2023.yaml:76:5"
    assert lines[2] == "  expected: 2022-02-24"
    assert lines[3].startswith("  sources:  Reuters")
    r = run("explain", "export-policy-countries")
    assert "  expected: Germany, Sweden, Norway" in r.out.splitlines()
    r = run("explain", "no-such-fact")
    assert r.code == 2 and r.err.startswith("no fact 'no-such-fact' (known: stoltenberg-seoul-2023/ammunition-quote")

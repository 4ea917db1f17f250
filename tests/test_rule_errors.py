"""Invalid rule files: exit 2, ``path:line:col: message`` on stderr, never a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run

GOOD_FACT = """\
facts:
  - id: invasion-date
    kind: date
    message: m
    expected: "2022-02-24"
    sources: [s]
    applies: {any: [invasion]}
"""


def check_rules(tmp_path: Path, text: str) -> tuple[int, str, str]:
    rules = tmp_path / "x.yaml"
    rules.write_text(text, encoding="utf-8")
    r = run("check", "--rules", str(rules), str(ROOT / "seeds"))
    assert "Traceback" not in r.err
    return r.code, r.err, str(rules)


@pytest.mark.parametrize("text, where, message", [
    (GOOD_FACT.replace("kind: date\n", "kind: date\n    severity: fatal\n"), "4:15",
     "fact 'invasion-date': 'severity' must be one of error, warning, info"),
    ("facts:\n  - id: x\n    kind: date\n   message: m\n", "4:4", "invalid YAML: expected <block end>"),
    (GOOD_FACT.replace('"2022-02-24"', '"24 Feb 2022"'), "5:15", "fact 'invasion-date': 'expected' '24 Feb 2022'"),
    (GOOD_FACT.replace("    sources: [s]\n", ""), "2:5", "fact 'invasion-date': missing required key 'sources'"),
    (GOOD_FACT + "    members: [a]\n", "8:5", "fact 'invasion-date': unknown key 'members' for a fact of kind 'date'"),
    (GOOD_FACT.replace("kind: date", "kind: magic"), "3:11", "'kind' must be one of date, set"),
    (GOOD_FACT + GOOD_FACT.replace("facts:\n", ""), "8:9", "fact 'invasion-date' is already defined at"),
    ("entities: {}\nentities: {}\n", "2:1", "duplicate key 'entities'"),
    ("", "1:1", "rule file is empty"),
    ("- a\n- b\n", "1:1", "a rule file must be a mapping"),
    ("facts: !!python/object/apply:os.system [echo pwned]\n", "1:8", "tag !!python/object/apply:os.system is not allowed"),
    (GOOD_FACT.replace("{any: [invasion]}", "{patterns: ['(a']}"), "7:26", "fact 'invasion-date': invalid pattern '(a'"),
    ("facts:\n  - id: c\n    kind: set\n    message: m\n    members: [nobody]\n    sources: [s]\n"
     "    applies: {any: [a]}\n", "5:15", "fact 'c': unknown entity 'nobody'"),
])
def test_invalid_rules_exit_2_with_position(tmp_path, text, where, message):
    code, err, path = check_rules(tmp_path, text)
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith(f"{path}:{where}: "), err
    assert message in first, err


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    code, err, path = check_rules(tmp_path, "\n".join(lines) + "\n")
    assert code == 2 and "too many values" in err


def test_missing_rules_folder_is_exit_2(tmp_path):
    r = run("check", "--rules", str(tmp_path / "nope"), str(ROOT / "seeds"))
    assert r.code == 2 and r.err == f"{tmp_path / 'nope'}: no such rule file or folder\n"


def test_shipped_rules_are_valid():
    from checker.facts import compile_checks
    from checker.rules import load_rules

    rules = load_rules([str(ROOT / "rules")])
    checks = compile_checks(rules)
    assert {c.fact.id for c in checks} >= {"invasion-date", "export-policy-countries", "seoul-meetings",
                                           "ammunition-quote", "special-operation", "venue", "speech-day",
                                           "stoltenberg-title"}
    assert all(c.fact.sources for c in checks)


def test_shipped_schema_is_a_valid_json_schema():
    import jsonschema

    from checker.rules import schema

    jsonschema.Draft202012Validator.check_schema(schema())

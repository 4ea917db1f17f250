"""Reliability and security (issue 21, items 4, 7, 8, 9 and 10): large and deep rule files, time
budgets, inert output, and clear messages instead of internal errors."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from checker import yamlload
from conftest import ROOT, run

HOSTILE = Path(__file__).parent / "hostile"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="stack limits, file names")


def factlint(*args: str, cwd: Path, stack: int | None = None, **kw) -> subprocess.CompletedProcess:
    """factlint in a process of its own (``stack``: its stack limit in bytes, as ``ulimit -s``)."""
    def limit() -> None:
        if stack is not None:
            resource.setrlimit(resource.RLIMIT_STACK, (stack, resource.getrlimit(resource.RLIMIT_STACK)[1]))

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=120, check=False,
                          preexec_fn=limit, **kw)


def many_facts(n: int) -> str:
    out = ["story: many", "facts:"]
    for i in range(n):
        out += [f"  - id: fact-{i}", "    kind: date", f"    message: invented event {i}",
                f'    expected: "2001-03-0{i % 9 + 1}"', f"    sources: [source {i}]",
                f"    applies: {{any: [meeting{i}]}}"]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- item 7: linear loading

def test_a_large_rule_file_is_parsed_by_libyaml_when_it_nests_shallowly():
    """Thousands of "- " and "[" made the quick depth bound send every large rule file to PyYAML's
    parser, five times slower; the exact depth, from libyaml's events, is five."""
    text = many_facts(3_000)
    assert yamlload.nesting_bound(text) > yamlload.MAX_C_DEPTH
    assert yamlload.use_libyaml(text) == yamlload.HAS_LIBYAML
    assert yamlload.shallow("x: [[[[1]]]]\n", 6) and not yamlload.shallow("x: [[[[1]]]]\n", 5)
    assert not yamlload.shallow("x: [" * 3 + "\n", 100)  # bad YAML: PyYAML's parser says why


def test_a_rule_file_of_many_values_is_no_alias_bomb():
    """30,000 facts are 300,000 values, without one alias: not "an alias bomb?"."""
    doc = yamlload.parse_yaml(many_facts(30_000), "big.yaml")
    assert len(doc.data["facts"]) == 30_000
    bomb = (HOSTILE / "rules" / "alias-bomb.yaml").read_text(encoding="utf-8")
    with pytest.raises(yamlload.FactlintError, match="alias bomb"):
        yamlload.parse_yaml(bomb, "bomb.yaml")


def test_ten_thousand_facts_load_and_find(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(many_facts(10_000).replace("story: many", 'story: many\nfiles: ["*.txt"]'), encoding="utf-8")
    (tmp_path / "a.txt").write_text("The meeting9999 took place on 3 March 2001.\n", encoding="utf-8")
    proc = factlint("check", "--no-cache", "--no-config", "--rules", "rules.yaml", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines()[0] == ('a.txt:1:31: error many/fact-9999 article says "3 March 2001" '
                                           "(2001-03-03), expected 2001-03-01 (invented event 9999)")


# --------------------------------------------------------------------------- item 10: deep nesting, small stacks

@posix_only
@pytest.mark.parametrize("shape", ["flow", "block"])
@pytest.mark.parametrize("depth", [300, 700, 990])
def test_deep_rule_files_under_a_small_stack_are_refused_never_a_crash(shape, depth, tmp_path):
    """libyaml's composer recurses on the C stack: under ``ulimit -s 256`` it crashed near 800
    levels, below the fixed bound of 1,000. The bound now follows the stack limit."""
    value = "[" * depth + "]" * depth if shape == "flow" else "\n" + "- " * depth + "x"
    (tmp_path / "deep.yaml").write_text(f"facts: {value}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    proc = factlint("check", "--no-cache", "--no-config", "--rules", "deep.yaml", "a.txt", cwd=tmp_path,
                    stack=256 * 1024)
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-300:])
    assert proc.stderr.startswith("deep.yaml:"), proc.stderr[:300]
    assert "internal error" not in proc.stderr and "Fatal" not in proc.stderr

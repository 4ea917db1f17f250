"""``factlint test``: examples inside facts and annotated fixture articles (issue 5)."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, run

SEED_RULES = ROOT / "rules" / "stoltenberg-seoul-2023.yaml"


def _position(path: Path, needle: str) -> tuple[int, int]:
    """Line and column of ``needle`` in a file, for the test's expectation (not factlint's)."""
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def test_seed_rules_pass_their_examples_and_fixture(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = run("test", "rules/")
    assert r.code == 0, r.out + r.err
    assert r.out.splitlines()[-1].startswith("42 passed, 0 failed (34 examples in 8 facts, 1 fixture files)")
    assert "without examples" not in r.out  # every seed fact carries examples


def test_a_changed_year_fails_at_the_example(tmp_path):
    copy = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", copy)
    rule_file = copy / SEED_RULES.name
    text = rule_file.read_text(encoding="utf-8")
    rule_file.write_text(text.replace("Putin ordered the invasion of Ukraine in February 2022.",
                                      "Putin ordered the invasion of Ukraine in February 2021."), encoding="utf-8")
    line, col = _position(rule_file, "Putin ordered the invasion of Ukraine in February 2021.")
    r = run("test", str(copy))
    assert r.code == 1
    assert r.out.splitlines()[0] == (
        f"{rule_file}:{line}:{col}: fact 'invasion-date': pass example got error at column 42: article says "
        f'"February 2021" (2021-02), expected 2022-02-24 (Russia\'s full-scale invasion of Ukraine began on '
        f"24 February 2022)")
    assert "1 failed" in r.out.splitlines()[-1]


def _launch_rules(tmp_path: Path, examples: str, terms: str = "launched") -> Path:
    """A one-fact rule file whose ``examples:`` key is on line 8, followed by ``examples``."""
    rules = tmp_path / "r.yaml"
    rules.write_text(f"""facts:
  - id: launch-year
    kind: date
    message: the probe was launched in 2021
    expected: "2021"
    sources: [Press release]
    applies: {{any: [{terms}]}}
    examples:
{examples}""", encoding="utf-8")
    return rules


def test_fail_example_that_passes_and_wrong_severity(tmp_path):
    rules = _launch_rules(tmp_path, """\
      fail:
        - The probe was launched in 2021.
        - {text: The probe was launched in 2020., severity: warning}
        - {text: The probe was launched in 2020., severity: error}
""")
    r = run("test", str(rules))
    assert r.code == 1
    assert r.out.splitlines()[:2] == [
        f"{rules}:10:11: fact 'launch-year': fail example gave no finding (error expected): "
        '"The probe was launched in 2021."',
        f"{rules}:11:18: fact 'launch-year': fail example should give warning but gave error: article says "
        '"2020" (2020), expected 2021 (the probe was launched in 2021)',
    ]
    assert r.out.splitlines()[2] == "1 passed, 2 failed (3 examples in 1 facts, 0 fixture files)"


def test_example_language_and_date_are_used(tmp_path):
    rules = _launch_rules(tmp_path, """\
      pass:
        - {text: The probe was launched last year., date: "2022-06-01"}
        - {text: La sonde a été lancée l'année dernière., date: "2022-06-01", lang: fr}
      fail:
        - {text: The probe was launched last year., date: "2023-06-01"}
""", terms="launched, lancée")
    r = run("test", str(rules))
    assert (r.code, r.out.splitlines()[0]) == (0, "3 passed, 0 failed (3 examples in 1 facts, 0 fixture files)")


def test_impossible_example_date_is_a_rule_error(tmp_path):
    rules = _launch_rules(tmp_path, """\
      pass: [{text: Launched last year., date: "2022-02-30"}]
""")
    r = run("test", str(rules))
    assert r.code == 2
    assert r.err == f"{rules}:9:48: fact 'launch-year': example date '2022-02-30' is not a real date\n"


def _fixture_copy(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    copy = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", copy)
    fixture = copy / "stoltenberg-seoul-2023.md"
    fixture.write_text(edit(fixture.read_text(encoding="utf-8")), encoding="utf-8")
    return fixture


def test_fixture_ok_annotation_on_a_reported_line_fails(tmp_path):
    fixture = _fixture_copy(tmp_path, lambda t: t.replace("<!-- ruleid: seoul-meetings -->",
                                                          "<!-- ok: seoul-meetings -->"))
    line, col = _position(fixture, "<!-- ok: seoul-meetings -->")
    r = run("test", str(fixture.parent))
    assert r.code == 1
    out = r.out.splitlines()
    assert out[0].startswith(f"{fixture}:{line}:{col}: expected no finding of 'seoul-meetings' on line {line + 1}, "
                             "got error stoltenberg-seoul-2023/seoul-meetings: article calls Lee Jong-sup \"Foreign Minister\"")
    _, fcol = _position(fixture, "Foreign Minister")
    assert out[1].startswith(f"{fixture}:{line + 1}:{fcol}: unexpected finding (no '<!-- ruleid: stoltenberg-seoul-2023/seoul-meetings -->'")


def test_fixture_ruleid_without_a_finding_fails(tmp_path):
    fixture = _fixture_copy(tmp_path, lambda t: t.replace('a "pressing need" for ammunition',
                                                          'an "urgent need" for ammunition'))
    line, col = _position(fixture, "<!-- ruleid: ammunition-quote -->")
    r = run("test", str(fixture.parent))
    assert r.code == 1
    assert r.out.splitlines()[0] == (f"{fixture}:{line}:{col}: expected a finding of 'ammunition-quote' on line "
                                     f"{line + 1}, got none")


def test_fixture_annotations_in_plain_text_do_not_move_positions(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(SEED_RULES, rules)
    fixture = rules / "case.txt"
    fixture.write_text("<!-- ruleid: invasion-date -->\nPutin ordered the invasion in February 2014.\n", encoding="utf-8")
    r = run("test", str(rules))
    assert (r.code, r.out.splitlines()[-1]) == (0, "35 passed, 0 failed (34 examples in 8 facts, 1 fixture files)")
    fixture.write_text("<!-- ok: invasion-date -->\nPutin ordered the invasion in February 2014.\n", encoding="utf-8")
    r = run("test", str(rules))
    assert r.code == 1
    assert r.out.splitlines()[1].startswith(f"{fixture}:2:31: unexpected finding")


def test_fixture_naming_an_unknown_fact_is_exit_2(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(SEED_RULES, rules)
    (rules / "case.md").write_text("Text.\n\n  <!-- ruleid: invasion-dat -->\nPutin.\n", encoding="utf-8")
    r = run("test", str(rules))
    assert r.code == 2
    assert r.err == f"{rules / 'case.md'}:3:3: annotation names no known fact 'invasion-dat'\n"


def test_invalid_rules_and_missing_paths_are_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("facts: [1]\n", encoding="utf-8")
    r = run("test", str(bad))
    assert r.code == 2 and r.err.startswith(f"{bad}:1:9: ")
    r = run("test", str(tmp_path / "nothing"))
    assert (r.code, r.err) == (2, f"{tmp_path / 'nothing'}: no such rule file, fixture or folder\n")

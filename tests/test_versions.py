"""Versions checked against their source with no rule written (issue 19).

tests/versions/STORY/ holds an invented story's source (id.md) and its five faithful translations,
which differ from it only as translations do (number formats, a reordered list, a weekday name,
a date written in full or numerically, "1,3 juta" / "1.3 million" / "130万", a zone spelled out),
and drift/LANG.md, copies with planted drifts, each announced on the line before it by
``<!-- ruleid: RULE at: WORDS -->``: the finding must be at WORDS on the next line, and nothing else.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run, where

STORIES = ROOT / "tests" / "versions"
LANGS = ["en", "fr", "zh", "ja", "ar"]
PLANTED = re.compile(r"<!-- ruleid: (\S+) at: (.+?) -->")


# story: (source language, the versions' languages, extra arguments: the story's rules if any)
SETS = {"kalisari": ("id", LANGS, []),
        "vote": ("fr", ["en", "id", "zh", "ja", "ar"], ["--rules", str(STORIES / "vote" / "rules.yaml")])}
CASES = [(story, lang) for story, (_, langs, _) in SETS.items() for lang in langs]


def planted(path: Path) -> list[tuple[int, int, str]]:
    """(line, column, rule) of every drift announced in the file, in the order of the line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    out = []
    for i, line in enumerate(lines):
        m = PLANTED.search(line)
        if m:
            target = next(j for j in range(i + 1, len(lines)) if not PLANTED.search(lines[j]))
            out.append((target + 1, lines[target].index(m.group(2)) + 1, m.group(1)))
    return sorted(out)


@pytest.mark.parametrize("story, lang", CASES)
def test_a_faithful_translation_gives_nothing(story, lang):
    source, _, extra = SETS[story]
    folder = STORIES / story
    r = run("compare", "--no-config", *extra, str(folder / f"{source}.md"), str(folder / f"{lang}.md"))
    assert r.code == 0 and r.findings == [], r.out


@pytest.mark.parametrize("story, lang", CASES)
def test_every_planted_drift_is_found_at_its_words_and_nothing_else(story, lang):
    source, _, extra = SETS[story]
    folder = STORIES / story
    path = folder / "drift" / f"{lang}.md"
    r = run("compare", "--no-config", *extra, str(folder / f"{source}.md"), str(path))
    found = [(line, col, rule) for line, col, _, rule in where(r)]
    assert found == planted(path), r.out
    assert all(sev == "error" for _, _, sev, _ in where(r))
    assert r.code == 1


def test_the_seed_article_and_its_five_machine_translations():
    """The outlet's own versions of the seed article (Indonesian source): nothing but the one known
    limit, a language written as a country's adjective used as a noun ("refer to Indonesian")."""
    source = ROOT / "tests" / "fixtures" / "i18n" / "000.id.txt"
    versions = [ROOT / "seeds" / "000_e2097bfc73f45a6c.txt",
                *(ROOT / "tests" / "fixtures" / "i18n" / f"000.{lang}.txt" for lang in ("fr", "zh", "ja", "ar"))]
    r = run("compare", "--story", "stoltenberg-seoul-2023", str(source), *map(str, versions))
    assert [(Path(line.split(":")[0]).name, sev, rule) for line, (_, _, sev, rule) in zip(r.findings, where(r))] == [
        ("000_e2097bfc73f45a6c.txt", "warning", "version-country"), ("000.fr.txt", "warning", "version-country")]
    assert 'adds the country "Indonesian"' in r.out and 'adds the country "indonésien"' in r.out


def test_a_finding_points_at_both_places_in_text_json_and_sarif():
    story = STORIES / "kalisari"
    source, version = str(story / "id.md"), str(story / "drift" / "ar.md")
    r = run("compare", "--no-config", source, version)
    assert f'{version}:15:42: error version-number the version says "48.1 في المئة" where its source says ' \
           f'"41,8 persen" ({source}:13:49)' in r.out
    (finding,) = json.loads(run("compare", "--no-config", "--output-format", "json", source, version).out)["findings"]
    assert finding["related"] == [{"path": source, "line": 13, "column": 49, "end_line": 13, "end_column": 60,
                                   "message": "the source's words"}]
    sarif = json.loads(run("compare", "--no-config", "--output-format", "sarif", source, version).out)
    (result,) = sarif["runs"][0]["results"]
    region = result["relatedLocations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (13, 49, 60)


def _project(tmp_path: Path, rules: str = "story: s\nfacts: []\n") -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "s.yaml").write_text(rules, encoding="utf-8")
    return tmp_path


def test_check_compares_the_versions_its_front_matter_declares(tmp_path, monkeypatch):
    project = _project(tmp_path)
    shutil.copytree(STORIES / "kalisari", project / "articles")
    monkeypatch.chdir(project)
    r = run("check", "--no-cache", "--no-config", "--rules", "rules", "--story", "s", "articles")
    expected = sorted((f"articles/drift/{lang}.md", *p) for lang in LANGS for p in planted(project / "articles" /
                                                                                           "drift" / f"{lang}.md"))
    got = sorted((line.split(":")[0], ln, col, rule) for line, (ln, col, _, rule) in zip(r.findings, where(r)))
    assert got == expected, r.out


def test_a_missing_source_is_exit_2_at_its_front_matter_and_other_findings_stay(tmp_path, monkeypatch):
    project = _project(tmp_path)
    (project / "a.md").write_text("---\nlang: en\nsource: gone.md\n---\nThe dam broke.\n", encoding="utf-8")
    shutil.copy(STORIES / "kalisari" / "id.md", project / "id.md")
    shutil.copy(STORIES / "kalisari" / "drift" / "en.md", project / "en.md")
    (project / "en.md").write_text((project / "en.md").read_text(encoding="utf-8").replace("../id.md", "id.md"),
                                   encoding="utf-8")
    monkeypatch.chdir(project)
    r = run("check", "--no-cache", "--no-config", "--rules", "rules", "--story", "s", "a.md", "en.md", "id.md")
    assert r.code == 2
    assert "a.md:3:1: its front matter 'source' names gone.md, which is not a file" in r.err
    assert [line.split(":")[0] for line in r.findings] == ["en.md", "en.md"]


def test_the_configuration_declares_versions_of_files_without_front_matter(tmp_path, monkeypatch):
    """The seed pair declared as versions: the README's three findings, and no other."""
    project = _project(tmp_path, (ROOT / "rules" / "stoltenberg-seoul-2023.yaml").read_text(encoding="utf-8"))
    shutil.copytree(ROOT / "seeds", project / "seeds")
    (project / "pyproject.toml").write_text(
        '[tool.factlint]\nrules = ["rules"]\npaths = ["seeds"]\n\n[tool.factlint.versions]\n'
        '"seeds/003_*.txt" = "seeds/000_e2097bfc73f45a6c.txt"\n', encoding="utf-8")
    monkeypatch.chdir(project)
    r = run("check", "--no-cache")
    assert [(line, col, rule) for line, col, _, rule in where(r)] == [
        (9, 216, "stoltenberg-seoul-2023/ammunition-quote"),
        (11, 35, "stoltenberg-seoul-2023/export-policy-countries"),
        (11, 224, "stoltenberg-seoul-2023/invasion-date")], r.out


def test_a_fact_rule_and_the_version_check_on_the_same_words_give_one_finding(tmp_path, monkeypatch):
    """The rule's finding stays, with the source's words as its related place."""
    project = _project(tmp_path, "story: s\nfacts:\n  - id: toll\n    kind: quantity\n    message: 1,314 died\n"
                                 "    expected: 1314\n    unit: people\n    sources: [invented]\n"
                                 "    applies: {any: [deaths, dead, tewas, morts]}\n")
    shutil.copy(STORIES / "kalisari" / "id.md", project / "id.md")
    text = (STORIES / "kalisari" / "drift" / "en.md").read_text(encoding="utf-8").replace("../id.md", "id.md")
    (project / "en.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(project)
    r = run("check", "--no-cache", "--no-config", "--rules", "rules", "--story", "s", "--output-format", "json", "en.md")
    findings = json.loads(r.out)["findings"]
    on_toll = [f for f in findings if (f["line"], f["column"]) == (11, 30)]
    assert [f["rule"] for f in on_toll] == ["s/toll"]
    assert on_toll[0]["related"] == [{"path": "id.md", "line": 9, "column": 39, "end_line": 9, "end_column": 61,
                                      "message": "the source's words"}]
    assert [f["rule"] for f in findings if f not in on_toll] == ["version-name"]


def test_declared_versions_are_checked_with_no_rule_file_at_all(tmp_path, monkeypatch):
    shutil.copytree(STORIES / "kalisari", tmp_path / "articles")
    for lang in LANGS:  # the configuration declares them, not the front matter
        path = tmp_path / "articles" / "drift" / f"{lang}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("source: ../id.md\n", ""), encoding="utf-8")
    (tmp_path / "factlint.toml").write_text('paths = ["articles/drift"]\n\n[versions]\n"articles/drift/*.md" = '
                                            '"articles/id.md"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", "--no-cache")
    got = sorted((line.split(":")[0], ln, col, rule) for line, (ln, col, _, rule) in zip(r.findings, where(r)))
    expected = sorted((f"articles/drift/{lang}.md", ln - 1, col, rule) for lang in LANGS
                      for ln, col, rule in planted(STORIES / "kalisari" / "drift" / f"{lang}.md"))
    assert got == expected, r.out + r.err

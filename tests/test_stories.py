"""Stories: an article is checked against its own story's rules and the newsroom-wide ones only.

The stories here are invented (a dam failure, a port strike, an election count, a summit), each
with facts in its own words; none is the seed story's, whose rules only some tests use.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT, SEED_STORY, run, where

# Countries the generated stories cite, in English; each story's three allies are a rotation.
COUNTRIES = ["Germany", "Sweden", "Norway", "Poland", "Finland", "Denmark", "Austria", "Portugal", "Ireland",
             "Chile", "Kenya", "Ghana", "Peru"]


def story_rules(i: int) -> str:
    """Story i: the same entity and fact ids as every other story, its own names and values."""
    a, b, c = (COUNTRIES[(i + k) % len(COUNTRIES)] for k in range(3))
    year = 1950 + i % 70
    return f"""story: s{i:04d}
files: ["articles/s{i:04d}/*"]
entities:
  ally-a: {{type: country, name: {a}}}
  ally-b: {{type: country, name: {b}}}
  ally-c: {{type: country, name: {c}}}
facts:
  - id: treaty-date
    kind: date
    message: the treaty of story {i} was signed on 12 March {year}
    expected: "{year}-03-12"
    sources: [generated]
    applies: {{any: [treaty, signed]}}
  - id: signatories
    kind: set
    message: the signatories were {a}, {b} and {c}
    members: [ally-a, ally-b, ally-c]
    sources: [generated]
    applies: {{any: [signatories, signed]}}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with a pyproject.toml (its root), rules/ and articles/ folders."""
    write(tmp_path / "pyproject.toml", '[tool.factlint]\nrules = ["rules"]\npaths = ["articles"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_seed_story_still_gives_its_three_findings(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = run("check", "seeds/")
    assert [(w[0], w[1], w[3]) for w in where(r)] == [
        (9, 216, f"{SEED_STORY}/ammunition-quote"), (11, 35, f"{SEED_STORY}/export-policy-countries"),
        (11, 224, f"{SEED_STORY}/invasion-date")]


def test_an_article_of_another_story_gets_none_of_the_seed_storys_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    iraq = write(tmp_path / "iraq.md", "On March 20, 2003, the United States led the invasion of Iraq. Germany and "
                                       "France refused to join, and later changed policy on weapons exports.\n")
    r = run("check", "--no-cache", "--rules", "rules", str(iraq))
    assert (r.code, r.out, r.err) == (0, "No problems found in 1 file.\n", "")
    # The same text, declared an article of the seed story, is checked against its rules.
    write(iraq, f"---\nstory: {SEED_STORY}\n---\n" + iraq.read_text(encoding="utf-8"))
    r = run("check", "--no-cache", "--rules", "rules", str(iraq))
    assert where(r)[0] == (4, 4, "error", f"{SEED_STORY}/invasion-date")


def test_a_thousand_stories_with_the_same_ids_each_article_gets_its_own_storys_findings(newsroom):
    for i in range(1000):
        write(newsroom / "rules" / f"s{i:04d}.yaml", story_rules(i))
    picked = range(0, 1000, 37)
    for i in picked:
        # The date of the next story, and the first two signatories of this story's list.
        other = 1950 + (i + 1) % 70
        a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i + 1) % len(COUNTRIES)]
        write(newsroom / "articles" / f"s{i:04d}" / "a.txt",
              f"The treaty was signed on 12 March {other}.\nThe signatories were {a} and {b}.\n")
    r = run("check", "--no-cache")
    assert r.err == "" and r.code == 1
    expected = []
    for i in picked:
        path = os.path.join("articles", f"s{i:04d}", "a.txt")
        expected += [f"{path}:1:26: error s{i:04d}/treaty-date", f"{path}:2:22: error s{i:04d}/signatories"]
    assert [line.split(" ", 3)[0] + " " + " ".join(line.split(" ", 3)[1:3]) for line in r.findings] == expected
    year = 1950 + 37 % 70
    assert f"expected {year}-03-12" in r.findings[2]
    ally_c = COUNTRIES[(37 + 2) % len(COUNTRIES)]
    assert f"with no hedge, missing {ally_c}" in r.findings[3], r.findings[3]


def test_a_story_uses_the_newsroom_wide_entities_and_facts(newsroom):
    write(newsroom / "rules" / "newsroom.yaml", """
entities:
  ostrava: {type: place, name: Ostrava}
  brno: {type: place, name: Brno}
facts:
  - id: house-style-year
    kind: date
    message: the newsroom's own founding was in 1991
    expected: "1991"
    sources: [house style guide]
    applies: {any: [founded]}
""")
    write(newsroom / "rules" / "dam.yaml", """
story: dam-failure
files: ["articles/dam/*.md"]
entities:
  olomouc: {type: place, name: Olomouc}
facts:
  - id: flooded-cities
    kind: set
    message: the flood reached Ostrava, Brno and Olomouc
    members: [ostrava, brno, olomouc]
    sources: [regional authority]
    applies: {any: [flood]}
""")
    write(newsroom / "articles" / "dam" / "a.md",
          "The newsroom was founded in 1993.\n\nThe flood reached Ostrava and Olomouc.\n")
    write(newsroom / "articles" / "other.md", "The newsroom was founded in 1993.\n")
    r = run("check", "--no-cache")
    assert where(r) == [(1, 29, "error", "house-style-year"), (3, 19, "error", "dam-failure/flooded-cities"),
                        (1, 29, "error", "house-style-year")]
    assert r.findings[0].startswith(os.path.join("articles", "dam", "a.md"))
    assert r.findings[2].startswith(os.path.join("articles", "other.md"))


def test_front_matter_wins_over_a_glob_and_an_unknown_story_is_an_info_finding(newsroom):
    write(newsroom / "rules" / "s0001.yaml", story_rules(1))
    write(newsroom / "rules" / "s0002.yaml", story_rules(2))
    year2 = 1950 + 2
    # In s0001's folder, but its front matter says s0002: checked against s0002's date.
    write(newsroom / "articles" / "s0001" / "moved.md",
          f"---\nstory: s0002\n---\nThe treaty was signed on 12 March {year2}.\n")
    write(newsroom / "articles" / "lost.md", "---\ndate: 2024-05-01\nstory: s9999\n---\nText.\n")
    r = run("check", "--no-cache")
    assert r.code == 0, r.out
    assert r.out.splitlines() == [
        f"{os.path.join('articles', 'lost.md')}:3:1: info story-not-covered no rule file declares the article's "
        "story 's9999'; only the newsroom-wide rules ran",
        "Found 1 problem (1 info) in 1 of 2 files."]


def test_two_stories_claiming_one_article_is_exit_2_naming_both_globs(newsroom):
    write(newsroom / "rules" / "a.yaml", "story: strike\nfiles: [\"articles/port-*\"]\nfacts: []\n")
    write(newsroom / "rules" / "b.yaml", "# the count\nstory: count\nfiles:\n  - articles/*.txt\nfacts: []\n")
    write(newsroom / "articles" / "port-1.txt", "Dockers walked out.\n")
    write(newsroom / "articles" / "port-2.md", "Dockers walked out again.\n")
    r = run("check", "--no-cache")
    assert r.code == 2
    assert r.err == (f"{os.path.join('articles', 'port-1.txt')}:1:1: the article is claimed by the 'files' globs of "
                     f"2 stories: 'strike' ({os.path.join('rules', 'a.yaml')}:2:9 'articles/port-*') and 'count' "
                     f"({os.path.join('rules', 'b.yaml')}:4:5 'articles/*.txt'); give it front matter 'story: ID' "
                     "or narrow a glob\n")
    assert r.out == "No problems found in 1 file. 1 file could not be checked.\n"  # port-2.md is still checked


@pytest.mark.parametrize("front, message", [
    ("story: [a, b]", "front matter 'story' must be a story id (lower-case letters, digits, '.', '_' and '-'), "
                      "got ['a', 'b']"),
    ("story: Iraq 2003", "front matter 'story' must be a story id (lower-case letters, digits, '.', '_' and '-'), "
                         "got 'Iraq 2003'"),
])
def test_a_front_matter_story_that_is_not_an_id_is_exit_2_at_its_line(newsroom, front, message):
    write(newsroom / "rules" / "s0001.yaml", story_rules(1))
    write(newsroom / "articles" / "x.md", f"---\nlang: en\n{front}\n---\nText.\n")
    write(newsroom / "articles" / "y.md", "---\nstory: s0001\n---\nThe treaty was signed on 12 March 1900.\n")
    r = run("check", "--no-cache")
    assert r.code == 2
    assert r.err == f"{os.path.join('articles', 'x.md')}:3:1: {message}\n"
    assert where(r) == [(4, 26, "error", "s0001/treaty-date")]


@pytest.mark.parametrize("text, error", [
    ("story: 12\nfacts: []\n", "rules/bad.yaml:1:8: 'story' must be of type string, got int"),
    ("story: Port Strike\nfacts: []\n", "rules/bad.yaml:1:8: 'story' must be a story id (lower-case letters, "
                                        "digits, '.', '_' and '-'), got 'Port Strike'"),
    ("story: strike\nfiles: articles/*\nfacts: []\n", "rules/bad.yaml:2:8: 'files' must be a list of glob patterns"),
    ("files: [articles/*]\nfacts: []\n", "rules/bad.yaml:1:8: 'files' needs 'story': the globs say which articles "
                                         "belong to the story"),
    ("{story: [x], facts: []}\n", "rules/bad.yaml:1:9: 'story' must be of type string, got list"),
])
def test_a_bad_story_or_files_in_a_rule_file_is_exit_2_with_its_position(newsroom, text, error):
    write(newsroom / "rules" / "bad.yaml", text)
    write(newsroom / "articles" / "a.md", "Text.\n")
    r = run("check", "--no-cache")
    assert (r.code, r.out, r.err) == (2, "", error.replace("/", os.sep, 1) + "\n")


def test_two_rule_files_of_one_story_are_merged(newsroom):
    write(newsroom / "rules" / "s0003" / "dates.yaml", "\n".join(story_rules(3).split("\n")[:7]) + """
  - id: treaty-date
    kind: date
    message: signed in 1953
    expected: "1953-03-12"
    sources: [generated]
    applies: {any: [treaty]}
""")
    write(newsroom / "rules" / "s0003" / "sets.yaml", """story: s0003
files: ["wire/*.txt"]
facts:
  - id: signatories
    kind: set
    message: the signatories
    members: [ally-a, ally-b, ally-c]
    sources: [generated]
    applies: {any: [signatories]}
""")
    write(newsroom / "articles" / "s0003" / "a.txt", "The signatories were Poland and Finland.\n")
    write(newsroom / "wire" / "b.txt", "The treaty was signed on 12 March 1954.\n")
    r = run("check", "--no-cache", "articles", "wire")
    assert where(r) == [(1, 22, "error", "s0003/signatories"), (1, 26, "error", "s0003/treaty-date")]
    # An id defined in both files of the story is an error.
    text = (newsroom / "rules" / "s0003" / "sets.yaml").read_text(encoding="utf-8")
    write(newsroom / "rules" / "s0003" / "sets.yaml", text.replace("id: signatories", "id: treaty-date"))
    r = run("check", "--no-cache", "articles")
    assert r.code == 2
    assert r.err == (f"{os.path.join('rules', 's0003', 'sets.yaml')}:4:9: fact 'treaty-date' is already defined "
                            f"at {os.path.join('rules', 's0003', 'dates.yaml')}:8:5\n")


def test_selectors_suppressions_and_explain_name_facts_across_stories(newsroom):
    for i in (1, 2):
        write(newsroom / "rules" / f"s000{i}.yaml", story_rules(i))
    for i in (1, 2):
        write(newsroom / "articles" / f"s000{i}" / "a.txt", "The treaty was signed on 12 March 1900.\n")
    both = [(1, 26, "error", "s0001/treaty-date"), (1, 26, "error", "s0002/treaty-date")]
    assert where(run("check", "--no-cache", "--select", "treaty-date")) == both
    assert where(run("check", "--no-cache", "--select", "*/treaty-date")) == both
    assert where(run("check", "--no-cache", "--select", "s0002/*")) == both[1:]
    assert where(run("check", "--no-cache", "--ignore", "s0001/treaty-date")) == both[1:]
    r = run("check", "--no-cache", "--select", "s0003/*")
    assert r.code == 2 and r.err == ("--select: 's0003/*' matches no fact (known: hidden-text, "
                                     "language-not-covered, s0001/signatories, s0001/treaty-date, s0002/signatories, "
                                     "s0002/treaty-date, "
                                     "story-not-covered, unused-suppression, version-country, version-date, version-member, "
                                     "version-name, version-number, version-quote, version-time)\n")
    # A suppression names the story's fact by its own id or in full.
    write(newsroom / "articles" / "s0001" / "a.txt",
          "<!-- factlint-disable-next-line treaty-date -->\nThe treaty was signed on 12 March 1900.\n")
    write(newsroom / "articles" / "s0002" / "a.txt",
          "<!-- factlint-disable-next-line s0002/treaty-date -->\nThe treaty was signed on 12 March 1900.\n"
          "<!-- factlint-disable-next-line s0001/treaty-date -->\nNothing here.\n")
    r = run("check", "--no-cache")
    assert where(r) == [(3, 1, "warning", "unused-suppression")]
    assert "names 's0001/treaty-date', which is not a fact in the rules" in r.findings[0]
    # explain: the full name, or the id when one story has it.
    r = run("explain", "treaty-date")
    assert r.code == 2 and r.err == "'treaty-date' is a fact of 2 stories; name one: s0001/treaty-date, s0002/treaty-date\n"
    r = run("explain", "s0002/treaty-date")
    assert r.code == 0 and r.out.startswith(f"s0002/treaty-date (date, error) at {os.path.join('rules', 's0002.yaml')}:")
    assert "  expected: 1952-03-12" in r.out.splitlines()


def test_rules_lists_stories_with_their_files_and_articles_and_unmatched_globs(newsroom):
    write(newsroom / "rules" / "s0001.yaml", story_rules(1))
    write(newsroom / "rules" / "s0002.yaml", story_rules(2).replace('files: ["articles/s0002/*"]',
                                                                      'files: ["articles/s0002/*", "wire/*.md"]'))
    write(newsroom / "rules" / "shared.yaml", "entities:\n  un: {type: organisation, name: United Nations}\n")
    write(newsroom / "articles" / "s0001" / "a.txt", "Text.\n")
    write(newsroom / "articles" / "s0001" / "b.txt", "Text.\n")
    write(newsroom / "articles" / "c.md", "---\nstory: s0002\n---\nText.\n")
    write(newsroom / "articles" / "d.md", "Text.\n")
    r = run("rules")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert [line.split() for line in lines[:5]] == [
        ["STORY", "ARTICLES", "RULE", "FILES"],
        ["(newsroom-wide)", "4", os.path.join("rules", "shared.yaml")],
        ["s0001", "2", os.path.join("rules", "s0001.yaml")],
        ["s0002", "1", os.path.join("rules", "s0002.yaml")],
        ["4", "articles;", "1", "of", "them", "belong", "to", "no", "story"]]
    assert lines[7].split() == ["s0001/treaty-date", "date", "error", f"{os.path.join('rules', 's0001.yaml')}:8:5"]
    assert lines[-2:] == [
        f"{os.path.join('rules', 's0002.yaml')}:2:9: warning: 'files' glob 'articles/s0002/*' of story 's0002' "
        "matches no article under articles",
        f"{os.path.join('rules', 's0002.yaml')}:2:29: warning: 'files' glob 'wire/*.md' of story 's0002' "
        "matches no article under articles"]


def test_a_bad_rule_file_of_a_story_with_no_article_here_does_not_stop_check_but_rules_and_test_refuse_it(newsroom):
    write(newsroom / "rules" / "s0001.yaml", story_rules(1))
    write(newsroom / "rules" / "s0002.yaml", story_rules(2).replace("kind: date", "kind: dat"))
    write(newsroom / "articles" / "s0001" / "a.txt", "The treaty was signed on 12 March 1900.\n")
    r = run("check", "--no-cache")
    assert where(r) == [(1, 26, "error", "s0001/treaty-date")] and r.err == ""
    for command in ("rules", "test"):
        r = run(command)
        assert r.code == 2, command
        assert r.err.startswith(f"{os.path.join('rules', 's0002.yaml')}:9:11: fact 'treaty-date': 'kind' must be one of")


def test_changing_one_storys_rule_file_rechecks_only_that_storys_articles(newsroom, monkeypatch):
    import checker.run

    for i in range(1, 4):
        write(newsroom / "rules" / f"s000{i}.yaml", story_rules(i))
        write(newsroom / "articles" / f"s000{i}" / "a.txt", "The treaty was signed on 12 March 1900.\n")
    cache = str(newsroom / "cache")
    first = run("check", "--cache-dir", cache)
    assert len(first.findings) == 3
    checked: list[str] = []
    real = checker.run.Pipeline.check

    def spy(self, path, raw, a):  # type: ignore[no-untyped-def]
        checked.append(path)
        return real(self, path, raw, a)

    monkeypatch.setattr(checker.run.Pipeline, "check", spy)
    assert run("check", "--cache-dir", cache).out == first.out and checked == []
    rules = newsroom / "rules" / "s0002.yaml"
    write(rules, rules.read_text(encoding="utf-8").replace('"1952-03-12"', '"1900-03-12"'))
    second = run("check", "--cache-dir", cache)
    assert checked == [os.path.join("articles", "s0002", "a.txt")]
    assert [w[3] for w in where(second)] == ["s0001/treaty-date", "s0003/treaty-date"]
    # A glob that now claims an article moves it to that story, and only it is checked again.
    checked.clear()
    write(newsroom / "articles" / "extra.txt", "The treaty was signed on 12 March 1900.\n")
    run("check", "--cache-dir", cache)
    assert checked == [os.path.join("articles", "extra.txt")]
    checked.clear()
    rules1 = newsroom / "rules" / "s0001.yaml"
    write(rules1, rules1.read_text(encoding="utf-8").replace('files: ["articles/s0001/*"]',
                                                           'files: ["articles/s0001/*", "articles/extra.txt"]'))
    third = run("check", "--cache-dir", cache)
    assert sorted(checked) == [os.path.join("articles", "extra.txt"), os.path.join("articles", "s0001", "a.txt")]
    assert where(third)[0][3] == "s0001/treaty-date" and third.findings[0].startswith(
        os.path.join("articles", "extra.txt"))


def test_the_rules_hook_checks_the_articles_of_the_changed_rule_files_stories(newsroom):
    for i in range(1, 4):
        write(newsroom / "rules" / f"s000{i}.yaml", story_rules(i))
        write(newsroom / "articles" / f"s000{i}" / "a.txt", "The treaty was signed on 12 March 1900.\n")
    r = run("check", "--no-cache", "--rules-changed", os.path.join("rules", "s0002.yaml"), ".pre-commit-config.yaml")
    assert [w[3] for w in where(r)] == ["s0002/treaty-date"]
    assert r.findings[0].startswith(os.path.join("articles", "s0002", "a.txt") + ":1:26:")
    r = run("check", "--no-cache", "--rules-changed", "README.md")
    assert (r.code, r.out) == (0, "No problems found in 0 files.\n")
    write(newsroom / "rules" / "shared.yaml", "entities:\n  un: {type: organisation, name: United Nations}\n")
    r = run("check", "--no-cache", "--rules-changed", os.path.join("rules", "shared.yaml"))
    assert len(r.findings) == 3  # a newsroom-wide file changes what every story reads
    # A bad edit is exit 2 even when its story has no article yet.
    write(newsroom / "rules" / "s0009.yaml", story_rules(9).replace("kind: set", "kind: sets"))
    r = run("check", "--no-cache", "--rules-changed", os.path.join("rules", "s0009.yaml"))
    assert r.code == 2 and "'kind' must be one of" in r.err


def test_json_and_sarif_name_the_fact_with_its_story(newsroom):
    write(newsroom / "rules" / "s0001.yaml", story_rules(1))
    write(newsroom / "articles" / "s0001" / "a.txt", "The treaty was signed on 12 March 1900.\n")
    data = json.loads(run("check", "--no-cache", "--output-format", "json").out)
    assert [(f["rule"], f["line"], f["column"]) for f in data["findings"]] == [("s0001/treaty-date", 1, 26)]
    log = json.loads(run("check", "--no-cache", "--output-format", "sarif").out)
    run0 = log["runs"][0]
    assert [rule["id"] for rule in run0["tool"]["driver"]["rules"]] == ["s0001/treaty-date"]
    assert run0["tool"]["driver"]["rules"][0]["help"]["text"].startswith("Expected: 1951-03-12")
    assert run0["results"][0]["ruleId"] == "s0001/treaty-date"


def test_test_command_runs_each_storys_examples_and_fixtures_against_its_own_rules(newsroom):
    for i in (1, 2):
        text = story_rules(i).replace("applies: {any: [treaty, signed]}\n", f"""applies: {{any: [treaty, signed]}}
    examples:
      pass: ["The treaty was signed on 12 March {1950 + i}."]
      fail: ["The treaty was signed on 12 March 1900."]
""")
        write(newsroom / "rules" / f"s000{i}.yaml", text)
    write(newsroom / "rules" / "s0002.md", "<!-- ruleid: treaty-date -->\nThe treaty was signed on 12 March 1951.\n")
    r = run("test", "rules")
    assert (r.code, r.out.splitlines()[0]) == (0, "5 passed, 0 failed (4 examples in 4 facts, 1 fixture files)"), r.out


KEYS = st.sampled_from(["story", "lang", "date", "title"])
VALUES = st.sampled_from(["s0001", "dam-failure", "en", "2024-03-12", "Iraq", "no", "a.b_c", "x" * 70, "-x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(KEYS, VALUES), min_size=1, max_size=5), st.booleans(), st.sampled_from(["---", "..."]))
def test_the_quick_front_matter_reader_agrees_with_the_yaml_one(entries, bom, close):
    """discover reads simple front matter with re alone; where it answers, it answers as article does."""
    from checker.article import front_matter_story
    from checker.frontmatter import simple_story
    from checker.model import FactlintError

    raw = (("\ufeff" if bom else "") + "---\n" + "".join(f"{k}: {v}\n" for k, v in entries) + close
           + "\nText.\n").encode("utf-8")
    quick = simple_story(raw)
    try:
        full = front_matter_story("a.md", raw)
    except FactlintError as e:
        if "'story'" not in e.message:
            return  # another key's error, which the article stage reports when it reads the article
        full = "error"
    simple = all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}", v) for _, v in entries)
    if quick is False:  # not the simple form, or not a story id: the full reader decides
        assert not simple or full == "error", (entries, full)
    else:
        assert simple and quick == full


def test_selectors_are_checked_against_the_fact_ids_the_index_remembers(newsroom):
    for i in (1, 2):
        write(newsroom / "rules" / f"s000{i}.yaml", story_rules(i))
    write(newsroom / "articles" / "s0002" / "a.txt", "The treaty was signed on 12 March 1900.\n")
    cache = str(newsroom / "cache")
    assert run("check", "--cache-dir", cache).code == 1  # the index is remembered, its ids apart
    assert where(run("check", "--cache-dir", cache, "--select", "s0002/treaty-date")) == [
        (1, 26, "error", "s0002/treaty-date")]
    rules = newsroom / "rules" / "s0002.yaml"
    write(rules, rules.read_text(encoding="utf-8").replace("id: treaty-date", "id: signing-date"))
    r = run("check", "--cache-dir", cache, "--select", "s0002/treaty-date")
    assert r.code == 2 and r.err.startswith("--select: 's0002/treaty-date' matches no fact")
    assert where(run("check", "--cache-dir", cache, "--select", "signing-date")) == [
        (1, 26, "error", "s0002/signing-date")]


def test_sarif_describes_the_story_not_covered_finding(newsroom):
    write(newsroom / "articles" / "lost.md", "---\nstory: s9999\n---\nText.\n")
    write(newsroom / "rules" / "shared.yaml", "entities:\n  un: {type: organisation, name: United Nations}\n")
    log = json.loads(run("check", "--no-cache", "--output-format", "sarif").out)
    rule, = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "story-not-covered"
    assert rule["shortDescription"]["text"] == ("an article whose front matter names a story that no rule file "
                                                "declares")
    result, = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 6}


STORY_VALUES = st.sampled_from(["s0001", "dam-failure.2024", "yes", "null", "2023", "a_b", "x#y", "'quoted'",
                                '"dq"', "Upper", "s1 s2", "off"])
GLOBS = st.sampled_from(["articles/*", "wire/2024-*.txt", "**/x.md", "a b/*", "yes", "2023", "_x", "/abs/*",
                         "q#r", ".hidden/*", "x:y", "*.md"])


@settings(max_examples=300, deadline=None)
@given(STORY_VALUES, st.lists(GLOBS, max_size=3), st.booleans(), st.sampled_from(["", "  # note"]),
       st.sampled_from(["  ", "    ", "\t"]))
def test_the_index_reads_story_and_files_as_yaml_does(story, globs, flow, comment, indent):
    """scan's plain reading of `story:` and `files:` gives what the YAML reading gives, values and
    positions alike, or leaves the text to YAML."""
    import checker.index as index
    from checker.model import FactlintError

    if flow:
        files = "files: [" + ", ".join(f'"{g}"' for g in globs) + "]" + comment + "\n"
    else:
        files = "files:" + comment + "\n" + "".join(f"{indent}- {g}{comment}\n" for g in globs)
    text = f"# a rule file\nstory: {story}{comment}\n\n{files if globs else ''}facts: []\n".encode()

    def outcome(reader):  # type: ignore[no-untyped-def]
        try:
            f = reader("r.yaml", text)
        except FactlintError as e:
            return str(e)
        return (f.story, f.origin, [(g.pattern, g.origin) for g in f.globs])

    quick = outcome(index.scan)
    plain = index._plain
    try:
        index._plain = lambda key, snippet: None  # type: ignore[assignment]
        slow = outcome(index.scan)
    finally:
        index._plain = plain
    assert quick == slow


def test_a_chunk_runs_on_to_the_end_of_its_last_story(newsroom, monkeypatch):
    """Chunks go to the workers whole: a story cut in two would be loaded by both."""
    import checker.run
    from checker.config import load_settings

    for i in (1, 2, 3):
        write(newsroom / "rules" / f"s000{i}.yaml", story_rules(i))
    sizes = {1: 6, 2: 10, 3: 2}
    paths = []
    for i, n in sizes.items():
        for j in range(n):
            paths.append(str(write(newsroom / "articles" / f"s000{i}" / f"{j:02d}.txt", "Text.\n")))
    monkeypatch.setattr(checker.run, "CHUNK", 4)
    pipeline = checker.run.Pipeline(load_settings())
    chunks = [[t.assignment.story for t in misses] for _, _, misses in checker.run._chunks(paths, pipeline, None)]
    # s0001 whole (6), s0002 cut at twice CHUNK (8), the rest of s0002 with s0003 (2 + 2)
    assert chunks == [["s0001"] * 6, ["s0002"] * 8, ["s0002"] * 2 + ["s0003"] * 2]


def test_draft_writes_the_story_and_a_files_suggestion(newsroom):
    article = write(newsroom / "articles" / "dam" / "a.md", "The Lipno dam failed on 12 March 2024.\n")
    r = run("draft", str(article))
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert "story: a" in lines
    assert 'files: ["articles/dam/*.md"]' in lines
    write(article, "---\nstory: dam-failure\n---\nThe Lipno dam failed on 12 March 2024.\n")
    lines = run("draft", str(article)).out.splitlines()
    assert "story: dam-failure" in lines and not any(line.startswith("files:") for line in lines)

"""``factlint draft``: a rule file drafted from a trusted article (issue 5, part 2)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.facts import compile_checks
from checker.rules import load_rules
from conftest import ROOT, run, where

SEED_000 = ROOT / "seeds" / "000_e2097bfc73f45a6c.txt"
SEED_003 = ROOT / "seeds" / "003_bf0424ff44096694.txt"

DRAFT_STORY = "000-e2097bfc73f45a6c"  # the story id a draft takes from the file name


def _draft(tmp_path: Path, article: Path, *flags: str) -> Path:
    r = run("draft", str(article), *flags)
    assert r.code == 0, r.err
    assert r.err == ""
    out = tmp_path / "draft.yaml"
    out.write_text(r.out, encoding="utf-8")
    return out


def _check(rules: Path, article: Path):  # type: ignore[no-untyped-def]
    return run("check", "--no-cache", "--rules", str(rules), str(article))


def _column(path: Path, line: int, words: str) -> int:
    """1-based column of ``words`` on a line of the raw file, in code points."""
    return path.read_text(encoding="utf-8").splitlines()[line - 1].index(words) + 1


@pytest.fixture
def seed_draft(tmp_path: Path) -> Path:
    return _draft(tmp_path, SEED_000)


def test_draft_of_seed_000_validates_as_it_is(seed_draft: Path):
    rules = load_rules([str(seed_draft)])
    compile_checks(rules)  # references, titles and member types hold too
    text = seed_draft.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "review" in text.lower() and f"from {SEED_000}" in text
    kinds = {f.kind for f in rules.facts}
    assert {"set", "quote", "title"} <= kinds
    people = {e.name: e for e in rules.entities.values() if e.type == "person"}
    assert set(people) == {"Jens Stoltenberg", "Yoon Suk-yeol", "Lee Jong-sup"}
    assert "Stoltenberg" in people["Jens Stoltenberg"].aliases
    assert "Secretary General of NATO" in people["Jens Stoltenberg"].titles
    assert rules.entities["nato"].type == "organisation"
    sweden = next(f for f in rules.facts if f.kind == "set" and "sweden" in f.spec["members"])
    assert sweden.spec["members"] == ["germany", "sweden", "norway"]
    assert {rules.entities[m].type for m in sweden.spec["members"]} == {"country"}
    for fact in rules.facts:  # every fact is explained and has its sources and examples
        assert fact.sources and fact.sources[0].name == str(SEED_000)
        assert fact.spec["examples"]["pass"]
    assert all(line.lstrip().startswith("# confidence: ")
               for line, nxt in zip(text.splitlines(), text.splitlines()[1:]) if nxt.startswith("  - id: "))


def test_checking_003_against_the_draft_finds_sweden_missing_and_the_misquote(seed_draft: Path):
    r = _check(seed_draft, SEED_003)
    assert r.code == 1, r.err
    assert where(r) == [
        (9, _column(SEED_003, 9, "strong necessity"), "error", f"{DRAFT_STORY}/stoltenberg-urgent-need-quote"),
        (11, _column(SEED_003, 11, "Germany and Norway"), "warning", f"{DRAFT_STORY}/germany-sweden-norway-set"),
    ]
    assert "leaves out Sweden" in r.findings[1]
    assert '"strong necessity"' in r.findings[0]


def test_checking_000_against_its_own_draft_finds_nothing(seed_draft: Path):
    r = _check(seed_draft, SEED_000)
    assert r.code == 0 and r.findings == [], r.out


def test_the_examples_of_the_draft_pass_factlint_test(seed_draft: Path):
    pytest.importorskip("checker.testing")
    r = run("test", str(seed_draft))
    assert r.code == 0, r.out + r.err
    assert " 0 failed" in r.out
    assert "facts without examples" not in r.out


def test_yearless_and_relative_dates_need_a_publication_date(seed_draft: Path, tmp_path: Path):
    text = seed_draft.read_text(encoding="utf-8")
    assert '"February 24" has no year; give --date' in text
    assert '"last year" is relative' in text
    assert not [f for f in load_rules([str(seed_draft)]).facts if f.kind == "date"]

    (tmp_path / "dated").mkdir()
    dated = _draft(tmp_path / "dated", SEED_000, "--date", "2023-01-31")
    rules = load_rules([str(dated)])
    expected = {f.spec["expected"]: f for f in rules.facts if f.kind == "date"}
    assert set(expected) == {"2023-01-30", "2022-02-24", "2022"}  # Monday, February 24, last year
    assert expected["2022-02-24"].spec["examples"]["pass"][0]["date"] == "2023-01-31"
    assert run("test", str(dated)).code == 0
    r = _check(dated, SEED_003)
    invasion = expected["2022-02-24"].key
    assert (11, _column(SEED_003, 11, "February 2014"), "error", invasion) in where(r)
    assert len(r.findings) == 3
    assert _check(dated, SEED_000).findings == []


def test_odd_text_round_trips(tmp_path: Path):
    said = "urgent need: #1 \\ \u2014 it\u2019s \U0001F600 'hard' {x} [y] & *z* ! %"
    article = tmp_path / "odd.txt"
    article.write_text(
        f'Defence Minister Jane O\u2019Neil-M\u00fcller said there was an "{said}" for ammunition.\n\n'
        'She said: "Z\u00fcrich, \u0141\u00f3d\u017a and Paris will host the talks."\n\n'
        "The ministers met in Z\u00fcrich, \u0141\u00f3d\u017a and Paris, as the treaty required in 2021.\n",
        encoding="utf-8")
    rules_path = _draft(tmp_path, article)
    data = yaml.safe_load(rules_path.read_text(encoding="utf-8"))
    person = data["entities"]["jane-oneil-muller"]
    assert person["name"] == "Jane O\u2019Neil-M\u00fcller" and person["roles"] == [{"role": "defence-minister"}]
    assert data["entities"]["lodz"]["name"] == "\u0141\u00f3d\u017a"
    quote = next(f for f in data["facts"] if f["kind"] == "quote" and f["speaker"] == "jane-oneil-muller"
                 and "ammunition*" in f["applies"]["any"])
    assert quote["said"] == [said.replace(" [y]", "")]  # an editor's [insertion] is not the speaker's
    sets = [f for f in data["facts"] if f["kind"] == "set"]
    assert len(sets) == 1 and sets[0]["members"] == ["zurich", "lodz", "paris"]  # listed twice, one fact
    assert len(sets[0]["examples"]["pass"]) == 2
    load_rules([str(rules_path)])
    assert run("test", str(rules_path)).code == 0
    assert _check(rules_path, article).findings == []


def test_an_article_with_nothing_to_draft_is_still_a_valid_rule_file(tmp_path: Path):
    article = tmp_path / "quiet.md"
    article.write_text("---\nlang: en\n---\nit rained all day and nobody came.\n", encoding="utf-8")
    path = _draft(tmp_path, article)
    text = path.read_text(encoding="utf-8")
    assert "facts: []" in text and "# No fact was drafted" in text
    rules = load_rules([str(path)])
    assert rules.facts == [] and rules.entities == {}


@pytest.mark.parametrize("date", ["2023-02-30", "30.01.2023", "yesterday", "2023-1-3"])
def test_bad_date_exits_2(date: str):
    r = run("draft", str(SEED_000), "--date", date)
    assert r.code == 2 and r.out == ""
    assert r.err.startswith("--date must be a real date written YYYY-MM-DD") and repr(date) in r.err


@pytest.mark.parametrize("raw, message", [
    (b"\x00\x01binary", "binary"),
    (b"Caf\xe9 au lait", "not valid UTF-8"),
])
def test_unreadable_article_exits_2(tmp_path: Path, raw: bytes, message: str):
    article = tmp_path / "bad.txt"
    article.write_bytes(raw)
    r = run("draft", str(article))
    assert r.code == 2 and r.out == ""
    assert r.err.startswith(str(article)) and message in r.err


def test_missing_article_exits_2(tmp_path: Path):
    r = run("draft", str(tmp_path / "nope.txt"))
    assert r.code == 2 and "cannot read article" in r.err


def test_quotation_after_a_pronoun_goes_to_the_person_named_last(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text('Prime Minister Ana Lopes arrived in Lisbon on Monday.\n\n'
                       'She said the budget was "fully funded" for hospitals.\n', encoding="utf-8")
    data = yaml.safe_load(run("draft", str(article)).out)
    quote = next(f for f in data["facts"] if f["kind"] == "quote")
    assert quote["speaker"] == "ana-lopes" and quote["said"] == ["fully funded"]
    assert {"budget*", "hospital*"} <= set(quote["applies"]["any"])
    assert "# confidence: medium - the speaker is the person named last" in run("draft", str(article)).out

"""A large article is checked in pieces (checker/article.py PIECE_CHARS, issue 21's memory
target): its findings must be exactly those of the article checked whole. Invented story: a ferry
that sank, told in four languages, with drifts in several paragraphs; the piece size is made tiny
so that these short articles are cut into many pieces, one cut just before a drift."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import checker.article as article_module
from checker.article import read_article
from checker.language import build_languages
from conftest import run, where

RULES = """story: ferry-2021
entities:
  lombok: {type: place, name: Lombok}
  sumbawa: {type: place, name: Sumbawa}
  flores: {type: place, name: Flores}
facts:
  - id: sinking-date
    kind: date
    message: the ferry sank on 12 September 2021
    expected: "2021-09-12"
    sources: [invented]
    applies:
      any: [sank, sinking, tenggelam, "a sombré", naufrage, 沉没, 沈没, غرقت, غرق]
  - id: passengers
    kind: quantity
    message: the ferry carried 412 passengers
    expected: 412
    unit: passengers
    unit_words: [passengers, penumpang, passagers, 名乘客, 乘客, 人の乗客, 乗客, راكبا, راكب]
    sources: [invented]
    applies:
      any: [carried, membawa, transportait, 载有, 乗せ, تقل, على متنها]
  - id: islands
    kind: set
    message: the ferry served Lombok, Sumbawa and Flores
    members: [lombok, sumbawa, flores]
    sources: [invented]
    applies:
      any: [islands, pulau, îles, 岛, 島, جزر]
"""

ARTICLES = {
    'en.md': (
        '---\n'
        'story: ferry-2021\n'
        'lang: en\n'
        '---\n'
        '# Ferry sinks off the coast\n'
        '\n'
        'The ferry sank on 12 September 2021, the harbour office said.\n'
        '\n'
        'Rescuers searched the water through the night. Fishermen joined them at dawn.\n'
        '\n'
        'The vessel carried 412 passengers when it left port.\n'
        '\n'
        'Survivors said the ferry sank on 13 September 2021 after a storm.\n'
        '\n'
        '```\n'
        'log entry: sank on 1 January 2020\n'
        '\n'
        'not prose\n'
        '```\n'
        '\n'
        'The boat linked the islands of Lombok, Sumbawa and Flores.\n'
        '\n'
        'It carried 430 passengers, according to a later count.\n'
        '\n'
        '<!-- factlint-disable-next-line sinking-date -->\n'
        'A relative wrote that it sank on 14 September 2021.\n'
        '\n'
        'The company said the route served the islands of Lombok and Flores.\n'
    ),
    'fr.txt': 'Le ferry a sombré le 12 septembre 2021, selon la capitainerie.\n\nLes secours ont fouillé la zone toute la nuit.\n\nLe navire transportait 412 passagers.\n\nUn survivant affirme que le ferry a sombré le 15 septembre 2021.\n\nLe navire transportait 390 passagers selon la compagnie.\n'.replace("\n", "\r\n"),  # CRLF line ends
    'id.md': (
        'Kapal feri itu tenggelam pada 12 September 2021, kata petugas pelabuhan.\n'
        '\n'
        'Tim SAR menyisir perairan sepanjang malam.\n'
        '\n'
        'Kapal itu membawa 412 penumpang saat berangkat.\n'
        '\n'
        'Warga menyebut kapal tenggelam pada 11 September 2021.\n'
        '\n'
        'Kapal itu melayani pulau Lombok, Sumbawa, dan Flores.\n'
        '\n'
        'Kapal itu membawa 415 penumpang menurut data lain.\n'
    ),
    'zh.txt': (
        '渡轮于2021年9月12日沉没。\n'
        '\n'
        '救援人员连夜搜救。\n'
        '\n'
        '该船载有412名乘客。\n'
        '\n'
        '有报道称渡轮于2021年9月10日沉没。\n'
        '\n'
        '该船载有420名乘客。\n'
    ),
}

# Checked whole: what every cut must give again (the suppressed "14 September" in en.md stays silent).
WHOLE = [
    (13, 34, "error", "ferry-2021/sinking-date"),
    (23, 12, "error", "ferry-2021/passengers"),
    (28, 50, "error", "ferry-2021/islands"),
    (7, 47, "error", "ferry-2021/sinking-date"),
    (9, 24, "error", "ferry-2021/passengers"),
    (7, 37, "error", "ferry-2021/sinking-date"),
    (11, 19, "error", "ferry-2021/passengers"),
    (7, 8, "error", "ferry-2021/sinking-date"),
    (9, 5, "error", "ferry-2021/passengers"),
]


@pytest.fixture
def story(tmp_path: Path) -> list[str]:
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    paths = []
    for name, text in ARTICLES.items():
        (tmp_path / name).write_bytes(text.encode("utf-8"))
        paths.append(str(tmp_path / name))
    return paths


def check(paths: list[str], *flags: str):  # type: ignore[no-untyped-def]
    rules = str(Path(paths[0]).parent / "rules.yaml")
    return run("check", "--no-cache", "--no-config", "--rules", rules, "--story", "ferry-2021", *flags, *paths)


def pieces(path: str) -> list[tuple[int, int]]:
    raw = Path(path).read_bytes()
    article = read_article(path, build_languages([]), raw=raw)
    return [(p.start, p.end) for p in article.pieces or []]


def test_whole_articles_give_their_findings(story):
    r = check(story)
    assert r.code == 1
    assert where(r) == WHOLE


@pytest.mark.parametrize("size", [1, 17, 40, 64, 97, 150, 233, 400])
def test_an_article_cut_in_pieces_gives_the_findings_of_the_whole(story, monkeypatch, size):
    whole = check(story, "--output-format", "json")
    monkeypatch.setattr(article_module, "PIECE_CHARS", size)
    assert len(pieces(story[0])) > 1  # en.md is read in pieces
    cut = check(story, "--output-format", "json")
    assert cut.code == whole.code == 1
    assert cut.out == whole.out
    assert len(json.loads(cut.out)["findings"]) == 9
    assert where(check(story)) == WHOLE


def test_a_cut_just_before_a_drift(story, monkeypatch):
    """The empty line before "Survivors said the ferry sank on 13 September 2021" starts a piece."""
    en = story[0]
    text = Path(en).read_text(encoding="utf-8")
    body = text.index("# Ferry")  # after the front matter
    drift = text.index("Survivors said")
    monkeypatch.setattr(article_module, "PIECE_CHARS", drift - 2 - body)  # from the break ending the line before
    found = pieces(en)
    assert found[0] == (body, drift - 1)  # the second piece starts at the empty line
    assert found[1][0] == drift - 1
    assert found[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(found, found[1:]))
    assert where(check([en])) == WHOLE[:3]


def test_the_whole_prose_and_sentences_are_still_there_when_asked_for(story, monkeypatch):
    """Other commands (draft, versions) read a large article's sentences: made when asked for."""
    en = story[0]
    raw = Path(en).read_bytes()
    whole = read_article(en, build_languages([]), raw=raw)
    monkeypatch.setattr(article_module, "PIECE_CHARS", 50)
    large = read_article(en, build_languages([]), raw=raw)
    assert large.pieces is not None and whole.pieces is None
    assert large.prose == whole.prose
    assert [s.span for s in large.sentences] == [s.span for s in whole.sentences]
    assert large.quotations == whole.quotations and large.blocks == whole.blocks

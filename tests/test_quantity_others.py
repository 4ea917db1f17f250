"""kind: quantity: a figure of another event or subject, or the whole a count is part of, is no
claim about the fact (invented stories: a city council election, a river flood, a mine blast)."""
from __future__ import annotations

import pytest

from conftest import where

COUNCIL = """story: council
entities:
  dassel: {type: person, name: Mira Dassel, aliases: [Dassel, 达塞尔, ダッセル, داسل]}
  brenn: {type: person, name: Tomas Brenn, aliases: [Brenn, 布伦, ブレン, برين]}
facts:
  - id: vote
    kind: date
    message: the city voted on 4 October 2026
    expected: "2026-10-04"
    sources: [invented]
    applies: {any: [election, pemilihan, élection, 选举, 選挙, الانتخابات]}
  - id: seats
    kind: quantity
    message: the Green Alliance won 31 of the 51 council seats
    expected: 31
    unit: seats
    unit_words: [seats, kursi, sièges, 席, 个议席, 议席, 議席, مقعدا, مقعد]
    sources: [invented]
    applies: {any: [Green Alliance, Aliansi Hijau, Alliance verte, 绿色联盟, 緑の同盟, التحالف الأخضر, Dassel, 达塞尔, ダッセル,
                    داسل, seats, kursi, sièges, 议席, 議席, مقعدا]}
  - id: share
    kind: quantity
    message: Dassel's Green Alliance won 38.4% of the vote
    expected: 38.4
    unit: percent
    sources: [invented]
    applies: {any: [Green Alliance, Aliansi Hijau, Alliance verte, 绿色联盟, 緑の同盟, التحالف الأخضر, Dassel, 达塞尔, ダッセル,
                    داسل, vote, suara, voix, 得票率, 选票, الأصوات]}
"""

FLOOD = """story: flood
facts:
  - id: displaced
    kind: quantity
    message: 8,200 people were displaced
    expected: 8200
    unit: people
    unit_words: [displaced, mengungsi, déplacés, 流离失所, 避難, نازحا]
    sources: [invented]
    applies: {any: [displaced, mengungsi, déplacés, 流离失所, 避難, نزح, نازحا]}
  - id: dead
    kind: quantity
    message: at least 46 people died
    expected: 46
    unit: people
    unit_words: [dead, died, tewas, morts, 死亡, 死者, قتيلا]
    sources: [invented]
    applies: {any: [died, dead, toll, tewas, morts, bilan, 死亡, 死者, حصيلة, قتيلا]}
  - id: magnitude
    kind: quantity
    message: a magnitude 5.9 quake set off the landslide that dammed the river
    expected: 5.9
    unit: magnitude
    sources: [invented]
    applies: {any: [quake, gempa, séisme, 地震, زلزال, magnitude]}
"""


def found(lint, text: str, name: str, rules: str, story: str) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return [(line, col, rule) for line, col, _, rule in where(lint(text, name, rules, "--story", story))]


def article(lang: str, *lines: str) -> str:
    return f"---\nlang: {lang}\ndate: 2026-10-05\n---\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("lang, ok, wrong, col", [
    ("en", "The Green Alliance won 31 of the 51 seats.", "The Green Alliance won 29 of the 51 seats.", 24),
    ("en", "The Green Alliance won 31 out of 51 seats.", "The Green Alliance won 29 out of 51 seats.", 24),
    ("fr", "L'Alliance verte remporte 31 des 51 sièges.", "L'Alliance verte remporte 29 des 51 sièges.", 27),
    ("fr", "Avec 31 sièges sur 51, l'Alliance verte gouverne seule.",
     "Avec 29 sièges sur 51, l'Alliance verte gouverne seule.", 6),
    ("id", "Aliansi Hijau meraih 31 dari 51 kursi dewan.", "Aliansi Hijau meraih 29 dari 51 kursi dewan.", 22),
    ("zh", "绿色联盟在51个议席中赢得31席。", "绿色联盟在51个议席中赢得29席。", 14),
    ("ja", "緑の同盟は定数51のうち31議席を獲得した。", "緑の同盟は定数51のうち29議席を獲得した。", 13),
    ("ar", "وفاز التحالف الأخضر بـ31 مقعدا من أصل 51 مقعدا.", "وفاز التحالف الأخضر بـ29 مقعدا من أصل 51 مقعدا.", 23),
])
def test_the_whole_a_count_is_part_of_is_no_claim(lint, lang, ok, wrong, col):
    assert found(lint, article(lang, ok, "", wrong), f"{lang}.md", COUNCIL, "council") == [(7, col, "council/seats")]


@pytest.mark.parametrize("lang, other, wrong, findings", [
    ("en", "The Labour List of Tomas Brenn came second with 24.9% and 14 seats.",
     "Dassel's Green Alliance won 34.8% of the vote.", [(7, 29, "council/share")]),
    ("fr", "La Liste travailliste de Tomas Brenn obtient 24,9 % des voix et 14 sièges.",
     "L'Alliance verte de Dassel obtient 34,8 % des voix.", [(7, 36, "council/share")]),
    ("id", "Daftar Buruh pimpinan Tomas Brenn meraih 24,9 persen suara.",
     "Aliansi Hijau pimpinan Dassel meraih 34,8 persen suara.", [(7, 38, "council/share")]),
    ("zh", "布伦领导的工党名单得票率为24.9%，获得14席。", "达塞尔领导的绿色联盟得票率为34.8%。", [(7, 15, "council/share")]),
    ("ja", "ブレン氏の労働リストは得票率24.9%、14議席にとどまった。", "ダッセル氏の緑の同盟は得票率34.8%だった。",
     [(7, 15, "council/share")]),
    ("ar", "وحلت قائمة العمل بقيادة برين ثانية بنسبة 24.9% من الأصوات.", "وحصل التحالف الأخضر بقيادة داسل على 34.8% من الأصوات.",
     [(7, 37, "council/share")]),
])
def test_a_figure_of_another_person_of_the_rules_is_theirs(lint, lang, other, wrong, findings):
    assert found(lint, article(lang, other, "", wrong), f"{lang}.md", COUNCIL, "council") == findings


@pytest.mark.parametrize("lang, lines, findings", [
    ("en", ["In 2019, floods on the same river displaced 3,100 people.",
            "Floods that hit the valley in 2019 displaced 3,100 people.",
            "In neighbouring Kora district, 1,150 people were displaced.",
            "An aftershock of magnitude 4.7 shook the valley.",
            "The 4.7 magnitude quake blocked the river.",
            "At least 46 people died and 8,200 were displaced.",
            "At least 12 people died."],
     [(13, 5, "flood/magnitude"), (17, 1, "flood/dead")]),
    ("id", ["Pada 2019, banjir di sungai yang sama membuat 3.100 warga mengungsi.",
            "Gempa susulan bermagnitudo 4,7 kembali mengguncang.",
            "Gempa 4,7 magnitudo itu membendung sungai."],
     [(9, 7, "flood/magnitude")]),
    ("fr", ["En 2019, une crue avait fait 3 100 déplacés sur le même fleuve.",
            "Une réplique de magnitude 4,7 a été ressentie.",
            "L'épicentre se situait à 58 km au nord, à une profondeur de 10 km, selon le séisme de magnitude 5,9.",
            "Le bilan fait état d'au moins 12 morts."],
     [(11, 22, "flood/dead")]),
    ("zh", ["2019年同一河流的洪水曾造成3100人流离失所。", "邻近的科拉县另有1150人流离失所。",
            "洪水已造成至少46人死亡，约8200人流离失所。"], []),
    ("ar", ["وكانت فيضانات عام 2019 قد أدت إلى نزوح 3100 شخص.", "ونزح 8200 شخص، وبلغت حصيلة القتلى 46 قتيلا."], []),
])
def test_a_figure_of_another_event_is_no_claim(lint, lang, lines, findings):
    assert found(lint, article(lang, *[x for line in lines for x in (line, "")]), f"{lang}.md", FLOOD, "flood") == findings


@pytest.mark.parametrize("lang, text", [
    ("fr", "Dassel a remercié les électeurs lors d'un meeting, l'Alliance verte ayant obtenu 31 sièges."),
    ("ja", "市で4日、選挙が行われ、ダッセル氏の緑の同盟が31議席を得た。"),
    ("zh", "4日，绿色联盟获得31席。"),
])
def test_an_article_or_a_day_is_no_count(lint, lang, text):
    assert found(lint, article(lang, text), f"{lang}.md", COUNCIL, "council") == []

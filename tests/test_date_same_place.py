"""A date in a clause that names "the same <place>" ("a flood that swamped the same valley in 2014",
"di desa yang sama", "la même vallée", "同一地区", "同じ地域", "المنطقة نفسها") belongs to another event
at the fact's place; "the same day" (a time noun) and "the same flood" (a trigger) still claim.
Invented stories: a river flood, a wildfire, a landslide."""
from __future__ import annotations

import pytest

from conftest import where

FLOOD = """story: flood
facts:
  - id: flood-day
    kind: date
    message: the river flooded the valley on 12 January 2026
    expected: "2026-01-12"
    sources: [invented]
    applies: {any: [flood, banjir, inondation, "L'inondation", 洪水, فيضانات, الفيضانات, wildfire, fire, kebakaran,
                    incendie, 山火, 火災, الحريق, longsor, glissement, 滑坡, 土砂崩れ, landslide, الانزلاق]}
"""

HEAD = "---\nlang: {lang}\ndate: 2026-01-15\n---\n"


def _lint(lint, lang, sentence):
    return lint(HEAD.format(lang=lang) + sentence + "\n", f"{lang}.md", FLOOD, "--story", "flood")


EARLIER = [
    ("en", "A flood that swamped the same valley in 2014 destroyed 30 homes."),
    ("en", "In 2019, a wildfire burned across the same island and killed 4 people."),
    ("id", "Banjir yang merendam desa yang sama pada 2014 menewaskan 3 orang."),
    ("id", "Pada 2019, longsor di lereng yang sama menimbun 12 rumah."),
    ("fr", "Une inondation avait déjà touché la même vallée en 2014."),
    ("fr", "En 2019, un incendie avait ravagé le même massif, tuant quatre personnes."),
    ("zh", "2014年同一地区发生的洪水曾造成3人死亡。"),
    ("zh", "2019年，同一山坡也发生过滑坡，掩埋了12栋房屋。"),
    ("ja", "2014年に同じ地域で起きた洪水では3人が死亡した。"),
    ("ja", "2019年にも同じ山で火災が発生し、4人が死亡した。"),
    ("ar", "وكانت فيضانات قد ضربت المنطقة نفسها عام 2014 وأودت بحياة 3 أشخاص."),
    ("ar", "وفي عام 2019 اجتاح الحريق نفس الغابة وقتل 4 أشخاص."),
]


@pytest.mark.parametrize("lang, sentence", EARLIER)
def test_the_date_of_an_earlier_event_at_the_same_place_is_silent(lint, lang, sentence):
    assert _lint(lint, lang, sentence).findings == []


# The fact itself with a wrong date (14 January instead of 12), plainly or "on the same day" or as
# "the same flood": reported at the date. (sentence, the wrong date as written)
OWN = [
    ("en", "The flood swamped the valley on 14 January 2026.", "14 January 2026"),
    ("en", "The flood reached the town on the same day, 14 January 2026.", "14 January 2026"),
    ("en", "The same flood also cut the coast road on 14 January 2026.", "14 January 2026"),
    ("id", "Banjir merendam desa itu pada 14 Januari 2026.", "14 Januari 2026"),
    ("id", "Banjir merendam desa itu pada hari yang sama, 14 Januari 2026.", "14 Januari 2026"),
    ("fr", "L'inondation a touché la vallée le 14 janvier 2026.", "14 janvier 2026"),
    ("fr", "L'inondation a touché la vallée le même jour, le 14 janvier 2026.", "14 janvier 2026"),
    ("zh", "洪水于2026年1月14日淹没了该村。", "2026年1月14日"),
    ("zh", "同一天，洪水于2026年1月14日淹没了下游村庄。", "2026年1月14日"),
    ("ja", "洪水は2026年1月14日に村を襲った。", "2026年1月14日"),
    ("ja", "同じ日の2026年1月14日、洪水が下流の村を襲った。", "2026年1月14日"),
    ("ar", "ضربت الفيضانات القرية في 14 يناير 2026.", "14 يناير 2026"),
    ("ar", "ضربت الفيضانات القرية في اليوم نفسه 14 يناير 2026.", "14 يناير 2026"),
    ("ar", "ضربت الفيضانات القرية في نفس الأسبوع، في 14 يناير 2026.", "14 يناير 2026"),
    ("ar", "ضربت الفيضانات القرية في نفس اليوم، في 14 يناير 2026.", "14 يناير 2026"),  # the same day, not today
    ("zh", "同一场洪水于2026年1月14日冲毁了下游的桥梁。", "2026年1月14日"),
    # the same place in another clause than the fact's date: only the earlier event's date is silent
    ("en", "The flood swamped the valley on 14 January 2026, the same valley it had swamped in 2014.",
     "14 January 2026"),
    ("id", "Banjir merendam desa itu pada 14 Januari 2026, desa yang sama yang terendam pada 2014.", "14 Januari 2026"),
    ("fr", "L'inondation a touché la vallée le 14 janvier 2026, la même vallée qu'en 2014.", "14 janvier 2026"),
    ("zh", "洪水于2026年1月14日淹没了该村，2014年同一地区也曾被淹。", "2026年1月14日"),
    ("ja", "洪水は2026年1月14日、2014年にも浸水した同じ地域を襲った。", "2026年1月14日"),
    ("ar", "ضربت الفيضانات القرية في 14 يناير 2026، وهي المنطقة نفسها التي غمرتها المياه عام 2014.", "14 يناير 2026"),
]


@pytest.mark.parametrize("lang, sentence, wrong", OWN)
def test_the_fact_with_a_wrong_date_is_still_reported(lint, lang, sentence, wrong):
    r = _lint(lint, lang, sentence)
    assert [(line, col) for line, col, _, _ in where(r)] == [(5, sentence.index(wrong) + 1)], r.out
    assert where(r)[0][3] == "flood/flood-day"


WILDFIRE = """story: fire
facts:
  - id: fire-day
    kind: date
    message: the wildfire broke out on 3 August 2025
    expected: "2025-08-03"
    sources: [invented]
    applies: {any: [发生, 爆发, 山火]}
"""


def test_zh_ceng_before_the_verb_marks_an_earlier_event(lint):
    """"曾" (had once) right before the verb: an earlier fire, its year no claim; without it, a claim."""
    head = "---\nlang: zh\ndate: 2025-08-05\n---\n"
    ok = lint(head + "该林区2019年曾发生大面积山火，烧毁林地300公顷。\n", "zh.md", WILDFIRE, "--story", "fire")
    assert ok.findings == [], ok.out
    sentence = "该林区2019年发生大面积山火，烧毁林地300公顷。"
    r = lint(head + sentence + "\n", "zh.md", WILDFIRE, "--story", "fire")
    assert [(line, col) for line, col, _, _ in where(r)] == [(5, sentence.index("2019年") + 1)], r.out

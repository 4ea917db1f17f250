"""Dates and times of day that belong to another event than the fact's, or to another zone: a zone
named before the date and time ("北京时间2025年3月18日15时30分"), an event that came after the fact's
("gempa susulan", "struck again"), a figure compared with an earlier one ("up from 39.8% in 2022"),
the day a statement was made ("..., kata X, Rabu"), and what a future verb will do ("will publish
the results of the vote on May 18"). Invented stories: a ferry, a landslide, a budget vote."""
from __future__ import annotations

import pytest

from conftest import where

FERRY = """story: ferry
facts:
  - id: sinking
    kind: date
    message: the ferry sank at 14:10 WIB on 5 June 2024
    expected: "2024-06-05T14:10+07:00"
    sources: [invented]
    applies: {any: [sank, tenggelam, coulé, 沉没, 沈没, غرقت]}
"""


def _found(r):
    return [(line, col) for line, col, _, _ in where(r)]


@pytest.mark.parametrize("name, ok, bad, col", [
    ("zh.md", "北京时间2024年6月5日15时10分，渡轮在海上沉没。", "北京时间2024年6月5日14时10分，渡轮在海上沉没。", 14),
    ("zh.md", "北京时间5日下午3时10分，渡轮沉没。", "北京时间5日下午2时10分，渡轮沉没。", 9),
    ("ja.md", "フェリーは日本時間午後4時10分ごろ沈没した。", "フェリーは日本時間午後2時10分ごろ沈没した。", 12),
    ("ja.md", "フェリーは日本時間5日午後4時10分ごろ沈没した。", "フェリーは日本時間5日午後2時10分ごろ沈没した。", 14),
])
def test_a_zone_before_the_date_or_noon_word_names_the_time(lint, name, ok, bad, col):
    head = f"---\nlang: {name[:2]}\ndate: 2024-06-06\n---\n"
    assert lint(head + ok + "\n", name, FERRY, "--story", "ferry").findings == []
    r = lint(head + bad + "\n", name, FERRY, "--story", "ferry")
    assert _found(r) == [(5, col)], r.out
    assert where(r)[0][3] == "ferry/sinking"


LANDSLIDE = """story: slide
facts:
  - id: slide-time
    kind: date
    message: the hillside gave way at 05:15 WIB on 2 February 2025
    expected: "2025-02-02T05:15+07:00"
    sources: [invented]
    applies: {any: [slid, longsor, glissé, 滑坡, 崩れ, الانزلاق]}
"""


@pytest.mark.parametrize("name, later, own, col", [
    ("en.md", "The hillside slid again at 9:40 a.m., burying the road.", "The hillside slid at 9:40 a.m., burying the road.", 22),
    ("id.md", "Longsor susulan terjadi sekitar pukul 09.40 WIB.", "Longsor terjadi sekitar pukul 09.40 WIB.", 31),
    ("id.md", "Tebing itu kembali longsor pada pukul 09.40 WIB.", "Tebing itu longsor pada pukul 09.40 WIB.", 31),
    ("fr.md", "Le talus a de nouveau glissé à 9 h 40 WIB.", "Le talus a glissé à 9 h 40 WIB.", 21),
    ("zh.md", "西印尼时间上午9时40分，山体再次滑坡。", "西印尼时间上午9时40分，山体滑坡。", 8),
    ("ja.md", "西部インドネシア時間午前9時40分ごろ、斜面が再び崩れた。", "西部インドネシア時間午前9時40分ごろ、斜面が崩れた。", 13),
    ("ar.md", "ووقع الانزلاق مجددا في الساعة 9:40 صباحا.", "ووقع الانزلاق في الساعة 9:40 صباحا.", 25),
])
def test_a_time_of_an_event_after_the_facts_is_not_a_claim(lint, name, later, own, col):
    head = f"---\nlang: {name[:2]}\ndate: 2025-02-03\n---\n"
    assert lint(head + later + "\n", name, LANDSLIDE, "--story", "slide").findings == []
    r = lint(head + own + "\n", name, LANDSLIDE, "--story", "slide")
    assert _found(r) == [(5, col)], r.out


REFERENDUM = """story: vote
facts:
  - id: vote-day
    kind: date
    message: the referendum was held on 12 November 2025
    expected: "2025-11-12"
    sources: [invented]
    applies: {any: [referendum, référendum, 公投, 国民投票, استفتاء, الاستفتاء]}
"""


@pytest.mark.parametrize("name, compared, own, col", [
    ("en.md", "Turnout reached 64%, up from 58% in the 2021 referendum.", "Turnout in the 2021 referendum reached 64%.", 16),
    ("en.md", "Turnout fell to 51%, down from 58% in the referendum of 2021.", "Turnout was 51% in the referendum of 2021.", 38),
    ("id.md", "Partisipasi mencapai 64 persen, naik dari 58 persen pada referendum 2021.",
     "Partisipasi pada referendum 2021 mencapai 64 persen.", 29),
    ("fr.md", "La participation a atteint 64 %, contre 58 % lors du référendum de 2021.",
     "La participation au référendum de 2021 a atteint 64 %.", 35),
    ("ar.md", "بلغت نسبة المشاركة 64%، مقابل 58% في استفتاء 2021.", "بلغت نسبة المشاركة في استفتاء 2021 نحو 64%.", 31),
    ("zh.md", "投票率为64%，高于2021年公投的58%。", "2021年公投的投票率为64%。", 1),
])
def test_the_date_of_a_figure_compared_with_is_not_a_claim(lint, name, compared, own, col):
    head = f"---\nlang: {name[:2]}\ndate: 2025-11-13\n---\n"
    assert lint(head + compared + "\n", name, REFERENDUM, "--story", "vote").findings == []
    r = lint(head + own + "\n", name, REFERENDUM, "--story", "vote")
    assert _found(r) == [(5, col)], r.out


def test_a_compare_word_without_a_figure_leaves_the_date_a_claim(lint):
    # "contre" is "against" too: with no figure after it, the date is the event's own
    head = "---\nlang: fr\ndate: 2025-11-13\n---\n"
    r = lint(head + "Le référendum contre la réforme a eu lieu le 11 novembre 2025.\n", "fr.md", REFERENDUM,
             "--story", "vote")
    assert _found(r) == [(5, 46)], r.out


@pytest.mark.parametrize("name, said, own, col", [
    ("en.md", "Fourteen people died when the hillside slid, the disaster agency said on Monday.",
     "The hillside slid on Monday, the disaster agency said.", 22),
    ("id.md", "Sebanyak 14 orang tewas akibat longsor itu, kata Kepala BPBD setempat, Senin.",
     "Longsor itu terjadi Senin, kata Kepala BPBD setempat.", 21),
    ("id.md", "Empat belas orang tewas akibat longsor, ujarnya, Senin (3/2).",
     "Longsor terjadi pada Senin (3/2), ujarnya.", 22),
    ("fr.md", "Quatorze personnes sont mortes quand le terrain a glissé, a déclaré lundi le préfet.",
     "Le terrain a glissé lundi, a déclaré le préfet.", 21),
    ("ar.md", "وقال المتحدث يوم الاثنين إن 14 شخصا لقوا حتفهم في الانزلاق.",
     "ووقع الانزلاق يوم الاثنين، بحسب المتحدث.", 19),
    ("zh.md", "应急管理局2月3日表示，滑坡已造成14人死亡。", "2月3日发生的滑坡已造成14人死亡。", 1),
    ("ja.md", "土砂崩れで14人が死亡したと当局が2月3日に発表した。", "土砂崩れは2月3日に発生し、14人が死亡した。", 6),
])
def test_the_day_a_statement_was_made_is_not_a_claim(lint, name, said, own, col):
    head = f"---\nlang: {name[:2]}\ndate: 2025-02-04\n---\n"  # a Tuesday: Monday is 3 February
    assert lint(head + said + "\n", name, LANDSLIDE, "--story", "slide").findings == []
    r = lint(head + own + "\n", name, LANDSLIDE, "--story", "slide")
    assert _found(r) == [(5, col)], r.out


def test_a_date_after_a_verb_of_saying_and_a_trigger_is_a_claim(lint):
    head = "---\nlang: en\ndate: 2025-02-04\n---\n"
    r = lint(head + "Officials said the hillside slid on Monday.\n", "en.md", LANDSLIDE, "--story", "slide")
    assert _found(r) == [(5, 37)], r.out


@pytest.mark.parametrize("name, later, own, col", [
    ("en.md", "The electoral board will certify the results of the referendum on November 20.",
     "Voters cast ballots in the referendum on November 11.", 42),
    ("en.md", "The electoral board will certify the results of the referendum on November 20.",
     "The referendum, which the board will certify next week, was held on November 11.", 69),
    ("id.md", "KPU akan mengumumkan hasil akhir referendum pada 20 November.", "Referendum digelar pada 11 November.", 25),
    ("fr.md", "La commission va publier les résultats du référendum le 20 novembre.",
     "Le référendum a eu lieu le 11 novembre.", 28),
    ("zh.md", "选举委员会将于11月20日公布公投最终结果。", "公投于11月11日举行。", 4),
    ("ja.md", "国民投票の最終結果は11月20日に発表される予定だ。", "国民投票は11月11日に行われた。", 6),
    ("ar.md", "سوف تعلن اللجنة نتائج الاستفتاء في 20 نوفمبر.", "أجري الاستفتاء في 11 نوفمبر.", 19),
])
def test_a_date_in_a_future_clause_is_not_a_past_facts(lint, name, later, own, col):
    head = f"---\nlang: {name[:2]}\ndate: 2025-11-13\n---\n"
    assert lint(head + later + "\n", name, REFERENDUM, "--story", "vote").findings == []
    r = lint(head + own + "\n", name, REFERENDUM, "--story", "vote")
    assert _found(r) == [(5, col)], r.out

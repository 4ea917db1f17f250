"""kind: quantity, and the figures it reads in six languages (invented stories: an earthquake's
toll, an election's share, a flood's damage, a dam's reservoir)."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st

from checker.mentions.quantities import find_quantities, units
from checker.model import Span
from conftest import run, where

UNITS = {name: (u.get("before", []), u.get("after", [])) for name, u in units().items()}

RULES = """story: quake
facts:
  - id: toll
    kind: quantity
    message: the earthquake killed 1,314 people
    expected: 1314
    unit: people
    unit_words: [killed, dead, tewas, meninggal, morts, 死亡, 遇难, 死者, قتيلا]
    sources: [invented]
    applies: {any: [killed, died, toll, tewas, meninggal, korban, morts, "tué*", 死亡, 遇难, 死者, 犠牲, قتل, قتيل, القتلى,
                    لقي]}
  - id: share
    kind: quantity
    message: the party won 41.76% of the vote
    expected: 41.76
    unit: percent
    sources: [invented]
    applies: {any: [vote, votes, suara, voix, 得票, 得票率, 票, الأصوات]}
  - id: damage
    kind: quantity
    message: the flood did 2.5 trillion rupiah of damage
    expected: 2500000000000
    unit: idr
    tolerance: "5%"
    sources: [invented]
    applies: {any: [damage, kerugian, dégâts, 损失, 被害, الأضرار]}
"""


def read(lang: str, text: str) -> list[tuple[str, float, float, str | None, str | None]]:
    return [(text[q.span.start:q.span.end], q.value, q.step, q.unit, q.hedge)
            for q in find_quantities(text, Span(0, len(text)), lang, UNITS, [])]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The toll rose to 1,400, up from 912.", [("1,400", 1400, 100, None, None), ("912", 912, 1, None, None)]),
    ("en", "At least 1,300 people died.", [("At least 1,300 people", 1300, 100, "people", "at_least")]),
    ("en", "A loss of $1.3 million.", [("$1.3 million", 1300000, 100000, "usd", None)]),
    ("en", "Some 5 thousand 383 homes.", [("Some 5 thousand 383", 5383, 1, None, "about")]),
    ("en", "She won 41.76% of the vote.", [("41.76%", 41.76, 0.01, "percent", None)]),
    ("id", "Sedikitnya 1.300 orang tewas.", [("Sedikitnya 1.300 orang", 1300, 100, "people", "at_least")]),
    ("id", "Kerugian Rp 2,5 triliun.", [("Rp 2,5 triliun", 2.5e12, 1e11, "idr", None)]),
    ("id", "Ia meraih 41,8 persen suara.", [("41,8 persen", 41.8, 0.1, "percent", None)]),
    ("id", "Sebanyak 12 juta suara.", [("12 juta suara", 12e6, 1e6, "votes", None)]),
    ("fr", "Au moins 50 000 personnes.", [("Au moins 50 000 personnes", 50000, 10000, "people", "at_least")]),
    ("fr", "Plus de 1\u202f314 morts.", [("Plus de 1\u202f314 morts", 1314, 1, "people", "more_than")]),
    ("fr", "Il obtient 41,8 % des voix.", [("41,8 %", 41.8, 0.1, "percent", None)]),
    ("zh", "地震造成1300余人死亡。", [("1300余人", 1300, 100, "people", "more_than")]),
    ("zh", "约3万5000人撤离。", [("约3万5000人", 35000, 1, "people", "about")]),
    ("zh", "四万人受灾。", [("四万人", 40000, 10000, "people", None)]),
    ("zh", "得票率为百分之四十七。", [("百分之四十七", 47, 1, "percent", None)]),
    ("ja", "死者は少なくとも1300人。", [("少なくとも1300人", 1300, 100, "people", "at_least")]),
    ("ja", "1300人以上が死亡した。", [("1300人以上", 1300, 100, "people", "at_least")]),
    ("ja", "被害は1.2億ドル。", [("1.2億ドル", 1.2e8, 1e7, "usd", None)]),
    ("ja", "避難者は１，３００人、負傷者は４２人。", [("１，３００人", 1300, 100, "people", None), ("４２人", 42, 1, "people", None)]),
    ("zh", "据统计，共有2，400人，其中，十二人受伤。", [("2，400人", 2400, 100, "people", None), ("十二人", 12, 1, "people", None)]),
    ("ar", "قتل ما لا يقل عن ١٣٠٠ شخص.", [("ما لا يقل عن ١٣٠٠ شخص", 1300, 100, "people", "at_least")]),
    ("ar", "بنسبة 41.8٪ من الأصوات.", [("41.8٪", 41.8, 0.1, "percent", None)]),
    ("ar", "أكثر من ٢٠٠٠ قتيل.", [("أكثر من ٢٠٠٠ قتيل", 2000, 1000, "people", "more_than")]),
])
def test_figures_are_read_as_each_language_writes_them(lang, text, expected):
    assert read(lang, text) == [(w, pytest.approx(v), pytest.approx(s), u, h) for w, v, s, u, h in expected]


@pytest.mark.parametrize("lang, text", [
    ("en", "At 03:40, the 3rd quake hit G20 members, as in 2014."),
    ("id", "Pada pukul 03.40 WIB, gempa ke-3 terjadi tahun 2014."),
    ("fr", "Le 2e séisme, à 3 h 40, en 2014."),
    ("zh", "第3次地震发生在凌晨3时40分。"),
    ("ja", "午前3時40分、第3波が到達した。"),
    ("ar", "في الساعة 3:40 فجرا."),
    ("en", "Crews arrived at 6 a.m. and left by 7pm."),
    ("id", "Tim tiba pukul 6 pagi dan jam 7 malam."),
    ("fr", "Les secours arrivent vers 6 h, puis à 7 h 30."),
    ("ar", "وصلت الفرق الساعة 6 صباحا."),
])
def test_times_ordinals_years_and_codes_are_not_quantities(lang, text):
    assert read(lang, text) == []


def test_the_date_finder_takes_the_dates_so_no_day_is_read_as_a_count(tmp_path):
    (tmp_path / "a.md").write_text("On March 3, 2024, the quake killed 1,400 people.\n", encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    r = run("check", "--no-cache", "--rules", str(tmp_path / "rules.yaml"), "--story", "quake", str(tmp_path / "a.md"))
    assert where(r) == [(1, 36, "error", "quake/toll")]
    assert r.findings[0].endswith('article says "1,400 people" (1,400), expected 1,314 people (the earthquake '
                                  'killed 1,314 people)')


def found_in(lint, text: str, name: str, rules: str) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    """(line, column, fact) of each finding of the story "quake" in one article."""
    return [(line, col, rule) for line, col, _, rule in where(lint(text, name, rules, "--story", "quake"))]


@pytest.mark.parametrize("name, text, found", [
    ("en.md", "At least 1,300 people were killed.\nThe toll rose to 1,400, up from 912 on Monday.\n"
              "More than 2,000 people died.\nThe party won 41.8% of the vote.\nIt won nearly 42% of the vote.\n"
              "The party won 41.6% of the vote.\nThe flood damage reached Rp 2.6 trillion.\n",
     [(2, 18, "quake/toll"), (3, 1, "quake/toll"), (6, 15, "quake/share")]),
    ("id.md", "---\nlang: id\n---\nSedikitnya 1.300 orang tewas.\nKorban tewas 1.400 orang.\n"
              "Partai itu meraih 41,8 persen suara.\nPartai itu meraih 47,1 persen suara.\n"
              "Kerugian akibat banjir mencapai Rp 2,5 triliun.\nKerugian mencapai Rp 4 triliun.\n",
     [(5, 14, "quake/toll"), (7, 19, "quake/share"), (9, 10, "quake/damage")]),
    ("fr.md", "---\nlang: fr\n---\nLe séisme a fait au moins 1 300 morts.\nLe bilan est de 1 400 morts.\n"
              "Le parti obtient 41,8 % des voix.\nLes dégâts atteignent 2,5 milliards de roupies.\n",
     [(5, 17, "quake/toll"), (7, 23, "quake/damage")]),  # a milliard is a thousand times less than a triliun
    ("zh.md", "---\nlang: zh\n---\n地震已造成1314人死亡。\n地震已造成1400余人死亡。\n该党得票率为百分之四十七。\n",
     [(5, 6, "quake/toll"), (6, 7, "quake/share")]),
    ("ja.md", "---\nlang: ja\n---\n地震の死者は1314人に上った。\n地震の死者は1400人を超えた。\n同党の得票率は41.8%だった。\n",
     [(5, 7, "quake/toll")]),
    ("ar.md", "---\nlang: ar\n---\nقتل ما لا يقل عن 1300 شخص في الزلزال.\nقتل 1400 شخص في الزلزال.\n"
              "حصل الحزب على 47.1% من الأصوات.\n",
     [(5, 5, "quake/toll"), (6, 15, "quake/share")]),
])
def test_a_figure_agrees_at_the_precision_the_article_writes_it(lint, name, text, found):
    assert found_in(lint, text, name, RULES) == found


@pytest.mark.parametrize("fact, where_, message", [
    ("expected: many", "7:15", "fact 'toll': 'expected' must be of type number, got str"),
    ("expected: {min: 10, max: 5}", "7:15", "fact 'toll': 'expected': min 10 is above max 5"),
    ("expected: 5\n    unit: furlongs", "8:11", "fact 'toll': unknown unit 'furlongs' (known: percent, eur, idr, "
                                               "km, magnitude, people, usd, votes, years; or give its words in "
                                               "'unit_words')"),
    ("expected: 5\n    tolerance: five", "8:16", "fact 'toll': 'tolerance' 'five' does not match ^\\d+(\\.\\d+)?%$"),
])
def test_bad_quantity_rules_are_exit_2_at_their_position(lint, tmp_path, fact, where_, message):
    rules = f"""facts:
  - id: toll
    kind: quantity
    message: m
    sources: [s]
    applies: {{any: [killed]}}
    {fact}
"""
    r = lint("Text.\n", "a.txt", rules)
    assert (r.code, r.out, r.err) == (2, "", f"{tmp_path / 'rules.yaml'}:{where_}: {message}\n")


GROUPING = {"en": (",", "."), "id": (".", ","), "fr": ("\u202f", ","), "zh": (",", "."), "ja": (",", "."),
            "ar": (",", ".")}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(GROUPING)), st.integers(1, 99_999_999), st.integers(0, 2))
def test_numbers_formatted_in_each_languages_convention_read_back(lang, number, decimals):
    group, decimal = GROUPING[lang]
    whole = f"{number:,}".replace(",", group)
    frac = "".join(random.Random(number).choice("123456789") for _ in range(decimals))
    written = whole + (decimal + frac if decimals else "")
    if lang == "ar":
        written = written.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    text = f"x {written} y" if lang not in ("zh", "ja") else f"共{written}人"
    (found,) = [q for q in find_quantities(text, Span(0, len(text)), lang, UNITS, [])]
    assert found.value == pytest.approx(float(f"{number}.{frac}" if decimals else number))
    assert text[found.figure.start:found.figure.end] == written


def test_sarif_and_explain_say_the_expected_figure(tmp_path):
    import json

    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "a.md").write_text("The toll rose to 1,400.\n", encoding="utf-8")
    log = json.loads(run("check", "--no-cache", "--rules", str(tmp_path / "rules.yaml"), "--story", "quake",
                         "--output-format", "sarif", str(tmp_path / "a.md")).out)
    rule, = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "quake/toll" and rule["help"]["text"].startswith("Expected: 1,314 people\n")
    r = run("explain", "--rules", str(tmp_path / "rules.yaml"), "quake/damage")
    assert "  expected: 2,500,000,000,000 idr" in r.out.splitlines()


@pytest.mark.parametrize("name, text, found", [
    ("en.md", "The toll rose from 912 to 1,314.\nThe toll rose from 1,314 to 1,400 overnight.\n", [(2, 29, "quake/toll")]),
    ("id.md", "---\nlang: id\n---\nKorban tewas naik dari 912 menjadi 1.314 orang.\n"
              "Korban tewas naik dari 1.314 menjadi 1.400 orang.\n", [(5, 38, "quake/toll")]),
    ("fr.md", "---\nlang: fr\n---\nLe bilan est passé de 912 à 1 314 morts.\nLe bilan est passé de 1 314 à 1 400 morts.\n",
     [(5, 31, "quake/toll")]),
    ("zh.md", "---\nlang: zh\n---\n死亡人数从912人升至1314人。\n死亡人数从1314人升至1400人。\n", [(5, 13, "quake/toll")]),
    ("ja.md", "---\nlang: ja\n---\n死者は912人から1314人に増えた。\n死者は1314人から1400人に増えた。\n", [(5, 11, "quake/toll")]),
    ("ar.md", "---\nlang: ar\n---\nارتفع عدد القتلى إلى 1314 بعد أن كان 912.\nارتفع عدد القتلى إلى 1400 بعد أن كان 1314.\n",
     [(5, 22, "quake/toll")]),
])
def test_the_new_value_of_a_change_is_the_claim(lint, name, text, found):
    assert found_in(lint, text, name, RULES) == found


SOURCED = """story: quake
facts:
  - id: magnitude
    kind: quantity
    message: the survey measured magnitude 6.2, the national agency 6.1
    values:
      - {value: 6.2, source: USGS, words: [USGS, 美国地质调查局, 米地質調査所, هيئة المسح الجيولوجي]}
      - {value: 6.1, source: BMKG, words: [BMKG, 印尼气象局, インドネシア気象庁, وكالة الأرصاد]}
    unit: magnitude
    sources: [invented]
    applies: {any: [quake, earthquake, gempa, séisme, 地震, زلزال, الزلزال]}
"""


@pytest.mark.parametrize("name, text, found", [
    ("en.md", "The USGS put the quake at magnitude 6.2.\nBMKG put the quake at magnitude 6.2.\n"
              "The quake, of magnitude 6.1, shook the island.\n", [(2, 23, "quake/magnitude")]),
    ("id.md", "---\nlang: id\n---\nMenurut BMKG, gempa magnitudo 6,1 itu terjadi pagi hari.\n"
              "Menurut BMKG, gempa magnitudo 6,2 itu terjadi pagi hari.\n", [(5, 21, "quake/magnitude")]),
    ("fr.md", "---\nlang: fr\n---\nSelon l'USGS, le séisme de magnitude 6,2 a frappé l'île.\n"
              "Selon le BMKG, le séisme de magnitude 6,2 a frappé l'île.\n", [(5, 29, "quake/magnitude")]),
    ("zh.md", "---\nlang: zh\n---\n据美国地质调查局，此次地震为6.2级。\n据印尼气象局，此次地震为6.2级。\n",
     [(5, 13, "quake/magnitude")]),
    ("ja.md", "---\nlang: ja\n---\n米地質調査所によると、地震の規模はマグニチュード6.2だった。\n"
              "インドネシア気象庁によると、地震の規模はマグニチュード6.2だった。\n", [(5, 21, "quake/magnitude")]),
    ("ar.md", "---\nlang: ar\n---\nبحسب هيئة المسح الجيولوجي الأمريكية، بلغت قوة الزلزال 6.2 درجة.\n"
              "بحسب وكالة الأرصاد الإندونيسية، بلغت قوة الزلزال 6.2 درجة.\n", [(5, 50, "quake/magnitude")]),
])
def test_a_figure_the_sentence_attributes_to_a_source_must_be_that_sources(lint, name, text, found):
    assert found_in(lint, text, name, SOURCED) == found


TIMED = """story: quake
facts:
  - id: toll
    kind: quantity
    message: the toll as the disaster agency gave it
    values:
      - {value: 1100, from: "2024-03-12"}
      - {value: 1314, from: "2024-03-13"}
    unit: people
    sources: [invented]
    applies: {any: [killed, toll, tewas]}
"""


@pytest.mark.parametrize("date, text, found", [
    ("2024-03-12", "The quake killed 1,100 people.\n", []),
    ("2024-03-13", "The quake killed 1,314 people.\n", []),
    ("2024-03-14", "The quake killed 1,100 people.\n", [(5, 18, "warning")]),
    ("2024-03-14", "The quake killed 1,500 people.\n", [(5, 18, "error")]),
    ("2024-03-11", "The quake killed 1,100 people.\n", []),
])
def test_a_figure_is_checked_against_what_was_on_record_when_the_article_appeared(lint, date, text, found):
    r = lint(f"---\ndate: {date}\n---\n\n{text}", "a.md", TIMED, "--story", "quake")
    assert [(line, col, sev) for line, col, sev, _ in where(r)] == found, r.out
    if found and found[0][2] == "warning":
        assert "which was on record before; on 2024-03-14 it was 1,314 people (from 2024-03-13)" in r.findings[0]


def test_two_values_from_one_day_are_exit_2_at_the_second(lint, tmp_path):
    rules = TIMED.replace('"2024-03-13"', '"2024-03-12"')
    r = lint("Text.\n", "a.txt", rules, "--story", "quake")
    assert (r.code, r.err) == (2, f"{tmp_path / 'rules.yaml'}:8:29: fact 'toll': 'from' 2024-03-12 is given twice "
                                  "(values 1 and 2): one figure is on record at a time\n")


def test_draft_drafts_figures_with_their_unit_bound_and_rounding(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("---\nlang: id\n---\nGempa itu menewaskan sedikitnya 1.300 orang di provinsi tersebut.\n\n"
                       "Partai itu meraih 41,8 persen suara dalam pemilihan daerah.\n\n"
                       "Kerugian ditaksir mencapai Rp 2,5 triliun oleh pemerintah provinsi.\n", encoding="utf-8")
    r = run("draft", str(article))
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    for wanted in ("    kind: quantity", "    expected: {min: 1300}", "    unit: people", "    expected: 41.8",
                   "    unit: percent", "    expected: 2500000000000", "    unit: idr", '    tolerance: "10%"'):
        assert wanted in lines, wanted
    rules = tmp_path / "draft.yaml"
    rules.write_text(r.out, encoding="utf-8")
    assert run("test", str(rules)).code == 0
    drift = tmp_path / "b.md"
    drift.write_text("---\nlang: id\n---\nPartai itu meraih 47,1 persen suara dalam pemilihan daerah.\n", encoding="utf-8")
    r = run("check", "--no-cache", "--rules", str(rules), "--story", "a", str(drift))
    assert [(line, col) for line, col, _, _ in where(r)] == [(4, 19)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["en", "id", "fr", "ar"]), st.data())
def test_number_words_found_by_str_find_are_those_an_alternation_finds(lang, data):
    """The article's number words are found with ``str.find`` for speed; they must be exactly what
    the bounded alternation (longest first, no letter, digit, '_' or '-' touching) finds."""
    import re

    from checker.mentions.quantities import _number_words, numbers

    n = numbers(lang)
    pieces = st.sampled_from(n.word_list + [w.upper() for w in n.word_list[:5]] +
                             ["-", " ", "  ", ",", "x", "_", "é", "3", "s", "ان", "(", "\u00a0"])
    text = "".join(data.draw(st.lists(pieces, max_size=12)))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, n.word_list)) + r")(?![\w-])", re.IGNORECASE)
    expected = [(m.start(), m.end(), "w") for m in pattern.finditer(text)]
    assert _number_words(text, Span(0, len(text)), n) == expected

"""Dates in Indonesian, French, Chinese, Japanese and Arabic (issue 4): exact spans, values, relative dates
resolved against the publication date only, and the words that look like dates and are not."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from checker.mentions.dates import DateValue, find_dates, locale
from checker.model import Span
from conftest import ROOT

JAN_30 = dt.date(2023, 1, 30)  # a Monday, the day of the speech
JAN_31 = dt.date(2023, 1, 31)  # a Tuesday


def dates(text: str, lang: str, published: dt.date | None = None) -> list[tuple[str, int, DateValue | None]]:
    """(text, start, value) of each date; the span's own text must be what the text holds there."""
    found = find_dates(text, Span(0, len(text)), lang, published)
    for d in found:
        assert text[d.span.start:d.span.end] == d.text
        assert d.text == d.text.strip() and d.text[-1] not in ".,،。、"
    return [(d.text, d.span.start, d.value) for d in found]


@pytest.mark.parametrize("lang, text, date, value", [
    ("id", "Rusia menginvasi Ukraina pada 24 Februari 2022.", "24 Februari 2022", DateValue(2022, 2, 24)),
    ("fr", "La Russie a envahi l'Ukraine le 24 février 2022.", "24 février 2022", DateValue(2022, 2, 24)),
    ("fr", "le 1er mars 2022", "1er mars 2022", DateValue(2022, 3, 1)),
    ("zh", "俄罗斯于2022年2月24日入侵乌克兰。", "2022年2月24日", DateValue(2022, 2, 24)),
    ("ja", "ロシアは2022年2月24日にウクライナに侵攻した。", "2022年2月24日", DateValue(2022, 2, 24)),
    ("zh", "俄罗斯2月24日入侵乌克兰", "2月24日", DateValue(None, 2, 24)),  # dateparser fails on it with zh
    ("zh", "俄罗斯于二〇二二年二月二十四日入侵", "二〇二二年二月二十四日", DateValue(2022, 2, 24)),
    ("zh", "早在二〇二二年，", "二〇二二年", DateValue(2022)),
    ("ja", "２０２２年２月２４日に", "２０２２年２月２４日", DateValue(2022, 2, 24)),  # full-width digits
    ("ja", "令和4年2月24日", "令和4年2月24日", DateValue(2022, 2, 24)),
    ("ar", "غزت روسيا أوكرانيا في 24 فبراير 2022.", "24 فبراير 2022", DateValue(2022, 2, 24)),
    ("ar", "غزت روسيا أوكرانيا في ٢٤ فبراير ٢٠٢٢.", "٢٤ فبراير ٢٠٢٢", DateValue(2022, 2, 24)),
    ("ar", "بدأ الغزو في فبراير/شباط 2022.", "فبراير/شباط 2022", DateValue(2022, 2)),
    ("ar", "في 24 شباط (فبراير) 2022", "24 شباط (فبراير) 2022", DateValue(2022, 2, 24)),
    ("ar", "في 24 شباط 2022", "24 شباط 2022", DateValue(2022, 2, 24)),
    ("ar", "في عام 2022م", "2022", DateValue(2022)),
    ("id", "Pada malam (24/2/2022) itu", "24/2/2022", DateValue(2022, 2, 24)),  # with a weekday: test_date_claims
])
def test_absolute_date(lang, text, date, value):
    got = [d for d in dates(text, lang) if d[2] is not None and d[2].weekday is None]
    assert got == [(date, text.index(date), value)]


def test_absolute_dates_need_no_publication_date_and_do_not_depend_on_it():
    for published in (None, JAN_30, dt.date(1999, 12, 31)):
        assert dates("在2022年2月24日", "zh", published) == [("2022年2月24日", 1, DateValue(2022, 2, 24))]


@pytest.mark.parametrize("lang, text, date, published, value", [
    ("id", "Rusia menginvasi Ukraina pada Februari tahun lalu.", "Februari tahun lalu", JAN_30, DateValue(2022, 2)),
    ("id", "Rusia menginvasi Ukraina pada Februari tahun lalu.", "Februari tahun lalu", dt.date(2024, 3, 1),
     DateValue(2023, 2)),
    ("fr", "La Russie a envahi l'Ukraine en février dernier.", "février dernier", dt.date(2023, 1, 15),
     DateValue(2022, 2)),
    ("fr", "La Russie a envahi l'Ukraine en février dernier.", "février dernier", dt.date(2023, 3, 10),
     DateValue(2023, 2)),
    ("fr", "La Russie a envahi l'Ukraine le 24 février dernier.", "24 février dernier", dt.date(2023, 2, 24),
     DateValue(2022, 2, 24)),
    ("fr", "en février de l’année dernière", "février de l’année dernière", JAN_30, DateValue(2022, 2)),
    ("fr", "depuis l’an dernier", "l’an dernier", JAN_30, DateValue(2022)),
    ("zh", "俄罗斯去年2月入侵乌克兰", "去年2月", JAN_30, DateValue(2022, 2)),
    ("zh", "俄罗斯去年二月二十四日入侵", "去年二月二十四日", JAN_30, DateValue(2022, 2, 24)),
    ("ja", "ロシアは昨年2月にウクライナに侵攻した", "昨年2月", JAN_30, DateValue(2022, 2)),
    ("ja", "昨年の2月24日", "昨年の2月24日", JAN_30, DateValue(2022, 2, 24)),
    ("ar", "بدأ الغزو في فبراير من العام الماضي", "فبراير من العام الماضي", JAN_30, DateValue(2022, 2)),
    ("ar", "بدأ الغزو في فبراير/شباط الماضي", "فبراير/شباط الماضي", JAN_30, DateValue(2022, 2)),
    ("ar", "منذ العام الماضي", "العام الماضي", JAN_30, DateValue(2022)),  # dateparser fails on it
    ("en", "on 24 February last year", "24 February last year", JAN_30, DateValue(2022, 2, 24)),
])
def test_relative_date_resolved_against_publication_date(lang, text, date, published, value):
    assert dates(text, lang, published) == [(date, text.index(date), value)]
    # Never against today: without a publication date the date is found and left open.
    assert dates(text, lang) == [(date, text.index(date), None)]
    assert find_dates(text, Span(0, len(text)), lang, None)[0].relative


@pytest.mark.parametrize("lang, text, date", [
    ("id", "Presiden berbicara pada Senin di Jakarta.", "Senin"),
    ("fr", "Le président a parlé lundi à Paris.", "lundi"),
    ("ja", "大統領は月曜日に演説した。", "月曜日"),
    ("zh", "总统周一发表讲话。", "周一"),
    ("ar", "تحدث الرئيس يوم الاثنين في سيول.", "الاثنين"),
    ("ar", "وتحدث والاثنين", "الاثنين"),
    ("en", "The president spoke on Monday in Seoul.", "Monday"),
])
def test_weekday_resolved_against_publication_date(lang, text, date):
    assert dates(text, lang, JAN_31) == [(date, text.index(date), DateValue(2023, 1, 30, 0))]
    assert dates(text, lang) == [(date, text.index(date), None)]  # left alone without a publication date


@pytest.mark.parametrize("lang, text, date, value", [
    ("fr", "lundi dernier", "lundi dernier", DateValue(2023, 1, 30, 0)),
    ("fr", "lundi prochain", "lundi prochain", DateValue(2023, 2, 6, 0)),
    ("id", "Senin lalu", "Senin lalu", DateValue(2023, 1, 30, 0)),
    ("ar", "الاثنين الماضي", "الاثنين الماضي", DateValue(2023, 1, 30, 0)),
    ("zh", "他上周一说", "上周一", DateValue(2023, 1, 23, 0)),  # Monday of last week, not "last Monday"
    ("ja", "先週の月曜日に", "先週の月曜日", DateValue(2023, 1, 23, 0)),
])
def test_weekday_with_modifier(lang, text, date, value):
    assert dates(text, lang, JAN_31) == [(date, text.index(date), value)]


def test_indonesian_minggu_is_sunday_only_as_a_day_name():
    # "minggu" is both Sunday and week.
    assert dates("Dia datang pada hari Minggu.", "id", JAN_31) == [("Minggu", 21, DateValue(2023, 1, 29, 6))]
    assert dates("Minggu lalu dia datang.", "id", JAN_31) == [("Minggu lalu", 0, DateValue(2023, 1, 24))]
    assert dates("dua minggu kemudian", "id", JAN_31) == []


def test_cjk_dates_inside_runs_of_characters_without_spaces():
    text = "据报道，俄罗斯于2022年2月24日凌晨入侵乌克兰，去年2月以来战事不断，周一又有新进展。"
    assert dates(text, "zh", JAN_31) == [
        ("2022年2月24日", 8, DateValue(2022, 2, 24)), ("去年2月", 26, DateValue(2022, 2)),
        ("周一", 37, DateValue(2023, 1, 30, 0))]
    assert text[8] == "2" and text[26] == "去" and text[37] == "周"


def test_arabic_glued_prefixes_stay_out_of_the_span():
    assert dates("ووفبراير", "ar") == []  # a prefix is glued at the start of a word only
    assert dates("وفبراير 2022", "ar") == [("فبراير 2022", 1, DateValue(2022, 2))]
    assert dates("و24 فبراير 2022", "ar") == [("24 فبراير 2022", 1, DateValue(2022, 2, 24))]
    assert dates("بفبراير", "ar") == [("فبراير", 1, DateValue(None, 2))]
    assert dates("في يناير وفبراير", "ar") == [("يناير", 3, DateValue(None, 1)), ("فبراير", 10, DateValue(None, 2))]


def test_month_named_alone_needs_a_preposition():
    assert dates("en mars", "fr") == [("mars", 3, DateValue(None, 3))]
    assert dates("mi-février", "fr") == [("février", 3, DateValue(None, 2))]
    assert dates("depuis sept ans", "fr") == []  # "for seven years": an abbreviation alone needs its dot
    assert dates("en sept.", "fr") == [("sept", 3, DateValue(None, 9))]
    assert dates("في فبراير/شباط", "ar") == [("فبراير/شباط", 3, DateValue(None, 2))]
    assert dates("Mars est une planète.", "fr") == []
    assert dates("sejak Mei", "id") == [("Mei", 6, DateValue(None, 5))]
    assert dates("Mei 12 orang", "id") == []  # not "May 12": Indonesian writes the day first
    assert dates("مارس الضغط على الحكومة", "ar") == []  # "he exerted pressure", not March


@pytest.mark.parametrize("lang, text", [
    ("id", "ada 2 orang dan 12 rumah"), ("fr", "il a 2 ou 12 ans"), ("ar", "قتل 2 و12 شخصا و٢ و١٢"),
    ("zh", "有2人和12人"), ("ja", "2人と12人"),
    ("id", "sebanyak 202 orang"), ("zh", "第202号"),  # a year has four digits
    ("ja", "月に一度"),  # 月 alone is listed as a Monday abbreviation in dateparser's data
    ("ja", "24日間の滞在"),  # 24 days, not the 24th
    ("zh", "一周一次"),  # once a week
    ("zh", "1990年代"), ("zh", "2000年间"), ("zh", "12022年"),
    ("ar", "في اليوم التالي"),  # "the next day", not today
    ("ar", "فبراير 22"), ("fr", "le 31 février 2022"), ("id", "30 Februari"),
    ("fr", "sept pays"), ("id", "setahun"),  # "seven"; "a year" as a length of time
])
def test_not_dates(lang, text):
    assert dates(text, lang, JAN_31) == []


def test_weekday_word_inside_a_longer_chinese_word():
    # 上周一直 is "last week (上周), all along (一直)", not "last Monday".
    assert dates("上周一直在下雨", "zh", JAN_31) == [("上周", 0, DateValue(2023, 1, 24))]


def test_twelve_is_not_two():
    assert dates("12月3日", "zh") == [("12月3日", 0, DateValue(None, 12, 3))]
    assert dates("十二月三日", "zh") == [("十二月三日", 0, DateValue(None, 12, 3))]


def test_span_limits_and_offsets_in_a_longer_text():
    text = "Intro. Le 24 février 2022, la Russie a envahi l'Ukraine."
    found = find_dates(text, Span(7, len(text)), "fr", None)
    assert [(d.span.start, d.span.end, d.text) for d in found] == [(10, 25, "24 février 2022")]
    arabic = "مقدمة. في ٢٤ فبراير ٢٠٢٢ غزت روسيا."  # other digits are read in place: offsets do not move
    found = find_dates(arabic, Span(6, len(arabic)), "ar", None)
    assert [(d.span.start, d.text) for d in found] == [(10, "٢٤ فبراير ٢٠٢٢")]


def test_every_language_builds_its_pattern():
    for lang in ("en", "id", "fr", "zh", "ja", "ar"):
        assert locale(lang).pattern.search("x") is None


def test_absolute_dates_do_not_import_dateparser():
    # dateparser costs about 300 ms to import and warm up; only relative phrases need it.
    code = """
import sys
from checker.mentions.dates import find_dates
from checker.model import Span
for lang, text in [("zh", "2022年2月24日"), ("ar", "24 فبراير 2022"), ("id", "24 Februari 2022")]:
    assert find_dates(text, Span(0, len(text)), lang, None), text
assert find_dates("rien", Span(0, 4), "fr", None) == []
assert "dateparser" not in sys.modules
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)

"""Which date a sentence claims (issue 18): a weekday next to its date, numeric dates in each
language's order, dates that open a period or are compared with, dates of another event of the same
kind, relative words after a full date, and "N years ago". One invented story: the Kalisari flood hit
on Thursday 9 March 2023; the articles are published on Friday 10 March 2023 unless a case says."""
from __future__ import annotations

import datetime as dt

import pytest

from checker.mentions.dates import DateValue, find_dates
from checker.model import Span
from conftest import where

RULES = """story: flood
facts:
  - id: flood-date
    kind: date
    message: the Kalisari flood hit on Thursday 9 March 2023
    expected: "2023-03-09"
    sources: [invented]
    applies: {any: [flood, banjir, crue, 洪水, فيضان, الفيضان]}
"""
FRIDAY = dt.date(2023, 3, 10)


def check(lint, lang: str, sentence: str, published: str | None = "2023-03-10") -> list[tuple[int, int, str, str]]:
    """(line, column, severity, fact) of each finding on the one-sentence article (its line is 5, or 4
    without a publication date)."""
    front = f"---\nlang: {lang}\n" + (f"date: {published}\n" if published else "") + "---\n"
    r = lint(front + sentence + "\n", f"{lang}.md", RULES, "--story", "flood")
    assert r.code in (0, 1), r.err
    return where(r)


def col(sentence: str, words: str) -> int:
    return sentence.index(words) + 1


def dates(text: str, lang: str, published: dt.date | None = FRIDAY) -> list[tuple[str, DateValue | None, str]]:
    found = find_dates(text, Span(0, len(text)), lang, published)
    for d in found:
        assert text[d.span.start:d.span.end] == d.text
    return [(d.text, d.value, d.role) for d in found]


# ---------------------------------------------------------------- a weekday next to its date

THU = DateValue(2023, 3, 9, 3)


@pytest.mark.parametrize("lang, text, span, value, weekday", [
    ("en", "The flood hit on Thursday, 9 March 2023, officials said.", "Thursday, 9 March 2023", THU, "Thursday"),
    ("en", "The flood hit on Thursday, March 9, 2023.", "Thursday, March 9, 2023", THU, "Thursday"),
    ("en", "The flood hit on Thursday (9/3/2023).", "Thursday (9/3/2023", THU, "Thursday"),  # the weekday decides
    ("id", "Banjir melanda Kalisari pada Kamis (9/3/2023) sore.", "Kamis (9/3/2023", THU, "Kamis"),
    ("id", "Banjir melanda Kalisari pada Kamis, 9 Maret 2023.", "Kamis, 9 Maret 2023", THU, "Kamis"),
    ("id", "Banjir melanda Kalisari pada Kamis (9/3) sore.", "Kamis (9/3", DateValue(None, 3, 9, 3), "Kamis"),
    ("fr", "La crue a frappé Kalisari le jeudi 9 mars 2023.", "jeudi 9 mars 2023", THU, "jeudi"),
    ("fr", "La crue a frappé Kalisari le 9 mars 2023 (jeudi).", "9 mars 2023 (jeudi", THU, "jeudi"),
    ("zh", "洪水于2023年3月9日（星期四）袭击卡利萨里。", "2023年3月9日（星期四", THU, "星期四"),
    ("zh", "洪水于周四（3月9日）袭击卡利萨里。", "周四（3月9日", DateValue(None, 3, 9, 3), "周四"),
    ("ja", "洪水は2023年3月9日（木）にカリサリを襲った。", "2023年3月9日（木", THU, "木"),
    ("ja", "洪水は木曜日（3月9日）にカリサリを襲った。", "木曜日（3月9日", DateValue(None, 3, 9, 3), "木曜日"),
    ("ar", "ضرب الفيضان كاليساري يوم الخميس 9 مارس 2023.", "الخميس 9 مارس 2023", THU, "الخميس"),
    ("ar", "ضرب الفيضان كاليساري يوم الخميس (9/3/2023).", "الخميس (9/3/2023", THU, "الخميس"),
    ("ar", "ضرب الفيضان كاليساري يوم الخميس الموافق 9 مارس 2023.", "الخميس الموافق 9 مارس 2023", THU, "الخميس"),
])
def test_a_weekday_and_its_date_are_one_mention(lang, text, span, value, weekday):
    for published in (FRIDAY, None):  # the explicit date, with or without a publication date
        found = find_dates(text, Span(0, len(text)), lang, published)
        assert [(d.text, d.span.start, d.value, d.relative) for d in found] == [(span, text.index(span), value, False)]
        w = found[0].weekday_span
        assert w is not None and text[w.start:w.end] == weekday


@pytest.mark.parametrize("lang, sentence", [
    ("en", "The flood hit Kalisari on Thursday, 9 March 2023."),
    ("id", "Banjir melanda Kalisari pada Kamis (9/3/2023)."),
    ("id", "Banjir melanda Kalisari pada Kamis (9/3)."),
    ("fr", "La crue a frappé Kalisari le jeudi 9 mars 2023."),
    ("zh", "洪水于3月9日（周四）袭击卡利萨里。"),
    ("ja", "洪水は3月9日（木）にカリサリを襲った。"),
    ("ar", "ضرب الفيضان كاليساري يوم الخميس 9 مارس 2023."),
])
def test_a_weekday_next_to_the_right_date_agrees_with_or_without_publication_date(lint, lang, sentence):
    assert check(lint, lang, sentence) == []
    assert check(lint, lang, sentence, None) == []
    # published a week later, the weekday alone would be 16 March: the explicit date is the claim
    assert check(lint, lang, sentence, "2023-03-17") == []


@pytest.mark.parametrize("lang, sentence, weekday", [
    ("en", "The flood hit Kalisari on Friday, 9 March 2023.", "Friday"),
    ("id", "Banjir melanda Kalisari pada Jumat (9/3/2023).", "Jumat"),
    ("fr", "La crue a frappé Kalisari le vendredi 9 mars 2023.", "vendredi"),
    ("zh", "洪水于2023年3月9日（周五）袭击卡利萨里。", "周五"),
    ("ja", "洪水は2023年3月9日（金）にカリサリを襲った。", "金"),
    ("ar", "ضرب الفيضان كاليساري يوم الجمعة 9 مارس 2023.", "الجمعة"),
])
def test_a_weekday_that_contradicts_its_own_date_is_a_warning_at_the_weekday(lint, lang, sentence, weekday):
    for published, line in (("2023-03-10", 5), (None, 4)):
        assert check(lint, lang, sentence, published) == [(line, col(sentence, weekday), "warning", "flood/flood-date")]


def test_the_weekday_warning_says_what_the_date_was_and_stands_beside_a_wrong_date(lint):
    r = lint("The flood hit Kalisari on Friday, 9 March 2023.\n", "a.txt", RULES, "--story", "flood")
    assert len(r.findings) == 1 and r.findings[0].endswith(
        '/a.txt:1:27: warning flood/flood-date article says "Friday, 9 March 2023": 2023-03-09 was a Thursday, '
        'not a Friday (the Kalisari flood hit on Thursday 9 March 2023)')
    # 8 March 2023 was a Wednesday: the date is wrong (error) and the weekday is not its own (warning)
    assert where(lint("The flood hit Kalisari on Friday, 8 March 2023.\n", "a.txt", RULES, "--story", "flood")) == [
        (1, 27, "error", "flood/flood-date"), (1, 27, "warning", "flood/flood-date")]


def test_a_weekday_against_a_date_without_year_is_compared_with_the_facts_weekday(lint):
    # "Jumat (9/3)": 9 March without a year, on a Friday; the flood's 9 March was a Thursday
    sentence = "Banjir melanda Kalisari pada Jumat (9/3)."
    assert check(lint, "id", sentence) == [(5, col(sentence, "Jumat"), "error", "flood/flood-date")]


# ---------------------------------------------------------------- numeric dates

@pytest.mark.parametrize("lang, text, value", [
    ("id", "pada (9/3/2023)", DateValue(2023, 3, 9)),
    ("fr", "le 09/03/2023", DateValue(2023, 3, 9)),
    ("ar", "في 9/3/2023", DateValue(2023, 3, 9)),
    ("ar", "في ٩/٣/٢٠٢٣", DateValue(2023, 3, 9)),
    ("en", "on 3/9/2023", DateValue(2023, 3, 9)),  # English: month first unless something shows otherwise
    ("en", "on 3/24/2023", DateValue(2023, 3, 24)),
    ("en", "on 24/3/2023", DateValue(2023, 3, 24)),  # a part over 12 is the day
    ("en", "on 9/3/2023, after the storm of 24/2/2023", DateValue(2023, 3, 9)),  # the article writes day first
    ("en", "on 9/3/2023, after the storm of 2/24/2023", DateValue(2023, 9, 3)),  # the article writes month first
    ("en", "on 9/3/2023, between 24/2/2023 and 2/24/2023", DateValue(2023)),  # both: only the year is sure
])
def test_numeric_dates_in_each_languages_order(lang, text, value):
    assert dates(text, lang)[0][1] == value


def test_a_numeric_date_with_the_wrong_day_is_an_error_in_day_first_languages(lint):
    for lang, sentence in (("id", "Banjir melanda Kalisari pada 10/3/2023."),
                           ("fr", "La crue a frappé Kalisari le 10/03/2023."),
                           ("ar", "ضرب الفيضان كاليساري في 10/3/2023.")):
        assert check(lint, lang, sentence) == [(5, col(sentence, "10/"), "error", "flood/flood-date")], lang


# ---------------------------------------------------------------- dates of other events

@pytest.mark.parametrize("lang, sentence", [
    ("en", "The flood was the worst since 2010, officials said."),
    ("en", "The flood was the worst since the year 2010."),
    ("id", "Banjir itu adalah yang terparah sejak tahun 2010."),
    ("fr", "La crue est la pire depuis 2010."),
    ("zh", "这是自2010年以来最严重的洪水。"),
    ("ja", "洪水は2010年以来最悪となった。"),
    ("ar", "وهو أسوأ فيضان منذ عام 2010."),
])
def test_a_year_after_since_opens_a_period_and_is_not_the_events_date(lint, lang, sentence):
    assert check(lint, lang, sentence) == []


@pytest.mark.parametrize("lang, sentence", [
    ("en", "The flood was bigger than the 2020 flood."),
    ("en", "The flood was as deadly as in 2010."),
    ("id", "Banjir kali ini seperti banjir 2020."),
    ("fr", "La crue est aussi grave qu'en 2019."),
    ("fr", "La crue est aussi grave que celle de 2019."),
    ("zh", "这次洪水比2020年的洪水更大。"),
    ("ja", "今回の洪水は2020年の洪水より大きかった。"),
    ("ar", "كان الفيضان أكبر من فيضان 2020."),
])
def test_a_date_compared_with_is_another_event(lint, lang, sentence):
    assert check(lint, lang, sentence) == []


@pytest.mark.parametrize("lang, sentence, wrong", [
    ("en", "The 2021 flood was smaller than Thursday's.", "Wednesday's"),
    ("id", "Banjir 2021 lebih kecil daripada banjir Kamis.", "banjir Rabu."),
    ("fr", "La crue de 2021 était moins forte que celle de jeudi.", "celle de mercredi."),
    ("zh", "2021年的洪水比周四的洪水小。", "周三的洪水小。"),
    ("ja", "2021年の洪水は木曜日の洪水より小さかった。", "水曜日の洪水より小さかった。"),
    ("ar", "كان فيضان 2021 أصغر من فيضان الخميس.", "فيضان الأربعاء."),
])
def test_a_comparison_of_two_dated_events_claims_neither_when_one_may_be_the_facts(lint, lang, sentence, wrong):
    # Thursday's flood is the fact's; "2021" dates the flood it is compared with
    assert check(lint, lang, sentence) == []
    assert check(lint, lang, sentence, None) == []  # Thursday unresolved: it may be the fact's
    # neither side is the fact's date: the date on the trigger's side is the claim, as in any sentence
    tail = {"en": "Thursday's.", "id": "banjir Kamis.", "fr": "celle de jeudi.", "zh": "周四的洪水小。",
            "ja": "木曜日の洪水より小さかった。", "ar": "فيضان الخميس."}[lang]
    other = sentence.replace(tail, wrong)
    assert other != sentence
    assert check(lint, lang, other) == [(5, col(other, "2021"), "error", "flood/flood-date")]


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Its previous flood, in 2019, caused no deaths."),
    ("id", "Banjir sebelumnya, pada 2019, tidak menelan korban."),
    ("fr", "La précédente crue, en 2019, n'avait fait aucune victime."),
    ("zh", "上一次洪水是在2019年，当时无人伤亡。"),
    ("ja", "前回の洪水は2019年で、死者は出なかった。"),
    ("ar", "ولم يسفر الفيضان السابق في عام 2019 عن أي ضحايا."),
])
def test_the_date_of_a_previous_event_of_the_same_kind_is_not_a_claim(lint, lang, sentence):
    assert check(lint, lang, sentence) == []


def test_this_events_date_is_still_read_beside_a_previous_one(lint):
    sentence = "The flood hit on 10 March 2023, four years after the previous flood in 2019."
    assert check(lint, "en", sentence) == [(5, col(sentence, "10 March"), "error", "flood/flood-date")]


# ---------------------------------------------------------------- relative words

def test_a_relative_word_after_a_full_date_is_no_date_of_its_own(lint):
    assert dates("pada 17 Agustus 2023 kemarin", "id") == [("17 Agustus 2023", DateValue(2023, 8, 17), "")]
    assert dates("le 9 mars 2023 dernier", "fr") == [("9 mars 2023", DateValue(2023, 3, 9), "")]
    # published on 20 March, "kemarin" (yesterday) would be 19 March
    assert check(lint, "id", "Banjir melanda Kalisari pada 9 Maret 2023 kemarin.", "2023-03-20") == []


@pytest.mark.parametrize("lang, text, span, value", [
    ("en", "in March three years ago", "March three years ago", DateValue(2020, 3)),
    ("en", "two years ago", "two years ago", DateValue(2021)),
    ("en", "10 days ago", "10 days ago", DateValue(2023, 2, 28)),
    ("id", "pada Maret dua tahun lalu", "Maret dua tahun lalu", DateValue(2021, 3)),
    ("id", "tiga bulan lalu", "tiga bulan lalu", DateValue(2022, 12)),
    ("fr", "il y a deux ans", "il y a deux ans", DateValue(2021)),
    ("fr", "en mars il y a deux ans", "mars il y a deux ans", DateValue(2021, 3)),
    ("zh", "两年前的2月", "两年前的2月", DateValue(2021, 2)),
    ("zh", "三年前", "三年前", DateValue(2020)),
    ("ja", "3年前の2月", "3年前の2月", DateValue(2020, 2)),
    ("ar", "قبل ثلاث سنوات", "قبل ثلاث سنوات", DateValue(2020)),
    ("ar", "قبل عامين", "قبل عامين", DateValue(2021)),
])
def test_years_ago_resolve_against_the_publication_date(lang, text, span, value):
    assert dates(text, lang) == [(span, value, "")]
    assert dates(text, lang, None) == [(span, None, "")]  # never against today


def test_years_ago_is_a_claim(lint):
    sentence = "La crue a frappé Kalisari il y a deux ans."
    assert check(lint, "fr", sentence) == [(5, col(sentence, "il y a"), "error", "flood/flood-date")]
    assert check(lint, "fr", sentence, "2025-03-10") == []


def test_a_short_numeric_date_is_read_only_in_day_first_languages():
    assert dates("Kamis (9/3) sore", "id")[0][:2] == ("Kamis (9/3", DateValue(None, 3, 9, 3))
    # Chinese writes the month first and English is not sure: the weekday alone stays
    assert [d[0] for d in dates("周四(3/9)", "zh")] == ["周四"]
    assert [d[0] for d in dates("Thursday (9/3)", "en")] == ["Thursday"]


def test_draft_drafts_a_weekday_and_its_date_as_one_fact(tmp_path):
    from conftest import run

    article = tmp_path / "id.md"
    article.write_text("---\nlang: id\ndate: 2024-03-13\n---\nBendungan Kalisari jebol pada Selasa, 12 Maret 2024, "
                       "dan merendam tiga desa.\n", encoding="utf-8")
    r = run("draft", str(article))
    assert r.code == 0, r.err
    assert r.out.count("    kind: date") == 1
    assert '    message: "the source dates \\"jebol pada Selasa, 12 Maret 2024\\" to 2024-03-12"' in r.out.splitlines()


FUTURE_RULES = """story: visit
facts:
  - id: arrival
    kind: date
    message: she arrived on 14 April 2025
    expected: "2025-04-14"
    sources: [invented]
    applies: {any: [arriv*, tiba, 抵达, 到着, تصل, وصلت]}
  - id: runoff
    kind: date
    message: the runoff is on 20 April 2025
    expected: "2025-04-20"
    sources: [invented]
    applies: {any: [runoff, putaran kedua, second tour, 第二轮, 決選投票]}
"""


@pytest.mark.parametrize("lang, sentence, found", [
    ("en", "The patrol boats will arrive in June, she said.", None),
    ("en", "She arrived in Dakar on 4 April 2025.", "4 April 2025"),
    ("en", "The runoff will take place on 27 April.", "27 April"),  # a future fact: the future is its tense
    ("id", "Kapal patroli akan tiba pada bulan Juni.", None),
    ("fr", "Les patrouilleurs arriveront en juin.", None),
    ("fr", "Elle va arriver à Dakar en juin.", None),
    ("zh", "巡逻艇将于6月抵达。", None),
    ("ja", "巡視船は6月に到着する予定だ。", None),
    ("ja", "巡視船は6月に到着する。", None),
    ("ar", "سوف تصل زوارق الدورية في يونيو.", None),
    ("ar", "وصلت إلى داكار في 4 أبريل 2025.", "4 أبريل 2025"),
])
def test_a_past_fact_is_not_claimed_by_a_sentence_in_the_future(tmp_path, lang, sentence, found):
    from conftest import run

    rules = tmp_path / "rules.yaml"
    rules.write_text(FUTURE_RULES, encoding="utf-8")
    article = tmp_path / f"{lang}.md"
    article.write_text(f"---\nlang: {lang}\ndate: 2025-04-15\n---\n{sentence}\n", encoding="utf-8")
    r = run("check", "--no-cache", "--rules", str(rules), "--story", "visit", str(article))
    expected = [] if found is None else [(5, sentence.index(found) + 1)]
    assert [(line, col) for line, col, _, _ in where(r)] == expected, r.out

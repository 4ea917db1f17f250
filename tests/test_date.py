"""kind: date, against the seed rules' invasion-date (2022-02-24) and speech-day (2023-01-30)."""
from __future__ import annotations

import pytest

from conftest import where

FM = "---\ndate: {d}\nlang: en\n---\n"


def test_wrong_year_is_an_error_at_the_date(lint):
    r = lint("Putin ordered the invasion of Ukraine in February 2014.\n")
    assert r.code == 1
    assert where(r) == [(1, 42, "error", "stoltenberg-seoul-2023/invasion-date")]
    assert '"February 2014" (2014-02), expected 2022-02-24' in r.findings[0]


def test_day_and_month_without_year_agree(lint):
    r = lint("The invasion, which was launched on February 24, was condemned.\n")
    assert r.code == 0 and r.findings == []


def test_full_date_agrees_in_several_forms(lint):
    for text in ("Russia invaded Ukraine on 24 February 2022.", "Russia invaded Ukraine on February 24, 2022.",
                 "Russia invaded Ukraine on Feb. 24, 2022.", "Russia invaded Ukraine in 2022.",
                 "Russia invaded Ukraine on 2022-02-24."):
        r = lint(text + "\n")
        assert r.findings == [], text


def test_wrong_day_is_an_error(lint):
    r = lint("Russia invaded Ukraine on 25 February 2022.\n")
    assert where(r) == [(1, 27, "error", "stoltenberg-seoul-2023/invasion-date")]


def test_month_and_year_compared_at_their_precision(lint):
    assert lint("Russia invaded Ukraine in February 2022.\n").findings == []
    assert where(lint("Russia invaded Ukraine in March 2022.\n")) == [(1, 27, "error", "stoltenberg-seoul-2023/invasion-date")]
    assert where(lint("Russia invaded Ukraine in 2014.\n")) == [(1, 27, "error", "stoltenberg-seoul-2023/invasion-date")]


def test_crimea_annexation_sentence_is_excluded(lint):
    r = lint("Russia invaded Crimea and annexed it in 2014, years before the full invasion.\n")
    assert r.code == 0 and r.findings == []


def test_relative_date_is_resolved_against_publication_date(lint):
    ok = lint(FM.format(d="2023-01-30") + "Russia invaded Ukraine in February last year.\n")
    assert ok.findings == []
    bad = lint(FM.format(d="2024-03-01") + "Russia invaded Ukraine in February last year.\n")
    assert where(bad) == [(5, 27, "error", "stoltenberg-seoul-2023/invasion-date")]
    assert "(2023-02)" in bad.findings[0]


def test_relative_date_without_publication_date_is_left_alone(lint):
    assert lint("Russia invaded Ukraine in February last year.\n").findings == []
    assert lint("Russia invaded Ukraine last year.\n").findings == []


def test_weekday_resolved_against_publication_date(lint):
    # 2023-01-31 is a Tuesday: "on Monday" is 2023-01-30, the day of the speech.
    ok = lint(FM.format(d="2023-01-31") + "Stoltenberg urged South Korea on Monday to do more.\n")
    assert ok.findings == []
    bad = lint(FM.format(d="2023-02-03") + "Stoltenberg urged South Korea on Wednesday to do more.\n")
    assert where(bad) == [(5, 34, "error", "stoltenberg-seoul-2023/speech-day")]
    assert "2023-02-01" in bad.findings[0]


def test_date_far_from_the_trigger_is_not_the_claim(lint):
    text = ("Stoltenberg urged South Korea on Monday to increase military support, citing other countries "
            "that have changed their policy of not giving weapons to countries in conflict after the invasion.\n")
    assert lint(text).findings == []


def test_date_inside_front_matter_is_not_prose(lint):
    r = lint("---\ndate: 2023-01-31\ntitle: invasion 2014\n---\nNothing to see.\n")
    assert r.findings == []


TIMED_RULES = """story: dam
facts:
  - id: breach-time
    kind: date
    message: the dam broke at 03:40 on 12 March 2024, western Indonesian time
    expected: "2024-03-12T03:40+07:00"
    sources: [invented]
    applies: {any: [broke, jebol, cédé, 决堤, 決壊, انهار]}
"""


@pytest.mark.parametrize("name, text, found", [
    ("en.md", "The dam broke at 03:40 local time.\n\nThe dam broke at 20:40 GMT the day before.\n\n"
              "The dam broke around 4 a.m.\n\nThe dam broke at 3.40 p.m.\n\nThe dam broke at 5 a.m.\n",
     [(7, 18, "9 3.40 p.m. 15:40"), (9, 18, "6 5 a.m. 05:00")]),
    ("id.md", "---\nlang: id\n---\nBendungan jebol pukul 03.40 WIB.\n\nBendungan jebol pukul 04.40 WITA.\n\n"
              "Bendungan jebol sekitar pukul 4 pagi.\n\nBendungan jebol pukul 05.40 WIB.\n",
     [(10, 23, "9 05.40 WIB 05:40")]),
    ("fr.md", "---\nlang: fr\n---\nLe barrage a cédé à 3 h 40.\n\nLe barrage a cédé à 20h40 GMT la veille.\n\n"
              "Le barrage a cédé à 15 h 40.\n", [(8, 21, "7 15 h 40 15:40")]),
    ("zh.md", "---\nlang: zh\n---\n大坝于凌晨3时40分决堤。\n\n大坝于北京时间4时40分决堤。\n\n大坝于下午3时40分决堤。\n",
     [(8, 6, "5 3时40分 15:40")]),
    ("ja.md", "---\nlang: ja\n---\nダムは午前3時40分に決壊した。\n\nダムは午後3時40分に決壊した。\n", [(6, 6, "5 3時40分 15:40")]),
    ("ar.md", "---\nlang: ar\n---\nانهار السد في الساعة 3:40 فجرا.\n\nانهار السد في الساعة 3:40 مساء.\n",
     [(6, 22, "9 3:40 مساء 15:40")]),
])
def test_a_time_of_day_is_compared_in_the_facts_zone(lint, name, text, found):
    r = lint(text, name, TIMED_RULES, "--story", "dam")
    got = []
    for (line, col, _, rule), finding in zip(where(r), r.findings):
        assert rule == "dam/breach-time"
        words = finding.split('article says "', 1)[1].split('"', 1)[0]
        got.append((line, col, f"{len(words)} {words} {finding.split('(', 1)[1].split(')', 1)[0][:5]}"))
    assert got == found, r.out


def test_a_time_without_its_zone_is_exit_2_at_the_expected_value(lint, tmp_path):
    r = lint("Text.\n", "a.txt", TIMED_RULES.replace("T03:40+07:00", "T03:40"), "--story", "dam")
    assert (r.code, r.err) == (2, f"{tmp_path / 'rules.yaml'}:6:15: fact 'breach-time': 'expected' "
                                  "'2024-03-12T03:40': a time needs its zone, such as 2024-03-12T03:40+07:00 or "
                                  "2024-03-12T03:40Z\n")


DAM = {  # one invented event (a dam broke on 12 March 2024 at 03:40 WIB, i.e. 20:40 GMT on the 11th)
    "en": ("The Kalisari dam broke on 12 March 2024 at 03:40 WIB, flooding villages downstream.",
           "2024-03-12T03:40+07:00", None, "05:40 WIB"),
    "id": ("Bendungan Kalisari jebol pada 12 Maret 2024 sekitar pukul 03.40 WIB dan merendam desa.",
           "2024-03-12T03:40+07:00", 30, "05.40 WIB"),
    "fr": ("Le barrage de Kalisari a cédé le 12 mars 2024 à 3 h 40 WIB, inondant des villages.",
           "2024-03-12T03:40+07:00", None, "5 h 40 WIB"),
    "ar": ("انهار سد كاليساري في 12 مارس 2024 عند الساعة 3:40 فجرا بتوقيت غرينتش وغمرت المياه القرى.",
           "2024-03-12T03:40+00:00", None, "5:40 فجرا بتوقيت غرينتش"),
}


@pytest.mark.parametrize("lang", sorted(DAM))
def test_draft_states_the_time_next_to_a_date_with_its_zone(tmp_path, lang):
    from conftest import run

    sentence, expected, tolerance, drift = DAM[lang]
    article = tmp_path / f"{lang}.md"
    article.write_text(f"---\nlang: {lang}\ndate: 2024-03-13\n---\n{sentence}\n", encoding="utf-8")
    r = run("draft", str(article))
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert f'    expected: "{expected}"' in lines
    assert ("    tolerance: 30" in lines) == (tolerance == 30)
    rules = tmp_path / "draft.yaml"
    rules.write_text(r.out, encoding="utf-8")
    assert run("test", str(rules)).code == 0
    clock = next(t for t in ("03:40 WIB", "03.40 WIB", "3 h 40 WIB", "3:40 فجرا بتوقيت غرينتش") if t in sentence)
    version = tmp_path / "v" / f"{lang}.md"
    version.parent.mkdir()
    version.write_text(f"---\nlang: {lang}\ndate: 2024-03-13\n---\n{sentence.replace(clock, drift)}\n",
                       encoding="utf-8")
    r = run("check", "--no-cache", "--rules", str(rules), "--story", lang, str(version))
    column = sentence.index(clock) + 1  # two hours off: more than the half hour a hedge allows
    assert [(line, col, sev) for line, col, sev, _ in where(r)] == [(5, column, "error")], r.out


def test_draft_notes_a_time_it_cannot_state(tmp_path):
    from conftest import run

    article = tmp_path / "a.md"
    article.write_text("---\nlang: en\ndate: 2024-03-13\n---\nThe dam broke on 12 March 2024 at 3:40 a.m. local "
                       "time, officials said.\n\nRescue teams reached the first village at 6 a.m. GMT.\n",
                       encoding="utf-8")
    r = run("draft", str(article))
    assert r.code == 0, r.err
    assert '#   - line 5: the time "3:40 a.m. local time" names no zone factlint knows; to check it, add it to ' \
           "the date's expected with its zone, such as T03:40+07:00" in r.out
    assert '#   - line 7: the time "6 a.m. GMT" has no date next to it; to check it, add it to the expected date ' \
           "of its event, such as T03:40+07:00" in r.out
    assert '    expected: "2024-03-12"' in r.out.splitlines()

"""kind: quote (issue 18): which quotations are claims about a recorded utterance, wordings per
language, numbers inside quotations, and the quotation marks real pages mix. An invented story:
a regional governor, Rina Halim, on a dam whose spillways were opened in a flood."""
from __future__ import annotations

import pytest

from checker.article import read_article
from checker.language import Language
from conftest import where

RULES = """story: dam
entities:
  halim: {type: person, name: Rina Halim, aliases: [Halim, 哈利姆, ハリム, حليم]}
  dubois: {type: person, name: Marc Dubois, aliases: [Dubois]}
facts:
  - id: spillways
    kind: quote
    message: Halim said four spillways were opened and the water was still rising
    speaker: halim
    said:
      - en: we have opened four spillways and the water is still rising
        id: kami sudah membuka empat pintu air dan air masih terus naik
        fr: nous avons ouvert quatre vannes et l'eau continue de monter
        zh: 我们已经打开了四个泄洪闸，水位仍在上涨
        ja: 四つの放水門を開けたが、水位はまだ上がっている
        ar: فتحنا أربعة مخارج للمياه والمنسوب لا يزال يرتفع
    sources: [invented]
    applies: {any: [spillway*, dam, pintu air, bendungan, vannes, barrage, 泄洪闸, 大坝, 放水門, ダム, السد, مخارج]}
  - id: levee
    kind: quote
    message: Halim said the levee would hold for three days
    speaker: halim
    said:
      - {en: the levee will hold for three days at most}
    sources: [invented]
    applies: {any: [levee, tanggul, digue, 堤坝, 堤防, السد الترابي]}
  - id: curfew
    kind: quote
    message: Halim said the curfew starts at nine
    speaker: halim
    said: [the curfew starts at nine tonight]
    accepted: [jam malam dimulai pukul sembilan malam ini]
    sources: [invented]
    applies: {any: [curfew, jam malam]}
  - id: reservoir
    kind: quote
    message: Halim called the reservoir "nearly full"
    speaker: halim
    said: [nearly full]
    sources:
      - name: invented
        quote: 'Halim said the reservoir was "nearly full" after the storm.'
    applies: {any: [reservoir]}
"""


def check(lint, lang: str, *lines: str) -> list[tuple[int, int, str, str]]:
    """The findings of an article in ``lang``, one line per paragraph; the body starts at line 4."""
    text = f"---\nlang: {lang}\n---\n" + "".join(line + "\n" for line in lines)
    return where(lint(text, f"{lang}.txt", RULES, "--story", "dam"))


# --------------------------------------------------------------------------- wordings per language

FAITHFUL = {  # a part of the language's own wording, with the number as the other way of writing it
    "en": ['Halim said "we have opened 4 spillways" at the dam.',
           '"The water is still rising," Halim said at the dam.'],
    "id": ['Halim mengatakan "kami sudah membuka 4 pintu air" di bendungan itu.',
           '\u201cAir masih terus naik,\u201d kata Halim di bendungan.'],
    "fr": ['Halim a d\u00e9clar\u00e9 : \u00ab nous avons ouvert 4 vannes \u00bb au barrage.',
           '\u00ab L\u2019eau continue de monter \u00bb, a ajout\u00e9 Halim au barrage.'],
    "zh": ['\u54c8\u5229\u59c6\u8bf4\uff1a\u201c\u6211\u4eec\u5df2\u7ecf\u6253\u5f00\u4e864\u4e2a\u6cc4\u6d2a\u95f8\u201d\u3002',
           '\u54c8\u5229\u59c6\u8bf4\uff1a\u201c\u6c34\u4f4d\u4ecd\u5728\u4e0a\u6da8\u201d\uff0c\u6cc4\u6d2a\u95f8\u5df2\u6253\u5f00\u3002'],
    "ja": ['\u30cf\u30ea\u30e0\u6c0f\u306f\u300c4\u3064\u306e\u653e\u6c34\u9580\u3092\u958b\u3051\u305f\u300d\u3068\u8ff0\u3079\u305f\u3002',
           '\u30cf\u30ea\u30e0\u6c0f\u306f\u653e\u6c34\u9580\u306b\u3064\u3044\u3066\u300c\u6c34\u4f4d\u306f\u307e\u3060\u4e0a\u304c\u3063\u3066\u3044\u308b\u300d\u3068\u8ff0\u3079\u305f\u3002'],
    "ar": ['\u0642\u0627\u0644 \u062d\u0644\u064a\u0645: "\u0641\u062a\u062d\u0646\u0627 4 \u0645\u062e\u0627\u0631\u062c \u0644\u0644\u0645\u064a\u0627\u0647".',
           '\u0642\u0627\u0644 \u062d\u0644\u064a\u0645: \u00ab\u0641\u062a\u062d\u0646\u0627 \u0664 \u0645\u062e\u0627\u0631\u062c \u0644\u0644\u0645\u064a\u0627\u0647\u00bb.'],
}


@pytest.mark.parametrize("lang", sorted(FAITHFUL))
def test_a_faithful_part_of_the_languages_wording_passes_with_digits_for_number_words(lint, lang):
    assert check(lint, lang, *FAITHFUL[lang]) == []


CHANGED = {  # the number changed: the quotation shares the wording's other words, so it is about it
    "en": ('Halim said "we have opened five spillways" at the dam.', 13),
    "id": ('Halim mengatakan "kami sudah membuka lima pintu air" di bendungan itu.', 19),
    "fr": ('Halim a d\u00e9clar\u00e9 : \u00ab nous avons ouvert 5 vannes \u00bb au barrage.', 21),
    "zh": ('\u54c8\u5229\u59c6\u8bf4\uff1a\u201c\u6211\u4eec\u5df2\u7ecf\u6253\u5f00\u4e86\u4e94\u4e2a\u6cc4\u6d2a\u95f8\u201d\u3002', 7),
    "ja": ('\u30cf\u30ea\u30e0\u6c0f\u306f\u300c\u4e94\u3064\u306e\u653e\u6c34\u9580\u3092\u958b\u3051\u305f\u300d\u3068\u8ff0\u3079\u305f\u3002', 7),
    "ar": ('\u0642\u0627\u0644 \u062d\u0644\u064a\u0645: "\u0641\u062a\u062d\u0646\u0627 \u062e\u0645\u0633\u0629 \u0645\u062e\u0627\u0631\u062c \u0644\u0644\u0645\u064a\u0627\u0647".', 12),
}


@pytest.mark.parametrize("lang", sorted(CHANGED))
def test_a_changed_number_is_an_error_at_the_quoted_words(lint, lang):
    line, column = CHANGED[lang]
    assert check(lint, lang, line) == [(4, column, "error", "dam/spillways")]


OTHER_WORDS = {  # the speaker's other words, in a sentence about the spillways: no claim about the utterance
    "en": ['Halim said "we are proud of our volunteers" as the spillways stayed open.',
           'Halim said "we are proud of our volunteers", and the spillways stayed open.',
           'Halim said "in four hours we will know more" as the spillways stayed open.'],  # a number alone
    "id": ['Halim mengatakan "kami bangga pada para relawan" saat pintu air tetap terbuka.'],
    "fr": ['Halim a d\u00e9clar\u00e9 \u00ab nous sommes fiers de nos b\u00e9n\u00e9voles \u00bb alors que les vannes restaient ouvertes.'],
    "zh": ['\u54c8\u5229\u59c6\u8bf4\uff1a\u201c\u6211\u4eec\u4e3a\u5fd7\u613f\u8005\u611f\u5230\u9a84\u50b2\u201d\uff0c\u6cc4\u6d2a\u95f8\u4ecd\u7136\u5f00\u7740\u3002'],
    "ja": ['\u30cf\u30ea\u30e0\u6c0f\u306f\u300c\u30dc\u30e9\u30f3\u30c6\u30a3\u30a2\u306e\u7686\u3055\u3093\u3092\u8a87\u308a\u306b\u601d\u3046\u300d\u3068\u8ff0\u3079\u3001\u653e\u6c34\u9580\u306f\u958b\u3044\u305f\u307e\u307e\u3060\u3002'],
    "ar": ['\u0642\u0627\u0644 \u062d\u0644\u064a\u0645: "\u0646\u062d\u0646 \u0641\u062e\u0648\u0631\u0648\u0646 \u0628\u0627\u0644\u0645\u062a\u0637\u0648\u0639\u064a\u0646" \u0628\u064a\u0646\u0645\u0627 \u0628\u0642\u064a\u062a \u0627\u0644\u0645\u062e\u0627\u0631\u062c \u0645\u0641\u062a\u0648\u062d\u0629.'],
}


@pytest.mark.parametrize("lang", sorted(OTHER_WORDS))
def test_another_quotation_of_the_speaker_that_shares_nothing_is_not_a_claim(lint, lang):
    assert check(lint, lang, *OTHER_WORDS[lang]) == []


def test_a_paraphrase_in_the_wordings_slot_is_an_error(lint):
    """Nothing shared, but the words after it continue the wording: 'opened "..." and the water is
    still rising'. One matching word beside it is not a slot."""
    assert check(lint, "en", 'Halim said they had opened "several floodgates" and the water is still rising at the dam.',
                 'Halim said the spillways "were a success".') == [(4, 29, "error", "dam/spillways")]


def test_a_quotation_where_the_source_quotes_the_speaker_is_about_those_words(lint):
    """The words on record are a fragment; the source's quote says where they stood: a quotation
    followed by the same words stands there. Another clause is not that place."""
    assert check(lint, "en", 'Halim said the reservoir was "almost at capacity" after the storm.',
                 'Halim said "we will inspect the dam", after the storm, at the reservoir.',
                 'Halim said the reservoir was "nearly full".') == [(4, 31, "error", "dam/reservoir")]


def test_a_paraphrase_sharing_most_words_is_an_error(lint):
    assert check(lint, "en", 'He said "the water is rising" at the dam.') == [(4, 10, "error", "dam/spillways")]


def test_a_quotation_by_someone_else_is_not_checked(lint):
    assert check(lint, "en", 'Dubois said "we have opened five spillways" at the dam.') == []


def test_without_a_wording_in_the_language_a_quotation_is_at_most_info(lint):
    """The levee's words are on record in English only: a French or Chinese quotation about them
    (it shares the number) cannot be compared and is an info; the English words themselves pass."""
    assert check(lint, "fr", "Halim a assur\u00e9 que la digue tiendrait \u00ab 3 jours au plus \u00bb.",
                 "Halim a assur\u00e9 que la digue tiendrait \u00ab the levee will hold for three days \u00bb.",
                 "Halim a dit \u00ab nous verrons demain \u00bb \u00e0 propos de la digue.") == [(4, 41, "info", "dam/levee")]
    assert check(lint, "zh", "\u54c8\u5229\u59c6\u8868\u793a\uff0c\u5824\u575d\u201c\u6700\u591a\u80fd\u6491\u4e09\u5929\u201d\u3002") == [
        (4, 10, "info", "dam/levee")]
    assert check(lint, "en", 'Halim said the levee "will hold for four days at most".') == [(4, 23, "error", "dam/levee")]


def test_a_plain_string_is_a_wording_in_every_language(lint):
    """The old form: ``said`` strings and ``accepted`` count for every language, as before."""
    assert check(lint, "id", 'Halim mengatakan "jam malam dimulai pukul 9 malam ini".') == []
    assert check(lint, "id", 'Halim mengatakan "jam malam dimulai pukul sepuluh malam ini".') == [(4, 19, "error", "dam/curfew")]
    assert check(lint, "fr", "Halim a dit que \u00ab le couvre-feu commence \u00e0 21 heures \u00bb (curfew).") == []  # shares nothing


def test_a_partial_quotation_with_an_ellipsis_or_an_insertion_passes(lint):
    assert check(lint, "en", 'Halim said "we have opened [the] four spillways ... still rising" at the dam.') == []
    assert check(lint, "en", 'Halim said "we have opened four ... and the water is rising" at the dam.') == [
        (4, 13, "error", "dam/spillways")]


# --------------------------------------------------------------------------- quotation marks

MIXED = {  # quotation marks as real pages mix them: one quotation each, faithful, then with a changed number
    "fr": ("\u00ab Nous avons ouvert quatre vannes \u201d, a dit Halim au barrage.", 3),
    "en": ('"We have opened four spillways \u00bb, Halim said at the dam.', 2),
    "id": ("Halim mengatakan \u201ekami sudah membuka empat pintu air\u201c di bendungan.", 19),
    "ar": ('\u0642\u0627\u0644 \u062d\u0644\u064a\u0645: \u00ab\u0641\u062a\u062d\u0646\u0627 \u0623\u0631\u0628\u0639\u0629 \u0645\u062e\u0627\u0631\u062c \u0644\u0644\u0645\u064a\u0627\u0647".', 12),
}


@pytest.mark.parametrize("lang", sorted(MIXED))
def test_mixed_quotation_marks_are_one_quotation(lint, lang):
    line, column = MIXED[lang]
    assert check(lint, lang, line) == []
    changed = line.replace("four", "five").replace("quatre", "cinq").replace("empat", "lima").replace(
        "\u0623\u0631\u0628\u0639\u0629", "\u062e\u0645\u0633\u0629")
    assert check(lint, lang, changed) == [(4, column, "error", "dam/spillways")]


def test_curly_opening_and_straight_closing_mark_is_one_quotation(lint):
    assert check(lint, "en", '\u201cWe have opened five spillways", Halim said at the dam.') == [(4, 2, "error", "dam/spillways")]


def test_nested_quotations_stay_inside_the_outer_one(lint):
    fr = "\u00ab Nous avons ouvert quatre vannes, \u201c et l\u2019eau continue de monter \u201d \u00bb, a dit Halim au barrage."
    assert check(lint, "fr", fr) == []
    assert check(lint, "fr", fr.replace("quatre", "six")) == [(4, 3, "error", "dam/spillways")]
    ja = "\u30cf\u30ea\u30e0\u6c0f\u306f\u300c\u56db\u3064\u306e\u300e\u653e\u6c34\u9580\u300f\u3092\u958b\u3051\u305f\u300d\u3068\u8ff0\u3079\u305f\u3002"
    assert check(lint, "ja", ja) == []
    assert check(lint, "ja", ja.replace("\u56db", "\u4e94")) == [(4, 7, "error", "dam/spillways")]


@pytest.mark.parametrize("text, quotations", [
    ("\u00ab a \u201d b", ["\u00ab a \u201d"]),
    ('"a \u00bb b', ['"a \u00bb']),
    ("\u201ea\u201c b \u201ec\u201d", ["\u201ea\u201c", "\u201ec\u201d"]),
    ('\u201ca" b', ['\u201ca"']),
    ("\u300ca\u300eb\u300fc\u300d d \u300ee\u300f", ["\u300ca\u300eb\u300fc\u300d", "\u300ee\u300f"]),
    ("\u00ab Il a dit \u201c non \u201d hier \u00bb et \u00ab oui \u00bb.", ["\u00ab Il a dit \u201c non \u201d hier \u00bb", "\u00ab oui \u00bb"]),
    ('\u00ab Il a dit " non " hier \u00bb', ['\u00ab Il a dit " non " hier \u00bb']),  # its own closing mark follows
    ('"He said "no" today," she said.', ['"He said "no" today,"']),
    ('\u201c"}], "x": 1 \u201d', ['\u201c"}], "x": 1 \u201d']),  # an unclosed " inside does not take the \u201d
    ("\u00ab a \u201d \u2026 \u00ab b \u00bb", ["\u00ab b \u00bb"]),  # the first would take the second's own mark: left alone
    ('"a" and "b"', ['"a"', '"b"']),
])
def test_quotation_pairs(text, quotations):
    article = read_article("a.txt", {"en": Language("en")}, "en", raw=text.encode())
    assert [text[q.start:q.end] for q in article.quotations] == quotations


def test_explain_shows_one_wording_per_utterance(tmp_path):
    from conftest import run

    rules = tmp_path / "dam.yaml"
    rules.write_text(RULES, encoding="utf-8")
    r = run("explain", "--rules", str(rules), "dam/spillways")
    assert r.code == 0, r.err
    assert 'expected: Rina Halim said: "we have opened four spillways and the water is still rising"' in r.out
    r = run("explain", "--rules", str(rules), "dam/curfew")
    assert 'expected: Rina Halim said: "the curfew starts at nine tonight"' in r.out

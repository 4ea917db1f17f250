"""Names written once in a rule match the ways articles write them (issue 18, part 5): without or
with diacritics, with the Turkish dotted and dotless i, with invisible characters inside, with the
family name in capitals, with the syllables of a romanised given name hyphened, spaced or joined.
Positions stay those of the article's own characters. A story of our own: Turkey's foreign
minister receives visitors after a flood in Düzce."""
from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import where
from checker.language import Terms, fold, folding
from checker.mentions.names import find_entities, variants
from checker.model import Span

RULES = """\
entities:
  cavusoglu: {type: person, name: Mevlüt Çavuşoğlu, aliases: [Çavuşoğlu, 恰武什奥卢, チャヴシュオール, جاويش أوغلو]}
  kishida:
    type: person
    name: Fumio Kishida
    aliases: [Kishida, 岸田文雄, 岸田, كيشيدا]
    titles: [Prime Minister, Premier ministre, Perdana Menteri]
  lee: {type: person, name: Lee Jong-sup, titles: [Defense Minister, ministre de la Défense, Menteri Pertahanan]}
  yoon: {type: person, name: Yoon Suk Yeol, aliases: [尹锡悦], titles: [President]}
  le: {type: person, name: Lê Minh Khái, aliases: [Lê]}
  suga: {type: person, name: Yoshihide Suga, aliases: [菅義偉]}
  duzce: {type: place, name: Düzce, aliases: [迪兹杰, دوزجه]}
  maras: {type: place, name: Kahramanmaraş}
  hatay: {type: place, name: Hatay}
  istanbul: {type: place, name: İstanbul}
  sao-paulo: {type: place, name: Sao Paulo}
  hue: {type: place, name: Hue}
facts:
  - id: visitors
    kind: participants
    message: in Düzce Çavuşoğlu met Fumio Kishida, Lee Jong-sup and Yoon Suk Yeol
    subject: cavusoglu
    participants: [{entity: kishida}, {entity: lee}, {entity: yoon}]
    sources: [Anadolu wire]
    applies: {any: [met, rencontré, bertemu, 会见, 会談, التقى]}
  - id: provinces
    kind: set
    message: after the flood Çavuşoğlu visited Kahramanmaraş, Hatay and Düzce
    members: [maras, hatay, duzce]
    sources: [Anadolu wire]
    applies: {any: [visited, visité, mengunjungi]}
  - id: lee-title
    kind: title
    entity: lee
    message: Lee Jong-sup is defense minister
    sources: [Anadolu wire]
  - id: hospital
    kind: name
    message: the injured were taken to Düzce Atatürk State Hospital
    canonical: Düzce Atatürk State Hospital
    keywords: [Atatürk]
    sources: [Anadolu wire]
"""
STRANGER = "visitors article has Mevlüt Çavuşoğlu meet {}"


def findings(lint, text: str, lang: str) -> list[tuple[int, int, str, str]]:
    return where(lint(text, "a.txt", RULES, "--lang", lang))


def strangers(lint, text: str, lang: str) -> list[tuple[int, int, str]]:
    """(line, column, who) of each person the article has Çavuşoğlu meet who was not there."""
    r = lint(text, "a.txt", RULES, "--lang", lang)
    out = []
    for line, (ln, col, _, rule) in zip(r.findings, where(r)):
        assert rule == "visitors", line
        who = line.split("meet ", 1)[1].split(";", 1)[0]
        out.append((ln, col, who))
    return out


# --------------------------------------------------------------------------- diacritics, both ways

@pytest.mark.parametrize("lang, text, column", [
    # the rule writes "Mevlüt Çavuşoğlu", "Düzce"; the article drops the marks
    ("en", "Cavusoglu met Yoshihide Suga in Duzce on Monday.\n", 15),
    ("en", "Mevlut Cavusoglu met Yoshihide Suga.\n", 22),
    ("fr", "À Duzce, Cavusoglu a rencontré Yoshihide Suga.\n", 32),
    ("id", "Di Duzce, Cavusoglu bertemu Yoshihide Suga.\n", 29),
    # the Turkish capital dotted I and small dotless i, and capitals with marks
    ("en", "Mevlüt ÇAVUŞOĞLU met Yoshihide Suga in Istanbul.\n", 22),
    ("en", "Çavuşoğlu met Yoshihide Suga.\n", 15),
])
def test_a_name_matches_without_its_diacritics_and_the_span_is_the_articles(lint, lang, text, column):
    # Çavuşoğlu must be recognised (only sentences naming the subject are read), and Suga is not
    # among those he met: the finding stands at the article's own "Yoshihide".
    assert strangers(lint, text, lang) == [(1, column, "Yoshihide Suga")]


def test_the_rule_without_diacritics_finds_the_article_with_them(lint):
    text = "Çavuşoğlu met Yoshihide Suga. Suga flew in from São Paulo, then Huế.\n"
    r = lint(text, "a.txt", RULES, "--lang", "en")
    assert where(r) == [(1, 15, "error", "visitors")]
    spans = entities(text, ("Sao Paulo", "sao-paulo"), ("Hue", "hue"))
    assert spans == [("sao-paulo", 48, 57), ("hue", 64, 67)]
    assert text[48:57] == "São Paulo" and text[64:67] == "Huế"


def test_the_turkish_dotted_and_dotless_i_are_i():
    text = "İstanbul, Istanbul, ISTANBUL and Istanbul's mayor; not istanbul."
    assert entities(text, ("İstanbul", "istanbul")) == [("istanbul", 0, 8), ("istanbul", 10, 18), ("istanbul", 33, 41)]
    assert entities("Kırıkkale and Kirikkale.", ("Kırıkkale", "k")) == [("k", 0, 9), ("k", 14, 23)]


def test_a_set_member_written_without_diacritics_is_that_member(lint):
    assert findings(lint, "He visited Kahramanmaras, Hatay and Duzce.\n", "en") == []
    assert findings(lint, "Il a visité Kahramanmaras, Hatay et Düzce.\n", "fr") == []
    assert findings(lint, "Ia mengunjungi Kahramanmaras, Hatay dan Duzce.\n", "id") == []
    # still a set: one left out is a finding at the list, which starts at "Kahramanmaras"
    assert findings(lint, "He visited Kahramanmaras and Duzce.\n", "en") == [(1, 12, "error", "provinces")]
    assert findings(lint, "Ia mengunjungi Kahramanmaraş dan Düzce.\n", "id") == [(1, 16, "error", "provinces")]


# --------------------------------------------------------------------------- invisible characters

def test_a_soft_hyphen_or_zero_width_space_inside_a_name_hides_nothing(lint):
    # "Çavuş\u00adoğlu" is ten characters; the finding's column counts them all
    assert strangers(lint, "Çavuş\u00adoğlu met Yoshihide Suga.\n", "en") == [(1, 16, "Yoshihide Suga")]
    assert strangers(lint, "Cavusoglu met Yoshi\u200bhide Su\u00adga.\n", "en") == [(1, 15, "Yoshihide Suga")]
    # and the span is the raw characters, the invisible ones inside included
    text = "Flood in Düz\u200bce and Ha\u00adtay."
    assert entities(text, ("Düzce", "duzce"), ("Hatay", "hatay")) == [("duzce", 9, 15), ("hatay", 20, 26)]


def test_combining_marks_of_decomposed_text_belong_to_the_name():
    text = "In Sa\u0303o Paulo and Hue\u0302\u0301, Du\u0308zce."  # NFD: base letters, then their marks
    found = entities(text, ("São Paulo", "sao-paulo"), ("Hue", "hue"), ("Düzce", "duzce"))
    assert found == [("sao-paulo", 3, 13), ("hue", 18, 23), ("duzce", 25, 31)]
    assert text[18:23] == "Hue\u0302\u0301"


def test_fullwidth_latin_in_japanese_text_is_the_name():
    text = "チャヴシュオール外相はＤüｚｃｅで会談した。"
    assert entities(text, ("Düzce", "duzce")) == [("duzce", 11, 16)]


# --------------------------------------------------------------------------- family name in capitals

@pytest.mark.parametrize("lang, text, column, who", [
    ("en", "Cavusoglu met SUGA Yoshihide in Duzce.\n", 15, "Yoshihide Suga"),
    ("en", "Cavusoglu met Yoshihide SUGA in Duzce.\n", 15, "Yoshihide Suga"),
    ("fr", "Mevlüt ÇAVUŞOĞLU a rencontré SUGA Yoshihide à Düzce.\n", 30, "Yoshihide Suga"),
    ("id", "Cavusoglu bertemu SUGA Yoshihide di Duzce.\n", 19, "Yoshihide Suga"),
    ("fr", "ÇAVUŞOĞLU Mevlüt a rencontré LÊ Minh Khái.\n", 30, "Lê Minh Khái"),
])
def test_a_family_name_in_capitals_before_or_after_the_given_name(lint, lang, text, column, who):
    assert strangers(lint, text, lang) == [(1, column, who)]


def test_participants_in_capitals_pass():
    text = "Cavusoglu met KISHIDA Fumio, LEE Jong-sup and YOON Suk Yeol in Duzce."
    found = entities(text, *NAMES)
    assert [(e, s) for e, s, _ in found] == [("cavusoglu", 0), ("kishida", 14), ("lee", 29), ("yoon", 46), ("duzce", 63)]


def test_participants_in_capitals_are_no_finding(lint):
    assert findings(lint, "Cavusoglu met KISHIDA Fumio, LEE Jong-sup and YOON Suk Yeol in Duzce.\n", "en") == []
    assert findings(lint, "Cavusoglu a rencontré KISHIDA Fumio à Düzce.\n", "fr") == []


# --------------------------------------------------------------------------- romanised syllables

@pytest.mark.parametrize("written", ["Lee Jong-sup", "Lee Jong Sup", "Lee Jong-Sup", "Lee Jongsup", "LEE Jong-sup"])
def test_a_korean_given_name_hyphened_spaced_or_joined_is_the_person(lint, written):
    # The title check reads the person: a wrong title before any of the forms is a finding at it.
    r = lint(f"Foreign Minister {written} flew to Düzce.\n", "a.txt", RULES, "--lang", "en")
    assert where(r) == [(1, 1, "error", "lee-title")]
    assert lint(f"Çavuşoğlu met Defense Minister {written}.\n", "a.txt", RULES, "--lang", "en").findings == []
    r = lint(f"Çavuşoğlu met Foreign Minister {written}.\n", "a.txt", RULES, "--lang", "en")
    assert where(r) == [(1, 15, "error", "lee-title"), (1, 15, "error", "visitors")]


@pytest.mark.parametrize("written", ["Yoon Suk Yeol", "Yoon Suk-yeol", "Yoon Sukyeol", "YOON Suk-yeol"])
def test_a_name_written_in_three_syllables_also_matches_hyphened_and_joined(written):
    assert entities(f"Cavusoglu met {written}.", *NAMES)[1] == ("yoon", 14, 14 + len(written))


def test_variants_are_only_those_outlets_write():
    assert variants("Lee Jong-sup") == ("Lee Jong-sup", "Lee Jong Sup", "Lee Jong-Sup", "Lee Jongsup", "LEE Jong-sup",
                                        "LEE Jong Sup", "LEE Jong-Sup", "LEE Jongsup")
    assert "Jean Pierre Raffarin" not in variants("Jean-Pierre Raffarin")  # a hyphen before a capital: no syllables
    assert "Kim Jong UN" not in variants("Kim Jong-un")  # family-first: the given name is never the capitals
    assert variants("Kishida") == ("Kishida",)  # one word: no capitals ("LE" in a French headline)
    assert variants("NATO") == ("NATO",)


# --------------------------------------------------------------------------- precision

def test_lee_is_not_le_and_le_is_not_le_with_a_circumflex(lint):
    assert strangers(lint, "Cavusoglu met Le Minh Khai.\n", "en") == [(1, 15, "Lê Minh Khái")]
    assert strangers(lint, "Cavusoglu met Lee Minh Khai.\n", "en") == []
    assert strangers(lint, "Cavusoglu met Lê.\n", "en") == [(1, 15, "Lê Minh Khái")]
    # the French article "Le", and "LE" in capitals, are not the one-word alias "Lê": a short name
    # matches only as written
    assert strangers(lint, "Le ministre Cavusoglu a rencontré Fumio Kishida.\n", "fr") == []
    assert strangers(lint, "LE MINISTRE Cavusoglu a rencontré Fumio Kishida.\n", "fr") == []
    assert entities("Le ministre et Lee.", ("Lê", "le"), ("Lee", "lee")) == [("lee", 15, 18)]


def test_two_entities_whose_names_fold_alike_keep_apart():
    names = (("Lê Văn Thành", "a"), ("Le Van Thanh", "b"))
    assert entities("Lê Văn Thành met Le Van Thanh.", *names) == [("a", 0, 12), ("b", 17, 29)]
    assert entities("Lé Van Thành spoke.", *names) == []  # neither as written: it could be either


def test_lower_case_and_neighbouring_letters_still_part_names():
    assert entities("duzce, Duzcea, Düzce-based, Yoshihide Sugawara.", ("Düzce", "duzce"),
                    ("Yoshihide Suga", "suga")) == []


# --------------------------------------------------------------------------- native scripts

def test_chinese_japanese_and_arabic_articles_keep_latin_names_or_use_aliases(lint):
    assert strangers(lint, "Cavusoglu在Duzce会见了SUGA Yoshihide。\n", "zh") == [(1, 19, "Yoshihide Suga")]
    assert strangers(lint, "恰武什奥卢在迪兹杰会见了菅义伟。\n", "zh") == [(1, 13, "Yoshihide Suga")]
    assert strangers(lint, "チャヴシュオール外相はＳＵＧＡ　Ｙｏｓｈｉｈｉｄｅ氏と会談した。\n", "ja") == [(1, 12, "Yoshihide Suga")]
    assert findings(lint, "チャヴシュオール外相は岸田文雄首相と会談した。\n", "ja") == []
    # an Arabic right-to-left mark inside the alias: still the alias, and the column counts it
    assert findings(lint, "التقى جاويش\u200f أوغلو كيشيدا في دوزجه.\n", "ar") == []
    assert strangers(lint, "التقى جاويش\u200f أوغلو بـSUGA Yoshihide.\n", "ar") == [(1, 22, "Yoshihide Suga")]


# --------------------------------------------------------------------------- kind name

def test_a_name_differing_only_in_diacritics_is_no_finding_and_a_misspelling_is(lint):
    for text in ("They were taken to Duzce Ataturk State Hospital.\n",
                 "They were taken to Düzce Atatürk State Hospital.\n",
                 "They were taken to Duzce Ata\u00adturk State Hospital.\n",
                 "They were taken to DÜZCE Atatürk State Hospital.\n"):
        assert findings(lint, text, "en") == [], text
    r = lint("They were taken to Duzce Ataturk State Hopsital.\n", "a.txt", RULES, "--lang", "en")
    assert where(r) == [(1, 20, "error", "hospital")]
    assert '"Duzce Ataturk State Hopsital"' in r.findings[0]
    r = lint("Les blessés ont été conduits au Düzce Atatürk Stat Hospital.\n", "a.txt", RULES, "--lang", "fr")
    assert where(r) == [(1, 33, "error", "hospital")]


# --------------------------------------------------------------------------- helpers

NAMES = (("Mevlüt Çavuşoğlu", "cavusoglu"), ("Çavuşoğlu", "cavusoglu"), ("Fumio Kishida", "kishida"),
         ("Lee Jong-sup", "lee"), ("Yoon Suk Yeol", "yoon"), ("Düzce", "duzce"))


def entities(text: str, *names: tuple[str, str]) -> list[tuple[str, int, int]]:
    found = find_entities(text, Span(0, len(text)), tuple(names), dict(names))
    return [(e.entity, e.span.start, e.span.end) for e in found]


def test_fold_keeps_offsets_or_maps_them_back():
    assert fold("İstanbul ısı Kahramanmaraş Đà Nẵng Élysée Hué Łódź ＮＡＴＯ") == \
        "Istanbul isi Kahramanmaras Da Nang Elysee Hue Lodz NATO"
    assert fold("Straße Œuvre") == "Straße Œuvre"  # more than a mark on a letter: kept
    f = folding("a\u00adb\u200b\u200bc")
    assert f.text == "abc"
    assert [f.to_raw(i) for i in range(3)] == [0, 2, 5]
    assert [f.to_fold(i) for i in range(6)] == [0, 1, 1, 2, 2, 2]
    plain = "Nothing to fold here."
    assert folding(plain).text is plain


# --------------------------------------------------------------------------- offsets, at random

@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["D", "ü", "u", "z", "c", "e", "\u0308", "\u00ad", "\u200b", " ", "-", "Düzce",
                                 "Duzce", "İ", "ı", "Hué", "x"]), max_size=30))
def test_every_match_is_the_fold_of_the_article_s_own_characters(pieces):
    """What a folded search finds, mapped back, folds to a name; and it finds what a search of the
    fold finds, in the same order: the offsets are the text's, nothing gained or lost."""
    text = "".join(pieces)
    terms = Terms(("Düzce", "Hue"), lambda n: regex.escape(n), folds=True)
    found = [m.span() for m in terms.finditer(text)]
    assert [fold(text[s:e]) for s, e in found] == [m.group() for m in regex.finditer(
        r"(?<![\p{Latin}\p{N}\p{M}_])(?:Duzce|Hue)(?![\p{Latin}\p{N}\p{M}_])", fold(text))]
    for s, e in found:
        assert text[s] not in "\u00ad\u200b\u0308" and text[e - 1] not in "\u00ad\u200b"

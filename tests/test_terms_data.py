"""The shared multilingual lexicon of trigger words (checker/data/terms.yaml): its structure.

`factlint draft` looks a drafted fact's trigger word up in this file and adds the concept's
forms in the other five languages to the fact's `applies`. Every form therefore ends up in a
rule, where it is matched case-insensitively as a whole word (en, id, fr), as a substring (zh,
ja), or as a whole word with a glued one-letter prefix (ar); a trailing `*` matches any ending.
These tests keep the data fit for that: complete, unambiguous within a language, and free of
forms too short or too broad to be trusted."""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

TERMS = Path(__file__).resolve().parents[1] / "checker" / "data" / "terms.yaml"
LANGS = ("en", "id", "fr", "zh", "ja", "ar")
LATIN = ("en", "id", "fr")
CJK = ("zh", "ja")
ACRONYM = re.compile(r"^[A-Z]{2,}s?$")  # "UU", "SAR", "MPs"
KEY = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def load() -> dict:
    with TERMS.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


DATA = load()
CONCEPTS: dict[str, dict[str, list]] = DATA["concepts"]
SHARED: dict[str, dict[str, list[str]]] = DATA.get("shared") or {}


def forms(lang: str):
    """(concept, form) for every form of ``lang``."""
    for concept, by_lang in CONCEPTS.items():
        for form in by_lang.get(lang) or []:
            yield concept, form


def every_form():
    for lang in LANGS:
        for concept, form in forms(lang):
            yield lang, concept, form


def pattern(form: str) -> re.Pattern[str]:
    """The form as the checker matches it (checker/rules.py `_terms_pattern`), anchored."""
    body = re.escape(form.rstrip("*")).replace(r"\ ", r"\s+") + (r"\w*" if form.endswith("*") else "")
    return re.compile(rf"(?:{body})", re.IGNORECASE)


def literal(form: str) -> str:
    """A text the form matches: the form itself without its star."""
    return form.rstrip("*")


def covers(a: str, b: str) -> bool:
    """Whether form ``a`` matches all of the text ``b`` is written as (``b``'s stem, for a star form)."""
    return bool(pattern(a).fullmatch(literal(b)))


# ---------------------------------------------------------------- the file


def test_yaml_loads_with_safe_load_and_has_concepts():
    data = load()
    assert isinstance(data, dict) and set(data) <= {"concepts", "shared"}
    assert isinstance(data["concepts"], dict) and len(data["concepts"]) >= 150


def test_header_documents_use_matching_and_extension():
    head = TERMS.read_text(encoding="utf-8").split("\nconcepts:", 1)[0]
    for needed in ("factlint draft", "applies", "*", "Simplified", "ال", "To extend", "shared"):
        assert needed in head, needed


def test_concept_keys_are_kebab_case():
    assert [k for k in CONCEPTS if not KEY.match(k)] == []


# ---------------------------------------------------------------- completeness and shape


def test_every_concept_has_all_six_languages_and_nothing_else():
    bad = {c: sorted(set(LANGS) ^ set(by_lang)) for c, by_lang in CONCEPTS.items() if set(by_lang) != set(LANGS)}
    assert bad == {}


def test_every_language_has_at_least_one_form_and_forms_are_strings():
    for concept, by_lang in CONCEPTS.items():
        for lang in LANGS:
            value = by_lang[lang]
            assert isinstance(value, list) and value, (concept, lang)
            for form in value:
                # a bare YAML `on`/`no`/`null` would load as a bool or None
                assert isinstance(form, str), (concept, lang, form)


def test_no_empty_or_padded_form():
    bad = [(lang, c, f) for lang, c, f in every_form() if not f.strip() or f != f.strip() or "  " in f]
    assert bad == []


def test_no_short_latin_form_unless_an_acronym():
    bad = [(lang, c, f) for lang in LATIN for c, f in forms(lang) if len(literal(f)) < 3 and not ACRONYM.match(f)]
    assert bad == []


def test_no_single_character_chinese_or_japanese_form():
    # matched as substrings: a single character (死, 港, 橋) is inside too many unrelated words
    bad = [(lang, c, f) for lang in CJK for c, f in forms(lang) if len(literal(f)) < 2]
    assert bad == []


def test_star_only_at_the_end_after_at_least_four_letters():
    bad = []
    for lang, concept, form in every_form():
        if "*" not in form:
            continue
        stem = form[:-1]
        letters = sum(ch.isalpha() for ch in stem)
        if not form.endswith("*") or "*" in stem or letters < 4 or not stem[-1:].isalpha():
            bad.append((lang, concept, form))
    assert bad == []


def test_each_language_is_written_in_its_own_script():
    def script(ch: str) -> str:
        name = unicodedata.name(ch, "")
        if name.startswith("CJK") or name.startswith(("HIRAGANA", "KATAKANA")):
            return "cjk"
        return name.split(" ")[0]

    allowed_punct = set(" -'’*")
    bad = []
    for lang, concept, form in every_form():
        for ch in form:
            if ch in allowed_punct:
                continue
            s = script(ch)
            ok = {"en": s == "LATIN", "id": s == "LATIN", "fr": s == "LATIN",
                  "zh": s == "cjk" or (s == "LATIN" and ch.isupper()),
                  "ja": s in ("cjk",) or (s == "LATIN" and ch.isupper()),
                  "ar": s == "ARABIC"}[lang]
            if not ok:
                bad.append((lang, concept, form, ch))
                break
    assert bad == []


def test_no_arabic_diacritics_or_tatweel():
    # news copy is unvocalised, and the checker does not strip harakat: a vocalised form never matches
    bad = [(c, f) for c, f in forms("ar") if any("\u064b" <= ch <= "\u0652" or ch == "\u0640" for ch in f)]
    assert bad == []


def test_no_duplicate_form_within_one_concept_and_language():
    bad = []
    for concept, by_lang in CONCEPTS.items():
        for lang, value in by_lang.items():
            seen = [f.casefold() for f in value]
            bad += [(concept, lang, f) for f in set(seen) if seen.count(f) > 1]
    assert bad == []


# ---------------------------------------------------------------- one meaning per form


def duplicates(lang: str) -> dict[str, set[str]]:
    where: dict[str, set[str]] = defaultdict(set)
    for concept, form in forms(lang):
        where[form.casefold()].add(concept)
    return {f: cs for f, cs in where.items() if len(cs) > 1}


def shared(lang: str) -> dict[str, set[str]]:
    return {f.casefold(): set(cs) for f, cs in (SHARED.get(lang) or {}).items()}


@pytest.mark.parametrize("lang", LANGS)
def test_a_form_maps_to_one_concept_unless_shared(lang):
    """A duplicate form is allowed only under `shared:`, listing exactly the concepts that hold it."""
    assert duplicates(lang) == {f: cs for f, cs in shared(lang).items() if f in duplicates(lang)}
    assert {f: cs for f, cs in duplicates(lang).items() if shared(lang).get(f) != cs} == {}


def test_shared_allowances_are_real_duplicates_of_known_concepts():
    assert set(SHARED) <= set(LANGS)
    for lang, entries in SHARED.items():
        for form, concepts in entries.items():
            assert len(concepts) >= 2 and set(concepts) <= set(CONCEPTS), (lang, form)
            for c in concepts:
                assert form.casefold() in {f.casefold() for f in CONCEPTS[c][lang]}, (lang, form, c)


@pytest.mark.parametrize("lang", LATIN)
def test_a_star_form_does_not_swallow_another_concepts_form(lang):
    """"strike*" under one concept would also fire on "strikers" listed under another."""
    items = list(forms(lang))
    bad = []
    for (ca, a), (cb, b) in itertools.permutations(items, 2):
        if ca != cb and a.endswith("*") and covers(a, b) and a.casefold() != b.casefold():
            if cb not in shared(lang).get(a.casefold(), set()):
                bad.append((a, ca, b, cb))
    assert bad == []


def test_latin_forms_do_not_collide_across_languages():
    """Every form is searched in every version of a story: a form of one concept in one language
    must not be (or star-match) a form of another concept in another of en, id, fr."""
    items = [(lang, c, f) for lang in LATIN for c, f in forms(lang)]
    bad = []
    for (la, ca, a), (lb, cb, b) in itertools.permutations(items, 2):
        if la != lb and ca != cb and covers(a, b):
            bad.append((la, a, ca, lb, b, cb))
    assert bad == []


def test_chinese_and_japanese_forms_written_alike_mean_the_same():
    """A Japanese word written with the same characters as a Chinese one (協議: talks in Japanese,
    an agreement in Traditional Chinese) fires in both versions: it must belong to one concept."""
    zh = defaultdict(set)
    for c, f in forms("zh"):
        zh[f].add(c)
    bad = [(f, c, sorted(zh[f])) for c, f in forms("ja") if f in zh and c not in zh[f]]
    assert bad == []


# ---------------------------------------------------------------- Chinese scripts


def test_chinese_forms_come_in_simplified_and_traditional_pairs():
    """Each zh form's OpenCC conversion (the one checker/language.py uses) is listed too."""
    opencc = pytest.importorskip("opencc")
    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    missing = []
    for concept, by_lang in CONCEPTS.items():
        listed = set(by_lang["zh"])
        for form in by_lang["zh"]:
            for other in (s2t.convert(form), t2s.convert(form)):
                if other not in listed:
                    missing.append((concept, form, other))
    assert missing == []


# ---------------------------------------------------------------- the forms, as the checker matches them


def fires(concept: str, text: str) -> bool:
    """Whether any form of ``concept`` (all six languages, as a drafted fact gets them) is found in ``text``."""
    from checker.language import with_chinese_variants
    from checker.rules import terms_pattern

    every = [f for lang in LANGS for f in CONCEPTS[concept][lang]]
    return terms_pattern(with_chinese_variants(every)).search(text) is not None


@pytest.mark.parametrize("concept, text", [
    ("kill", "At least 12 people were killed in the quake."),
    ("kill", "Sedikitnya 12 orang meninggal dunia akibat gempa."),
    ("kill", "Le séisme a fait au moins 12 morts."),
    ("kill", "地震造成至少12人死亡。"),
    ("kill", "地震で少なくとも12人が亡くなった。"),
    ("kill", "مقتل 12 شخصا على الأقل في الزلزال"),
    ("earthquake", "Gempa bumi berkekuatan 6,4 mengguncang"),
    ("earthquake", "والزلزال الذي ضرب"),           # a glued "and"
    ("election", "الدعوة للانتخابات المبكرة"),        # li- + al- written lil-
    ("evacuation", "Des milliers d'habitants ont été évacués hier."),
    ("invasion", "Russia invaded Ukraine in February 2022."),
    ("invasion", "俄羅斯入侵烏克蘭"),                # Traditional script
    ("weapons", "exporting weapons to countries in conflict"),
    ("weapons", "ne pas exporter d'armes vers des pays en conflit"),
    ("weapons", "tidak mengekspor senjata ke negara yang sedang berkonflik"),
    ("weapons", "紛争国への武器輸出"),
    ("weapons", "向冲突国家出口武器"),
    ("weapons", "عدم تصدير الأسلحة إلى الدول"),
    ("landslide", "Tanah  longsor menimbun"),       # a space matches any whitespace
])
def test_a_concept_fires_on_how_outlets_write_it(concept, text):
    assert fires(concept, text)


@pytest.mark.parametrize("concept, text", [
    ("war", "Officials warned of a warm winter in Warsaw."),
    ("invasion", "The invasion began in February."),  # "invad*" alone would miss it: "invasion*" is listed
    ("flood", "زار ستولتنبرغ سيول يوم الاثنين"),     # سيول is Seoul
    ("union", "Presiden Amerika Serikat tiba di Seoul."),
    ("meeting", "Il met en garde contre une escalade."),
    ("court", "Les prix baisseront à court terme."),
    ("import", "It is an important step, n'importe quoi."),
    ("investment", "Police opened an investigation."),
    ("fire", "Un cessez-le-feu a été signé."),
    ("port", "香港政府宣布"),
    ("labour-strike", "The striker scored twice."),
    ("debt", "صلاح الدين"),
    ("president", "la présidentielle de 2027"),
])
def test_a_concept_does_not_fire_on_look_alikes(concept, text):
    if concept == "invasion":
        assert fires(concept, text)
    else:
        assert not fires(concept, text)

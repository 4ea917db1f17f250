"""Titles in six languages from one statement of a role (issue 18): an invented story of a German
defence minister visiting Dakar, and a Senegalese foreign minister who receives her."""
from __future__ import annotations

import pytest

from conftest import run, where

RULES = """
story: dakar-visit-2025
entities:
  vollmer:
    type: person
    name: Henrike Vollmer
    aliases: [Vollmer, ヴォルマー, 福尔默, هنريكه فولمر, فولمر]
    roles: [{role: defence-minister, of: germany}]
  ndiaye:
    type: person
    name: Amara Ndiaye
    aliases: [Ndiaye, ンディアイ, 恩迪亚耶, أمارا نداي, نداي]
    roles: [{role: foreign-minister, of: senegal}, {role: prime-minister, of: senegal, former: true}]
  nato: {type: organisation, name: NATO, aliases: [OTAN, 北约, 北約, الناتو]}
facts:
  - id: vollmer-title
    kind: title
    message: Vollmer is Germany's defence minister
    entity: vollmer
    sources: [invented]
  - id: ndiaye-title
    kind: title
    message: Ndiaye is Senegal's foreign minister and a former prime minister
    entity: ndiaye
    sources: [invented]
"""

# (lang, sentence): every way real outlets write the title, all agreeing with one role
AGREE = [
    ("en", "German Defence Minister Henrike Vollmer arrived in Dakar on Monday."),
    ("en", "Germany's defence minister, Henrike Vollmer, arrived in Dakar on Monday."),
    ("en", "Henrike Vollmer, the German defence minister, arrived in Dakar on Monday."),
    ("en", "Defense Secretary Vollmer met Foreign Minister Amara Ndiaye in Dakar."),
    ("en", "Former Senegalese Prime Minister Amara Ndiaye received the delegation."),
    ("id", "Menteri Pertahanan Jerman Henrike Vollmer tiba di Dakar pada Senin."),
    ("id", "Menhan Jerman Vollmer bertemu Menteri Luar Negeri Senegal Amara Ndiaye."),
    ("id", "Henrike Vollmer, Menteri Pertahanan Jerman, tiba di Dakar pada Senin."),
    ("fr", "La ministre allemande de la Défense, Henrike Vollmer, est arrivée lundi à Dakar."),
    ("fr", "Henrike Vollmer, ministre de la Défense, est arrivée lundi à Dakar."),
    ("fr", "Elle a été reçue par le chef de la diplomatie sénégalaise Amara Ndiaye."),
    ("fr", "L'ancien Premier ministre sénégalais Amara Ndiaye a reçu la délégation."),
    ("zh", "德国国防部长福尔默周一抵达达喀尔。"),
    ("zh", "塞内加尔外长恩迪亚耶周一会见了德国防长福尔默。"),
    ("ja", "ドイツのヴォルマー国防相は月曜日、ダカールに到着した。"),
    ("ja", "セネガルのンディアイ外相がヴォルマー国防相を出迎えた。"),
    ("ar", "وصلت وزيرة الدفاع الألمانية هنريكه فولمر إلى داكار يوم الاثنين."),
    ("ar", "واستقبلها وزير الخارجية السنغالي أمارا نداي في المطار."),
    ("ar", "وقال رئيس الوزراء السنغالي السابق أمارا نداي إن الزيارة مهمة."),
]

# (lang, sentence, the title as it stands in the sentence, fact): a title the person does not hold
DRIFT = [
    ("en", "German Foreign Minister Henrike Vollmer arrived in Dakar on Monday.", "German Foreign Minister",
     "vollmer-title"),
    ("en", "Former German Defence Minister Henrike Vollmer arrived in Dakar.", "Former German Defence Minister",
     "vollmer-title"),
    ("en", "Senegalese Prime Minister Amara Ndiaye received the delegation.", "Senegalese Prime Minister",
     "ndiaye-title"),
    ("id", "Menteri Luar Negeri Jerman Henrike Vollmer tiba di Dakar pada Senin.", "Menteri Luar Negeri Jerman",
     "vollmer-title"),
    ("id", "Mantan Menteri Pertahanan Jerman Henrike Vollmer tiba di Dakar.", "Mantan Menteri Pertahanan Jerman",
     "vollmer-title"),
    ("fr", "La ministre française de la Défense, Henrike Vollmer, est arrivée lundi à Dakar.",
     "ministre française de la Défense", "vollmer-title"),
    ("fr", "Henrike Vollmer, ministre de l'Intérieur, est arrivée lundi à Dakar.", "ministre de l'Intérieur",
     "vollmer-title"),
    ("zh", "德国外长福尔默周一抵达达喀尔。", "德国外长", "vollmer-title"),
    ("zh", "塞内加尔总理恩迪亚耶周一会见了福尔默。", "塞内加尔总理", "ndiaye-title"),
    ("ja", "ドイツのヴォルマー外相は月曜日、ダカールに到着した。", "外相", "vollmer-title"),
    ("ja", "ヴォルマー元国防相は月曜日、ダカールに到着した。", "元国防相", "vollmer-title"),
    ("ar", "وصلت وزيرة الخارجية الألمانية هنريكه فولمر إلى داكار يوم الاثنين.", "وزيرة الخارجية الألمانية",
     "vollmer-title"),
    ("ar", "وصلت وزيرة الدفاع الفرنسية هنريكه فولمر إلى داكار يوم الاثنين.", "وزيرة الدفاع الفرنسية",
     "vollmer-title"),
]


def _check(tmp_path, lang: str, sentence: str):  # type: ignore[no-untyped-def]
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    article = tmp_path / f"{lang}.md"
    article.write_text(f"---\nlang: {lang}\nstory: dakar-visit-2025\n---\n{sentence}\n", encoding="utf-8")
    return run("check", "--no-cache", "--rules", str(rules), str(article))


def _roles_read(tmp_path, lang: str, sentence: str) -> list[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    """(person, role) of every known person the sentence names with a title the lexicon reads."""
    from checker.article import read_article
    from checker.mentions import Mentions
    from checker.rules import load_rules

    rules_path = tmp_path / "rules.yaml"
    rules_path.write_text(RULES, encoding="utf-8")
    rules = load_rules([str(rules_path)])
    article = tmp_path / f"{lang}-read.md"
    article.write_text(f"---\nlang: {lang}\n---\n{sentence}\n", encoding="utf-8")
    a = read_article(str(article), rules.languages)
    m = Mentions(a, rules)
    return [(p.entity, p.title.role.role if p.title and p.title.role else None)
            for s in a.sentences for p in m.people(s.span, unknown=False)]


@pytest.mark.parametrize("lang, sentence", AGREE)
def test_a_title_written_as_each_language_writes_it_agrees_with_the_role(tmp_path, lang, sentence):
    r = _check(tmp_path, lang, sentence)
    assert r.code == 0 and where(r) == [], r.out
    read = _roles_read(tmp_path, lang, sentence)
    assert read and all(role is not None for _, role in read), read  # read, not merely missed


@pytest.mark.parametrize("lang, sentence, title, fact", DRIFT)
def test_another_role_place_or_former_is_a_finding_at_the_title(tmp_path, lang, sentence, title, fact):
    r = _check(tmp_path, lang, sentence)
    assert where(r) == [(5, sentence.index(title) + 1, "error", f"dakar-visit-2025/{fact}")], r.out
    assert r.code == 1


def test_the_message_names_the_role_read_and_the_roles_on_record(tmp_path):
    r = _check(tmp_path, "fr", "Henrike Vollmer, ministre de l'Intérieur, est arrivée lundi à Dakar.")
    assert 'article calls Henrike Vollmer "ministre de l\'Intérieur" (interior minister), which is not one of the ' \
           "titles on record: defence minister of Germany" in r.out


@pytest.mark.parametrize("role, message", [
    ("{role: defense-minster, of: germany}", "entity 'vollmer': unknown role 'defense-minster'"),
    ("{role: defence-minister, of: atlantis}", "entity 'vollmer': role 'defence-minister' is of 'atlantis'"),
])
def test_an_unknown_role_or_place_is_exit_2_at_its_position(tmp_path, role, message):
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES.replace("roles: [{role: defence-minister, of: germany}]", f"roles:\n      - {role}"),
                     encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("---\nlang: en\nstory: dakar-visit-2025\n---\nVollmer arrived.\n", encoding="utf-8")
    r = run("check", "--no-cache", "--rules", str(rules), str(article))
    assert r.code == 2
    assert f"{rules}:9:9: {message}" in r.err, r.err


def test_a_rule_file_adds_a_role_in_its_own_words(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES.replace("roles: [{role: defence-minister, of: germany}]",
                                   "roles: [{role: harbour-master, of: germany}]") +
                     "lexicon:\n  roles:\n    harbour-master:\n      en: [harbour master, harbourmaster]\n"
                     "      fr: [capitaine de port]\n", encoding="utf-8")
    for lang, sentence, found in [("en", "German Harbour Master Henrike Vollmer arrived.", []),
                                  ("fr", "Le capitaine de port allemand Henrike Vollmer est arrivé.", []),
                                  ("en", "German Defence Minister Henrike Vollmer arrived.", [(5, 1)])]:
        article = tmp_path / f"{lang}.md"
        article.write_text(f"---\nlang: {lang}\nstory: dakar-visit-2025\n---\n{sentence}\n", encoding="utf-8")
        r = run("check", "--no-cache", "--rules", str(rules), str(article))
        assert [(line, col) for line, col, _, _ in where(r)] == found, r.out

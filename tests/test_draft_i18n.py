"""factlint draft beyond English (issue 18, part 6): names after titles with their places, agency
names that are not lists, titles drafted as roles that the translations' titles agree with."""
from __future__ import annotations

from pathlib import Path

import yaml

from conftest import run, where

SOURCE = """---
lang: id
date: 2025-04-15
---
# Kunjungan ke Dakar

DAKAR - Menteri Pertahanan Jerman Henrike Vollmer tiba di Dakar pada Senin dan disambut Menteri Luar Negeri Senegal Amara Ndiaye.

Vollmer juga bertemu gubernur Jawa Barat Dedi Sulaeman yang sedang berkunjung ke Senegal.

Badan Meteorologi, Klimatologi, dan Geofisika mencatat gempa di lepas pantai Senegal pada hari yang sama.
"""


def _draft(tmp_path: Path, text: str, name: str = "id.md") -> tuple[Path, dict]:
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    r = run("draft", str(article))
    assert r.code == 0, r.err
    rules = tmp_path / "draft.yaml"
    rules.write_text(r.out, encoding="utf-8")
    return rules, yaml.safe_load(r.out)


def test_a_title_and_its_place_are_not_part_of_the_name(tmp_path):
    _, data = _draft(tmp_path, SOURCE)
    people = {e["name"]: e.get("roles") for e in data["entities"].values() if e["type"] == "person"}
    assert people == {
        "Henrike Vollmer": [{"role": "defence-minister", "of": "germany"}],
        "Amara Ndiaye": [{"role": "foreign-minister", "of": "senegal"}],
        "Dedi Sulaeman": [{"role": "governor"}],
    }


def test_an_agencys_long_name_is_not_a_list_of_places(tmp_path):
    rules, data = _draft(tmp_path, SOURCE)
    assert not [f for f in data["facts"] if f["kind"] == "set"]
    assert not [e for e in data["entities"] if e in ("klimatologi", "geofisika", "badan-meteorologi")]
    assert '"Badan Meteorologi, Klimatologi, dan Geofisika" reads as the name of one organisation' in \
        rules.read_text(encoding="utf-8")


def test_a_title_drafted_from_the_source_holds_in_the_translations(tmp_path):
    """The draft from the Indonesian source checks the English, French and Arabic versions' titles:
    their own wordings agree, another role is a finding at the title."""
    rules, data = _draft(tmp_path, SOURCE)
    assert run("test", str(rules)).code == 0
    versions = {
        "en.md": ("en", "German Defence Minister Henrike Vollmer arrived in Dakar, welcomed by Senegal's foreign "
                        "minister, Amara Ndiaye.", []),
        "fr.md": ("fr", "La ministre allemande de la Défense, Henrike Vollmer, a été accueillie par le chef de la "
                        "diplomatie sénégalaise Amara Ndiaye.", []),
        "fr-drift.md": ("fr", "La ministre allemande de l'Intérieur, Henrike Vollmer, est arrivée à Dakar.",
                        [(5, 4, "error", "id/vollmer-title")]),
        "en-drift.md": ("en", "Senegalese Prime Minister Amara Ndiaye welcomed Henrike Vollmer.",
                        [(5, 1, "error", "id/amara-ndiaye-title")]),
    }
    for name, (lang, sentence, expected) in versions.items():
        article = tmp_path / "v" / name
        article.parent.mkdir(exist_ok=True)
        article.write_text(f"---\nlang: {lang}\n---\n\n{sentence}\n", encoding="utf-8")
        r = run("check", "--no-cache", "--rules", str(rules), "--story", "id", str(article))
        assert where(r) == expected, (name, r.out)


def test_a_draft_from_the_source_fires_on_the_translations_through_the_shared_terms(tmp_path):
    """The Indonesian draft dates "tiba" (arrived); the lexicon of terms adds "arriv*", "抵达",
    "到着", "وصلت"... so a translation that moves the date is a finding, and a faithful one is not."""
    source = SOURCE.replace("pada Senin dan", "pada 14 April 2025 dan")
    rules, data = _draft(tmp_path, source)
    date = next(f for f in data["facts"] if f["kind"] == "date")
    assert {"tiba", "arriv*", "抵达", "到着", "وصلت"} <= set(date["applies"]["any"])
    assert run("test", str(rules)).code == 0
    versions = {  # name: (lang, sentence, the drifted date as written, or None)
        "en.md": ("en", "Henrike Vollmer arrived in Dakar on 14 April 2025.", None),
        "en-drift.md": ("en", "Henrike Vollmer arrived in Dakar on 4 April 2025.", "4 April 2025"),
        "fr-drift.md": ("fr", "Henrike Vollmer est arrivée à Dakar le 4 avril 2025.", "4 avril 2025"),
        "zh-drift.md": ("zh", "福尔默于2025年4月4日抵达达喀尔。", "2025年4月4日"),
        "ar-drift.md": ("ar", "وصلت فولمر إلى داكار في 4 أبريل 2025.", "4 أبريل 2025"),
    }
    for name, (lang, sentence, drift) in versions.items():
        article = tmp_path / "v" / name
        article.parent.mkdir(exist_ok=True)
        article.write_text(f"---\nlang: {lang}\n---\n\n{sentence}\n", encoding="utf-8")
        r = run("check", "--no-cache", "--rules", str(rules), "--story", "id", str(article))
        expected = [(5, sentence.index(drift) + 1)] if drift else []
        assert [(line, col) for line, col, _, _ in where(r)] == expected, (name, r.out)

"""The development set (tests/devset): invented stories in six languages, scored by precision
and recall. A floor on each keeps a change that loses drifts, or reports true sentences, from
going unnoticed; tests/devset/score.py prints the table."""
from __future__ import annotations

import sys
from pathlib import Path

DEVSET = Path(__file__).parent / "devset"
sys.path.insert(0, str(DEVSET))

from score import score  # noqa: E402

LANGS = {"ar", "en", "fr", "id", "ja", "zh"}


def test_every_story_has_a_version_in_each_language_and_every_annotation_names_its_fact():
    stories = {p.stem for p in (DEVSET / "rules").glob("*.yaml")}
    assert len(stories) >= 2
    for story in stories:
        assert {p.stem for p in (DEVSET / "articles" / story).glob("*.md")} == LANGS, story
    scores = score()
    assert set(scores) == LANGS | {"all"}
    # every drift annotation is counted once, found or not
    drifts = sum(p.read_text(encoding="utf-8").count("<!-- ruleid:") for p in (DEVSET / "articles").glob("*/*.md"))
    assert drifts >= 6 * len(LANGS)
    assert scores["all"].tp + scores["all"].fn == drifts


def test_precision_and_recall_stay_above_their_floors():
    scores = score()
    assert scores["all"].recall >= 0.9, scores["all"]
    assert scores["all"].precision >= 0.8, scores["all"]
    for lang in LANGS:
        assert scores[lang].recall >= 0.75, (lang, scores[lang])
        assert scores[lang].precision >= 0.75, (lang, scores[lang])

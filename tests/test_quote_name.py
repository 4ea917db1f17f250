"""kinds quote and name, against the seed rules."""
from __future__ import annotations

from conftest import where


def test_paraphrase_in_quotation_marks_is_an_error_at_the_quoted_words(lint):
    r = lint("He said there was a \u201cstrong necessity\u201d for ammunition.\n")
    assert where(r) == [(1, 22, "error", "stoltenberg-seoul-2023/ammunition-quote")]


def test_verbatim_part_passes_after_normalising_marks_case_and_punctuation(lint):
    for q in ('"urgent need"', "\u201cUrgent need,\u201d", "\u00ab urgent  need \u00bb", '"an urgent need for ammunition"',
              '"There is ... need for ammunition"'):
        r = lint(f"Stoltenberg said there was {q} for ammunition.\n")
        assert r.findings == [], q


def test_unquoted_paraphrase_is_not_a_finding(lint):
    assert lint("He said there was a strong necessity for ammunition.\n").findings == []


def test_word_fragments_do_not_count_as_verbatim(lint):
    r = lint('He said there was "urgent nee" for ammunition.\n')
    assert where(r) == [(1, 20, "error", "stoltenberg-seoul-2023/ammunition-quote")]


def test_other_speakers_and_captions_are_not_stoltenberg_quotes(lint):
    other = 'President Yoon said the "ammunition shortage" was not his concern.\n'
    assert lint(other).findings == []
    caption = ('Ammunition on display at the \u201cWar Memorial of Korea\u201d Museum in Seoul. '
               '(Source: Mosbatho/Wikimedia Commons)\n')
    assert lint(caption).findings == []


def test_name_variant_is_an_error_and_canonical_or_alias_passes(lint):
    assert lint("Speaking at the Chey Institute for Advanced Studies in Seoul, he spoke.\n").findings == []
    assert lint("Speaking at the Chey Institute in Seoul, he spoke.\n").findings == []
    r = lint("Speaking at the Chey Institute of Advanced Study in Seoul, he spoke.\n")
    assert where(r) == [(1, 17, "error", "stoltenberg-seoul-2023/venue")]
    assert '"Chey Institute of Advanced Study"' in r.findings[0]


def test_a_name_variant_counts_only_in_a_sentence_that_also_holds_a_trigger(lint):
    """The keyword's sentences are found first; of those, only claims are read."""
    text = ("The Chey Institute of Advanced Study is new. He spoke in Seoul. "
            "Later he said the Chey Institute of Advanced Study was full.\n")
    r = lint(text)
    assert where(r) == [(1, 83, "error", "stoltenberg-seoul-2023/venue")]  # the third sentence's, not the first's
    assert r.findings[0].count('"Chey Institute of Advanced Study"') == 1


def test_russias_term(lint):
    assert lint('Russia called it a "special military operation".\n').findings == []
    assert lint("Russia refers to the invasion as a \u201cspecial operation.\u201d\n").findings == []
    r = lint('Russia called it a "military operation".\n')
    assert where(r) == [(1, 21, "error", "stoltenberg-seoul-2023/special-operation")]

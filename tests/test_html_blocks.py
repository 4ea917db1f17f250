"""HTML blocks in Markdown (CommonMark 0.31, 4.6): what a browser shows is checked, tags are not.

Text inside a displayed block (a <div>, a table cell, a <figcaption>, a <p>) is read by the
article's readers, so a drift there is found at its exact line and column; tags, their
attributes (alt and title included: see article.py) and what browsers never display (<script>,
<style>, <?...?>, <!DOCTYPE>, CDATA) are masked.
"""
from __future__ import annotations

import pytest

from conftest import where

RULES = """story: ferry
facts:
  - id: opening
    kind: date
    message: the ferry line opened on 3 March 2001
    expected: "2001-03-03"
    sources: [Port authority press office]
    applies: {any: [opened, ouverte, dibuka, 开通, 開通, افتتح]}
"""

# language -> (a drifted sentence, its drifted date, a right sentence)
SENTENCES = {
    "en": ("The ferry line opened on 3 March 2011, the port said.", "3 March 2011",
           "The ferry line opened on 3 March 2001, the port said."),
    "fr": ("La ligne de ferry a été ouverte le 3 mars 2011, selon le port.", "3 mars 2011",
           "La ligne de ferry a été ouverte le 3 mars 2001, selon le port."),
    "id": ("Jalur feri itu dibuka pada 3 Maret 2011, kata pelabuhan.", "3 Maret 2011",
           "Jalur feri itu dibuka pada 3 Maret 2001, kata pelabuhan."),
    "zh": ("该渡轮航线于2011年3月3日开通。", "2011年3月3日", "该渡轮航线于2001年3月3日开通。"),
    "ja": ("このフェリー航路は2011年3月3日に開通した。", "2011年3月3日", "このフェリー航路は2001年3月3日に開通した。"),
    "ar": ("افتتح خط العبّارة في 3 مارس 2011، بحسب الميناء.", "3 مارس 2011",
           "افتتح خط العبّارة في 3 مارس 2001، بحسب الميناء."),
}


def _at(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _article(lang: str, body: str) -> str:
    return f"---\nlang: {lang}\nstory: ferry\n---\n{body}"


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_a_drift_in_a_div_is_found_where_it_stands(lint, lang):
    wrong, date, right = SENTENCES[lang]
    text = _article(lang, f'{right}\n\n<div class="note">\n  <p>{wrong}</p>\n</div>\n')
    r = lint(text, "a.md", RULES)
    assert where(r) == [(*_at(text, date), "error", "ferry/opening")], r.out + r.err


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_a_drift_in_a_table_cell_is_found_where_it_stands(lint, lang):
    wrong, date, right = SENTENCES[lang]
    text = _article(lang, f"{right}\n\n<table>\n<tr>\n<td>{wrong}</td>\n</tr>\n</table>\n")
    r = lint(text, "a.md", RULES)
    assert where(r) == [(*_at(text, date), "error", "ferry/opening")], r.out + r.err


@pytest.mark.parametrize("lang", ["en", "fr", "zh"])
def test_a_drift_in_a_figure_caption_is_found(lint, lang):
    wrong, date, right = SENTENCES[lang]
    text = _article(lang, f'{right}\n\n<figure>\n  <img src="ferry.jpg" alt="">\n'
                          f"  <figcaption>{wrong}</figcaption>\n</figure>\n")
    r = lint(text, "a.md", RULES)
    assert [(line, col) for line, col, _, _ in where(r)] == [_at(text, date)], r.out + r.err


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_years_in_tags_and_attributes_are_not_prose(lint, lang):
    """data-year, a dated image path, alt and title text: attribute values are never checked."""
    _, _, right = SENTENCES[lang]
    wrong = SENTENCES[lang][0]
    text = _article(lang, f'{right}\n\n<div data-year="2011" title="{wrong}">\n'
                          f'<img src="/2011/03/ferry.jpg" alt="{wrong}">\n<p>{right}</p>\n</div>\n')
    r = lint(text, "a.md", RULES)
    assert (r.code, where(r)) == (0, []), r.out + r.err


@pytest.mark.parametrize("body", [
    "<script>\nvar note = 'The ferry line opened on 3 March 2011';\n</script>\n",
    '<div>\n<script>var note = "The ferry line opened on 3 March 2011";</script>\n</div>\n',
    "<div>\n<style>/* The ferry line opened on 3 March 2011 */</style>\n</div>\n",
    "<?php echo 'The ferry line opened on 3 March 2011'; ?>\n",
    "<!DOCTYPE html the ferry line opened on 3 March 2011>\n",
    "<![CDATA[\nThe ferry line opened on 3 March 2011.\n]]>\n",
])
def test_what_browsers_never_show_is_not_prose(lint, body):
    text = _article("en", "The ferry line opened on 3 March 2001, the port said.\n\n" + body)
    r = lint(text, "a.md", RULES)
    assert (r.code, where(r)) == (0, []), r.out + r.err


def test_a_lone_tag_after_a_blank_line_opens_a_block_and_its_text_is_checked(lint):
    text = _article("en", '<section id="ferry-2011">\nThe ferry line opened on 3 March 2011, the port said.\n'
                          "</section>\n")
    r = lint(text, "a.md", RULES)
    assert where(r) == [(*_at(text, "3 March 2011"), "error", "ferry/opening")]


def test_a_block_ends_at_a_blank_line(lint):
    """After the blank line, an <span> in a paragraph is inline HTML, as before: not this change's."""
    text = _article("en", "<div>\n</div>\n\nThe ferry line opened on 3 March 2011, the port said.\n")
    r = lint(text, "a.md", RULES)
    assert where(r) == [(*_at(text, "3 March 2011"), "error", "ferry/opening")]


def test_a_plain_text_article_is_not_read_as_html(lint):
    text = '---\nlang: en\nstory: ferry\n---\n<div data-note="opened on 3 March 2011">\n'
    r = lint(text, "a.txt", RULES)
    assert where(r) == [(*_at(text, "3 March 2011"), "error", "ferry/opening")]


def test_text_after_a_fence_holding_a_div_is_checked(lint):
    text = _article("en", "```\n<div>\n```\n<p>The ferry line opened on 3 March 2011.</p>\n")
    r = lint(text, "a.md", RULES)
    assert where(r) == [(*_at(text, "3 March 2011"), "error", "ferry/opening")]

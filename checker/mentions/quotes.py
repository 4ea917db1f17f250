"""Find quotations: the words inside quotation marks, with the sentence and block around them.

Pairing happens when the article is read (sentences must not break inside a quotation);
here each pair becomes a mention that knows its inner words and whether it sits in a
photo caption, whose quoted names are nobody's words.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..article import Article
from ..model import Span


@dataclass(frozen=True)
class QuoteMention:
    span: Span  # quotation marks included
    inner: Span  # the quoted words
    in_caption: bool


def find_quotes(article: Article, span: Span) -> list[QuoteMention]:
    found = []
    for q in article.quotations:
        if span.start <= q.start and q.end <= span.end:
            block = next((b for b in article.blocks if b.span.start <= q.start < b.span.end), None)
            start, end = q.start + 1, q.end - 1
            while start < end and article.text[start].isspace():  # French: « besoin urgent »
                start += 1
            while end > start and article.text[end - 1].isspace():
                end -= 1
            found.append(QuoteMention(q, Span(start, end), bool(block and block.is_caption)))
    return found

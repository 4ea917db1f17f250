"""Find quotations: the words inside quotation marks, with the sentence and block around them.

Pairing happens when the article is read (sentences must not break inside a quotation);
here each pair becomes a mention that knows its inner words and whether it sits in a
photo caption, whose quoted names are nobody's words.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..article import Article
from ..model import Span


@dataclass(frozen=True)
class QuoteMention:
    span: Span  # quotation marks included
    inner: Span  # the quoted words
    in_caption: bool


def find_quotes(article: Article, span: Span) -> list[QuoteMention]:
    """The quotations inside ``span``. Quotations and blocks are in text order, so both are found by
    bisection: a scan of every quotation for every sentence is quadratic on a long article."""
    found = []
    quotations = article.quotations
    for i in range(bisect.bisect_left(quotations, span.start, key=lambda q: q.start), len(quotations)):
        q = quotations[i]
        if q.start >= span.end:
            break
        if q.end <= span.end:
            b = bisect.bisect_right(article.blocks, q.start, key=lambda b: b.span.start) - 1
            block = article.blocks[b] if b >= 0 and q.start < article.blocks[b].span.end else None
            start, end = q.start + 1, q.end - 1
            while start < end and article.text[start].isspace():  # French: « besoin urgent »
                start += 1
            while end > start and article.text[end - 1].isspace():
                end -= 1
            found.append(QuoteMention(q, Span(start, end), bool(block and block.is_caption)))
    return found

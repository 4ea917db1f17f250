"""Find lists: "Germany, Sweden and Norway", with the words that frame them.

A list is a run of items joined by commas that ends with a joiner ("and", "or"):
a run of commas alone is not a list ("In Germany, Stoltenberg said"). An item is a
mention of an entity of the wanted kind or a capitalised name the rules do not know.
A single item counts only when a hedge or an exhaustive word frames it ("such as Germany").
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum

import regex

from ..language import Language
from ..model import Span
from .names import EntityMention, overlaps_any

# Compiled here, not by regex.fullmatch(...) in the functions: a lookup in regex's cache per call costs more
# than the match.
FRAME_GAP = regex.compile(r"[\s,:\u2014\u2013\-]*")  # between a hedge before a list and the list
HEDGE_GAP = regex.compile(r"[\s,(]*")  # between a list and a hedge after it
CAPITALISED_NAME = regex.compile(r"\p{Lu}[\p{L}\p{M}\-']*(?:\s+\p{Lu}[\p{L}\p{M}\-']*){0,3}")


class Framing(Enum):
    PLAIN = "plain"  # no hedge: offered as the whole set
    EXAMPLES = "examples"  # "such as", "like", "including"
    COMPLETE = "complete"  # "only", "both", "the two countries"


@dataclass(frozen=True)
class ListItem:
    span: Span
    entity: str | None  # None: a name the rules do not know


@dataclass(frozen=True)
class ListMention:
    span: Span
    items: tuple[ListItem, ...]
    framing: Framing
    frame: Span | None  # where the hedge or exhaustive word is


def find_lists(text: str, span: Span, mentions: list[EntityMention], wanted: frozenset[str],
               other: frozenset[str], lang: Language) -> list[ListMention]:
    """Lists in ``text[span]`` that hold at least one entity of ``wanted``.

    ``other`` are known entities that are not candidates (people, organisations): they end a list.
    """
    items: list[ListItem] = [ListItem(m.span, m.entity) for m in mentions
                             if span.start <= m.span.start and m.span.end <= span.end and m.entity not in other]
    if not any(it.entity in wanted for it in items):
        return []  # every list found holds a wanted entity, and only known mentions can be one
    known = [m.span for m in mentions]
    for m in CAPITALISED_NAME.finditer(text, span.start, span.end):
        s = Span(m.start(), m.end())
        if overlaps_any(known, s):
            continue
        items.append(ListItem(s, None))
    items.sort(key=lambda i: i.span)
    joiners, articles = lang.joiner_set, _trailing_articles(lang)
    results: list[ListMention] = []
    i = 0
    while i < len(items):
        chain = [items[i]]
        closed = False  # a joiner has been seen: "A, B and C"; "A and B and C" (Arabic repeats "و")
        k = i
        while k + 1 < len(items):
            gap = text[items[k].span.end:items[k + 1].span.start]
            kind = _separator(gap, joiners, articles)
            if kind is None or (closed and kind == "comma"):
                break
            chain.append(items[k + 1])
            closed = closed or kind == "joiner"
            k += 1
        if not closed and len(chain) > 1 and _hedge_after(text, span, chain[-1].span.end, lang):
            closed = True  # "Germany, Sweden and others"
        if not closed:
            chain = chain[:1]
            k = i
        if any(it.entity in wanted for it in chain):
            whole = Span(chain[0].span.start, chain[-1].span.end)
            framing, frame = _framing(text, span, whole, lang)
            if len(chain) > 1 or framing is not Framing.PLAIN:
                results.append(ListMention(whole, tuple(chain), framing, frame))
        i = k + 1
    return results


COMMAS = ",\u060c\u3001\uff0c"  # , ، 、 ，
ENUMERATION_COMMAS = {"\u3001"}  # 、


def _separator(gap: str, joiners: frozenset[str], articles: "regex.Pattern[str]") -> str | None:
    """"comma" between items, "joiner" before the last one ("and", ", and", "و", "和"), else None.
    An article before the next item ("et la Norvège") belongs to the item, not to the separator."""
    gap = articles.sub("", gap).strip()
    if gap in ENUMERATION_COMMAS:
        return "joiner"  # 、 only ever enumerates: "ドイツ、ノルウェー" is a list without "and"
    if gap and gap in COMMAS:
        return "comma"
    if gap[:1] and gap[0] in COMMAS:
        gap = gap[1:].strip()
    return "joiner" if gap.casefold() in joiners else None


def _framing(text: str, sentence: Span, whole: Span, lang: Language) -> tuple[Framing, Span | None]:
    before = text[max(sentence.start, whole.start - 60):whole.start]
    offset = max(sentence.start, whole.start - 60)
    for name, framing in (("exhaustive_before", Framing.COMPLETE), ("hedges_before", Framing.EXAMPLES)):
        last = None
        for m in lang.phrases(name).finditer(before):
            last = m
        between = _trailing_articles(lang).sub("", before[last.end():]) if last is not None else ""
        if last is not None and FRAME_GAP.fullmatch(between):
            return framing, Span(offset + last.start(), offset + last.end())
    hedge = _hedge_after(text, sentence, whole.end, lang)
    if hedge is not None:
        return Framing.EXAMPLES, hedge
    return Framing.PLAIN, None


def _trailing_articles(lang: Language) -> "regex.Pattern[str]":
    """Articles that may stand right before a list item ("la Norvège", "l'Allemagne")."""
    return _articles_pattern(tuple(lang.item_articles))


@functools.lru_cache(maxsize=None)
def _articles_pattern(articles: tuple[str, ...]) -> "regex.Pattern[str]":
    if not articles:
        return regex.compile(r"(?!)")
    alts = "|".join(regex.escape(a) for a in sorted(articles, key=len, reverse=True))
    return regex.compile(rf"(?:(?<=\s)|^)(?:{alts})(?:\s+|(?<=['\u2019]))$", regex.IGNORECASE)


def _hedge_after(text: str, sentence: Span, end: int, lang: Language) -> Span | None:
    after = text[end:min(sentence.end, end + 40)]
    m = lang.phrases("hedges_after").search(after)
    if m and HEDGE_GAP.fullmatch(after, 0, m.start()):
        return Span(end + m.start(), end + m.end())
    return None

"""Find lists: "Germany, Sweden and Norway", with the words that frame them.

A list is a run of items joined by commas that ends with a joiner ("and", "or"):
a run of commas alone is not a list ("In Germany, Stoltenberg said"). An item is a
mention of an entity of the wanted kind or a capitalised name the rules do not know.
A single item counts only when a hedge or an exhaustive word frames it ("such as Germany").

Each list carries its clause: the stretch of the sentence between the clause breaks around it.
A fact's trigger governs the lists of its own clause only, so "The cyclone hit Alor and Sumba and
was felt in Flores, Timor and Rote" holds one list that the trigger "hit" governs. A break is a
word or mark of ``clause_breaks`` (";", "but", "while", "tandis que", "，", "し、"), or a joiner
that joins no items ("and was felt"): two predicates, not two names.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from enum import Enum

import regex

from ..language import ARABIC_PREFIXES, SPACED, Language, _defaults, alternation
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
    clause: Span  # the clause it stands in: a trigger there governs it (see ``clause_of``)


def find_lists(text: str, span: Span, mentions: list[EntityMention], wanted: frozenset[str],
               other: frozenset[str], lang: Language) -> list[ListMention]:
    """Lists in ``text[span]`` that hold at least one entity of ``wanted``, each with its clause.

    ``other`` are known entities that are not candidates (people, organisations): they end a list.
    """
    items: list[ListItem] = [ListItem(m.span, m.entity) for m in mentions
                             if span.start <= m.span.start and m.span.end <= span.end and m.entity not in other]
    if not any(it.entity in wanted for it in items):
        return []  # every list found holds a wanted entity, and only known mentions can be one
    known = [m.span for m in mentions]
    names = list(known)  # every name, candidate or not: a joiner before one joins names
    for m in CAPITALISED_NAME.finditer(text, span.start, span.end):
        s = Span(m.start(), m.end())
        if overlaps_any(known, s):
            continue
        items.append(ListItem(s, None))
        names.append(s)
    items.sort(key=lambda i: i.span)
    joiners, articles = lang.joiner_set, _trailing_articles(lang)
    chains: list[Span] = []  # every run of items joined as a list: its joiners are not clause breaks
    found: list[tuple[list[ListItem], Framing, Span | None]] = []
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
        if len(chain) > 1:
            chains.append(Span(chain[0].span.start, chain[-1].span.end))
        if any(it.entity in wanted for it in chain):
            whole = Span(chain[0].span.start, chain[-1].span.end)
            framing, frame = _framing(text, span, whole, lang)
            if framing is Framing.PLAIN:
                frame = _hedge_inside(text, chain, lang)  # "ドイツをはじめ、スウェーデン": the first is an example
                framing = Framing.PLAIN if frame is None else Framing.EXAMPLES
            if len(chain) > 1 or framing is not Framing.PLAIN:
                found.append((chain, framing, frame))
        i = k + 1
    if not found:
        return []
    breaks = clause_breaks(text, span, lang, chains, names)
    ends, starts = [b.end for b in breaks], [b.start for b in breaks]
    return [ListMention(Span(chain[0].span.start, chain[-1].span.end), tuple(chain), framing, frame,
                        clause_of(Span(chain[0].span.start, chain[-1].span.end), ends, starts, span))
            for chain, framing, frame in found]


def clause_breaks(text: str, sentence: Span, lang: Language, chains: list[Span], names: list[Span]) -> list[Span]:
    """Where the sentence's clauses meet, sorted: a ``clause_breaks`` word or mark that is not inside
    a list or a name ("，" between two items is a separator, and a "，" that opens a frame, "，包括",
    belongs to the list after it); and a joiner that joins no names ("and was felt in", Arabic
    "و" glued to a word that is no name): it joins two predicates or two clauses."""
    out: list[Span] = []
    hedges = [Span(m.start(), m.end()) for name in ("hedges_before", "hedges_after")
              for m in lang.phrases(name).finditer(text, sentence.start, sentence.end)]
    taken = _merged(chains + names + hedges)
    taken_starts = [t.start for t in taken]

    def inside(s: Span) -> bool:
        at = bisect.bisect_right(taken_starts, s.start) - 1
        return at >= 0 and s.end <= taken[at].end

    for m in _breaks_pattern(_vocabulary(lang, "clause_breaks")).finditer(text, sentence.start, sentence.end):
        s = Span(m.start(), m.end())
        if not inside(s) and not (PUNCTUATION.fullmatch(m.group()) and _opens_frame(text, s.end, sentence.end, lang)):
            out.append(s)
    starts = {n.start for n in names}
    articles = _leading_articles(tuple(lang.item_articles))
    for m in _joiner_words(tuple(lang.list_joiners)).finditer(text, sentence.start, sentence.end):
        s = Span(m.start(), m.end())
        if inside(s):
            continue
        after = SPACES.match(text, s.end, sentence.end).end()
        article = articles.match(text, after, sentence.end)
        if after in starts or (article is not None and article.end() in starts):
            continue  # "and Sumba", "et de Hambourg", "وأنتويرب": it joins names
        out.append(s)
    out.sort()
    return out


def clause_of(whole: Span, ends: list[int], starts: list[int], sentence: Span) -> Span:
    """The stretch between the last break before ``whole`` and the first one after it (the breaks'
    ends and starts, sorted: found by bisection, as a sentence may hold thousands of lists)."""
    before = bisect.bisect_right(ends, whole.start)
    after = bisect.bisect_left(starts, whole.end)
    return Span(ends[before - 1] if before else sentence.start, starts[after] if after < len(starts) else sentence.end)


SPACES = regex.compile(r"\s*")
PUNCTUATION = regex.compile(r"[\p{P}\s]+")


def _merged(spans: list[Span]) -> list[Span]:
    """The union of ``spans`` as sorted, disjoint spans: a span inside one of them is inside the one
    of these that starts last at or before it (found by bisection: a hostile sentence holds
    thousands of names)."""
    out: list[Span] = []
    for s in sorted(spans):
        if out and s.start < out[-1].end:
            if s.end > out[-1].end:
                out[-1] = Span(out[-1].start, s.end)
        else:
            out.append(s)
    return out


def _opens_frame(text: str, at: int, end: int, lang: Language) -> bool:
    """Whether a hedge, an exhaustive word or a joiner word follows a mark: "，包括德国", "，以及"."""
    at = SPACES.match(text, at, end).end()
    return any((m := lang.phrases(name).match(text, at, end)) and not PUNCTUATION.fullmatch(m.group())
               for name in ("hedges_before", "exhaustive_before", "list_joiners"))


def _vocabulary(lang: Language, name: str) -> tuple[str, ...]:
    """A word list of ``lang``: the loaded one when ``Language`` has the field, else the shipped defaults."""
    words = getattr(lang, name, None)
    if words is None:
        words = _defaults().get(lang.code, {}).get(name) or []
    return tuple(words)


@functools.lru_cache(maxsize=None)
def _breaks_pattern(words: tuple[str, ...]) -> "regex.Pattern[str]":
    if not words:
        return regex.compile(r"(?!)")
    return regex.compile(f"(?:{alternation(words)})", regex.IGNORECASE)


@functools.lru_cache(maxsize=None)
def _joiner_words(joiners: tuple[str, ...]) -> "regex.Pattern[str]":
    """The joiners that are words of a spaced script ("and", "serta", "ainsi que"), and Arabic's
    one-letter "و" at the start of a word; the others ("和", "と", "、") live inside words."""
    words = tuple(j for j in joiners if SPACED.match(j[:1]) and SPACED.match(j[-1:]))
    glued = "".join(j for j in joiners if len(j) == 1 and j in ARABIC_PREFIXES)
    alts = [f"(?:{alternation(words)})"] if words else []
    if glued:
        alts.append(rf"(?<![\p{{L}}\p{{M}}])[{glued}](?=\s?\p{{Arabic}})")
    return regex.compile("|".join(alts) or r"(?!)", regex.IGNORECASE)


@functools.lru_cache(maxsize=None)
def _leading_articles(articles: tuple[str, ...]) -> "regex.Pattern[str]":
    """An article right before a name ("de Hambourg", "la Norvège", "l'Allemagne")."""
    if not articles:
        return regex.compile(r"(?!)")
    return regex.compile(rf"(?:{_articles_alternation(articles)})(?:\s+|(?<=['\u2019]))", regex.IGNORECASE)


def _hedge_inside(text: str, chain: list[ListItem], lang: Language) -> Span | None:
    """A hedge between two items: "ドイツをはじめ、スウェーデンとノルウェー"."""
    for a, b in zip(chain, chain[1:]):
        m = lang.phrases("hedges_after").search(text, a.span.end, b.span.start)
        if m is not None:
            return Span(m.start(), m.end())
    return None


COMMAS = ",\u060c\u3001\uff0c"  # , ، 、 ，
ENUMERATION_COMMAS = {"\u3001"}  # 、


def _separator(gap: str, joiners: frozenset[str], articles: "regex.Pattern[str]") -> str | None:
    """"comma" between items, "joiner" before the last one ("and", ", and", "و", "和"), else None.
    An article before the next item ("et la Norvège") belongs to the item, not to the separator."""
    if gap.strip().casefold() in joiners:
        return "joiner"  # before an article is taken off: "بالإضافة إلى" ends with one
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
    return regex.compile(rf"(?:(?<=\s)|^|(?<=\u0648))(?:{_articles_alternation(articles)})(?:\s+|(?<=['\u2019]))$",
                         regex.IGNORECASE)


def _articles_alternation(articles: tuple[str, ...]) -> str:
    """The articles as one alternation, longest first ("de la" before "de")."""
    return "|".join(regex.escape(a) for a in sorted(articles, key=len, reverse=True))


def _hedge_after(text: str, sentence: Span, end: int, lang: Language) -> Span | None:
    after = text[end:min(sentence.end, end + 40)]
    m = lang.phrases("hedges_after").search(after)
    if m and HEDGE_GAP.fullmatch(after, 0, m.start()):
        return Span(end + m.start(), end + m.end())
    return None

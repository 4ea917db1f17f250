"""Stage 3: find mentions (dates, names, lists, quotes) in an article, lazily and once.

A fact asks for the mentions of one sentence; each finder runs only when some fact
asks, and its answer is cached, so an article with no date claim never loads dateparser.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from typing import Iterable

import regex

from ..article import Article, Sentence
from ..language import Language, Terms
from ..model import FactlintError, Span
from ..rules import RuleSet
from .dates import DateMention, find_dates
from .lists import ListMention, find_lists
from .names import EntityMention, PersonMention, find_entities, find_people
from .quantities import Place, QuantityMention, find_quantities, locate
from .quotes import QuoteMention, find_quotes
from .times import TimeMention, find_times
from .titles import lexicon_of

__all__ = ["Mentions", "DateMention", "EntityMention", "PersonMention", "ListMention", "QuantityMention",
           "QuoteMention"]


@dataclass
class Mentions:
    article: Article
    rules: RuleSet
    _cache: dict = field(default_factory=dict)

    @functools.cached_property
    def lang(self) -> Language:
        return self.rules.language(self.article.lang)

    def _cached(self, key: tuple, compute):  # type: ignore[no-untyped-def]
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @functools.cached_property
    def _all_entities(self) -> list[EntityMention]:
        """Every name in the article, found in one pass (not once per sentence and fact)."""
        names, index = self.rules.names
        return find_entities(self.article.prose, self._scanned, names, index)

    def entities(self, span: Span) -> list[EntityMention]:
        def inside() -> list[EntityMention]:
            found = self._all_entities
            out = []
            # by index, not ``found[lo:]``: a copy of the rest of the list per sentence is quadratic
            for i in range(bisect.bisect_left(found, span.start, key=lambda e: e.span.start), len(found)):
                e = found[i]
                if e.span.start >= span.end:
                    break
                if e.span.end <= span.end:
                    out.append(e)
            return out

        return self._cached(("entities", span), inside)

    @functools.cached_property
    def _scanned(self) -> Span:
        """What the article-wide searches read: the body, and in a piece of a large article the
        text after it (look-aheads see what they see in the whole; a match there is in no sentence)."""
        return Span(self.article.body.start, len(self.article.prose))

    def matches(self, pattern: "regex.Pattern[str]") -> list[Span]:
        """A rule term pattern's matches in the whole article, searched once."""
        scan = self._scanned
        return self._cached(("matches", id(pattern)), lambda: [
            Span(m.start(), m.end()) for m in pattern.finditer(self.article.prose, scan.start, scan.end)])

    def people(self, span: Span, unknown: bool = True) -> list[PersonMention]:
        """The people named in a sentence with their titles; with ``unknown=False`` only those the
        rules know, which spares the search for titled strangers when a check needs none."""
        if not unknown:
            everyone = self._cache.get(("people", span, True))
            if everyone is not None:
                return [p for p in everyone if p.entity is not None]
        return self._cached(("people", span, unknown), lambda: find_people(
            self.article.prose, span, self.entities(span), self.rules.person_ids, self.lang, unknown,
            lexicon_of(self.rules)))

    def dates(self, span: Span) -> list[DateMention]:
        lang = self.article.lang or "en"
        return self._cached(("dates", span), lambda: find_dates(
            self.article.prose, span, lang, self.article.date))

    def lists(self, span: Span, wanted: frozenset[str], entity_type: str) -> list[ListMention]:
        other = self.rules.ids_not_of(entity_type)
        return self._cached(("lists", span, wanted), lambda: find_lists(
            self.article.prose, span, self.entities(span), wanted, other, self.lang))

    def quantities(self, span: Span, unit_words: dict[str, tuple[list[str], list[str]]]) -> list[QuantityMention]:
        """The figures of a sentence with the units in ``unit_words``; a figure inside a date is
        among them (a check that takes one asks ``dates``, which costs more, only then)."""
        key = ("quantities", span, id(unit_words))  # a check keeps its unit words for the whole run
        return self._cached(key, lambda: find_quantities(
            self.article.prose, span, self.article.lang, unit_words, [], self._places_in(span)))

    def figures_by_sentence(self, unit_words: dict[str, tuple[list[str], list[str]]]
                            ) -> dict[int, list[QuantityMention]]:
        """The figures of every sentence that holds one, by the sentence's start: read once for
        all of a story's quantity facts, each of which then reads only the sentences with a
        figure of its unit."""
        def compute() -> dict[int, list[QuantityMention]]:
            holding = self.holding_figures()
            return {s.span.start: found for s in self.article.sentences
                    if s.span.start in holding and (found := self.quantities(s.span, unit_words))}

        return self._cached(("figures_by_sentence", id(unit_words)), compute)

    @functools.cached_property
    def _places(self) -> list[Place]:
        """Where the article's figures may be (digits, CJK numerals, number words): found in one
        pass, then read only in the sentences that a fact asks about."""
        return locate(self.article.prose, self._scanned, self.article.lang)

    def _places_in(self, span: Span) -> list[Place]:
        places = self._places
        out = []
        for i in range(bisect.bisect_left(places, (span.start,)), len(places)):
            place = places[i]
            if place[0] >= span.end:
                break
            if place[1] <= span.end:
                out.append(place)
        return out

    def holding_figures(self) -> frozenset[int]:
        """The starts of the sentences that hold a figure (a digit, a CJK numeral, a number word):
        a quantity check reads only those."""
        return self._cached(("holding_figures",), lambda: frozenset(
            self.article.sentences[i].span.start for i in self._holding([Span(p[0], p[1]) for p in self._places])))

    def times(self, span: Span) -> list[TimeMention]:
        return self._cached(("times", span), lambda: find_times(self.article.prose, span))

    def quotes(self, span: Span) -> list[QuoteMention]:
        return self._cached(("quotes", span), lambda: find_quotes(self.article, span))

    def naming(self, entity_id: str) -> frozenset[int]:
        """The starts of the sentences that wholly hold a mention of ``entity_id``: a check about
        one person reads only those, without asking every sentence for its names."""
        return self._cached(("naming", entity_id), lambda: frozenset(
            self.article.sentences[i].span.start
            for i in self._holding([e.span for e in self._all_entities if e.entity == entity_id])))

    def naming_any(self, entity_ids: Iterable[str]) -> frozenset[int]:
        """The starts of the sentences that wholly hold a mention of one of ``entity_ids``."""
        return frozenset().union(*(self.naming(e) for e in entity_ids))

    def able_to_hold(self, terms: Terms) -> frozenset[int] | None:
        """The starts of the sentences that hold one of the first words of ``terms``: a match lies
        in its sentence and holds its first word, so no other sentence can hold a match. None when
        the terms have no plain first words to look for: then any sentence can."""
        def compute() -> frozenset[int] | None:
            scan = self._scanned
            found = terms.first_words(self.article.prose, scan.start, scan.end)
            if found is None:
                return None
            sentences = self.article.sentences
            return frozenset(sentences[i].span.start for i in self._holding(sorted(Span(*f) for f in found)))

        return self._cached(("able_to_hold", id(terms)), compute)

    def _matches_within(self, span: Span):  # type: ignore[no-untyped-def]
        """A term pattern's matches in ``span``: those of the whole article when some check has
        searched it already, else a search of the span alone."""
        def matches(pattern: "regex.Pattern[str]") -> list[Span]:
            found = self._cache.get(("matches", id(pattern)))
            if found is not None:
                return found
            return [Span(m.start(), m.end()) for m in pattern.finditer(self.article.prose, span.start, span.end)]

        return matches

    @functools.cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.span.start for s in self.article.sentences]

    def _holding(self, spans: list[Span]) -> list[int]:
        """The indices of the sentences (sorted, apart) that wholly hold one of ``spans``."""
        sentences, starts = self.article.sentences, self._sentence_starts
        found: list[int] = []
        for span in spans:
            i = bisect.bisect_right(starts, span.start) - 1
            if i >= 0 and span.end <= sentences[i].span.end and (not found or found[-1] != i):
                found.append(i)
        return found

    def claims(self, applies, langs: list[str] | None = None,  # type: ignore[no-untyped-def]
               among: frozenset[int] | None = None) -> list[tuple[Sentence, list[Span]]]:
        """Sentences that are claims about a fact, with the words that made them so; with ``among``
        (sentence starts), only those sentences: a check that can only find something where a
        name or keyword is passes where those are, and the others are not asked for triggers."""
        if langs and (self.article.lang or "en") not in langs or among is not None and not among:
            return []
        out = []
        sentences = self.article.sentences
        gate = applies.gate
        if applies.is_empty and applies.exclude == [] and applies.exclude_patterns == []:
            # about every sentence: what triggers would say
            return [(s, [s.span]) for s in sentences if among is None or s.span.start in among]
        few = among is not None and len(among) * 3 < len(sentences)
        if few:  # a few sentences to read: search them, not the whole article
            chosen = sorted(bisect.bisect_left(self._sentence_starts, start) for start in among)
        else:
            chosen = range(len(sentences)) if gate is None else self._holding(self.matches(gate))
        for i in chosen:
            s = sentences[i]
            if among is not None and s.span.start not in among:
                continue
            try:
                hits = applies.triggers(self.article.prose, s.span,
                                        self._matches_within(s.span) if few else self.matches)
            except FactlintError as e:  # a rule's pattern timed out: the message names the rule, add the article
                at = self.article.position(s.span.start)
                raise FactlintError(f"{e.message}; the sentence is at {self.article.path}:{at.line}:{at.column}",
                                    e.path, e.line, e.column) from None
            if hits:
                out.append((s, hits))
        return out

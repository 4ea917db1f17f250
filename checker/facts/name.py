"""kind: name. A name or term written any way but its canonical form or a known alias.

Candidates are found by keywords. A quotation holding a keyword is compared whole; in
running text, the window of words around the keyword that comes closest to an accepted
form (word-level edit distance) is compared, so "At the Chey Institute for Advanced
Studies in Seoul" agrees and "Chey Institute of Advanced Study" does not. A window that
shares less than half its words with every accepted form is another name, not a variant.

Names are compared by their folds (``language.fold``): "Cavusoglu" for "Çavuşoğlu" is the
same name written without its diacritics, as many outlets write it, and no finding; a keyword
finds its name either way, and a soft hyphen or zero-width space inside a word hides nothing.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import Iterator

import regex

from ..mentions import Mentions
from ..language import Terms, fold, with_chinese_variants
from ..mentions.names import Token
from ..model import Span, show
from .base import FactCheck, Hit, normalise

class NameCheck(FactCheck):
    kind = "name"

    def compile(self) -> None:
        self.canonical = self.fact.spec["canonical"]
        forms = with_chinese_variants([self.canonical, *self.fact.spec.get("aliases", [])])
        self.accepted = {_key(n) for n in forms}
        self.forms = [_key(n).split() for n in forms]
        self.form_words = [frozenset(f) for f in self.forms]
        self.keywords = _keywords(tuple(with_chinese_variants(self.fact.spec["keywords"])))

    def describe_expected(self) -> str:
        aliases = self.fact.spec.get("aliases", [])
        return f'"{self.canonical}"' + (f" (also {', '.join(aliases)})" if aliases else "")

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        article = mentions.article
        prose = article.prose
        among = mentions.able_to_hold(self.keywords)  # a candidate starts at a keyword
        for sentence, _ in mentions.claims(self.fact.applies, self.fact.langs, among):
            seen: set[Span] = set()
            tokens: list[Token] | None = None  # the sentence's tokens, read once for all its keywords
            for key in self.keywords.finditer(prose, sentence.span.start, sentence.span.end):
                key_span = Span(key.start(), key.end())
                candidate = _quoted(mentions, sentence.span, key_span)
                if candidate is None:
                    if tokens is None:
                        tokens = _tokens(prose, sentence.span)
                    candidate = self._window(prose, tokens, key_span)
                if candidate is None or candidate in seen:
                    continue
                seen.add(candidate)
                if _key(prose[candidate.start:candidate.end]) not in self.accepted:
                    words = show(article.slice(candidate))  # what is at the position, comments included
                    yield self.hit(candidate, f'article writes "{words}", not "{self.canonical}" '
                                   f'or a known alias', words, self.canonical)

    def _window(self, prose: str, tokens: list[Token], key: Span) -> Span | None:
        """The closest window of words around ``key``; ``tokens`` are the sentence's, in order."""
        k = _token_at(tokens, key)
        if k is None:
            return None
        words: dict[int, str] = {}  # token index -> normalised word: only those near the keyword are needed

        def word(t: int) -> str:
            w = words.get(t)
            if w is None:
                w = words[t] = _key(tokens[t][2])
            return w

        # The best window for each accepted form; the longest form that fits decides, so
        # "Chey Institute of Advanced Study" is a variant of the full name, not the alias "Chey Institute".
        fits: list[tuple[int, float, Span]] = []
        for form, known in zip(self.forms, self.form_words):
            n = len(form)
            best: tuple[float, int, Span] | None = None
            for size in (n, n - 1, n + 1):
                for i in range(max(0, k - size + 1), k + 1):
                    j = i + size
                    if size < 1 or j > len(tokens) or not _contiguous(prose, tokens[i:j]):
                        continue
                    if not (_named(prose[tokens[i][0]]) and _named(prose[tokens[j - 1][0]])):
                        continue
                    window = [word(t) for t in range(i, j)]
                    longer = max(n, size)
                    # Words the form lacks each cost an edit: a window with half of them cannot fit.
                    if 2 * (longer - sum(w in known for w in window)) >= longer:
                        continue
                    score = _distance(window, form) / longer
                    cand = (score, -size, Span(tokens[i][0], tokens[j - 1][1]))
                    if best is None or cand[:2] < best[:2]:
                        best = cand
                    if score == 0:
                        break  # the form itself: no later window comes before it
                if best is not None and best[0] == 0:
                    break
            if best is not None and best[0] < 0.5:
                fits.append((n, best[0], best[2]))
        if not fits:
            return None
        return max(fits, key=lambda f: (f[0], -f[1]))[2]


def _key(text: str) -> str:
    """What two ways of writing a name share when they are the same name: the fold, normalised."""
    return normalise(fold(text))


@functools.lru_cache(maxsize=512)
def _keywords(terms: tuple[str, ...]) -> Terms | None:
    """``rules.terms_pattern``'s terms (any case, a trailing ``*`` any ending), compared by their folds."""
    if not terms:
        return None

    def body(term: str) -> str:
        return re.escape(term.rstrip("*")).replace(r"\ ", r"\s+") + (r"\w*" if term.endswith("*") else "")

    return Terms(terms, body, regex.IGNORECASE, folds=True)


# A word as ``mentions.names.TOKEN`` reads it, with the invisible characters that may sit inside it
# ("Stolten\u00adberg", "Düz\u200bce"): one word, which its fold joins up.
NAME_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}\p{Cf}'\u2019\-]*")


def _tokens(text: str, span: Span) -> list[Token]:
    return [(m.start(), m.end(), m.group()) for m in NAME_TOKEN.finditer(text, span.start, span.end)]


def _token_at(tokens: list[Token], key: Span) -> int | None:
    """The first token that holds the keyword's start or starts inside it. Tokens are sorted and
    do not overlap, so it is the first that ends after the keyword's start: found by bisection,
    not by a scan per keyword (quadratic on a long sentence full of keywords)."""
    k = bisect.bisect_right(tokens, key.start, key=lambda t: t[1])
    if k < len(tokens) and (tokens[k][0] <= key.start or tokens[k][0] < key.end):
        return k
    return None


def _quoted(mentions: Mentions, sentence: Span, key: Span) -> Span | None:
    """The words of the quotation that holds ``key``. Quotations are sorted and apart, so only the
    last one that opens before the keyword can hold it: found by bisection, not by a scan per keyword."""
    quotes = mentions.quotes(sentence)
    i = bisect.bisect_right(quotes, key.start, key=lambda q: q.inner.start) - 1
    if i >= 0 and key.end <= quotes[i].inner.end:
        return quotes[i].inner
    return None


def _named(ch: str) -> bool:
    """Names start with a capital, or with a letter of a script that has no case."""
    return ch.isupper() or (ch.isalpha() and not ch.islower())


def _contiguous(prose: str, tokens: list[Token]) -> bool:
    return all(fold(prose[a[1]:b[0]]).strip() in ("", "-") for a, b in zip(tokens, tokens[1:]))


def _distance(a: list[str], b: list[str]) -> int:
    """Levenshtein distance over words."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]

"""kind: name. A name or term written any way but its canonical form or a known alias.

Candidates are found by keywords. A quotation holding a keyword is compared whole; in
running text, the window of words around the keyword that comes closest to an accepted
form (word-level edit distance) is compared, so "At the Chey Institute for Advanced
Studies in Seoul" agrees and "Chey Institute of Advanced Study" does not. A window that
shares less than half its words with every accepted form is another name, not a variant.
"""
from __future__ import annotations

from typing import Iterator

from ..mentions import Mentions
from ..language import with_chinese_variants
from ..mentions.names import TOKEN
from ..model import Span, show
from ..rules import terms_pattern
from .base import FactCheck, Hit, normalise


class NameCheck(FactCheck):
    kind = "name"

    def compile(self) -> None:
        self.canonical = self.fact.spec["canonical"]
        forms = with_chinese_variants([self.canonical, *self.fact.spec.get("aliases", [])])
        self.accepted = {normalise(n) for n in forms}
        self.forms = [normalise(n).split() for n in forms]
        self.keywords = terms_pattern(with_chinese_variants(self.fact.spec["keywords"]))

    def describe_expected(self) -> str:
        aliases = self.fact.spec.get("aliases", [])
        return f'"{self.canonical}"' + (f" (also {', '.join(aliases)})" if aliases else "")

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        prose = mentions.article.prose
        for sentence, _ in mentions.claims(self.fact.applies, self.fact.langs):
            seen: set[Span] = set()
            for key in self.keywords.finditer(prose, sentence.span.start, sentence.span.end):
                candidate = self._candidate(mentions, sentence.span, Span(key.start(), key.end()))
                if candidate is None or candidate in seen:
                    continue
                seen.add(candidate)
                words = prose[candidate.start:candidate.end]
                if normalise(words) not in self.accepted:
                    yield self.hit(candidate, f'article writes "{show(words)}", not "{self.canonical}" '
                                   f'or a known alias', show(words), self.canonical)

    def _candidate(self, mentions: Mentions, sentence: Span, key: Span) -> Span | None:
        for q in mentions.quotes(sentence):
            if q.inner.start <= key.start and key.end <= q.inner.end:
                return q.inner
        return self._window(mentions.article.prose, sentence, key)

    def _window(self, prose: str, sentence: Span, key: Span) -> Span | None:
        tokens = [(m.start(), m.end(), normalise(m.group())) for m in TOKEN.finditer(prose, sentence.start, sentence.end)]
        k = next((i for i, t in enumerate(tokens) if t[0] <= key.start < t[1] or key.start <= t[0] < key.end), None)
        if k is None:
            return None
        # The best window for each accepted form; the longest form that fits decides, so
        # "Chey Institute of Advanced Study" is a variant of the full name, not the alias "Chey Institute".
        fits: list[tuple[int, float, Span]] = []
        for form in self.forms:
            n = len(form)
            best: tuple[float, int, Span] | None = None
            for size in (n, n - 1, n + 1):
                for i in range(max(0, k - size + 1), k + 1):
                    j = i + size
                    if size < 1 or j > len(tokens) or not _contiguous(prose, tokens[i:j]):
                        continue
                    if not (_named(prose[tokens[i][0]]) and _named(prose[tokens[j - 1][0]])):
                        continue
                    score = _distance([t[2] for t in tokens[i:j]], form) / max(n, size)
                    cand = (score, -size, Span(tokens[i][0], tokens[j - 1][1]))
                    if best is None or cand[:2] < best[:2]:
                        best = cand
            if best is not None and best[0] < 0.5:
                fits.append((n, best[0], best[2]))
        if not fits:
            return None
        return max(fits, key=lambda f: (f[0], -f[1]))[2]


def _named(ch: str) -> bool:
    """Names start with a capital, or with a letter of a script that has no case."""
    return ch.isupper() or (ch.isalpha() and not ch.islower())


def _contiguous(prose: str, tokens: list[tuple[int, int, str]]) -> bool:
    return all(prose[a[1]:b[0]].strip() in ("", "-") for a, b in zip(tokens, tokens[1:]))


def _distance(a: list[str], b: list[str]) -> int:
    """Levenshtein distance over words."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]

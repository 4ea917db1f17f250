"""kind: quote. Words inside quotation marks must be a part of what the speaker said.

Quote marks, case, punctuation and spacing are normalised away; an ellipsis or an
editor's insertion in brackets ("they (Ukraine) need") splits the quotation into
pieces that must appear in order. Unquoted paraphrase is not checked.
"""
from __future__ import annotations

import functools
from typing import Iterator

import regex

from ..mentions import Mentions
from ..language import bounded, with_chinese_variants
from ..model import show
from .base import FactCheck, Hit, normalise

GAP = regex.compile(r"\.\.\.+|\u2026|\[[^\]]*\]|\([^)]*\)")


class QuoteCheck(FactCheck):
    kind = "quote"

    def compile(self) -> None:
        self.speaker = self.entity(self.fact.spec["speaker"], "speaker")
        words = [*self.fact.spec["said"], *self.fact.spec.get("accepted", [])]
        self.utterances = [normalise(u) for u in with_chinese_variants(words)]

    def describe_expected(self) -> str:
        return f"{self.speaker.name} said: " + " / ".join(f'"{u}"' for u in self.fact.spec["said"])

    def is_part(self, quoted: str) -> bool:
        pieces = [normalise(p) for p in GAP.split(quoted)]
        pieces = [p for p in pieces if p]
        if not pieces:
            return True
        for said in self.utterances:
            at = 0
            for piece in pieces:
                found = _find_words(said, piece, at)
                if found < 0:
                    break
                at = found + len(piece)
            else:
                return True
        return False

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        text = mentions.article.text
        for sentence, _ in mentions.claims(self.fact.applies, self.fact.langs):
            speakers = {p.entity for p in mentions.people(sentence.span, unknown=False)}
            if speakers and self.speaker.id not in speakers:
                continue  # someone else's words
            for q in mentions.quotes(sentence.span):
                if q.in_caption:
                    continue
                quoted = text[q.inner.start:q.inner.end]
                if not self.is_part(quoted):
                    yield self.hit(q.inner, f'article quotes {self.speaker.name} as saying "{show(quoted)}", '
                                   f'which is not in the words on record', show(quoted),
                                   " / ".join(self.fact.spec["said"]))


def _find_words(haystack: str, needle: str, start: int) -> int:
    """Find ``needle`` on word boundaries, so "need" is not found inside "needed" (in scripts
    that have word boundaries: Chinese and Japanese words run together)."""
    # Most quoted pieces are not in a given utterance at all: a plain search says so without the
    # regex engine. al- may be written l- (see language.bounded), so only the rest must be there.
    if needle.removeprefix("\u0627\u0644") not in haystack:
        return -1
    m = _words_pattern(needle).search(haystack[start:])  # a slice: the text before is not looked behind
    return start + m.start() if m else -1


@functools.lru_cache(maxsize=4096)  # the same quotations recur in every version of a story
def _words_pattern(needle: str) -> "regex.Pattern[str]":
    return regex.compile(bounded(needle, regex.escape(needle)))

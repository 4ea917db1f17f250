"""kind: date. The article may state less than the fact (a year, "February 24"), never other."""
from __future__ import annotations

import bisect
import datetime as dt
from typing import Iterator

import regex

from ..mentions import Mentions
from ..mentions.dates import DateValue
from ..model import Span, show
from .base import FactCheck, Hit


class DateCheck(FactCheck):
    kind = "date"

    def compile(self) -> None:
        parts = [int(p) for p in str(self.fact.spec["expected"]).split("-")]
        parts += [None] * (3 - len(parts))  # type: ignore[list-item]
        self.expected = DateValue(*parts)
        if self.expected.month is not None and not 1 <= self.expected.month <= 12 or \
                self.expected.day is not None and not 1 <= self.expected.day <= 31:
            raise self.fact.error(f"'expected' {self.fact.spec['expected']!r} is not a date", "expected")
        self.within = int(self.fact.spec.get("within", 80))
        self.weekday = None
        if None not in (self.expected.year, self.expected.month, self.expected.day):
            try:
                self.weekday = dt.date(self.expected.year, self.expected.month, self.expected.day).weekday()
            except ValueError:
                raise self.fact.error(f"'expected' {self.fact.spec['expected']!r} is not a date", "expected") \
                    from None

    def describe_expected(self) -> str:
        return self.expected.describe()

    def agrees(self, value: DateValue) -> bool:
        e = self.expected
        for part in ("year", "month", "day"):
            got, want = getattr(value, part), getattr(e, part)
            if got is not None and want is not None and got != want:
                return False
        if value.weekday is not None and self.weekday is not None and value.weekday != self.weekday:
            return False
        return True

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        for sentence, triggers in mentions.claims(self.fact.applies, self.fact.langs):
            text = mentions.article.prose
            starts = [t.start for t in triggers]  # sorted: claims() returns triggers in order
            near = [(gap, d) for d in mentions.dates(sentence.span)
                    if (gap := _nearest(d.span, triggers, starts, text, self.within)) <= self.within]
            if not near:
                continue
            # The claim is the date nearest to a word that made the sentence about this fact;
            # a relative date that cannot be resolved (no publication date) is left alone.
            claim = min(near, key=lambda x: x[0])[1]
            if claim.value is not None and not self.agrees(claim.value):
                words = show(mentions.article.slice(claim.span))  # claim.text is prose: comments blanked
                yield self.hit(claim.span, f'article says "{words}" ({claim.value.describe()}), expected '
                               f'{self.expected.describe()}', words, self.expected.describe())


WIDE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


def _nearest(span: Span, triggers: list[Span], starts: list[int], text: str, within: int) -> int:
    """The distance to the nearest trigger. Triggers are short and sorted, so the nearest is one
    of the few that start on either side of the date: a sentence with many dates and many
    triggers costs no more per date than a short one."""
    at = bisect.bisect_left(starts, span.start)
    return min((_distance(span, t, text, within) for t in triggers[max(0, at - 3):at + 3]), default=within + 1)


def _distance(a: Span, b: Span, text: str, within: int = 10 ** 9) -> int:
    """Characters between two spans, a Chinese or Japanese character counting as four: one
    of them carries about as much as a Latin word's letters, so ``within`` means the same
    stretch of sentence in every script."""
    if a.end <= b.start:
        if b.start - a.end > within:
            return b.start - a.end
        gap = text[a.end:b.start]
    elif b.end <= a.start:
        if a.start - b.end > within:
            return a.start - b.end
        gap = text[b.end:a.start]
    else:
        return 0
    if len(gap) > within:  # already too far; the weighting only adds
        return len(gap)
    return len(gap) + 3 * len(WIDE.findall(gap))

"""kind: quantity. A figure (a toll, a share, an amount, a magnitude) must be the expected one,
as precisely as the article writes it: "1.3 million" agrees with 1,314,000, "at least 1,300"
with 1,314, "41.8%" and "nearly 42%" with 41.76%; "41.6%" and "more than 2,000" do not.

The claim is the new value of a change where the sentence tells one ("rose to 1,400, up from
912"), else the figure nearest to a word that makes the sentence about the fact, among the
sentence's figures of the fact's unit (a figure with another unit, a date, a year, a time of
day or an ordinal never is); for a count (people, votes, a unit of the rule file's own) a bare
figure may be the claim too, for a share or an amount only a figure with its mark.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Iterator

from ..mentions import Mentions
from ..mentions.quantities import QuantityMention, interval, units
from ..language import Terms
from ..model import Severity, Span, show
from ..rules import RuleSet, terms_pattern
from .base import FactCheck, Hit, nearest

MARKED = {"percent", "usd", "idr", "eur", "km", "magnitude"}  # units a bare figure cannot stand for
HEDGE_WORDS = {"at_least": "at least", "more_than": "more than", "at_most": "at most", "less_than": "less than",
               "about": "about", "nearly": "nearly"}


def figure(x: float) -> str:
    """A number as a reader writes it: 1,314; 41.76; 1,300,000."""
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:,.6f}".rstrip("0").rstrip(".")


def units_of(rules: RuleSet) -> dict[str, tuple[list[str], list[str]]]:
    """The units of a story's quantity facts, shipped and their own words together, one dict for
    the story: a sentence's figures are read once for all of its facts (Mentions caches them by
    this dict, which the RuleSet keeps)."""
    found = rules.__dict__.get("_quantity_units")
    if found is None:
        found = {name: (list(u.get("before", [])), list(u.get("after", []))) for name, u in units().items()}
        for fact in rules.facts:
            if fact.kind == "quantity" and fact.spec.get("unit_words"):
                name = fact.spec.get("unit") or "unit"
                before, after = found.get(name, ([], []))
                found[name] = (before, after + [w for w in fact.spec["unit_words"] if w not in after])
        rules.__dict__["_quantity_units"] = found
    return found


def _may_be_a_day(q: QuantityMention) -> bool:
    """A bare whole figure up to 31 may be the day or month of a date; a larger one cannot (a
    year of news is never read as a figure, see mentions/quantities.py)."""
    return q.unit is None and q.value == int(q.value) and 0 <= q.value <= 31


@dataclass(frozen=True)
class Value:
    """One figure on record: for all time, from a day on (``since``), or by one source."""

    low: float
    high: float
    since: dt.date | None = None
    source: str | None = None
    words: "Terms | None" = None  # how articles name the source

    def describe(self, unit: str) -> str:
        if self.low == self.high:
            text = f"{figure(self.low)}{unit}"
        elif not math.isfinite(self.low):
            text = f"at most {figure(self.high)}{unit}"
        elif not math.isfinite(self.high):
            text = f"at least {figure(self.low)}{unit}"
        else:
            text = f"{figure(self.low)} to {figure(self.high)}{unit}"
        extra = [f"by {self.source}"] if self.source else []
        extra += [f"from {self.since.isoformat()}"] if self.since else []
        return f"{text} ({', '.join(extra)})" if extra else text


class QuantityCheck(FactCheck):
    kind = "quantity"

    def compile(self) -> None:
        spec = self.fact.spec
        if "values" in spec:
            self.values = [self._value(v["value"], "values", i, "value", since=v.get("from"), source=v.get("source"),
                                       words=v.get("words")) for i, v in enumerate(spec["values"])]
            seen: dict[dt.date, int] = {}
            for i, v in enumerate(self.values):
                if v.since is not None and v.since in seen:
                    raise self.fact.error(f"'from' {v.since.isoformat()} is given twice (values {seen[v.since] + 1} "
                                          f"and {i + 1}): one figure is on record at a time", "values", i, "from")
                if v.since is not None:
                    seen[v.since] = i
        else:
            self.values = [self._value(spec["expected"], "expected")]
        self.unit = spec.get("unit")
        known = units()
        if self.unit is not None and self.unit != "percent" and self.unit not in known and not spec.get("unit_words"):
            names = ", ".join(["percent", *sorted(known)])
            raise self.fact.error(f"unknown unit '{self.unit}' (known: {names}; or give its words in 'unit_words')",
                                  "unit")
        self.unit_words = units_of(self.rules)
        tolerance = spec.get("tolerance", 0)
        self.share = float(tolerance.rstrip("%")) / 100 if isinstance(tolerance, str) else None  # "0.5%"
        self.tolerance = 0.0 if isinstance(tolerance, str) else float(tolerance)
        self.exact = bool(spec.get("exact", False))
        self.within = int(spec.get("within", 80))

    def _value(self, given: object, *keys: object, since: str | None = None, source: str | None = None,
               words: list[str] | None = None) -> Value:
        if isinstance(given, dict):
            low, high = float(given.get("min", -math.inf)), float(given.get("max", math.inf))
            if low > high:
                raise self.fact.error(f"'{keys[-1]}': min {figure(low)} is above max {figure(high)}", *keys)
        else:
            low = high = float(given)  # type: ignore[arg-type]
        day = None
        if since is not None:
            try:
                day = dt.date.fromisoformat(since)
            except ValueError:
                raise self.fact.error(f"'from' {since!r} is not a date", *keys[:-1], "from") from None
        names = words or ([source] if source else None)
        return Value(low, high, day, source, terms_pattern(names) if names else None)

    @property
    def _unit_text(self) -> str:
        return "%" if self.unit == "percent" else (f" {self.unit}" if self.unit else "")

    def describe_expected(self) -> str:
        return "; ".join(v.describe(self._unit_text) for v in self.values)

    def _fits(self, q: QuantityMention, v: Value) -> bool:
        if self.exact and q.step > 1 and q.value == int(q.value) and q.hedge is None:
            q = QuantityMention(q.span, q.figure, q.value, 1.0, q.unit, q.hedge)
        ref = max((abs(x) for x in (v.low, v.high) if math.isfinite(x)), default=0.0)
        slack = self.tolerance + (self.share or 0.0) * ref
        low, high = interval(q)
        return low <= v.high + slack and v.low - slack <= high and \
            not (q.hedge == "more_than" and v.high + slack <= q.value) and \
            not (q.hedge == "less_than" and v.low - slack >= q.value)

    def on_record(self, mentions: Mentions, sentence: Span) -> tuple[list[Value], list[Value]]:
        """The values a claim in this sentence must match, and those out of date when the article
        appeared (a match with one of those is a warning, not an error). A sentence that names a
        source ("according to USGS", "menurut BMKG", "据…", "…によると") is held to that source's
        values; a dated article to the value on record on its day."""
        text = mentions.article.prose
        named = [v for v in self.values if v.words is not None and next(v.words.finditer(text, sentence.start,
                                                                                        sentence.end), None)]
        values = named or self.values
        timed = [v for v in values if v.since is not None]
        day = mentions.article.date
        if not timed or day is None:
            return values, []
        current = max((v for v in timed if v.since <= day), key=lambda v: v.since, default=None)
        if current is None:  # the article appeared before the first value: the first is what it could know
            current = min(timed, key=lambda v: v.since)
        untimed = [v for v in values if v.since is None]
        return untimed + [current], [v for v in timed if v.since < current.since]

    def _candidates(self, found: list[QuantityMention]) -> list[QuantityMention]:
        if self.unit is None:
            return [q for q in found if q.unit is None]
        mine = [q for q in found if q.unit == self.unit]
        if mine or self.unit in MARKED:
            return mine
        return [q for q in found if q.unit is None]

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        text = mentions.article.prose
        figures = mentions.figures_by_sentence(self.unit_words)
        among = frozenset(start for start, found in figures.items() if self._candidates(found))
        for sentence, triggers in mentions.claims(self.fact.applies, self.fact.langs, among):
            starts = [t.start for t in triggers]
            near = [(gap, q) for q in self._candidates(figures[sentence.span.start])
                    if (gap := nearest(q.figure, triggers, starts, text, self.within)) <= self.within]
            if any(_may_be_a_day(q) for _, q in near):  # "9 March", "3月9日": ask the dates (which costs)
                dates = [d.span for d in mentions.dates(sentence.span)]
                near = [(gap, q) for gap, q in near if not _may_be_a_day(q)
                        or not any(d.start < q.figure.end and q.figure.start < d.end for d in dates)]
            if not near:
                continue
            # The new value of a change is the claim ("rose to 1,400, up from 912"; "从96人升至127人").
            changed = [x for x in near if x[1].change == "to"] or [x for x in near if x[1].change != "from"] or near
            claim = min(changed, key=lambda x: x[0])[1]
            current, stale = self.on_record(mentions, sentence.span)
            if any(self._fits(claim, v) for v in current):
                continue
            words = show(mentions.article.slice(claim.span))
            read = f"{HEDGE_WORDS[claim.hedge]} " if claim.hedge else ""
            read += figure(claim.value) + ("%" if claim.unit == "percent" else "")
            expected = "; ".join(v.describe(self._unit_text) for v in current)
            old = next((v for v in stale if self._fits(claim, v)), None)
            if old is not None:
                yield self.hit(claim.span, f'article says "{words}" ({read}), which was on record before; on '
                               f"{mentions.article.date.isoformat() if mentions.article.date else '?'} it was "
                               f"{expected}", words, expected, min(self.fact.severity, Severity.WARNING))
                continue
            yield self.hit(claim.span, f'article says "{words}" ({read}), expected {expected}', words, expected)

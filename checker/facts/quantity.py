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

import math
from typing import Iterator

from ..mentions import Mentions
from ..mentions.quantities import QuantityMention, interval, units
from ..model import show
from ..rules import RuleSet
from .base import FactCheck, Hit
from .date import _nearest

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


class QuantityCheck(FactCheck):
    kind = "quantity"

    def compile(self) -> None:
        spec = self.fact.spec
        expected = spec["expected"]
        if isinstance(expected, dict):
            low, high = expected.get("min", -math.inf), expected.get("max", math.inf)
            if low > high:
                raise self.fact.error(f"'expected': min {figure(low)} is above max {figure(high)}", "expected")
        else:
            low = high = float(expected)
        self.low, self.high = float(low), float(high)
        self.unit = spec.get("unit")
        known = units()
        if self.unit is not None and self.unit != "percent" and self.unit not in known and not spec.get("unit_words"):
            names = ", ".join(["percent", *sorted(known)])
            raise self.fact.error(f"unknown unit '{self.unit}' (known: {names}; or give its words in 'unit_words')",
                                  "unit")
        self.unit_words = units_of(self.rules)
        tolerance = spec.get("tolerance", 0)
        if isinstance(tolerance, str):  # "0.5%": a share of the expected figure
            share = float(tolerance.rstrip("%")) / 100
            ref = max(abs(self.low), abs(self.high)) if math.isfinite(self.low) and math.isfinite(self.high) \
                else abs(self.low if math.isfinite(self.low) else self.high)
            tolerance = share * ref
        self.tolerance = float(tolerance)
        self.exact = bool(spec.get("exact", False))
        self.within = int(spec.get("within", 80))

    def describe_expected(self) -> str:
        unit = f" {self.unit}" if self.unit and self.unit != "percent" else ("%" if self.unit == "percent" else "")
        if self.low == self.high:
            return f"{figure(self.low)}{unit}"
        if not math.isfinite(self.low):
            return f"at most {figure(self.high)}{unit}"
        if not math.isfinite(self.high):
            return f"at least {figure(self.low)}{unit}"
        return f"{figure(self.low)} to {figure(self.high)}{unit}"

    def agrees(self, q: QuantityMention) -> bool:
        if self.exact and q.step > 1 and q.value == int(q.value) and q.hedge is None:
            q = QuantityMention(q.span, q.figure, q.value, 1.0, q.unit, q.hedge)
        low, high = interval(q)
        return low <= self.high + self.tolerance and self.low - self.tolerance <= high and \
            not (q.hedge == "more_than" and self.high + self.tolerance <= q.value) and \
            not (q.hedge == "less_than" and self.low - self.tolerance >= q.value)

    def _candidates(self, found: list[QuantityMention]) -> list[QuantityMention]:
        if self.unit is None:
            return [q for q in found if q.unit is None]
        mine = [q for q in found if q.unit == self.unit]
        if mine or self.unit in MARKED:
            return mine
        return [q for q in found if q.unit is None]

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        text = mentions.article.prose
        for sentence, triggers in mentions.claims(self.fact.applies, self.fact.langs, mentions.holding_figures()):
            starts = [t.start for t in triggers]
            near = [(gap, q) for q in self._candidates(mentions.quantities(sentence.span, self.unit_words))
                    if (gap := _nearest(q.figure, triggers, starts, text, self.within)) <= self.within]
            if near and any(q.unit is None for _, q in near):  # a bare figure may be a date's day: ask
                dates = [d.span for d in mentions.dates(sentence.span)]
                near = [(gap, q) for gap, q in near
                        if not any(d.start < q.figure.end and q.figure.start < d.end for d in dates)]
            if not near:
                continue
            # The new value of a change is the claim ("rose to 1,400, up from 912"; "从96人升至127人").
            changed = [x for x in near if x[1].change == "to"] or [x for x in near if x[1].change != "from"] or near
            claim = min(changed, key=lambda x: x[0])[1]
            if self.agrees(claim):
                continue
            words = show(mentions.article.slice(claim.span))
            read = f"{HEDGE_WORDS[claim.hedge]} " if claim.hedge else ""
            read += figure(claim.value) + ("%" if claim.unit == "percent" else "")
            yield self.hit(claim.span, f'article says "{words}" ({read}), expected {self.describe_expected()}',
                           words, self.describe_expected())

"""kind: quantity. A figure (a toll, a share, an amount, a magnitude) must be the expected one,
as precisely as the article writes it: "1.3 million" agrees with 1,314,000, "at least 1,300"
with 1,314, "41.8%" and "nearly 42%" with 41.76%; "41.6%" and "more than 2,000" do not.

The claim is the new value of a change where the sentence tells one ("rose to 1,400, up from
912"), else the figure nearest to a word that makes the sentence about the fact, among the
sentence's figures of the fact's unit (a figure with another unit, a date, a year, a time of
day or an ordinal never is); for a count (people, votes, a unit of the rule file's own) a bare
figure may be the claim too, for a share or an amount only a figure with its mark.

A figure of another event or subject is no claim, and a word that made the sentence about the fact
but stands nearest such a figure made it about that other one (numbers.yaml ``other``): a trigger
of another event ("an aftershock of magnitude 5.1", "gempa susulan", "the previous quake"), a
figure of the rest ("the remaining 23.1%", "另有1150人"), a figure told in a past year's clause or
after an opening phrase of another time or place ("In 2019, ...", "In neighbouring X district, ..."),
and, when the fact names its person, a figure whose clause names another person of the rules
("Okafor's Labour Front won 31.7%"). The whole of "68 of the 120 seats" is a claim only when
nothing else is.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Iterator

from ..mentions import Mentions
from ..mentions.dates import other_event
from ..mentions.quantities import _CLAUSE, QuantityMention, interval, numbers, other_words, units
from ..language import Terms
from ..model import Severity, Span, show
from ..rules import RuleSet, terms_pattern
from .base import FactCheck, Hit, distance, nearest

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
    """A bare whole figure up to 31 may be the day or month of a date; so may four digits that
    read as a year of news, even with a unit word after them ("in 2019 killed 9 people"): a bare
    year is never read as a figure (see mentions/quantities.py), one with a unit is asked about."""
    return q.value == int(q.value) and (q.unit is None and 0 <= q.value <= 31 or
                                        1900 <= q.value <= 2100 and q.figure.end - q.figure.start == 4)


YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
LOWER_BOUNDS = ("at_least", "more_than")
PREDICATE = re.compile(r" *(?:[^\W\d_]+ +){0,2}")  # "were ", "have been ": a figure's verb before its trigger


def _clause(text: str, sentence: Span, at: int) -> Span:
    """The clause of the sentence around ``at``: between the commas, semicolons (and their CJK and
    Arabic forms) that stand on either side of it."""
    start = sentence.start
    for m in _CLAUSE.finditer(text, sentence.start, at):
        start = m.end()
    m = _CLAUSE.search(text, at, sentence.end)
    return Span(start, m.start() if m else sentence.end)


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
        # The people the fact is about (its trigger words name them): a figure nearest another
        # person of the rules is that person's. None named: no figure is given to anyone.
        names = terms_pattern(self.fact.applies.any) if self.fact.applies.any else None
        self.own_people = frozenset(
            e.id for e in self.rules.entities.values()
            if e.type == "person" and names is not None and any(next(names.finditer(n, 0, len(n)), None) for n in e.names))
        # The years the story happens in: its dated facts'. A year before the last of them (and
        # before the article's) that is none of them is another event's.
        self.years = frozenset(int(str(f.spec["expected"])[:4]) for f in self.rules.facts
                               if f.kind == "date" and re.match(r"[0-9]{4}", str(f.spec.get("expected", ""))))

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
        # A lower bound tells the count to its first digit ("more than 1,000" of 1,314): one under
        # half the record ("at least 12" of 112) is no way to write it.
        if q.hedge in LOWER_BOUNDS and math.isfinite(v.low) and v.low > 0 and q.value < 0.5 * (v.low - slack):
            return False
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

    def _candidates(self, found: list[QuantityMention], triggers: list[Span] | None = None,
                    text: str = "") -> list[QuantityMention]:
        """The figures of the fact's unit; for a count, bare figures when none has the unit, and a
        bare figure whose predicate is a trigger ("112 people were killed and 23,400 were displaced")."""
        if self.unit is None:
            return [q for q in found if q.unit is None]
        mine = [q for q in found if q.unit == self.unit]
        if mine or self.unit in MARKED:
            if mine and self.unit not in MARKED and triggers:
                mine += [q for q in found if q.unit is None and any(
                    0 <= t.start - q.span.end <= 12 and PREDICATE.fullmatch(text, q.span.end, t.start) for t in triggers)]
                mine.sort(key=lambda q: q.span.start)
            return mine
        return [q for q in found if q.unit is None]

    def _others(self, mentions: Mentions, sentence: Span, found: list[QuantityMention]) -> set[int]:
        """The indices of the figures of ``found`` that belong to another event or subject."""
        text = mentions.article.prose
        words = other_words(mentions.article.lang)
        out = set()
        for i, q in enumerate(found):
            if words.figure_before is not None and words.figure_before.search(
                    text, max(sentence.start, q.span.start - 30), q.span.start) or \
                    words.figure_after is not None and words.figure_after.match(
                        text, q.span.end + _blank(text, q.span.end, sentence.end), sentence.end):
                out.add(i)
        opening = _clause(text, sentence, sentence.start)
        opens = opening.end < sentence.end and not any(opening.start <= q.span.start < opening.end for q in found)
        if opens and words.setting is not None and words.setting.search(text, opening.start, opening.end):
            return set(range(len(found)))  # "In neighbouring Selatan district, 1,150 people ..."
        for clause in self._past_clauses(mentions, sentence):
            if clause == opening and opens:
                return set(range(len(found)))  # "In 2019, ...", "Pada 2019, ...", "2019年，..."
            inside = [i for i, q in enumerate(found) if clause.start <= q.span.start < clause.end]
            if not any(found[i].change == "from" for i in inside):  # "up from 39.8% in 2022": that one's year
                out.update(inside)
        if self.own_people:
            out.update(self._others_people(mentions, sentence, found))
        return out

    def _past_clauses(self, mentions: Mentions, sentence: Span) -> list[Span]:
        """The clauses of the sentence that tell a past year's event ("in 2019", "Pada 2019,",
        "2019年同一海岸", "عام 2023"): a year before the article's and the story's, none of theirs.
        A year that opens a period ("since 2019", "depuis 2019") is not such an event."""
        text = mentions.article.prose
        day = mentions.article.date
        known = self.years | ({day.year} if day is not None else set())
        if not known or not YEAR.search(text, sentence.start, sentence.end):
            return []
        last = max(known)
        return [_clause(text, sentence, d.span.start) for d in mentions.dates(sentence)
                if not d.role and d.value is not None and d.value.year is not None and d.value.year < last
                and d.value.year not in known]

    def _others_people(self, mentions: Mentions, sentence: Span, found: list[QuantityMention]) -> set[int]:
        """"The Labour Front of Lena Okafor came second with 31.7% and 41 seats": a figure whose
        clause names a person of the rules, the nearest of them not the fact's, is that person's.
        In Chinese and Japanese a person named in the sentence's first clause is the topic of the
        clauses after it that name none ("オカフォー元外相の労働戦線は得票率31.7%、41議席")."""
        text = mentions.article.prose
        people = [e for e in mentions.entities(sentence)
                  if e.entity in self.rules.entities and self.rules.entities[e.entity].type == "person"]
        if not people:
            return set()
        first = _clause(text, sentence, sentence.start)
        topic = numbers(mentions.article.lang).cjk
        out = set()
        for i, q in enumerate(found):
            clause = _clause(text, sentence, q.figure.start)
            here = [p for p in people if clause.start <= p.span.start < clause.end] or \
                [p for p in people if topic and first.start <= p.span.start < first.end]
            if here and min(here, key=lambda p: distance(p.span, q.figure, text)).entity not in self.own_people:
                out.add(i)
        return out

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        text = mentions.article.prose
        lang = mentions.article.lang or "en"
        marks = other_words(lang)
        figures = mentions.figures_by_sentence(self.unit_words)
        among = frozenset(start for start, found in figures.items() if self._candidates(found))
        for sentence, triggers in mentions.claims(self.fact.applies, self.fact.langs, among):
            found = self._candidates(figures[sentence.span.start], triggers, text)
            if any(_may_be_a_day(q) for q in found):  # "9 March", "3月9日", "in 2019": ask the dates (which costs)
                dates = [d.span for d in mentions.dates(sentence.span)]
                found = [q for q in found if not _may_be_a_day(q)
                         or not any(d.start < q.figure.end and q.figure.start < d.end for d in dates)]
            if not found:
                continue
            others = self._others(mentions, sentence.span, found)
            # A trigger of another event ("an aftershock of magnitude", "gempa susulan", "the
            # previous quake") anchors no claim, nor one whose nearest figure is another's.
            elsewhere = [t for t in triggers if other_event(text, t, lang) or _other_trigger(text, t, marks)]
            own = []
            for t in triggers:
                if t in elsewhere:
                    continue
                closest = min(range(len(found)), key=lambda i: distance(found[i].figure, t, text, self.within))
                if closest in others and distance(found[closest].figure, t, text, self.within) <= self.within:
                    elsewhere.append(t)
                else:
                    own.append(t)
            if not own:
                continue
            starts = [t.start for t in own]
            other_starts = [t.start for t in elsewhere]
            near = []
            for i, q in enumerate(found):
                if i in others:
                    continue
                gap = nearest(q.figure, own, starts, text, self.within)
                if gap <= self.within and not (elsewhere and nearest(q.figure, elsewhere, other_starts, text,
                                                                     gap) < gap):
                    near.append((gap, q))
            if not near:
                continue
            # The new value of a change is the claim ("rose to 1,400, up from 912"; "从96人升至127人");
            # a bare "to" ("à", "至") says so only where the sentence gives the old value too. The
            # whole a count is part of ("of the 120 seats") is the claim only when nothing else is.
            old_given = any(q.change == "from" for q in found)
            changed = [x for x in near if x[1].change == "to" or x[1].change == "to_bare" and old_given] or \
                [x for x in near if x[1].change != "from" and not x[1].whole] or \
                [x for x in near if x[1].change != "from"] or near
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


def _blank(text: str, at: int, end: int) -> int:
    i = at
    while i < end and text[i] in " \u00a0\u202f":
        i += 1
    return i - at


def _other_trigger(text: str, trigger: Span, words) -> bool:  # type: ignore[no-untyped-def]
    """A trigger of another event of the fact's kind, by numbers.yaml's ``other`` words: "an
    aftershock of magnitude 5.1", "une réplique de magnitude", "gempa susulan"."""
    return bool(words.event_before is not None and words.event_before.search(text, max(0, trigger.start - 20),
                                                                             trigger.start)
                or words.event_after is not None and words.event_after.match(
                    text, trigger.end + _blank(text, trigger.end, len(text))))

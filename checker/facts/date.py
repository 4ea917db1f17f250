"""kind: date. The article may state less than the fact (a year, "February 24"), never other."""
from __future__ import annotations

import datetime as dt
import functools
from typing import Iterator

import regex

from ..mentions import Mentions
from ..mentions.dates import (WEEKDAYS, DateMention, DateValue, _extra, future_date, future_tense, locale, other_event,
                              statement_date)
from ..model import Severity, Span, show
from .base import FactCheck, Hit, nearest


class DateCheck(FactCheck):
    kind = "date"

    def compile(self) -> None:
        day, _, clock = str(self.fact.spec["expected"]).partition("T")
        self.time: int | None = None  # minutes after midnight, in the fact's zone
        self.zone = 0.0  # hours from UTC
        if clock:
            m = regex.fullmatch(r"(\d{2}):(\d{2})(Z|([+-])(\d{2}):(\d{2}))?", clock)
            if m is None or m.group(3) is None:
                raise self.fact.error(f"'expected' {self.fact.spec['expected']!r}: a time needs its zone, such as "
                                      f"{day}T{clock[:5]}+07:00 or {day}T{clock[:5]}Z", "expected")
            hours, minutes = int(m.group(1)), int(m.group(2))
            if hours > 23 or minutes > 59:
                raise self.fact.error(f"'expected' {self.fact.spec['expected']!r} is not a time of day", "expected")
            self.time = hours * 60 + minutes
            if m.group(3) != "Z":
                sign = -1 if m.group(4) == "-" else 1
                self.zone = sign * (int(m.group(5)) + int(m.group(6)) / 60)
        self.tolerance = int(self.fact.spec.get("tolerance", 0))
        parts = [int(p) for p in day.split("-")]
        parts += [None] * (3 - len(parts))  # type: ignore[list-item]
        self.expected = DateValue(*parts)
        if self.expected.year == 0:  # no calendar has a year 0, and a falsy year read as "?"
            raise self.fact.error(f"'expected' {self.fact.spec['expected']!r} is not a date (years start at 0001)",
                                  "expected")
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
        return self.expected.describe() + (f" {self._clock(self.time)}" if self.time is not None else "")

    def _clock(self, minutes: int) -> str:
        zone = f"UTC{'+' if self.zone >= 0 else '-'}{abs(self.zone):g}" if self.zone else "UTC"
        return f"{minutes // 60:02d}:{minutes % 60:02d} {zone}"

    def agrees(self, value: DateValue) -> bool:
        e = self.expected
        for part in ("year", "month", "day"):
            got, want = getattr(value, part), getattr(e, part)
            if got is not None and want is not None and got != want:
                return False
        # A weekday with a day and month but no year ("Jumat (9/3)") is compared with the fact's;
        # next to a full date it is checked against that date instead (see check).
        if value.weekday is not None and self.weekday is not None and value.year is None and \
                value.weekday != self.weekday:
            return False
        return True

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        lang = mentions.article.lang or "en"
        past = self._past(mentions)
        for sentence, triggers in mentions.claims(self.fact.applies, self.fact.langs):
            text = mentions.article.prose
            own, others = self._own(text, triggers, lang, past)
            if not own:
                continue
            starts = [t.start for t in own]  # sorted: claims() returns triggers in order
            other_starts = [t.start for t in others]
            dates = mentions.dates(sentence.span)
            near = []
            for d in dates:
                if d.role:  # it opens a period ("since 2010") or is the event compared with
                    continue
                if statement_date(text, d.span, max((t.end for t in own if t.end <= d.span.start), default=0), lang):
                    continue  # the day it was said: "..., kata Kepala BPBD, Rabu"
                if past and future_date(text, d.span, lang):
                    continue  # "will publish the results of the election on May 18": yet to come
                if same_place(text, d.span, sentence.span, triggers, lang):
                    continue  # "a quake that struck the same coast in 2019": an earlier event there
                gap = nearest(d.span, own, starts, text, self.within)
                if gap <= self.within and not (others and nearest(d.span, others, other_starts, text, gap) < gap):
                    near.append((gap, d))
            if not near:
                continue
            # The claim is the date nearest to a word that made the sentence about this fact;
            # a relative date that cannot be resolved (no publication date) is left alone.
            claim = min(near, key=lambda x: x[0])[1]
            if claim.weekday_contradicts():
                yield self._weekday_hit(mentions, claim)
            # A comparison names two events of one kind ("the 2021 flood was smaller than Tuesday's"):
            # when the one compared with may be the fact's, the other is not a claim about it.
            if any(d.role == "compared" and (d.value is None or self.agrees(d.value)) for d in dates):
                continue
            if claim.value is not None and not self.agrees(claim.value):
                words = show(mentions.article.slice(claim.span))  # claim.text is prose: comments blanked
                yield self.hit(claim.span, f'article says "{words}" ({claim.value.describe()}), expected '
                               f'{self.expected.describe()}', words, self.expected.describe())
        if self.time is not None:
            yield from self._check_times(mentions)

    def _past(self, mentions: Mentions) -> bool:
        """A fact dated before the article is a past event: a trigger in the future tense ("the boats
        will arrive in June") is another event, however alike."""
        day = mentions.article.date
        return day is not None and self.expected.year is not None and \
            (self.expected.year, self.expected.month or 12, self.expected.day or 31) < (day.year, day.month, day.day)

    @staticmethod
    def _own(text: str, triggers: list[Span], lang: str, past: bool) -> tuple[list[Span], list[Span]]:
        """The triggers that may anchor a claim, and those that name another event of the kind ("the
        previous eruption", "gempa susulan", "will arrive" of a past fact): a date or time nearer to
        one of the latter than to any other trigger belongs to that other event."""
        others = [t for t in triggers if other_event(text, t, lang) or past and future_tense(text, t, lang)]
        return [t for t in triggers if t not in others], others

    def _weekday_hit(self, mentions: Mentions, claim: DateMention) -> Hit:
        """"Friday, 9 March 2023": the weekday is not its own date's; a warning at the weekday, whether
        or not the date agrees with the fact (one of the two is wrong, the text cannot say which)."""
        assert claim.value is not None and claim.weekday_span is not None
        v = claim.value
        real = WEEKDAYS[dt.date(v.year, v.month, v.day).weekday()].title()  # type: ignore[arg-type]
        said = WEEKDAYS[v.weekday].title()  # type: ignore[index]
        words = show(mentions.article.slice(claim.weekday_span))
        whole = show(mentions.article.slice(claim.span))
        return self.hit(claim.weekday_span, f'article says "{whole}": {v.describe()} was a {real}, not a {said}',
                        words, real, min(self.fact.severity, Severity.WARNING))

    def _check_times(self, mentions: Mentions) -> Iterator[Hit]:
        """The time of day nearest a trigger, in the zone the sentence names (else the fact's),
        against the expected time after conversion: "20:40 GMT" agrees with 03:40+07:00."""
        text = mentions.article.prose
        assert self.time is not None
        lang, past = mentions.article.lang or "en", self._past(mentions)
        for sentence, triggers in mentions.claims(self.fact.applies, self.fact.langs, mentions.holding_figures()):
            own, others = self._own(text, triggers, lang, past)
            starts, other_starts = [t.start for t in own], [t.start for t in others]
            near = [(gap, t) for t in mentions.times(sentence.span)
                    if (gap := nearest(t.span, own, starts, text, self.within)) <= self.within
                    and not (others and nearest(t.span, others, other_starts, text, gap) < gap)]
            if not near:
                continue
            claim = min(near, key=lambda x: x[0])[1]
            zone = self.zone if claim.zone is None else claim.zone
            here = round(claim.minutes - zone * 60 + self.zone * 60) % 1440  # in the fact's zone
            off = min(abs(here - self.time), 1440 - abs(here - self.time))
            if off <= self.tolerance + (30 if claim.approximate else 0):
                continue
            words = show(mentions.article.slice(claim.span))
            said = f"{claim.minutes // 60:02d}:{claim.minutes % 60:02d}" + (
                f", {self._clock(here)}" if claim.zone is not None and claim.zone != self.zone else "")
            yield self.hit(claim.span, f'article says "{words}" ({said}), expected {self._clock(self.time)}',
                           words, self._clock(self.time))


# Where a clause ends: a comma before a space (not "5,8"), a Chinese or Japanese comma, a stop.
_CLAUSE = regex.compile(r"[;:；：。!?！？]|,(?=\s)|[，、،؛]")


@functools.lru_cache(maxsize=None)
def _same(lang: str) -> tuple["regex.Pattern[str] | None", "regex.Pattern[str] | None", tuple[str, ...], bool,
                             frozenset[str]]:
    """The patterns of "the same <noun>" (same_before) and "<noun> yang sama" (same_after) with the
    noun as group ``noun``, and the time nouns (same_time_nouns) that make it the same time instead."""
    extra = _extra().get(lang, {})
    try:
        cjk = locale(lang).cjk
    except (OSError, RuntimeError, KeyError):
        return None, None, (), False, frozenset()

    def alt(key: str) -> str:  # longest first
        return "|".join(regex.escape(w) for w in sorted(extra.get(key, []), key=len, reverse=True))

    flags = regex.IGNORECASE
    before = after = None
    if extra.get("same_before"):
        before = regex.compile(rf"(?:{alt('same_before')})[个個场場次起の]?(?P<noun>\w{{1,4}})" if cjk else
                               rf"(?<!\w)(?:{alt('same_before')})\s+(?P<noun>\w+)", flags)
    if extra.get("same_after"):
        after = regex.compile(rf"(?<!\w)(?P<noun>\w+)\s+(?:{alt('same_after')})(?!\w)", flags)
    # A time noun is the noun itself, or the noun with a glued prefix (Arabic "واليوم", word_prefixes);
    # in Chinese and Japanese the noun group holds what follows too ("同一天晚上"): its first characters.
    nouns = tuple(w.lower() for w in extra.get("same_time_nouns", []))
    return before, after, nouns, cjk, frozenset(extra.get("word_prefixes", []))


def same_place(text: str, date: Span, sentence: Span, triggers: list[Span], lang: str) -> bool:
    """A date in a clause that names "the same <place>" ("a quake that struck the same coast in 2019",
    "di pesisir yang sama", "sur la même île", "同一海岸", "同じ地域", "المنطقة نفسها") is that of another
    event at the fact's place. Not "the same day" (a time noun: the fact's own day, said again), nor
    "the same quake" (a trigger: the fact's own event). An opening date phrase and its comma ("Pada
    2019, gempa di pesisir yang sama ...") belong to the clause after them."""
    before, after, nouns, cjk, glued = _same(lang)
    if not any(p and p.search(text, sentence.start, sentence.end) for p in (before, after)):
        return False
    ends = [m.start() for m in _CLAUSE.finditer(text, sentence.start, sentence.end)]
    start = max((e + 1 for e in ends if e < date.start), default=sentence.start)
    stop = min((e for e in ends if e >= date.end), default=sentence.end)
    opening = text[start:date.start]  # "In 2019," "Pada 2019," "2019年，": at most a preposition before it
    if start == sentence.start and stop < sentence.end and not regex.search(r"\w", text[date.end:stop]) and \
            (len(opening.strip()) <= 2 if cjk else len(opening.split()) <= 2) and \
            not any(start <= t.start < date.start for t in triggers):
        stop = min((e for e in ends if e > stop), default=sentence.end)  # "In 2019, ..." opens the clause after
    for pattern in (before, after):
        for m in pattern.finditer(text, start, stop) if pattern else ():
            noun = m.group("noun").lower()
            if any(t.start == m.start("noun") if cjk else t.start < m.end("noun") and m.start("noun") < t.end
                   for t in triggers):
                continue  # "the same quake": the fact's own event
            if any(noun.startswith(n) if cjk else noun == n or noun.endswith(n) and noun[:-len(n)] in glued
                   for n in nouns):
                continue  # "the same day", "同一天", "في اليوم نفسه": the same time, not another event
            return True
    return False

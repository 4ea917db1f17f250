"""kind: date. The article may state less than the fact (a year, "February 24"), never other."""
from __future__ import annotations

import datetime as dt
from typing import Iterator

import regex

from ..mentions import Mentions
from ..mentions.dates import DateValue
from ..model import show
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
        if value.weekday is not None and self.weekday is not None and value.weekday != self.weekday:
            return False
        return True

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        for sentence, triggers in mentions.claims(self.fact.applies, self.fact.langs):
            text = mentions.article.prose
            starts = [t.start for t in triggers]  # sorted: claims() returns triggers in order
            near = [(gap, d) for d in mentions.dates(sentence.span)
                    if (gap := nearest(d.span, triggers, starts, text, self.within)) <= self.within]
            if not near:
                continue
            # The claim is the date nearest to a word that made the sentence about this fact;
            # a relative date that cannot be resolved (no publication date) is left alone.
            claim = min(near, key=lambda x: x[0])[1]
            if claim.value is not None and not self.agrees(claim.value):
                words = show(mentions.article.slice(claim.span))  # claim.text is prose: comments blanked
                yield self.hit(claim.span, f'article says "{words}" ({claim.value.describe()}), expected '
                               f'{self.expected.describe()}', words, self.expected.describe())
        if self.time is not None:
            yield from self._check_times(mentions)

    def _check_times(self, mentions: Mentions) -> Iterator[Hit]:
        """The time of day nearest a trigger, in the zone the sentence names (else the fact's),
        against the expected time after conversion: "20:40 GMT" agrees with 03:40+07:00."""
        text = mentions.article.prose
        assert self.time is not None
        for sentence, triggers in mentions.claims(self.fact.applies, self.fact.langs, mentions.holding_figures()):
            starts = [t.start for t in triggers]
            near = [(gap, t) for t in mentions.times(sentence.span)
                    if (gap := nearest(t.span, triggers, starts, text, self.within)) <= self.within]
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

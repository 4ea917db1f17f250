"""Find dates: one compiled candidate pattern per language, dateparser only on the candidates.

The word lists (months, weekdays, relative phrases) come from dateparser's own locale
data, read as a plain file so that dateparser itself is imported only when a candidate
must actually be parsed. Precision comes from ``DateData.parts``, never from ``period``.
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from ..model import Span

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNITS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class DateValue:
    """A date at the precision the text states it; None marks a part the text leaves open."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday is 0

    def describe(self) -> str:
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.year and self.month:
            return f"{self.year:04d}-{self.month:02d}"
        if self.month and self.day:
            return f"{MONTHS[self.month - 1].title()} {self.day} (no year)"
        if self.year:
            return f"{self.year:04d}"
        if self.month:
            return f"{MONTHS[self.month - 1].title()} (no year)"
        if self.weekday is not None:
            return WEEKDAYS[self.weekday].title()
        return "?"


@dataclass(frozen=True)
class DateMention:
    span: Span
    text: str
    value: DateValue | None  # None: relative, and the article has no publication date
    relative: bool


@dataclass
class _Locale:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, str]  # phrase -> dateparser's canonical key ("1 year ago")
    year_relative: list[str]  # "last year", "this year", "next year"
    weekday_modifiers: dict[str, str]  # phrase -> "last", "this" or "next"
    month_prepositions: list[str]
    pattern: "regex.Pattern[str]"


# Words that may stand before a month named alone ("in February"). Per language, as data.
MONTH_PREPOSITIONS = {"en": ["in", "since", "until", "by", "from", "last", "this", "next", "early", "late", "mid"]}


def _locale_data(lang: str) -> dict[str, Any]:
    spec = importlib.util.find_spec("dateparser")  # locates the package without importing it
    if spec is None or spec.origin is None:
        raise RuntimeError("dateparser is not installed")
    path = Path(spec.origin).parent / "data" / "date_translation_data" / f"{lang}.py"
    namespace: dict[str, Any] = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # a dict literal
    return namespace["info"]


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.lru_cache(maxsize=None)
def locale(lang: str) -> _Locale:
    info = _locale_data(lang)
    months = {w.lower(): i + 1 for i, m in enumerate(MONTHS) for w in info.get(m, []) if len(w) >= 3}
    weekdays: dict[str, int] = {}
    for i, d in enumerate(WEEKDAYS):
        words = [w for w in info.get(d, []) if len(w) >= 3]
        if words:  # the full name only: "sun", "sat" and "we" are ordinary words
            weekdays[max(words, key=len).lower()] = i
    relative: dict[str, str] = {}
    year_relative: list[str] = []
    modifiers: dict[str, str] = {}  # "last" -> "last": the phrase's meaning is the key's first word
    for key, phrases in info.get("relative-type", {}).items():
        unit = next((u for u in UNITS if regex.search(rf"\b{u}\b", key)), None)
        day_name = next((d for d in WEEKDAYS if d in key), None)
        for p in phrases:
            if day_name:
                words = p.lower().split()
                if len(words) == 2 and words[1] not in weekdays and words[0] not in weekdays:
                    continue
                mod = " ".join(w for w in words if w not in weekdays and w not in info.get(day_name, []))
                if mod:
                    modifiers[mod] = key.split()[0]
            elif unit:
                relative[p.lower()] = key
                if unit == "year" and regex.match(r"^(0|1) year ago$|^in 1 year$", key):
                    year_relative.append(p.lower())
    preps = MONTH_PREPOSITIONS.get(lang, [])
    M = _alternation(list(months))
    W = _alternation(list(weekdays))
    R = _alternation(list(relative))
    RY = _alternation(year_relative) or "(?!)"
    MOD = _alternation(sorted(modifiers)) or "(?!)"
    P = _alternation(preps) or "(?!)"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
    year_core = r"(?:1[6-9]|20|21)\d\d"
    year = year_core + r"(?![\d:])"
    pattern = rf"""
        (?<![\w\-/.])(?P<iso>{year_core}-\d\d-\d\d)(?!\d)
      | (?<![\w.])(?P<dmy>{day}\s+(?:of\s+)?(?:{M})\.?(?:,?\s+{year})?)(?!\w)
      | (?<![\w.])(?P<mdy>(?:{M})\.?\s+{day}(?:,?\s+{year})?)(?!\w)
      | (?<![\w.])(?P<my>(?:{M})\.?,?\s+{year})
      | (?<![\w.])(?P<mrel>(?P<mrel_month>{M})\s+(?P<mrel_year>{RY}))(?!\w)
      | (?<![\w.])(?P<wd>(?:(?P<wd_mod>{MOD})\s+)?(?P<wd_day>{W}))(?!\w)
      | (?<![\w.])(?P<rel>{R})(?!\w)
      | (?<=(?<!\w)(?:{P})\s+)(?P<m>{M})(?!\w)
      | (?<![\w\-/.$€£¥,])(?P<y>{year})(?![\-/,.]\d|%|\w)
    """
    return _Locale(months, weekdays, relative, year_relative, modifiers, preps,
                   regex.compile(pattern, regex.IGNORECASE | regex.VERBOSE))


@functools.lru_cache(maxsize=8)
def _parser(lang: str, base: dt.datetime) -> Any:
    from dateparser.date import DateDataParser  # imported only when a candidate must be parsed

    return DateDataParser(languages=[lang], settings={
        "PREFER_DAY_OF_MONTH": "first", "PREFER_MONTH_OF_YEAR": "first", "RELATIVE_BASE": base,
        "RETURN_AS_TIMEZONE_AWARE": False,
    })


# A fixed base for absolute dates: the parts we keep never depend on it.
NEUTRAL_BASE = dt.datetime(2000, 6, 15, 12, 0)


def _parse(lang: str, text: str, base: dt.datetime) -> DateValue | None:
    try:
        data = _parser(lang, base).get_date_data(text)
    except (ValueError, OverflowError, TypeError, KeyError):  # dateparser's own failures on odd spans
        return None
    if data is None or data.date_obj is None:
        return None
    parts = set(getattr(data, "parts", None) or ())
    d = data.date_obj
    return DateValue(d.year if "year" in parts else None, d.month if "month" in parts else None,
                     d.day if "day" in parts else None)


def find_dates(text: str, span: Span, lang: str, published: dt.date | None) -> list[DateMention]:
    """Every date stated in ``text[span]``, each with its exact offsets."""
    try:
        loc = locale(lang)
    except (OSError, RuntimeError, KeyError):
        return []
    base = dt.datetime.combine(published, dt.time(12)) if published else None
    found: list[DateMention] = []
    for m in loc.pattern.finditer(text, span.start, span.end):
        whole = next(g for g in ("iso", "dmy", "mdy", "my", "mrel", "wd", "rel", "m", "y") if m.group(g))
        s = Span(m.start(whole), m.end(whole))
        if text[s.end - 1] == "." and _full_word_before_dot(text, s, loc):
            s = Span(s.start, s.end - 1)  # the sentence's full stop, not an abbreviation's
        phrase = text[s.start:s.end]
        value: DateValue | None
        relative = whole in ("mrel", "wd", "rel")
        if whole == "m":
            value = DateValue(month=loc.months[phrase.lower()])
        elif whole == "wd":
            weekday = loc.weekdays[m.group("wd_day").lower()]
            value = None  # "on Monday" means nothing without the publication date
            if published is not None:
                direction = loc.weekday_modifiers.get((m.group("wd_mod") or "").lower(), "")
                value = _resolve_weekday(published, weekday, direction)
        elif whole == "mrel":
            value = None
            if base is not None:
                year = _parse(lang, m.group("mrel_year"), base)
                if year is not None and year.year is not None:
                    value = DateValue(year.year, loc.months[m.group("mrel_month").lower()])
        elif whole == "rel":
            value = _parse(lang, phrase, base) if base is not None else None
        else:
            value = _parse(lang, phrase, NEUTRAL_BASE)
        if value is None and not relative:
            continue
        found.append(DateMention(s, phrase, value, relative))
    return found


def _full_word_before_dot(text: str, span: Span, loc: _Locale) -> bool:
    word = regex.search(r"(\w+)\.$", text[span.start:span.end])
    return bool(word) and word.group(1).lower() in loc.months and len(word.group(1)) > 4 or \
        bool(word) and word.group(1).isdigit()


def _resolve_weekday(published: dt.date, weekday: int, direction: str) -> DateValue:
    """A weekday in news copy is the most recent one on or before the publication date."""
    back = (published.weekday() - weekday) % 7
    if direction == "last" and back == 0:
        back = 7
    day = published - dt.timedelta(days=back)
    if direction == "next":
        day = published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    return DateValue(day.year, day.month, day.day, weekday)

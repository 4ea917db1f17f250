"""Find dates: one compiled candidate pattern per language, exact offsets, no search_dates.

The word lists (months, weekdays, relative phrases) come from dateparser's own locale data,
read as plain files, plus ``checker/data/dates.yaml`` for the words news copy uses and that
data lacks. Absolute dates are read from the pattern's own groups (day, month word, year): the
pattern has already taken them apart, and dateparser cannot read some of them (Chinese "2月24日",
Levantine "شباط", Chinese numerals). Relative phrases ("last year", "去年") are resolved by
dateparser against the publication date, never today; so dateparser is imported only for
an article that has one. Precision is what the text states: the parts it names.
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import regex

from ..language import FOLD_UNSAFE, lowered
from ..model import Span
from ..yamlload import load_plain

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNITS = ("day", "week", "month", "year")
DATA = Path(__file__).resolve().parent.parent / "data" / "dates.yaml"

# Arabic-Indic, Persian and full-width digits, one for one, so offsets into the text do not move.
_DIGITS = str.maketrans({**{chr(0x660 + i): str(i) for i in range(10)},
                         **{chr(0x6F0 + i): str(i) for i in range(10)},
                         **{chr(0xFF10 + i): str(i) for i in range(10)}})
_FOREIGN_DIGIT = re.compile(r"[\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]")  # re: a plain class, searched per sentence
_MONTH_END = regex.compile(r"\s*[/(]")  # "فبراير/شباط", "Feb. (February)": the first name ends there
_LEADING_NUMBER = regex.compile(r"\d+")
_WORD_AND_DOT = regex.compile(r"(\w+)\.$")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # without a year, 29 February may be


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
    lang: str
    months: dict[str, int]  # word (normalised) -> 1..12; empty for CJK, whose months are numbers
    weekdays: dict[str, int]
    relative: dict[str, str]  # phrase -> the phrase of dateparser's own data with the same meaning
    year_relative: set[str]  # the relative phrases that name a year ("last year", "去年")
    weekday_before: dict[str, str]  # modifier -> direction (see dates.yaml)
    weekday_after: dict[str, str]
    month_after: dict[str, str]  # "dernier" -> "last"
    eras: dict[str, int]
    pattern: "regex.Pattern[str]" = field(repr=False)
    starts: "re.Pattern[str] | None" = field(default=None, repr=False)  # see _word_starts


def _norm(word: str) -> str:
    """The lookup form of a word: lower case, one apostrophe (French news prints both ' and ’)."""
    return word.lower().replace("’", "'")


def _alternation(words) -> str:  # type: ignore[no-untyped-def]
    """Longest first, so that "février" is tried before "févr"; either apostrophe matches.
    An empty list matches nothing, so that a form a language lacks costs nothing."""
    escaped = (regex.escape(w).replace("'", "['’]") for w in sorted({_norm(w) for w in words}, key=len, reverse=True))
    return "|".join(escaped) or "(?!)"


def _starts(*word_lists, digit: bool = False) -> str:  # type: ignore[no-untyped-def]
    """A look-ahead for the first character of any of the words: it lets the engine drop an
    alternative at once, and made the scan several times faster than trying each alternative."""
    chars = {c for words in word_lists for w in words if w for c in (w[0].lower(), w[0].upper())}
    body = regex.escape("".join(sorted(chars))) + (r"\d" if digit else "")
    return rf"(?=[{body}])" if body else "(?!)"


def _is_word(w: str) -> bool:
    """A usable name: letters only (not "(月)", not "كانون 2"), and long enough not to be a
    common word by accident ("we", "sa", Japanese 月 as Monday): 3 letters in Latin script, 2 in others."""
    return bool(regex.fullmatch(r"[\p{L}\p{M}]+(?:[ '’][\p{L}\p{M}]+)*", w)) and \
        len(w) >= (3 if regex.match(r"\p{Latin}", w) else 2)


def _locale_data(lang: str) -> dict[str, Any]:
    spec = importlib.util.find_spec("dateparser")  # locates the package without importing it
    if spec is None or spec.origin is None:
        raise RuntimeError("dateparser is not installed")
    path = Path(spec.origin).parent / "data" / "date_translation_data" / f"{lang}.py"
    namespace: dict[str, Any] = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # a dict literal
    return namespace["info"]


@functools.lru_cache(maxsize=None)
def _extra() -> dict[str, dict[str, Any]]:
    return load_plain(DATA.read_text(encoding="utf-8")) or {}


@functools.lru_cache(maxsize=None)
def locale(lang: str) -> _Locale:
    """Word lists and the compiled candidate pattern of one language, built once."""
    info = _locale_data(lang)
    extra = _extra().get(lang, {})
    cjk = bool(info.get("no_word_spacing"))
    # Regional names count everywhere: Levantine "شباط" and Maghrebi "فيفري" are in ar-SY, ar-DZ...
    regional = list(info.get("locale_specific", {}).values())
    months: dict[str, int] = {}
    if not cjk:
        for i, m in enumerate(MONTHS):
            for w in info.get(m, []) + [w for sub in regional for w in sub.get(m, [])]:
                if _is_word(w):
                    months[_norm(w)] = i + 1

    weekdays: dict[str, int] = {}
    for i, d in enumerate(WEEKDAYS):
        words = [w for w in info.get(d, []) if _is_word(w)]
        # Abbreviations begin the full name ("mon", "lun", "sen") and are ordinary words too: dropped.
        words = [w for w in words if not any(o != w and _norm(o).startswith(_norm(w)) for o in words)]
        for w in words + extra.get("weekdays", {}).get(d, []):
            weekdays[_norm(w)] = i

    relative: dict[str, str] = {}
    before: dict[str, str] = {}
    table = info.get("relative-type", {})
    for key, phrases in table.items():
        day_name = next((d for d in WEEKDAYS if d in key), None)
        if day_name:  # "last monday": its first word is a modifier
            for p in phrases:
                words = _norm(p).split()
                if len(words) == 2 and words[1] in weekdays:
                    before[words[0]] = key.split()[0]
        elif regex.fullmatch(rf"(?:\d+ (?:{'|'.join(UNITS)}) ago|in \d+ (?:{'|'.join(UNITS)}))", key):
            for p in phrases:  # "1 year" without "ago" is a length of time ("setahun"), not a date
                relative[_norm(p)] = phrases[0]
    for phrase, key in extra.get("relative", {}).items():
        if key not in table:  # a mistake in dates.yaml must not silently turn a language off
            raise ValueError(f"{DATA.name}: {lang}: {phrase!r}: {key!r} is not in dateparser's relative-type")
        relative[_norm(phrase)] = table[key][0]
    for phrase in extra.get("not_relative", []):
        relative.pop(_norm(phrase), None)
    relative = {p: c for p, c in relative.items() if len(p) >= 2}
    year_keys = {table[k][0] for k in ("0 year ago", "1 year ago", "in 1 year") if k in table}
    year_relative = {p for p, c in relative.items() if c in year_keys}
    before.update({_norm(k): v for k, v in extra.get("weekday_modifiers_before", {}).items()})
    after = {_norm(k): v for k, v in extra.get("weekday_modifiers_after", {}).items()}
    month_after = {_norm(k): v for k, v in extra.get("month_modifiers_after", {}).items()}
    eras = {k: int(v) for k, v in extra.get("eras", {}).items()}

    vocabulary = {"months": months, "weekdays": weekdays, "relative": relative, "year_relative": year_relative,
                  "weekday_before": before, "weekday_after": after, "month_after": month_after, "eras": eras}
    build = _cjk_pattern if cjk else _spaced_pattern
    pattern = build(info, extra, **vocabulary)
    starts = None if cjk else _word_starts([*months, *weekdays, *before, *relative, *extra.get("word_prefixes", [])])
    return _Locale(lang, **vocabulary, pattern=regex.compile(pattern, regex.IGNORECASE | regex.VERBOSE),
                   starts=starts)


# Characters that are word characters for the regex engine whatever the flags: ASCII letters and
# digits, Latin-1 and Latin Extended letters, Arabic letters and digits. Lower case only: the
# pre-scan below reads lower-cased text.
_SURELY_WORD = "a-z0-9\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f\u0621-\u063a\u0641-\u064a\u0660-\u0669"


def _word_starts(words: list[str]) -> "re.Pattern[str] | None":
    """The places where a date of a spaced script can begin, found by the standard ``re``.

    Scanning a sentence with the date pattern costs the regex engine several microseconds at every
    word start (each alternative, case-folded, is tried there): most of the time of a date check.
    A date begins where a word begins, with a digit or the first letters of a month, weekday or
    relative phrase (or a glued prefix, "و"). This pattern finds such places in the lower-cased
    text, a dozen times faster; the date pattern is then tried at those alone.

    It may find more places than the date pattern matches at, never fewer: its words' first three
    letters in lower case, and a word start that only excludes characters that are word characters
    for every engine. None when lower-casing cannot stand in for the engine's case folding."""
    heads = {_norm(w)[:3] for w in words if w}
    heads |= {h.replace("'", "’") for h in heads}  # either apostrophe, as in _alternation
    if not heads or any(FOLD_UNSAFE.search(h) or h.lower() != h for h in heads):
        return None
    by_first: dict[str, set[str]] = {}
    for h in heads:
        by_first.setdefault(h[0], set()).add(h[1:])
    # Grouped by first letter, so that ``re`` tries one letter's words, not all of them, at a place.
    alternatives = [re.escape(first) + ("" if rests == {""} else
                                        "(?:" + "|".join(re.escape(r) for r in sorted(rests, key=len, reverse=True)) + ")")
                    for first, rests in sorted(by_first.items())]
    return re.compile(rf"(?<![{_SURELY_WORD}])(?:\d|{'|'.join(alternatives)})")


def _ambiguous_weekdays(info: dict[str, Any], weekdays: dict[str, int],
                        relative: dict[str, str]) -> dict[str, list[str]]:
    """Weekday names that are also a unit word (Indonesian "minggu": Sunday, and week), each with the
    words that make it a relative phrase instead ("minggu lalu": last week)."""
    units = {_norm(w) for u in UNITS for w in info.get(u, [])}
    return {w: [p[len(w):].strip() for p in relative if p.startswith(w + " ")] for w in weekdays if w in units}


def _spaced_pattern(info: dict[str, Any], extra: dict[str, Any], **w: Any) -> str:
    """Scripts with spaces between words (Latin, Arabic): words end at a non-word character; an
    Arabic word may carry a glued conjunction or preposition (و, ب), which is left out of the span."""
    months, weekdays, relative = w["months"], w["weekdays"], w["relative"]
    M = _alternation(months)
    # Full names: an abbreviation begins another name of its month ("sept", "févr", "Jan").
    full = [m for m in months if not any(o != m and o.startswith(m) for o in months)]

    def month_names(names: list[str]) -> str:
        if extra.get("month_pairs") != "yes":
            return rf"(?:{_alternation(names)})"
        # "فبراير/شباط", "شباط (فبراير)": two names of the same month are one date
        alternatives = []
        for i in range(1, 13):
            one = _alternation([m for m in names if months[m] == i])
            alternatives.append(rf"(?:{one})(?:\s*/\s*(?:{one})|\s*\((?:{one})\))?")
        return "(?:" + "|".join(alternatives) + ")"

    MP = month_names(list(months)) + r"\.?"
    ambiguous = _ambiguous_weekdays(info, weekdays, relative)
    W = _alternation(set(weekdays) - set(ambiguous))
    if ambiguous:  # only capitalised, and not "Minggu lalu" (last week)
        W += "|" + "|".join(rf"(?-i:{regex.escape(a.capitalize())})(?!\s+(?:{_alternation(nots)})(?!\w))"
                            for a, nots in ambiguous.items())
    R = _alternation(relative)
    RY = _alternation(w["year_relative"])
    WBEFORE = _alternation(w["weekday_before"])
    WAFTER = _alternation(w["weekday_after"])
    MAFTER = _alternation(w["month_after"])
    P = _alternation(extra.get("month_prepositions", []))
    PG = _alternation(extra.get("month_prefixes", []))
    C = _alternation(extra.get("month_conjunctions", []))
    CG = _alternation(extra.get("month_conjunction_prefixes", []))
    DJ = _alternation(extra.get("day_month_joiners", []))
    RJ = _alternation(extra.get("relative_year_joiners", []))
    ordinal = _alternation(extra.get("ordinals", []))
    WP = rf"(?:{_alternation(extra['word_prefixes'])})?" if extra.get("word_prefixes") else ""
    YS = rf"(?:{_alternation(extra['year_suffixes'])})?" if extra.get("year_suffixes") else ""
    NOT = rf"(?!(?:{_alternation(extra['not_dates'])})(?!\w))" if extra.get("not_dates") else ""
    L = r"(?<!\.)" + WP  # "Feb. 24": not a new date after the abbreviation's dot
    month_or_day = _starts(months, digit=True)
    day = rf"(?:[12]\d|3[01]|0?[1-9])(?:{ordinal})?(?![\d:])"
    year_core = r"(?:1[6-9]|20|21)\d\d"
    year = year_core + r"(?![\d:])"
    numeric = "(?!)"
    if info.get("date_order") == "DMY":  # "24/02/2022": never in English, where 02/03 is ambiguous
        numeric = rf"""(?P<num>(?P<num_d>[12]\d|3[01]|0?[1-9])(?P<num_sep>[/.\-])(?P<num_m>1[0-2]|0?[1-9])
                       (?P=num_sep)(?P<num_y>{year_core}))(?!\w|[/.\-]\d)"""
    mdy = "(?!)"  # "February 24, 2022" where the month may come first
    if str(info.get("date_order", "")).startswith("M"):
        mdy = rf"(?(md_d)(?!)|\s+(?P<md_d2>{day})(?:,?\s+(?P<md_y2>{year}))?{YS}(?!\w))"
    # A month named alone is a date after a preposition ("in May": "may" alone is a verb), which
    # is not part of its span, even glued (Arabic "بفبراير", "يناير وفبراير", French "mi-février");
    # an abbreviation alone only with its dot (French "depuis sept ans" is "for seven years").
    preposition = rf"""(?:(?<!\w){WP}(?:{P})\s+|(?<!\w){WP}(?:{PG})|(?<!\w)(?:{M})\.?\s+(?:{C})\s+
                        |(?<!\w)(?:{M})\s+(?:{CG}))"""
    month_alone = rf"(?<!\.)(?:(?<={preposition}{month_names(full)})|(?<={preposition}(?:{M}))(?=\.))"
    anything = _starts(months, weekdays, w["weekday_before"], relative,
                       extra.get("word_prefixes", []), digit=True)
    # Every candidate starts where a word starts, tested once. The forms that name a month share one
    # alternative ("md"), so that the long list of month names is tried once per word.
    return rf"""{anything}(?<!\w)(?:
        (?=\d)(?<![\-/.])(?:(?P<iso>{year_core}-\d\d-\d\d)(?!\d)|{numeric})
      | {L}{month_or_day}(?P<md>(?:(?P<md_d>{day})\s+(?:(?:{DJ})\s+)?)?(?P<md_m>{MP})
          (?:\s+(?:(?:{RJ})\s+)?(?P<md_rel>{RY})(?!\w)      # "Februari tahun lalu"
           | \s+(?P<md_dir>{MAFTER})(?!\w)                   # "février dernier"
           | ,?\s+(?P<md_y>{year}){YS}(?!\w)                  # "24 février 2022", "février 2022"
           | {mdy}                                           # "February 24, 2022"
           | (?(md_d)|{month_alone})(?!\w)                 # "24 février", "en février"
          ))
      | {L}{_starts(weekdays, w["weekday_before"])}{NOT}
        (?P<wd>(?:(?P<wd_pre>{WBEFORE})\s+)?(?P<wd_day>{W})(?:\s+(?P<wd_post>{WAFTER}))?)(?!\w)
      | {L}{_starts(relative)}{NOT}(?P<rel>{R})(?!\w)
      | (?<![\-/.$€£¥,]){WP}(?=\d)(?P<y>{year}){YS}(?![\-/,.]\d|%|\w)
    )"""


def _cjk_pattern(info: dict[str, Any], extra: dict[str, Any], **w: Any) -> str:
    """Chinese and Japanese: no spaces, so no word boundaries; a number must not continue another
    number ("12月" is not "2月"), and months and days are numbers, in digits or Chinese numerals."""
    cn = "〇零一二三四五六七八九"
    one_to_nine = "[一二三四五六七八九]"
    no_number_before = rf"(?<![\d{cn}十百千万萬])"
    year = rf"(?:1[6-9]|20|21)\d\d|[一二][{cn}]{{3}}"  # "2022", "二〇二二"
    era_year = rf"元|[1-9]\d?|{one_to_nine}?十{one_to_nine}?|{one_to_nine}"  # 令和"4", "元" (first year), "十二"
    month = rf"1[0-2]|0?[1-9]|十[一二]?|{one_to_nine}"
    day = rf"3[01]|[12]\d|0?[1-9]|三十一?|二?十{one_to_nine}?|{one_to_nine}"

    def month_day(p: str) -> str:  # "2月24日", "二月二十四日", "2月" (not "24日間", 24 days)
        return rf"(?P<{p}_m>{month})\s?月(?:\s?(?P<{p}_d>{day})\s?[日号號](?!間))?"

    RY = _alternation(w["year_relative"])
    RJ = _alternation(extra.get("relative_year_joiners", []))
    ERA = _alternation(w["eras"])
    W = _alternation(w["weekdays"])
    WBEFORE = _alternation(w["weekday_before"])
    not_after = extra.get("weekday_not_followed_by", "")
    W_END = rf"(?![{regex.escape(not_after)}])" if not_after else ""
    NOT = rf"(?!{_alternation(extra['not_dates'])})" if extra.get("not_dates") else ""
    anything = _starts(cn + "十", w["eras"], w["year_relative"], w["weekdays"], w["weekday_before"],
                       w["relative"], digit=True)
    # A look-ahead at the very start lets the engine skip to the few characters that can begin a date.
    return rf"""{anything}(?:
        {_starts(cn, w["eras"], digit=True)}{no_number_before}
        (?P<cy>(?:(?P<cy_y>{year})|(?P<cy_era>{ERA})\s?(?P<cy_ey>{era_year}))\s?年(?:\s?{month_day("cy")})?)
        (?![間间多余餘代])                                         # not "2000年间", "1990年代"
      | {_starts(w["year_relative"])}(?P<cr>(?P<cr_y>{RY})(?:{RJ})?\s?{month_day("cr")})  # "去年2月"
      | (?=[\d{cn}十]){no_number_before}(?P<cm>{month_day("cm")})
      | {_starts(w["weekdays"], w["weekday_before"])}{NOT}(?P<wd>(?P<wd_pre>{WBEFORE})?(?P<wd_day>{W}){W_END})
      | {_starts(w["relative"])}{NOT}(?P<rel>{_alternation(w["relative"])})
    )"""


_GROUPS = ("iso", "num", "md", "wd", "rel", "y", "cy", "cr", "cm")


def find_dates(text: str, span: Span, lang: str, published: dt.date | None) -> list[DateMention]:
    """Every date stated in ``text[span]``, each with its exact offsets."""
    try:
        loc = locale(lang)
    except (OSError, RuntimeError, KeyError):
        return []
    # Digits of other scripts are read as ASCII ones; the window keeps the look-behinds' context.
    origin, scan = 0, text
    if _FOREIGN_DIGIT.search(text, span.start, span.end):
        origin = max(0, span.start - 64)
        scan = text[origin:span.end].translate(_DIGITS)
    base = dt.datetime.combine(published, dt.time(12)) if published else None
    found: list[DateMention] = []
    for m in _matches(loc, scan, span.start - origin, span.end - origin):
        groups = m.groupdict()  # the patterns of spaced and CJK scripts have different groups
        whole = next(g for g in _GROUPS if groups.get(g) is not None)
        s = Span(m.start(whole) + origin, m.end(whole) + origin)
        if text[s.end - 1] == "." and _full_word_before_dot(text, s, loc):
            s = Span(s.start, s.end - 1)  # the sentence's full stop, not an abbreviation's
        relative = whole in ("wd", "rel", "cr") or whole == "md" and bool(groups["md_rel"] or groups["md_dir"])
        value = _value(groups, whole, loc, published, base)
        if value is None and (not relative or published is not None):
            continue  # not a date after all (31 February), or a relative one that did not resolve
        found.append(DateMention(s, text[s.start:s.end], value, relative))
    return found


def _matches(loc: _Locale, text: str, start: int, end: int) -> "Iterator[regex.Match[str]]":
    """``loc.pattern.finditer(text, start, end)``, tried only where ``loc.starts`` says a date can begin."""
    low = lowered(text) if loc.starts is not None else None
    if low is None:  # Chinese and Japanese (no word starts), or text lower-casing cannot stand in for
        yield from loc.pattern.finditer(text, start, end)
        return
    assert loc.starts is not None
    at = loc.starts.search(low, start, end)
    while at is not None:
        m = loc.pattern.match(text, at.start(), end)
        if m is None:
            at = loc.starts.search(low, at.start() + 1, end)
        elif m.end() > m.start():
            yield m
            at = loc.starts.search(low, m.end(), end)
        else:  # an empty match (none of the patterns has one): let finditer carry on from here
            yield from loc.pattern.finditer(text, at.start(), end)
            return


def _value(groups: dict[str, str | None], whole: str, loc: _Locale, published: dt.date | None,
           base: dt.datetime | None) -> DateValue | None:
    """The date a match states; None when it is no date, or relative without a publication date."""
    g = groups.get
    if whole == "iso":
        y, mo, d = g("iso").split("-")
        return _date(int(y), int(mo), int(d))
    if whole == "num":
        return _date(int(g("num_y")), int(g("num_m")), int(g("num_d")))
    if whole == "md" and not (g("md_rel") or g("md_dir")):
        day, year = g("md_d") or g("md_d2"), g("md_y") or g("md_y2")
        return _date(int(year) if year else None, _month(loc, g("md_m")), _day(day) if day else None)
    if whole == "y":
        return DateValue(int(g("y")))
    if whole == "cy":
        year = _cjk_number(g("cy_y")) if g("cy_y") else _era_year(loc, g("cy_era"), g("cy_ey"))
        return _date(year, _cjk_number(g("cy_m")), _cjk_number(g("cy_d")))
    if whole == "cm":
        return _date(None, _cjk_number(g("cm_m")), _cjk_number(g("cm_d")))
    if published is None or base is None:
        return None  # relative: "last year" means nothing without the publication date
    if whole == "wd":
        pre, post = _norm(g("wd_pre") or ""), _norm(g("wd_post") or "")
        direction = loc.weekday_before.get(pre) or loc.weekday_after.get(post) or ""
        return _resolve_weekday(published, loc.weekdays[_norm(g("wd_day"))], direction)
    if whole == "rel":
        return _parse(loc.lang, loc.relative[_norm(g("rel"))], base)
    if whole == "md" and g("md_dir"):
        day = _day(g("md_d")) if g("md_d") else None
        return _resolve_month(published, _month(loc, g("md_m")), day, loc.month_after[_norm(g("md_dir"))])
    if whole in ("md", "cr"):  # a month of a relative year: "Februari tahun lalu", "去年2月"
        year = _parse(loc.lang, loc.relative[_norm(g("md_rel") or g("cr_y"))], base)
        if year is None or year.year is None:
            return None
        if whole == "md":
            return _date(year.year, _month(loc, g("md_m")), _day(g("md_d")) if g("md_d") else None)
        return _date(year.year, _cjk_number(g("cr_m")), _cjk_number(g("cr_d")))
    return None


def _date(year: int | None, month: int | None, day: int | None) -> DateValue | None:
    """The parts the text names, if they can be a date together (not 31 February, not year 0)."""
    if year is None and month is None or \
            year is not None and not 1600 <= year <= 2199 or month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        if month is None or not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
            return None
        if year is not None:
            try:
                dt.date(year, month, day)
            except ValueError:
                return None
    return DateValue(year, month, day)


def _month(loc: _Locale, words: str) -> int | None:
    """"Feb." and "فبراير/شباط" alike: the first name, without an abbreviation's dot."""
    first = _MONTH_END.split(words, maxsplit=1)[0].rstrip(".")
    return loc.months.get(_norm(first))


def _day(text: str) -> int:
    return int(_LEADING_NUMBER.match(text).group())  # type: ignore[union-attr]  # "24th", "1er"


def _cjk_number(text: str | None) -> int | None:
    """Digits, digit by digit Chinese numerals ("二〇二二"), or tens ("二十四", "十二")."""
    if not text:
        return None
    text = text.strip()
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def _era_year(loc: _Locale, era: str, year: str) -> int | None:
    """令和4年 is 2022: the era's base year plus its year number (元年 is its first)."""
    n = 1 if year == "元" else _cjk_number(year)
    return loc.eras[era] + n if n else None


@functools.lru_cache(maxsize=8)  # one per publication date: an article has one
def _parser(lang: str, base: dt.datetime) -> Any:
    from dateparser.date import DateDataParser  # imported only when a relative phrase must be resolved

    return DateDataParser(languages=[lang], settings={
        "PREFER_DAY_OF_MONTH": "first", "PREFER_MONTH_OF_YEAR": "first", "RELATIVE_BASE": base,
        "RETURN_AS_TIMEZONE_AWARE": False,
    })


@functools.lru_cache(maxsize=256)  # the same few phrases ("last year") recur in every sentence
def _parse(lang: str, text: str, base: dt.datetime) -> DateValue | None:
    """A relative phrase of dateparser's own data, resolved against ``base`` at the precision of
    ``DateData.parts`` ("last year" is a year, "last month" a month)."""
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


def _full_word_before_dot(text: str, span: Span, loc: _Locale) -> bool:
    word = _WORD_AND_DOT.search(text[span.start:span.end])
    return bool(word) and word.group(1).lower() in loc.months and len(word.group(1)) > 4 or \
        bool(word) and word.group(1).isdigit()


def _resolve_month(published: dt.date, month: int | None, day: int | None, direction: str) -> DateValue | None:
    """"février dernier": the latest February before the publication date's month (the latest
    24 February before that date); "next" is the first one after."""
    if month is None:
        return None
    if direction == "next":
        later = (month, day or 32) > (published.month, published.day if day else 32)
        return _date(published.year if later else published.year + 1, month, day)
    earlier = (month, day or 0) < (published.month, published.day if day else 0)
    return _date(published.year if earlier else published.year - 1, month, day)


def _resolve_weekday(published: dt.date, weekday: int, direction: str) -> DateValue:
    """A weekday in news copy is the most recent one on or before the publication date; "last",
    "next" and "this" move it as they say; "last_week" (上周一) is that day of the week before."""
    if direction.endswith("_week"):
        monday = published - dt.timedelta(days=published.weekday())
        weeks = {"last_week": -1, "this_week": 0, "next_week": 1}[direction]
        day = monday + dt.timedelta(days=7 * weeks + weekday)
        return DateValue(day.year, day.month, day.day, weekday)
    back = (published.weekday() - weekday) % 7
    if direction == "last" and back == 0:
        back = 7
    day = published - dt.timedelta(days=back)
    if direction == "next":
        day = published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    return DateValue(day.year, day.month, day.day, weekday)

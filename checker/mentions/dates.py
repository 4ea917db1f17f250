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
from typing import Any, Iterable, Iterator

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
    # "" for a date an event is told at; "since" (it opens a period: "since 2010", "2010年以来") and
    # "compared" (the event compared with: "than in 2010", "比2020年") are other events' dates
    role: str = ""
    weekday_span: Span | None = None  # the weekday of "Thursday, 9 March 2023", inside ``span``

    def weekday_contradicts(self) -> bool:
        """A weekday that is not the weekday of its own full date ("Friday, 9 March 2023")."""
        v = self.value
        if self.weekday_span is None or v is None or v.weekday is None or None in (v.year, v.month, v.day):
            return False
        return dt.date(v.year, v.month, v.day).weekday() != v.weekday  # type: ignore[arg-type]


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
    order: str  # dateparser's date_order: "DMY", "MDY", "YMD"
    cjk: bool
    bracket_weekdays: dict[str, int]  # "木" of "3月9日（木）"
    ago_numbers: dict[str, int]
    ago_units: dict[str, str]  # word -> year | month | week | day
    ago_duals: dict[str, str]  # Arabic "عامين" (two years) -> year
    pattern: "regex.Pattern[str]" = field(repr=False)
    starts: "re.Pattern[str] | None" = field(default=None, repr=False)  # see _word_starts
    since: "regex.Pattern[str] | None" = field(default=None, repr=False)  # see _roles
    since_after: "regex.Pattern[str] | None" = field(default=None, repr=False)
    compare: "regex.Pattern[str] | None" = field(default=None, repr=False)
    compare_after: "regex.Pattern[str] | None" = field(default=None, repr=False)
    compare_figure: "regex.Pattern[str] | None" = field(default=None, repr=False)
    other_before: "regex.Pattern[str] | None" = field(default=None, repr=False)  # see other_event
    other_after: "regex.Pattern[str] | None" = field(default=None, repr=False)
    future_before: "regex.Pattern[str] | None" = field(default=None, repr=False)  # see future_tense
    future_after: "regex.Pattern[str] | None" = field(default=None, repr=False)
    future_endings: tuple[str, ...] = ()
    said_before: "regex.Pattern[str] | None" = field(default=None, repr=False)  # see statement_date
    future_clause: "regex.Pattern[str] | None" = field(default=None, repr=False)  # see future_date
    future_date_after: "regex.Pattern[str] | None" = field(default=None, repr=False)
    said_after: "regex.Pattern[str] | None" = field(default=None, repr=False)
    joiners: "regex.Pattern[str] | None" = field(default=None, repr=False)  # see _merge_weekdays
    # "three years ago": searched apart, only in a sentence holding an anchor ("ago", "il y a", "前"),
    # so that number words, common as they are, cost the date pattern nothing
    ago: "regex.Pattern[str] | None" = field(default=None, repr=False)
    ago_words: tuple[str, ...] = ()  # the anchor words, lower case
    role_words: tuple[str, ...] = ()  # the words _roles looks for, lower case

    @functools.cached_property
    def after_words(self) -> set[str]:
        return {*self.month_after, *self.weekday_after}


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
    bracket = {k: WEEKDAYS.index(v) for k, v in extra.get("bracket_weekdays", {}).items()}
    ago_numbers = {_norm(k): int(v) for k, v in extra.get("ago_numbers", {}).items()}
    ago_units = {_norm(w): unit for unit, words in extra.get("ago_units", {}).items() for w in words}
    ago_duals = {_norm(k): v for k, v in extra.get("ago_duals", {}).items()}
    for unit in [*ago_units.values(), *ago_duals.values()]:
        if unit not in UNITS:  # a mistake in dates.yaml must not silently turn a phrase off
            raise ValueError(f"{DATA.name}: {lang}: ago unit {unit!r} is not one of {', '.join(UNITS)}")

    vocabulary = {"months": months, "weekdays": weekdays, "relative": relative, "year_relative": year_relative,
                  "weekday_before": before, "weekday_after": after, "month_after": month_after, "eras": eras,
                  "order": str(info.get("date_order", "")), "cjk": cjk, "bracket_weekdays": bracket, "ago_numbers": ago_numbers, "ago_units": ago_units,
                  "ago_duals": ago_duals}
    build = _cjk_pattern if cjk else _spaced_pattern
    pattern = build(info, extra, **vocabulary)
    starts = None if cjk else _word_starts([*months, *weekdays, *before, *relative, *extra.get("word_prefixes", [])])
    flags = regex.IGNORECASE | regex.VERBOSE
    ago, _ = _ago_patterns(extra, vocabulary, cjk)
    edge = r"(?<![\d〇零一二三四五六七八九十百千两])" if cjk else r"(?<!\w)"
    anchors = [*extra.get("ago_before", []), *extra.get("ago_after", [])]
    if cjk:  # "前" alone is everywhere in Chinese and Japanese text: "年前", "个月前"
        anchors = [u + a for u in extra.get("ago_units", {}).get("year", []) + [
            w for k, ws in extra.get("ago_units", {}).items() if k != "year" for w in ws] for a in anchors]
    role_words = [w for k in ("since_before", "since_after", "compare_before", "compare_after", "compare_figure_before")
                  for w in extra.get(k, [])]
    return _Locale(lang, **vocabulary, pattern=regex.compile(pattern, flags), starts=starts,
                   ago=regex.compile(rf"{_starts(ago_numbers, extra.get('ago_before', []), digit=True)}{edge}(?P<ago>{ago})",
                                     regex.IGNORECASE) if anchors else None,
                   ago_words=_lower_forms(anchors), role_words=_lower_forms(role_words),
                   future_endings=tuple(extra.get("future_endings", [])), **_role_patterns(extra, cjk))


def _lower_forms(words: list[str]) -> tuple[str, ...]:
    """Words as ``_occurrences`` looks for them: lower case, with either apostrophe."""
    forms = {_norm(w) for w in words}
    return tuple(sorted(forms | {f.replace("'", "’") for f in forms}))


def _role_patterns(extra: dict[str, Any], cjk: bool) -> dict[str, "regex.Pattern[str] | None"]:
    """The patterns of the words that make a date another event's (see ``_roles``, ``other_event``).
    In a script with spaces a word stands alone; in Chinese and Japanese it is found anywhere."""
    before = "" if cjk else r"(?<!\w)"
    after = "" if cjk else r"(?!\w)"
    flags = regex.IGNORECASE

    def words(key: str) -> str | None:
        return _alternation(extra[key]) if extra.get(key) else None

    def compiled(body: str | None) -> "regex.Pattern[str] | None":
        return regex.compile(body, flags) if body else None

    since, fillers = words("since_before"), words("date_fillers")
    since_tail = None
    if since:  # "since 2010", "since the year 2010", "sejak tahun 2010": nothing else between
        filler = rf"(?:(?:{fillers}){after}\s*)*" if fillers else ""
        since_tail = rf"{before}(?:{since}){after}\s*{filler}$"
    compare, compare_after, since_after = words("compare_before"), words("compare_after"), words("since_after")
    other_before, other_after = words("other_before"), words("other_after")
    return {
        "since": compiled(since_tail),
        "since_after": compiled(rf"^\s*(?:{since_after})") if since_after else None,
        "compare": compiled(rf"{before}(?:{compare}){after}") if compare else None,
        "compare_after": compiled(rf"(?:{compare_after})") if compare_after else None,
        # "up from 39.8% in 2022", "naik dari 39,8 persen pada pemilu 2022", "contre 39,8 % en 2022",
        # "مقابل 39.8% في انتخابات 2022": the word, then a figure, then the date, in one clause
        "compare_figure": compiled(rf"{before}(?:{words('compare_figure_before')}){after}\s*[-+]?\d[^;:；：]*$")
        if words("compare_figure_before") else None,
        # "previous eruption", "前回の噴火": the word just before the trigger (Japanese の, Chinese 的 between)
        "other_before": compiled(rf"{before}(?:{other_before})\s*[の的]?\s*$") if other_before else None,
        # "letusan sebelumnya", "ثورانه السابق" (a glued pronoun after the trigger), "l'éruption précédente"
        "other_after": compiled(rf"\w{{0,3}}\s*,?\s*(?:{other_after}){after}") if other_after else None,
        "joiners": compiled(rf"^\s*(?:{words('weekday_date_joiners')})\s*$") if words("weekday_date_joiners") else None,
        # "will arrive", "akan tiba", "将抵达", "va arriver": the words before a trigger that put it in the future
        # (in Chinese a few characters may stand between: "将于6月抵达")
        "future_before": compiled(rf"{before}(?:{words('future_before')}){after}"
                                  + (r"[^，。、；]{0,8}$" if cjk else r"\s*$")) if words("future_before") else None,
        "future_after": compiled(rf"(?:{words('future_after')})") if words("future_after") else None,
        # "..., kata Kepala BPBD, Rabu", "the agency said on Wednesday", "a déclaré mercredi", "وقال يوم
        # الأربعاء"; "应急管理局19日表示", "19日に発表した" (a few characters between, "19日晚间表示")
        # "will publish the final results of the vote on May 18", "将于5月18日公布": a future word, then
        # the rest of its clause (no comma) up to the date
        "future_clause": compiled(rf"{before}(?:{words('future_before')}){after}[^,;:，、；：。]*$")
        if words("future_before") else None,
        "future_date_after": compiled(rf"[^、。，]{{0,8}}?(?:{words('future_date_after')})")
        if words("future_date_after") else None,
        "said_before": compiled(rf"{before}(?:{words('said_before')}){after}") if words("said_before") else None,
        "said_after": compiled(rf"[^，。、；,]{{0,3}}?(?:{words('said_after')})") if words("said_after") else None,
    }


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


def _ago_patterns(extra: dict[str, Any], w: dict[str, Any], cjk: bool) -> tuple[str, str]:
    """"three years ago", "il y a deux ans", "dua tahun lalu", "قبل ثلاث سنوات", "两年前": every such
    phrase, and those that count years (which may follow a month: "in March three years ago")."""
    numbers, units, duals = w["ago_numbers"], w["ago_units"], w["ago_duals"]
    if not numbers or not units:
        return "(?!)", "(?!)"
    n = rf"(?:{_alternation(numbers)}|\d{{1,2}})"
    gap, end = ("", "") if cjk else (r"\s*", r"(?!\w)")

    def phrase(kinds: tuple[str, ...]) -> str:
        core = rf"{n}{gap}(?:{_alternation([u for u, k in units.items() if k in kinds])}){end}"
        dual = [d for d, k in duals.items() if k in kinds]
        forms = []
        if extra.get("ago_before"):
            forms.append(rf"(?:{_alternation(extra['ago_before'])})\s+(?:{core}|(?:{_alternation(dual)}){end})")
        if extra.get("ago_after"):
            forms.append(rf"{core}{gap}(?:{_alternation(extra['ago_after'])}){end}")
        return "(?:" + "|".join(forms or ["(?!)"]) + ")"

    return phrase(UNITS), phrase(("year",))


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
    _, AGO_Y = _ago_patterns(extra, w, cjk=False)
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
    if extra.get("not_dates_after"):  # "في نفس اليوم": the same day, not today
        NOT += rf"(?<!(?<!\w)(?:{_alternation(extra['not_dates_after'])})\s+{WP})"
    L = r"(?<!\.)" + WP  # "Feb. 24": not a new date after the abbreviation's dot
    month_or_day = _starts(months, digit=True)
    day = rf"(?:[12]\d|3[01]|0?[1-9])(?:{ordinal})?(?![\d:])"
    year_core = r"(?:1[6-9]|20|21)\d\d"
    year = year_core + r"(?![\d:])"
    numeric = "(?!)"
    if info.get("date_order") in ("DMY", "MDY"):  # "24/02/2022"; in English "02/24/2022" too (see _numeric)
        part = r"[12]\d|3[01]|0?[1-9]"
        numeric = rf"""(?P<num>(?P<num_a>{part})(?P<num_sep>[/.\-])(?P<num_b>{part})
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
           | \s+(?P<md_ago>{AGO_Y})                           # "March three years ago"
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
    _, AGO_Y = _ago_patterns(extra, w, cjk=True)
    RJ = _alternation(extra.get("relative_year_joiners", []))
    ERA = _alternation(w["eras"])
    W = _alternation(w["weekdays"])
    WBEFORE = _alternation(w["weekday_before"])
    not_after = extra.get("weekday_not_followed_by", "")
    W_END = rf"(?![{regex.escape(not_after)}])" if not_after else ""
    NOT = rf"(?!{_alternation(extra['not_dates'])})" if extra.get("not_dates") else ""
    anything = _starts(cn + "十", w["eras"], w["year_relative"], w["weekdays"], w["weekday_before"],
                       w["relative"], "两", digit=True)
    # A look-ahead at the very start lets the engine skip to the few characters that can begin a date.
    return rf"""{anything}(?:
        {_starts(cn, w["eras"], digit=True)}{no_number_before}
        (?P<cy>(?:(?P<cy_y>{year})|(?P<cy_era>{ERA})\s?(?P<cy_ey>{era_year}))\s?年(?:\s?{month_day("cy")})?)
        (?![間间多余餘代])                                         # not "2000年间", "1990年代"
      | {_starts(w["year_relative"], w["ago_numbers"], digit=True)}{no_number_before}
        (?P<cr>(?P<cr_y>{RY}|{AGO_Y})(?:{RJ})?\s?{month_day("cr")})  # "去年2月", "两年前的2月"
      | (?=[\d{cn}十]){no_number_before}(?P<cm>{month_day("cm")})
      | {_starts(w["weekdays"], w["weekday_before"])}{NOT}(?P<wd>(?P<wd_pre>{WBEFORE})?(?P<wd_day>{W}){W_END})
      | {_starts(w["relative"])}{NOT}(?P<rel>{_alternation(w["relative"])})
    )"""


_GROUPS = ("iso", "num", "md", "wd", "rel", "y", "cy", "cr", "cm", "ago")


@dataclass
class _Found:
    """A match on its way to a DateMention: what the merging of a weekday with its date needs."""

    mention: DateMention
    whole: str
    weekday: int | None = None  # a weekday named alone, without "last" or "next"
    readings: tuple[DateValue, ...] = ()  # both readings of an English "3/9/2023", when the order is not known


def find_dates(text: str, span: Span, lang: str, published: dt.date | None) -> list[DateMention]:
    """Every date stated in ``text[span]``, each with its exact offsets.

    A weekday next to an explicit date is one mention with the date's value ("Thursday, 9 March
    2023", "Kamis (9/3)", "3月9日（木）"); a relative word after a full date is no date of its own
    ("17 Agustus 2023 kemarin"); a date that opens a period or is compared with is marked (``role``)."""
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
    found: list[_Found] = []
    for m in _with_ago(loc, scan, span.start - origin, span.end - origin):
        groups = m.groupdict()  # the patterns of spaced and CJK scripts have different groups
        whole = next(g for g in _GROUPS if groups.get(g) is not None)
        s = Span(m.start(whole) + origin, m.end(whole) + origin)
        if text[s.end - 1] == "." and _full_word_before_dot(text, s, loc):
            s = Span(s.start, s.end - 1)  # the sentence's full stop, not an abbreviation's
        relative = whole in ("wd", "rel", "cr", "ago") or \
            whole == "md" and bool(groups["md_rel"] or groups["md_dir"] or groups.get("md_ago"))
        readings: tuple[DateValue, ...] = ()
        if whole == "num":
            value, readings = _numeric(groups, loc, text)
        else:
            value = _value(groups, whole, loc, published, base)
        if value is None and (not relative or published is not None):
            continue  # not a date after all (31 February), or a relative one that did not resolve
        weekday = None
        if whole == "wd" and not (groups.get("wd_pre") or groups.get("wd_post")):
            weekday = loc.weekdays[_norm(groups["wd_day"])]  # type: ignore[index]
        found.append(_Found(DateMention(s, text[s.start:s.end], value, relative), whole, weekday, readings))
    if not found:
        return []
    merged = _merge_weekdays(text, _drop_relative_after_dates(text, found, loc), loc, span)
    if not _occurrences(text, loc.role_words, max(0, span.start - 40), span.end):
        return merged
    return _roles(text, merged, loc)


_SHORT_NUMERIC = re.compile(r"\s*[(（]\s*(\d{1,2})[/.\-](\d{1,2})\s*[)）]")  # "Kamis (9/3)": a date only after a weekday
_NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(?:1[6-9]|2[01])\d\d(?!\d)")


def _numeric(groups: dict[str, str | None], loc: _Locale, text: str) -> tuple[DateValue | None, tuple[DateValue, ...]]:
    """"9/3/2023" is 9 March in a day-first language (Indonesian, French, Arabic). In English a part
    over 12 settles the order; else the article's other numeric dates do when they show one order
    (a "24/2/2023" elsewhere makes it day first); else a weekday next to it does when it fits one
    reading only (see ``_merged``); else it is month first, English's default. When the article
    shows both orders and no weekday settles it, only the year is read. Returns the value and, when
    a weekday may still choose, both readings."""
    a, b, y = int(groups["num_a"]), int(groups["num_b"]), int(groups["num_y"])  # type: ignore[arg-type]
    day_first = _date(y, b, a)
    if loc.order != "MDY" or a == b:
        return day_first, ()
    month_first = _date(y, a, b)
    if day_first is None or month_first is None:
        return day_first or month_first, ()
    order = _article_order(text)
    if order in ("dm", "md"):
        return (day_first if order == "dm" else month_first), ()
    return (month_first if order == "" else DateValue(y)), (day_first, month_first)


@functools.lru_cache(maxsize=4)  # one article at a time; a str keeps its hash, so the key is cheap
def _article_order(text: str) -> str:
    """"dm" or "md" when the article's numeric dates with a part over 12 show one order; "" when
    none does; "both" when they show both."""
    shown = {"dm" if int(m.group(1)) > 12 else "md" for m in _NUMERIC_DATE.finditer(text)
             if (int(m.group(1)) > 12) != (int(m.group(3)) > 12)}
    return "" if not shown else shown.pop() if len(shown) == 1 else "both"


def _drop_relative_after_dates(text: str, found: list[_Found], loc: _Locale) -> list[_Found]:
    """"17 Agustus 2023 kemarin", "9 mars 2023 dernier": after a date with its year, a word that
    elsewhere means "yesterday" or "last" only points back at it; it is no date of its own."""
    words = loc.after_words
    out: list[_Found] = []
    for f in found:
        prev = out[-1].mention if out else None
        if prev is not None and f.mention.relative and prev.value is not None and prev.value.year is not None \
                and not prev.relative and _norm(f.mention.text) in words \
                and not text[prev.span.end:f.mention.span.start].strip():
            continue
        out.append(f)
    return out


_BETWEEN_BEFORE = re.compile(r"\s*(?:[,،、]\s*)?(?:[(（]\s*)?")  # "Thursday, 9 March", "Kamis (9/3)", "木曜日（3月9日）"
_BETWEEN_AFTER = re.compile(r"\s*[,،、]?\s*[(（]\s*")  # "3月9日（周四）", "9 mars (jeudi)"


def _merge_weekdays(text: str, found: list[_Found], loc: _Locale, span: Span) -> list[DateMention]:
    """A weekday next to an explicit date with a day is one mention: the date's value with the
    weekday recorded, the span covering both. The weekday never hides the date, and the date
    check can tell a weekday that contradicts it ("Friday, 9 March 2023")."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        f = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if f.weekday is not None:
            between = text[f.mention.span.end:nxt.mention.span.start] if nxt else ""
            if nxt is not None and _explicit_day(nxt) and _joins(between, _BETWEEN_BEFORE, loc):
                out.append(_merged(text, f.mention.span, f.weekday, nxt))
                i += 2
                continue
            short = _SHORT_NUMERIC.match(text, f.mention.span.end, span.end)
            if short and loc.order == "DMY" and (nxt is None or nxt.mention.span.start >= short.end()):
                value = _date(None, int(short.group(2)), int(short.group(1)))
                if value is not None:  # "Kamis (9/3)": Indonesian news dates a day so, without its year
                    whole = Span(f.mention.span.start, short.end(2))
                    out.append(DateMention(whole, text[whole.start:whole.end], DateValue(
                        None, value.month, value.day, f.weekday), False, "", f.mention.span))
                    i += 1
                    continue
        if _explicit_day(f):
            if nxt is not None and nxt.weekday is not None and \
                    _BETWEEN_AFTER.fullmatch(text, f.mention.span.end, nxt.mention.span.start):
                out.append(_merged(text, nxt.mention.span, nxt.weekday, f))
                i += 2
                continue
            mark = _bracket_weekday(text, f.mention.span.end, loc)
            if mark is not None:
                out.append(_merged(text, mark[0], mark[1], f))
                i += 1
                continue
        out.append(f.mention)
        i += 1
    return out


def _explicit_day(f: _Found) -> bool:
    v = f.mention.value
    return not f.mention.relative and (bool(f.readings) or v is not None and v.day is not None)


def _joins(between: str, pattern: "re.Pattern[str]", loc: _Locale) -> bool:
    return bool(pattern.fullmatch(between)) or bool(loc.joiners and loc.joiners.match(between))


def _bracket_weekday(text: str, at: int, loc: _Locale) -> tuple[Span, int] | None:
    """"3月9日（木）": a one-letter weekday mark in brackets right after the date."""
    if not loc.bracket_weekdays:
        return None
    m = _BRACKET.match(text, at)
    if m is None or m.group(1) not in loc.bracket_weekdays:
        return None
    return Span(m.start(1), m.end(1)), loc.bracket_weekdays[m.group(1)]


_BRACKET = re.compile(r"\s*[(（](\w)(?:曜日?)?[)）]")


def _merged(text: str, weekday_span: Span, weekday: int, date: _Found) -> DateMention:
    """The date's value with the weekday; of two readings of a numeric date, the weekday's own."""
    value = date.mention.value
    fitting = [r for r in date.readings if _weekday_of(r) == weekday]
    if len(fitting) == 1:
        value = fitting[0]
    assert value is not None
    whole = Span(min(weekday_span.start, date.mention.span.start), max(weekday_span.end, date.mention.span.end))
    return DateMention(whole, text[whole.start:whole.end], DateValue(value.year, value.month, value.day, weekday),
                       False, "", weekday_span)


def _weekday_of(v: DateValue) -> int | None:
    return dt.date(v.year, v.month, v.day).weekday() if v.year and v.month and v.day else None


def _roles(text: str, found: list[DateMention], loc: _Locale) -> list[DateMention]:
    """Mark the dates of other events. Right after "since" (with only "the year" between), or right
    before "以来", a date opens a period ("since"). Shortly after a comparison word ("than", "seperti",
    "comme", "比"), or shortly before one ("より", "相比"), with no other date between, it is the
    event compared with ("compared"). The window is short: a few words, or a few CJK characters."""
    window = 8 if loc.cjk else 30
    out = []
    for i, d in enumerate(found):
        lo = max(found[i - 1].span.end if i else 0, d.span.start - window)
        hi = min(found[i + 1].span.start if i + 1 < len(found) else len(text), d.span.end + window)
        before, after = text[lo:d.span.start], text[d.span.end:hi]
        before = _CLAUSE_BREAK.split(before)[-1]
        after = _CLAUSE_BREAK.split(after)[0]
        role = ""
        if loc.since and loc.since.search(before) or loc.since_after and loc.since_after.match(after):
            role = "since"
        elif loc.compare and loc.compare.search(before) or loc.compare_after and loc.compare_after.search(after):
            role = "compared"
        elif loc.compare_figure and loc.compare_figure.search(
                text, max(found[i - 1].span.end if i else 0, d.span.start - 2 * window), d.span.start):
            role = "compared"  # the figure compared with, and its date: a longer reach, the figure between
        out.append(d if not role else DateMention(d.span, d.text, d.value, d.relative, role, d.weekday_span))
    return out


_CLAUSE_BREAK = re.compile(r"[;:；：!?！？]")


def other_event(text: str, trigger: Span, lang: str) -> bool:
    """A trigger that names another event of its kind: "the previous eruption", "letusan
    sebelumnya", "前回の噴火", "ثورانه السابق". A date attached to it is not the fact's."""
    try:
        loc = locale(lang)
    except (OSError, RuntimeError, KeyError):
        return False
    return bool(loc.other_before and loc.other_before.search(text, max(0, trigger.start - 20), trigger.start)
                or loc.other_after and loc.other_after.match(text, trigger.end, trigger.end + 24))


def statement_date(text: str, date: Span, trigger_end: int, lang: str) -> bool:
    """The day a statement was made, not the event's: a date after a verb of saying with no trigger
    between them ("112 people died in the quake, kata Kepala BPBD, Rabu"; "..., the agency said on
    Wednesday"; "وقال المتحدث يوم الأربعاء إن"), or right before one in Chinese and Japanese
    ("应急管理局19日表示"). ``trigger_end``: where the last trigger before the date ends (0: none)."""
    try:
        loc = locale(lang)
    except (OSError, RuntimeError, KeyError):
        return False
    return bool(loc.said_before and loc.said_before.search(text, max(trigger_end, date.start - 60), date.start)
                or loc.said_after and loc.said_after.match(text, date.end, date.end + 8))


def future_date(text: str, date: Span, lang: str) -> bool:
    """A date in a clause in the future ("the commission will publish the results of the election on
    May 18", "akan mengumumkan hasil pemilu pada 18 Mei", "将于5月18日公布", "18日に発表する予定"):
    what is yet to happen, never the date of an event already past."""
    try:
        loc = locale(lang)
    except (OSError, RuntimeError, KeyError):
        return False
    reach = 20 if loc.cjk else 60
    return bool(loc.future_clause and loc.future_clause.search(text, max(0, date.start - reach), date.start)
                or loc.future_date_after and loc.future_date_after.match(text, date.end, date.end + 12))


def future_tense(text: str, trigger: Span, lang: str) -> bool:
    """A trigger in the future ("the boats will arrive", "akan tiba", "将抵达", "arriveront",
    "到着する予定"): a date attached to it cannot be that of an event that has already happened."""
    try:
        loc = locale(lang)
    except (OSError, RuntimeError, KeyError):
        return False
    word = text[trigger.start:trigger.end].lower()
    return bool(loc.future_before and loc.future_before.search(text, max(0, trigger.start - 24), trigger.start)
                or loc.future_after and loc.future_after.match(text, trigger.end, trigger.end + 12)
                or any(word.endswith(e) for e in loc.future_endings))


def _with_ago(loc: _Locale, text: str, start: int, end: int) -> "Iterable[regex.Match[str]]":
    """The date pattern's matches and the "N years ago" phrases, in order; of two that overlap, the
    first ("tiga bulan lalu", not its "bulan lalu"). The phrases are looked for only in a span that
    holds an anchor word ("ago", "il y a", "前")."""
    anchors = _occurrences(text, loc.ago_words, start, end)
    if not anchors:
        return _matches(loc, text, start, end)
    agos = {}  # the phrase holds its anchor: it is looked for around each anchor only
    for a_start, a_end in anchors:
        for m in loc.ago.finditer(text, max(start, a_start - 30), min(end, a_end + 30)):  # type: ignore[union-attr]
            if m.start() <= a_start and a_end <= m.end():
                agos[m.span()] = m
    out, last = [], start
    for m in sorted([*_matches(loc, text, start, end), *agos.values()], key=lambda m: (m.start(), -m.end())):
        if m.start() >= last:
            last = m.end()
            out.append(m)
    return out


def _occurrences(text: str, words: tuple[str, ...], start: int, end: int) -> list[tuple[int, int]]:
    """Where any of ``words`` (lower case) occurs in ``text[start:end]``, whatever its case, found by
    ``str.find`` in the article's lower-cased text: much cheaper than a case-blind pattern's scan."""
    if not words:
        return []
    low = lowered(text)
    if low is None:  # lower-casing moves characters: the slow way
        low, start, end, shift = text[start:end].lower(), 0, end - start, start
    else:
        shift = 0
    out = []
    for w in words:
        at = low.find(w, start, end)
        while at >= 0:
            out.append((at + shift, at + shift + len(w)))
            at = low.find(w, at + 1, end)
    return out


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
    if whole == "md" and not (g("md_rel") or g("md_dir") or g("md_ago")):
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
    if whole == "ago":
        return _ago(loc, g("ago"), published)  # type: ignore[arg-type]
    if whole in ("md", "cr"):  # a month of a relative year: "Februari tahun lalu", "去年2月", "两年前的2月"
        phrase = g("md_rel") or g("md_ago") or g("cr_y") or ""
        year = loc.relative.get(_norm(phrase))
        year = _parse(loc.lang, year, base) if year else _ago(loc, phrase, published)
        if year is None or year.year is None:
            return None
        if whole == "md":
            return _date(year.year, _month(loc, g("md_m")), _day(g("md_d")) if g("md_d") else None)
        return _date(year.year, _cjk_number(g("cr_m")), _cjk_number(g("cr_d")))
    return None


def _ago(loc: _Locale, phrase: str, published: dt.date) -> DateValue | None:
    """"three years ago" is the year three before the publication's, "two months ago" that month,
    "ten days ago" that day: the precision of the unit counted."""
    low = _norm(phrase)
    unit = next((u for d, u in loc.ago_duals.items() if d in low), None)
    n = 2
    if unit is None:
        numbers = "|".join(regex.escape(w) for w in sorted(loc.ago_numbers, key=len, reverse=True))
        units = "|".join(regex.escape(w) for w in sorted(loc.ago_units, key=len, reverse=True))
        m = regex.search(rf"(\d+|{numbers})\s*({units})", low)
        if m is None:
            return None
        n = int(m.group(1)) if m.group(1).isdigit() else loc.ago_numbers[m.group(1)]
        unit = loc.ago_units[m.group(2)]
    if unit == "year":
        return _date(published.year - n, None, None)
    if unit == "month":
        months = published.year * 12 + published.month - 1 - n
        return _date(months // 12, months % 12 + 1, None)
    day = published - dt.timedelta(days=n * (7 if unit == "week" else 1))
    return DateValue(day.year, day.month, day.day)


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

"""Figures in a sentence as each language writes them: "1,314", "1.300" (id, fr), "1,3 juta",
"50 000" (fr), "5 thousand 383", "3万5000", "四万", "٢٤", "41,8 %", "百分之四十", "more than 2,000".

A figure is read with its precision (the place of its last written digit: "1.3 million" is
given to the hundred thousand, "1,300" to the hundred), its unit (what stands next to it: a
percent mark, a currency, a word the fact gives) and its hedge ("at least", "sekitar", "近く").
What is not a quantity is left out: dates (the caller gives their spans), times of day,
ordinals, years, numbers glued to letters ("G20", "COVID-19"). Language knowledge is data
(checker/data/numbers.yaml and units.yaml); positions are offsets into the article's text.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..language import lowered
from ..model import Span
from ..yamlload import load_plain

DATA = Path(__file__).resolve().parent.parent / "data"
# Arabic-Indic, Extended Arabic-Indic and full-width digits as ASCII, one character for one:
# every offset stays where it was.
DIGITS = str.maketrans({**{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6F0 + i): str(i) for i in range(10)},
                        **{chr(0xFF10 + i): str(i) for i in range(10)}, "\uff05": "%", "\uff0c": ","})
CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
CJK_SMALL = {"十": 10, "百": 100, "千": 1000}
CJK_BIG = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8, "兆": 10 ** 12}
CJK_RUN = re.compile("(?:[0-9]+(?:\\.[0-9]+)?|[" + "".join(CJK_DIGITS) + "十百千万萬亿億兆])+")
LETTER_BEFORE = re.compile(r"[^\W\d_]$")  # a letter right before a figure glues it to a word
TIMES = DATA / "times.yaml"


@functools.lru_cache(maxsize=1)
def time_pattern() -> "re.Pattern[str]":
    """A time of day, which is never a quantity: "03:40", "3.40 WIB", "pukul 03.40", "pukul 6",
    "3 h 40", "6 h", "3h40", "午前3時40分", "3:40 a.m.", "6 a.m.". Built from checker/data/times.yaml
    (the words of the zones, of a.m. and p.m., and of the clock words before an hour)."""
    data = load_plain(TIMES.read_text(encoding="utf-8"))
    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    ampm = alt(data["am"] + data["pm"])
    zones = alt([w for words in data["zones"].values() for w in words])
    clock = alt(data["clock"])
    return re.compile(
        rf"(?:(?:{clock}) )?[0-9]{{1,2}}(?::[0-9]{{2}}|\.[0-9]{{2}}(?= ?(?:{zones}|{ampm}))"
        rf"| ?h(?: ?[0-9]{{2}})?\b|[時时点](?:[0-9]{{1,2}}分)?)(?![0-9])"
        rf"|(?<![0-9.,])[0-9]{{1,2}} ?(?:{ampm})(?!\w)"
        rf"|(?:{clock}) [0-9]{{1,2}}(?:\.[0-9]{{2}})?(?![0-9.,])")


@dataclass(frozen=True)
class QuantityMention:
    span: Span  # the hedge (if any), the figure and its unit, as the article writes them
    figure: Span  # the figure alone
    value: float
    step: float  # the place of the last digit written: the figure stands for [value - step/2, value + step/2]
    unit: str | None  # "percent", a unit's name, or None
    hedge: str | None  # at_least, more_than, at_most, less_than, about, nearly
    change: str | None = None  # "from" (the old value of a change) or "to" (the new one); "to_bare": see _change
    whole: bool = False  # the whole a count is part of: the 120 of "68 of the 120 seats", "120个议席中"


@dataclass
class Numbers:
    """One language's ways of writing numbers, compiled once."""

    code: str
    decimal: tuple[str, ...]
    group: tuple[str, ...]
    scales: dict[str, float]
    words: dict[str, float]
    hedges: list[tuple[str, str]]  # (phrase, kind), longest first: before the figure
    after: list[tuple[str, str]]  # (phrase, kind): after the figure or its unit
    ordinal_before: tuple[str, ...]
    ordinal_after: tuple[str, ...]
    percent_before: tuple[str, ...]
    percent_after: tuple[str, ...]
    cjk: bool
    change: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # "from"/"to"/"to_bare" -> (words before, after)
    part_of: tuple[str, ...] = ()  # words between a part and its whole: "of the" in "68 of the 120 seats"
    whole_after: tuple[str, ...] = ()  # words right after a whole: "中" in "120个议席中赢得68席"
    article_words: tuple[str, ...] = ()  # number words that are also the indefinite article ("un", "une")
    date_after: tuple[str, ...] = ()  # marks that glue a bare figure to a date: "10日", "3月"

    @functools.cached_property
    def figure(self) -> "re.Pattern[str]":
        marks = "".join(re.escape(m) for m in sorted(set(self.decimal + self.group)))
        return re.compile(rf"[0-9]+(?:[{marks}][0-9]+)*")

    @functools.cached_property
    def scales_by_first(self) -> dict[str, list[tuple[str, float]]]:
        """The scale words by their first character in lower case, longest first."""
        out: dict[str, list[tuple[str, float]]] = {}
        for word, factor in self.scales.items():  # longest first
            out.setdefault(word[:1].lower(), []).append((word, factor))
        return out

    @functools.cached_property
    def hedges_by_last(self) -> dict[str, list[tuple[str, str]]]:
        """The hedges before a figure, lower case, by their last character, longest first."""
        out: dict[str, list[tuple[str, str]]] = {}
        for phrase, kind in self.hedges:  # longest first
            out.setdefault(phrase[-1:].lower(), []).append((phrase.lower(), kind))
        return out

    @functools.cached_property
    def percent_by_first(self) -> dict[str, list[str]]:
        """The percent words after a figure by their first character in lower case, longest first."""
        out: dict[str, list[str]] = {}
        for word in self.percent_after:  # longest first
            out.setdefault(word[:1].lower(), []).append(word)
        return out

    @functools.cached_property
    def change_words(self) -> tuple[dict[str, list[tuple[str, str]]], list[tuple[str, str]], list[tuple[str, str]]]:
        """The words of a change: those before a figure in a spaced script, lower case, by their
        last character; those in a script without spaces; those after a figure. Each with its role."""
        narrow: dict[str, list[tuple[str, str]]] = {}
        wide: list[tuple[str, str]] = []
        after: list[tuple[str, str]] = []
        for role, (words_before, words_after) in self.change.items():
            for word in words_before:
                w = word.lower()
                if _wide(w):
                    wide.append((w, role))
                elif w:
                    narrow.setdefault(w[-1], []).append((w, role))
            after += [(word, role) for word in words_after]
        return narrow, wide, after

    @functools.cached_property
    def after_marked(self) -> list[tuple[str, str, bool]]:
        """The hedges after a figure, each with whether it is written without spaces."""
        return [(phrase, kind, _wide(phrase)) for phrase, kind in self.after]

    @functools.cached_property
    def word_list(self) -> list[str]:
        """The number words, longest first: at one place the longest wins ("seventeen", not "seven")."""
        return sorted(self.words, key=len, reverse=True)


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return load_plain((DATA / "numbers.yaml").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def units() -> dict[str, dict[str, list[str]]]:
    """The units factlint knows, by name: the words before and after a figure that say it."""
    return load_plain((DATA / "units.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class OtherWords:
    """Words that give a figure to another event or subject (numbers.yaml, ``other``): see
    checker/facts/quantity.py. Each a compiled alternation, or None when the language has none."""

    event_before: "re.Pattern[str] | None"  # searched in the few characters before a trigger
    event_after: "re.Pattern[str] | None"  # right after a trigger
    figure_before: "re.Pattern[str] | None"  # ending right before a figure
    figure_after: "re.Pattern[str] | None"  # right after a figure
    setting: "re.Pattern[str] | None"  # in a sentence's opening phrase


def _alternation(words: list[str], end: str = "") -> "re.Pattern[str] | None":
    if not words:
        return None
    parts = [re.escape(w) if _wide(w) else r"(?<![\w-])" + re.escape(w) + r"(?![\w-])"
             for w in sorted(words, key=len, reverse=True)]
    return re.compile("(?:" + "|".join(parts) + ")" + end, re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def other_words(code: str | None) -> OtherWords:
    d = (_data().get(code or "en") or _data()["en"]).get("other") or {}
    return OtherWords(_alternation(d.get("event_before", [])), _alternation(d.get("event_after", [])),
                      _alternation(d.get("figure_before", []), r"[ \u00a0]*$"),
                      _alternation(d.get("figure_after", [])), _alternation(d.get("setting", [])))


@functools.lru_cache(maxsize=None)
def numbers(code: str | None) -> Numbers:
    d = _data().get(code or "en") or _data()["en"]
    hedges = sorted(((p, kind) for kind, phrases in (d.get("hedges") or {}).items() for p in phrases),
                    key=lambda pk: -len(pk[0]))
    after = sorted(((p, kind) for kind, phrases in (d.get("after") or {}).items() for p in phrases),
                   key=lambda pk: -len(pk[0]))
    return Numbers(code or "en", tuple(d.get("decimal", ["."])), tuple(d.get("group", [","])),
                   {w: float(v) for w, v in sorted((d.get("scales") or {}).items(), key=lambda wv: -len(wv[0]))},
                   {w.lower(): float(v) for w, v in (d.get("words") or {}).items()}, hedges, after,
                   tuple(d.get("ordinal_before", [])), tuple(d.get("ordinal_after", [])),
                   tuple(d.get("percent_before", [])), tuple(sorted(d.get("percent_after", []), key=len, reverse=True)),
                   str(d.get("cjk", "")).lower() == "true",
                   {role: (tuple((d.get(f"change_{role}") or {}).get("before", [])),
                           tuple((d.get(f"change_{role}") or {}).get("after", []))) for role in ("from", "to", "to_bare")},
                   tuple(sorted(d.get("part_of", []), key=len, reverse=True)), tuple(d.get("whole_after", [])),
                   tuple(w.lower() for w in d.get("article_words", [])), tuple(d.get("date_after", [])))


Place = tuple[int, int, str]  # (start, end, kind): "d" a run of digits, "c" of CJK numerals, "w" a number word
CJK_CHARS = re.compile("[" + "".join(CJK_DIGITS) + "十百千万萬亿億]+")
DIGIT_RUN = re.compile("[0-9]+")
_WORD_CHAR_EXTRA = "_-"  # with letters and digits, what may not touch a number word ("twenty-one" is not read)


def locate(prose: str, span: Span, lang: str | None) -> list[Place]:
    """Where figures may be in ``prose[span]``, in one pass over the text: the runs of digits (of
    any script), of CJK numerals, and the number words. An article is scanned once; a sentence's
    figures are then read from the places inside it, and a sentence with none is not read at all.
    Number words are found with ``str.find`` in the lower-cased text, several times faster than
    the regex engine trying an alternation of forty words at every position."""
    n = numbers(lang)
    text = ascii_digits(prose)
    places: list[Place] = [(m.start(), m.end(), "d") for m in DIGIT_RUN.finditer(text, span.start, span.end)]
    if n.cjk:
        places += [(m.start(), m.end(), "c") for m in CJK_CHARS.finditer(text, span.start, span.end)]
    if n.words:
        places += _number_words(prose, span, n)
    places.sort()
    return places


def _number_words(prose: str, span: Span, n: Numbers) -> list[Place]:
    low = lowered(prose)
    if low is None:  # a character whose lower case is longer: let the regex engine fold case
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, n.word_list)) + r")(?![\w-])", re.IGNORECASE)
        return [(m.start(), m.end(), "w") for m in pattern.finditer(prose, span.start, span.end)]
    hits: list[tuple[int, int]] = []
    for word in n.word_list:
        at = low.find(word, span.start, span.end)
        while at >= 0:
            end = at + len(word)
            before, after = low[at - 1:at] if at > 0 else "", low[end:end + 1]
            if not (before.isalnum() or before in _WORD_CHAR_EXTRA and before) and \
                    not (after.isalnum() or after in _WORD_CHAR_EXTRA and after):
                hits.append((at, -len(word)))
            at = low.find(word, at + 1, span.end)
    out: list[Place] = []
    for at, minus in sorted(hits):  # leftmost, then longest; no overlap (as an alternation would find them)
        if out and at < out[-1][1]:
            continue
        out.append((at, at - minus, "w"))
    return out


def find_quantities(prose: str, span: Span, lang: str | None, unit_words: dict[str, tuple[list[str], list[str]]],
                    skip: list[Span], places: list[Place] | None = None) -> list[QuantityMention]:
    """The figures of ``prose[span]``, leftmost first. ``unit_words``: unit name -> (words before,
    words after) to look for; ``skip``: spans that are not quantities (the sentence's dates);
    ``places``: what ``locate`` found inside the span, when the caller has scanned the article."""
    n = numbers(lang)
    if places is None:
        places = locate(prose, span, lang)
    if not places:
        return []
    text = ascii_digits(prose)  # same length: offsets are the prose's
    found: list[QuantityMention] = []
    taken: list[Span] = list(skip)
    if any(kind == "d" for _, _, kind in places):
        taken += [Span(m.start(), m.end()) for m in time_pattern().finditer(text, span.start, span.end)]
    for start, end, value, step in _figures(text, span, n, places):
        if any(s.start < end and start < s.end for s in taken):
            continue
        if _not_a_quantity(text, span, start, end, value, step, n):
            continue
        figure = Span(start, end)
        unit, left, right = _unit(text, span, start, end, n, unit_words)
        if unit is None and value == int(value) and 1900 <= value <= 2100 and end - start == 4:
            continue  # a year of news ("in 2014"), not a quantity; "1314" with no unit stays a figure
        if unit is None and text[start:end].lower() in n.article_words:
            continue  # "lors d'un meeting": the article, not a count ("un mort" has its unit)
        if unit is None and n.date_after and any(text.startswith(m, end) and not text.startswith(m + "間", end)
                                                 for m in n.date_after):
            continue  # "10日", "3月": a day or a month, never a count ("三日間" is three days)
        hedge, left, right = _hedge(text, span, left, right, end, n)
        found.append(QuantityMention(Span(left, right), figure, value, step, unit, hedge,
                                     _change(text, span, left, right, n)))
        taken.append(Span(left, right))
    return _parts(text, sorted(found, key=lambda q: q.span.start), n)


_CLAUSE = re.compile(r"[;\uff0c\u3001\uff1b\u060c\u061b\u3002]|,(?![0-9])")


def _parts(text: str, found: list[QuantityMention], n: Numbers) -> list[QuantityMention]:
    """A count and the whole it is part of: "68 of the 120 seats", "68 des 120 sièges", "68 dari 120
    kursi", "58 sièges sur 120", "68 مقعدا من أصل 120", "120个议席中赢得68席". The whole is marked
    (a claim about the count is not about it) and each takes the other's unit when it has none
    ("68" counts seats as "120 seats" does)."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        gap = " ".join(text[a.span.end:b.span.start].split()).lower()
        if gap and gap in n.part_of:
            out[i] = replace(a, unit=a.unit or b.unit)
            out[i + 1] = replace(b, unit=b.unit or a.unit, whole=True)
    for i, q in enumerate(out):
        if n.whole_after and any(text.startswith(w, q.span.end) for w in n.whole_after):
            out[i] = replace(q, whole=True)
    return out


def _change(text: str, span: Span, left: int, right: int, n: Numbers) -> str | None:
    """Whether the figure is the old ("up from 912") or the new value ("rose to 1,400") of a
    change: a word of change_from or change_to in the few characters before it, or right after it."""
    narrow, wide, after = n.change_words
    for word, role in after:  # a word right after the figure says most ("1,400 sebelumnya")
        if text.startswith(word, right, span.end):
            return role
    low = text[max(span.start, left - 20):left].rstrip(" \u00a0").lower()
    best: tuple[int, str] | None = None
    for w, role in narrow.get(low[-1:], ()):
        if low.endswith(w) and (len(low) == len(w) or not low[-len(w) - 1].isalnum()):
            at = len(low) - len(w)
            if best is None or at < best[0]:  # the longest ("rose to", not its bare "to")
                best = (at, role)
    if best is not None:
        return best[1]
    for w, role in wide:
        at = low.rfind(w)
        # The word leads to this figure: no figure or clause mark between ("至少112人死亡，约2.3万人":
        # 约2.3万 is no new value), and it does not start a hedge (至 of 至少).
        if at >= 0 and (best is None or at > best[0]) and not any(c.isdigit() for c in low[at + len(w):]) \
                and not _CLAUSE.search(low, at + len(w)) and not any(low.startswith(h, at) for h, _ in n.hedges):
            best = (at, role)
    return best[1] if best else None


_DIGITS_OF: list = [None, None]  # the last prose translated, and its translation: one article, many sentences


# What ``DIGITS`` changes: a full-width comma only after a digit ("１，３００"), not in Chinese prose.
# (Written without a lookbehind, so that the engine skips ahead to the first character it can start at.)
_NOT_ASCII_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19\uff05]\uff0c?|[0-9]\uff0c")


def ascii_digits(prose: str) -> str:
    """The prose with every digit ASCII (one character for one), translated once per article. Only
    the characters to change are visited: ``str.translate`` with a table walks every character
    of the article in Python's slow path, three times the cost of reading its figures."""
    if _DIGITS_OF[0] is not prose:
        found = _NOT_ASCII_DIGIT.search(prose)
        _DIGITS_OF[:] = [prose, prose if found is None else
                         _NOT_ASCII_DIGIT.sub(lambda m: m.group().translate(DIGITS), prose)]
    return _DIGITS_OF[1]


def _figures(text: str, span: Span, n: Numbers, places: list[Place]) -> list[tuple[int, int, float, float]]:
    """Every figure (start, end, value, step) at the places ``locate`` found: digits with the
    language's marks and scale words, CJK numerals, and number words."""
    out: list[tuple[int, int, float, float]] = []
    pos = span.start
    for run_start, run_end, kind in places:
        if kind != "d" or run_end <= pos:
            continue  # (a run that a figure before it has read, as "300" of "1.300")
        start, end, value, step = _digits(text, max(run_start, pos), n.figure.match(text, max(run_start, pos),
                                                                                   span.end).end(), n)
        end, value, step = _scaled(text, span, end, value, step, n)
        out.append((start, end, value, step))
        pos = max(end, start + 1)
    if n.cjk and any(kind != "w" for _, _, kind in places):
        for m in CJK_RUN.finditer(text, span.start, span.end):
            run = m.group()
            if text.startswith("分之", m.end()):
                continue  # the 百 of 百分之 ("percent of"): the percent mark, read with its figure
            if run.isascii() or any(s <= m.start() < e for s, e, _, _ in out if not text[s:e].isascii()):
                continue
            if not any(c.isdigit() or c in CJK_DIGITS for c in run):
                continue  # 百, 千万, 十: a unit with no digit is a word ("百姓", "千万不要"), not a figure
            parsed = _cjk(run)
            if parsed is not None:
                out = [f for f in out if not (m.start() <= f[0] < m.end())]  # "3万5000" replaces "3" and "5000"
                out.append((m.start(), m.end(), *parsed))
    for start, end, kind in places:
        if kind == "w":
            value = n.words[text[start:end].lower()]
            end, value2, step = _scaled(text, span, end, value, 1.0, n)
            out.append((start, end, value2, step))
    return sorted(out)


def _digits(text: str, start: int, end: int, n: Numbers) -> tuple[int, int, float, float]:
    """A run of digits and marks read as the language writes it; a mark that does not fit ends the
    figure there ("1,3" in English is two numbers; "1.300" in Indonesian is one thousand three hundred)."""
    parts = re.split(r"([^0-9])", text[start:end])
    digits, decimals = parts[0], ""
    used = len(parts[0])
    grouped = False
    i = 1
    while i + 1 < len(parts):
        mark, nxt = parts[i], parts[i + 1]
        if mark in n.group and len(nxt) == 3 and (grouped or len(digits) <= 3):
            digits += nxt
            grouped = True
        elif mark in n.decimal and not decimals:
            decimals = nxt
            used += 1 + len(nxt)
            break
        else:
            break
        used += 1 + len(nxt)
        i += 2
    value = float(f"{digits}.{decimals}" if decimals else digits)
    if decimals:
        step = 10.0 ** -len(decimals)
    else:
        zeros = len(digits) - len(digits.rstrip("0")) if len(digits) > 1 else 0
        step = 10.0 ** min(zeros, len(digits) - 1) if value >= 1000 else 1.0
    return start, start + used, value, step


def _scaled(text: str, span: Span, end: int, value: float, step: float, n: Numbers) -> tuple[int, float, float]:
    """The figure with the scale word after it ("1,3 juta", "2.5 billion", "3万"), and a smaller
    figure after that ("5 thousand 383")."""
    gap = 0 if n.cjk else _spaces(text, end, span.end)
    at = end + gap
    for word, factor in n.scales_by_first.get(text[at:at + 1].lower(), ()):  # longest first
        if not _word_at(text, at, word, span.end, exact=any(c.isupper() for c in word)):
            continue
        after = at + len(word)
        value, step = value * factor, step * factor
        rest = re.compile(r"[ \u00a0]?([0-9]{1,3})(?![0-9.,])").match(text, after, span.end) if not n.cjk else \
            re.compile(r"([0-9]+)(?![0-9.,])").match(text, after, span.end)
        if rest is not None and float(rest.group(1)) < factor:
            return rest.end(), value + float(rest.group(1)), 1.0
        return after, value, step
    return end, value, step


def _cjk(run: str) -> tuple[float, float] | None:
    """A run of CJK numerals (and digits): 四万 (40000), 二十三 (23), 3万5000 (35000), 1.2亿."""
    total = section = 0.0
    number: float | None = None
    step = 1.0
    digits_written = False
    last = ""
    for token in re.findall(r"[0-9]+(?:\.[0-9]+)?|.", run):
        if token in CJK_BIG and last in CJK_BIG and section == 0 and number is None:
            # 万亿 (a trillion), 千亿: a big unit right after another multiplies what came before
            total, step = total * CJK_BIG[token], step * CJK_BIG[token]
            last = token
            continue
        last = token
        if token[0].isdigit():
            number = float(token)
            step = 10.0 ** -len(token.split(".")[1]) if "." in token else 1.0
            digits_written = True
        elif token in CJK_DIGITS:
            number = (number or 0) * 10 + CJK_DIGITS[token] if number and not digits_written else CJK_DIGITS[token]
            step = 1.0
        elif token in CJK_SMALL:
            section += (number if number is not None else 1) * CJK_SMALL[token]
            step, number = CJK_SMALL[token] * (step if number is not None else 1), None
        elif token in CJK_BIG:
            total += (section + (number or 0)) * CJK_BIG[token]
            step = CJK_BIG[token] * (step if number is not None and section == 0 else 1)
            section, number = 0.0, None
        else:
            return None
    value = total + section + (number or 0)
    if value == 0 and "零" not in run and "〇" not in run and "0" not in run:
        return None
    return value, step


def _not_a_quantity(text: str, span: Span, start: int, end: int, value: float, step: float, n: Numbers) -> bool:
    before = text[max(span.start, start - 4):start]
    after = text[end:min(span.end, end + 4)]
    time = time_pattern().match(text, start)
    if time is not None and time.end() == end:
        return True  # "03:40", "3.40 WIB": a time of day
    if LETTER_BEFORE.search(before) and not n.cjk and not _arabic_prefix(before):
        return True  # "G20", "COVID-19"
    if after[:1].isalpha() and not n.cjk and not after[:1] in "%" and \
            any(after.lower().startswith(o) and not after[len(o):len(o) + 1].isalpha() for o in n.ordinal_after):
        return True  # "3rd", "2e", "1er"
    if any(before.endswith(o) for o in n.ordinal_before):
        return True  # "ke-3", "第3"
    if after[:1] in ("-", "/") and after[1:2].isdigit() or before[-1:] in ("-", "/") and before[-2:-1].isdigit():
        return True  # "2014/15", a range or a phone number: not read
    return False


def _arabic_prefix(before: str) -> bool:
    """"و3" ("and 3"), "بـ68" ("with 68"): Arabic glues one-letter words to what follows, before a
    digit often with a tatweel."""
    before = before[:-1] if before.endswith("\u0640") else before
    return len(before) >= 1 and before[-1] in "\u0648\u0641\u0628\u0644\u0643" and \
        (len(before) == 1 or not before[-2].isalpha())


def _unit(text: str, span: Span, start: int, end: int, n: Numbers,
          unit_words: dict[str, tuple[list[str], list[str]]]) -> tuple[str | None, int, int]:
    """The figure's unit, and the span it extends to: percent first, then the given units."""
    gap = _spaces(text, end, span.end)
    for word in n.percent_by_first.get(text[end + gap:end + gap + 1].lower(), ()):  # longest first
        if _word_at(text, end + gap, word, span.end):
            return "percent", start, end + gap + len(word)
    for word in n.percent_before:
        if text.endswith(word, span.start, start):
            return "percent", start - len(word), end
    # The longest word wins; between words of one length, the unit listed first (as units.yaml
    # and the rule file give them).
    best: tuple[int, int, str, int, int] | None = None
    skip = next((len(p) for p, _, wide in n.after_marked if wide and text.startswith(p, end)), 0)  # "1300余人"
    narrow_at, wide_at = end + gap, end + skip
    lead = start - _spaces_before(text, start, span.start)
    after_index, before_index = _unit_index(unit_words)
    for first in dict.fromkeys((text[narrow_at:narrow_at + 1].lower(), text[wide_at:wide_at + 1])):
        for rank, name, word, wide in after_index.get(first, ()):  # the words that can start there
            at = wide_at if wide else narrow_at
            if _word_at(text, at, word, span.end) and (best is None or (len(word), -rank) > best[:2]):
                best = (len(word), -rank, name, start, at + len(word))
    for last in dict.fromkeys((text[lead - 1:lead], text[start - 1:start])):
        for rank, name, word, wide in before_index.get(last, ()):  # the words that can end there
            if lead - len(word) >= span.start and text[lead - len(word):lead] == word and \
                    (lead - len(word) == span.start or not text[lead - len(word) - 1].isalnum() or wide):
                if best is None or (len(word), -rank) > best[:2]:
                    best = (len(word), -rank, name, lead - len(word), end)
    if best is None:
        return None, start, end
    return best[2], best[3], best[4]


UnitIndex = tuple[dict[str, list[tuple[int, str, str, bool]]], dict[str, list[tuple[int, str, str, bool]]]]
_UNIT_INDEXES: dict[int, tuple[dict, UnitIndex]] = {}  # id -> (the dict itself, kept alive so the id stays its own; index)


def _unit_index(unit_words: dict[str, tuple[list[str], list[str]]]) -> UnitIndex:
    """The unit words after a figure by their first character (lower case for a narrow word), and
    those before it by their last: a figure is compared with the few that can fit, not with all.
    Built once per dict of units (a story's, kept by its RuleSet)."""
    memo = _UNIT_INDEXES.get(id(unit_words))
    if memo is not None and memo[0] is unit_words:
        return memo[1]
    after: dict[str, list[tuple[int, str, str, bool]]] = {}
    before: dict[str, list[tuple[int, str, str, bool]]] = {}
    for rank, (name, (words_before, words_after)) in enumerate(unit_words.items()):
        for word in words_after:
            if word:
                wide = _wide(word)
                after.setdefault(word[0] if wide else word[0].lower(), []).append((rank, name, word, wide))
        for word in words_before:
            if word:
                before.setdefault(word[-1], []).append((rank, name, word, _wide(word)))
    if len(_UNIT_INDEXES) >= 64:  # many stories in one run: keep the recent ones
        _UNIT_INDEXES.pop(next(iter(_UNIT_INDEXES)))
    _UNIT_INDEXES[id(unit_words)] = (unit_words, (after, before))
    return after, before


def _hedge(text: str, span: Span, left: int, right: int, figure_end: int,
           n: Numbers) -> tuple[str | None, int, int]:
    lead = left - _spaces_before(text, left, span.start)
    low = text[max(span.start, lead - 40):lead].lower()
    for phrase, kind in n.hedges_by_last.get(low[-1:], ()):  # longest first
        if low.endswith(phrase) and (len(low) == len(phrase) or not low[-len(phrase) - 1].isalnum()
                                     or _wide(phrase)):
            return kind, lead - len(phrase), right
    for at in (right, figure_end):  # after the unit ("1300人以上"), or between figure and unit ("1300余人")
        gap = _spaces(text, at, span.end)
        for phrase, kind, wide in n.after_marked:
            if text.startswith(phrase, at if wide else at + gap):
                return kind, left, max(right, (at if wide else at + gap) + len(phrase))
    return None, left, right


def _spaces(text: str, at: int, end: int) -> int:
    i = at
    while i < end and text[i] in " \u00a0\u202f":
        i += 1
    return i - at


def _spaces_before(text: str, at: int, start: int) -> int:
    i = at
    while i > start and text[i - 1] in " \u00a0\u202f":
        i -= 1
    return at - i


@functools.lru_cache(maxsize=4096)
def _wide(word: str) -> bool:
    """Whether the word is written in a script without spaces (it may touch the figure)."""
    return any("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in word)


def _word_at(text: str, at: int, word: str, end: int, exact: bool = False) -> bool:
    """``word`` at ``at``, and not the start of a longer word ("per cent" not "percentage")."""
    if at + len(word) > end:
        return False
    got = text[at:at + len(word)]
    if (got if exact else got.lower()) != (word if exact else word.lower()):
        return False
    after = text[at + len(word):at + len(word) + 1]
    return _wide(word) or not word[-1:].isalnum() or not after.isalnum()


def interval(q: QuantityMention) -> tuple[float, float]:
    """What the figure, with its precision and hedge, allows: "about" and "nearly" a tenth."""
    half = q.step / 2
    low, high = q.value - half, q.value + half
    loose = max(half, 0.1 * abs(q.value))
    return {
        "at_least": (q.value, math.inf),
        "more_than": (q.value, math.inf),
        "at_most": (-math.inf, q.value),
        "less_than": (-math.inf, q.value),
        "about": (q.value - loose, q.value + loose),
        "nearly": (q.value - loose, high),
    }.get(q.hedge or "", (low, high))

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
# A time of day: "03:40", "3.40 WIB", "pukul 03.40", "3 h 40", "3h40", "午前3時40分", "3:40 a.m."
TIME = re.compile(r"(?:pukul |jam )?[0-9]{1,2}(?::[0-9]{2}|\.[0-9]{2}(?= ?(?:WIB|WITA|WIT|a\.m\.|p\.m\.|am\b|pm\b))"
                  r"| ?h ?[0-9]{2}\b|時(?:[0-9]{1,2}分)?|时(?:[0-9]{1,2}分)?)(?![0-9])|(?<=pukul )[0-9]{1,2}\.[0-9]{2}")


@dataclass(frozen=True)
class QuantityMention:
    span: Span  # the hedge (if any), the figure and its unit, as the article writes them
    figure: Span  # the figure alone
    value: float
    step: float  # the place of the last digit written: the figure stands for [value - step/2, value + step/2]
    unit: str | None  # "percent", a unit's name, or None
    hedge: str | None  # at_least, more_than, at_most, less_than, about, nearly
    change: str | None = None  # "from" (the old value of a change) or "to" (the new one)


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
    change: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # "from"/"to" -> (words before, words after)

    @functools.cached_property
    def figure(self) -> "re.Pattern[str]":
        marks = "".join(re.escape(m) for m in sorted(set(self.decimal + self.group)))
        return re.compile(rf"[0-9]+(?:[{marks}][0-9]+)*")

    @functools.cached_property
    def any_figure(self) -> "re.Pattern[str]":
        """Where a figure may start: a digit of any script, a CJK numeral, a number word."""
        chars = "0-9\u0660-\u0669\u06f0-\u06f9\uff10-\uff19" + ("".join(CJK_DIGITS) + "十百千万萬亿億" if self.cjk else "")
        words = self._words_alternation
        return re.compile(f"[{chars}]+" + (f"|(?<![\\w-])(?:{words})(?![\\w-])" if words else ""), re.IGNORECASE)

    @functools.cached_property
    def _words_alternation(self) -> str:
        return "|".join(re.escape(w) for w in sorted(self.words, key=len, reverse=True))

    @functools.cached_property
    def word_figure(self) -> "re.Pattern[str] | None":
        if not self.words:
            return None
        return re.compile(rf"(?<![\w-])(?:{self._words_alternation})(?![\w-])", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return load_plain((DATA / "numbers.yaml").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def units() -> dict[str, dict[str, list[str]]]:
    """The units factlint knows, by name: the words before and after a figure that say it."""
    return load_plain((DATA / "units.yaml").read_text(encoding="utf-8"))


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
                           tuple((d.get(f"change_{role}") or {}).get("after", []))) for role in ("from", "to")})


def find_quantities(prose: str, span: Span, lang: str | None, unit_words: dict[str, tuple[list[str], list[str]]],
                    skip: list[Span]) -> list[QuantityMention]:
    """The figures of ``prose[span]``, leftmost first. ``unit_words``: unit name -> (words before,
    words after) to look for; ``skip``: spans that are not quantities (the sentence's dates)."""
    n = numbers(lang)
    text = ascii_digits(prose)  # same length: offsets are the prose's
    found: list[QuantityMention] = []
    taken: list[Span] = list(skip) + [Span(m.start(), m.end()) for m in TIME.finditer(text, span.start, span.end)]
    for start, end, value, step in _figures(text, span, n):
        if any(s.start < end and start < s.end for s in taken):
            continue
        if _not_a_quantity(text, span, start, end, value, step, n):
            continue
        figure = Span(start, end)
        unit, left, right = _unit(text, span, start, end, n, unit_words)
        if unit is None and value == int(value) and 1900 <= value <= 2100 and end - start == 4:
            continue  # a year of news ("in 2014"), not a quantity; "1314" with no unit stays a figure
        hedge, left, right = _hedge(text, span, left, right, end, n)
        found.append(QuantityMention(Span(left, right), figure, value, step, unit, hedge,
                                     _change(text, span, left, right, n)))
        taken.append(Span(left, right))
    return sorted(found, key=lambda q: q.span.start)


def _change(text: str, span: Span, left: int, right: int, n: Numbers) -> str | None:
    """Whether the figure is the old ("up from 912") or the new value ("rose to 1,400") of a
    change: a word of change_from or change_to in the few characters before it, or right after it."""
    window = text[max(span.start, left - 20):left].rstrip(" \u00a0")
    low = window.lower()
    best: tuple[int, str] | None = None
    for role, (before, after) in n.change.items():
        for word in before:
            w = word.lower()
            if _wide(w):
                at = low.rfind(w)
                ok = at >= 0
            else:
                ok = low.endswith(w) and (len(low) == len(w) or not low[-len(w) - 1].isalnum())
                at = len(low) - len(w)
            if ok and (best is None or at > best[0]):
                best = (at, role)
        for word in after:
            if text.startswith(word, right, span.end):
                return role
    return best[1] if best else None


_DIGITS_OF: list = [None, None]  # the last prose translated, and its translation: one article, many sentences


def ascii_digits(prose: str) -> str:
    """The prose with every digit ASCII (one character for one), translated once per article."""
    if _DIGITS_OF[0] is not prose:
        _DIGITS_OF[:] = [prose, prose if prose.isascii() else prose.translate(DIGITS)]
    return _DIGITS_OF[1]


def _figures(text: str, span: Span, n: Numbers) -> list[tuple[int, int, float, float]]:
    """Every figure (start, end, value, step): digits with the language's marks and scale words,
    CJK numerals, and number words."""
    out: list[tuple[int, int, float, float]] = []
    pos = span.start
    while (m := n.figure.search(text, pos, span.end)) is not None:
        start, end, value, step = _digits(text, m.start(), m.end(), n)
        end, value, step = _scaled(text, span, end, value, step, n)
        out.append((start, end, value, step))
        pos = max(end, m.start() + 1)
    if n.cjk:
        for m in CJK_RUN.finditer(text, span.start, span.end):
            run = m.group()
            if text.startswith("分之", m.end()):
                continue  # the 百 of 百分之 ("percent of"): the percent mark, read with its figure
            if run.isascii() or any(s <= m.start() < e for s, e, _, _ in out if not text[s:e].isascii()):
                continue
            parsed = _cjk(run)
            if parsed is not None:
                out = [f for f in out if not (m.start() <= f[0] < m.end())]  # "3万5000" replaces "3" and "5000"
                out.append((m.start(), m.end(), *parsed))
    if n.word_figure is not None:
        for m in n.word_figure.finditer(text, span.start, span.end):
            value = n.words[m.group().lower()]
            end, value2, step = _scaled(text, span, m.end(), value, 1.0, n)
            out.append((m.start(), end, value2, step))
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
    for word, factor in n.scales.items():  # longest first
        gap = 0 if n.cjk else _spaces(text, end, span.end)
        at = end + gap
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
    for token in re.findall(r"[0-9]+(?:\.[0-9]+)?|.", run):
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
    time = TIME.match(text, start)
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
    """"و3" ("and 3"): Arabic glues one-letter words to what follows."""
    return len(before) >= 1 and before[-1] in "\u0648\u0641\u0628\u0644\u0643" and \
        (len(before) == 1 or not before[-2].isalpha())


def _unit(text: str, span: Span, start: int, end: int, n: Numbers,
          unit_words: dict[str, tuple[list[str], list[str]]]) -> tuple[str | None, int, int]:
    """The figure's unit, and the span it extends to: percent first, then the given units."""
    gap = _spaces(text, end, span.end)
    for word in n.percent_after:  # longest first
        if _word_at(text, end + gap, word, span.end):
            return "percent", start, end + gap + len(word)
    for word in n.percent_before:
        if text.endswith(word, span.start, start):
            return "percent", start - len(word), end
    best: tuple[int, str, int, int] | None = None
    skip = next((len(p) for p, _ in n.after if _wide(p) and text.startswith(p, end)), 0)  # "1300余人"
    narrow_at, wide_at = end + gap, end + skip
    lead_at = start - _spaces_before(text, start, span.start)
    last_before, just_before = text[lead_at - 1:lead_at], text[start - 1:start]
    first = {text[narrow_at:narrow_at + 1].lower(), text[wide_at:wide_at + 1]}
    for name, (before, after) in unit_words.items():
        for word in after:
            if word[:1].lower() not in first and word[:1] not in first:
                continue  # the cheap test first: most words do not even start there
            at = wide_at if _wide(word) else narrow_at
            if _word_at(text, at, word, span.end) and (best is None or len(word) > best[0]):
                best = (len(word), name, start, at + len(word))
        for word in before:
            if word[-1:] != last_before and word[-1:] != just_before:
                continue  # the cheap test first
            lead = start - _spaces_before(text, start, span.start)
            if lead - len(word) >= span.start and text[lead - len(word):lead] == word and \
                    (lead - len(word) == span.start or not text[lead - len(word) - 1].isalnum() or _wide(word)):
                if best is None or len(word) > best[0]:
                    best = (len(word), name, lead - len(word), end)
    if best is None:
        return None, start, end
    return best[1], best[2], best[3]


def _hedge(text: str, span: Span, left: int, right: int, figure_end: int,
           n: Numbers) -> tuple[str | None, int, int]:
    lead = left - _spaces_before(text, left, span.start)
    low = text[max(span.start, lead - 40):lead].lower()
    for phrase, kind in n.hedges:
        if low.endswith(phrase.lower()) and (len(low) == len(phrase) or not low[-len(phrase) - 1].isalnum()
                                             or _wide(phrase)):
            return kind, lead - len(phrase), right
    for at in (right, figure_end):  # after the unit ("1300人以上"), or between figure and unit ("1300余人")
        gap = _spaces(text, at, span.end)
        for phrase, kind in n.after:
            if text.startswith(phrase, at + (0 if _wide(phrase) else gap)):
                return kind, left, max(right, at + (0 if _wide(phrase) else gap) + len(phrase))
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

"""Times of day as the six languages write them: "03:40", "3:40 a.m.", "pukul 03.40 WIB",
"3 h 40", "3h40", "午前3時40分", "凌晨3时40分", "الساعة 3:40 فجرا", "20:40 GMT".

A time is read with the zone the sentence names next to it (local time, UTC/GMT, WIB, JST,
Beijing time...; None when it names none) and a hedge ("around 4 a.m.", "sekitar pukul 4",
"4時ごろ"). Words are data (checker/data/times.yaml); positions are offsets into the prose.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Span
from ..yamlload import load_plain
from .quantities import ascii_digits

DATA = Path(__file__).resolve().parent.parent / "data" / "times.yaml"
# hour, minutes: "03:40", "3.40" (after pukul/jam or before a zone or a.m./p.m.), "3 h 40", "3h40",
# "3時40分", "3时40分", "3点40分", and a bare hour before a.m./p.m./時/时/点 ("4 a.m.", "午前4時")
CLOCK = re.compile(r"(?<![0-9.,:])(?P<h>[0-9]{1,2})(?:(?P<sep>[:.])(?P<m>[0-9]{2})(?![0-9])"
                   r"|\s?h\s?(?P<m2>[0-9]{2})?(?![0-9a-zA-Z])|(?P<cjk>[時时点])(?:(?P<m3>[0-9]{1,2})分)?"
                   r"|(?![0-9.,:]))")  # a bare hour: a time only with "a.m.", "pagi", "pukul" around it

# A date written between a zone word and its time in Chinese and Japanese ("北京时间2025年3月18日",
# "日本時間18日"), taken off the end of the words before the time when looking for the zone
ZONE_DATE = re.compile(r"(?:[0-9]{4}\s?年\s?)?(?:[0-9]{1,2}\s?月\s?)?[0-9]{1,2}\s?[日号]\s*$")


@dataclass(frozen=True)
class TimeMention:
    span: Span
    minutes: int  # minutes after midnight, in the zone the article names
    zone: float | None  # hours from UTC; None: the sentence names none (or says "local time")
    approximate: bool


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    """The word lists, each longest first (the first that fits is the longest)."""
    data = load_plain(DATA.read_text(encoding="utf-8"))
    data["ampm"] = data["am"] + data["pm"]
    return {k: sorted(v, key=len, reverse=True) if isinstance(v, list) else v for k, v in data.items()}


def time_words() -> list[str]:
    """Every word that says a time of day (clock words, a.m. and p.m., hedges, zones): a drafted
    fact's trigger is never one of them."""
    w = _words()
    return [*w["before"], *w["ampm"], *w["hedges"], *(z for z, _ in _zones())]


@functools.lru_cache(maxsize=1)
def _zones() -> list[tuple[str, float | None]]:
    out: list[tuple[str, float | None]] = []
    for key, words in _words()["zones"].items():
        out += [(w, None if key == "local" else float(key)) for w in words]
    return sorted(out, key=lambda wz: -len(wz[0]))


def _ending(text: str, words: list[str]) -> str | None:
    """The first (the longest, as _words sorts them) of ``words`` that ``text`` ends with, as a word."""
    for w in words:
        if text.lower().endswith(w.lower()) and (len(text) == len(w) or not text[-len(w) - 1].isalnum()
                                                 or not w[0].isascii()):
            return w
    return None


def _starting(text: str, words: list[str]) -> str | None:
    for w in words:
        if text.lower().startswith(w.lower()) and (len(text) == len(w) or not text[len(w)].isalnum()
                                                   or not w[-1].isascii()):
            return w
    return None


def find_times(prose: str, span: Span) -> list[TimeMention]:
    """The times of day in ``prose[span]``, leftmost first."""
    text = ascii_digits(prose)
    words = _words()
    out: list[TimeMention] = []
    for m in CLOCK.finditer(text, span.start, span.end):
        hour = int(m.group("h"))
        minute = int(m.group("m") or m.group("m2") or m.group("m3") or 0)
        before = text[max(span.start, m.start() - 24):m.start()].rstrip()
        after = text[m.end():min(span.end, m.end() + 40)]
        rest = after.lstrip()
        is_clock = m.group("sep") == ":" or m.group("cjk") or m.group("m2") is not None or "h" in m.group()[1:3]
        marker_after = _starting(rest, words["ampm"])
        marker_before = _ending(before, words["ampm"])
        said_before = _ending(before, words["before"])
        zone_after = next(((w, z) for w, z in _zones() if _starting(rest, [w])), None)
        if m.group("sep") == "." and not (said_before or zone_after or marker_after):
            continue  # "41.76": a decimal, not a time
        if not (is_clock or marker_after or said_before and (zone_after or marker_after)):
            continue
        if hour > 24 or minute > 59:
            continue
        pm = marker_after in words["pm"] if marker_after else (marker_before in words["pm"] if marker_before else False)
        if pm and hour < 12:
            hour += 12
        am = marker_after in words["am"] if marker_after else (marker_before in words["am"] if marker_before else False)
        if am and hour == 12:
            hour = 0
        end = m.end()
        if marker_after:
            end = m.end() + (len(after) - len(rest)) + len(marker_after)
        rest2 = text[end:min(span.end, end + 40)]
        zone_word = next(((w, z) for w, z in _zones() if _starting(rest2.lstrip(), [w])), None)
        zone = None
        if zone_word is not None:
            zone = zone_word[1]
            end += (len(rest2) - len(rest2.lstrip())) + len(zone_word[0])
        zone_before = next(((w, z) for w, z in _zones() if _ending(before, [w])), None)
        if zone_before is None:
            # "北京时间2025年3月18日15时30分", "日本時間午後4時30分", "日本時間18日午後4時30分": a zone
            # word names the time even with the date, or "before/after noon", between them
            lead = before[:len(before) - len(marker_before)].rstrip() if marker_before else before
            lead = ZONE_DATE.sub("", lead).rstrip()
            zone_before = next(((w, z) for w, z in _zones() if _ending(lead, [w])), None)
        start = m.start()
        if zone_word is None and zone_before is not None:
            zone = zone_before[1]
            start -= len(before) - len(before.rstrip()) + len(zone_before[0]) if before.endswith(zone_before[0]) else 0
        lead = before[:len(before) - len(said_before)].rstrip() if said_before else before  # "sekitar pukul 4"
        hedged = _ending(lead, words["hedges"]) or _starting(text[end:end + 6].lstrip(), words["hedges"])
        out.append(TimeMention(Span(start, end), hour % 24 * 60 + minute, zone, bool(hedged)))
    return out

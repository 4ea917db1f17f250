"""In-article suppressions, as HTML comments: invisible in rendered Markdown, plain in .txt.

    <!-- factlint-disable-next-line FACT-ID[, FACT-ID...] -->   the next line only; no id: every fact
    <!-- factlint-disable FACT-ID --> ... <!-- factlint-enable FACT-ID -->
    <!-- factlint-disable-file FACT-ID -->

A suppression that silences nothing, or names a fact that does not exist, is itself
reported as the warning ``unused-suppression`` (ruff's RUF100), so stale ones are found.
"""
from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from typing import Callable

import regex

from .model import Finding, Position, Severity, Span, show

UNUSED = "unused-suppression"
# A directive is "<!-- factlint-VERB IDS -->" where IDS hold no ">": the first ">" after the verb
# must end the comment. Found by hand from the opener, as a regex would scan on from every opener
# of an unclosed comment (quadratic on a file of them).
OPENER = regex.compile(r"<!--[ \t]*factlint-(?P<verb>disable-next-line|disable-file|disable|enable)\b")
ID = regex.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*(?:/[A-Za-z0-9][A-Za-z0-9_\-]*)?")  # FACT or STORY/FACT


@dataclass
class Suppression:
    verb: str  # disable-next-line, disable-file, disable, enable
    ids: tuple[str, ...]  # empty: every fact
    span: Span
    line: int
    bad: str = ""  # text in the id list that is not an id


def parse(text: str, start: int, line_of: Callable[[int], int]) -> list[Suppression]:
    found = []
    pos, close = start, -1
    while (m := OPENER.search(text, pos)) is not None:
        if close < m.end():  # the first ">" after the verb, searched once for all openers before it
            close = text.find(">", m.end())
            if close < 0:
                break
        pos = m.end()
        if close - 2 < m.end() or text[close - 2:close] != "--":
            continue
        raw = text[m.end():close - 2].strip()
        ids = tuple(ID.findall(raw))
        leftover = regex.sub(r"[\s,]+", "", ID.sub("", raw))
        found.append(Suppression(m.group("verb"), ids, Span(m.start(), close + 1), line_of(m.start()), leftover))
        pos = close + 1
    return found


@dataclass
class _Scope:
    """Where one id (or every fact, for "") of one comment is in force."""

    comment: Suppression
    fact: str
    lines: tuple[int, int]  # inclusive; (1, huge) for a whole file
    used: bool = False


Locate = Callable[[int], Position]


class _Cover:
    """The line ranges of some scopes, to ask in log time whether any of them covers a line."""

    def __init__(self, scopes: list[_Scope]) -> None:
        ranges = sorted(sc.lines for sc in scopes)
        self.starts = [a for a, _ in ranges]
        self.reach = list(itertools.accumulate((b for _, b in ranges), max))  # furthest end so far

    def covers(self, line: int) -> bool:
        i = bisect.bisect_right(self.starts, line) - 1
        return i >= 0 and self.reach[i] >= line


def resolve(suppressions: list[Suppression], keys: dict[str, str]) -> None:
    """Write each id as reports print it: a suppression inside a story's article may name the
    story's fact by its own id ("invasion-date") or in full ("STORY/invasion-date")."""
    for s in suppressions:
        s.ids = tuple(keys.get(i, i) for i in s.ids)


def apply(findings: list[Finding], suppressions: list[Suppression], known: set[str], active: set[str],
          article_path: str, position: Locate) -> list[Finding]:
    """Drop suppressed findings; add an ``unused-suppression`` warning for each dead comment."""
    last_line = 10 ** 9
    scopes: list[_Scope] = []
    open_ranges: dict[str, _Scope] = {}
    extra: list[Finding] = []
    for s in suppressions:
        end_line = position(s.span.end).line
        for fact in s.ids or ("",):
            if s.verb == "disable-next-line":
                scopes.append(_Scope(s, fact, (end_line + 1, end_line + 1)))
            elif s.verb == "disable-file":
                scopes.append(_Scope(s, fact, (1, last_line)))
            elif s.verb == "disable":
                scope = _Scope(s, fact, (s.line, last_line))
                scopes.append(scope)
                open_ranges[fact] = scope
            elif s.verb == "enable":
                scope = open_ranges.pop(fact, None)
                if scope is not None:
                    scope.lines = (scope.lines[0], s.line)
                elif fact:
                    extra.append(_unused(s, article_path, position, f"'factlint-enable {fact}' has no matching "
                                         f"'factlint-disable {fact}'"))
    # Indexed by fact, so that many comments and many findings are not compared pairwise (quadratic).
    lines: dict[str, list[int]] = {"": [f.start.line for f in findings]}
    for f in findings:
        lines.setdefault(f.rule_id, []).append(f.start.line)
    for found in lines.values():
        found.sort()
    for scope in scopes:
        found = lines.get(scope.fact, [])
        i = bisect.bisect_left(found, scope.lines[0])
        scope.used = i < len(found) and found[i] <= scope.lines[1]
    by_fact: dict[str, list[_Scope]] = {}
    for scope in scopes:
        by_fact.setdefault(scope.fact, []).append(scope)
    cover = {fact: _Cover(group) for fact, group in by_fact.items()}
    empty = _Cover([])
    kept = [f for f in findings
            if not (cover.get("", empty).covers(f.start.line) or cover.get(f.rule_id, empty).covers(f.start.line))]
    reported: set[tuple[int, str]] = set()
    for scope in scopes:
        s = scope.comment
        key = (s.span.start, scope.fact)
        if key in reported:
            continue
        reported.add(key)
        if scope.fact and scope.fact not in known:
            extra.append(_unused(s, article_path, position, f"suppression names '{scope.fact}', which is not a fact "
                                 f"in the rules"))
        elif not scope.used and (not scope.fact or scope.fact in active):
            what = f"'{scope.fact}'" if scope.fact else "every fact"
            extra.append(_unused(s, article_path, position, f"suppression of {what} silences nothing"))
    for s in suppressions:
        if s.bad:
            extra.append(_unused(s, article_path, position, f"suppression has text that is not a fact id: "
                                 f"{show(s.bad)!r}"))
    return sorted(kept + extra, key=Finding.sort_key)


def _unused(s: Suppression, path: str, position: Locate, message: str) -> Finding:
    return Finding(path=path, start=position(s.span.start), end=position(s.span.end), rule_id=UNUSED,
                   severity=Severity.WARNING, message=message, found="", expected="", span=s.span)


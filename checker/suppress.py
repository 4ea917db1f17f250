"""In-article suppressions, as HTML comments: invisible in rendered Markdown, plain in .txt.

    <!-- factlint-disable-next-line FACT-ID[, FACT-ID...] -->   the next line only; no id: every fact
    <!-- factlint-disable FACT-ID --> ... <!-- factlint-enable FACT-ID -->
    <!-- factlint-disable-file FACT-ID -->

A suppression that silences nothing, or names a fact that does not exist, is itself
reported as the warning ``unused-suppression`` (ruff's RUF100), so stale ones are found.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import regex

from .model import Finding, Position, Severity, Span, show

UNUSED = "unused-suppression"
COMMENT = regex.compile(
    r"<!--[ \t]*factlint-(?P<verb>disable-next-line|disable-file|disable|enable)\b(?P<ids>[^>]*?)[ \t]*-->")
ID = regex.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*")


@dataclass
class Suppression:
    verb: str  # disable-next-line, disable-file, disable, enable
    ids: tuple[str, ...]  # empty: every fact
    span: Span
    line: int
    bad: str = ""  # text in the id list that is not an id


def parse(text: str, start: int, line_of: Callable[[int], int]) -> list[Suppression]:
    found = []
    for m in COMMENT.finditer(text, start):
        raw = m.group("ids").strip()
        ids = tuple(ID.findall(raw))
        leftover = regex.sub(r"[\s,]+", "", ID.sub("", raw))
        found.append(Suppression(m.group("verb"), ids, Span(m.start(), m.end()), line_of(m.start()), leftover))
    return found


@dataclass
class _Scope:
    """Where one id (or every fact, for "") of one comment is in force."""

    comment: Suppression
    fact: str
    lines: tuple[int, int]  # inclusive; (1, huge) for a whole file
    used: bool = False


Locate = Callable[[int], Position]


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
    kept = []
    for f in findings:
        hit = False
        for scope in scopes:
            if scope.fact in ("", f.rule_id) and scope.lines[0] <= f.start.line <= scope.lines[1]:
                scope.used = hit = True
        if not hit:
            kept.append(f)
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


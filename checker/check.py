"""Stage 4: check one article against every fact, turning offsets into positions once."""
from __future__ import annotations

import os
import time

from . import rules as rules_module
from .article import Article
from .facts import FactCheck
from .mentions import Mentions
from .model import UNCOVERED, FactlintError, Finding, Severity, Span
from .rules import RuleSet



BUDGET = 10.0  # seconds an article may take, all facts together; FACTLINT_TIME_BUDGET changes it, 0 lifts it


def budget() -> float | None:
    """The time budget of one article, in seconds (None: none), from FACTLINT_TIME_BUDGET."""
    raw = os.environ.get("FACTLINT_TIME_BUDGET", "").strip()
    if not raw:
        return BUDGET
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise FactlintError(f"FACTLINT_TIME_BUDGET must be a number of seconds (0: no budget), got {raw!r}")
    return seconds or None


def check_article(article: Article, checks: list[FactCheck], rules: RuleSet) -> list[Finding]:
    """Every finding of one article; an article that takes longer than its time budget (a pattern
    that is slow on every sentence of a long article, each within its own 0.5 s) is an article
    that could not be checked, with the fact and the sentence it had reached, as a pattern's
    timeout is."""
    seconds = budget()
    if seconds is None:
        return _check_article(article, checks, rules)
    why = (f"checking the article took longer than {seconds:g}s, the time budget of an article "
           "(FACTLINT_TIME_BUDGET)")
    started = time.monotonic()
    rules_module.DEADLINE[0] = (started + seconds, why)
    try:
        return _check_article(article, checks, rules, started + seconds, why)
    finally:
        rules_module.DEADLINE[0] = None


def _check_article(article: Article, checks: list[FactCheck], rules: RuleSet, deadline: float | None = None,
                   why: str = "") -> list[Finding]:
    mentions = Mentions(article, rules)
    findings = []
    for check in checks:
        fact = check.fact
        if deadline is not None and time.monotonic() > deadline:  # between facts, for checks without triggers
            at = fact.origin
            raise FactlintError(f"fact '{fact.id}': {why}; the article is {article.path}", at.path, at.line, at.column)
        for hit in check.check(mentions):
            findings.append(Finding(
                path=article.path,
                start=article.position(hit.span.start),
                end=article.position(hit.span.end),
                rule_id=fact.key,
                severity=hit.severity,
                message=f"{hit.detail} ({fact.message})",
                found=hit.found,
                expected=hit.expected,
                sources=tuple(str(s) for s in fact.sources),
                span=hit.span,
            ))
    if article.lang not in rules.languages:
        at = Span(article.body.start, article.body.start)
        covered = ", ".join(sorted(rules.languages))
        findings.append(Finding(
            path=article.path, start=article.position(at.start), end=article.position(at.end), rule_id=UNCOVERED,
            severity=Severity.INFO, found=article.lang or "", expected=covered, span=at,
            message=f"the article's language '{article.lang}' ({article.lang_source}) is not one the rules cover "
                    f"({covered}); only language-neutral checks ran"))
    # One finding per fact and place: overlapping sentences or triggers must not repeat it.
    unique = {(f.rule_id, f.span, f.message): f for f in findings}
    return sorted(unique.values(), key=Finding.sort_key)

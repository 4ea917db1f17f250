"""Stage 4: check one article against every fact, turning offsets into positions once."""
from __future__ import annotations

from .article import Article
from .facts import FactCheck
from .mentions import Mentions
from .model import UNCOVERED, Finding, Severity, Span
from .rules import RuleSet



def check_article(article: Article, checks: list[FactCheck], rules: RuleSet) -> list[Finding]:
    mentions = Mentions(article, rules)
    findings = []
    for check in checks:
        fact = check.fact
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

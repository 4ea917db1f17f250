"""Stage 4: check one article against every fact, turning offsets into positions once."""
from __future__ import annotations

import dataclasses
import os
import re
import time
import unicodedata

import regex

from . import rules as rules_module
from .article import Article, read_article
from .facts import FactCheck
from .mentions import Mentions
from .language import FORMAT_CHARS, Folding
from .model import HIDDEN, UNCOVERED, FactlintError, Finding, Severity, Span, show
from .rules import RuleSet



BUDGET = 10.0  # seconds an article may take, all facts together; FACTLINT_TIME_BUDGET changes it, 0 lifts it
# Beyond a million characters an article's budget grows with it, 2 s a million (a check runs at about a
# million a second here): else an article under the size limit (32 MiB) could never be checked in time.
BUDGET_FREE_CHARS = 1_000_000
BUDGET_PER_MILLION = 2.0


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
    seconds += BUDGET_PER_MILLION * max(0, len(article.text) - BUDGET_FREE_CHARS) / 1_000_000
    why = (f"checking the article took longer than {seconds:g}s, the time budget of an article "
           "(FACTLINT_TIME_BUDGET)")
    started = time.monotonic()
    rules_module.DEADLINE[0] = (started + seconds, why)
    try:
        return _check_article(article, checks, rules, started + seconds, why)
    finally:
        rules_module.DEADLINE[0] = None


# --------------------------------------------------------------------------- invisible characters
# A zero-width joiner inside a year ("20\u200d14"), a zero-width space inside a name or a Cyrillic
# "е" inside a Latin trigger word hide a drift from every pattern, though a reader sees nothing.
# Such an article is checked as it reads: format characters inside a word or figure deleted
# (language.FORMAT_CHARS, the ones names are folded without) and, in a word of Latin letters, the Cyrillic and Greek letters
# that look like Latin ones read as those; a ``Folding`` maps offsets back to the raw text. Bidi
# controls and mixed-script words in a claim are reported, as Trojan Source defences do: an
# override can show "4102" as "2014".


_INVISIBLE = re.compile(f"(?<=\\w)[{FORMAT_CHARS}]+(?=\\w)")  # inside a word or a figure: elsewhere they split nothing
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")  # embeddings, overrides, isolates (not LRM/RLM)
# Cyrillic and Greek letters drawn like Latin ones, and those Latin letters.
_LOOKALIKES = str.maketrans("аеорсхуіјѕԁӏАВЕКМНОРСТХІЈЅοΑΒΕΗΙΚΜΝΟΡΤΧΥΖνκ",
                            "aeopcxyijsdlABEKMHOPCTXIJSoABEHIKMNOPTXYZvk")
_MIXED = regex.compile(r"\b(?=[\p{L}\p{M}]*\p{Latin})(?=[\p{L}\p{M}]*[\p{Cyrillic}\p{Greek}])[\p{L}\p{M}]+")
_SUSPECT = regex.compile(f"[{FORMAT_CHARS}\\p{{Cyrillic}}\\p{{Greek}}]")


def unhidden(text: str) -> "Folding | None":
    """``text`` as a reader sees it, with the way back to its offsets; None when it is that already."""
    if _SUSPECT.search(text) is None:
        return None
    seen = _MIXED.sub(lambda m: m.group().translate(_LOOKALIKES), text)  # one letter for one: offsets stay
    hidden = [m.span() for m in _INVISIBLE.finditer(seen)]
    if not hidden and seen == text and _BIDI.search(text) is None:
        return None  # nothing hidden, nothing to warn of
    return Folding.deleting(text, seen, hidden)


def _names(chars: str) -> str:
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}" for c in dict.fromkeys(chars))


def _hidden_warnings(article: Article, twin: Article, fold: "Folding", claims: list[Span]) -> list[Finding]:
    """A warning for each bidi control and each mixed-script word inside a claim (a sentence a
    fact's triggers or findings are in), naming the code points."""
    out = []

    def warn(start: int, end: int, message: str) -> None:
        at = fold.to_fold(start)
        if any(c.start <= at <= c.end for c in claims):
            out.append(Finding(path=article.path, start=article.position(start), end=article.position(end),
                               rule_id=HIDDEN, severity=Severity.WARNING, message=message,
                               found=show(article.text[start:end]), expected="", span=Span(start, end)))

    prose = article.prose
    for m in _BIDI.finditer(prose):
        warn(m.start(), m.end(), f"a bidi control, {_names(m.group())}, can make a reader see other words or "
                                 "figures than the text holds (Trojan Source); the text is checked as written")
    for m in _MIXED.finditer(prose):
        letters = "".join(c for c in m.group() if c.translate(_LOOKALIKES) != c)
        if letters:  # a letter a reader cannot tell from a Latin one ("μg" is no disguise)
            warn(m.start(), m.end(), f"the word mixes scripts: {_names(letters)} among Latin letters; it is "
                                     f"checked as '{show(m.group().translate(_LOOKALIKES))}'")
    return out


def _check_article(article: Article, checks: list[FactCheck], rules: RuleSet, deadline: float | None = None,
                   why: str = "") -> list[Finding]:
    fold = unhidden(article.text)
    if fold is None:
        return _findings(article, checks, rules, deadline, why)
    twin = read_article(article.path, rules.languages, article.lang, raw=fold.text.encode("utf-8"))
    twin.lang, twin.lang_source = article.lang, article.lang_source
    claims: list[Span] = []
    found = _findings(twin, checks, rules, deadline, why, claims)
    out = []
    for f in found:
        start, end = fold.raw_span(f.span.start, f.span.end)
        # ``found`` is the text at the finding's place: the raw text's, hidden characters shown
        words = show(article.text[start:end]) if f.found == show(twin.text[f.span.start:f.span.end]) else f.found
        out.append(dataclasses.replace(f, path=article.path, start=article.position(start), found=words,
                                       end=article.position(end), span=Span(start, end)))
    out += _hidden_warnings(article, twin, fold, claims + [f.span for f in found])
    return sorted(out, key=Finding.sort_key)


def _findings(article: Article, checks: list[FactCheck], rules: RuleSet, deadline: float | None = None,
              why: str = "", claims: list[Span] | None = None) -> list[Finding]:
    """The findings of ``article``; ``claims``, when given, receives the sentences facts are about.
    A large article is read a piece at a time (article.PIECE_CHARS): only one piece's sentences
    and mentions are held at once, and its findings are those of the article read whole."""
    if article.pieces is None:
        findings = _hits(article, checks, rules, deadline, why, claims, {})
    else:
        findings, words = [], {}
        for body in article.pieces:
            findings += _hits(article.piece(body), checks, rules, deadline, why, claims, words)
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


def _hits(article: Article, checks: list[FactCheck], rules: RuleSet, deadline: float | None, why: str,
          claims: list[Span] | None, words: dict[str, str]) -> list[Finding]:
    """What the facts find in ``article``, or in a piece of one: spans are shifted into the whole.
    A message or wording repeated by many findings is one string (``words``), not one a finding."""
    base = article.base
    share = words.setdefault
    mentions = Mentions(article, rules)
    if claims is not None:
        for check in checks:
            claims += [Span(sentence.span.start + base, sentence.span.end + base)
                       for sentence, _ in mentions.claims(check.fact.applies, check.fact.langs)]
    findings = []
    for check in checks:
        fact = check.fact
        if deadline is not None and time.monotonic() > deadline:  # between facts, for checks without triggers
            at = fact.origin
            raise FactlintError(f"fact '{fact.id}': {why}; the article is {article.path}", at.path, at.line, at.column)
        sources = tuple(str(s) for s in fact.sources)
        for hit in check.check(mentions):
            message = f"{hit.detail} ({fact.message})"
            findings.append(Finding(
                path=article.path,
                start=article.position(hit.span.start),
                end=article.position(hit.span.end),
                rule_id=fact.key,
                severity=hit.severity,
                message=share(message, message),
                found=share(hit.found, hit.found),
                expected=share(hit.expected, hit.expected),
                sources=sources,
                span=Span(hit.span.start + base, hit.span.end + base) if base else hit.span,
            ))
    return findings

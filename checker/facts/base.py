"""The interface every kind of fact implements, and what a check hands to the report stage."""
from __future__ import annotations

import bisect
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar, Iterator

import regex

from ..mentions import Mentions
from ..mentions.names import TitleMention
from ..mentions.titles import Held, Lexicon, role_agrees
from ..model import Severity, Span
from ..rules import Entity, Fact, RuleSet


@dataclass(frozen=True)
class Hit:
    """A contradiction at a span of the article; positions are derived from it later."""

    span: Span
    detail: str  # what the article states, against what the fact says
    found: str
    expected: str
    severity: Severity


class FactCheck(ABC):
    """One kind of fact. Construction validates the fact against the rule set (exit 2 on error);
    ``check`` reads an article's mentions and yields contradictions."""

    kind: ClassVar[str]

    def __init__(self, fact: Fact, rules: RuleSet) -> None:
        self.fact = fact
        self.rules = rules
        self.compile()

    def compile(self) -> None:  # noqa: B027 - a kind with nothing to resolve keeps the default
        """Resolve references and precompute; raise ``self.fact.error(...)`` on a bad rule."""

    @abstractmethod
    def check(self, mentions: Mentions) -> Iterator[Hit]:
        ...

    def describe_expected(self) -> str:
        """The expected value in words, for ``factlint explain`` and reports."""
        return self.fact.message

    def entity(self, entity_id: str, *keys: object) -> Entity:
        entity = self.rules.entities.get(entity_id)
        if entity is None:
            known = ", ".join(sorted(self.rules.entities)) or "none"
            raise self.fact.error(f"unknown entity '{entity_id}' (known: {known})", *keys)
        return entity

    def hit(self, span: Span, detail: str, found: str, expected: str,
            severity: Severity | None = None) -> Hit:
        return Hit(span, detail, found, expected, severity or self.fact.severity)


PUNCTUATION = regex.compile(r"[\p{P}\p{S}]+")  # compiled once: normalise runs for every name and quote


def normalise(text: str) -> str:
    """Compare names and titles ignoring case, hyphens, punctuation and spacing."""
    text = PUNCTUATION.sub(" ", text.casefold())
    return " ".join(text.split())


def title_agrees(found: str, accepted: list[str], blockers: frozenset[str] = frozenset()) -> bool:
    """A title agrees when it ends with an accepted form ("South Korean President" ends with
    "President") and what stands before that holds no other title word ("Deputy", "former")."""
    words = normalise(found).split()
    for title in accepted:
        want = normalise(title).split()
        if want and words[-len(want):] == want:
            rest = words[:-len(want)]
            if not any(w in blockers for w in rest):
                return True
    return False


def title_holds(title: TitleMention, held: Held, lex: Lexicon, blockers: frozenset[str]) -> bool:
    """A title read in an article agrees with what a person holds: as a role when the lexicon reads
    it (any language's wording of the same role, of the same place), else as written."""
    if title.role is not None and role_agrees(title.role, held.roles, lex):
        return True
    return bool(held.written) and title_agrees(title.text, list(held.written), blockers)


WIDE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


def nearest(span: Span, triggers: list[Span], starts: list[int], text: str, within: int) -> int:
    """The distance to the nearest trigger. Triggers are short and sorted, so the nearest is one
    of the few that start on either side of the mention (a date, a time, a figure): a sentence
    with many mentions and many triggers costs no more per mention than a short one."""
    at = bisect.bisect_left(starts, span.start)
    return min((distance(span, t, text, within) for t in triggers[max(0, at - 3):at + 3]), default=within + 1)


def distance(a: Span, b: Span, text: str, within: int = 10 ** 9) -> int:
    """Characters between two spans, a Chinese or Japanese character counting as four: one
    of them carries about as much as a Latin word's letters, so ``within`` means the same
    stretch of sentence in every script."""
    if a.end <= b.start:
        if b.start - a.end > within:
            return b.start - a.end
        gap = text[a.end:b.start]
    elif b.end <= a.start:
        if a.start - b.end > within:
            return a.start - b.end
        gap = text[b.end:a.start]
    else:
        return 0
    if len(gap) > within:  # already too far; the weighting only adds
        return len(gap)
    return len(gap) + 3 * len(WIDE.findall(gap))

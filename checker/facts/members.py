"""kind: set. A list must not name a non-member; a partial list must say it gives examples.

Only a list that a trigger governs is a claim: the trigger stands in the list's clause (see
mentions.lists). A member named earlier in that clause belongs to the list: "the floods, centred
in Aceh, spread to other provinces, including Riau and Jambi" names Aceh, Riau and Jambi."""
from __future__ import annotations

import bisect
import itertools
from typing import Iterator

from ..mentions import Mentions
from ..mentions.lists import Framing
from ..model import Severity, Span, show
from .base import FactCheck, Hit


class SetCheck(FactCheck):
    kind = "set"

    def compile(self) -> None:
        members = self.fact.spec["members"]
        self.members = [self.entity(m, "members", i) for i, m in enumerate(members)]
        types = {m.type for m in self.members}
        if len(types) > 1:
            raise self.fact.error(f"members mix entity types ({', '.join(sorted(types))})", "members")
        self.entity_type = types.pop()
        self.ids = frozenset(m.id for m in self.members)
        self.hedged = Severity.parse(self.fact.spec.get("hedged_severity", "warning"))
        self.expected_text = ", ".join(m.name for m in self.members)

    def describe_expected(self) -> str:
        return self.expected_text

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        article = mentions.article  # found words are sliced from its text: prose has comments blanked
        among = mentions.naming_any(self.ids)  # every list reported holds a member
        for sentence, triggers in mentions.claims(self.fact.applies, self.fact.langs, among):
            lists = mentions.lists(sentence.span, self.ids, self.entity_type)
            if not lists:
                continue
            governs = _Governing(triggers)
            named_at: dict[str, list[int]] = {}  # where each member is named in the sentence (starts, sorted)
            for e in mentions.entities(sentence.span):
                if e.entity in self.ids:
                    named_at.setdefault(e.entity, []).append(e.span.start)
            for lst in lists:
                clause = lst.clause
                if not governs(clause):
                    continue  # another predicate's list: "was felt in Flores, Timor and Rote"
                found = show(article.slice(lst.span))
                named = {it.entity for it in lst.items if it.entity in self.ids}
                named |= {member for member, starts in named_at.items()  # named earlier in the clause
                          if bisect.bisect_left(starts, clause.start) < bisect.bisect_left(starts, lst.span.start)}
                for item in lst.items:
                    if item.entity not in self.ids:
                        word = show(article.slice(item.span))
                        yield self.hit(item.span, f'article lists "{word}", which is not one of {self.expected_text}',
                                       word, self.expected_text)
                missing = [m.name for m in self.members if m.id not in named]
                if not missing:
                    continue
                names = _join(missing)
                if lst.framing is Framing.EXAMPLES:
                    yield self.hit(lst.span, f'article gives "{found}" as examples and leaves out {names}; '
                                   f'the full set is {self.expected_text}', found, self.expected_text, self.hedged)
                else:
                    how = "as the complete list" if lst.framing is Framing.COMPLETE else "with no hedge"
                    yield self.hit(lst.span, f'article lists "{found}" {how}, missing {names}; '
                                   f'the full set is {self.expected_text}', found, self.expected_text)


class _Governing:
    """Whether a trigger stands in a clause: one starts inside it, or one that starts before it
    reaches into it. By bisection over the sorted triggers: a sentence may hold thousands."""

    def __init__(self, triggers: list[Span]) -> None:
        triggers = sorted(triggers)
        self.starts = [t.start for t in triggers]
        self.reach = list(itertools.accumulate((t.end for t in triggers), max))  # furthest end so far

    def __call__(self, clause: Span) -> bool:
        i = bisect.bisect_left(self.starts, clause.start)
        if i < len(self.starts) and self.starts[i] < clause.end:
            return True
        return i > 0 and self.reach[i - 1] > clause.start


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

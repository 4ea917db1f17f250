"""kind: participants. Who met whom, and with which titles.

In a sentence about the meeting, a known person other than the subject and the
participants is a wrong person; a participant with a title not theirs is a wrong
title; an unknown name carrying a participant's title ("Defense Minister Kim") is
the wrong person in that office. An unknown name with an unknown title is no finding.
"""
from __future__ import annotations

from typing import Iterator

from ..mentions import Mentions
from ..model import show
from ..mentions.titles import Held, held_by, lexicon_of
from ..rules import Entity
from .base import FactCheck, Hit, title_holds
from .title import _raise


class ParticipantsCheck(FactCheck):
    kind = "participants"

    def compile(self) -> None:
        self.subject = self.entity(self.fact.spec["subject"], "subject")
        self.lexicon = lexicon_of(self.rules)
        self.participants: dict[str, tuple[Entity, Held]] = {}
        for i, p in enumerate(self.fact.spec["participants"]):
            entity = self.entity(p["entity"], "participants", i, "entity")
            if p.get("titles"):  # this fact's titles replace the entity's own
                entity = Entity(entity.id, entity.type, entity.name, entity.aliases, list(p["titles"]), entity.origin)
            self.participants[entity.id] = (entity, held_by(entity, self.lexicon, _raise))
        self.expected_text = ", ".join(
            f"{_first(held, self.lexicon)} {e.name}" if _first(held, self.lexicon) else e.name
            for e, held in self.participants.values())

    def describe_expected(self) -> str:
        return f"{self.subject.name} met {self.expected_text}"

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        article = mentions.article  # found words are sliced from its text: prose has comments blanked
        among = mentions.naming(self.subject.id)  # a meeting of someone else is not this one
        for sentence, _ in mentions.claims(self.fact.applies, self.fact.langs, among):
            people = mentions.people(sentence.span)
            if not any(p.entity == self.subject.id for p in people):
                continue  # a meeting of someone else
            for person in people:
                name = show(article.slice(person.span))
                if person.entity == self.subject.id:
                    continue
                if person.entity in self.participants:
                    entity, held = self.participants[person.entity]
                    known = held.roles or held.written
                    if person.title and known and (person.title.role is not None or held.written) and \
                            not title_holds(person.title, held, self.lexicon, mentions.lang.title_blockers):
                        title = show(article.slice(person.title.span))
                        first = _first(held, self.lexicon)
                        yield self.hit(person.title.span, f'article calls {name} "{title}"; '
                                       f'{entity.name} is {first}', title, first)
                elif person.entity is not None:
                    other = self.rules.entities[person.entity]
                    yield self.hit(person.span, f'article has {self.subject.name} meet {other.name}; '
                                   f'the participants were {self.expected_text}', name, self.expected_text)
                elif person.title is not None:
                    holder = next((e for e, held in self.participants.values()
                                   if (held.roles or held.written) and
                                   title_holds(person.title, held, self.lexicon, mentions.lang.title_blockers)), None)
                    if holder is not None:
                        yield self.hit(person.span, f'article names "{name}" as {show(person.title.text)}; '
                                       f'that was {holder.name}', name, holder.name)


def _first(held: Held, lexicon) -> str:  # type: ignore[no-untyped-def]
    """The title to name a participant by: the first written, else the first role."""
    if held.written:
        return held.written[0]
    return lexicon.describe(held.roles[0]) if held.roles else ""

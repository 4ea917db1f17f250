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
from ..rules import Entity
from .base import FactCheck, Hit, title_agrees


class ParticipantsCheck(FactCheck):
    kind = "participants"

    def compile(self) -> None:
        self.subject = self.entity(self.fact.spec["subject"], "subject")
        self.participants: dict[str, tuple[Entity, list[str]]] = {}
        for i, p in enumerate(self.fact.spec["participants"]):
            entity = self.entity(p["entity"], "participants", i, "entity")
            titles = list(p.get("titles") or entity.titles)
            self.participants[entity.id] = (entity, titles)
        self.expected_text = ", ".join(
            f"{titles[0]} {e.name}" if titles else e.name for e, titles in self.participants.values())

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
                    entity, titles = self.participants[person.entity]
                    if person.title and titles and not title_agrees(person.title.text, titles, mentions.lang.title_blockers):
                        title = show(article.slice(person.title.span))
                        yield self.hit(person.title.span, f'article calls {name} "{title}"; '
                                       f'{entity.name} is {titles[0]}', title, titles[0])
                elif person.entity is not None:
                    other = self.rules.entities[person.entity]
                    yield self.hit(person.span, f'article has {self.subject.name} meet {other.name}; '
                                   f'the participants were {self.expected_text}', name, self.expected_text)
                elif person.title is not None:
                    holder = next((e for e, titles in self.participants.values()
                                   if titles and title_agrees(person.title.text, titles, mentions.lang.title_blockers)), None)
                    if holder is not None:
                        yield self.hit(person.span, f'article names "{name}" as {show(person.title.text)}; '
                                       f'that was {holder.name}', name, holder.name)

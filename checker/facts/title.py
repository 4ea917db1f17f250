"""kind: title. Every title the article gives a person must be one of that person's titles."""
from __future__ import annotations

from typing import Iterator

from ..mentions import Mentions
from ..model import show
from .base import FactCheck, Hit, title_agrees


class TitleCheck(FactCheck):
    kind = "title"

    def compile(self) -> None:
        self.person = self.entity(self.fact.spec["entity"], "entity")
        if not self.person.titles:
            raise self.fact.error(f"entity '{self.person.id}' has no 'titles' to check against", "entity")

    def describe_expected(self) -> str:
        return f"{self.person.name}: " + "; ".join(self.person.titles[:6]) + ("; ..." if len(self.person.titles) > 6 else "")

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        article = mentions.article  # found words are sliced from its text: prose has comments blanked
        # titles are read only around a name: most sentences name nobody
        for sentence, _ in mentions.claims(self.fact.applies, self.fact.langs, mentions.naming(self.person.id)):
            for person in mentions.people(sentence.span, unknown=False):
                if person.entity != self.person.id or person.title is None:
                    continue
                if not title_agrees(person.title.text, self.person.titles, mentions.lang.title_blockers):
                    name = show(article.slice(person.span))
                    title = show(article.slice(person.title.span))
                    yield self.hit(person.title.span, f'article calls {name} "{title}", '
                                   f'which is not one of the titles on record', title, self.person.titles[0])

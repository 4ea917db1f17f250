"""kind: title. Every title the article gives a person must be one of that person's titles.

The person's titles are roles of the shared lexicon (``roles:``, and ``titles`` the lexicon
reads) and titles as written: "Menteri Pertahanan Jerman", "le ministre allemand de la Défense"
and "德国国防部长" all agree with one role, defence minister of Germany."""
from __future__ import annotations

from typing import Iterator

from ..mentions import Mentions
from ..mentions.titles import lexicon_of, held_by
from ..model import FactlintError, show
from .base import FactCheck, Hit, title_holds


class TitleCheck(FactCheck):
    kind = "title"

    def compile(self) -> None:
        self.person = self.entity(self.fact.spec["entity"], "entity")
        self.lexicon = lexicon_of(self.rules)
        self.held = held_by(self.person, self.lexicon, _raise)
        if not self.held.roles and not self.held.written:
            raise self.fact.error(f"entity '{self.person.id}' has no 'titles' or 'roles' to check against", "entity")

    def describe_expected(self) -> str:
        shown = self.held.describe(self.lexicon).split("; ")
        return f"{self.person.name}: " + "; ".join(shown[:6]) + ("; ..." if len(shown) > 6 else "")

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        article = mentions.article  # found words are sliced from its text: prose has comments blanked
        # titles are read only around a name: most sentences name nobody
        for sentence, _ in mentions.claims(self.fact.applies, self.fact.langs, mentions.naming(self.person.id)):
            for person in mentions.people(sentence.span, unknown=False):
                if person.entity != self.person.id or person.title is None:
                    continue
                if person.title.role is None and not self.held.written:
                    continue  # a title the lexicon cannot read, and nothing written to compare it with
                if not title_holds(person.title, self.held, self.lexicon, mentions.lang.title_blockers):
                    name = show(article.slice(person.span))
                    title = show(article.slice(person.title.span))
                    read = f" ({self.lexicon.describe(person.title.role)})" if person.title.role else ""
                    expected = self.held.describe(self.lexicon)
                    yield self.hit(person.title.span, f'article calls {name} "{title}"{read}, which is not one of '
                                   f"the titles on record: {expected}", title, expected)


def _raise(message: str, origin: object) -> None:
    o = origin
    raise FactlintError(message, getattr(o, "path", None), getattr(o, "line", None), getattr(o, "column", None))

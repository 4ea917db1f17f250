"""``factlint draft``: a first rule file from an article the editor trusts.

Writing rules by hand is the slow part of adopting factlint, and an editor reviews faster than
they write. The draft uses the checker's own finders (people after titles, lists, quotations,
dates), so it proposes only what the checker can see. Each fact carries the article's sentence as
a pass example, a mutated copy as a fail example, and a comment saying how sure the draft is.
Before anything is printed the draft is loaded like any rule file, checked against its own
article, and its examples are run: a fact that flags its own source is dropped and an example
that does not behave is left out, and the header says so.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import os
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import regex
import yaml

from .article import Article, Sentence, detect_language, read_article
from .language import Language, build_languages
from .mentions.dates import find_dates
from .mentions.lists import CAPITALISED_NAME, Framing, ListMention, find_lists
from .mentions.names import TOKEN, EntityMention, PersonMention, find_entities, find_people
from .mentions.quotes import QuoteMention, find_quotes
from .mentions.times import TimeMention, find_times, time_words
from .mentions.titles import Lexicon, Role
from .model import FactlintError, Span, show
from .rules import load_rules

SCHEMA_LINE = "# yaml-language-server: $schema=../checker/data/rules.schema.json"

DATA = Path(__file__).resolve().parent / "data" / "draft.yaml"


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """checker/data/draft.yaml: what the draft knows of each language (poor triggers, pronouns,
    country words, adjective endings, organisation heads, place words)."""
    from .yamlload import load_plain

    return load_plain(DATA.read_text(encoding="utf-8"))


def _words_of(key: str, code: str) -> frozenset[str]:
    return frozenset(_data().get(key, {}).get(code) or ())


def _stop_words(code: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _words_of("stop_words", code))


UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")  # no spaces between words: no terms
TITLED_NAME = regex.compile(r"\p{Lu}[\p{L}\p{M}\-'\u2019]*(?:[ \u00a0]+\p{Lu}[\p{L}\p{M}\-'\u2019]*){0,3}")
INSERTION = regex.compile(r"\s*(?:\[[^\]]*\]|\([^)]*\))\s*")  # an editor's words inside a quotation
LATIN_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                               "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"})  # letters NFKD does not take apart
QUOTE_WINDOW = 8  # words on either side of a quotation whose content words trigger it
DATE_REACH = 60  # characters around a date whose content words trigger it (the check allows 80)


@dataclass
class DraftEntity:
    id: str
    type: str
    name: str
    note: str  # why the draft thinks it is an entity, printed above it
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)  # titles the lexicon reads: recognised in every language


@dataclass
class DraftFact:
    """One proposed fact; ``fails`` are candidates, kept only if the checker agrees they fail."""

    id: str
    kind: str
    message: str
    confidence: str  # high, medium or low
    why: str
    line: int
    fields: dict[str, Any]  # the keys of this kind, in the order they are printed
    applies: list[str] | None
    passes: list[dict[str, str]]
    fails: list[dict[str, str]]
    keep_fails: int = 1
    sources: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Word:
    span: Span
    text: str


@dataclass
class _Draft:
    """What the draft knows about the article while it works through it."""

    article: Article
    lang: Language
    code: str
    languages: dict[str, Language]
    entities: dict[str, DraftEntity] = field(default_factory=dict)
    facts: list[DraftFact] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was found and left out, for the header
    fact_ids: set[str] = field(default_factory=set)

    @property
    def prose(self) -> str:
        return self.article.prose

    def line(self, offset: int) -> int:
        return self.article.position(offset).line

    def text(self, span: Span) -> str:
        return " ".join(self.prose[span.start:span.end].split())

    def mutate(self, sentence: Span, span: Span, new: str) -> str:
        """The sentence with ``span`` replaced: a fail example."""
        return " ".join((self.prose[sentence.start:span.start] + new + self.prose[span.end:sentence.end]).split())

    def names(self) -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
        pairs = tuple((n, e.id) for e in self.entities.values() for n in [e.name, *e.aliases])
        return pairs, dict(pairs)

    def mentions(self, span: Span) -> list[EntityMention]:
        return find_entities(self.prose, span, *self.names())

    def people(self, span: Span) -> list[PersonMention]:
        persons = frozenset(e.id for e in self.entities.values() if e.type == "person")
        return find_people(self.prose, span, self.mentions(span), persons, self.lang, lexicon=self.lexicon)

    @functools.cached_property
    def lexicon(self) -> Lexicon:
        """The shared lexicon of titles, alone: the draft has no rules yet."""
        return Lexicon([], {})

    @functools.cached_property
    def leading(self) -> frozenset[str]:
        """Words that may start a capitalised run without being part of a name ("The", "However")."""
        return frozenset(w.lower() for w in self.lang.function_words) | _stop_words(self.code)

    @functools.cached_property
    def stop(self) -> frozenset[str]:
        lang = self.lang
        words = [*lang.title_heads, *lang.title_modifiers, *lang.title_connectors, *lang.list_joiners,
                 *(w for p in lang.hedges_before + lang.exhaustive_before for w in p.split()),
                 *(w for p in time_words() for w in p.split())]  # "pukul", "sekitar": not what an event is
        return self.leading | {w.lower() for w in words}

    def words(self, span: Span, skip: Iterable[Span] = ()) -> list[Word]:
        """Words that can tell one fact's sentences from another's: not names, not function words,
        not dates, not in a script without spaces (no word of it can be cut out)."""
        skip = [*skip, *(m.span for m in find_dates(self.prose, span, self.code, self.article.date))]
        out = []
        for m in TOKEN.finditer(self.prose, span.start, span.end):
            w = m.group()
            if not (len(w) < 3 or w[:1].isupper() or not w[:1].isalpha() or regex.search(r"['\u2019]", w)
                    or UNSPACED.match(w) or w.lower() in self.stop or any(s.start <= m.start() < s.end for s in skip)):
                out.append(Word(Span(m.start(), m.end()), w))
        return out

    def term(self, word: str) -> str:
        """A trigger term; in English a stem with ``*``, so that "policy" also finds "policies"."""
        w = word.lower()
        if self.code != "en" or w.endswith("*"):
            return w
        for suffix in ("ies", "ing", "ed", "es", "s"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 4 and not w.endswith("ss"):
                return w[:-len(suffix)] + "*"
        return w + "*" if len(w) >= 5 else w

    def terms(self, words: Iterable[str], limit: int) -> list[str]:
        """Distinct terms in the order given; a stem takes the place of the words it covers."""
        out: list[str] = []
        for t in (self.term(w) for w in words):
            stem = t.rstrip("*")
            if stem in self.stop or t in out or any(o.endswith("*") and stem.startswith(o[:-1]) for o in out):
                continue
            out = [o for o in out if not (t.endswith("*") and o.rstrip("*").startswith(stem))] + [t]
            if len(out) == limit:
                break
        return out

    def fact_id(self, base: str, fallback: str) -> str:
        fid = _unique(_slug(base) or fallback, self.fact_ids)
        self.fact_ids.add(fid)
        return fid

    def example(self, text: str, dated: bool = False, **extra: str) -> dict[str, str]:
        """An example; its language and date only where the checker would not find them alone."""
        ex = {"text": text}
        if detect_language(text, self.languages) != self.code:
            ex["lang"] = self.code
        if dated and self.article.date:
            ex["date"] = self.article.date.isoformat()
        return ex | extra

    def source(self, **extra: str) -> dict[str, str]:
        src = {"name": self.article.path}
        if self.article.date:
            src["date"] = self.article.date.isoformat()
        return src | extra


def draft_rules(path: str, lang: str | None = None, date: str | None = None) -> str:
    """The draft rule file for the article at ``path``, as YAML text that validates as it is."""
    published = _parse_date(date)
    if lang is not None and not regex.fullmatch(r"[A-Za-z]{2,3}", lang):
        raise FactlintError(f"--lang must be a language code such as 'en' or 'fr', got {lang!r}")
    languages = build_languages([])
    article = read_article(path, languages, default_lang=lang.lower() if lang else None)
    if published is not None:
        article.date = published
    code = article.lang or "en"
    d = _Draft(article, languages.get(code) or languages["en"], code, languages)
    if UNSPACED.search(article.prose):
        d.notes.append("words in this script are not separated by spaces, so the draft cannot pick the words "
                       "that make a sentence a claim; write those facts by hand")
    _find_people(d)
    _find_organisations(d)
    _draft_sets(d)
    _draft_quotes(d)
    _draft_dates(d)
    _draft_quantities(d)
    _draft_titles(d)
    _other_languages(d)
    _verify(d)
    return _render(d)


@functools.lru_cache(maxsize=1)
def _concepts() -> dict[str, dict[str, list[str]]]:
    """checker/data/terms.yaml: concept -> language -> forms."""
    from .yamlload import load_plain

    return load_plain((Path(__file__).resolve().parent / "data" / "terms.yaml").read_text(encoding="utf-8"))["concepts"]


def _concepts_of(term: str, code: str) -> list[str]:
    """The concepts a drafted trigger is a form of, in the article's language: the same form, a
    starred form whose stem it starts with ("arrived" of "arriv*"), or a form whose stem it is."""
    t = term.lower().rstrip("*")
    found = []
    for name, forms in _concepts().items():
        for f in forms.get(code) or []:
            f = f.lower()
            stem = f.rstrip("*")
            if t == stem or f.endswith("*") and t.startswith(stem) or term.endswith("*") and stem.startswith(t) \
                    and len(t) >= 4:
                found.append(name)
                break
    return found


def _other_languages(d: _Draft) -> None:
    """A drafted trigger that is a form of a concept of the shared lexicon (checker/data/terms.yaml)
    brings the concept's forms in the other five languages: a draft from the source version then
    fires on its translations."""
    for f in d.facts:
        if not f.applies:
            continue
        added: list[str] = []
        for term in f.applies:
            for concept in _concepts_of(term, d.code):
                for code, forms in _concepts()[concept].items():
                    if code != d.code:
                        added += [w for w in forms if w not in f.applies and w not in added]
        if added:
            f.applies = f.applies + added
            f.why += "; triggers in the other languages from the shared lexicon of terms"


def _parse_date(date: str | None) -> dt.date | None:
    if date is None:
        return None
    try:
        if not regex.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise ValueError
        return dt.date.fromisoformat(date)
    except ValueError:
        raise FactlintError(f"--date must be a real date written YYYY-MM-DD, such as 2023-01-30, got {date!r}") \
            from None


# --------------------------------------------------------------------------- entities

def _add_entity(d: _Draft, name: str, kind: str, note: str) -> DraftEntity:
    eid = _unique(_slug(name) or f"{kind}-{len(d.entities) + 1}", set(d.entities))
    d.entities[eid] = DraftEntity(eid, kind, name, note)
    return d.entities[eid]


def _find_people(d: _Draft) -> None:
    """People are names after a title ("Defense Minister Lee Jong-sup"), and full names whose first
    or last word the article also writes alone, once the checker reads a title next to them
    ("Jens Stoltenberg, the secretary-general of NATO"); that word becomes an alias."""
    found: dict[str, int] = {}
    for s in d.article.sentences:
        for start, end in _titled_names(d, s.span):
            words = d.text(Span(start, end)).rstrip(".,").split()
            while len(words) > 1 and words[0].isupper():
                words.pop(0)  # "Sekretaris Jenderal NATO Jens Stoltenberg": NATO belongs to the title
            if len(words) <= 4 and not any(w.lower() in d.stop for w in words):
                found.setdefault(" ".join(words), start)
    full = [n.split() for n in found if " " in n]
    for name, at in found.items():
        if " " in name or not any(name in (n[0], n[-1]) for n in full):  # "President Yoon" is Yoon Suk-yeol
            _add_entity(d, name, "person", f"named after a title on line {d.line(at)}")
    maybe, seen = [], set()
    for m in CAPITALISED_NAME.finditer(d.prose, d.article.body.start):
        name = " ".join(m.group().split())
        if name in seen:
            continue
        seen.add(name)
        if 2 <= len(name.split()) <= 3 and _alone(d, name) and \
                all(regex.fullmatch(r"\p{Lu}\p{Ll}[\p{L}\-]*", w) and w.lower() not in d.stop for w in name.split()) \
                and not any(n in name or name in n for n in [*found, *(e.name for e in d.entities.values())]) \
                and not _holds_title_words(d, name):
            maybe.append(_add_entity(d, name, "person", f"a full name with a title, first written on line {d.line(m.start())}").id)
    for e in d.entities.values():
        shared = {w for o in d.entities.values() if o is not e for w in o.name.split()}
        e.aliases = [part for part in _alone(d, e.name) if part not in shared]
    for s in d.article.sentences:
        for p in d.people(s.span):
            if p.entity and p.title:
                e, title = d.entities[p.entity], " ".join(p.title.text.split())
                if p.title.role is not None:  # a role of the lexicon: recognised in every language
                    if p.title.role not in e.roles:
                        e.roles.append(p.title.role)
                elif title.lower() not in {t.lower() for t in e.titles}:
                    e.titles.append(title)
    for eid in maybe:  # a name the checker never reads with a title is not known to be a person
        if not d.entities[eid].titles and not d.entities[eid].roles:
            del d.entities[eid]


def _holds_title_words(d: _Draft, name: str) -> bool:
    """Whether the lexicon reads a title or a place in the words ("Menhan Jerman" is no name)."""
    c = d.lexicon.compiled(d.code)
    return c is not None and (c.title.search(name) is not None or any(w.lower() in c.places for w in name.split()))


def _titled_names(d: _Draft, sentence: Span) -> list[tuple[int, int]]:
    """The names that follow a title, as (start, end): after a title the lexicon reads, with the
    place it names ("Menteri Pertahanan Jerman Henrike Vollmer", "gubernur Jawa Barat Dedi
    Sulaeman": not "Jerman Henrike Vollmer", not "Jawa Barat Dedi Sulaeman"), and after
    capitalised title words; a place word ends what the title is of."""
    out: list[tuple[int, int]] = []
    c = d.lexicon.compiled(d.code)
    if c is not None and c.spaced:
        for m in c.title.finditer(d.prose, sentence.start, sentence.end):
            gap = regex.match(r"\s*,?\s+", d.prose[m.end():sentence.end])
            if gap is None:
                continue
            run = TITLED_NAME.match(d.prose, m.end() + gap.end(), sentence.end)
            if run is not None:
                out.append(_past_place(d, run.start(), run.end()))
    for p in find_people(d.prose, sentence, [], frozenset(), d.lang):
        start = p.span.start
        if p.title is not None and c is not None:  # the lexicon's title may reach into the name
            m = c.title.match(d.prose, p.title.span.start, p.span.end)
            if m is not None and m.end() > start:
                nxt = regex.compile(r"\s+").search(d.prose, m.end(), p.span.end)
                if nxt is None:
                    continue
                start = nxt.end()
        if not any(a <= start < b for a, b in out):
            out.append(_past_place(d, start, p.span.end))
    return out


def _past_place(d: _Draft, start: int, end: int) -> tuple[int, int]:
    """The name without the place words before it: "Jawa Barat Dedi Sulaeman" is Dedi Sulaeman,
    "Provinsi Aceh Ahmad Yani" is Ahmad Yani, "Jerman Henrike Vollmer" (a place of the lexicon)
    is Henrike Vollmer."""
    places = _data().get("place_words", {}).get(d.code) or {}
    ends, starts = set(places.get("end") or ()), set(places.get("start") or ())
    c = d.lexicon.compiled(d.code)
    tokens = list(TOKEN.finditer(d.prose, start, end))
    cut = 0
    for i, t in enumerate(tokens[:-1]):
        if t.group() in ends:
            cut = i + 1
    if tokens and tokens[0].group() in starts and len(tokens) > 2:
        cut = max(cut, 2)
    if c is not None and cut < len(tokens) - 1:
        for i in range(len(tokens) - 1, cut, -1):  # the longest run of words from the cut that is a place
            if c.places.get(" ".join(t.group() for t in tokens[cut:i]).lower()) is not None:
                cut = i
                break
    if cut >= len(tokens):
        return start, end
    return tokens[cut].start(), end


def _alone(d: _Draft, name: str) -> list[str]:
    """The last or first word of a full name that the article also writes by itself."""
    words = name.split()
    if len(words) < 2:
        return []
    within = len(regex.findall(regex.escape(name).replace(r"\ ", r"\s+"), d.prose))
    return [part for part in dict.fromkeys((words[-1], words[0])) if len(part) > 2 and part.lower() not in d.stop
            and len(regex.findall(rf"(?<![\w-]){regex.escape(part)}(?![\w-])", d.prose)) > within]


def _find_organisations(d: _Draft) -> None:
    """Acronyms written at least twice ("NATO"); a dateline ("JAKARTA - ") is not one."""
    counts: dict[str, int] = {}
    for m in regex.finditer(r"(?<![\w-])\p{Lu}[\p{Lu}\d]{1,5}(?![\w-])", d.prose):
        if not (regex.match(r"\s*[-\u2013\u2014]", d.prose[m.end():]) and d.prose[m.start() - 1:m.start()] in "\r\n"):
            counts[m.group()] = counts.get(m.group(), 0) + 1
    known = {n for e in d.entities.values() for n in [e.name, *e.aliases]}
    for name, n in counts.items():
        if n >= 2 and name not in known:
            _add_entity(d, name, "organisation", f"an acronym written {n} times")


# --------------------------------------------------------------------------- sets

def _draft_sets(d: _Draft) -> None:
    """Every enumeration of names ("Germany, Sweden and Norway") becomes a closed set."""
    persons = frozenset(e.id for e in d.entities.values() if e.type == "person")
    for s in d.article.sentences:
        known = d.mentions(s.span)  # with the items of the lists drafted so far
        candidates = _name_candidates(d, s.span, [p.title.span for p in d.people(s.span) if p.title] +
                                      [k.span for k in known])
        wanted = frozenset(c.entity for c in candidates) | {e.id for e in d.entities.values() if e.type != "person"}
        for lst in find_lists(d.prose, s.span, sorted(known + candidates, key=lambda m: m.span), wanted, persons,
                              d.lang):
            _draft_set(d, s, lst)
    changed = True
    while changed:  # the members of one set share one type: a country listed with a place is a place
        changed = False
        for f in d.facts:
            members = [d.entities[m] for m in f.fields["members"]]
            if len({m.type for m in members}) > 1:
                changed = True
                for m in members:
                    m.type = "place"


def _name_candidates(d: _Draft, span: Span, blocked: list[Span]) -> list[EntityMention]:
    """Capitalised names not known yet, without a leading "The" or a trailing "'s"; the entity of
    each is, for now, its own text."""
    out = []
    for m in CAPITALISED_NAME.finditer(d.prose, span.start, span.end):
        words = list(TOKEN.finditer(d.prose, m.start(), m.end()))
        while words and words[0].group().lower() in d.leading:
            words.pop(0)
        if not words or any(w.group().lower() in d.lang.title_head_set for w in words):
            continue
        start = words[0].start()
        end = m.end() - (2 if regex.search(r"['\u2019]s$", m.group()) else 0)
        if not any(b.start < end and start < b.end for b in blocked):
            out.append(EntityMention(d.text(Span(start, end)), Span(start, end)))
    return out


def _draft_set(d: _Draft, s: Sentence, lst: ListMention) -> None:
    known = [d.entities.get(it.entity or "") for it in lst.items]  # None: a name not drafted yet
    names = [e.name if e else it.entity or d.text(it.span) for e, it in zip(known, lst.items)]
    at, shown = d.line(lst.span.start), d.text(lst.span)
    first = d.text(lst.items[0].span).split()
    if first and first[0] in _words_of("organisation_heads", d.code):
        d.notes.append(f'line {at}: "{shown}" reads as the name of one organisation ("{first[0]} ..."), not a '
                       "list; no set drafted")
        return
    endings = tuple(_words_of("adjective_endings", d.code))
    if endings and regex.match(r" \p{Ll}", d.prose[lst.span.end:]) and \
            all(" " not in n and n.lower().endswith(endings) for n in names):
        d.notes.append(f'line {at}: "{shown}" reads as adjectives before the word after it, not as names; '
                       "no set drafted")
        return
    orgs = [e is not None and e.type == "organisation" for e in known]
    if any(orgs) and not all(orgs):
        d.notes.append(f'line {at}: "{shown}" mixes organisations and other names; no set drafted')
        return
    nearby = sorted(d.words(s.span), key=lambda w: _distance(w.span, lst.span))
    terms = d.terms((w.text for w in nearby), 6)
    if not terms:
        d.notes.append(f'line {at}: "{shown}" has no words around it to tell its sentences; no set drafted')
        return
    cue = {w.lower() for w in TOKEN.findall(d.text(s.span))} & _words_of("country_words", d.code)
    kind = "organisation" if all(orgs) else "country" if cue else "place"
    members: list[str] = []
    for e, name in zip(known, names):
        e = e or _add_entity(d, name, kind, f"an item of the list on line {at}")
        members += [e.id] if e.id not in members else []
    same = next((f for f in d.facts if f.kind == "set" and set(f.fields["members"]) == set(members)), None)
    if same is not None:  # the same set listed again: one fact, triggered by the words of both places
        same.applies = d.terms([*(same.applies or []), *terms], 8)
        same.passes.append(d.example(d.text(s.span)))
        return
    n = len(members)
    confidence, why = \
        ("low", "the article itself offers these as examples; the full set may be larger") \
        if lst.framing is Framing.EXAMPLES else ("high", f"{n} items, offered as the whole list") if n >= 3 \
        else ("medium", "two items, offered as the whole list: a set, or a pair named in passing?")
    if find_quotes(d.article, s.span):
        why += "; the terms include words of a quotation"
    d.facts.append(DraftFact(
        d.fact_id("-".join(members[:3]) + ("-etc" if n > 3 else "") + "-set", "set"), "set",
        f"the list in the source is {_join([d.entities[m].name for m in members])}", confidence, why, at,
        {"severity": "error", "hedged_severity": "warning", "members": members}, terms,
        [d.example(d.text(s.span))], _set_fails(d, s, lst), keep_fails=2))


def _set_fails(d: _Draft, s: Sentence, lst: ListMention) -> list[dict[str, str]]:
    """The list with a member left out (or, for a pair, one member called the only one), and the
    same offered as examples, which is a warning."""
    items = [d.prose[it.span.start:it.span.end] for it in lst.items]
    if len(items) >= 3:
        fewer = items[:len(items) // 2] + items[len(items) // 2 + 1:]
        smaller = ", ".join(fewer[:-1]) + f" {(d.lang.list_joiners or ['and'])[0]} " + fewer[-1]
        fails = [d.example(d.mutate(s.span, lst.span, smaller))]
    else:
        smaller = items[0]
        fails = [d.example(d.mutate(s.span, lst.span, f"{(d.lang.exhaustive_before or ['only'])[0]} {smaller}"))]
    if d.lang.hedges_before:
        fails.append(d.example(d.mutate(s.span, lst.span, f"{d.lang.hedges_before[0]} {smaller}"), severity="warning"))
    return fails


# --------------------------------------------------------------------------- quotations

def _draft_quotes(d: _Draft) -> None:
    """Quoted words with a speaker: named in the sentence, or for "he said" the person named last.
    A short quotation nobody says is a term to keep ("a "special operation"")."""
    last_person: str | None = None
    drafted: list[DraftFact] = []
    for s in d.article.sentences:
        people = [p for p in d.people(s.span) if p.entity]
        quotes = [q for q in find_quotes(d.article, s.span) if not q.in_caption]
        pronouns = _words_of("pronouns", d.code)
        pronoun = any(pronouns.intersection(w.group().lower().split("-"))  # "he", and "a-t-il"
                      for w in TOKEN.finditer(d.prose, s.span.start, s.span.end)
                      if not any(q.span.start <= w.start() < q.span.end for q in quotes))
        for q in quotes:
            inner = d.text(q.inner)
            said = INSERTION.sub(" ", inner).strip(" ,;:.")
            if not said:
                continue
            if people:
                speaker = min(people, key=lambda p: _distance(p.span, q.span)).entity
                confidence, why = ("high", "the speaker is named in the sentence") \
                    if len({p.entity for p in people}) == 1 else \
                    ("medium", "several people are named in the sentence; the speaker is the one nearest the quotation")
            elif pronoun and last_person:
                speaker = last_person
                confidence, why = "medium", f"the speaker is the person named last ({d.entities[speaker].name})"
            elif len(said.split()) <= 4:
                _draft_term(d, s, q, said)
                continue
            else:
                d.notes.append(f'line {d.line(q.span.start)}: quotation "{inner[:60]}" has no speaker the draft '
                               "can tell; not drafted")
                continue
            fact = _draft_quote(d, s, q, quotes, str(speaker), said, confidence, why)
            if fact is not None:
                drafted.append(fact)
        if people:
            last_person = max(people, key=lambda p: p.span.start).entity
    for fact in drafted:
        # Any of the speaker's words in this article are on record, and a sentence that quotes
        # two of them must not be a finding of either fact.
        others = [f.fields["said"][0] for f in drafted if f.fields["speaker"] == fact.fields["speaker"]]
        others = [u for u in dict.fromkeys(others) if u != fact.fields["said"][0]]
        if others:
            fact.fields["accepted"] = others
    d.facts += drafted


def _draft_quote(d: _Draft, s: Sentence, q: QuoteMention, quotes: list[QuoteMention], speaker: str, said: str,
                 confidence: str, why: str) -> DraftFact | None:
    at = d.line(q.span.start)
    terms = d.terms(_window(d, s.span, q.span, [x.span for x in quotes]), 4)
    if not terms:  # only "he said" around it: the quotation's own rarest words
        rare = sorted((w.text for w in d.words(q.inner)), key=lambda w: (_frequency(d, w), -len(w)))
        terms = d.terms(rare, 3)
        why += "; triggered by its own words, having none around it"
    if not terms:
        d.notes.append(f'line {at}: quotation "{said[:60]}" has no words to trigger it; not drafted')
        return None
    person = d.entities[speaker]
    short = person.aliases[0] if person.aliases else person.name
    words = [w.text.lower() for w in d.words(q.inner)][:2] or [said[:20]]
    sentence = d.text(s.span)
    shown = said if len(said) <= 100 else said[:99] + "\u2026"
    return DraftFact(
        d.fact_id(f"{short}-{'-'.join(words)}-quote", "quote"), "quote", f'{person.name} said "{shown}"',
        confidence, why, at, {"severity": "error", "speaker": speaker, "said": [said]}, terms,
        [d.example(sentence)], [d.example(d.mutate(s.span, q.inner, _misquote(d.text(q.inner))))],
        sources=[d.source(quote=sentence)])


def _misquote(inner: str) -> str:
    """The quoted words changed as misquotes change them: a word left out, two words swapped."""
    words = list(TOKEN.finditer(inner))
    if len(words) >= 3:
        mid = words[len(words) // 2]
        return regex.sub(r"\s+(?=[,.;:!?])", "", " ".join((inner[:mid.start()] + inner[mid.end():]).split()))
    if len(words) == 2:
        a, b = words
        return inner[:a.start()] + b.group() + inner[a.end():b.start()] + a.group() + inner[b.end():]
    return f"{inner} {inner}"


def _draft_term(d: _Draft, s: Sentence, q: QuoteMention, canonical: str) -> None:
    """A term in quotation marks that no one is quoted as saying: a `name` fact, found by its last word."""
    words = d.words(q.inner)
    if not words:
        d.notes.append(f'line {d.line(q.span.start)}: quotation "{canonical}" has no speaker and no word to find '
                       "it by; not drafted")
        return
    sentence = d.text(s.span)
    shorter = " ".join(canonical.split()[1:]) or canonical + canonical[-1]
    d.facts.append(DraftFact(
        d.fact_id(f"{canonical}-name", "name"), "name", f'the source calls it "{canonical}"', "medium",
        "a short quotation with no speaker, read as a term every version must keep", d.line(q.span.start),
        {"severity": "error", "canonical": canonical, "keywords": [d.term(words[-1].text)]},
        d.terms(_window(d, s.span, q.span, [q.span]), 4) or None,
        [d.example(sentence)], [d.example(d.mutate(s.span, q.inner, shorter))]))


# --------------------------------------------------------------------------- dates and titles

def _draft_dates(d: _Draft) -> None:
    """Dates with a year; dates without one, and relative ones, only with a publication date."""
    pub = d.article.date
    taken_times: set[Span] = set()
    for s in d.article.sentences:
        dates = find_dates(d.prose, s.span, d.code, pub)
        for m in dates:
            v, at, shown = m.value, d.line(m.span.start), d.text(m.span)
            year = v.year if v else None
            if v is not None and year is None and v.month is not None and pub is not None:
                # the latest such day on or before the publication date: news reports what has happened
                year = pub.year if (v.month, v.day or 1) <= (pub.month, pub.day) else pub.year - 1
            if v is None or year is None:
                d.notes.append(f'line {at}: "{shown}" ' + ("is relative" if m.relative else "has no year") +
                               "; give --date YYYY-MM-DD (the publication date) to draft it")
                continue
            resolved = m.relative or v.year is None
            expected = f"{year:04d}" + (f"-{v.month:02d}" if v.month else "") + (f"-{v.day:02d}" if v.day else "")
            near = sorted((w for w in d.words(s.span) if _distance(w.span, m.span) <= DATE_REACH),
                          key=lambda w: _distance(w.span, m.span))
            terms = d.terms((w.text for w in near), 4)
            if not terms:
                d.notes.append(f'line {at}: "{shown}" has no words near it to tell which event it dates; not drafted')
                continue
            wrong = f"{year - 1:04d}" + expected[4:]
            if str(year) in m.text:
                wrong = m.text.replace(str(year), str(year - 1))
            elif UNSPACED.search(m.text):  # 2021年2月24日: the ISO form is not read in Chinese and Japanese
                wrong = "".join(f"{p}{u}" for p, u in zip(wrong.split("-"), "年月日"))
            quoted = [q.span for q in find_quotes(d.article, s.span)]  # the message quotes no half quotation
            start = max((w.span.start for w in near if w.span.end <= m.span.start
                         and not any(q.start <= w.span.start < q.end for q in quoted)), default=m.span.start)
            confidence, why = ("medium", f'"{shown}" resolved against the publication date {pub}') if resolved \
                else ("high", "a full date in the text") if v.day else \
                ("medium", "a month or a year alone: the check compares only what both state")
            ids = [w.text.lower() for w in sorted(near[:2], key=lambda w: w.span)]
            fields: dict[str, Any] = {"severity": "error", "expected": expected}
            fails = [d.example(d.mutate(s.span, m.span, wrong), dated=resolved)]
            clock = _time_of(d, s, m.span, taken_times) if v.day else None
            said = d.text(Span(start, m.span.end))
            if clock is not None:  # "12 March 2024 at 03:40 WIB": the fact states the time too
                fields["expected"] = expected + "T" + _iso_time(clock)
                if clock.approximate:
                    fields["tolerance"] = 30
                said = d.text(Span(min(start, clock.span.start), max(m.span.end, clock.span.end)))
                fails.append(d.example(d.mutate(s.span, clock.span, _later(d.text(clock.span))), dated=resolved))
            d.facts.append(DraftFact(
                d.fact_id("-".join(ids) + "-date", "date"), "date",
                f'the source dates "{said}" to {fields["expected"]}', confidence, why, at,
                fields, terms, [d.example(d.text(s.span), dated=resolved)], fails, keep_fails=len(fails)))
    _times_left(d, taken_times)


def _times_left(d: _Draft, taken: set[Span]) -> None:
    """A time of day with no date next to it is not drafted: the fact would not know its day."""
    for s in d.article.sentences:
        dates = [m.span for m in find_dates(d.prose, s.span, d.code, d.article.date)]
        for t in find_times(d.prose, s.span):
            if t.span not in taken and not any(_distance(t.span, day) <= DATE_REACH for day in dates):
                d.notes.append(f'line {d.line(t.span.start)}: the time "{d.text(t.span)}" has no date next to it; '
                               "to check it, add it to the expected date of its event, such as T03:40+07:00")


def _time_of(d: _Draft, s: Sentence, day: Span, taken: set[Span]) -> TimeMention | None:
    """The time of day next to a date ("12 March at 03:40 WIB", "pukul 03.40 WIB, Selasa (12/3)"),
    when the sentence names its zone. A local time ("3:40 a.m. local time") or one with no zone
    cannot be stated without the zone, which the article does not give: a note says so."""
    near = [t for t in find_times(d.prose, s.span) if t.span not in taken and _distance(t.span, day) <= DATE_REACH]
    if not near:
        return None
    t = min(near, key=lambda t: _distance(t.span, day))
    taken.add(t.span)
    if t.zone is None:
        d.notes.append(f'line {d.line(t.span.start)}: the time "{d.text(t.span)}" names no zone factlint knows; '
                       "to check it, add it to the date's expected with its zone, such as T03:40+07:00")
        return None
    return t


def _iso_time(t: TimeMention) -> str:
    sign = "-" if t.zone is not None and t.zone < 0 else "+"
    zone = round(abs(t.zone or 0.0) * 60)
    return f"{t.minutes // 60:02d}:{t.minutes % 60:02d}{sign}{zone // 60:02d}:{zone % 60:02d}"


def _later(clock: str) -> str:
    """The time as written, its hour two later ("03:40" -> "05:40", "3.40 WIB" -> "5.40 WIB")."""
    m = regex.search(r"[0-9\p{Nd}]{1,2}", clock)
    if m is None:
        return clock
    hour = (int(unicodedata.digit(m.group()[0])) * 10 ** (len(m.group()) - 1) +
            (int(unicodedata.digit(m.group()[1])) if len(m.group()) > 1 else 0) + 2) % 12 or 2
    written = f"{hour:0{len(m.group())}d}" if m.group().isascii() else str(hour)
    return clock[:m.start()] + written + clock[m.end():]


def _draft_quantities(d: _Draft) -> None:
    """Figures with a unit (a share, an amount, a count of people): each a quantity fact. A hedge
    becomes a bound ("at least 1,300": min 1300); a rounded figure ("1,300", "1.3 million") gets
    the tolerance of its rounding, so that a version giving the exact figure agrees."""
    from .mentions.quantities import find_quantities, units

    unit_words = {name: (u.get("before", []), u.get("after", [])) for name, u in units().items()}
    for s in d.article.sentences:
        dates = [m.span for m in find_dates(d.prose, s.span, d.code, d.article.date)]
        for q in find_quantities(d.prose, s.span, d.code, unit_words, dates):
            at, shown = d.line(q.span.start), d.text(q.span)
            if q.unit is None:
                d.notes.append(f'line {at}: "{shown}" has no unit next to it to say what it counts; not drafted')
                continue
            near = sorted((w for w in d.words(s.span, [q.span]) if _distance(w.span, q.figure) <= DATE_REACH),
                          key=lambda w: _distance(w.span, q.figure))
            terms = d.terms((w.text for w in near), 4)
            if not terms:
                d.notes.append(f'line {at}: "{shown}" has no words near it to tell what it counts; not drafted')
                continue
            value: Any = int(q.value) if q.value == int(q.value) else q.value
            fields: dict[str, Any] = {"severity": "error"}
            bound = {"at_least": "min", "more_than": "min", "at_most": "max", "less_than": "max"}.get(q.hedge or "")
            fields["expected"] = {bound: value} if bound else value
            fields["unit"] = q.unit
            if q.hedge in ("about", "nearly"):
                fields["tolerance"] = "10%"
            elif q.step > 1 and not bound:
                half = q.step / 2
                fields["tolerance"] = int(half) if half == int(half) else half
            figure_text = d.text(q.figure)
            wrong = next((figure_text[:i] + str((int(c) + 1) % 10 or 1) + figure_text[i + 1:]
                          for i, c in enumerate(figure_text) if c.isdigit() and c.isascii()), None)
            fails = [d.example(d.mutate(s.span, q.figure, wrong))] if wrong and not bound else []
            confidence, why = ("medium", f"a figure with its unit ({q.unit}); "
                               + ("its hedge made a bound" if bound else "rounded as written" if q.step > 1
                                  else "as written"))
            ids = [w.text.lower() for w in sorted(near[:2], key=lambda w: w.span)]
            d.facts.append(DraftFact(
                d.fact_id("-".join(ids) + "-figure", "figure"), "quantity", f'the source gives "{shown}"',
                confidence, why, at, fields, terms, [d.example(d.text(s.span))], fails))


def _draft_titles(d: _Draft) -> None:
    """Every title the article gives a person; another title in a version is then a finding. A
    title the lexicon reads is drafted as a role, recognised in all six languages."""
    for e in d.entities.values():
        first = next(((s, p) for s in d.article.sentences for p in d.people(s.span)
                      if p.entity == e.id and p.title), None) \
            if e.type == "person" and (e.titles or e.roles) else None
        if first is None:
            continue
        s, p = first
        title = d.text(p.title.span)  # type: ignore[union-attr]
        modifier = next((m for m in d.lang.title_modifiers if m.lower() not in title.lower().split()), "former")
        if title[:1].isupper():
            modifier = modifier[:1].upper() + modifier[1:]
        fails = [d.example(d.mutate(s.span, p.title.span, f"{modifier} {t}"))  # type: ignore[union-attr]
                 for t in dict.fromkeys((title, title.split()[-1]))]
        shown = [d.lexicon.describe(r) for r in e.roles] + e.titles
        why = ("the roles the article gives, from the shared lexicon of titles: recognised in every language; "
               if e.roles else "") + \
            ("the titles as the article writes them; a right one it never uses (a short form, another "
             "language) is a finding until it is added to the entity's titles" if e.titles else
             "check each role and what it is of")
        d.facts.append(DraftFact(
            d.fact_id(f"{e.aliases[0] if e.aliases else e.name}-title", "title"), "title",
            f"{e.name}'s titles in the source: {'; '.join(shown)}", "high" if len(shown) > 1 or e.roles else "medium",
            why, d.line(p.span.start), {"severity": "error", "entity": e.id}, None, [d.example(d.text(s.span))], fails))


# --------------------------------------------------------------------------- small helpers

def _window(d: _Draft, sentence: Span, around: Span, skip: list[Span]) -> list[str]:
    """Content words among the few words on either side of a span, nearest first."""
    tokens = [Span(m.start(), m.end()) for m in TOKEN.finditer(d.prose, sentence.start, sentence.end)
              if not any(s.start <= m.start() < s.end for s in skip)]
    near = {t for t in tokens if t.end <= around.start}
    near = set(sorted(near)[-QUOTE_WINDOW:]) | set(sorted(t for t in tokens if t.start >= around.end)[:QUOTE_WINDOW])
    return [w.text for w in sorted((w for w in d.words(sentence, skip) if w.span in near),
                                   key=lambda w: _distance(w.span, around))]


def _frequency(d: _Draft, word: str) -> int:
    return sum(1 for s in d.article.sentences if word.lower() in d.text(s.span).lower())


def _distance(a: Span, b: Span) -> int:
    return max(0, b.start - a.end, a.start - b.end)


def _files_guess(path: str) -> str:
    """A ``files:`` glob for the article's folder, relative to the project root as globs are."""
    from .config import load_settings
    from .discover import project_root

    try:
        root = project_root(load_settings())
    except FactlintError:
        root = Path.cwd()
    folder = os.path.relpath(os.path.dirname(os.path.abspath(path)), root).replace(os.sep, "/")
    name = f"*{Path(path).suffix}"
    return name if folder == "." else f"{folder}/{name}"


def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text.translate(LATIN_LETTERS)).encode("ascii", "ignore").decode()
    return regex.sub(r"[^a-z0-9]+", "-", ascii_.lower())[:60].strip("-")


def _unique(base: str, taken: set[str]) -> str:
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    return out


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# --------------------------------------------------------------------------- check and print

def _verify(d: _Draft) -> None:
    """Load the draft as factlint would, check its own article and run its examples."""
    from .check import check_article
    from .facts import compile_checks
    from .testing import examples, run_example

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.yaml"
        while True:
            path.write_text(_render(d, verifying=True), encoding="utf-8")
            rules = load_rules([str(path)])
            checks = compile_checks(rules)
            ids = {f.id for f in d.facts}
            wrong = {f.rule_id: f for f in check_article(d.article, checks, rules) if f.rule_id in ids}
            if not wrong:
                break
            for fid, f in wrong.items():
                d.notes.append(f"dropped fact {fid}: it flagged its own article at line {f.start.line}: {f.message}")
            d.facts = [f for f in d.facts if f.id not in wrong]
        for check in checks:
            fact = next(f for f in d.facts if f.id == check.fact.id)
            ok = [run_example(x, check, rules) is None for x in examples(check.fact)]
            passes = [x for x, good in zip(fact.passes, ok) if good]
            fails = [x for x, good in zip(fact.fails, ok[len(fact.passes):]) if good][:fact.keep_fails]
            if len(passes) < len(fact.passes):
                fact.why += "; its own sentence alone gives a finding, so that is no pass example"
            if not fails:
                fact.why += "; no changed sentence made it fail, so it has no fail example"
            fact.passes, fact.fails = passes, fails


def _scalar(value: str) -> str:
    """A string as YAML: plain when it is a simple id that reads back as itself, else double-quoted,
    so that any text round-trips: quotes, "#", ": ", control characters; the few characters YAML
    reads differently from JSON (U+0085, U+2028: line breaks to YAML) go through the YAML emitter."""
    if regex.fullmatch(r"[a-z][a-z0-9-]*", value) and yaml.safe_load(value) == value:
        return value
    if not regex.search(r"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\p{Cs}]", value):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML one, and much faster to make
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=float("inf")).rstrip("\n")


def _yaml_value(value: Any) -> str:
    """A field's value as YAML: a list, a mapping of numbers ({min: 1300}), a number, or a string."""
    if isinstance(value, list):
        return _flow(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if value == int(value) else repr(value)
    return _scalar(value)


def _role_fields(r: Role) -> dict[str, Any]:
    fields: dict[str, Any] = {"role": r.role}
    if r.of:
        fields["of"] = r.of
    fields.update({m: True for m in ("former", "deputy", "acting") if getattr(r, m)})
    return fields


def _flow(values: list[str]) -> str:
    return "[" + ", ".join(_scalar(v) for v in values) + "]"


def _comment(text: str) -> str:
    """Article words inside a YAML comment: one line, whatever line breaks the article holds."""
    return show(text, limit=300)


def _render(d: _Draft, verifying: bool = False) -> str:
    a = d.article
    published = a.date.isoformat() if a.date else "unknown"
    out = [SCHEMA_LINE,
           "# (the path is right for a file saved in rules/; `factlint schema` prints the schema)",
           "#",
           f"# Drafted by `factlint draft` from {_comment(a.path)} (language {d.code}, publication date {published}).",
           "# A draft to review, not a record: check every entity and fact against the article and the",
           "# sources, rewrite the messages, widen the terms under `applies` (other wordings, other",
           "# languages), and delete what is not a fact. `factlint test FILE` runs the examples."]
    if d.notes and not verifying:
        out += ["#", "# Not drafted, for a person to look at:"] + [f"#   - {_comment(n)}" for n in d.notes]
    if not d.facts and not verifying:
        out += ["#", f"# No fact was drafted from {_comment(a.path)}: " + (
            "what was found is listed above, with why it was left out." if d.notes else
            "it has no titled people, enumerations, quotations or dates the draft can read.")]
    out += [f"story: {_scalar(a.story or _slug(Path(a.path).stem) or 'story')}"]
    if a.story is None:
        glob = _files_guess(a.path)
        out += ["# The story's versions that carry no front matter 'story:'. A guess: every file like this one",
                "# in its folder. Narrow it if the folder holds other stories (`factlint rules` counts them).",
                f"files: [{_scalar(glob)}]"]
    out += [f"description: {_scalar(f'Drafted from {a.path}; review every fact before use.')}", "",
            "entities:" if d.entities else "entities: {}"]
    for e in d.entities.values():
        out += [f"  # {_comment(e.note)}", f"  {_scalar(e.id)}:", f"    type: {e.type}", f"    name: {_scalar(e.name)}"]
        out += [f"    {key}: {_flow(v)}" for key, v in (("aliases", e.aliases), ("titles", e.titles)) if v]
        if e.roles:
            out.append("    roles: [" + ", ".join(_yaml_value(_role_fields(r)) for r in e.roles) + "]")
    out += ["", "facts:" if d.facts else "facts: []"]
    for f in d.facts:
        out += [f"  # confidence: {f.confidence} - {_comment(f.why)} (line {f.line})",
                f"  - id: {_scalar(f.id)}", f"    kind: {f.kind}", f"    message: {_scalar(f.message)}"]
        for key, value in f.fields.items():
            if key in ("said", "accepted"):  # long texts: one a line
                out += [f"    {key}:"] + [f"      - {_scalar(v)}" for v in value]
            else:
                out.append(f"    {key}: {_yaml_value(value)}")
        out.append("    sources:")
        for src in f.sources or [d.source()]:
            out += [f"      - name: {_scalar(src['name'])}"] + \
                [f"        {k}: {_scalar(v)}" for k, v in src.items() if k != "name"]
        if f.applies:
            out.append(f"    applies: {{any: {_flow(f.applies)}}}")
        if f.passes or f.fails:
            out.append("    examples:")
            for group, items in (("pass", f.passes), ("fail", f.fails)):
                out += [f"      {group}:"] if items else []
                for ex in items:  # a string, or a mapping when it needs a language, date or severity
                    out.append(f"        - {'text: ' if len(ex) > 1 else ''}{_scalar(ex['text'])}")
                    out += [f"          {k}: {_scalar(v)}" for k, v in ex.items() if k != "text"]
    return "\n".join(out) + "\n"

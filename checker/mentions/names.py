"""Find names: the rules' entities wherever their names or aliases occur, and people with titles.

Names match case-sensitively on word boundaries, longest first, so "Jens Stoltenberg"
is one mention and "South Korean" is not "South Korea". A title is read from the
words right before a name ("Defense Minister Lee Jong-sup") or from an appositive
after it ("Stoltenberg, the secretary-general of NATO,").
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

import regex

from ..language import Language, Terms, fold
from ..model import Span
from .titles import Lexicon, Role, read_title

TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'\u2019\-]*")


@dataclass(frozen=True)
class EntityMention:
    entity: str
    span: Span


@dataclass(frozen=True)
class TitleMention:
    span: Span
    text: str
    role: Role | None = None  # what the shared lexicon reads in it; None: read by capitalisation alone


@dataclass(frozen=True)
class PersonMention:
    """A person named in the text; ``entity`` is None for a name the rules do not know."""

    entity: str | None
    span: Span
    title: TitleMention | None


def names_pattern(names: tuple[tuple[str, str], ...]) -> Terms | None:
    """One alternation over every (name, entity id) and the ways outlets write each (``variants``),
    compared by their folds: "Duzce" is "Düzce", "SUGA Yoshihide" is "Yoshihide Suga"."""
    return _names_terms(tuple(dict.fromkeys(n for n, _ in names))) if names else None


@functools.lru_cache(maxsize=64)
def _names_terms(names: tuple[str, ...]) -> Terms:
    """Built once for a list of names, whatever entities they name: stories that share their
    entities (a newsroom's people and places) share it, in a worker that checks many stories."""
    # Names are proper nouns: matched as written; a hyphen does not join them to a neighbour word.
    # re.escape: the same escapes as regex.escape, without its loop in Python.
    return Terms(tuple(v for n in names for v in _forms(n)), lambda n: re.escape(n).replace(r"\ ", r"\s+"),
                 wrap=r"(?<!\w-){}(?!-\w)", folds=True)


@functools.lru_cache(maxsize=64)
def _variant_index(names: tuple[tuple[str, str], ...]) -> dict[str, frozenset[str]]:
    """The entities each written form stands for, by its fold with single spaces."""
    index: dict[str, set[str]] = {}
    for name, entity in names:
        for v in _forms(name):
            index.setdefault(v, set()).add(entity)
    return {k: frozenset(v) for k, v in index.items()}


@functools.lru_cache(maxsize=4096)
def _forms(name: str) -> tuple[str, ...]:
    """The folds of a name's ``variants``: what the article's fold is searched for."""
    return tuple(dict.fromkeys(" ".join(fold(v).split()) for v in variants(name)))


SYLLABLE = regex.compile(r"[A-Za-z]{1,6}")  # a romanised Korean or Chinese syllable, once folded
HYPHENED = regex.compile(r"([A-Z][a-z]{0,5})-([a-z]{1,6})")  # "Jong-sup", "Ki-moon", "Ing-wen"


@functools.lru_cache(maxsize=4096)
def variants(name: str) -> tuple[str, ...]:
    """``name`` and the other ways real outlets write it, for a rule author writes a name once:

    * a romanised given name in two syllables, hyphened or not: "Lee Jong-sup" is also "Lee Jong
      Sup", "Lee Jong-Sup" and "Lee Jongsup"; "Yoon Suk Yeol" (three short words) also "Yoon
      Suk-yeol" and "Yoon Sukyeol". Only a hyphen before a small letter counts ("Jean-Pierre" and
      "Saint-Denis" are no syllables), and only the last two words of three short ones.
    * the family name in capitals, as Japanese, Korean and French outlets write it: "Yoshihide
      Suga" is also "Yoshihide SUGA" and "SUGA Yoshihide", "Lee Jong-sup" "LEE Jong-sup".
      A name of one word has none: "LE" in a French headline is no "Le". A name with syllables
      above is family-first: only its first word is capitalised ("KIM Jong-un", not "Kim Jong UN").
    """
    forms = [name]
    words = name.split()
    for i, word in enumerate(words):
        m = HYPHENED.fullmatch(fold(word))
        if m and len(words) > 1:
            a, b = word.split("-", 1)
            for joined_word in (f"{a} {b[:1].upper()}{b[1:]}", f"{a}-{b[:1].upper()}{b[1:]}", a + b):
                forms.append(" ".join(words[:i] + [joined_word] + words[i + 1:]))
    if len(words) == 3 and all(SYLLABLE.fullmatch(fold(w)) and w[:1].isupper() and w[1:].islower() for w in words):
        a, b = words[1], words[2]
        for joined_word in (f"{a}-{b.lower()}", a + b.lower()):
            forms.append(f"{words[0]} {joined_word}")
    out = list(forms)
    family_first = len(forms) > 1  # a romanised given name in syllables follows the family name
    for form in forms:
        ws = form.split()
        if len(ws) < 2:
            continue
        first, last = ws[0], ws[-1]
        if _capitalised(last) and not family_first:
            out.append(" ".join(ws[:-1] + [last.upper()]))
            out.append(" ".join([last.upper()] + ws[:-1]))
        if _capitalised(first):
            out.append(" ".join([first.upper()] + ws[1:]))
    return tuple(dict.fromkeys(out))


def _capitalised(word: str) -> bool:
    """A word written with a capital and small letters: one that has an all-capitals form to add."""
    return word[:1].isupper() and any(c.islower() for c in word[1:]) and word.upper() != word


MIN_FOLDED = 3  # letters a name matched only through its fold must have: "Lê" is not every French "Le"


def find_entities(text: str, span: Span, names: tuple[tuple[str, str], ...],
                  index: dict[str, str]) -> list[EntityMention]:
    """Every name of ``names`` in ``text[span]``, as written or as ``variants`` or folds of it; the
    span is the text's own characters. A form that stands for two entities names neither, unless
    the text writes one of their names exactly."""
    pattern = names_pattern(names)
    if pattern is None:
        return []
    by_variant = _variant_index(names)
    found = []
    for m in pattern.finditer(text, span.start, span.end):
        written = " ".join(m.group().split())
        entity = index.get(written)
        if entity is None:
            key = fold(written)
            entities = by_variant.get(key, frozenset())
            if len(entities) != 1 or sum(c.isalnum() for c in key) < MIN_FOLDED:
                continue
            entity = next(iter(entities))
        found.append(EntityMention(entity, Span(m.start(), m.end())))
    return found


def overlaps_any(spans: list[Span], span: Span) -> bool:
    """Whether ``span`` overlaps one of ``spans`` (sorted, not overlapping each other), by bisection:
    a scan of every span for every candidate is quadratic in a long sentence."""
    i = bisect.bisect_left(spans, span.end, key=lambda s: s.start) - 1
    return i >= 0 and spans[i].end > span.start


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


Token = tuple[int, int, str]  # start, end, word as written


def word_tokens(text: str, span: Span) -> list[Token]:
    """The words of ``span`` in order: what titles around a name and a name check's windows read."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, span.start, span.end)]


TOKEN_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}'\u2019\-]")  # what TOKEN's second class allows


def _tokens_before(text: str, span: Span, end: int) -> list[tuple[int, int, str]]:
    """``word_tokens(text, span)`` that end by ``end``: all a title before a name needs, and a sentence's
    names mostly stand near its start. A word cut at ``end`` is dropped: whole, it ends later."""
    tokens = word_tokens(text, Span(span.start, end))
    if tokens and tokens[-1][1] == end < span.end and TOKEN_CHAR.match(text, end):
        tokens.pop()
    return tokens


def _title_before(text: str, tokens: list[tuple[int, int, str]], name_start: int,
                  lang: Language) -> TitleMention | None:
    """Capitalised words (and connectors such as "of") right before a name, holding a title word."""
    run: list[tuple[int, int, str]] = []
    boundary = name_start
    # Walk back from the name by index: filtering every token for every name is quadratic in a long sentence.
    for at in range(bisect.bisect_right(tokens, name_start, key=lambda t: t[1]) - 1, -1, -1):
        tok = tokens[at]
        gap = text[tok[1]:boundary]
        if not gap or not gap.isspace() or "\n" in gap:
            break
        word = tok[2]
        if not (_is_capitalised(word) or (word.lower() in lang.connector_set and run)):
            break
        run.insert(0, tok)
        boundary = tok[0]
    while run and run[0][2].lower() in lang.connector_set:
        run.pop(0)
    heads = [i for i, t in enumerate(run) if _is_head(t[2], lang)]
    if not heads:
        return None
    run = run[max(0, heads[0] - 2):]
    start, end = run[0][0], run[-1][1]
    return TitleMention(Span(start, end), text[start:end])


def _is_head(word: str, lang: Language) -> bool:
    known = lang.head_words.get(word)  # asked of every capitalised word of every sentence with a name
    if known is None:
        if len(lang.head_words) > 100_000:  # a huge article of made-up words: bounded, not a leak
            lang.head_words.clear()
        w = word.lower()
        known = lang.head_words[word] = w in lang.title_head_set or any(
            part in lang.title_head_set for part in w.split("-"))
    return known


def _title_after(text: str, end: int, limit: int, lang: Language) -> TitleMention | None:
    """An appositive: ", the secretary-general of NATO," or ", who is also a former ... minister"."""
    m = _appositive(tuple(lang.appositive_openers)).match(text, end, limit)
    if not m:
        return None
    phrase = m.group("title")
    words = TOKEN.findall(phrase)
    if not any(_is_head(t, lang) for t in words):
        return None
    if not m.group("opener") and words and words[0].lower() not in lang.title_blockers:
        return None  # ", avec le président ..." is a new clause, not an appositive
    return TitleMention(Span(m.start("title"), m.end("title")), phrase)


def _lexicon_title(text: str, span: Span, name: Span, lang: Language, lexicon: Lexicon | None) -> TitleMention | None:
    if lexicon is None:
        return None
    read = read_title(lexicon, lang.code, text, span, name, tuple(lang.appositive_openers))
    if read is None:
        return None
    return TitleMention(read.span, text[read.span.start:read.span.end], read.role)


def _with_role(title: TitleMention | None, lang: Language, lexicon: Lexicon | None) -> TitleMention | None:
    """A title read by capitalisation, with the role the lexicon reads in all of its words."""
    if title is None or lexicon is None:
        return title
    c = lexicon.compiled(lang.code)
    m = c.title.fullmatch(title.text) if c is not None else None
    role = c.role_of(m) if c is not None and m is not None else None
    return title if role is None else TitleMention(title.span, title.text, role)


@functools.lru_cache(maxsize=16)
def _appositive(openers: tuple[str, ...]) -> "regex.Pattern[str]":
    alts = "|".join(regex.escape(o).replace(r"\ ", r"\s+") for o in sorted(openers, key=len, reverse=True))
    opener = rf"(?P<opener>(?:(?:{alts})\s+)*)" if alts else "(?P<opener>)"
    return regex.compile(rf",\s+{opener}(?P<title>[^\W\d][^,.;:()\"\u201c\u201d]{{1,80}}?)(?=\s*[,.;:)]|\s*$)",
                         regex.IGNORECASE)


def find_people(text: str, span: Span, entities: list[EntityMention], person_ids: frozenset[str],
                lang: Language, unknown: bool = True, lexicon: Lexicon | None = None) -> list[PersonMention]:
    """Known people with their titles, and (with ``unknown``) unknown names that follow a title.
    A known person's title is read with the shared lexicon first (every language's order, lower
    case, glued scripts), then by capitalisation."""
    known = [e for e in entities if e.entity in person_ids]
    if not known and not unknown:
        return []
    tokens = word_tokens(text, span) if unknown else _tokens_before(text, span, max(e.span.start for e in known))
    people: list[PersonMention] = []
    covered: list[Span] = []
    for e in known:
        title = _lexicon_title(text, span, e.span, lang, lexicon) or _with_role(
            _title_before(text, tokens, e.span.start, lang) or _title_after(text, e.span.end, span.end, lang),
            lang, lexicon)
        people.append(PersonMention(e.entity, e.span, title))
        covered.append(e.span)
    if not unknown:
        return sorted(people, key=lambda p: p.span)
    # Unknown people: a title run followed by capitalised words that are not a title themselves.
    i = 0
    while i < len(tokens):
        j = i
        while j + 1 < len(tokens) and _is_capitalised(tokens[j + 1][2]) and text[tokens[j][1]:tokens[j + 1][0]] == " ":
            j += 1
        run = tokens[i:j + 1]
        heads = [k for k, t in enumerate(run) if _is_head(t[2], lang)]
        if heads and heads[-1] < len(run) - 1 and run[heads[-1] + 1][2].lower() not in lang.connector_set:
            name = run[heads[-1] + 1:]
            name_span = Span(name[0][0], name[-1][1])
            if not overlaps_any(covered, name_span):
                title = _with_role(_title_before(text, tokens, name_span.start, lang), lang, lexicon)
                people.append(PersonMention(None, name_span, title))
        i = j + 1
    return sorted(people, key=lambda p: p.span)

"""The values of one version of a story, language-neutral, to compare with another version's.

A value is what a translation must keep: a date (resolved against the article's own publication
date), a time of day (with its zone), a figure with its unit and hedge, a country (from the
shared lexicon's places: "Jerman", "Allemagne", "德国" are all germany), a name (an entity of the
story's rules in any script; a capitalised Latin-script name as written), a list of those, and a
quotation (compared only between versions of one language). Each keeps its span in the article's
text and the paragraph it stands in, for alignment and for the report.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import regex

from ..article import Article
from ..language import Terms
from ..mentions.dates import find_dates
from ..mentions.names import EntityMention, find_entities
from ..mentions.quantities import QuantityMention, find_quantities, units
from ..mentions.quotes import find_quotes
from ..mentions.times import find_times
from ..mentions.titles import Lexicon, lexicon_of
from ..model import Span
from ..rules import RuleSet

LATIN = frozenset({"en", "id", "fr"})  # languages whose names are written alike: compared as written
NAME_RUN = regex.compile(r"\p{Lu}[\p{Ll}\p{M}'\u2019\-]+(?:[ \u00a0]+\p{Lu}[\p{Ll}\p{M}'\u2019\-]+)+")


@dataclass(frozen=True)
class Value:
    kind: str  # date, time, number, country, name, list, quote
    span: Span
    block: int  # the paragraph (article block) it stands in
    key: Any  # what is compared: see ``extract``
    shown: str  # the article's own words
    detail: Any = None  # the mention itself, for agreement tests that need more than the key
    anchor: Any = None  # a figure's nearest name, when a sentence gives figures of one unit to several names


@dataclass
class Version:
    """One article read for comparison: its values in text order, and its paragraphs."""

    article: Article
    values: list[Value]
    blocks: list[Span]
    findable: frozenset[str] = frozenset()  # the rules' entities with a name in this version's script


SCRIPTS = {"en": "latin", "id": "latin", "fr": "latin", "zh": "han", "ja": "kana-han", "ar": "arabic"}


def _script_of(name: str) -> str:
    for script, pattern in (("arabic", r"\p{Arabic}"), ("kana-han", r"[\p{Hiragana}\p{Katakana}]"),
                            ("han", r"\p{Han}"), ("latin", r"\p{Latin}")):
        if regex.search(pattern, name):
            return script
    return "other"


def _findable(rules: RuleSet, lang: str) -> frozenset[str]:
    """The entities a version in ``lang`` can be seen to name: one of their names is in its script
    (Japanese writes names in kana or in Han). A name a version cannot show is never "left out"."""
    memo = rules.__dict__.setdefault("_findable", {})
    if lang not in memo:
        want = SCRIPTS.get(lang, "latin")
        ok = {want, "han"} if want == "kana-han" else {want}
        memo[lang] = frozenset(e.id for e in rules.entities.values() if any(_script_of(n) in ok for n in e.names))
    return memo[lang]  # type: ignore[no-any-return]


def _unit_words() -> dict[str, tuple[list[str], list[str]]]:
    return _shipped_units()


@functools.lru_cache(maxsize=1)
def _shipped_units() -> dict[str, tuple[list[str], list[str]]]:
    return {name: (list(u.get("before", [])), list(u.get("after", []))) for name, u in units().items()}


def _countries(lex: Lexicon, lang: str) -> tuple[dict[str, str], Terms | None]:
    """Every place form of the language and its place, and a matcher for them, matched as written
    (a lower-case adjective also with a capital, as it stands first in a sentence): "US" is no
    "us". Built once per lexicon and language."""
    memo = lex.__dict__.setdefault("_version_countries", {})
    if lang not in memo:
        places = _places(lex, lang)
        # each form with its script's boundaries (none in Chinese and Japanese; a glued و in Arabic)
        terms = Terms(tuple(places), lambda f: regex.escape(f).replace(r"\ ", r"\s+")) if places else None
        memo[lang] = (places, terms)
    return memo[lang]  # type: ignore[no-any-return]


def _places(lex: Lexicon, lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for pid, forms in lex.places.items():
        if "*" in forms:  # an entity of the rules: found as an entity, not as a lexicon place
            continue
        for f in forms.get(lang) or []:
            if len(f) < 2:
                continue  # 德, 加, 以, 米: a country only glued to a title ("德总理"), a word of its own elsewhere
            out.setdefault(f, pid)
            if f[:1].islower():
                out.setdefault(f[:1].upper() + f[1:], pid)
    return out


def extract(article: Article, rules: RuleSet) -> Version:
    """Every value of the article, in text order."""
    lang = article.lang or "en"
    text = article.prose
    lex = lexicon_of(rules)
    language = rules.language(lang)
    places, terms = _countries(lex, lang)
    names, index = rules.names
    blocks = [b.span for b in article.blocks]
    values: list[Value] = []
    skip_words = {w.lower() for w in language.title_heads + language.title_modifiers + language.function_words}
    body = article.body
    # Article-wide scans, once: countries, the rules' names, the names of time zones.
    zones_all = _zone_words(text, body)
    countries_all = [EntityMention(pid, Span(m.start(), m.end())) for m in
                     (terms.finditer(text, body.start, body.end) if terms is not None else ())
                     if (pid := places.get(" ".join(m.group().split()))) is not None]
    entities_all = find_entities(text, body, names, index) if names else []
    titles = lex.compiled(lang) if lang in LATIN else None
    language_words = tuple(lex.languages.get(lang, {}).get("language_words") or ())
    language_after = tuple(lex.languages.get(lang, {}).get("language_after") or ())
    language_trailing = tuple(lex.languages.get(lang, {}).get("language_words_after") or ())
    for s in article.sentences:
        span = s.span
        dates = find_dates(text, span, lang, article.date)
        taken = [d.span for d in dates]
        for d in dates:
            if d.value is not None and (d.value.year is not None or d.value.month is not None):
                values.append(Value("date", d.span, s.block, (d.value.year, d.value.month, d.value.day),
                                    _words(article, d.span), d.value))
        times = find_times(text, span)
        zones = [t.span for t in times] + _inside(zones_all, span)
        for t in times:
            values.append(Value("time", t.span, s.block, (t.minutes, t.zone), _words(article, t.span), t))
            taken.append(t.span)
        for q in find_quantities(text, span, lang, _unit_words(), taken):
            zones.append(q.span)  # "印尼盾", "dolar AS": a currency's country is no country of the story
            if q.value == 1 and q.unit is None:
                continue  # "one of", "l'un des", "salah satu": an article, not a count
            values.append(Value("number", q.span, s.block, (q.unit, q.value), _words(article, q.span), q))
        found = [e for e in _inside(countries_all, span) if not any(z.start <= e.span.start < z.end for z in zones)
                 and not _language_name(text, e.span, language_words, language_after, language_trailing)]
        entities = _inside(entities_all, span)
        # A country the rules name is found twice (as an entity, and in the lexicon): once is enough.
        found = [c for c in found if not any(e.span.start < c.span.end and c.span.start < e.span.end for e in entities)]
        entities = [e for e in entities if e.entity not in rules.entities or rules.entities[e.entity].type != "country"
                    or not _language_name(text, e.span, language_words, language_after, language_trailing)]
        mentions = sorted(found + entities, key=lambda e: e.span)
        for e in mentions:
            kind = "country" if e.entity in lex.places and e.entity not in rules.entities or \
                (e.entity in rules.entities and rules.entities[e.entity].type == "country") else "name"
            key = lex.canonical(e.entity) if kind == "country" else ("entity", e.entity)
            values.append(Value(kind, e.span, s.block, key, _words(article, e.span)))
        if lang in LATIN:
            known = [e.span for e in mentions]
            for m in NAME_RUN.finditer(text, span.start, span.end):
                if titles is not None:  # a title's words are no name: "Menteri Dalam Negeri Henrike Vollmer"
                    known += [Span(t.start(), t.end()) for t in titles.title.finditer(text, m.start(), m.end())]
                for start, end in _name_parts(text, m.start(), m.end(), skip_words, places, known):
                    shown = " ".join(text[start:end].split())
                    values.append(Value("name", Span(start, end), s.block, ("text", shown), shown))
        for start, end, members in _enumerations(text, mentions, language, lex.places):
            keys = frozenset(lex.canonical(m) or "" for m in members)
            if len(keys) == len(members):
                values.append(Value("list", Span(start, end), s.block, keys, _words(article, Span(start, end))))
        _anchor(values, span, text)
        for q in find_quotes(article, span):
            if not q.in_caption:
                values.append(Value("quote", q.span, s.block, _quote_key(text[q.inner.start:q.inner.end]),
                                    _words(article, q.inner)))
    values.sort(key=lambda v: (v.span.start, v.kind))
    return Version(article, values, blocks, _findable(rules, lang))


def _anchor(values: list[Value], sentence: Span, text: str) -> None:
    """"Roussel won 41.76%, against 38.2% for Benali": each share belongs to the name nearest it.
    Only where a sentence gives two figures of one unit to two names does a figure get its name
    (then "Roussel won 38.2%, against 41.76% for Benali" is two changed figures, not the same two)."""
    import dataclasses

    here = [i for i, v in enumerate(values) if sentence.start <= v.span.start < sentence.end]
    names = [values[i] for i in here if values[i].kind in ("name", "country")]
    figures = [i for i in here if values[i].kind == "number"]
    if len({n.key if not isinstance(n.key, tuple) else n.key for n in names}) < 2:
        return
    by_unit: dict[Any, list[int]] = {}
    for i in figures:
        by_unit.setdefault(values[i].detail.unit, []).append(i)
    for unit, items in by_unit.items():
        if len(items) < 2:
            continue
        for i in items:
            v = values[i]
            near = min(names, key=lambda n: _reach(text, v.span, n.span))
            values[i] = dataclasses.replace(v, anchor=near.key)


CLAUSE_MARKS = frozenset(",;\uff0c\u3001\uff1b\u060c\u061b")  # , ; ， 、 ； ، ؛


def _reach(text: str, a: Span, b: Span) -> int:
    """Characters between two spans; a comma or semicolon between them puts the name in another
    clause ("41,76 % des voix, contre 38,2 % pour Karim Benali"; "ルーセル氏が41.76%、カリム")."""
    gap = text[a.end:b.start] if a.end <= b.start else text[b.end:a.start]
    return len(gap) + (1000 if any(c in CLAUSE_MARKS for c in gap) else 0)


def _enumerations(text: str, mentions: list[EntityMention], language: Any,
                  countries: Any) -> list[tuple[int, int, list[str]]]:
    """Known names one after another with only commas and a joiner between them ("Jepang, Australia
    dan Singapura", "日本、澳大利亚和新加坡"): what a version must keep whole. (The set kind's
    finder, mentions/lists.py, also reads unknown names and framings, which a comparison needs not.)"""
    from ..mentions.lists import _separator, _trailing_articles

    joiners, articles = language.joiner_set, _trailing_articles(language)
    out = []
    i = 0
    while i < len(mentions):
        chain, closed, k = [mentions[i]], False, i
        while k + 1 < len(mentions):
            gap = text[mentions[k].span.end:mentions[k + 1].span.start]
            kind = _separator(gap, joiners, articles) if len(gap) <= 24 and \
                (mentions[k].entity in countries) == (mentions[k + 1].entity in countries) else None  # one kind
            if kind is None or (closed and kind == "comma"):
                break
            chain.append(mentions[k + 1])
            closed = closed or kind == "joiner"
            k += 1
        if closed and len(chain) > 1:
            out.append((chain[0].span.start, chain[-1].span.end, [m.entity for m in chain]))
            i = k + 1
        else:
            i += 1
    return out


def _inside(found: list, span: Span) -> list:  # type: ignore[type-arg]
    """The mentions (sorted, each with a ``span``, or spans) wholly inside ``span``, by bisection."""
    import bisect

    def start(x):  # type: ignore[no-untyped-def]
        return x.span.start if hasattr(x, "span") else x.start

    def end(x):  # type: ignore[no-untyped-def]
        return x.span.end if hasattr(x, "span") else x.end

    out = []
    for i in range(bisect.bisect_left(found, span.start, key=start), len(found)):
        if start(found[i]) >= span.end:
            break
        if end(found[i]) <= span.end:
            out.append(found[i])
    return out


def _language_name(text: str, span: Span, before: tuple[str, ...], after: tuple[str, ...],
                   trailing: tuple[str, ...] = ()) -> bool:
    """A country word that names a language or a language version: "bahasa Inggris, Mandarin, Jepang",
    "les versions anglaise, chinoise et japonaise", "印尼文", "インドネシア語", "اللغة الإندونيسية"."""
    if after and text[span.end:span.end + 1] in after:
        return True
    if trailing and _language_tail(trailing).match(text, span.end, min(len(text), span.end + 80)):
        return True  # "the English, Chinese and French versions"
    if not before:
        return False
    return _language_lead(before).search(text, max(0, span.start - 80), span.start) is not None


@functools.lru_cache(maxsize=16)
def _language_tail(words: tuple[str, ...]) -> "regex.Pattern[str]":
    """Names joined by commas and a joiner, then a language word: "..., Arabic, and French versions"."""
    alts = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    item = r"[\p{L}\p{M}'\u2019-]+"
    return regex.compile(rf"(?:\s*,?\s*(?:and\s+)?{item})*\s+(?:{alts})(?![\p{{L}}])", regex.IGNORECASE)


@functools.lru_cache(maxsize=16)
def _language_lead(words: tuple[str, ...]) -> "regex.Pattern[str]":
    """A language word, then names joined by commas and a joiner, up to the country word."""
    alts = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    item = r"[\p{L}\p{M}'\u2019-]+"
    return regex.compile(rf"(?<![\p{{L}}])(?:{alts})\s+(?:{item}(?:\s*[,\u060c]?\s*(?:and|dan|et|و)\s+|\s*[,\u060c]\s*|\s+و))*\Z",
                         regex.IGNORECASE)


def _zone_words(text: str, span: Span) -> list[Span]:
    """Where the sentence names a time zone ("（西印尼时间）", "waktu Indonesia bagian barat"): the
    country in a zone's name is no country the story is about."""
    from ..mentions.times import _zones

    out = []
    low = text[span.start:span.end].lower()
    for word, _ in _zones():
        if len(word) >= 4:
            at = low.find(word.lower())
            while at >= 0:
                out.append(Span(span.start + at, span.start + at + len(word)))
                at = low.find(word.lower(), at + 1)
    return sorted(out)


def _name_parts(text: str, start: int, end: int, skip: set[str], places: dict[str, str],
                known: list[Span]) -> list[tuple[int, int]]:
    """The runs of two to three capitalised words inside a capitalised run that are neither title
    words, function words, places nor inside a known span (an entity, a title the lexicon reads):
    "German Defence Minister Henrike Vollmer" holds one name."""
    words = [(m.start(), m.end(), m.group()) for m in regex.finditer(r"\S+", text[start:end])]
    parts: list[list[tuple[int, int, str]]] = [[]]
    for a, b, w in words:
        if w.lower() in skip or w in places or any(k.start < start + b and start + a < k.end for k in known):
            parts.append([])
        else:
            parts[-1].append((start + a, start + b, w))
    return [(p[0][0], p[-1][1]) for p in parts if 2 <= len(p) <= 3]


def _words(article: Article, span: Span) -> str:
    return " ".join(article.text[span.start:span.end].split())


_QUOTE_NOISE = regex.compile(r"[\p{P}\p{S}]+")


def _quote_key(inner: str) -> tuple[str, ...]:
    """A quotation's words, lower case, without punctuation: what a faithful copy keeps."""
    return tuple(_QUOTE_NOISE.sub(" ", inner).lower().split())


def quantity(v: Value) -> QuantityMention:
    return v.detail  # type: ignore[no-any-return]

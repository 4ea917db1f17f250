"""Per-language vocabulary: defaults shipped as data, extended by rule files.

Keeping words out of the code means a newsroom adds a language, a hedge word or an
abbreviation by editing YAML, and the checker stays language-neutral.
"""
from __future__ import annotations

import bisect
import functools
import json
import itertools
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import regex

from .yamlload import load_plain

DATA = Path(__file__).parent / "data" / "languages.yaml"

LIST_FIELDS = (
    "abbreviations", "caption_credits", "hedges_before", "hedges_after", "exhaustive_before",
    "list_joiners", "title_heads", "title_modifiers", "title_connectors", "appositive_openers",
    "function_words", "item_articles", "clause_breaks",
)


@dataclass
class Language:
    code: str
    abbreviations: list[str] = field(default_factory=list)
    caption_credits: list[str] = field(default_factory=list)
    hedges_before: list[str] = field(default_factory=list)
    hedges_after: list[str] = field(default_factory=list)
    exhaustive_before: list[str] = field(default_factory=list)
    list_joiners: list[str] = field(default_factory=list)
    title_heads: list[str] = field(default_factory=list)
    title_modifiers: list[str] = field(default_factory=list)
    title_connectors: list[str] = field(default_factory=list)
    appositive_openers: list[str] = field(default_factory=list)
    function_words: list[str] = field(default_factory=list)
    item_articles: list[str] = field(default_factory=list)
    clause_breaks: list[str] = field(default_factory=list)

    def extend(self, extra: dict[str, list[str]]) -> None:
        for name in LIST_FIELDS:
            for word in extra.get(name, []) or []:
                if word not in getattr(self, name):
                    getattr(self, name).append(word)

    @functools.cached_property
    def abbreviation_set(self) -> frozenset[str]:
        return frozenset(a.lower().rstrip(".") for a in self.abbreviations)

    @functools.cached_property
    def title_head_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.title_heads)

    @functools.cached_property
    def head_words(self) -> dict[str, bool]:
        """Words already asked about: whether each holds a title head (see mentions.names)."""
        return {}

    @functools.cached_property
    def title_blockers(self) -> frozenset[str]:
        """Words that change a title when put before it: another title word, or "former"."""
        return frozenset(w.lower() for w in self.title_heads + self.title_modifiers)

    @functools.cached_property
    def connector_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.title_connectors)

    @functools.cached_property
    def joiner_set(self) -> frozenset[str]:
        return frozenset(j.casefold() for j in self.list_joiners)

    def phrases(self, name: str) -> "regex.Pattern[str]":
        """One case-insensitive alternation of a word list, longest first, on word boundaries."""
        return _phrase_pattern(tuple(getattr(self, name)))


HAN = regex.compile(r"\p{Han}")


@functools.lru_cache(maxsize=1)
def _chinese_converters() -> tuple:  # type: ignore[type-arg]
    try:
        import opencc  # imported only when rules hold Chinese characters
    except ImportError:  # pragma: no cover - a dependency; degrade to the forms the rules give
        return ()
    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


_CONVERTED: dict[str, tuple[str, ...]] = {}  # word -> its converted forms, when found elsewhere


def chinese_forms(words: list[str]) -> dict[str, tuple[str, ...]]:
    """The converted forms of each word that holds Chinese characters (the others have none)."""
    words = [w for w in words if w not in _CONVERTED and HAN.search(w)]  # a story's words are often the newsroom's
    converters = _chinese_converters() if words else ()
    return {w: tuple(c.convert(w) for c in converters) for w in words}


def know_chinese_forms(forms: dict[str, tuple[str, ...]]) -> None:
    """Forms computed in another process (see rules.load_rules): OpenCC need not load here."""
    _CONVERTED.update(forms)


def with_chinese_variants(words: list[str]) -> list[str]:
    """Each word, plus its Simplified and Traditional forms when it holds Chinese characters,
    so that a rule written in one script matches an article written in the other."""
    out: list[str] = []
    for word in words:
        forms = [word]
        if HAN.search(word):
            known = _CONVERTED.get(word)
            forms += known if known is not None else [c.convert(word) for c in _chinese_converters()]
        for f in forms:
            if f not in out:
                out.append(f)
    return out


SPACED_CLASS = r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{N}\p{M}_]"
SPACED = regex.compile(SPACED_CLASS)
ARABIC = regex.compile(r"\p{Arabic}")
# Arabic glues one-letter conjunctions and prepositions to the next word ("وألمانيا": "and Germany").
ARABIC_PREFIXES = "\u0648\u0641\u0628\u0644\u0643"  # و ف ب ل ك


def bounded(term: str, body: str) -> str:
    """``body`` (the regex for ``term``) with the word boundaries its script has.

    Latin-like scripts need whole words; Chinese and Japanese have no spaces, so a name
    inside a longer run of characters still counts; Arabic allows a glued one-letter prefix."""
    return "".join(_edged(term, body))


def _edged(term: str, body: str) -> tuple[str, str, str]:
    """``bounded`` in its three parts: the left boundary, the body, the right boundary."""
    first, last = term[:1], term[-1:]
    body = _contracted(term, body)
    if SPACED.match(first):
        left = rf"(?<!{SPACED_CLASS})"  # not \w: a Latin name inside Chinese text still counts
    elif ARABIC.match(first):
        left = rf"(?:(?<!\w)|(?<=(?<!\w)[{ARABIC_PREFIXES}]))"
    else:
        left = ""
    if SPACED.match(last):
        right = rf"(?!{SPACED_CLASS})"
    elif ARABIC.match(last):
        right = r"(?!\p{Arabic})"
    else:
        right = ""
    return left, body, right


def joined(parts: Iterable[tuple[str, str, str]]) -> str:
    """``"|".join(left + body + right)``, with a boundary that consecutive alternatives share
    written once: ``L(?:a|b)R`` tries what ``LaR|LbR`` does, in the same order, and finds the
    same match. The regex parser reads each boundary's Unicode classes again for every copy,
    which made compiling a word list (done in every worker process) three times slower."""
    alternatives = []
    for left, run in itertools.groupby(parts, key=operator.itemgetter(0)):
        inner = []
        for right, same in itertools.groupby(run, key=operator.itemgetter(2)):
            bodies = [body for _, body, _ in same]
            inner.append((bodies[0] if len(bodies) == 1 else f"(?:{'|'.join(bodies)})") + right)
        alternatives.append(left + (inner[0] if len(inner) == 1 else f"(?:{'|'.join(inner)})"))
    return "|".join(alternatives)


def _contracted(term: str, body: str) -> str:
    if term.startswith("\u0627\u0644") and body.startswith("\u0627\u0644"):
        # li- + al- is written lil-: "للذخيرة" is "for the ammunition" ("الذخيرة").
        return "(?:\u0627\u0644|\u0644)" + body[2:]
    return body


def alternation(terms: tuple[str, ...], body=regex.escape) -> str:  # type: ignore[no-untyped-def]
    """Longest first, each with its own boundaries (written once where neighbours share them)."""
    return joined(_edged(t, body(t)) for t in sorted(terms, key=len, reverse=True))


class Terms:
    """An alternation of terms with their script's boundaries, searched fast.

    Boundaries are lookarounds on every alternative, which the regex engine tries at every
    position of the text: ten times slower than the bare alternation. So the bare alternation
    finds candidates, and the bounded one confirms each where it starts (its lookbehinds still
    see the text before). The matches are exactly the bounded pattern's own."""

    def __init__(self, terms: tuple[str, ...], body=regex.escape, flags: int = 0,  # type: ignore[no-untyped-def]
                 wrap: str = "{}", folds: bool = False) -> None:
        # ``folds``: the terms and the text are compared by their folds (see ``fold``), and the
        # matches are told in the text's own offsets.
        self._folds = folds
        if folds:
            terms = tuple(dict.fromkeys(fold(t) for t in terms))
        ordered = sorted(terms, key=len, reverse=True)
        self._wrap, self._flags = wrap, flags
        self._edged = [_edged(t, body(t)) for t in ordered]  # what ``alternation`` joins
        self._bare = "|".join(_contracted(t, body(t)) for t in ordered)
        self._fold = bool(flags & regex.IGNORECASE)
        self._literals = _literals(tuple(ordered), self._fold)
        self._scan = _scanner(self._literals) if _scan_pays(self._literals) else None
        self._narrow: dict[tuple[int, ...], regex.Pattern[str]] = {}

    # Compiled on first use: with a plain first word for every term (nearly always) the search
    # below never needs them, and compiling eighty alternatives with lookarounds is slow.
    @functools.cached_property
    def pattern(self) -> "regex.Pattern[str]":
        return regex.compile(self._wrap.format(f"(?:{joined(self._edged)})"), self._flags)

    @functools.cached_property
    def _candidates(self) -> "regex.Pattern[str]":
        return regex.compile(self._bare, self._flags)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> "Iterator[regex.Match[str]]":
        if self._folds:
            f = folding(text)
            if f.text is not text:  # else the text is its own fold: its matches are the fold's
                end = len(text) if endpos is None else endpos
                for m in self._finditer(f.text, f.to_fold(pos), f.to_fold(end), f):
                    yield Found(text, *f.raw_span(m.start(), m.end()))  # type: ignore[misc]
                return
        yield from self._finditer(text, pos, endpos)

    def _finditer(self, text: str, pos: int = 0, endpos: int | None = None,
                  f: Folding | None = None) -> "Iterator[regex.Match[str]]":
        end = len(text) if endpos is None else endpos
        haystack = self._haystack(text, f)
        if haystack is not None:
            yield from self._confirm(text, haystack, pos, end)
            return
        while pos < end:
            candidate = self._candidates.search(text, pos, end)
            if candidate is None:
                return
            m = self.pattern.match(text, candidate.start(), end)
            if m is not None and m.end() > m.start():
                yield m
                pos = m.end()
            else:
                pos = candidate.start() + 1

    def _haystack(self, text: str, f: Folding | None = None) -> str | None:
        """What ``str.find`` searches for the first words: the text, lower-cased when the terms fold
        case; None when that cannot be done (no plain first words, or text lower() cannot fold).
        ``f``: ``text`` is that folding's fold, which keeps its own lower case."""
        if self._literals is None:
            return None
        if not self._fold:
            return text
        return f.lower if f is not None else lowered(text)

    def first_words(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int]] | None:
        """Where the terms' first words occur in ``text[pos:endpos]``, as (start, end): every match
        holds one. None when that cannot be told by ``str.find`` (see ``finditer``)."""
        end = len(text) if endpos is None else endpos
        f = folding(text) if self._folds else None
        if f is not None and f.text is not text:
            pos, end = f.to_fold(pos), f.to_fold(end)
        else:
            f = None
        haystack = self._haystack(text if f is None else f.text, f)
        if haystack is None:
            return None
        assert self._literals is not None
        found = []
        for literal, _, _ in self._literals:
            at = haystack.find(literal, pos, end)
            while at >= 0:
                found.append((at, at + len(literal)) if f is None else f.raw_span(at, at + len(literal)))
                at = haystack.find(literal, at + 1, end)
        return found

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> "regex.Match[str] | None":
        return next(self.finditer(text, pos, endpos), None)

    def _confirm(self, text: str, haystack: str, pos: int, end: int) -> "Iterator[regex.Match[str]]":
        """The bounded pattern tried where a term's first word occurs. ``str.find`` finds those
        four times faster than the regex engine scans the bare alternation, and every place the
        alternation matches begins with one of them, so the matches are the same."""
        assert self._literals is not None
        starts: dict[int, list[int]] = {}
        lo = max(0, pos - 2)
        if self._scan is not None:
            scan, at_once = self._scan
            m = scan.search(haystack, lo, end)
            while m is not None:
                at = m.start()
                for i, shift in at_once[m.group()]:
                    starts.setdefault(at + shift, []).append(i)
                m = scan.search(haystack, at + 1, end)
        else:
            find = haystack.find
            for i, (literal, shifts, _) in enumerate(self._literals):
                at = find(literal, lo, end)
                while at >= 0:
                    for shift in shifts:
                        starts.setdefault(at + shift, []).append(i)
                    at = find(literal, at + 1, end)
        for start in sorted(starts):
            if start < pos:
                continue
            m = self._narrowed(starts[start]).match(text, start, end)
            if m is not None and m.end() > start:
                yield m
                pos = m.end()

    def _narrowed(self, literals: list[int]) -> "regex.Pattern[str]":
        """The bounded pattern cut down to the terms whose first word is at a place, in the same
        order: the same first match, without trying eighty alternatives with lookbehinds."""
        key = tuple(literals) if len(literals) == 1 else tuple(sorted(set(literals)))
        pattern = self._narrow.get(key)
        if pattern is None:
            assert self._literals is not None
            chosen = sorted({t for i in key for t in self._literals[i][2]})
            body = joined(self._edged[t] for t in chosen)
            pattern = self._narrow[key] = regex.compile(self._wrap.format(f"(?:{body})"), self._flags)
        return pattern


# Characters whose lower case is not one character, or differs from their case fold, or is not
# that of their upper case: with them in the text, a lower-cased search could miss a match the
# regex engine's case folding finds. tests/test_properties.py derives this list again. Compiled by
# the standard ``re``, which searches a plain character class a dozen times faster than ``regex``
# (every article's text is searched once).
FOLD_UNSAFE = re.compile(
    "[\u00b5\u00df\u0130-\u0131\u0149\u017f\u01f0\u0345\u0390\u03b0\u03c2\u03d0-\u03d1\u03d5-\u03d6"
    "\u03f0-\u03f1\u03f5\u0587\u13a0-\u13f5\u13f8-\u13fd\u1c80-\u1c88\u1e96-\u1e9b\u1e9e\u1f50\u1f52"
    "\u1f54\u1f56\u1f80-\u1faf\u1fb2-\u1fb4\u1fb6-\u1fb7\u1fbc\u1fbe\u1fc2-\u1fc4\u1fc6-\u1fc7\u1fcc"
    "\u1fd2-\u1fd3\u1fd6-\u1fd7\u1fe2-\u1fe4\u1fe6-\u1fe7\u1ff2-\u1ff4\u1ff6-\u1ff7\u1ffc\uab70-\uabbf"
    "\ufb00-\ufb06\ufb13-\ufb17]")

_LOWER: list = [None, None]  # the last text lowered, and its lower case (None: not safe to search so)


def lowered(text: str) -> str | None:
    """``text`` in lower case with every character where it was, or None when that cannot stand in
    for case-insensitive matching. One article's text is searched by many term lists: kept."""
    if _LOWER[0] is not text:
        _LOWER[:] = [text, _lower_or_none(text)]
    return _LOWER[1]


def _lower_or_none(text: str) -> str | None:
    low = text.lower()
    return low if len(low) == len(text) and not FOLD_UNSAFE.search(text) else None


# --------------------------------------------------------------------------- folding names
# A rule author writes a name once: "Düzce" must find "Duzce", "Çavuşoğlu" "Cavusoglu",
# "Stolten\u00adberg" "Stoltenberg". Folding maps a precomposed letter with marks to its base letter
# (one character for one, so offsets stay put), the Turkish dotted and dotless i to I and i,
# fullwidth Latin letters and digits to ASCII, and deletes combining marks (text written in NFD)
# and invisible format characters; only then do offsets move, and ``Folding`` maps them back.
# Letters that are more than a mark on a base (ß, æ, œ, þ) are kept as they are.

FORMAT_CHARS = ("\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff")
MARKS = "\u0300-\u036f"  # the combining diacritical marks of Latin, Greek and Cyrillic text
_DELETED = re.compile(f"[{FORMAT_CHARS}{MARKS}]+")
# Every character the fold changes: an article with none of them (most English, Chinese, Japanese
# and Arabic text) is its own fold, found by one search of a plain class by the standard ``re``.
_FOLDS = f"\u00c0-\u024f\u1e00-\u1eff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a{FORMAT_CHARS}{MARKS}"
_FOLDABLE = re.compile(f"[{_FOLDS}]")
_RUN = re.compile(f"[{_FOLDS}][A-Za-z{_FOLDS}]*")  # a word's rest from its first character to fold
_SPECIAL = {"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
            "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T"}  # no decomposition, but read as the base letter


@functools.lru_cache(maxsize=1)
def _fold_table() -> dict[int, int | None]:
    table: dict[int, int | None] = {}
    for cp in itertools.chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        parts = unicodedata.normalize("NFD", chr(cp))
        if len(parts) > 1 and parts[0].isascii() and parts[0].isalpha() and all(
                unicodedata.combining(c) for c in parts[1:]):
            table[cp] = ord(parts[0])
    table.update({ord(k): ord(v) for k, v in _SPECIAL.items()})
    table.update({cp: cp - 0xFEE0 for cp in itertools.chain(
        range(0xFF10, 0xFF1A), range(0xFF21, 0xFF3B), range(0xFF41, 0xFF5B))})
    for m in re.finditer(f"[{FORMAT_CHARS}{MARKS}]", "".join(map(chr, range(0x3000)))):
        table[ord(m.group())] = None
    table[0xFEFF] = None
    return table


def fold(text: str) -> str:
    """``text`` as names are compared: diacritics, dotted/dotless i, fullwidth letters and invisible
    characters folded away (see above). What a rule's name is turned into before it is matched."""
    return text.translate(_fold_table()) if _FOLDABLE.search(text) else text


@dataclass(frozen=True)
class Folding:
    """A text's fold, and the way back from the fold's offsets to the text's. ``breaks`` are the
    fold's offsets where deleted characters were, ``shifts`` how many were deleted up to each;
    both empty when nothing was deleted (then an offset is the same in both)."""

    raw: str
    text: str
    breaks: tuple[int, ...] = ()
    shifts: tuple[int, ...] = ()
    raw_starts: tuple[int, ...] = ()  # where each deleted run starts in ``raw``

    @classmethod
    def deleting(cls, raw: str, seen: str, spans: Iterable[tuple[int, int]]) -> "Folding":
        """The fold of ``raw`` that is ``seen`` (the same length, one character for one) without the
        ``spans`` (sorted, apart, in the offsets both share)."""
        pieces: list[str] = []
        breaks: list[int] = []
        shifts: list[int] = []
        starts: list[int] = []
        last = deleted = 0
        for start, end in spans:
            pieces.append(seen[last:start])
            breaks.append(start - deleted)
            starts.append(start)
            deleted += end - start
            shifts.append(deleted)
            last = end
        pieces.append(seen[last:])
        return cls(raw, "".join(pieces), tuple(breaks), tuple(shifts), tuple(starts))

    def to_raw(self, at: int) -> int:
        k = bisect.bisect_right(self.breaks, at) - 1
        return at + self.shifts[k] if k >= 0 else at

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Where the fold's ``[start, end)`` lies in the text: the characters that folded into it, and
        the combining marks that follow its last letter (they belong to it); not a deleted format
        character at either edge."""
        if not self.breaks:
            return start, end
        raw_end = self.to_raw(end - 1) + 1 if end > start else self.to_raw(start)
        raw = self.raw
        while raw_end < len(raw) and "\u0300" <= raw[raw_end] <= "\u036f":
            raw_end += 1
        return self.to_raw(start), raw_end

    def to_fold(self, at: int) -> int:
        """The fold's offset of the text's offset ``at`` (a deleted character's: where its run went)."""
        k = bisect.bisect_right(self.raw_starts, at) - 1
        if k < 0:
            return at
        return max(self.breaks[k], at - self.shifts[k])

    @functools.cached_property
    def lower(self) -> str | None:
        """``lowered`` of the fold, kept with it: the fold and the text are searched in turn."""
        return _lower_or_none(self.text)


_FOLDED: list = [None, None]  # the last text folded, and its Folding


def folding(text: str) -> Folding:
    """The fold of ``text`` (one article's prose is searched by several name lists: kept)."""
    if _FOLDED[0] is text:
        return _FOLDED[1]
    # Only the runs that hold a character to fold are translated (``str.translate`` takes some
    # 50 ns a character, a whole French article three times what its names' search takes).
    table = _fold_table()
    pieces: list[str] = []
    breaks: list[int] = []
    shifts: list[int] = []
    starts: list[int] = []
    last = deleted = 0
    for m in _RUN.finditer(text):
        start, end = m.span()
        run = m.group()
        piece = run.translate(table)
        pieces += (text[last:start], piece)
        last = end
        if len(piece) != end - start:
            for d in _DELETED.finditer(run):
                breaks.append(start + d.start() - deleted)
                starts.append(start + d.start())
                deleted += d.end() - d.start()
                shifts.append(deleted)
    if not pieces:
        result = Folding(text, text)
    else:
        pieces.append(text[last:])
        result = Folding(text, "".join(pieces), tuple(breaks), tuple(shifts), tuple(starts))
    _FOLDED[:] = [text, result]
    return result


class Found:
    """A match in a text's fold, told in the text's own offsets: ``start``, ``end`` and ``group``
    as a regex match gives them (``group`` is the text as written, accents and all)."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int) -> None:
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, *_: object) -> str:
        return self.string[self._start:self._end]

    def __repr__(self) -> str:
        return f"<Found span={self.span()} {self.group()!r}>"


def _literals(terms: tuple[str, ...], fold: bool) -> "list[tuple[str, tuple[int, ...], list[int]]] | None":
    """Each term's first word, as ``str.find`` should look for it, with where the match would start
    relative to it and the terms (by index) that begin so; None when a term has no plain first word."""
    out: dict[str, tuple[tuple[int, ...], list[int]]] = {}
    for index, term in enumerate(terms):
        shifts: tuple[int, ...] = (0,)
        word = term.rstrip("*")
        if word.startswith("\u0627\u0644"):  # al- may be written l- after li- (see _contracted)
            word, shifts = word[2:], (-2, -1)
        elif ARABIC.match(word):  # a trigger term may take the article before it (rules.terms_pattern)
            shifts = (-2, -1, 0)
        words = word.split()
        if not words or word[:1].isspace():
            return None
        literal = words[0].lower() if fold else words[0]
        if fold and (len(literal) != len(words[0]) or FOLD_UNSAFE.search(words[0])):
            return None
        had_shifts, had_terms = out.get(literal, ((), []))
        out[literal] = (tuple(sorted(set(had_shifts + shifts))), had_terms + [index])
    return [(literal, shifts, indices) for literal, (shifts, indices) in out.items()]


def _scan_pays(literals: "list[tuple[str, tuple[int, ...], list[int]]] | None") -> bool:
    """For many first words that seldom begin a word of running text (names: capitals, or other
    scripts), one pass of the standard ``re`` over the text beats a ``str.find`` per word: twice
    as fast on the eighty names of the seed rules, "the" of "the Kremlin" among them. With
    mostly lower-case first letters (trigger words) it is slower."""
    if literals is None or len(literals) < 16:
        return False
    return sum(w[:1].islower() for w, _, _ in literals) * 8 <= len(literals)


def _scanner(literals: "list[tuple[str, tuple[int, ...], list[int]]] | None") -> \
        "tuple[re.Pattern[str], dict[str, list[tuple[int, int]]]] | None":
    """The first words as one pattern, with, for each, every (literal, shift) that begins where it
    does. The pass tries the longest word first, so where it stops it finds the longest first word
    there and the others there are its prefixes: the same places ``str.find`` finds."""
    if literals is None:
        return None
    words = sorted((w for w, _, _ in literals), key=len, reverse=True)
    position = {other: i for i, (other, _, _) in enumerate(literals)}
    # A word's prefixes looked up, not every literal tried against every word: linear in the names
    # (issue 21: 15,000 facts' names took minutes).
    at_once = {w: [(i, shift) for i in sorted(position[w[:k]] for k in range(len(w) + 1) if w[:k] in position)
                   for shift in literals[i][1]] for w in words}
    return re.compile("|".join(re.escape(w) for w in words)), at_once


@functools.lru_cache(maxsize=None)
def _phrase_pattern(words: tuple[str, ...]) -> "regex.Pattern[str]":
    if not words:
        return regex.compile(r"(?!)")
    return regex.compile(f"(?:{alternation(words)})", regex.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _defaults() -> dict[str, dict[str, list[str]]]:
    return load_plain(DATA.read_text(encoding="utf-8"))  # all strings: "no" is a word, not False


def default_languages() -> list[str]:
    """The codes of the languages factlint ships word lists for."""
    return list(_defaults())


def build_languages(extensions: Iterable[dict[str, dict[str, list[str]]]]) -> dict[str, Language]:
    """The shipped defaults, then each rule file's `languages:` block in order. Built once per
    distinct set of blocks: most stories add none, and every story's scope asks for them."""
    blocks = [e for e in extensions if e]
    return _built(json.dumps(blocks, sort_keys=True, ensure_ascii=False))


@functools.lru_cache(maxsize=64)
def _built(blocks_json: str) -> dict[str, Language]:
    extensions = json.loads(blocks_json)
    result: dict[str, Language] = {}
    for code, words in _defaults().items():
        lang = Language(code)
        lang.extend(words)
        result[code] = lang
    for ext in extensions:
        for code, words in (ext or {}).items():
            result.setdefault(code, Language(code)).extend(words or {})
    return result

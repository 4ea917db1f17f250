"""kind: quote. Words inside quotation marks that are a claim about a recorded utterance must be
a part of one of its wordings.

Quote marks, case, punctuation and spacing are normalised away, and numbers are compared by value
("level four", "level 4", "四"); an ellipsis or an editor's insertion in brackets ("they
(Ukraine) need") splits the quotation into pieces that must appear in order. Unquoted paraphrase
is not checked.

Not every quotation of the speaker in a claim sentence is about the utterance: it is only when
it is aligned with one of the utterance's wordings (see ``_aligned``): it shares at least half
of its content words (a number is one) with it, or it stands in the wording's slot, the words
right beside it in the sentence continuing the wording across the quotation's edge ('there was a
"strong necessity" for ammunition' against "... urgent need for ammunition"), or the words beside
it are those beside the speaker's words where a source quotes them. Another quotation of the same
speaker shares nothing and is not read. A wording is recorded for one language
(``said: [{en: ..., fr: ...}]``) or for all (a plain string); a quotation about an utterance with
no wording for the article's language is at most an ``info`` (there, sharing a number is enough
to be about it; where there is a wording, a number alone never makes a misquote).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterator

import regex

from ..mentions import Mentions
from ..mentions.quantities import CJK_RUN, DIGITS, _cjk, numbers
from ..language import bounded, with_chinese_variants
from ..model import Severity, show
from .base import FactCheck, Hit, normalise

GAP = regex.compile(r"\.\.\.+|\u2026|\[[^\]]*\]|\([^)]*\)")
WIDE_CHAR = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
# A token: one Chinese or Japanese character (those scripts have no spaces), or a run of anything else.
TOKEN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|[^\s\p{Han}\p{Hiragana}\p{Katakana}]+")
WIDE_GAP = regex.compile(r"(?<=[\p{Han}\p{Hiragana}\p{Katakana}0-9]) (?=[\p{Han}\p{Hiragana}\p{Katakana}0-9])")
CONTENT_WIDE = regex.compile(r"[\p{Han}\p{Katakana}]")  # hiragana is grammar: particles and endings
# What ends a clause: the words beyond it are not the quotation's neighbours.
CLAUSE = regex.compile(r"[,;:.!?\u060c\u061b\u061f\u3001\uff0c\u3002\uff1b\uff1a\uff01\uff1f()\[\]{}\u2014\u2013]")
# A quotation inside a source's quote: opening mark, words, any closing mark.
SOURCE_QUOTATION = regex.compile(r'([\u201c\u201e\u00ab\u2039\u300c\u300e"])([^\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f"]+)'
                                 r'([\u201d\u201c\u00bb\u203a\u300d\u300f"])')
CONTEXT = 8  # tokens of the sentence read on each side of a quotation for its slot
ANY = ""  # the language of a wording given as a plain string: it counts for every language


@dataclass(frozen=True)
class Wording:
    """One wording of an utterance, normalised for one article language."""

    utterance: int
    lang: str  # ANY, or the language it is recorded for
    text: str  # normalised: what a quotation's pieces are searched in
    tokens: tuple[str, ...]
    token_set: frozenset[str]
    content: frozenset[str]


class QuoteCheck(FactCheck):
    kind = "quote"

    def compile(self) -> None:
        self.speaker = self.entity(self.fact.spec["speaker"], "speaker")
        said = self.fact.spec["said"]
        # Each utterance: its wordings by language. A plain string is a wording in any language;
        # ``accepted`` are more wordings in any language, of any utterance (the old form's meaning).
        self.utterances: list[dict[str, list[str]]] = []
        for item in said:
            if isinstance(item, str):
                self.utterances.append({ANY: [item]})
            else:
                self.utterances.append({lang: [w] if isinstance(w, str) else list(w) for lang, w in item.items()})
        accepted = list(self.fact.spec.get("accepted", []))
        if accepted:
            self.utterances.append({ANY: accepted})
        self.function_words = frozenset(w.casefold() for lang in self.rules.languages.values()
                                        for w in lang.function_words)
        self._by_lang: dict[str, list[Wording]] = {}
        self._settings: dict[str, list[tuple[frozenset[int], list[str], list[str]]]] = {}

    def said(self, lang: str | None = None) -> list[str]:
        """What the speaker said, one wording per utterance: the one for ``lang`` when there is one."""
        return [(u.get(lang or ANY) or u.get(ANY) or next(iter(u.values())))[0]
                for u in self.utterances[:len(self.fact.spec["said"])]]  # not ``accepted``

    def describe_expected(self) -> str:
        return f"{self.speaker.name} said: " + " / ".join(f'"{u}"' for u in self.said())

    def wordings(self, lang: str) -> list[Wording]:
        """Every wording, normalised once per article language (numbers read in the wording's own
        language, or the article's for a wording in any language)."""
        found = self._by_lang.get(lang)
        if found is None:
            found = []
            for i, u in enumerate(self.utterances):
                for code, words in u.items():
                    for w in with_chinese_variants(words):
                        text = _normal(w, code or lang)
                        tokens = tuple(TOKEN.findall(text))
                        found.append(Wording(i, code, text, tokens, frozenset(tokens), self._content(tokens)))
            self._by_lang[lang] = found
        return found

    def settings(self, lang: str) -> list[tuple[frozenset[int], list[str], list[str]]]:
        """Where the sources quote the speaker (``sources: [{quote: ...}]``): for each quotation in a
        source's quote that is a part of some utterance's wording, those utterances and the source's
        words before and after it. A quotation with the same words beside it stands where the
        speaker's words stood ('there was an "urgent need" for ammunition')."""
        found = self._settings.get(lang)
        if found is None:
            found = []
            wordings = self.wordings(lang)
            for quote in (s.quote for s in self.fact.sources if s.quote):
                for m in SOURCE_QUOTATION.finditer(quote):
                    inner = m.group(2)
                    about = frozenset(w.utterance for w in wordings if self.is_part(inner, [w], lang))
                    if not about or not _pieces(inner, lang, lang):
                        continue
                    found.append((about, *_neighbours(quote[:m.start()], quote[m.end():], lang)))
            self._settings[lang] = found
        return found

    def _content(self, tokens: tuple[str, ...] | list[str]) -> frozenset[str]:
        return frozenset(t for t in tokens if self._is_content(t))

    def _is_content(self, token: str) -> bool:
        """A number; a Han or katakana character; a word of three letters or more: not a function
        word of any language ("the", "yang", "的", "في")."""
        if token in self.function_words:
            return False
        if token.isdigit():
            return True
        if len(token) == 1 and WIDE_CHAR.match(token):
            return bool(CONTENT_WIDE.match(token))
        return len(token) >= 3

    def is_part(self, quoted: str, wordings: list[Wording], lang: str) -> bool:
        """Whether the quotation's pieces appear, in order and as whole words, in one wording
        (each read with the numbers of the wording's language)."""
        for wording in wordings:
            pieces = _pieces(quoted, lang, wording.lang or lang)
            said, at = wording.text, 0
            for piece in pieces:
                found = _find_words(said, piece, at)
                if found < 0:
                    break
                at = found + len(piece)
            else:
                return True
        return False

    def _aligned(self, content: frozenset[str], left: list[str], right: list[str], wording: Wording) -> int:
        """Whether a quotation (its content words, and the sentence's tokens on either side of it) is a
        claim about the utterance of ``wording``: 2 when it shares at least half of its content words
        with the wording or stands in the wording's slot; 1 when it shares only a number, which says
        what it is about but not that it renders these words ("in four hours" and "four spillways");
        0 when it is not about them."""
        shared = content & wording.content
        if content and 2 * len(shared) >= len(content):
            return 2
        if (right and right[0] in wording.token_set or left and left[-1] in wording.token_set) and \
                self._in_slot(left, right, wording.tokens):  # a word beside it must be the wording's: found fast
            return 2
        return 1 if any(t.isdigit() for t in shared) else 0

    def _in_slot(self, left: list[str], right: list[str], said: tuple[str, ...]) -> bool:
        """Whether the quotation stands where some of the wording's words would: the sentence's
        words right before it end a stretch of the wording, those right after it start a later
        stretch (one side may be missing), and together they hold a content word and two words'
        worth (a Chinese or Japanese character is half a word). One matching word is not enough:
        'the spillways "were a success"' says nothing about which words of the utterance it renders."""
        n = len(said)
        # Where the wording's words after the quotation could start (j) and those before it end (i),
        # with how many of the sentence's words match there.
        after = {j: _common(said[j:], right) for j in range(1, n) if right and said[j] == right[0]}
        before = {i: _common(said[i - 1::-1], left[::-1]) for i in range(1, n) if left and said[i - 1] == left[-1]}
        runs = [right[:k] for k in after.values()] + [left[len(left) - k:] for k in before.values()]
        runs += [left[len(left) - kl:] + right[:kr] for i, kl in before.items() for j, kr in after.items() if i <= j]
        return any(self._anchors(run) for run in runs)

    def _anchors(self, run: list[str]) -> bool:
        """A run of the sentence's words that holds a content word and two words' worth."""
        worth = sum(0.5 if WIDE_CHAR.match(t) else 1 for t in run)
        return worth >= 1.5 and any(map(self._is_content, run))

    def check(self, mentions: Mentions) -> Iterator[Hit]:
        text, prose = mentions.article.text, mentions.article.prose
        lang = mentions.article.lang or "en"
        for sentence, _ in mentions.claims(self.fact.applies, self.fact.langs):
            speakers = {p.entity for p in mentions.people(sentence.span, unknown=False)}
            if speakers and self.speaker.id not in speakers:
                continue  # someone else's words
            quotes = mentions.quotes(sentence.span)
            for n, q in enumerate(quotes):
                if q.in_caption:
                    continue
                quoted = text[q.inner.start:q.inner.end]
                wordings = self.wordings(lang)
                if not _pieces(quoted, lang, lang) or self.is_part(quoted, wordings, lang):
                    continue
                # The sentence's words on either side, up to another quotation or a clause's punctuation
                # ('"we are proud of them", the spillways ...': another clause, not the wording's slot).
                start = quotes[n - 1].span.end if n else sentence.span.start
                end = quotes[n + 1].span.start if n + 1 < len(quotes) else sentence.span.end
                left, right = _neighbours(prose[start:q.span.start], prose[q.span.end:end], lang)
                about: dict[int, int] = {}  # utterance -> how it is aligned (see ``_aligned``)
                content: dict[str, frozenset[str]] = {}  # the quotation's content words, read as in each language
                for w in wordings:
                    code = w.lang or lang
                    if code not in content:
                        content[code] = self._content(TOKEN.findall(" ".join(_pieces(quoted, lang, code))))
                    if about.get(w.utterance, 0) < 2:
                        about[w.utterance] = max(about.get(w.utterance, 0), self._aligned(content[code], left, right, w))
                for utterances, source_left, source_right in self.settings(lang):
                    kl = _common(source_left[::-1], left[::-1])
                    kr = _common(source_right, right)
                    if (kl or kr) and self._anchors(left[len(left) - kl:] + right[:kr]):
                        about.update(dict.fromkeys(utterances, 2))
                # About an utterance with a wording in the language: a misquote (a number alone does not
                # make one). About one with none: it cannot be compared, an info. Else other words.
                has_wording = {u: any(code in (lang, ANY) for code in self.utterances[u]) for u, how in about.items() if how}
                if any(about[u] == 2 for u, has in has_wording.items() if has):
                    yield self.hit(q.inner, f'article quotes {self.speaker.name} as saying "{show(quoted)}", '
                                   f'which is not in the words on record', show(quoted), " / ".join(self.said(lang)))
                elif not all(has_wording.values()):
                    yield self.hit(q.inner, f'article quotes {self.speaker.name} as saying "{show(quoted)}"; '
                                   f"the words on record have no '{lang}' wording to compare it with",
                                   show(quoted), " / ".join(self.said()), Severity.INFO)


@functools.lru_cache(maxsize=4096)
def _pieces(quoted: str, lang: str, other: str) -> tuple[str, ...]:
    """A quotation's pieces between ellipses and an editor's insertions, normalised with the number
    words of the article's language and of the wording's (an English quotation in a French article)."""
    return tuple(p for p in (_normal(p, lang, other) for p in GAP.split(quoted)) if p)


@functools.lru_cache(maxsize=4096)  # the same quotations and wordings recur in every version of a story
def _normal(text: str, lang: str, other: str = "") -> str:
    """``normalise`` with every number written as its value in ASCII digits: number words of
    ``lang`` and ``other`` (numbers.yaml), Arabic-Indic and full-width digits, and CJK numerals."""
    text = normalise(text.translate(DIGITS))
    for code in (lang, other) if other and other != lang else (lang,):
        words = _number_words(code)
        if words is not None:
            text = words[0].sub(lambda m: words[1][m.group()], text)
    if WIDE_CHAR.search(text):
        # Punctuation became spaces, but Chinese and Japanese words are written without them:
        # 『放水門』を is 放水門を.
        text = WIDE_GAP.sub("", CJK_RUN.sub(_cjk_value, text))
    return text


def _cjk_value(m: "regex.Match[str]") -> str:
    value = _cjk(m.group())
    return m.group() if value is None else _digits(value[0])


def _digits(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


@functools.lru_cache(maxsize=None)
def _number_words(lang: str) -> "tuple[regex.Pattern[str], dict[str, str]] | None":
    """The language's number words (numbers.yaml ``words``) as one pattern of whole words in
    normalised text, with the digits each stands for."""
    words = numbers(lang).words if lang else {}
    if not words:
        return None
    values = {normalise(w): _digits(v) for w, v in words.items()}
    alternation = "|".join(regex.escape(w) for w in sorted(values, key=len, reverse=True))
    return regex.compile(rf"(?<!\S)(?:{alternation})(?!\S)"), values


def _neighbours(before: str, after: str, lang: str) -> tuple[list[str], list[str]]:
    """The tokens right before and right after a quotation, up to a clause's punctuation: beyond
    it the words are not the quotation's neighbours."""
    before = before[max((m.end() for m in CLAUSE.finditer(before)), default=0):]
    cut = CLAUSE.search(after)
    after = after[:cut.start()] if cut else after
    return TOKEN.findall(_normal(before, lang))[-CONTEXT:], TOKEN.findall(_normal(after, lang))[:CONTEXT]


def _common(a: "tuple[str, ...] | list[str]", b: "tuple[str, ...] | list[str]") -> int:
    """How many tokens ``a`` and ``b`` share from their starts."""
    k = 0
    while k < len(a) and k < len(b) and a[k] == b[k]:
        k += 1
    return k


def _find_words(haystack: str, needle: str, start: int) -> int:
    """Find ``needle`` on word boundaries, so "need" is not found inside "needed" (in scripts
    that have word boundaries: Chinese and Japanese words run together)."""
    # Most quoted pieces are not in a given utterance at all: a plain search says so without the
    # regex engine. al- may be written l- (see language.bounded), so only the rest must be there.
    if needle.removeprefix("\u0627\u0644") not in haystack:
        return -1
    m = _words_pattern(needle).search(haystack[start:])  # a slice: the text before is not looked behind
    return start + m.start() if m else -1


@functools.lru_cache(maxsize=4096)  # the same quotations recur in every version of a story
def _words_pattern(needle: str) -> "regex.Pattern[str]":
    return regex.compile(bounded(needle, regex.escape(needle)))

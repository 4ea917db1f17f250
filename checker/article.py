"""Stage 2: read an article into text, blocks, sentences and quotations with exact offsets.

The decoded text is kept whole (BOM, CR and front matter included) so that every
offset is an offset into the raw file counted in code points. What is not prose
(front matter, Markdown code, HTML comments) is masked with spaces in ``prose``,
which has the same length, so finders can never see it and never shift a position.
"""
from __future__ import annotations

import bisect
import datetime as dt
from array import array
import functools
import itertools
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex
import yaml

from . import suppress
from .language import Language
from .frontmatter import simple_mapping
from .model import STORY_ID, FactlintError, Position, Span, suffix
from .suppress import Suppression
from .yamlload import load_plain

BOM = "\ufeff"
LINE_BREAK = regex.compile(r"\r\n|\r|\n")
NOT_LINE_BREAK = re.compile(r"[^\r\n]+")

# Opening mark -> (its own closing mark, the other marks that real pages close it with). Straight
# double quotes open and close themselves; single quotation marks are never quotations.
QUOTE_PAIRS: dict[str, tuple[str, str]] = {
    "\u201c": ("\u201d", '"\u201c'),  # “ ”; “ … " and “ … “ on pages typed in haste
    "\u201e": ("\u201c", '\u201d"'),  # „ “ (German), „ ” (Polish), „ … "
    "\u00ab": ("\u00bb", '\u201d"'),  # « »; « … ” and « … " (French and Arabic pages)
    "\u2039": ("\u203a", ""),  # ‹ ›
    "\u300c": ("\u300d", ""),  # 「 」
    "\u300e": ("\u300f", ""),  # 『 』 (nested in 「 」, or a title)
    '"': ('"', "\u201d\u00bb"),  # " "; " … ” and " … »
}
# Every mark that opens or closes, literal characters only (the standard re finds them as regex would).
QUOTE_MARKS = re.compile("[" + re.escape("".join(dict.fromkeys(
    "".join(o + c + m for o, (c, m) in QUOTE_PAIRS.items())))) + "]")
OWN_CLOSER = {o: c for o, (c, _) in QUOTE_PAIRS.items()}
QUOTE_DEPTH = 8  # quotations nested deeper than this are not real: marks beyond it are not pushed
CLOSERS = "\u201d\u201c\u00bb\u203a\u300d\u300f\"'\u2019)]\uff09"
SENTENCE_END = regex.compile(
    rf"(?:[.!?\u2026]+|[\u3002\uff01\uff1f\u061f\u061b])[{regex.escape(CLOSERS)}]*(?=\s|$)"
    rf"|[\u3002\uff01\uff1f][{regex.escape(CLOSERS)}]*"
)
# What is not prose in Markdown, by the mark that opens it: HTML comments (suppressions live
# there), fenced code (the fence starts a line), inline code and link targets.
MD_OPENERS = regex.compile(r"<!--|(?<![^\r\n])(?:```|~~~)|`|(?<=\])\(")
FENCE_CLOSE = {f: regex.compile(rf"(?<![^\r\n]){f}[ \t]*(?=\r|\n|\Z)") for f in ("```", "~~~")}
INLINE_CODE = regex.compile(r"[^`\r\n]+`")
LINK_TARGET = regex.compile(r"[^)\s]*")
MD_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}

# A large article is checked in pieces (issue 21, memory): one piece's sentences and mentions live
# at a time, never the whole article's. Pieces are cut at an empty line (where a paragraph or a
# line ends in every format, so no block, sentence or quotation is cut), preferably one after a
# sentence's final mark (so that no name or term found across the cut joins two paragraphs), at
# least PIECE_CHARS characters apart; each is read with MARGIN characters of the text on either
# side, so that what looks around a sentence (look-behinds, the words before a date) sees what it
# sees in the whole article.
PIECE_CHARS = 1 << 20
MARGIN = 1024
EMPTY_LINE_AFTER_STOP = regex.compile(
    rf"(?<=[.!?\u2026\u3002\uff01\uff1f\u061f{regex.escape(CLOSERS)}\u00bb][ \t]*)(?:\r\n|\r|\n)(?=\r|\n)")
EMPTY_LINE = regex.compile(r"(?:\r\n|\r|\n)(?=\r|\n)")


@dataclass
class Block:
    """A paragraph (Markdown) or a line (plain text): sentences never cross it."""

    span: Span
    is_caption: bool = False


@dataclass
class Sentence:
    span: Span
    block: int


@dataclass
class Article:
    path: str
    text: str
    prose: str
    body: Span
    lang: str | None = None
    lang_source: str = "front matter"  # or "option" (--lang, configuration), or "detected"
    story: str | None = None  # front matter ``story``: the story whose rules apply
    story_at: Position | None = None
    source: str | None = None  # front matter ``source``: the version this one was made from (relative path)
    source_at: Position | None = None
    date: dt.date | None = None
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quotations: list[Span] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    line_starts: "list[int] | array[int]" = field(default_factory=list)  # an array in a large article
    has_bom: bool = False
    # A large article (see PIECE_CHARS): the bodies of its pieces, and what reading one needs.
    # Its prose, blocks, quotations and sentences are made only if asked for (see __getattr__).
    pieces: list[Span] | None = None
    masks: list[Span] = field(default_factory=list)
    markdown: bool = False
    language: Language | None = None
    # A piece of a large article: the article, and the offset in it of the piece's text.
    whole: "Article | None" = field(default=None, repr=False, compare=False)
    base: int = 0

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        """The whole prose, blocks, quotations or sentences of a large article, made when first
        asked for: ``check`` reads it in pieces and never asks; ``draft`` and ``versions`` do."""
        if name == "prose" and "masks" in self.__dict__:
            self.prose = _mask(self.text, self.masks)
            return self.prose
        if name in ("blocks", "quotations", "sentences") and "masks" in self.__dict__:
            lang = self.language or Language("en")
            self.blocks = _blocks(self, self.markdown, lang)
            self.quotations = _quotations(self)
            self.sentences = _sentences(self, lang)
            return self.__dict__[name]
        raise AttributeError(name)

    def piece(self, body: Span) -> "Article":
        """The piece of a large article whose body is ``body``, read as ``read_article`` reads an
        article: offsets are the piece's own (``base`` shifts them into the article), positions
        the article's."""
        lo, hi = max(0, body.start - MARGIN), min(len(self.text), body.end + MARGIN)
        text = self.text[lo:hi]
        reach = self.__dict__.get("_mask_reach")
        if reach is None:  # the furthest end of the masks so far: those before ``lo`` end before it
            reach = self.__dict__["_mask_reach"] = list(itertools.accumulate((m.end for m in self.masks), max))
        first = bisect.bisect_right(reach, lo)
        last = bisect.bisect_left(self.masks, hi, key=operator.attrgetter("start"))
        masks = [Span(m.start - lo, m.end - lo) for m in self.masks[first:last] if m.end > lo]
        part = Article(path=self.path, text=text, prose=_mask(text, masks), body=Span(body.start - lo, body.end - lo),
                       lang=self.lang, lang_source=self.lang_source, story=self.story, story_at=self.story_at,
                       source=self.source, source_at=self.source_at, date=self.date, line_starts=_line_starts(text),
                       markdown=self.markdown, language=self.language, whole=self, base=lo)
        lang = self.language or Language("en")
        end = part.body.end
        part.blocks = [b for b in _blocks(part, self.markdown, lang) if b.span.start < end]
        part.quotations = _quotations(part)
        part.sentences = _sentences(part, lang)
        return part

    def position(self, offset: int) -> Position:
        """1-based line and column in code points; a BOM is not a column."""
        if self.whole is not None:
            return self.whole.position(offset + self.base)
        line = bisect.bisect_right(self.line_starts, offset) - 1
        column = offset - self.line_starts[line] + 1
        if line == 0 and self.has_bom and offset > 0:
            column -= 1
        return Position(line + 1, column)

    def slice(self, span: Span) -> str:
        return self.text[span.start:span.end]


def decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        # Line and column as for findings: CR, LF and CRLF end lines, and a BOM is not a column.
        before = raw[: e.start].decode("utf-8", errors="replace")
        breaks = [m.end() for m in LINE_BREAK.finditer(before)]
        line = len(breaks) + 1
        column = len(before) - (breaks[-1] if breaks else 0) + 1
        if not breaks and before.startswith(BOM):
            column -= 1
        raise FactlintError(f"not valid UTF-8 (byte offset {e.start}: {e.reason})", path, line, column) from None


def read_article(path: str, languages: dict[str, Language], default_lang: str | None = None,
                 raw: bytes | None = None) -> Article:
    """Read and segment one article; raises FactlintError for what cannot be read."""
    if raw is None:
        try:
            raw = Path(path).read_bytes()
        except OSError as e:
            raise FactlintError(f"cannot read article: {e.strerror or e}", path) from None
    if b"\x00" in raw:
        raise FactlintError("looks like a binary file (it contains NUL bytes); skipped", path)
    text = decode(raw, path)
    has_bom = text.startswith(BOM)
    large = len(text) > PIECE_CHARS
    article = Article(path=path, text=text, prose="", body=Span(0, len(text)),
                      line_starts=_line_starts(text, compact=large), has_bom=has_bom)
    masked: list[Span] = [Span(0, 1)] if has_bom else []
    meta = _front_matter(article)
    if meta is not None:
        fm_span, values = meta
        masked.append(fm_span)
        article.body = Span(fm_span.end, len(text))
        article.lang = values.get("lang")
        article.date = values.get("date")
        article.story, article.story_at = values.get("story"), values.get("story_at")
        article.source, article.source_at = values.get("source"), values.get("source_at")
    markdown = suffix(path) in MD_SUFFIXES
    if markdown:
        masked += _markdown_masks(text, article.body.start)
    article.suppressions = suppress.parse(text, article.body.start, lambda o: article.position(o).line)
    masked += [s.span for s in article.suppressions]  # directives, not prose, in .txt files too
    if large:  # the prose of a piece at a time (see PIECE_CHARS): the masks are kept instead
        masked.sort(key=operator.attrgetter("start"))
        article.masks = masked
        prose = _mask(text[:DETECTED_FROM], masked)
    else:
        prose = article.prose = _mask(text, masked)
    if article.lang is None and default_lang:
        article.lang, article.lang_source = default_lang, "option"
    if article.lang is None:
        article.lang, article.lang_source = detect_language(prose, languages), "detected"
    lang = languages.get(article.lang) or languages.get("en") or Language("en")
    if large:
        article.markdown, article.language = markdown, lang
        article.pieces = _cuts(text, article.body)
        if len(article.pieces) > 1:
            del article.prose, article.blocks, article.quotations, article.sentences  # made if asked for
            return article
        article.pieces = None
        article.prose = _mask(text, masked)
    article.blocks = _blocks(article, markdown, lang)
    article.quotations = _quotations(article)
    article.sentences = _sentences(article, lang)
    return article


DETECTED_FROM = 20000  # characters of prose the language is told from


def _cuts(text: str, body: Span) -> list[Span]:
    """The bodies of a large article's pieces (see PIECE_CHARS), in order; they make up ``body``."""
    out: list[Span] = []
    start = body.start
    while body.end - start > PIECE_CHARS:
        target = start + PIECE_CHARS
        m = EMPTY_LINE_AFTER_STOP.search(text, target, min(body.end, target + PIECE_CHARS)) or \
            EMPTY_LINE.search(text, target, body.end)
        if m is None or m.end() >= body.end:
            break
        out.append(Span(start, m.end()))
        start = m.end()
    out.append(Span(start, body.end))
    return out


# Runs of a script's letters: counted by their lengths, as a list of one string per letter costs.
SCRIPTS = {
    "kana": regex.compile(r"[\p{Hiragana}\p{Katakana}]+"),
    "han": regex.compile(r"\p{Han}+"),
    "arabic": regex.compile(r"\p{Arabic}+"),
    "latin": regex.compile(r"\p{Latin}+"),
}


def detect_language(prose: str, languages: dict[str, Language]) -> str:
    """The article's language from its script, then from a few function words (Latin script).

    Never dateparser's own detection: it picks wrong languages on news text (see the notes)."""
    sample = prose[:DETECTED_FROM]
    if not sample.isascii():  # kana, Han and Arabic letters are none of them ASCII
        if _count("kana", sample) >= 5:
            return "ja"
        for script, code in (("han", "zh"), ("arabic", "ar")):
            n = _count(script, sample)  # the Latin letters are counted only when they decide
            if n >= 5 and n > _count("latin", sample):
                return code
        words = LETTERS.findall(sample.lower())
    else:  # the same words: the only ASCII letters are A-Z and a-z, and lower() keeps ASCII ASCII
        words = ASCII_LETTERS.findall(sample.lower())
    counts = Counter(words)
    best, score = "en", 0
    for code, lang in sorted(languages.items()):
        if not lang.function_words:
            continue
        n = sum(counts[w] for w in set(lang.function_words))  # how many of the words are function words
        if n > score:
            best, score = code, n
    # A language no rule covers is named only when the words that tell it from the best covered
    # language (those of its list that are not in the covered one's, and the other way round) are
    # clearly its own, outside quotations: a Spanish article is full of French-looking "de", "la",
    # "que", and an English article may quote a German minister at length.
    uncovered = [(code, words) for code, words in uncovered_function_words().items() if code not in languages]
    if not uncovered:
        return best
    if QUOTED.search(sample):
        counts = Counter((ASCII_LETTERS if sample.isascii() else LETTERS).findall(QUOTED.sub(" ", sample).lower()))
    own = frozenset(languages[best].function_words) if best in languages else frozenset()
    named, most = best, 0
    for code, function_words in uncovered:
        u = sum(counts[w] for w in function_words - own)
        c = sum(counts[w] for w in own - function_words)
        if u >= UNCOVERED_MIN and u > UNCOVERED_MARGIN * c and u > most:
            named, most = code, u
    return named


# Quotations on one line, in the marks news text uses; their words are not the article's language.
QUOTED = regex.compile(r'"[^"\r\n]*"|\u201c[^\u201d\r\n]*\u201d|\u00ab[^\u00bb\r\n]*\u00bb|\u201e[^\u201c\u201d\r\n]*[\u201c\u201d]')
UNCOVERED_MARGIN = 2  # an uncovered language needs more than twice the covered language's telling words
UNCOVERED_DATA = Path(__file__).parent / "data" / "uncovered.yaml"
UNCOVERED_MIN = 3  # function words an uncovered language needs before it is named


@functools.lru_cache(maxsize=1)
def uncovered_function_words() -> dict[str, frozenset[str]]:
    """checker/data/uncovered.yaml: function words of Latin-script languages no shipped rule covers."""
    data = load_plain(UNCOVERED_DATA.read_text(encoding="utf-8")) or {}
    return {code: frozenset(str(w).lower() for w in words) for code, words in data.items()}


LETTERS = regex.compile(r"\p{L}+")
ASCII_LETTERS = re.compile(r"[a-z]+")


def _count(script: str, sample: str) -> int:
    """How many of the sample's characters are letters of ``script``."""
    return sum(map(len, SCRIPTS[script].findall(sample)))


def _markdown_masks(text: str, start: int) -> list[Span]:
    """Spans of what is not prose in Markdown, leftmost first.

    A scanner, not one regex: a regex tries every unclosed opener again up to the end of the text,
    which is quadratic on a file of unclosed "<!--", "```" or "](". Here an opener that finds no
    closer marks every later one of its kind (up to where its search ended) as hopeless."""
    spans: list[Span] = _block_masks(text, start)
    hopeless: dict[str, int] = {}  # opener -> offset before which it cannot be closed
    pos = start
    while (m := MD_OPENERS.search(text, pos)) is not None:
        at, opener = m.start(), m.group()
        end = None if at < hopeless.get(opener, -1) else _markdown_end(text, at, opener, hopeless)
        if end is None:
            pos = at + 1
        else:
            spans.append(Span(at, end))
            pos = end
    return spans


# CommonMark's blocks that are not prose, found line by line (spec 0.31, 4.4, 4.6, 4.7): indented
# code (after a blank line, outside a list item), link reference definitions (their titles are not
# shown), and HTML blocks. Of an HTML block, only what a browser shows is prose:
# - <pre>, <script>, <style>, <textarea> (type 1) up to their closing tag, processing instructions
#   <?...?> (3), declarations <!DOCTYPE ...> (4) and <![CDATA[...]]> (5) are masked whole: code,
#   or never displayed (comments, type 2, are masked wherever they are, by MD_OPENERS);
# - a block opened by a block-level tag (<div>, <table>, <p>, <figure>, ..., type 6) or by a
#   complete tag alone on its line (type 7, which cannot interrupt a paragraph), up to a blank
#   line, is displayed: its text ("<td>opened on 3 May</td>", a <figcaption>) is checked where it
#   stands, and only its tags are masked, attributes included, and the contents of <script> and
#   <style> inside it. Attribute values are never prose, not even alt and title: they are not in
#   the text's flow (an alt would run into the next sentence) and hold file names, URLs and data
#   attributes ("/2019/05/x.jpg", data-year="2019") that read as dates and figures.
INDENTED = regex.compile(r"(?: {4}|\t| {1,3}\t)")
LIST_ITEM = regex.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
RAW_HTML_OPEN = regex.compile(r" {0,3}(?:<(pre|script|style|textarea)(?:[ \t>]|$)|<(\?)|<!(\[CDATA\[)|<!([A-Za-z]))",
                              regex.IGNORECASE)
RAW_HTML_CLOSE = {tag: regex.compile(rf"</{tag}>", regex.IGNORECASE) for tag in ("pre", "script", "style", "textarea")} | {
    "?": regex.compile(r"\?>"), "[CDATA[": regex.compile(r"\]\]>"), "!": regex.compile(r">")}
HTML_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|"
    "dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|"
    "li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|"
    "th|thead|title|tr|track|ul")
HTML_BLOCK_OPEN = regex.compile(rf" {{0,3}}</?(?:{HTML_BLOCK_TAGS})(?:[ \t]|/?>|$)", regex.IGNORECASE)
_ATTRIBUTE = r"""(?:[ \t\r\n]++[A-Za-z_:][A-Za-z0-9_.:-]*+(?:[ \t\r\n]*+=[ \t\r\n]*+(?:[^ \t\r\n"'=<>`]++|'[^'<]*+'|"[^"<]*+"))?+)"""
# No '<' inside a tag (not even in a quoted value, where it is rare): every attempt stops at the
# next '<', so a block of unclosed tags costs one pass, not one pass per '<'.
HTML_TAG = regex.compile(rf"<[A-Za-z][A-Za-z0-9-]*+{_ATTRIBUTE}*+[ \t\r\n]*+/?>|</[A-Za-z][A-Za-z0-9-]*+[ \t\r\n]*+>"
                         r"|<[?!][^<>]*+>")
HTML_LONE_TAG = regex.compile(rf" {{0,3}}(?!</?(?:pre|script|style|textarea)\b)(?:<[A-Za-z][A-Za-z0-9-]*+{_ATTRIBUTE}*+"
                              r"[ \t]*+/?>|</[A-Za-z][A-Za-z0-9-]*+[ \t]*+>)[ \t]*", regex.IGNORECASE)
HIDDEN_ELEMENT = regex.compile(r"<(script|style)(?:[ \t\r\n/>]).*?(?:</\1[ \t\r\n]*>|\Z)", regex.IGNORECASE | regex.DOTALL)
FENCE_OPEN = regex.compile(r"```|~~~")
LINK_REFERENCE = regex.compile(
    r" {0,3}\[(?:[^\]\\\r\n]|\\.){1,999}\]:[ \t]*(?:<[^>\r\n]*>|\S+)"
    r"(?:[ \t]+(?:\"[^\"\r\n]*\"|'[^'\r\n]*'|\([^()\r\n]*\)))?[ \t]*")


def _html_block_masks(text: str, start: int, end: int) -> list[Span]:
    """Of a displayed HTML block (types 6 and 7), the tags and the elements never shown."""
    hidden = [Span(m.start(), m.end()) for m in HIDDEN_ELEMENT.finditer(text, start, end)]
    return hidden + [Span(m.start(), m.end()) for m in HTML_TAG.finditer(text, start, end)]


def _block_masks(text: str, start: int) -> list[Span]:
    """Spans of the Markdown blocks that are not prose (see above), whole lines each but the tags
    of a displayed HTML block."""
    spans: list[Span] = []
    lines = [(m.start(), m.end()) for m in NOT_LINE_BREAK.finditer(text, start)]
    # Blank lines are the gaps between the non-empty runs; a line of spaces is blank too.
    prev_end = start
    after_blank = True  # the body's start counts as after a blank line
    in_list = False  # inside a list item: an indented line continues it
    raw_close = None
    html_from: int | None = None  # where the displayed HTML block being read began
    fence = None  # inside fenced code (masked by MD_OPENERS): no block starts there
    for at, end in lines:
        line = text[at:end]
        gap = text[prev_end:at]
        if gap.count("\n") + gap.count("\r") - gap.count("\r\n") > 1:
            after_blank = True
        if html_from is not None:
            if not after_blank and not line.isspace():
                prev_end = end
                continue  # the block goes on to a blank line
            spans += _html_block_masks(text, html_from, prev_end)
            html_from = None
        prev_end = end
        if raw_close is not None:  # inside <pre> ... </pre>
            spans.append(Span(at, end))
            if raw_close.search(line):
                raw_close = None
            continue
        if fence is not None:
            if line.startswith(fence) and not line[3:].strip(" \t"):
                fence = None
            continue
        if line.isspace():
            after_blank = True
            continue
        if after_blank and not in_list and INDENTED.match(line):
            spans.append(Span(at, end))  # indented code, up to the next line that is not indented
            continue
        if FENCE_OPEN.match(line) and FENCE_CLOSE[line[:3]].search(text, end):  # as MD_OPENERS reads fences
            fence = line[:3]
            after_blank = True
            continue
        opened = RAW_HTML_OPEN.match(line)
        if opened:
            close = RAW_HTML_CLOSE[opened.group(1).lower() if opened.group(1) else
                                   opened.group(2) or opened.group(3) or "!"]
            spans.append(Span(at, end))
            if not close.search(line, opened.end()):
                raw_close = close
            after_blank = False
            continue
        if HTML_BLOCK_OPEN.match(line) or after_blank and HTML_LONE_TAG.fullmatch(line):
            html_from = at
            after_blank = False
            continue
        if LINK_REFERENCE.fullmatch(line) and after_blank:
            spans.append(Span(at, end))  # a definition: the paragraph has not started
            continue
        if LIST_ITEM.match(line):
            in_list = True
        elif not INDENTED.match(line) and after_blank:
            in_list = False
        after_blank = False
    if html_from is not None:
        spans += _html_block_masks(text, html_from, prev_end)
    return spans


def _markdown_end(text: str, at: int, opener: str, hopeless: dict[str, int]) -> int | None:
    """Where the comment, code or link target opened at ``at`` ends, or None if it is not closed."""
    if opener == "<!--":
        close = text.find("-->", at + 4)
        if close < 0:
            hopeless[opener] = len(text)
            return None
        return close + 3
    if opener in FENCE_CLOSE:
        line = LINE_BREAK.search(text, at)
        close = FENCE_CLOSE[opener].search(text, line.end()) if line else None
        if close is None:
            hopeless[opener] = len(text)
            return None
        return close.end()
    if opener == "`":
        code = INLINE_CODE.match(text, at + 1)
        return code.end() if code else None
    target = LINK_TARGET.match(text, at + 1)
    if target.end() < len(text) and text[target.end()] == ")":
        return target.end() + 1
    hopeless[opener] = target.end()
    return None


def _line_starts(text: str, compact: bool = False) -> "list[int] | array[int]":
    """Where each line starts: 0 and the end of every CR, LF or CRLF.

    Without CR, from the lengths of the lines between line feeds: line k starts after the k lines
    before it and their k line feeds (C loops instead of a match object per line). ``compact``
    (a large article): an array, 8 bytes a line, made without a copy of the text's lines."""
    if compact:
        starts = array("q", [0])
        if "\r" in text:
            starts.extend(m.end() for m in LINE_BREAK.finditer(text))
            return starts
        at = text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        return starts
    if "\r" in text:
        return [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    return list(map(operator.add, itertools.accumulate(map(len, text.split("\n")[:-1]), initial=0), itertools.count()))


def _mask(text: str, spans: list[Span]) -> str:
    """``text`` with every character of ``spans`` but CR and LF made a space (the spans may overlap).

    Built from slices, so that the cost is per span and not per character."""
    pieces: list[str] = []
    pos = 0
    for span in sorted(spans, key=operator.attrgetter("start")):  # a C key: Span's own order is Python code
        start = max(span.start, pos)
        if span.end <= start:
            continue
        pieces.append(text[pos:start])
        pieces.append(_blank(text[start:span.end]))
        pos = span.end
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def _blank(piece: str) -> str:
    if "\r" not in piece and "\n" not in piece:
        return " " * len(piece)
    return NOT_LINE_BREAK.sub(lambda m: " " * len(m.group()), piece)


# Lines end at CR, LF or CRLF, as everywhere else; the closing fence starts a line (so "---" right
# after the opening one is an empty front matter).
FRONT_MATTER = regex.compile(r"\A\ufeff?---[ \t]*(?:\r\n|\r|\n)(?P<yaml>.*?)(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)",
                             regex.DOTALL)


def _front_matter(article: Article) -> tuple[Span, dict] | None:
    text = article.text
    start = 1 if article.has_bom else 0
    if not text.startswith("---", start):
        return None
    m = FRONT_MATTER.match(text)
    if m is None:
        # "---" as a first line with no closing fence is a thematic break in Markdown,
        # unless the next line looks like YAML front matter.
        first = LINE_BREAK.split(text, 2)
        if len(first) > 1 and first[0].strip(BOM).strip() == "---" and regex.match(r"^\s*\w+\s*:", first[1]):
            raise FactlintError("front matter is not closed by a '---' line", article.path, 1, 1)
        return None
    yaml_start = m.start("yaml")
    yaml_text = _without_last_break(m.group("yaml"))  # the line break before the fence
    base = article.position(yaml_start)
    try:
        data = simple_mapping(yaml_text) or load_plain(yaml_text)  # strings only: 'lang: no' stays 'no'
    except RecursionError:  # PyYAML composes nested collections recursively: "x: [[[[...]]]]"
        raise FactlintError("front matter is not valid YAML: nested too deeply", article.path, base.line, 1) from None
    except yaml.reader.ReaderError as e:  # a control character; its message would span two lines
        at = article.position(yaml_start + e.position)
        raise FactlintError(f"front matter is not valid YAML: character #x{e.character:04x} is not allowed",
                            article.path, at.line, at.column) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = base.line + (mark.line if mark else 0)
        col = (mark.column + 1) if mark else 1
        problem = getattr(e, "problem", None) or str(e)
        raise FactlintError(f"front matter is not valid YAML: {problem}", article.path, line, col) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FactlintError("front matter must be a mapping of keys to values", article.path, base.line, 1)
    values: dict = {}
    if "date" in data:
        values["date"] = _parse_pub_date(data["date"], article, yaml_text, yaml_start)
    if "lang" in data:
        lang = data["lang"]
        if not isinstance(lang, str) or not LANG_TAG.fullmatch(lang):
            line = _key_line(yaml_text, "lang", base.line)
            raise FactlintError(f"front matter 'lang' must be a BCP 47 tag such as 'en' or 'zh-Hant', got {lang!r}",
                                article.path, line, 1)
        values["lang"] = lang.replace("_", "-").split("-")[0].lower()
    if "story" in data:
        story = data["story"]
        line = _key_line(yaml_text, "story", base.line)
        if not isinstance(story, str) or not STORY_ID.fullmatch(story):
            raise FactlintError(f"front matter 'story' must be a story id (lower-case letters, digits, '.', '_' "
                                f"and '-'), got {story!r}", article.path, line, 1)
        values["story"], values["story_at"] = story, Position(line, 1)
    if "source" in data:
        source = data["source"]
        line = _key_line(yaml_text, "source", base.line)
        if not isinstance(source, str) or not source.strip() or "\0" in source:
            raise FactlintError(f"front matter 'source' must be the path of the version this one was translated or "
                                f"rewritten from, relative to this article, got {source!r}", article.path, line, 1)
        values["source"], values["source_at"] = source.strip(), Position(line, 1)
    return Span(m.start(), m.end()), values


def front_matter_story(path: str, raw: bytes) -> tuple[str, Position] | None:
    """The front matter's ``story`` and where it is written, read before the rules are loaded
    (they depend on it). Bad front matter raises as ``read_article`` would."""
    if not raw.startswith((b"---", b"\xef\xbb\xbf---")) or b"story" not in raw:
        return None
    text = decode(raw, path)
    article = Article(path=path, text=text, prose="", body=Span(0, len(text)), line_starts=_line_starts(text),
                      has_bom=text.startswith(BOM))
    meta = _front_matter(article)
    if meta is None or "story" not in meta[1]:
        return None
    return meta[1]["story"], meta[1]["story_at"]


LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")  # ASCII classes: re matches as regex would
PUB_DATE = regex.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?$")
def _without_last_break(text: str) -> str:
    """``text`` without one CRLF, CR or LF at its end."""
    if text.endswith("\r\n"):
        return text[:-2]
    if text.endswith(("\r", "\n")):
        return text[:-1]
    return text


def _key_line(yaml_text: str, key: str, first_line: int) -> int:
    for i, line in enumerate(yaml_text.splitlines()):
        if line.startswith(f"{key}:"):
            return first_line + i
    return first_line


def _parse_pub_date(value: object, article: Article, yaml_text: str, yaml_start: int) -> dt.date:
    if isinstance(value, str):
        m = PUB_DATE.match(value.strip())
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
    line = _key_line(yaml_text, "date", article.position(yaml_start).line)  # only for the message
    raise FactlintError(f"front matter 'date' must be a date such as 2023-01-30, got {value!r}",
                        article.path, line, 1)


HEADING_OR_ITEM = regex.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t]|>)")
CAPTION_TAIL = regex.compile(r"\(([^()]{1,200})\)\s*$")
MD_IMAGE = regex.compile(r"^\s*!\[")


def _blocks(article: Article, markdown: bool, lang: Language) -> list[Block]:
    """Plain text: every line is a block. Markdown: paragraphs, headings and list items."""
    prose = article.prose
    credits = lang.phrases("caption_credits")
    blocks = []
    if markdown:
        lines = [(start, prose[start:end]) for start, end in _paragraphs(article)]
    else:
        lines = _lines(article)
    for start, content in lines:
        # The cheap 'in' tests first: neither pattern can match without its characters.
        tail = CAPTION_TAIL.search(content) if ")" in content else None
        caption = ("![" in content and bool(MD_IMAGE.match(content))) or bool(tail and credits.search(tail.group(1)))
        blocks.append(Block(Span(*_trim(content, start)), caption))
    return blocks


def _lines(article: Article) -> list[tuple[int, str]]:
    """The body's lines that are not blank, without their line breaks, as (start, text).

    Without CR, the pieces between line feeds, which start where the lines do; with CR, the runs
    of characters that are neither CR nor LF (one regex scan)."""
    prose, body = article.prose, article.body.start
    if "\r" in prose:
        found = ((m.start(), m.group()) for m in NOT_LINE_BREAK.finditer(prose, body))
    else:
        first = bisect.bisect_right(article.line_starts, body)  # the first line that starts after the body does
        found = zip(itertools.chain((body,), article.line_starts[first:]), prose[body:].split("\n"))
    return [(start, line) for start, line in found if line and not line.isspace()]


def _paragraphs(article: Article) -> list[tuple[int, int]]:
    """Markdown's blocks: lines joined up to a blank line, a heading or a list item."""
    prose = article.prose
    lines: list[Span] = []
    for i, start in enumerate(article.line_starts):
        end = article.line_starts[i + 1] if i + 1 < len(article.line_starts) else len(prose)
        while end > start and prose[end - 1] in "\r\n":
            end -= 1
        if end <= article.body.start:
            continue
        lines.append(Span(max(start, article.body.start), end))
    spans: list[Span] = []
    current: Span | None = None
    current_is_heading = False
    for line in lines:
        content = prose[line.start:line.end]
        if not content.strip():
            if current:
                spans.append(current)
            current = None
            continue
        if current is None or current_is_heading or HEADING_OR_ITEM.match(content):
            if current:
                spans.append(current)
            current = line
            current_is_heading = content.lstrip().startswith("#")
        else:
            current = Span(current.start, line.end)
    if current:
        spans.append(current)
    return [(span.start, span.end) for span in spans]


def _trim(piece: str, start: int) -> tuple[int, int]:
    """Where ``piece``, found at ``start``, begins and ends without the whitespace (str.isspace)
    around it; from str methods, not a Python loop over characters. All whitespace: its end twice."""
    rest = piece.lstrip()
    begin = start + len(piece) - len(rest)
    return begin, begin + len(rest.rstrip())


def _quotations(article: Article) -> list[Span]:
    """Spans of quotations, marks included, paired within one block; a quotation inside another
    is part of it, so only the outermost are kept.

    One scan of the marks with a stack: a mark closes the innermost open quotation it can close
    (its own closing mark, or a mixed one such as \u00ab \u2026 \u201d when the block has no own closing
    mark left for it), else opens one. A mark that can do both ("), and is written as an opening
    mark is (after a space, before a word), opens a nested quotation instead of closing one."""
    prose = article.prose
    found: list[Span] = []
    blocks = article.blocks
    if not blocks:
        return found
    starts = [b.span.start for b in blocks]
    marks = QUOTE_MARKS.finditer(prose, blocks[0].span.start, blocks[-1].span.end)
    end = -1  # the end of the block of the marks being read
    stack: list[tuple[str, int]] = []  # (opening mark, offset) of the open quotations, innermost last
    closed: list[tuple[int, int]] = []  # the block's closed quotations, by where they close
    own_after: dict[str, int] = {}  # opening mark -> where its own closing mark next is in the block (-1: none)
    for m in marks:
        i = m.start()
        if i >= end:  # a mark of another block: the last one's quotations are done
            if closed:
                found += _outermost(closed) if len(closed) > 1 else [Span(*closed[0])]
            stack, closed, own_after = [], [], {}
            b = bisect.bisect_right(starts, i) - 1
            if b < 0 or i >= blocks[b].span.end:
                end = -1  # between blocks (a blank line's spaces are no block)
                continue
            end = blocks[b].span.end
        mark = m.group()
        if not stack:  # nothing to close: the mark opens, if it can
            if mark in QUOTE_PAIRS:
                stack.append((mark, i))
            continue
        at = stack[-1][1]
        if OWN_CLOSER[stack[-1][0]] == mark and (mark not in QUOTE_PAIRS or not _opens(prose, i, end)):
            stack.pop()  # the common case: the innermost quotation's own closing mark
            if i > at + 1:
                closed.append((at, i + 1))
            continue
        # The innermost open quotation whose own closing mark this is, else the innermost that
        # real pages close with it (« … ”): an unclosed " inside “ … ” does not take its ”.
        target = -1
        deepest = max(-1, len(stack) - 1 - QUOTE_DEPTH // 2)
        for k in range(len(stack) - 1, deepest, -1):
            if QUOTE_PAIRS[stack[k][0]][0] == mark:
                target = k
                break
        else:
            for k in range(len(stack) - 1, deepest, -1):
                own, mixed = QUOTE_PAIRS[stack[k][0]]
                if mark in mixed and _no_own_closer(prose, i, end, own, own_after):
                    target = k
                    break
        if target >= 0 and mark in QUOTE_PAIRS and _opens(prose, i, end):
            target = -1  # written as an opening mark: a quotation inside the open one
        if target >= 0:
            at = stack[target][1]
            del stack[target:]
            if i > at + 1:
                closed.append((at, i + 1))
        elif mark in QUOTE_PAIRS and len(stack) < QUOTE_DEPTH:
            stack.append((mark, i))
    if closed:
        found += _outermost(closed) if len(closed) > 1 else [Span(*closed[0])]
    return found


def _opens(prose: str, i: int, end: int) -> bool:
    """Whether the mark at ``i``, which could close an open quotation, is written as an opening
    mark: after a space (or the block's start, or an opening bracket) and before a word."""
    before = prose[i - 1] if i > 0 else " "
    after = prose[i + 1] if i + 1 < end else " "
    return (before.isspace() or before in "([{\u2014\u2013/") and after.isalnum()


def _no_own_closer(prose: str, i: int, end: int, own: str, own_after: dict[str, int]) -> bool:
    """No own closing mark of the quotation follows ``i`` in the block, so a mixed one closes it.
    Remembered per block: a mark found further on serves every earlier question."""
    at = own_after.get(own)
    if at is None or (at != -1 and at <= i):
        at = prose.find(own, i + 1, end)
        own_after[own] = at
    return at == -1


def _outermost(closed: list[tuple[int, int]]) -> list[Span]:
    """The quotations not inside another (those closed are nested or apart), in text order."""
    out: list[Span] = []
    for start, stop in sorted(closed):
        if not out or start >= out[-1].end:
            out.append(Span(start, stop))
    return out


def _sentences(article: Article, lang: Language) -> list[Sentence]:
    prose = article.prose
    # The quotations' bounds as plain lists: read once per full stop, compared as ints.
    q_starts = [q.start for q in article.quotations]
    q_ends = [q.end for q in article.quotations]
    n_quotes = len(q_ends)
    sentences: list[Sentence] = []
    qi = 0
    for b, block in enumerate(article.blocks):
        # A block starts and ends with a character that is not a space, and so does every sentence
        # made here: it ends with its mark and starts at the block's start or after the spaces
        # that follow the mark before it. So no sentence needs trimming, nor can one be empty.
        start, block_end = block.span.start, block.span.end
        for m in SENTENCE_END.finditer(prose, start, block_end):
            at, cut = m.span()
            while qi < n_quotes and q_ends[qi] <= at:
                qi += 1
            # A full stop inside a quotation does not end the sentence around it. The quotations
            # are in order, so when the first one left starts after the stop, so does the next.
            if qi < n_quotes and q_starts[qi] < at and (
                    at < q_ends[qi] - 1 or (qi + 1 < n_quotes and q_starts[qi + 1] < at < q_ends[qi + 1] - 1)):
                continue
            # The checks below only decide whether to go on; the cheapest runs first.
            after = cut  # the next character that is not a space; never a copy of the rest of the block
            while after < block_end and prose[after].isspace():
                after += 1
            if after < block_end and not _starts_sentence(prose[after]):
                continue
            if prose[at] == "." and _is_abbreviation(prose, start, at, m.group(), lang):
                continue  # only a full stop can follow an abbreviation
            sentences.append(Sentence(Span(start, cut), b))
            start = after
        if start < block_end:
            sentences.append(Sentence(Span(start, block_end), b))
    return sentences


# Searched backwards from the full stop: a forward search would try every position of a long
# sentence for every full stop in it (quadratic on "word. word. word. ...").
WORD_BEFORE = regex.compile(r"([\w.\-]+)$", regex.REVERSE)
INITIALISM = regex.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # letters: "U.S", "e.g"; never a decimal such as "6.2"


def _is_abbreviation(prose: str, start: int, dot: int, mark: str, lang: Language) -> bool:
    if not mark.startswith(".") or mark.startswith(".."):
        return False
    m = WORD_BEFORE.search(prose, start, dot)
    if not m:
        return False
    word = m.group(1)
    if word.lower().rstrip(".") in lang.abbreviation_set:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "Jens J. Stoltenberg"
        return True
    return "." in word and bool(INITIALISM.fullmatch(word))  # "U.S", "e.g" read as initialisms


def _starts_sentence(ch: str) -> bool:
    return not ch.islower() and ch not in ",;:)]"

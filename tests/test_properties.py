"""Property-based tests (issue 7): random articles and rule documents never crash factlint.

Articles: every run ends with exit 0 or 1 (2, with ``PATH:LINE:COL: message``, for bytes that are not
UTF-8, NUL bytes and broken front matter), every reported position lies inside the file, and a
finding's ``found`` is the text at its position. The position is turned back into text here, from
the raw file, by the README's definition (lines end at CR, LF or CRLF; columns count code points; a
BOM is not a column), so that the check does not trust factlint's own arithmetic. ``found`` is
compared in its display form (``show``: one line, escaped, at most 80 characters). A Markdown comment
inside a finding's words is left to test_hostile.py.

Rule documents: accepted, or rejected with exit 2 and ``PATH:LINE:COL: message`` lines on stderr;
never a traceback or an internal error.

Seeds are fixed (``derandomize``) and examples bounded, so CI runs the same cases every time.
"""
from __future__ import annotations

import copy
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from checker.model import UNCOVERED, show
from checker.suppress import UNUSED
from conftest import RULES, run, SEED_STORY

SETTINGS = {"derandomize": True, "deadline": None, "database": None,
            "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}

# --------------------------------------------------------------------------- articles

FRAGMENTS = [
    # claims the seed rules contradict, so that findings (and their positions) are exercised
    "Russia invaded Ukraine in February 2014.",
    "Putin ordered the invasion of Ukraine on 24 February 2022.",
    "Stoltenberg met Prime Minister Yoon Suk-yeol and Defense Minister Kim Min-jun.",
    "He cited Germany, Sweden and Norway.", "Germany, Sweden and Norway", "countries like Germany and Norway",
    "changed their export policy", "weapons", "Countries like Germany and Norway changed their export policy.",
    "Germany, Poland and Norway changed their policy on weapons exports.", "Stoltenberg met Putin in Seoul.",
    'Stoltenberg said there was a "strong necessity" for ammunition.', "\u201curgent needs\u201d",
    "\u00ab besoin urgent \u00bb de munitions", "\u300c\u5f3e\u85ac\u300d", "\u201eurgent\u201c",
    "EU Commission President Jens Stoltenberg spoke in Seoul.", "Stoltenberg, the secretary-general of NATO,",
    "He spoke at the Choi Institute for Advanced Studies.", "Russia calls it a special military exercise.",
    "Stoltenberg urged South Korea on Tuesday", "last year", "on Monday",
    # other languages and scripts
    "2022\u5e742\u670824\u65e5", "\u53bb\u5e742\u6708", "\u0668\u0662\u0660\u0662",
    "\u0662\u0664 \u0641\u0628\u0631\u0627\u064a\u0631 \u0662\u0660\u0662\u0662", "24 Februari 2022",
    "en f\u00e9vrier dernier", "\u65af\u6258\u5c14\u6ed5\u8d1d\u683c", "\u0633\u062a\u0648\u0644\u062a\u0646\u0628\u0631\u063a",
    "\u30c9\u30a4\u30c4\u3001\u30ce\u30eb\u30a6\u30a7\u30fc", "\u5165\u4fb5", "\u3002", "\u061f", "\uff01",
    # Markdown, suppressions and sentence ends
    "<!-- factlint-disable-next-line invasion-date -->", "<!-- factlint-disable venue -->",
    "<!-- factlint-enable venue -->", "<!-- factlint-disable-file no-such-fact -->", "<!-- note -->", "<!--",
    "```\ncode\n```", "`x`", "[link](http://x)", "![img](a.png)", "# Heading", "- item", "> quoted", "---",
    "(Photo: Reuters)", "Mr.", "U.S.", "...", "\u2026", "e.g.", '"', "\u201c", "\u201d", "\u00ab",
    # what must not reach a terminal or a CI log raw
    "\x1b[31m", "\x1b]0;title\x07", "::error file=x,line=1::pwned", "%0A", "\u202e", "\u200b", "\t", "\x0c",
    "\x0b", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffd", "\U0001f600", "e\u0301", "]]>", "<&>",
]
GOOD_FRONT_MATTER = ["---\ndate: 2023-01-31\nlang: en\n---\n"] * 8 + [
    "---\nlang: no\n---\n", "---\nlang: zh-Hant\n---\n", "---\n---\n", "---\ndate: 2023-01-31\n...\n"]
BAD_FRONT_MATTER = [  # exit 2, with the line
    "---\ndate: [1\n---\n", "---\ndate: yesterday\n---\n", "---\ntitle: never closed\n", "---\nlang: [en]\n---\n",
    "---\ntitle: \x1b[31m\n---\n"]
SEPARATORS = [" ", " ", "\n", "\n\n", "\r\n", "\r", ""]


@st.composite
def article_texts(draw: Any, front_matter: tuple[str, ...] = ("", *GOOD_FRONT_MATTER, *BAD_FRONT_MATTER)) -> str:
    words = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
    pieces = draw(st.lists(st.one_of(st.sampled_from(FRAGMENTS), words), min_size=1, max_size=24))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)))
    body = "".join(p + s for p, s in zip(pieces, seps))
    text = draw(st.sampled_from(["", "\ufeff"])) + draw(st.sampled_from(front_matter)) + body
    newline = draw(st.sampled_from([None, "\r\n", "\r"]))  # CR alone ends a line too
    return text.replace("\n", newline) if newline else text


BREAK = re.compile(r"\r\n|\r|\n")


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, by the README: CR, LF and CRLF end lines."""
    spans, start = [], 0
    for m in BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def offset(text: str, lines: list[tuple[int, int]], line: int, column: int) -> int:
    """The code-point offset of a 1-based (line, column); fails when it is not inside the file."""
    assert 1 <= line <= len(lines), (line, len(lines))
    start, end = lines[line - 1]
    if line == 1 and text.startswith("\ufeff"):
        start += 1  # a BOM is not a column
    assert 1 <= column <= end - start + 1, (line, column, end - start)
    return start + column - 1


def check_article(folder: Path, raw: bytes, suffix: str, readable: bool = False) -> None:
    """Run one article; ``readable``: its front matter is valid, so exit 2 would be a bug."""
    path = folder / f"article{suffix}"
    path.write_bytes(raw)
    r = run("check", "--no-cache", "--rules", str(RULES), "--story", SEED_STORY, "--output-format", "json", str(path))
    assert "internal error" not in r.err and "Traceback" not in r.err, r.err
    if b"\x00" in raw:
        assert r.code == 2 and r.err == f"{path}: looks like a binary file (it contains NUL bytes); skipped\n"
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        assert r.code == 2, r.err
        before = raw[:e.start].decode("utf-8")
        lines = line_spans(before)
        column = lines[-1][1] - lines[-1][0] + 1 - (len(lines) == 1 and before.startswith("\ufeff"))
        assert r.err.startswith(f"{path}:{len(lines)}:{column}: not valid UTF-8 (byte offset {e.start}:"), r.err
        return
    doc = json.loads(r.out)  # valid JSON whatever the article holds
    if r.code == 2 and not readable:  # only broken front matter stops a decodable article
        assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+: front matter [^\n]*\n", r.err), r.err
        assert doc["findings"] == [] and doc["summary"]["unreadable"] == 1
        return
    assert r.code in (0, 1) and r.err == "", r.err
    lines = line_spans(text)
    for f in doc["findings"]:
        start = offset(text, lines, f["line"], f["column"])
        end = offset(text, lines, f["end_line"], f["end_column"])
        assert start <= end, f
        if f["rule"] in (UNUSED, UNCOVERED):
            continue  # about a comment or the whole article, not the article's words
        assert f["found"] == show(text[start:end]), (f, text[start:end])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("articles")


@settings(max_examples=150, **SETTINGS)
@given(text=article_texts(), suffix=st.sampled_from([".txt", ".md"]))
def test_random_articles_report_positions_inside_the_file_and_their_text(folder, text, suffix):
    check_article(folder, text.encode("utf-8"), suffix)


@settings(max_examples=60, **SETTINGS)
@given(text=article_texts(tuple(GOOD_FRONT_MATTER)), suffix=st.sampled_from([".txt", ".md"]))
def test_valid_front_matter_is_read_whatever_the_line_ends(folder, text, suffix):
    check_article(folder, text.encode("utf-8"), suffix, readable=True)


@settings(max_examples=60, **SETTINGS)
@given(text=article_texts(), junk=st.lists(st.tuples(st.integers(0, 10 ** 6), st.binary(min_size=1, max_size=4)),
                                          max_size=3), suffix=st.sampled_from([".txt", ".md"]))
def test_random_bytes_are_checked_or_refused_with_a_position(folder, text, junk, suffix):
    raw = text.encode("utf-8")
    for at, chunk in junk:  # invalid UTF-8, NUL and other bytes anywhere, even inside a character
        at %= len(raw) + 1
        raw = raw[:at] + chunk + raw[at:]
    check_article(folder, raw, suffix)


@settings(max_examples=20, **SETTINGS)
@given(text=article_texts())
def test_every_format_stays_well_formed_and_one_line_per_finding(folder, text):
    path = folder / "article.md"
    path.write_text(text, encoding="utf-8")
    base = ("check", "--no-cache", "--rules", str(RULES), "--story", SEED_STORY)
    plain = run(*base, str(path))
    assert plain.code in (0, 1, 2) and "internal error" not in plain.err
    # nothing from the article reaches the terminal raw: every character printable, one finding a line
    for line in (plain.out + plain.err).splitlines():
        assert line.isprintable(), repr(line)
    assert all(line.startswith(f"{path}:") for line in plain.findings)
    gh = run(*base, "--output-format", "github", str(path))
    assert all(line.startswith("::") for line in gh.out.splitlines()[:-1]), gh.out
    # one line a finding, and one annotation a file that could not be read (issue 20: errors are annotated)
    assert len(gh.out.splitlines()) == len(plain.out.splitlines()) + len(plain.err.splitlines())
    json.loads(run(*base, "--output-format", "sarif", str(path)).out)
    ET.fromstring(run(*base, "--output-format", "junit", str(path)).out.encode("ascii"))


# --------------------------------------------------------------------------- rule documents

KEYS = ["story", "description", "languages", "entities", "facts", "id", "kind", "message", "severity",
        "sources", "applies", "lang", "expected", "members", "subject", "participants", "speaker", "said",
        "accepted", "canonical", "aliases", "keywords", "entity", "titles", "type", "name", "any", "all",
        "patterns", "exclude", "exclude_patterns", "hedged_severity", "within", "url", "date", "quote", "en",
        "examples", "pass", "fail", "text"]
VALUES = ["date", "set", "participants", "quote", "name", "title", "person", "country", "error", "warning",
          "info", "2022-02-24", "germany", "stoltenberg", "(a", "[", "*", "&", "!!python/object", "", "~",
          "yes", "no", "1e9", "0x10", ".nan"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 20, 10 ** 20), st.floats(allow_nan=True),
                    st.sampled_from(VALUES), st.text(max_size=10))
# String keys only: a number or boolean as a key is an internal error today (see test_hostile.py)
YAML_KEYS = st.one_of(st.sampled_from(KEYS), st.text(max_size=8))


def yaml_values(leaves: Any = SCALARS) -> Any:
    return st.recursive(leaves, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(YAML_KEYS, inner, max_size=4)), max_leaves=20)


def seed_rules() -> dict:
    return yaml.safe_load((RULES / "stoltenberg-seoul-2023.yaml").read_text(encoding="utf-8"))


def _containers(value: Any, at: tuple = ()) -> list[tuple]:
    out = [at] if isinstance(value, (dict, list)) and value else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for k, v in items:
        out += _containers(v, at + (k,))
    return out


def _get(value: Any, at: tuple) -> Any:
    for k in at:
        value = value[k]
    return value


@st.composite
def mutated_seed_rules(draw: Any) -> Any:
    doc = copy.deepcopy(seed_rules())
    for _ in range(draw(st.integers(1, 4))):
        containers = _containers(doc)
        if not containers:
            break
        parent = _get(doc, draw(st.sampled_from(containers)))
        key = draw(st.sampled_from(list(parent) if isinstance(parent, dict) else list(range(len(parent)))))
        op = draw(st.sampled_from(["drop", "rename", "retype", "duplicate"]))
        if op == "drop":
            del parent[key]
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(YAML_KEYS)] = parent.pop(key)
        elif op == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))  # a second fact or entity with the same id
        else:
            parent[key] = draw(yaml_values())
    return doc


def dump(doc: Any) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


# characters YAML accepts in a document (a raw control character is tested in test_hostile.py)
YAML_CHARS = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff\ufffe\uffff")


@st.composite
def edited_seed_text(draw: Any) -> str:
    """Line edits of the seed rule file: broken indentation, lost lines, stray characters."""
    lines = (RULES / "stoltenberg-seoul-2023.yaml").read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "insert", "truncate"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip()
        elif op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            extra = draw(st.one_of(st.sampled_from(["&a", "*a", "!!python/object:os.system", "<<: *x", "? ",
                                                    "{", "]", ": ", "- ", "'", '"', "#", "|", "%"]),
                                   st.text(YAML_CHARS, max_size=4)))
            lines[i] = lines[i][:at] + extra + lines[i][at:]
        else:
            lines[i] = lines[i][:draw(st.integers(0, len(lines[i])))]
        if not lines:
            break
    return "\n".join(lines) + "\n"


ERROR_LINE = re.compile(r"(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): \S.*")


def check_rules(folder: Path, text: str) -> None:
    rules = folder / "rules.yaml"
    rules.write_text(text, encoding="utf-8")
    article = folder / "article.txt"
    article.write_text("Russia invaded Ukraine in February 2014. Stoltenberg met Putin.\n", encoding="utf-8")
    r = run("check", "--no-cache", "--rules", str(rules), str(article))
    assert "internal error" not in r.err and "Traceback" not in r.err, r.err
    if r.code in (0, 1):
        assert r.err == "", r.err
        return
    assert r.code == 2 and r.err, r.out
    for line in r.err.splitlines():
        m = ERROR_LINE.fullmatch(line)
        assert m and m["path"] == str(rules), line
        assert 1 <= int(m["line"]) <= max(1, len(text.splitlines()) + 1), line


@settings(max_examples=120, **SETTINGS)
@given(doc=st.one_of(yaml_values(), st.dictionaries(st.sampled_from(KEYS[:5]), yaml_values(), max_size=5)))
def test_random_rule_documents_are_accepted_or_refused_with_a_position(folder, doc):
    check_rules(folder, dump(doc))


@settings(max_examples=60, **SETTINGS)
@given(doc=mutated_seed_rules())
def test_mutated_seed_rules_are_accepted_or_refused_with_a_position(folder, doc):
    check_rules(folder, dump(doc))


@settings(max_examples=80, **SETTINGS)
@given(text=edited_seed_text())
def test_edited_seed_rule_text_is_accepted_or_refused_with_a_position(folder, text):
    assume(text.strip())
    check_rules(folder, text)


# --------------------------------------------------------------------------- term search

def _fold_unsafe_now() -> set[int]:
    """The characters language.FOLD_UNSAFE must hold, derived from this Python's Unicode data."""
    odd = set()
    for i in range(sys.maxunicode + 1):
        c = chr(i)
        low, up = c.lower(), c.upper()
        if len(low) != 1 or c.casefold() != low or (up != c and len(up) == 1 and up.lower() != low):
            odd.add(i)
    return odd


def test_the_fold_unsafe_characters_are_those_of_this_python():
    from checker.language import FOLD_UNSAFE

    listed = {i for i in range(sys.maxunicode + 1) if FOLD_UNSAFE.match(chr(i))}
    assert listed == _fold_unsafe_now()


TERM_WORDS = ["invasion", "invad*", "Invaded", "held talks", "الذخيرة", "Stoltenberg", "NATO", "he",
              "special military operation", "弹药", "Straße", "İstanbul", "σίγμα", "Korea", "Korean", "Kor*",
              "Korean War", "North Korea", "ذخيرة"]
TERM_TEXT = st.lists(st.sampled_from(TERM_WORDS + ["the", "ſtoltenberg", "µ", "\u212aelvin", "Ἀ", "ſ", "ﬀ", "K", "ولل", "للذخيرة", "  ", "\n",
                                                   "-", "x", "é", "ς", "ΣΊΓΜΑ", "STRASSE", "i̇"]), max_size=40)


@settings(max_examples=300, **SETTINGS)
@given(st.lists(st.sampled_from(TERM_WORDS), min_size=1, max_size=5, unique=True), TERM_TEXT,
       st.booleans(), st.integers(0, 30), st.integers(0, 30))
@example(["Stoltenberg"], ["ſtoltenberg"], True, 0, 0)  # long s folds to s: only the regex engine knows
@example(["الذخيرة"], ["للذخيرة"], False, 0, 0)  # li- + al- written lil-
@example(["Korean War", "Kor*"], ["Korean", "Korea"], False, 0, 0)  # a first word that begins another
def test_finding_terms_by_their_first_word_gives_the_regex_scan_s_matches(terms, pieces, fold, a, b):
    """Terms searches with ``str.find`` or with one pass of ``re`` over the first words where it can;
    the regex engine's own scan is the reference."""
    import regex

    from checker.language import Terms, _scanner

    text = "".join(p if p.strip() == "" else f"{p} " for p in pieces)
    flags = regex.IGNORECASE if fold else 0
    t = Terms(tuple(terms), lambda w: regex.escape(w.rstrip("*")).replace(r"\ ", r"\s+")
              + (r"\w*" if w.endswith("*") else ""), flags)
    lo, hi = sorted((min(a, len(text)), len(text) - min(b, len(text))))
    t._scan = None  # str.find for each first word
    fast = [m.span() for m in t.finditer(text, lo, hi)]
    t._scan = _scanner(t._literals)  # one pass of re over them
    scanned = [m.span() for m in t.finditer(text, lo, hi)]
    words = t.first_words(text, lo, hi)
    t._literals = None  # the regex scan
    slow = [m.span() for m in t.finditer(text, lo, hi)]
    assert fast == scanned == slow
    # every match holds a first word (where they are searched in the text): Mentions.able_to_hold
    assert words is None or all(any(a <= s and e <= b for s, e in words) for a, b in slow)


@settings(max_examples=300, **SETTINGS)
@given(st.lists(st.sampled_from(TERM_WORDS + ["NATO chief", "ذخيرة الأسلحة", "弹药库", "Korea-", "-sup"]),
                min_size=1, max_size=8, unique=True), TERM_TEXT, st.booleans())
@example(["Korean War", "Korean", "弹药", "Korea"], ["Korean", "弹药"], False)  # boundaries change, then return
def test_shared_boundaries_written_once_match_as_each_written_out(terms, pieces, fold):
    """``joined`` writes a boundary that neighbouring alternatives share once; the pattern must find
    what the alternation with every alternative's own boundaries finds, in every order."""
    import regex

    from checker.language import _edged, bounded, joined

    text = "".join(p if p.strip() == "" else f"{p} " for p in pieces)
    flags = regex.IGNORECASE if fold else 0
    body = lambda w: regex.escape(w.rstrip("*")).replace(r"\ ", r"\s+") + (r"\w*" if w.endswith("*") else "")  # noqa: E731
    each = regex.compile("|".join(bounded(t, body(t)) for t in terms), flags)
    shared = regex.compile(joined(_edged(t, body(t)) for t in terms), flags)
    assert [m.span() for m in shared.finditer(text)] == [m.span() for m in each.finditer(text)]
    assert [m.span() for m in shared.finditer(text, overlapped=True)] == \
        [m.span() for m in each.finditer(text, overlapped=True)]


# --------------------------------------------------------------------------- date scan

DATE_PIECES = {
    "en": ["February", "FEBRUARY", "feb.", "Feb", "24", "24th", "2022", "last", "Last", "year", "Monday", "monDAY",
           "next", "this week", "today", "of", "in", "May", "mayor", "Sept", "sept.", "day before yesterday"],
    "fr": ["février", "Février", "FÉVRIER", "févr.", "24", "1er", "2022", "dernier", "lundi", "l'an dernier",
           "l’an dernier", "aujourd'hui", "aujourd’hui", "mi", "en", "sept", "avant-hier"],
    "id": ["Februari", "februari", "24", "2022", "tahun lalu", "Senin", "Minggu", "minggu lalu", "lalu", "pada",
           "bulan", "kemarin", "hari ini"],
    "ar": ["فبراير", "شباط", "وفبراير", "بفبراير", "2022", "٢٠٢٢", "24", "الاثنين", "والاثنين", "العام الماضي", "في",
           "/", "(", ")", "م", "لفبراير"],
}
DATE_NOISE = [" ", "  ", "\n", ",", ".", "-", "/", "x", "Ab", "2²", "½", "\u0301", "\u200c", "ſ", "\u212a", "İ", "ß",
              "\u00a0", "’", "'", "日", "3"]


@settings(max_examples=400, **SETTINGS)
@given(st.sampled_from(sorted(DATE_PIECES)), st.data(), st.integers(0, 20), st.integers(0, 20))
@example("en", None, 0, 0)
def test_dates_tried_at_the_prescanned_word_starts_are_the_full_scan_s(lang, data, a, b):
    """The date pattern is tried only where the standard re finds a possible start; the matches
    must be exactly those of the regex engine's own scan of the whole range."""
    from checker.mentions.dates import _matches, locale

    if data is None:  # the example: a sentence with each kind of date
        text = "On Monday, 24 February 2022, and last year in May, the mayor met 2²023 times."
    else:
        pieces = data.draw(st.lists(st.sampled_from(DATE_PIECES[lang] + DATE_NOISE), max_size=30))
        text = "".join(pieces)
    loc = locale(lang)
    assert loc.starts is not None
    lo, hi = sorted((min(a, len(text)), len(text) - min(b, len(text))))
    fast = [m.span() for m in _matches(loc, text, lo, hi)]
    assert fast == [m.span() for m in loc.pattern.finditer(text, lo, hi)]


# --------------------------------------------------------------------------- people

NAME_TEXT = st.lists(st.sampled_from(["Jens", "Stoltenberg", "Secretary", "General", "NATO", "Minister", "of", "Lee",
                                      "Jong-sup", "x", "-", "'", "\u2019", " ", "  ", ",", ", the", "\n", "\u65af\u6258",
                                      "\u5c14\u6ed5\u8d1d\u683c", "Defense", "said", "é", "\u0301"]), max_size=30)


@settings(max_examples=300, **SETTINGS)
@given(NAME_TEXT, st.integers(0, 200), st.integers(0, 200))
def test_the_words_before_a_place_are_the_sentence_s_own_words_that_end_there(pieces, a, b):
    """``_tokens_before`` tokenises only up to a name: it must give the tokens a whole-sentence
    tokenisation gives, up to there (a word cut at the end is not one of them)."""
    from checker.mentions.names import _tokens_before, word_tokens
    from checker.model import Span

    text = "".join(pieces)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    span = Span(start, len(text))
    assert _tokens_before(text, span, end) == [t for t in word_tokens(text, span) if t[1] <= end]


@settings(max_examples=80, **SETTINGS)
@given(st.lists(st.sampled_from(FRAGMENTS[:25]), min_size=1, max_size=6), st.sampled_from(["en", "id", "fr"]))
def test_the_known_people_are_everyone_the_rules_know(fragments, lang):
    """Checks that need only the people the rules know ask for them alone; the answer must be
    the full search's, less the strangers. Likewise the sentences that name someone."""
    from checker.article import read_article
    from checker.mentions import Mentions

    rules = _seed_rules()
    article = read_article("a.txt", rules.languages, default_lang=lang, raw=" ".join(fragments).encode())
    for s in article.sentences:
        alone = Mentions(article, rules).people(s.span, unknown=False)
        both = Mentions(article, rules)
        everyone = both.people(s.span)
        assert alone == [p for p in everyone if p.entity is not None]
        assert both.people(s.span, unknown=False) == alone  # answered from the full search's cache
        for entity in rules.entities:  # the sentences naming an entity, from one pass over the article
            named = any(e.entity == entity for e in both.entities(s.span))
            assert (s.span.start in both.naming(entity)) == named


_RULES: list = []


def _seed_rules():  # type: ignore[no-untyped-def]
    from checker.rules import load_rules

    if not _RULES:
        _RULES.append(load_rules([str(RULES)]))
    return _RULES[0]


# --------------------------------------------------------------------------- issue 21: hidden characters, rules that find

HIDDEN = ["\u200b", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u202e", "\u202c", "\u2066", "\u2069", "\u200f",
          "\u0435", "\u0430", "\u043e", "\u03bf"]  # format and bidi characters, Cyrillic and Greek lookalikes


@st.composite
def hidden_article_texts(draw: Any) -> str:
    """An article of the fragments above with invisible characters and lookalike letters dropped
    anywhere, inside words and figures too."""
    text = draw(article_texts(tuple(GOOD_FRONT_MATTER)))
    for at, ch in draw(st.lists(st.tuples(st.integers(0, 10 ** 6), st.sampled_from(HIDDEN)), max_size=8)):
        at %= len(text) + 1
        text = text[:at] + ch + text[at:]
    return text


@settings(max_examples=80, **SETTINGS)
@given(text=hidden_article_texts(), suffix=st.sampled_from([".txt", ".md"]))
@example("Russia invaded Ukraine in February 20\u200d14.", ".txt")
@example("Russia inv\u0430ded Ukraine in February 2014.", ".txt")
def test_hidden_characters_keep_positions_inside_the_file_and_found_its_text(folder, text, suffix):
    check_article(folder, text.encode("utf-8"), suffix)


def test_a_hidden_character_inside_a_claim_hides_no_finding(folder):
    for text in ("Russia invaded Ukraine in February 20\u200d14.", "Russia inv\u0430ded Ukraine in February 2014.",
                 "Russia invaded Ukraine in Febr\u200buary 2014."):
        path = folder / "hidden.txt"
        path.write_text(text, encoding="utf-8")
        r = run("check", "--no-cache", "--rules", str(RULES), "--story", SEED_STORY, str(path))
        assert any(" error stoltenberg-seoul-2023/invasion-date " in line for line in r.findings), (text, r.out)


# Random rule files that do find something: facts of random ids, messages and sources (hostile text
# among them), each with a trigger and a year the article contradicts; every output format stays
# well formed and inert, and each fact's finding is where its sentence puts it.
RULE_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1,
                    max_size=20).filter(lambda t: t.strip() != "")
TRIGGERS = ["ceremony", "opening", "signing", "launch", "verdict", "election", "summit", "merger"]


@st.composite
def finding_rules(draw: Any) -> tuple[str, str, list[tuple[str, int, int]]]:
    """(rule file, article, [(fact id, line, column)]) where each fact gets one finding."""
    n = draw(st.integers(1, 4))
    triggers = draw(st.lists(st.sampled_from(TRIGGERS), min_size=n, max_size=n, unique=True))
    ids = draw(st.lists(st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True), min_size=n, max_size=n,
                        unique=True))
    facts, lines, expected = [], [], []
    for i, (fid, trigger) in enumerate(zip(ids, triggers)):
        year = draw(st.integers(1900, 2090))
        said = year + draw(st.sampled_from([-3, -1, 1, 7]))
        facts.append({"id": fid, "kind": "date", "message": draw(RULE_TEXT), "expected": str(year),
                      "sources": [draw(RULE_TEXT)], "severity": draw(st.sampled_from(["error", "warning", "info"])),
                      "applies": {"any": [trigger]}})
        sentence = f"The {trigger} was held in {said}."
        lines.append(sentence)
        expected.append((fid, i + 1, sentence.index(str(said)) + 1))
    text = yaml.safe_dump({"facts": facts}, allow_unicode=draw(st.booleans()))
    return text, "\n".join(lines) + "\n", expected


@settings(max_examples=40, **SETTINGS)
@given(case=finding_rules())
def test_random_rule_files_that_find_keep_every_output_inert_and_valid(folder, case):
    rules_text, article_text, expected = case
    rules = folder / "finding-rules.yaml"
    rules.write_text(rules_text, encoding="utf-8")
    path = folder / "finding.txt"
    path.write_text(article_text, encoding="utf-8")
    base = ("check", "--no-cache", "--no-config", "--exit-zero", "--rules", str(rules))
    doc = json.loads(run(*base, "--output-format", "json", str(path)).out)
    assert sorted((f["rule"], f["line"], f["column"]) for f in doc["findings"]) == sorted(expected), doc
    plain = run(*base, str(path))
    assert plain.code == 0 and plain.err == "", plain.err
    for line in plain.out.splitlines():
        assert line.isprintable(), repr(line)
    assert len(plain.findings) == len(expected) and all(line.startswith(f"{path}:") for line in plain.findings)
    gh = run(*base, "--output-format", "github", str(path)).out.splitlines()
    assert len(gh) == len(expected) + 1 and all(line.startswith("::") and line.isprintable() for line in gh[:-1])
    json.loads(run(*base, "--output-format", "sarif", str(path)).out)
    ET.fromstring(run(*base, "--output-format", "junit", str(path)).out.encode("ascii"))
    for command in (("rules", "--rules", str(rules)), ("explain", "--rules", str(rules), expected[0][0])):
        r = run(*command)
        assert r.code == 0, r.err
        assert all(line.isprintable() for line in r.out.splitlines()), r.out

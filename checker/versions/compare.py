"""Compare a version's values with its source's, paragraph by aligned paragraph.

In each pair of paragraphs, values of one kind that agree are matched first (in order). A value
of the version left over that has a left-over source value of the same kind (and unit) beside it
contradicts it: an ``error`` at the version's words, with the source's as the related place. A
value the version adds is a ``warning`` and one it drops an ``info``, and only where the
paragraphs are paired by structure (a translation); a rewrite's other paragraphs are its own.
A value that agrees with a source value anywhere in the article has moved, not changed: never a
finding. Quotations are compared only between versions of one language, names as written only
between languages that write names alike (en, id, fr).
"""
from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from typing import Any, Callable

from ..facts.quantity import MARKED
from ..mentions.quantities import interval
from ..model import Severity, Span
from .align import align
from .values import LATIN, Value, Version

KINDS = {"date": "version-date", "time": "version-time", "number": "version-number", "country": "version-country",
         "name": "version-name", "list": "version-member", "quote": "version-quote"}
WHAT = {"date": "date", "time": "time", "number": "figure", "country": "country", "name": "name",
        "list": "list", "quote": "quotation"}


@dataclass(frozen=True)
class VersionHit:
    """A difference between a version and its source: at the version's words (``span``), with the
    source's words (``source_span``) when there are any."""

    rule_id: str
    severity: Severity
    span: Span
    source_span: Span | None
    message: str
    found: str
    expected: str


def agree(a: Value, b: Value) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "number":
        qa, qb = a.detail, b.detail
        if not _same_unit(qa.unit, qb.unit):
            return False
        if a.anchor is not None and b.anchor is not None and type(a.anchor) is type(b.anchor) and \
                _anchor_key(a.anchor) != _anchor_key(b.anchor):
            return False  # the same share, given to another candidate
        # A translation keeps the figure: "at least 1,400" is not "sedikitnya 1.300", though both
        # intervals reach to infinity. Open hedges are set aside; "about" keeps its tenth.
        if _DIRECTION.get(qa.hedge or "") != "near":
            qa = dataclasses.replace(qa, hedge=None)
        if _DIRECTION.get(qb.hedge or "") != "near":
            qb = dataclasses.replace(qb, hedge=None)
        la, ha = interval(qa)
        lb, hb = interval(qb)
        # Rounding intervals that only touch do not agree: "1,400" (1,350-1,450) is not "1.300".
        return la < hb and lb < ha or la == ha == lb == hb
    if a.kind == "date":
        return all(x is None or y is None or x == y for x, y in zip(a.key, b.key)) and \
            any(x is not None and y is not None for x, y in zip(a.key, b.key))
    if a.kind == "time":
        (ma, za), (mb, zb) = a.key, b.key
        if za is not None and zb is not None:
            ma, mb = round(ma - za * 60) % 1440, round(mb - zb * 60) % 1440
        off = min(abs(ma - mb), 1440 - abs(ma - mb))
        return off <= (30 if a.detail.approximate or b.detail.approximate else 0)
    if a.kind == "name" and a.key[0] == "text" and b.key[0] == "text":
        return _fold(a.key[1]) == _fold(b.key[1])
    return bool(a.key == b.key)


def _anchor_key(key: Any) -> Any:
    return ("text", _fold(key[1])) if isinstance(key, tuple) and key[0] == "text" else key


def _same_unit(a: str | None, b: str | None) -> bool:
    """Units alike, or a count one version says without its noun ("约130万居民" is 1.3 million
    people): a figure with no unit may stand for a count, never for a share or an amount."""
    return a == b or (a is None and b not in MARKED) or (b is None and a not in MARKED)


_DIRECTION = {"at_least": "up", "more_than": "up", "at_most": "down", "less_than": "down", "about": "near",
              "nearly": "near"}


def _fold(name: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))


def _comparable(a: Value, b: Value) -> bool:
    """Whether two left-over values can be one value changed: a figure of the same unit, a name
    spelled alike, lists sharing a member, quotations sharing half their words."""
    if a.kind != b.kind:
        return False
    if a.kind == "number":
        return _same_unit(a.detail.unit, b.detail.unit)
    if a.kind == "name":
        if a.key[0] != "text" or b.key[0] != "text":
            return False
        return difflib.SequenceMatcher(None, _fold(a.key[1]), _fold(b.key[1])).ratio() >= 0.75
    if a.kind == "list":
        return bool(a.key & b.key)
    if a.kind == "quote":
        sa, sb = set(a.key), set(b.key)
        return len(sa & sb) >= 0.5 * max(len(sa), len(sb))
    return True


def compare(source: Version, version: Version) -> list[VersionHit]:
    same_lang = (source.article.lang or "en") == (version.article.lang or "en")
    latin = (source.article.lang or "en") in LATIN and (version.article.lang or "en") in LATIN
    usable: Callable[[Value], bool] = lambda v: (v.kind != "quote" or same_lang) and \
        (v.kind != "name" or v.key[0] != "text" or latin)
    src_values = [v for v in source.values if usable(v)]
    ver_values = [v for v in version.values if usable(v)]
    pairs, structural = align(source, version)
    left_src: dict[int, list[Value]] = {}
    for v in src_values:
        left_src.setdefault(v.block, []).append(v)
    left_ver: dict[int, list[Value]] = {}
    # 1. In each pair of paragraphs, the values that agree, in order.
    for v in ver_values:
        sb = pairs.get(v.block)
        match = next((s for s in left_src.get(sb, []) if agree(v, s)), None) if sb is not None else None
        if match is not None:
            left_src[sb].remove(match)
        else:
            left_ver.setdefault(v.block, []).append(v)
    # 2. A value that agrees with a source value left over elsewhere has moved, not changed.
    for block, values in left_ver.items():
        for v in list(values):
            for sb, rest in left_src.items():
                match = next((s for s in rest if agree(v, s)), None)
                if match is not None:
                    rest.remove(match)
                    values.remove(v)
                    break
    # Where a version value agrees with a source value already matched, it repeats it: not new.
    repeated = [v for values in left_ver.values() for v in values if any(agree(v, s) for s in src_values)]
    hits: list[VersionHit] = []
    # 3. In each pair of paragraphs, what is left: a changed value, else an added or a dropped one.
    for vb, sb in sorted(pairs.items()):
        at = Span(version.blocks[vb].start, version.blocks[vb].start)
        ver_left = [v for v in left_ver.get(vb, []) if v not in repeated]
        hits += _pair(left_src.get(sb, []), ver_left, src_values, ver_values, structural, at, version.findable)
    return hits


def _pair(left_src: list[Value], left_ver: list[Value], all_src: list[Value], all_ver: list[Value],
          structural: bool, at: Span, findable: frozenset[str]) -> list[VersionHit]:
    """The values of a pair of paragraphs that no value agrees with; ``at`` is where the version's
    paragraph starts (a value it leaves out is reported there)."""
    hits: list[VersionHit] = []
    left_src = list(left_src)
    still_ver: list[Value] = []
    for v in left_ver:
        other = next((s for s in left_src if _comparable(v, s)), None)
        if other is not None:
            left_src.remove(other)
            hits.append(_contradiction(v, other, all_src, all_ver))
            if v.kind == "list":  # its members are the list's finding, not findings of their own
                left_src = [s for s in left_src if not (other.span.start <= s.span.start < other.span.end)]
                still_ver = [w for w in still_ver if not (v.span.start <= w.span.start < v.span.end)]
        else:
            still_ver.append(v)
    if not structural:
        return hits
    for v in still_ver:
        if v.kind == "name" and v.key[0] == "text":
            continue  # a capitalised phrase as written is no name for sure: only a changed one is reported
        hits.append(VersionHit(KINDS[v.kind], Severity.WARNING, v.span, None,
                               f'the version adds the {WHAT[v.kind]} "{v.shown}", which its source does not give',
                               v.shown, ""))
    for s in left_src:
        if any(agree(s, w) for w in all_ver) or s.kind == "name" and (s.key[0] == "text" or s.key[1] not in findable):
            continue  # (a name the version's script cannot show, for want of an alias, is not left out)
        hits.append(VersionHit(KINDS[s.kind], Severity.INFO, at, s.span,
                               f'the version leaves out the {WHAT[s.kind]} "{s.shown}" of its source', "", s.shown))
    return hits


def _contradiction(v: Value, s: Value, all_src: list[Value], all_ver: list[Value]) -> VersionHit:
    if v.kind == "list":
        def members(values: list[Value], lst: Value) -> dict:  # type: ignore[type-arg]
            return {m.key: m.shown for m in values if m.kind in ("country", "name")
                    and lst.span.start <= m.span.start < lst.span.end}
        was, now = members(all_src, s), members(all_ver, v)
        lost = sorted(was.get(k, str(k)) for k in s.key - v.key)
        added = sorted(now.get(k, str(k)) for k in v.key - s.key)
        detail = "; ".join(part for part in (f"lost {', '.join(lost)}" if lost else "",
                                             f"added {', '.join(added)}" if added else "") if part)
        message = f'the version lists "{v.shown}" where its source lists "{s.shown}" ({detail})'
    else:
        message = f'the version says "{v.shown}" where its source says "{s.shown}"'
    return VersionHit(KINDS[v.kind], Severity.ERROR, v.span, s.span, message, v.shown, s.shown)

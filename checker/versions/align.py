"""Pair a version's paragraphs with its source's.

Machine translation keeps paragraphs: when both have as many paragraphs, the n-th goes with the
n-th ("structural"). Otherwise (a rewrite, a summary) paragraphs are paired by the values they
share, in order, as a sequence alignment: a paragraph the version leaves out or adds stays
unpaired, and only values in paired paragraphs can contradict each other.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from .values import Value, Version


def signature(v: Value) -> Any:
    """A value's key coarse enough to be shared across languages and roundings."""
    if v.kind == "number":
        unit, value = v.key
        return ("number", unit, float(f"{value:.2g}"))
    if v.kind in ("date", "country", "name", "list"):
        return (v.kind, v.key if not isinstance(v.key, frozenset) else tuple(sorted(v.key)))
    return None


def _by_block(version: Version) -> dict[int, set[Any]]:
    out: dict[int, set[Any]] = defaultdict(set)
    for v in version.values:
        sig = signature(v)
        if sig is not None:
            out[v.block].add(sig)
    return out


def align(source: Version, version: Version) -> tuple[dict[int, int], bool]:
    """Version block -> source block, and whether the pairing is structural (same paragraphs)."""
    n, m = len(source.blocks), len(version.blocks)
    if n == m:
        return {i: i for i in range(m)}, True
    src, ver = _by_block(source), _by_block(version)
    # Needleman-Wunsch without gap costs: the most shared values along a monotone pairing.
    score = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            shared = len(src.get(i - 1, set()) & ver.get(j - 1, set()))
            score[i][j] = max(score[i - 1][j - 1] + shared, score[i - 1][j], score[i][j - 1])
    pairs: dict[int, int] = {}
    i, j = n, m
    while i > 0 and j > 0:
        shared = len(src.get(i - 1, set()) & ver.get(j - 1, set()))
        if shared and score[i][j] == score[i - 1][j - 1] + shared:
            pairs[j - 1] = i - 1
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs, False

"""Which source a version was made from, and its comparison as report findings.

A version names its source in its front matter (``source: ../id/story.md``, relative to the
article), or the configuration does for files that carry none (``[tool.factlint.versions]``,
globs relative to the project root, as ``per-file-ignores``). The version's findings point at
its own words, with the source's words as the related place; where a fact rule already flags
the same words, the rule's finding stays, with the source place added to it.
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from ..article import Article, read_article
from ..discover import path_matches
from ..model import FactlintError, Finding, Position, Related, Span
from ..rules import RuleSet
from .compare import VersionHit, compare
from .values import Version, extract


def source_of(article: Article, versions: dict[str, str], base: Path) -> tuple[str, Position | None] | None:
    """The path of the article's source, and where its front matter says so (None: the configuration)."""
    if article.source:
        return os.path.normpath(os.path.join(os.path.dirname(article.path), article.source)), article.source_at
    for glob, source in versions.items():
        if path_matches(article.path, [glob], base):
            full = base / source
            try:
                return os.path.relpath(full), None
            except ValueError:  # another drive
                return str(full), None
    return None


class Sources:
    """Sources read once per run, whatever number of versions name them."""

    def __init__(self) -> None:
        self._read: dict[tuple[str, int], Version] = {}

    def version(self, path: str, rules: RuleSet, default_lang: str | None) -> Version:
        key = (os.path.realpath(path), id(rules))
        found = self._read.get(key)
        if found is None:
            if len(self._read) > 64:
                self._read.clear()
            found = self._read[key] = extract(read_article(path, rules.languages, default_lang), rules)
        return found


def check_version(article: Article, source_path: str, at: Position | None, rules: RuleSet, sources: Sources,
                  default_lang: str | None, rule_findings: list[Finding]) -> list[Finding]:
    """The version's own findings against its source, merged with the rules' findings of it."""
    if os.path.realpath(source_path) == os.path.realpath(article.path):
        raise FactlintError("the article names itself as its source", article.path, *(at and (at.line, at.column) or ()))
    if not os.path.isfile(source_path):
        where = (at.line, at.column) if at else ()
        said = "its front matter 'source'" if at else "[tool.factlint.versions]"
        raise FactlintError(f"{said} names {source_path}, which is not a file", article.path, *where)
    source = sources.version(source_path, rules, default_lang)
    version = extract(article, rules)
    hits = compare(source, version)
    return merge(rule_findings, [_finding(h, article, source.article, version) for h in hits])


def _finding(h: VersionHit, article: Article, source: Article, version: Version) -> Finding:
    span = h.span
    if span.start < 0:  # a value left out: at the start of the paragraph that should hold it
        span = Span(version.blocks[0].start, version.blocks[0].start) if version.blocks else Span(0, 0)
    related: tuple[Related, ...] = ()
    if h.source_span is not None:
        related = (Related(source.path, source.position(h.source_span.start), source.position(h.source_span.end),
                           "the source's words"),)
    where = f" ({source.path}:{related[0].start.line}:{related[0].start.column})" if related else ""
    return Finding(path=article.path, start=article.position(span.start), end=article.position(span.end),
                   rule_id=h.rule_id, severity=h.severity, message=h.message + where, found=h.found,
                   expected=h.expected, sources=(source.path,), span=span, related=related)


def merge(rule_findings: list[Finding], version_findings: list[Finding]) -> list[Finding]:
    """One finding per drift: a version finding on words a fact rule already flags adds its source
    place to the rule's finding instead of standing beside it."""
    out = list(rule_findings)
    for v in version_findings:
        same = next((i for i, f in enumerate(out) if f.rule_id != v.rule_id and f.span.start < v.span.end
                     and v.span.start < f.span.end), None)
        if same is not None and v.related:
            out[same] = dataclasses.replace(out[same], related=out[same].related + v.related)
            continue
        out.append(v)
    return sorted(out, key=Finding.sort_key)
